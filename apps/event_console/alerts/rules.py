"""Alert rules: what raises an alert, with its threshold, from settings and from the rules dialog.

The settings file gives the office's defaults, for example::

    [alerts]
    sla_due_soon = { enabled = true, minutes = 15 }
    unassigned = { enabled = true, minutes = 10 }
    waiting_above = { enabled = false, count = 20 }
    connection_lost = { seconds = 30 }
    operator_idle = { enabled = true, minutes = 45 }
    sound = false

and the rules dialog stores a console's own choices over them (in the console's preferences).
No Qt here.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, replace


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a text for Qt's translation tools without importing Qt here; the Qt parts
    translate it in context "Alerts"."""
    del context
    return text


class RuleKind(enum.StrEnum):
    """What an alert is about."""

    SLA_BREACHED = "sla_breached"
    SLA_DUE_SOON = "sla_due_soon"
    UNASSIGNED = "unassigned"
    WAITING_ABOVE = "waiting_above"
    GAP_OR_REJECTED = "gap_or_rejected"
    CONNECTION_LOST = "connection_lost"
    OPERATOR_IDLE = "operator_idle"


class Unit(enum.StrEnum):
    """What a rule's threshold counts."""

    NONE = ""
    MINUTES = "minutes"
    SECONDS = "seconds"
    COUNT = "count"


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """How a kind of rule reads: its threshold's unit, default and bounds, its title."""

    unit: Unit
    default: int
    maximum: int
    title: str


SPECS: dict[RuleKind, RuleSpec] = {
    RuleKind.SLA_BREACHED: RuleSpec(Unit.NONE, 0, 0, QT_TRANSLATE_NOOP("Alerts", "SLA breached")),
    RuleKind.SLA_DUE_SOON: RuleSpec(Unit.MINUTES, 15, 24 * 60, QT_TRANSLATE_NOOP("Alerts", "SLA due within N minutes")),
    RuleKind.UNASSIGNED: RuleSpec(
        Unit.MINUTES, 10, 24 * 60, QT_TRANSLATE_NOOP("Alerts", "Call unassigned for N minutes")
    ),
    RuleKind.WAITING_ABOVE: RuleSpec(Unit.COUNT, 20, 100_000, QT_TRANSLATE_NOOP("Alerts", "Calls waiting above N")),
    RuleKind.GAP_OR_REJECTED: RuleSpec(Unit.NONE, 0, 0, QT_TRANSLATE_NOOP("Alerts", "A gap or a rejected event")),
    RuleKind.CONNECTION_LOST: RuleSpec(
        Unit.SECONDS, 30, 24 * 3600, QT_TRANSLATE_NOOP("Alerts", "Connection lost for N seconds")
    ),
    RuleKind.OPERATOR_IDLE: RuleSpec(
        Unit.MINUTES, 45, 24 * 60, QT_TRANSLATE_NOOP("Alerts", "Operator idle for N minutes during the shift")
    ),
}


@dataclass(frozen=True, slots=True)
class AlertRule:
    """One rule: on or off, and its threshold in its kind's unit."""

    kind: RuleKind
    enabled: bool
    value: int


@dataclass(frozen=True, slots=True)
class AlertRules:
    """Every kind's rule, and whether a new alert also beeps."""

    rules: tuple[AlertRule, ...]
    sound: bool = False

    def get(self, kind: RuleKind) -> AlertRule:
        for rule in self.rules:
            if rule.kind == kind:
                return rule
        raise KeyError(kind)

    def enabled(self, kind: RuleKind) -> AlertRule | None:
        rule = self.get(kind)
        return rule if rule.enabled else None

    def with_rule(self, rule: AlertRule) -> AlertRules:
        return replace(self, rules=tuple(rule if r.kind == rule.kind else r for r in self.rules))

    def as_flat(self) -> dict[str, str]:
        """`kind/enabled`, `kind/value` and `sound` as text (the console's preferences)."""
        flat = {"sound": "1" if self.sound else "0"}
        for rule in self.rules:
            flat[f"{rule.kind}/enabled"] = "1" if rule.enabled else "0"
            flat[f"{rule.kind}/value"] = str(rule.value)
        return flat

    def over_flat(self, flat: Mapping[str, object]) -> AlertRules:
        """These rules with a console's stored choices over them (unreadable entries ignored)."""
        rules = self
        for rule in self.rules:
            enabled, value = flat.get(f"{rule.kind}/enabled"), flat.get(f"{rule.kind}/value")
            new = rule
            if enabled in ("0", "1", 0, 1, True, False, "true", "false"):
                new = replace(new, enabled=enabled in ("1", 1, True, "true"))
            if value is not None:
                try:
                    number = int(str(value))
                except ValueError:
                    number = None
                spec = SPECS[rule.kind]
                if number is not None and 0 <= number <= spec.maximum:
                    new = replace(new, value=number)
            rules = rules.with_rule(new)
        sound = flat.get("sound")
        if sound is not None:
            rules = replace(rules, sound=sound in ("1", 1, True, "true"))
        return rules


DEFAULT_RULES = AlertRules(tuple(AlertRule(kind, True, spec.default) for kind, spec in SPECS.items()))


class RulesError(ValueError):
    """An `[alerts]` entry that cannot be used; the message names it."""


def load_rules(raw: Mapping[str, object]) -> AlertRules:
    """The rules from the settings file's raw tables, the defaults for what it leaves out."""
    section = raw.get("alerts", {})
    if not isinstance(section, Mapping):
        raise RulesError("[alerts] must be a table")
    rules = DEFAULT_RULES
    for name, value in section.items():
        if name == "sound":
            if not isinstance(value, bool):
                raise RulesError("[alerts] sound must be true or false")
            rules = replace(rules, sound=value)
            continue
        try:
            kind = RuleKind(name)
        except ValueError:
            raise RulesError(f"[alerts] {name}: not a rule ({', '.join(RuleKind)})") from None
        if not isinstance(value, Mapping):
            raise RulesError(f"[alerts] {name} must be a table like {{ enabled = true }}")
        spec, rule = SPECS[kind], rules.get(kind)
        enabled = value.get("enabled", True)
        if not isinstance(enabled, bool):
            raise RulesError(f"[alerts] {name}.enabled must be true or false")
        number = rule.value
        if spec.unit is not Unit.NONE and spec.unit in value:
            given = value[spec.unit]
            if isinstance(given, bool) or not isinstance(given, int) or not 0 <= given <= spec.maximum:
                raise RulesError(f"[alerts] {name}.{spec.unit} must be a whole number from 0 to {spec.maximum}")
            number = given
        rules = rules.with_rule(AlertRule(kind, enabled, number))
    return rules
