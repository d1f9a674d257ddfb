"""Named filter presets, kept in the console's `prefs` (its QSettings ini file).

A preset is the filter as JSON (without its moment-bound `since`) plus the "received within"
choice in seconds, so that "last 15 minutes" means the last 15 minutes whenever it is loaded.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from event_console.filters import EventFilter

PRESETS_GROUP = "filter_presets"
RECENT_GROUP = f"{PRESETS_GROUP}_recent"


class FilterPresets:
    """Saves, lists, loads and deletes presets in `prefs`."""

    def __init__(self, prefs: QSettings) -> None:
        self.prefs = prefs

    def names(self) -> list[str]:
        self.prefs.beginGroup(PRESETS_GROUP)
        try:
            return sorted(self.prefs.childKeys())
        finally:
            self.prefs.endGroup()

    def save(self, name: str, flt: EventFilter, recent_seconds: float) -> str:
        """Save under `name` made a valid key; returns that name ("" when nothing is left of it)."""
        name = name.strip().replace("/", " ").replace("\\", " ")
        if not name:
            return ""
        self.prefs.setValue(f"{PRESETS_GROUP}/{name}", flt.with_(since=None).to_json())
        self.prefs.setValue(f"{RECENT_GROUP}/{name}", float(recent_seconds))
        self.prefs.sync()
        return name

    def load(self, name: str) -> tuple[EventFilter, float]:
        """The preset's filter and its "received within" seconds (an unknown name: no filter)."""
        flt = EventFilter.from_json(str(self.prefs.value(f"{PRESETS_GROUP}/{name}", "")))
        try:  # an ini file gives the number back as text; a hand-edited one may give anything
            recent = float(str(self.prefs.value(f"{RECENT_GROUP}/{name}", 0.0) or 0.0))
        except ValueError:
            recent = 0.0
        return flt, recent

    def delete(self, name: str) -> None:
        self.prefs.remove(f"{PRESETS_GROUP}/{name}")
        self.prefs.remove(f"{RECENT_GROUP}/{name}")
        self.prefs.sync()
