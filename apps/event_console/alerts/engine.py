"""The alerts engine: which conditions hold now, which alerts that raises or clears, and the
state every console shares through the alert events (raised, acknowledged, cleared).

`evaluate(board, now)` compares the conditions that hold with those that held at the previous
evaluation: a new one raises its alert once; one that no longer holds clears it. An alert is
identified by its condition's occurrence (`wire.alert_id`), so it is never raised twice for the
same condition, by this console or another, until that condition clears and a new occurrence
begins (a new due time, a new last activity...). Gaps and rejected events are moments, not
states: their alerts stay until acknowledged.

No Qt and no database: the presenter publishes what this returns and shows what it holds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from event_console.alerts import wire
from event_console.alerts.rules import AlertRules, RuleKind
from event_console.wallboard.board import OperationsBoard, day_start

# How long an alert that is over (cleared, or a moment acknowledged) stays in the panel's history.
KEEP_SECONDS = 2 * 24 * 3600.0
# Most serious first: what the wallboard's banner shows when several need attention.
SEVERITY = (
    RuleKind.SLA_BREACHED,
    RuleKind.CONNECTION_LOST,
    RuleKind.GAP_OR_REJECTED,
    RuleKind.WAITING_ABOVE,
    RuleKind.UNASSIGNED,
    RuleKind.SLA_DUE_SOON,
    RuleKind.OPERATOR_IDLE,
)
# Alerts about moments: they end when acknowledged.
MOMENTS = frozenset({RuleKind.GAP_OR_REJECTED})


def _always_open(start: float, end: float) -> float:
    return max(0.0, end - start)


@dataclass(slots=True)
class Alert:
    """One alert as this console knows it, with its history of who did what."""

    alert_id: str
    rule: RuleKind
    subject: str
    value: float
    threshold: int
    since: float
    raised_at: float
    raised_by: str
    acknowledged_by: list[tuple[float, str]] = field(default_factory=list)
    cleared_at: float | None = None
    snoozed_until: float | None = None
    history: list[tuple[float, str, str]] = field(default_factory=list)  # (at, event type, user)

    @property
    def active(self) -> bool:
        if self.rule in MOMENTS:
            return not self.acknowledged_by and self.cleared_at is None
        return self.cleared_at is None

    def needs_attention(self, now: float) -> bool:
        """Active, not acknowledged, not snoozed: what the panel and the tray insist on."""
        snoozed = self.snoozed_until is not None and now < self.snoozed_until
        return self.active and not self.acknowledged_by and not snoozed

    def facts(self, event_type: str) -> wire.AlertFacts:
        return wire.AlertFacts(
            event_type, self.alert_id, self.rule, self.subject, self.value, self.threshold, self.since, "", ""
        )


@dataclass(frozen=True, slots=True)
class Condition:
    """A rule that holds now, about one subject, since when."""

    alert_id: str
    rule: RuleKind
    subject: str
    value: float
    threshold: int
    since: float


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one evaluation changed: alerts this console raised first, alerts it saw clear."""

    raised: tuple[Alert, ...] = ()
    cleared: tuple[Alert, ...] = ()


def call_label(key: tuple[str, str, str]) -> str:
    """A call's subject as alerts name it: its number, and its origin's first characters."""
    _system, origin, ident = key
    return f"#{ident} · {origin[:6]}" if origin else f"#{ident}"


