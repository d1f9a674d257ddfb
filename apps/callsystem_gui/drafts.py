"""The unsent registration form, kept in a small JSON file so that it survives a crash or an
accidental close (written atomically a moment after each edit)."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class DraftStore:
    """One draft per operator profile, in the data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def save(self, state: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
            # Replace in one step: a crash mid-write never leaves a half draft behind.
            os.replace(tmp, self.path)
        except OSError:
            log.warning("could not save the call draft to %s", self.path, exc_info=True)

    def load(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            log.warning("ignoring an unreadable call draft at %s", self.path, exc_info=True)
            return None
        return data if isinstance(data, dict) else None

    def clear(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            log.warning("could not remove the call draft %s", self.path, exc_info=True)
