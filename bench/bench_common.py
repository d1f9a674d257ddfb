"""What the benchmark scripts share: paths, isolated settings, a private redis-server, the
machine description and the results files.

Every figure a script writes is measured by that script in that run; a figure that could not be
measured is left out (or null), never estimated.
"""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"

# The benches run from a checkout: make `apps/` importable even without an editable install, and
# the tests' shared helpers (demo data) too.
for _folder in (ROOT / "apps", ROOT / "tests"):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))


def isolated_env(root: Path, redis_url: str | None = None) -> dict[str, str]:
    """Environment for a child process: its own config/data folders, no keyring, offscreen Qt."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTEGRADO_")}
    env.pop("REDIS_PASSWORD", None)
    # Children write and use compiled bytecode, as an installed package does (pip compiles it at
    # install, the bundle ships it): a shell that forbids it would time the compiling of every
    # module changed since the last run, at every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        INTEGRADO_CONFIG_DIR=str(root / "config"),
        INTEGRADO_DATA_DIR=str(root / "data"),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT / "apps"), env.get("PYTHONPATH", "")) if p),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
    return env


@contextmanager
def apply_env(env: Mapping[str, str]) -> Iterator[None]:
    """Use `env` for this process (Settings.load() reads os.environ) and put it back after."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def redis_server(data_dir: Path, **kwargs: Any) -> Iterator[Any]:
    """A private redis-server on a free port (no persistence unless asked), stopped at the end."""
    from integrado.embedded import RedisServerProcess

    kwargs.setdefault("appendonly", False)
    server = RedisServerProcess(data_dir, **kwargs)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _redis_version() -> str | None:
    from integrado.embedded import find_server_binary

    binary = find_server_binary()
    if binary is None:
        return None
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    # "Redis server v=7.0.15 sha=... malloc=jemalloc-5.3.0 bits=64 build=..."
    for part in out.split():
        if part.startswith("v="):
            name = "valkey" if "valkey" in out.lower() else "redis"
            return f"{name} {part[2:]}"
    return out.strip() or None


def machine_info() -> dict[str, Any]:
    """Cores, CPU, OS and the versions that matter for the figures (Python, Qt, Redis, SQLite)."""
    import sqlite3

    info: dict[str, Any] = {
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "redis": _redis_version(),
    }
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        info["qt"] = qVersion()
        info["pyside6"] = PySide6.__version__
    except ImportError:
        info["qt"] = None
    try:
        import redis

        info["redis_py"] = redis.__version__
    except ImportError:
        pass
    try:
        info["memory_gb"] = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return info


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def clean_number(value: Any) -> Any:
    """NaN and infinities are 'not measured': JSON null, never a number."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_results(name: str, figures: Mapping[str, Any]) -> Path:
    """bench/results/<name>.json with the figures, when and where they were measured."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    body = {k: clean_number(v) for k, v in figures.items()}
    body["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    body["load_average"] = load_average()
    path.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
