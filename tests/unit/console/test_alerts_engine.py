"""Alert rules, the engine's raise/clear/acknowledge cycle, and alert events on the wire."""

from __future__ import annotations

import time
from typing import Any

import orjson
import pytest

from event_console.alerts import wire
from event_console.alerts.engine import AlertEngine
from event_console.alerts.rules import DEFAULT_RULES, AlertRule, RuleKind, RulesError, load_rules
from event_console.wallboard.board import OperationsBoard
from integrado.events import Actor, Codec, ReceivedEvent
from integrado.settings import RedisSettings

ORIGIN = "5b0f8f46-2f4c-4c1e-a4a4-0c8e2d3b7f10"
NOW = time.mktime((2026, 11, 25, 11, 0, 0, 0, 0, -1))


def call(event_type: str, ident: int, user: str = "ana", **data: Any) -> dict[str, Any]:
    snapshot = {"id": ident, "status": "new", "assignee": "", "created_at": data.pop("created_at", NOW - 60)}
    snapshot.update(data)
    return {
        "system": "callsystem",
        "type": event_type,
        "id": ident,
        "actor": {"user": user, "host": "pc"},
        "data": snapshot,
    }


def engine(me: str = "sup") -> AlertEngine:
    return AlertEngine(DEFAULT_RULES, me=me)


def test_sla_breach_raises_once_and_clears_when_resolved() -> None:
    board, alerts = OperationsBoard(), engine()
    board.apply(call("call.created", 1, sla_due_at=NOW + 30 * 60, assignee="ana"), ORIGIN, NOW - 60)
    assert alerts.evaluate(board, NOW).raised == ()
    first = alerts.evaluate(board, NOW + 20 * 60)  # due within 15 minutes
    assert [a.rule for a in first.raised] == [RuleKind.SLA_DUE_SOON]
    breached = alerts.evaluate(board, NOW + 31 * 60)
    assert [a.rule for a in breached.raised] == [RuleKind.SLA_BREACHED]
    assert [a.rule for a in breached.cleared] == [RuleKind.SLA_DUE_SOON]
    for minute in range(32, 40):  # never repeated while the condition holds
        assert alerts.evaluate(board, NOW + minute * 60).raised == ()
    board.apply(
        call("call.status_changed", 1, status="resolved", assignee="ana", sla_due_at=NOW + 1800), ORIGIN, NOW + 40 * 60
    )
    done = alerts.evaluate(board, NOW + 41 * 60)
    assert [a.rule for a in done.cleared] == [RuleKind.SLA_BREACHED]
    assert alerts.attention(NOW + 41 * 60) == []


def test_three_consoles_name_the_same_alert_the_same() -> None:
    boards = [OperationsBoard() for _ in range(3)]
    for board in boards:
        board.apply(call("call.created", 7, sla_due_at=NOW - 1), ORIGIN, NOW - 600)
    ids = {
        alerts.evaluate(board, NOW + i).raised[0].alert_id
        for i, (board, alerts) in enumerate(zip(boards, [engine(f"s{i}") for i in range(3)], strict=True))
    }
    assert len(ids) == 1
    envelopes = {
        orjson.dumps(wire.envelope(wire.RAISED, a.facts(wire.RAISED), Actor("s", "h")))
        for a in [engine().evaluate(boards[0], NOW).raised[0]]
    }
    assert len(envelopes) == 1


def test_unassigned_waiting_and_idle_rules() -> None:
    board = OperationsBoard()
    for ident in range(1, 4):
        board.apply(call("call.created", ident, created_at=NOW - 15 * 60), ORIGIN, NOW - 15 * 60)
    board.apply(call("call.note_added", 9, "rui", assignee="rui", created_at=NOW - 3600), ORIGIN, NOW - 50 * 60)
    rules = DEFAULT_RULES.with_rule(AlertRule(RuleKind.WAITING_ABOVE, True, 2))
    alerts = AlertEngine(rules, me="sup")
    kinds = sorted(a.rule for a in alerts.evaluate(board, NOW).raised)
    assert kinds == [RuleKind.OPERATOR_IDLE, *[RuleKind.UNASSIGNED] * 3, RuleKind.WAITING_ABOVE]
    off_shift = AlertEngine(rules, me="sup", in_shift=lambda _at: False)
    assert RuleKind.OPERATOR_IDLE not in {a.rule for a in off_shift.evaluate(board, NOW).raised}


