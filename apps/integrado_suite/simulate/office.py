"""The simulated office: which operators work, and `Office.step()`, one action by one of them
through an app's own service, recorded with the events it queued."""

from __future__ import annotations

import logging
import random
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from integrado_suite.simulate.actions import ActionRecord, Desk
from integrado_suite.simulate.people import OPERATORS

if TYPE_CHECKING:
    from integrado.pipeline import ProducerPipeline
    from integrado_suite.simulate.calls import CallDesk
    from integrado_suite.simulate.tasks import TaskDesk

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SimConfig:
    """What to simulate: how many operators, how fast, for how long, which apps."""

    operators: int = 10
    rate: float = 5.0  # actions per second, the whole office together
    duration: float | None = 600.0  # seconds; None: until stopped
    seed: int | None = None
    calls: bool = True
    tasks: bool = True
    max_actions: int | None = None


class Office:
    """The simulated operators and what they have on their desks; `step()` does one action.

    The same seed on empty databases gives the same actions on the same entities in the same
    order: one generator makes every choice, in a fixed order.
    """

    def __init__(
        self,
        config: SimConfig,
        calls: ProducerPipeline | None,
        tasks: ProducerPipeline | None,
    ) -> None:
        if calls is None and tasks is None:
            raise ValueError("nothing to simulate: neither calls nor tasks")
        self.config = config
        self.rng = random.Random(config.seed)
        self.names = list(OPERATORS[: config.operators])
        self.counts: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.events_queued = 0
        self.call_desk: CallDesk | None = None
        self.task_desk: TaskDesk | None = None
        # The apps' services take about 0.2 s to import, and the `integrado` command imports this
        # package for every subcommand: they are loaded only once an office is built.
        if calls is not None:
            from integrado_suite.simulate.calls import CallDesk

            self.call_desk = CallDesk(calls, self.names, self.rng)
        if tasks is not None:
            from integrado_suite.simulate.tasks import TaskDesk

            self.task_desk = TaskDesk(tasks, self.names, self.rng)
        self._desks: list[Desk] = [d for d in (self.call_desk, self.task_desk) if d is not None]

    def step(self) -> ActionRecord | None:
        """Pick an operator and do one thing, as they would; None if the action failed."""
        who = self.rng.randrange(len(self.names))
        desk = self._desks[0]
        if self.call_desk is not None and self.task_desk is not None:
            # Calls are the job; task trees fill the gaps between calls.
            desk = self.call_desk if self.rng.random() < 0.7 else self.task_desk
        plan = desk.plan(who)
        outboxes = [d.outbox for d in self._desks]
        marks = [len(o.added) for o in outboxes]
        try:
            entity_id = plan.run()
        except Exception as exc:  # noqa: BLE001 - a refused action is counted, as an operator would see it
            self.errors[f"{plan.kind}: {type(exc).__name__}"] += 1
            log.info("simulated %s failed: %s", plan.kind, exc)
            for outbox, mark in zip(outboxes, marks, strict=True):
                del outbox.added[mark:]
            for d in self._desks:
                d.let_go(exc)
            return None
        events: list[dict[str, Any]] = []
        for outbox, mark in zip(outboxes, marks, strict=True):
            events.extend(outbox.added[mark:])
            # The office keeps only what the caller asked for (a 10-minute run is 3,000 actions).
            outbox.added.clear()
        self.counts[plan.kind] += 1
        self.events_queued += len(events)
        return ActionRecord(plan.kind, plan.system, entity_id, self.names[who], events)
