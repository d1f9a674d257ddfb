"""`integrado run --demo`: the simulated office feeding a running suite through the apps' own
pipelines, until the suite closes."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from integrado.settings import Settings
from integrado_suite.simulate.office import SimConfig
from integrado_suite.simulate.runner import Simulation, Summary
from integrado_suite.simulate.units import parse_rate

if TYPE_CHECKING:
    from integrado.pipeline import ProducerPipeline

log = logging.getLogger(__name__)

# An app's starter, as `integrado.qt.runner` runs it (named here without importing Qt).
Starter = Callable[[Settings], Awaitable[Any]]


@dataclass
class DemoHandle:
    """The simulator feeding a running suite; `shutdown()` stops it (the apps' relays send the rest)."""

    simulation: Simulation
    task: asyncio.Future[Summary]

    async def shutdown(self) -> None:
        self.simulation.stop()
        self.simulation.stop()  # no drain of its own: the apps' relays own the outboxes
        summary = await self.task
        log.info("demo simulator: %s", " | ".join(summary.lines()))


DEMO_CONFIG = SimConfig(operators=10, rate=2.0, duration=None)


async def start_demo(
    settings: Settings,
    *,
    calls_pipeline: ProducerPipeline | None = None,
    tasks_pipeline: ProducerPipeline | None = None,
) -> DemoHandle:
    """App starter for `integrado run --demo`: ten operators at 2 actions/s until the suite closes.

    `INTEGRADO_DEMO_RATE` (e.g. "5/s") changes the pace for a busier training session. Given the
    running apps' pipelines (`handle.pipeline` of CallSystem and TaskManager), the simulator
    commits through their session factories, so their relays are woken at each commit and the
    console sees every action at once; without them the apps' relays find the rows on their
    next poll (up to 2 s later).
    """
    config = DEMO_CONFIG
    rate = os.environ.get("INTEGRADO_DEMO_RATE")
    if rate:
        try:
            config = replace(config, rate=parse_rate(rate))
        except argparse.ArgumentTypeError as exc:
            log.warning("INTEGRADO_DEMO_RATE ignored: %s", exc)
    simulation = Simulation(
        settings, config, relays=False, calls_pipeline=calls_pipeline, tasks_pipeline=tasks_pipeline
    )
    return DemoHandle(simulation, asyncio.ensure_future(simulation.run()))


def demo_starters(start_calls: Starter, start_tasks: Starter) -> list[Starter]:
    """The CallSystem and TaskManager starters, plus a demo starter that uses their pipelines.

    For `integrado_suite.suite`: `[start_console, *demo_starters(start_calls, start_tasks)]` starts
    the two apps as usual, then the simulator committing through their session factories, so
    each simulated action wakes their relays (no 2-second poll between action and console).
    """
    handles: dict[str, Any] = {}

    async def calls(settings: Settings) -> Any:
        handles["calls"] = await start_calls(settings)
        return handles["calls"]

    async def tasks(settings: Settings) -> Any:
        handles["tasks"] = await start_tasks(settings)
        return handles["tasks"]

    async def demo(settings: Settings) -> DemoHandle:
        calls_handle, tasks_handle = handles.get("calls"), handles.get("tasks")
        return await start_demo(
            settings,
            calls_pipeline=getattr(calls_handle, "pipeline", None),
            tasks_pipeline=getattr(tasks_handle, "pipeline", None),
        )

    return [calls, tasks, demo]
