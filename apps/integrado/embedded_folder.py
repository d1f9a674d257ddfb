"""The embedded Redis server's folder (`<data dir>/redis`): its password and port files.

Apart from `integrado.embedded` (which starts the server) so that the settings, read before an
app's first window paints, can find port and password without importing what starting a server
needs (subprocess, sockets).
"""

from __future__ import annotations

import os
from pathlib import Path

# The files of the embedded server, in its folder (`<data dir>/redis`).
PASSWORD_FILE = "password"  # noqa: S105 - a file name
CONF_FILE = "embedded.conf"
PORT_FILE = "port"


def write_private(path: Path, text: str) -> None:
    """Write `text` to a file only its owner may read, never readable by others in between."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)


def embedded_password(server_dir: Path, *, create: bool = False) -> str | None:
    """The embedded server's password, from its 0600 file; made once when `create` is true.

    A file others can read is not trusted: its password is replaced (and the server, started
    with the new one, refuses whoever read the old one)."""
    path = Path(server_dir) / PASSWORD_FILE
    try:
        if path.stat().st_mode & 0o077 == 0:
            password = path.read_text(encoding="utf-8").strip()
            if password:
                return password
    except OSError:
        pass
    if not create:
        return None
    import secrets  # only the first start makes one

    password = secrets.token_urlsafe(32)
    write_private(path, password + "\n")
    return password


def embedded_port(server_dir: Path) -> int | None:
    """The port the running embedded server listens on, from the file it writes at start."""
    try:
        port = int((Path(server_dir) / PORT_FILE).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    return port if 0 < port < 65536 else None
