"""The layers below the UI load without Qt: every app's domain, service and tables, and every
module of the core outside `integrado.qt` (what a headless relay, a consumer or a test imports).

Checked in a fresh interpreter: the test process has loaded PySide6 for other tests already, so
looking at its own `sys.modules` would prove nothing. The child imports one module after another
and stops at the first that brought a Qt package in, naming it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
APPS = ROOT / "apps"
QT_PACKAGES = ("PySide6", "shiboken6", "qasync", "pyqtgraph")
# The roles the architecture keeps Qt-free in every app (a module or a package of that name).
QT_FREE_ROLES = ("domain", "service", "tables")

PROBE = """
import importlib, json, sys
qt = set(sys.argv[1].split(","))
for name in sys.argv[2:]:
    importlib.import_module(name)
    loaded = sorted({m.split(".")[0] for m in sys.modules} & qt)
    if loaded:
        print(json.dumps({"module": name, "loaded": loaded}))
        sys.exit(0)
print(json.dumps({"module": None, "loaded": []}))
"""


def _module_name(path: Path) -> str:
    parts = path.relative_to(APPS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def app_modules() -> list[str]:
    found = []
    for app in sorted(p for p in APPS.iterdir() if (p / "app.py").is_file()):
        for role in QT_FREE_ROLES:
            if (app / f"{role}.py").is_file():
                found.append(f"{app.name}.{role}")
            elif (app / role / "__init__.py").is_file():
                found.extend(_module_name(p) for p in sorted((app / role).rglob("*.py")))
    return found


def core_modules() -> list[str]:
    core = APPS / "integrado"
    return [
        _module_name(p)
        for p in sorted(core.rglob("*.py"))
        # The Qt layer, and the migration scripts Alembic loads by path, not by import.
        if "qt" not in p.relative_to(core).parts[:1] and "versions" not in p.parts
    ]


def first_qt_import(modules: list[str]) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(QT_PACKAGES), *modules],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_apps_domain_service_and_tables_load_without_qt() -> None:
    modules = app_modules()
    for app in ("callsystem_gui", "taskmanager_gui"):
        assert {f"{app}.{role}" for role in QT_FREE_ROLES} <= set(modules), f"{app}'s layers were not found"
    assert first_qt_import(modules) == {"module": None, "loaded": []}


def test_the_core_outside_its_qt_layer_loads_without_qt() -> None:
    modules = core_modules()
    assert {"integrado.bus.consumer", "integrado.outbox", "integrado.history", "integrado.states"} <= set(modules)
    assert first_qt_import(modules) == {"module": None, "loaded": []}


def test_the_probe_names_a_module_that_brings_qt_in() -> None:
    # The check itself can fail: the core's status-bar widget is Qt, and the probe says so.
    assert first_qt_import(["integrado.states", "integrado.qt.status"]) == {
        "module": "integrado.qt.status",
        "loaded": ["PySide6", "shiboken6"],
    }