def test_connection_lost_gap_and_rejection() -> None:
    board, alerts = OperationsBoard(), engine()
    alerts.connection_changed(False, NOW)
    assert alerts.evaluate(board, NOW + 10).raised == ()
    lost = alerts.evaluate(board, NOW + 31).raised
    assert [a.rule for a in lost] == [RuleKind.CONNECTION_LOST]
    alerts.connection_changed(True, NOW + 40)
    assert [a.rule for a in alerts.evaluate(board, NOW + 41).cleared] == [RuleKind.CONNECTION_LOST]
    alerts.note_gap("calls_channel:stream", ORIGIN, 5, 9, NOW)
    alerts.note_rejected("tasks", "not_json", NOW)
    alerts.note_rejected("tasks", "not_json", NOW + 1)  # a flood of them: one alert
    moments = alerts.evaluate(board, NOW + 42).raised
    assert len(moments) == 2 and alerts.evaluate(board, NOW + 43).cleared == ()
    gap = moments[0]
    assert gap.active and alerts.acknowledge(gap.alert_id, "sup", NOW + 50) is gap
    assert not gap.active and gap.acknowledged_by == [(NOW + 50, "sup")]


def test_events_from_other_consoles_share_the_state() -> None:
    board = OperationsBoard()
    board.apply(call("call.created", 1, sla_due_at=NOW - 5), ORIGIN, NOW - 60)
    mine, theirs = engine("ana.sup"), engine("rui.sup")
    raised = mine.evaluate(board, NOW).raised[0]
    env = wire.envelope(wire.RAISED, raised.facts(wire.RAISED), Actor("ana.sup", "pc1"))
    facts = wire.read(env)
    assert facts is not None
    new = theirs.apply(facts, NOW)
    assert new is not None and new.alert_id == raised.alert_id
    assert theirs.evaluate(board, NOW + 1).raised == ()  # known already: not raised again
    assert mine.apply(facts, NOW) is None  # its own event coming back
    ack = wire.envelope(wire.ACKNOWLEDGED, raised.facts(wire.ACKNOWLEDGED), Actor("rui.sup", "pc2"))
    ack_facts = wire.read(ack)
    assert ack_facts is not None
    mine.apply(ack_facts, NOW + 5)
    assert mine.alerts[raised.alert_id].acknowledged_by == [(NOW + 5, "rui.sup")]
    assert mine.attention(NOW + 6) == []
    assert [h[1:] for h in mine.alerts[raised.alert_id].history] == [
        ("alert.raised", "ana.sup"),
        ("alert.acknowledged", "rui.sup"),
    ]


def test_snooze_is_local_and_ends() -> None:
    board = OperationsBoard()
    board.apply(call("call.created", 1, sla_due_at=NOW - 5), ORIGIN, NOW - 60)
    alerts = engine()
    alert = alerts.evaluate(board, NOW).raised[0]
    alerts.snooze(alert.alert_id, NOW + 600)
    assert alerts.attention(NOW + 10) == [] and alerts.attention(NOW + 601) == [alert]


def test_restart_clears_what_ended_while_closed() -> None:
    board = OperationsBoard()
    board.apply(call("call.created", 1, sla_due_at=NOW - 5), ORIGIN, NOW - 60)
    before = engine()
    alert = before.evaluate(board, NOW).raised[0]
    board.apply(call("call.closed", 1, status="closed", sla_due_at=NOW - 5), ORIGIN, NOW + 60)
    after = engine()
    after.restore([alert])
    assert [a.alert_id for a in after.evaluate(board, NOW + 120).cleared] == [alert.alert_id]


def test_alert_events_pass_the_codec_on_their_channel_only() -> None:
    redis = RedisSettings()
    codec = Codec(redis.channel_systems())
    facts = wire.AlertFacts(wire.RAISED, wire.alert_id("x"), "sla_breached", "#1", 2.5, 0, NOW, "", "")
    env = wire.envelope(wire.RAISED, facts, Actor("sup", "pc"))
    env.update(seq=1, occurred_at="2026-11-25T14:00:00.000000Z", origin=ORIGIN)
    raw = orjson.dumps(env)
    event = codec.decode(raw, redis.console_stream)
    assert isinstance(event, ReceivedEvent) and event.type == "alert.raised" and event.entity_id == facts.alert_id
    assert not isinstance(codec.decode(raw, redis.calls_channel), ReceivedEvent)  # wrong channel
    strict = codec._decode_slow_result(raw, redis.console_channel)
    assert isinstance(strict, ReceivedEvent) and strict.type == "alert.raised"


def test_rules_from_settings() -> None:
    rules = load_rules({"alerts": {"sla_due_soon": {"minutes": 5}, "operator_idle": {"enabled": False}, "sound": True}})
    assert rules.get(RuleKind.SLA_DUE_SOON).value == 5 and rules.sound
    assert rules.enabled(RuleKind.OPERATOR_IDLE) is None
    assert DEFAULT_RULES.over_flat(rules.as_flat()) == rules
    with pytest.raises(RulesError, match="not a rule"):
        load_rules({"alerts": {"nope": {}}})
    with pytest.raises(RulesError, match="minutes must be"):
        load_rules({"alerts": {"unassigned": {"minutes": -1}}})
