"""One redaction for every secret the suite knows: the password inside a Redis or database URL
(`redis://user:***@host`, `postgresql+psycopg://alice:***@db/integrado`) wherever such a URL
appears in a text, and passwords known by value (from the environment or the keyring).

Logs, error messages, the About box, the doctor and `repr()` of the settings all go through here,
so a password shown anywhere is a bug in one place.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

MASK = "***"

# scheme://user:password@ — the password runs to the last "@" of the URL (an unencoded "@" in a
# password is common), and a URL ends at whitespace or a quote.
_URL_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/?#@'\"]*:)(?P<password>[^\s'\"]*)@")


def redact_url(text: str, *secrets: str) -> str:
    """`text` (one URL or any message) with every URL's password masked, and each of `secrets`
    (passwords, or URLs whose passwords are meant) masked wherever it appears by value."""
    text = _URL_PASSWORD.sub(lambda m: f"{m.group('head')}{MASK}@", text)
    for secret in secret_values(secrets):
        text = text.replace(secret, MASK)
    return text


def url_password(url: str) -> str | None:
    """The password inside a URL, None when it holds none."""
    # Here, not at the top: urllib.parse brings ipaddress (~2.5 ms), which a window's first
    # frame, importing the settings and so this module, does not need.
    from urllib.parse import urlsplit

    try:
        password = urlsplit(url).password
    except ValueError:
        match = _URL_PASSWORD.search(url)
        password = match.group("password") if match else None
    return password or None


def secret_values(items: Iterable[str | None]) -> list[str]:
    """The texts to mask for `items` (passwords, or URLs: their password, as typed and decoded);
    longest first, so a password containing another is masked whole."""
    from urllib.parse import unquote

    found: set[str] = set()
    for item in items:
        if not item:
            continue
        password = url_password(item) if "://" in item else item
        if password:
            found.update({password, unquote(password)})
    return sorted((value for value in found if len(value) >= 3), key=len, reverse=True)


def redacted_repr(obj: object) -> str:
    """A dataclass's repr with every URL password masked (the default repr shows URLs whole)."""
    assert dataclasses.is_dataclass(obj)
    shown = ", ".join(f"{f.name}={getattr(obj, f.name)!r}" for f in dataclasses.fields(obj) if f.repr)
    return redact_url(f"{type(obj).__name__}({shown})")
