"""The garbage collector paused by the installed commands until the first frame, then resumed."""

from __future__ import annotations

import argparse
import gc
from collections.abc import Iterator

import pytest

from integrado.startup import collector_paused, pause_collector, resume_collector
from integrado_suite import cli


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    resume_collector()
    gc.unfreeze()  # the test process goes on collecting what these tests froze
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_start_up_allocates_without_collections_then_freezes_what_it_made() -> None:
    gc.enable()
    pause_collector()
    assert collector_paused() and not gc.isenabled()
    before = gc.get_freeze_count()
    made = [[n] for n in range(10_000)]  # far over the 2,000 allocations of a collection
    assert gc.get_count()[0] >= 10_000  # none ran
    resume_collector()
    assert gc.isenabled() and not collector_paused()
    assert gc.get_freeze_count() >= before + len(made)
    resume_collector()  # once only
    assert gc.isenabled()


def test_a_collector_turned_off_elsewhere_stays_off() -> None:
    gc.disable()
    pause_collector()
    assert not collector_paused()
    resume_collector()
    assert not gc.isenabled() and gc.get_freeze_count() == 0


def test_every_integrado_command_but_run_collects_again_before_it_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, bool]] = []
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")
    for name in ("run", "relay"):
        command = commands.add_parser(name)
        command.set_defaults(func=lambda args: seen.append((args.command, gc.isenabled())))
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    gc.enable()
    for argv in (["relay"], ["run"]):
        pause_collector()
        assert cli.main(argv) == 0
        resume_collector()
    # A relay runs for days with the collector on; the suite resumes it once its window painted.
    assert seen == [("relay", True), ("run", False)]
