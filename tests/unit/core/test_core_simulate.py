"""The simulator's pure parts: argument parsing, and a seeded office that always does the same work."""

from __future__ import annotations

import argparse
from collections import Counter

import pytest

from callsystem_gui.service import create_pipeline as create_calls_pipeline
from integrado.settings import Settings
from integrado_suite.cli import main as cli_main
from integrado_suite.simulate import (
    OPERATORS,
    ActionRecord,
    Office,
    SimConfig,
    operator_login,
    parse_duration,
    parse_rate,
)
from taskmanager_gui.service import create_pipeline as create_tasks_pipeline


@pytest.mark.parametrize(
    ("text", "per_second"),
    [("5/s", 5.0), ("5", 5.0), ("300/min", 5.0), ("90/m", 1.5), ("0.5/s", 0.5), ("36/h", 0.01), (" 2 / s ", 2.0)],
)
def test_rates_are_actions_per_second(text: str, per_second: float) -> None:
    assert parse_rate(text) == pytest.approx(per_second)


@pytest.mark.parametrize("text", ["fast", "", "5/d", "-1/s", "0/s", "0", "1e3/s", "20000/s", "5/s/s"])
def test_bad_rates_are_refused(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        parse_rate(text)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("10m", 600.0), ("90s", 90.0), ("1h30m", 5400.0), ("45", 45.0), ("2.5m", 150.0), ("forever", None), ("0", None)],
)
def test_durations(text: str, seconds: float | None) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["-1", "ten minutes", "10x", "", "m", "10m junk"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        parse_duration(text)


@pytest.mark.parametrize(
    "args",
    [["--rate", "fast"], ["--duration", "-1"], ["--operators", "0"], ["--seed", "x"], ["--calls-only", "--tasks-only"]],
)
def test_bad_arguments_exit_2_with_one_line(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["simulate", *args]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


def test_operator_logins_are_plain_first_dot_last() -> None:
    assert operator_login("Ana Paula Ribeiro") == "ana.ribeiro"
    assert operator_login("João Pereira") == "joao.pereira"
    assert len({operator_login(n) for n in OPERATORS}) == len(OPERATORS)


def _office(settings: Settings, seed: int, **config: object) -> Office:
    # In-memory databases: the office's choices are under test here, not the disk.
    calls = create_calls_pipeline(settings, db_url="sqlite://")
    tasks = create_tasks_pipeline(settings, db_url="sqlite://")
    return Office(SimConfig(operators=5, seed=seed, **config), calls, tasks)  # type: ignore[arg-type]


def _records(office: Office, steps: int) -> list[ActionRecord]:
    out = []
    for _ in range(steps):
        record = office.step()
        assert record is not None, dict(office.errors)
        out.append(record)
    return out


def _run(office: Office, steps: int) -> list[tuple[str, int, str, tuple[str, ...]]]:
    return [(r.kind, r.entity_id, r.operator, tuple(e["type"] for e in r.events)) for r in _records(office, steps)]


def test_same_seed_same_office_other_seed_other_office(settings: Settings) -> None:
    first = _run(_office(settings, seed=42), 120)
    again = _run(_office(settings, seed=42), 120)
    other = _run(_office(settings, seed=43), 120)
    assert first == again
    assert first != other


def test_the_mix_looks_like_an_office(settings: Settings) -> None:
    office = _office(settings, seed=7)
    office_records = _records(office, 400)
    log = [(r.kind, r.entity_id, r.operator, tuple(e["type"] for e in r.events)) for r in office_records]
    kinds = Counter(kind for kind, *_ in log)
    # Every action committed its events through the outbox.
    assert all(events for *_, events in log)
    assert office.events_queued == sum(len(events) for *_, events in log)
    assert not office.errors
    calls = sum(n for k, n in kinds.items() if k.startswith("call."))
    tasks = sum(n for k, n in kinds.items() if k.startswith("task."))
    assert calls > tasks > 0.15 * len(log)  # calls are the job; task trees fill the gaps
    for kind in ("call.register", "call.start", "call.note", "call.resolve", "call.close", "call.reopen"):
        assert kinds[kind] > 0, kind
    for kind in ("task.create", "task.complete", "task.move", "task.delete", "task.update"):
        assert kinds[kind] > 0, kind
    # Most calls get followed up: more follow-up actions than registrations, and many closed.
    assert kinds["call.register"] < calls / 2
    assert kinds["call.close"] > kinds["call.register"] / 4
    assert kinds["call.reopen"] < kinds["call.close"]
    # Trees, not lists: most created tasks hang under a parent, and some have subtasks of their own.
    parents = [r.events[0]["data"]["parent_id"] for r in office_records if r.kind == "task.create"]
    nested = [p for p in parents if p is not None]
    assert len(nested) > len(parents) / 2
    assert (
        len(
            set(nested)
            & {r.entity_id for r in office_records if r.kind == "task.create" and r.events[0]["data"]["parent_id"]}
        )
        > 0
    )
    # A removed subtree is one action with one event per task, under one correlation id.
    cascades = [r for r in office_records if r.kind == "task.delete" and len(r.events) > 1]
    assert cascades and all(len({e["correlation_id"] for e in r.events}) == 1 for r in cascades)
    assert len({operator for _, _, operator, _ in log}) == 5


def test_calls_only_and_tasks_only(settings: Settings) -> None:
    calls = create_calls_pipeline(settings, db_url="sqlite://")
    tasks = create_tasks_pipeline(settings, db_url="sqlite://")
    only_calls = Office(SimConfig(operators=3, seed=1), calls, None)
    only_tasks = Office(SimConfig(operators=3, seed=1), None, tasks)
    assert {kind.split(".")[0] for kind, *_ in _run(only_calls, 40)} == {"call"}
    assert {kind.split(".")[0] for kind, *_ in _run(only_tasks, 40)} == {"task"}
    with pytest.raises(ValueError):
        Office(SimConfig(), None, None)


def test_a_call_changed_by_someone_else_is_counted_and_let_go(settings: Settings) -> None:
    from callsystem_gui.domain import Status

    calls = create_calls_pipeline(settings, db_url="sqlite://")
    office = Office(SimConfig(operators=1, seed=3), calls, None)
    desk = office.call_desk
    assert desk is not None
    while len(desk.open) < 2:
        assert office.step() is not None
    # A real operator closes every simulated call behind the office's back.
    from callsystem_gui.service import CallService
    from integrado.events import Actor

    other = CallService(calls, Actor.current("Supervisora"))
    for call in list(desk.open.values()):
        view = other.get(call.id)
        other.change_status(view.id, view.version, Status.CLOSED, resolution="Fechado pela supervisão.")
    stale = set(desk.open)
    for _ in range(30):
        office.step()
    assert sum(office.errors.values()) >= 1
    assert all(kind.endswith("ConflictError") for kind in office.errors)
    assert not stale & set(desk.open) and not stale & set(desk.closed)  # let go, not retried for ever
    assert sum(office.errors.values()) <= len(stale)


def test_demo_starters_hand_the_apps_pipelines_to_the_simulator(settings: Settings) -> None:
    import asyncio
    from types import SimpleNamespace

    from integrado_suite.simulate import demo_starters

    calls = create_calls_pipeline(settings, db_url="sqlite://")
    tasks = create_tasks_pipeline(settings, db_url="sqlite://")

    async def start_calls(_settings: Settings) -> SimpleNamespace:
        return SimpleNamespace(pipeline=calls)

    async def start_tasks(_settings: Settings) -> SimpleNamespace:
        return SimpleNamespace(pipeline=tasks)

    async def run() -> object:
        handles = [await start(settings) for start in demo_starters(start_calls, start_tasks)]
        demo = handles[2]
        await asyncio.sleep(0.3)
        await demo.shutdown()
        return demo

    demo = asyncio.run(run())
    assert demo.simulation.calls is calls and demo.simulation.tasks is tasks
    assert demo.simulation.office.events_queued >= 1