class AlertEngine:
    """Evaluates the rules over the operations board and keeps every known alert."""

    def __init__(
        self,
        rules: AlertRules,
        *,
        me: str = "",
        shift_seconds: Callable[[float, float], float] = _always_open,
        in_shift: Callable[[float], bool] = lambda _at: True,
    ) -> None:
        self.rules = rules
        self.me = me
        self.alerts: dict[str, Alert] = {}
        self._holding: dict[str, Condition] = {}
        self._moments: list[Condition] = []
        self._lost_since: float | None = None
        self._ids: dict[tuple[RuleKind, tuple[object, ...]], str] = {}
        self._shift_seconds = shift_seconds
        self._in_shift = in_shift

    # -- conditions ---------------------------------------------------------------------------

    def conditions(self, board: OperationsBoard, now: float) -> dict[str, Condition]:
        """Every enabled rule's conditions that hold at `now` (gaps and rejections excepted)."""
        found: dict[str, Condition] = {}

        ids = self._ids
        if len(ids) > 200_000:  # conditions come and go; the ids of old ones need not stay
            ids.clear()

        def hold(rule: RuleKind, subject: str, value: float, threshold: int, since: float, *key: object) -> None:
            # A UUID 5 is a SHA-1: computed once per condition, not once a second.
            ident = ids.get((rule, key))
            if ident is None:
                ident = ids[(rule, key)] = wire.alert_id(rule, *key)
            found[ident] = Condition(ident, rule, subject, value, threshold, since)

        breached = self.rules.enabled(RuleKind.SLA_BREACHED)
        soon = self.rules.enabled(RuleKind.SLA_DUE_SOON)
        unassigned = self.rules.enabled(RuleKind.UNASSIGNED)
        for facts in board.open_calls.values():
            due = facts.sla_due_at
            if due is not None and not facts.sla_paused:
                if breached and due < now:
                    hold(RuleKind.SLA_BREACHED, call_label(facts.key), (now - due) / 60, 0, due, *facts.key, due)
                elif soon and now <= due < now + soon.value * 60:
                    hold(
                        RuleKind.SLA_DUE_SOON,
                        call_label(facts.key),
                        (due - now) / 60,
                        soon.value,
                        due,
                        *facts.key,
                        due,
                        soon.value,
                    )
            if unassigned and not facts.assignee and now - facts.created_at >= unassigned.value * 60:
                hold(
                    RuleKind.UNASSIGNED,
                    call_label(facts.key),
                    (now - facts.created_at) / 60,
                    unassigned.value,
                    facts.created_at,
                    *facts.key,
                    facts.created_at,
                    unassigned.value,
                )
        waiting = self.rules.enabled(RuleKind.WAITING_ABOVE)
        if waiting:
            queue = board.first_action_queue()
            if len(queue) > waiting.value:
                # The occurrence is named by the call that took the queue over N: the same on
                # every console that has folded the same events.
                over = queue[waiting.value]
                hold(RuleKind.WAITING_ABOVE, "", len(queue), waiting.value, over.created_at, *over.key, waiting.value)
        lost = self.rules.enabled(RuleKind.CONNECTION_LOST)
        if lost and self._lost_since is not None and now - self._lost_since >= lost.value:
            hold(
                RuleKind.CONNECTION_LOST,
                self.me,
                now - self._lost_since,
                lost.value,
                self._lost_since,
                self.me,
                self._lost_since,
            )
        idle = self.rules.enabled(RuleKind.OPERATOR_IDLE)
        if idle and self._in_shift(now):
            midnight = day_start(now)
            for user, op in board.ledger.operators.items():
                last = op.last_activity_at
                # Only who came in today: yesterday's last click is not today's idleness.
                if not user or last is None or last < midnight:
                    continue
                if self._shift_seconds(last, now) >= idle.value * 60:
                    hold(RuleKind.OPERATOR_IDLE, user, (now - last) / 60, idle.value, last, user, last, idle.value)
        return found

    def connection_changed(self, live: bool, now: float) -> None:
        """The console's own connection: lost since `now` unless live."""
        if live:
            self._lost_since = None
        elif self._lost_since is None:
            self._lost_since = now

    def note_gap(self, stream: str, origin: str, first: int, last: int, now: float) -> None:
        """A gap in a source's sequence numbers: one alert per missing range."""
        if self.rules.enabled(RuleKind.GAP_OR_REJECTED):
            ident = wire.alert_id(RuleKind.GAP_OR_REJECTED, "gap", stream, origin, first, last)
            self._moments.append(
                Condition(ident, RuleKind.GAP_OR_REJECTED, f"{stream} {first}–{last}", last - first + 1, 0, now)
            )

    def note_rejected(self, channel: str, reason: str, now: float) -> None:
        """A rejected message: one alert per channel and reason each hour (a flood of hostile
        messages is one alert, not a thousand)."""
        if self.rules.enabled(RuleKind.GAP_OR_REJECTED):
            ident = wire.alert_id(RuleKind.GAP_OR_REJECTED, "rejected", channel, reason, int(now // 3600))
            self._moments.append(Condition(ident, RuleKind.GAP_OR_REJECTED, f"{channel}: {reason}", 1, 0, now))

    # -- evaluation ---------------------------------------------------------------------------

    def evaluate(self, board: OperationsBoard, now: float | None = None) -> Outcome:
        """Raise what began holding, clear what stopped; returns both (to publish and notify)."""
        now = time.time() if now is None else now
        holding = self.conditions(board, now)
        raised: list[Alert] = []
        for cond in [*holding.values(), *self._moments]:
            if cond.alert_id not in self.alerts:
                alert = Alert(
                    cond.alert_id, cond.rule, cond.subject, cond.value, cond.threshold, cond.since, now, self.me
                )
                alert.history.append((now, wire.RAISED, self.me))
                self.alerts[cond.alert_id] = alert
                raised.append(alert)
            else:
                self.alerts[cond.alert_id].value = cond.value
        self._moments.clear()
        cleared: list[Alert] = []
        for ident in self._holding.keys() - holding.keys():
            ended = self.alerts.get(ident)
            if ended is not None and ended.cleared_at is None:
                ended.cleared_at = now
                ended.history.append((now, wire.CLEARED, self.me))
                cleared.append(ended)
        self._holding = holding
        return Outcome(tuple(raised), tuple(cleared))

    # -- what the office did ------------------------------------------------------------------

    def apply(self, facts: wire.AlertFacts, at: float) -> Alert | None:
        """An alert event from the channel (any console's, this one's included); returns the
        alert when it is new to this console (to notify), else None."""
        try:
            rule = RuleKind(facts.rule)
        except ValueError:
            return None
        who = facts.user
        known = self.alerts.get(facts.alert_id)
        new = known is None
        if known is not None:
            alert = known
        else:
            alert = Alert(facts.alert_id, rule, facts.subject, facts.value, facts.threshold, facts.since, at, who)
            self.alerts[facts.alert_id] = alert
        if any(h[1] == facts.type and h[2] == who for h in alert.history):
            return None  # this console's own event coming back, or a copy
        alert.history.append((at, facts.type, who))
        alert.history.sort()
        if facts.type == wire.RAISED:
            alert.raised_at = min(alert.raised_at, at)
        elif facts.type == wire.ACKNOWLEDGED:
            alert.acknowledged_by.append((at, who))
        elif facts.type == wire.CLEARED and alert.cleared_at is None:
            alert.cleared_at = at
        return alert if new and facts.type == wire.RAISED else None

    def acknowledge(self, alert_id: str, user: str, now: float) -> Alert | None:
        alert = self.alerts.get(alert_id)
        if alert is None or any(u == user for _t, u in alert.acknowledged_by):
            return None
        alert.acknowledged_by.append((now, user))
        alert.history.append((now, wire.ACKNOWLEDGED, user))
        return alert

    def snooze(self, alert_id: str, until: float) -> None:
        """Quiet for a while on this console only (others still see it)."""
        alert = self.alerts.get(alert_id)
        if alert is not None:
            alert.snoozed_until = until

    def attention(self, now: float) -> list[Alert]:
        """Alerts that need someone, the most serious kind first, then newest first."""
        return sorted(
            (a for a in self.alerts.values() if a.needs_attention(now)),
            key=lambda a: (SEVERITY.index(a.rule), -a.raised_at),
        )

    def listed(self) -> list[Alert]:
        """Every alert kept: active first, then newest first."""
        return sorted(self.alerts.values(), key=lambda a: (not a.active, -a.raised_at))

    def prune(self, now: float) -> None:
        for ident in [i for i, a in self.alerts.items() if not a.active and a.raised_at < now - KEEP_SECONDS]:
            del self.alerts[ident]

    def restore(self, alerts: Iterable[Alert]) -> None:
        """Alerts from a checkpoint. Those this console raised and that still hold stay held; the
        next evaluation clears the ones whose condition ended while the console was closed."""
        for alert in alerts:
            self.alerts.setdefault(alert.alert_id, alert)
        self.resume()

    def resume(self) -> None:
        """After a start: what this console raised and is still active counts as holding, so the
        next evaluation clears what ended meanwhile (and raises nothing twice)."""
        for alert in self.alerts.values():
            if alert.active and alert.rule not in MOMENTS and alert.raised_by == self.me:
                self._holding.setdefault(
                    alert.alert_id,
                    Condition(alert.alert_id, alert.rule, alert.subject, alert.value, alert.threshold, alert.since),
                )
