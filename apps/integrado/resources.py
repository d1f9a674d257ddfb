"""Find the shipped `resources/` folder from a source checkout and from a PyInstaller bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    # apps/integrado/resources.py -> checkout root
    candidates.append(Path(__file__).resolve().parents[2] / "resources")
    candidates.append(Path(sys.prefix) / "share" / "integrado" / "resources")
    for candidate in candidates:
        if (candidate / "schema").is_dir():
            return candidate
    raise FileNotFoundError(
        "Integrado's resources folder was not found (looked in: "
        + ", ".join(str(c) for c in candidates)
        + "); the installation is incomplete."
    )


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
