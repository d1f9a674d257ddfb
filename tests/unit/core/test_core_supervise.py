"""A supervised loop that fails is logged, reported and started again with backoff; one that
returns, or whose stop is set, is not."""

from __future__ import annotations

import asyncio
import logging

import pytest

from integrado.supervise import supervise


def test_a_failing_run_is_restarted_until_it_returns(caplog: pytest.LogCaptureFixture) -> None:
    runs: list[int] = []
    errors: list[str] = []

    async def run() -> None:
        runs.append(len(runs))
        if len(runs) < 3:
            raise ValueError(f"bug {len(runs)}")

    with caplog.at_level(logging.CRITICAL, logger="integrado.supervise"):
        asyncio.run(supervise(run, "loop", on_error=lambda exc: errors.append(str(exc)), backoff_base=0.01))
    assert runs == [0, 1, 2] and errors == ["bug 1", "bug 2"]


def test_stop_ends_the_wait_between_restarts(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> int:
        stop = asyncio.Event()
        runs = 0

        async def run() -> None:
            nonlocal runs
            runs += 1
            raise RuntimeError("always")

        task = asyncio.create_task(supervise(run, "loop", stop=stop, backoff_base=10.0))
        await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(task, 1.0)
        return runs

    with caplog.at_level(logging.CRITICAL, logger="integrado.supervise"):
        assert asyncio.run(scenario()) == 1


def test_cancellation_is_not_swallowed() -> None:
    async def scenario() -> None:
        task = asyncio.create_task(supervise(lambda: asyncio.sleep(10), "loop"))
        await asyncio.sleep(0.01)
        task.cancel()
        await task

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(scenario())
