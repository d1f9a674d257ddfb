"""Photograph each main window in Brazilian Portuguese with realistic data (docs/*_pt.png).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python packaging/screenshots_pt.py

Reuses the apps' own demo data (helpers.demo.callsystem, helpers.demo.taskmanager, helpers.demo.console)
with the Portuguese catalogue installed before any window is built, exactly as an operator whose
desktop is in pt_BR sees them. `--dark` photographs with a dark palette (to check contrast).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "apps"))
sys.path.insert(0, str(ROOT / "tests"))


def _dark_palette(app: object) -> None:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#2b2b2b"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1f1f1f"),
        (roles.AlternateBase, "#2a2a2a"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#353535"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.Highlight, "#3d7fd9"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#353535"),
        (roles.ToolTipText, "#e6e6e6"),
        (roles.PlaceholderText, "#9a9a9a"),
    ):
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)  # type: ignore[attr-defined]


def console_screenshot(path: Path) -> None:
    """A console with a morning of history and live traffic arriving through a real server."""
    import redis

    from event_console.app import start
    from helpers.demo.console import DemoTraffic, publish_sync, seed_history
    from integrado.db import make_engine
    from integrado.embedded import RedisServerProcess, find_server_binary
    from integrado.history import HistoryStore
    from integrado.settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="console-shot-"))
    server = RedisServerProcess(tmp / "redis", binary=find_server_binary(), appendonly=False)
    server.start()
    try:
        os.environ["INTEGRADO_CONFIG_DIR"] = str(tmp / "config")
        os.environ["INTEGRADO_DATA_DIR"] = str(tmp / "data")
        os.environ["REDIS_URL"] = server.url
        settings = Settings.load(read_keyring=False)
        traffic = DemoTraffic(seed=11)
        now = time.time()
        store = HistoryStore(make_engine(settings.console_db))
        seed_history(store, traffic, 1500, now - 6 * 3600, now - 60)
        store.engine.dispose()

        async def run() -> None:
            handle = await start(settings)
            handle.window.resize(1500, 920)
            await asyncio.sleep(1.0)
            client = redis.Redis.from_url(server.url)
            for _ in range(6):
                publish_sync(client, settings.redis, list(traffic.many(5)))
                await asyncio.sleep(0.3)
            client.close()
            await asyncio.sleep(1.5)
            handle.window.grab().save(str(path))
            await handle.shutdown()

        import qasync

        qasync.run(run())
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--dark", action="store_true", help="dark palette; files named *_pt_dark.png")
    parser.add_argument("--only", choices=["callsystem", "taskmanager", "console"])
    args = parser.parse_args()

    from integrado.qt.desktop import setup_application
    from integrado.qt.i18n import install_translator
    from integrado.qt.runner import make_qapplication

    app = make_qapplication("Integrado")
    setup_application(app, "Integrado")
    if install_translator(app, "pt_BR") != "pt_BR":
        print("screenshots: the Portuguese catalogue did not load", file=sys.stderr)
        return 1
    if args.dark:
        _dark_palette(app)
    suffix = "_pt_dark.png" if args.dark else "_pt.png"
    wanted = [args.only] if args.only else ["callsystem", "taskmanager", "console"]
    os.environ["INTEGRADO_OPERATOR"] = "ana.souza"
    for name in wanted:
        path = args.out / f"{name}{suffix}"
        if name == "callsystem":
            from helpers.demo.callsystem import screenshot as calls_screenshot

            calls_screenshot(str(path))
        elif name == "taskmanager":
            from helpers.demo.taskmanager import screenshot as tasks_screenshot

            tasks_screenshot(path)
        else:
            console_screenshot(path)
        print(f"screenshots: wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
