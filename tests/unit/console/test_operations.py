"""The operations ledger folds hand-made events into per-call, per-task and per-operator facts:
first actions, resolutions and SLA, reopens, desks by status, identity by (system, origin, id)."""

from __future__ import annotations

import json
from datetime import date

from event_console.operations import OperationsLedger
from helpers.demo.operations_day import DAY, ORIGIN, OpsBuilder, local, operations_day


def t(clock: str) -> float:
    return local(DAY, clock)


def fold(builder: OpsBuilder) -> OperationsLedger:
    ledger = OperationsLedger()
    for env in builder.events:
        ledger.apply(env, env["origin"])
    return ledger


def key(call_id: int) -> tuple[str, str, str]:
    return ("callsystem", ORIGIN, str(call_id))


def test_the_seeded_day_gives_each_call_its_facts() -> None:
    ledger = fold(operations_day())
    one, two, three = ledger.calls[key(1)], ledger.calls[key(2)], ledger.calls[key(3)]
    assert (one.created_at, one.first_action_at, one.resolved_at) == (t("09:00"), t("09:10"), t("09:40"))
    assert (one.created_by, one.first_action_by, one.resolved_by, one.sla_met) == ("ana", "ana", "ana", True)
    # A note by someone else is the first action; the pause while waiting moved the due time on.
    assert (two.first_action_at, two.first_action_by) == (t("10:00"), "bruno")
    assert two.sla_due_at == t("12:00") and two.status == "closed" and two.assignee == "bruno"
    assert (two.resolved_at, two.resolved_by, two.sla_met) == (t("12:20"), "bruno", False)
    # Reopened once: the resolution that counts is the last one.
    assert three.reopen_count == 1 and three.resolved_at == t("13:15") and three.sla_met is True
    assert ledger.calls[key(4)].is_open and ledger.calls[key(4)].first_action_at is None
    assert ledger.calls[key(6)].deleted and not ledger.calls[key(6)].is_open
    assert ledger.calls[key(1)].category == "internet" and ledger.calls[key(1)].priority == "high"


def test_tasks_carry_creation_completion_and_due_date() -> None:
    ledger = fold(operations_day())
    t1, t2, t3 = (ledger.tasks[("taskmanager", ORIGIN, str(i))] for i in (1, 2, 3))
    assert (t1.created_at, t1.completed, t1.completed_at, t1.due) == (t("08:30"), True, t("15:00"), date(2026, 11, 23))
    assert t2.completed_at == t("17:30") and t2.due is None
    assert not t3.completed and t3.completed_at is None and t3.due == date(2026, 11, 22)


def test_operators_desks_by_status_and_credited_resolutions() -> None:
    ledger = fold(operations_day())
    ana, bruno, carla = (ledger.operators[u] for u in ("ana", "bruno", "carla"))
    assert dict(ana.calls_by_status) == {"resolved": 1}  # call 2 went to bruno, call 6 was deleted
    assert dict(bruno.calls_by_status) == {"closed": 1, "new": 1}
    assert dict(carla.calls_by_status) == {"resolved": 2}
    assert ana.resolutions == [t("09:40")]
    assert bruno.resolutions == [t("12:20")]
    assert carla.resolutions == [t("10:45"), t("13:15"), t("17:00")]
    assert bruno.last_activity_at == t("17:30") and ana.last_activity_at == t("15:00")
    assert (ana.first_actions, bruno.first_actions, carla.first_actions) == (1, 1, 2)


def test_the_same_id_from_two_origins_is_two_calls() -> None:
    office, laptop = OpsBuilder("office-db"), OpsBuilder("laptop-db")
    office.created(t("09:00"), 1, "ana")
    laptop.created(t("09:05"), 1, "bruno")
    laptop.status(t("09:06"), 1, "bruno", "resolved")
    ledger = fold(office)
    for env in laptop.events:
        ledger.apply(env, env["origin"])
    assert ledger.calls[("callsystem", "office-db", "1")].is_open
    assert ledger.calls[("callsystem", "laptop-db", "1")].resolved_at == t("09:06")


def test_a_call_first_seen_mid_life_takes_its_creation_time_from_the_snapshot() -> None:
    # The stream was trimmed: the history starts with a status change.
    builder = OpsBuilder()
    builder.created(t("08:00"), 9, "ana")
    later = builder.status(t("09:00"), 9, "ana", "in_progress")
    ledger = OperationsLedger()
    facts = ledger.apply(later, ORIGIN)
    assert facts is not None and facts.created_at == t("08:00")


def test_stored_form_legacy_shape_and_junk() -> None:
    ledger = OperationsLedger()
    builder = OpsBuilder()
    env = builder.created(t("09:00"), 1, "ana")
    assert ledger.apply_stored(json.dumps(env), ORIGIN, t("09:00")) is not None
    # The older system: no envelope, a time only from when it was received.
    legacy = {"system": "callsystem", "action": "created", "id": 5, "cliente": "X", "status": "pendente"}
    ledger.apply(legacy, "legacy", t("10:00"))
    ledger.apply({**legacy, "action": "completed", "status": "concluida"}, "legacy", t("10:30"))
    old = ledger.calls[("callsystem", "legacy", "5")]
    assert old.status == "closed" and old.resolved_at == t("10:30") and old.sla_met is None
    assert ledger.apply_stored("not json", ORIGIN, t("11:00")) is None
    assert ledger.apply({"system": "callsystem", "id": [1]}, ORIGIN, t("11:00")) is None
    assert ledger.apply({"system": "callsystem", "id": 1}, ORIGIN) is None  # no time at all
    assert ledger.events_applied == 3


def test_a_status_change_out_of_resolved_counts_as_a_reopen_and_deletion_leaves_the_desk() -> None:
    builder = OpsBuilder()
    builder.created(t("09:00"), 1, "ana")
    builder.status(t("09:10"), 1, "ana", "resolved")
    builder.status(t("09:20"), 1, "ana", "in_progress")
    ledger = fold(builder)
    call = ledger.calls[key(1)]
    assert call.reopen_count == 1 and call.resolved_at is None and call.sla_met is None
    assert dict(ledger.operators["ana"].calls_by_status) == {"in_progress": 1}
    ledger.apply(builder.deleted(t("09:30"), 1, "ana"), ORIGIN)
    assert dict(ledger.operators["ana"].calls_by_status) == {}
