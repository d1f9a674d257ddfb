"""The wallboard's tiles and their targets: which value turns a tile amber or red.

Read from the settings file's `[wallboard.targets]` table, for example::

    [wallboard.targets]
    waiting_first_action = { amber = 5, red = 10 }
    oldest_unassigned_minutes = { amber = 10, red = 30 }
    resolved_vs_yesterday_percent = { amber = 90, red = 70 }   # lower is worse

No Qt here.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a text for Qt's translation tools without importing Qt here; the view translates it
    in context "Wallboard"."""
    del context
    return text


class Tile(enum.StrEnum):
    """The wallboard's numbers, in the order they are shown."""

    WAITING_FIRST_ACTION = "waiting_first_action"
    OVER_SLA = "over_sla"
    DUE_SOON = "due_soon"
    OLDEST_UNASSIGNED = "oldest_unassigned_minutes"
    RESOLVED_TODAY = "resolved_vs_yesterday_percent"
    TASKS_OVERDUE = "tasks_overdue"


class Level(enum.StrEnum):
    """How a tile's value stands against its target."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


TILE_TITLES: dict[Tile, str] = {
    Tile.WAITING_FIRST_ACTION: QT_TRANSLATE_NOOP("Wallboard", "Waiting for a first action"),
    Tile.OVER_SLA: QT_TRANSLATE_NOOP("Wallboard", "Over SLA"),
    Tile.DUE_SOON: QT_TRANSLATE_NOOP("Wallboard", "Due within 30 min"),
    Tile.OLDEST_UNASSIGNED: QT_TRANSLATE_NOOP("Wallboard", "Oldest unassigned"),
    Tile.RESOLVED_TODAY: QT_TRANSLATE_NOOP("Wallboard", "Resolved today"),
    Tile.TASKS_OVERDUE: QT_TRANSLATE_NOOP("Wallboard", "Tasks overdue"),
}


@dataclass(frozen=True, slots=True)
class Target:
    """A tile turns amber at `amber` and red at `red`; where lower is worse, below them."""

    amber: float
    red: float
    lower_is_worse: bool = False

    def level(self, value: float | None) -> Level:
        if value is None:
            return Level.GREEN
        if self.lower_is_worse:
            return Level.RED if value < self.red else Level.AMBER if value < self.amber else Level.GREEN
        return Level.RED if value >= self.red else Level.AMBER if value >= self.amber else Level.GREEN


DEFAULT_TARGETS: dict[Tile, Target] = {
    Tile.WAITING_FIRST_ACTION: Target(5, 10),
    Tile.OVER_SLA: Target(1, 3),
    Tile.DUE_SOON: Target(3, 6),
    Tile.OLDEST_UNASSIGNED: Target(10, 30),
    Tile.RESOLVED_TODAY: Target(90, 70, lower_is_worse=True),
    Tile.TASKS_OVERDUE: Target(1, 5),
}


class TargetsError(ValueError):
    """A `[wallboard.targets]` entry that cannot be used; the message names it."""


def load_targets(raw: Mapping[str, object]) -> dict[Tile, Target]:
    """The targets from the settings file's raw tables, the defaults for what it leaves out."""
    targets = dict(DEFAULT_TARGETS)
    section = raw.get("wallboard", {})
    table = section.get("targets", {}) if isinstance(section, Mapping) else {}
    if not isinstance(table, Mapping):
        raise TargetsError("[wallboard.targets] must be a table")
    for name, value in table.items():
        try:
            tile = Tile(name)
        except ValueError:
            raise TargetsError(f"[wallboard.targets] {name}: not a tile ({', '.join(Tile)})") from None
        if not isinstance(value, Mapping):
            raise TargetsError(f"[wallboard.targets] {name} must be a table like {{ amber = 5, red = 10 }}")
        default = DEFAULT_TARGETS[tile]
        amber, red = value.get("amber", default.amber), value.get("red", default.red)
        for label, number in (("amber", amber), ("red", red)):
            if isinstance(number, bool) or not isinstance(number, int | float) or number < 0:
                raise TargetsError(f"[wallboard.targets] {name}.{label} must be a number of 0 or more")
        assert isinstance(amber, int | float) and isinstance(red, int | float)
        if (red < amber) != default.lower_is_worse and red != amber:
            worse = "below" if default.lower_is_worse else "above"
            raise TargetsError(f"[wallboard.targets] {name}: red must be {worse} amber")
        targets[tile] = Target(float(amber), float(red), default.lower_is_worse)
    return targets
