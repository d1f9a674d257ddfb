"""Start each installed program on a real X server and check that its window is really drawn.

    python packaging/x11_screenshots.py [--out DIR] [--prefix /usr/bin]

Starts Xvfb (its screen kept as an XWD file in a folder of ours, ``-fbdir``) and a redis-server,
then runs ``callsystem-gui``, ``taskmanager-gui``, ``event-console`` and ``integrado run`` one after
the other with ``QT_QPA_PLATFORM=xcb``, as the .deb installs them: not offscreen, so Qt must load its
xcb platform plugin and every X library behind it. For each program it waits for its top-level
windows (found by ``_NET_WM_PID`` with xwininfo/xprop), takes the window's pixels from the screen
and fails when the window never appears or stays blank (fewer than ``MIN_COLOURS`` distinct
colours: a window with a drawn interface has hundreds, an empty one a single background colour).
The screenshots are written as PNG files into ``--out``. Needs xvfb, x11-utils and redis-server.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

MIN_COLOURS = 32
SCREEN = (1600, 1000)
WINDOW_TIMEOUT_S = 60.0
# (name, command, top-level windows it opens)
PROGRAMS: list[tuple[str, list[str], int]] = [
    ("callsystem-gui", ["callsystem-gui"], 1),
    ("taskmanager-gui", ["taskmanager-gui"], 1),
    ("event-console", ["event-console"], 1),
    ("integrado-run", ["integrado", "run"], 3),
]


@dataclass(frozen=True)
class Window:
    """A mapped top-level window on the screen."""

    wid: str
    x: int
    y: int
    width: int
    height: int


@dataclass
class Screen:
    """Xvfb's framebuffer file (XWD format), read afresh at each look."""

    path: Path

    def grab(self) -> tuple[int, int, int, memoryview, list[int]]:
        """(width, height, bytes per line, 32-bit pixels, byte index of red, green and blue)."""
        data = self.path.read_bytes()
        for order in (">", "<"):
            fields = struct.unpack_from(f"{order}25I", data, 0)
            if fields[1] == 7:  # XWD file version
                break
        else:
            raise RuntimeError(f"{self.path} is not an XWD file")
        header_size, width, height, lsb_first = fields[0], fields[4], fields[5], fields[7] == 0
        bits_per_pixel, bytes_per_line, ncolours = fields[11], fields[12], fields[19]
        if bits_per_pixel != 32:
            raise RuntimeError(f"expected a 32-bit framebuffer, got {bits_per_pixel} bits per pixel")
        shifts = [((mask & -mask).bit_length() - 1) // 8 for mask in fields[14:17]]
        index = [shift if lsb_first else 3 - shift for shift in shifts]
        return width, height, bytes_per_line, memoryview(data)[header_size + 12 * ncolours :], index

    def region(self, window: Window, *, png: bool = False) -> tuple[int, bytes]:
        """How many distinct colours the window shows, and (when asked) the window as a PNG file."""
        width, height, stride, pixels, (red, green, blue) = self.grab()
        x0, y0 = max(window.x, 0), max(window.y, 0)
        x1, y1 = min(window.x + window.width, width), min(window.y + window.height, height)
        colours: set[int] = set()
        raw = bytearray()
        for y in range(y0, y1):
            row = pixels[y * stride + 4 * x0 : y * stride + 4 * x1]
            colours.update(row.cast("I"))
            if png:
                rgb = bytearray(3 * (x1 - x0))
                rgb[0::3], rgb[1::3], rgb[2::3] = row[red::4], row[green::4], row[blue::4]
                raw += b"\0" + rgb  # PNG filter type: none
        return len(colours), _png(x1 - x0, y1 - y0, bytes(raw)) if png else b""


def _png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def _windows_of(pid: int, display: str) -> list[Window]:
    env = {**os.environ, "DISPLAY": display}
    tree = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True, text=True, env=env).stdout
    found = []
    for wid in re.findall(r"^\s+(0x[0-9a-f]+)\s", tree, re.MULTILINE):
        prop = subprocess.run(["xprop", "-id", wid, "_NET_WM_PID"], capture_output=True, text=True, env=env).stdout
        if not re.search(rf"= {pid}$", prop.strip()):
            continue
        info = subprocess.run(["xwininfo", "-id", wid], capture_output=True, text=True, env=env).stdout
        fields = dict(re.findall(r"^\s*([A-Za-z -]+):\s+(\S+)", info, re.MULTILINE))
        if fields.get("Map State") != "IsViewable":
            continue
        window = Window(
            wid,
            int(fields["Absolute upper-left X"]),
            int(fields["Absolute upper-left Y"]),
            int(fields["Width"]),
            int(fields["Height"]),
        )
        if window.width >= 200 and window.height >= 150:  # not a tooltip or a splash of one pixel
            found.append(window)
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_xvfb(fbdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    read_fd, write_fd = os.pipe()
    width, height = SCREEN
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-fbdir", str(fbdir)],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        raise RuntimeError("Xvfb did not start")
    return xvfb, f":{number}"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def check_program(
    name: str, command: list[str], expected: int, *, display: str, screen: Screen, env: dict[str, str], out: Path
) -> str | None:
    """Run one program until its windows are drawn; None when it passed, else why it failed."""
    home = Path(env["HOME"]) / name
    home.mkdir(parents=True)
    log = home / "output.log"
    program_env = {
        **env,
        "HOME": str(home),
        "INTEGRADO_CONFIG_DIR": str(home / "config"),
        "INTEGRADO_DATA_DIR": str(home / "data"),
        "XDG_RUNTIME_DIR": str(home),
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
    }
    started = time.monotonic()
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, env=program_env, cwd=home, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        windows: list[Window] = []
        best: dict[str, int] = {}
        while time.monotonic() - started < WINDOW_TIMEOUT_S:
            if process.poll() is not None:
                return f"exited with status {process.returncode} before its windows were drawn:\n{_tail(log)}"
            windows = _windows_of(process.pid, display)
            if len(windows) >= expected:
                for window in windows:
                    colours, _ = screen.region(window)
                    best[window.wid] = max(best.get(window.wid, 0), colours)
                if all(best[window.wid] >= MIN_COLOURS for window in windows):
                    break
            time.sleep(0.25)
        else:
            if len(windows) < expected:
                return f"{len(windows)} of {expected} window(s) appeared in {WINDOW_TIMEOUT_S:.0f} s:\n{_tail(log)}"
            counts = ", ".join(f"{wid}: {count} colours" for wid, count in best.items())
            return f"window(s) still blank after {WINDOW_TIMEOUT_S:.0f} s ({counts}; need {MIN_COLOURS})"
        shown = time.monotonic() - started
        time.sleep(0.5)  # let the first data arrive, for a screenshot worth looking at
        for i, window in enumerate(windows):
            colours, png = screen.region(window, png=True)
            if colours < MIN_COLOURS:
                return f"window {window.wid} went blank ({colours} colours)"
            suffix = f"-{i + 1}" if len(windows) > 1 else ""
            (out / f"{name}{suffix}.png").write_bytes(png)
            print(
                f"ok    {name}{suffix}: {window.width}x{window.height} at +{window.x}+{window.y}, "
                f"{colours} colours, drawn {shown:.1f} s after start"
            )
        return None
    finally:
        _stop(process)


def _tail(log: Path, lines: int = 30) -> str:
    text = log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    return "\n".join(f"      {line}" for line in text)


def main(argv: list[str] | None = None) -> int:
    """Check every program; exit 1 when one of them failed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("dist/screenshots"), help="where the PNG files go")
    parser.add_argument("--prefix", default="/usr/bin", help="where the installed commands are")
    args = parser.parse_args(argv)
    for tool in ("Xvfb", "xwininfo", "xprop"):
        if shutil.which(tool) is None:
            print(f"x11_screenshots: {tool} is needed (apt install xvfb x11-utils)", file=sys.stderr)
            return 2
    redis_server = shutil.which("redis-server") or shutil.which("valkey-server")
    if redis_server is None:
        print("x11_screenshots: redis-server is needed", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="integrado-x11-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "fb").mkdir()
        (tmp / "redis").mkdir()
        xvfb, display = _start_xvfb(tmp / "fb")
        port = _free_port()
        redis = subprocess.Popen(
            [redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp / "redis")],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            screen = Screen(tmp / "fb" / "Xvfb_screen0")
            env = {
                "PATH": f"{args.prefix}:/usr/bin:/bin",
                "LANG": "C.UTF-8",
                "HOME": str(tmp / "home"),
                "REDIS_URL": f"redis://127.0.0.1:{port}/0",
            }
            for name, command, expected in PROGRAMS:
                command = [str(Path(args.prefix) / command[0]), *command[1:]]
                why = check_program(name, command, expected, display=display, screen=screen, env=env, out=args.out)
                if why is not None:
                    print(f"FAIL  {name}: {why}", file=sys.stderr)
                    failures += 1
        finally:
            _stop(redis)
            xvfb.terminate()
            xvfb.wait(10)
    print(f"x11_screenshots: {len(PROGRAMS) - failures} of {len(PROGRAMS)} programs drawn on Xvfb; PNGs in {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
