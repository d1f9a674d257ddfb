"""Builders shared by CallSystem's tests: a service on a fresh SQLite file, with a clock the test
moves, and a valid registration form to vary."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from callsystem_gui.domain import CallDraft, SlaPolicy
from callsystem_gui.service import CallService, create_pipeline
from integrado.events import Actor
from integrado.pipeline import ProducerPipeline
from integrado.settings import Settings


class FakeClock:
    """A clock the test moves by hand (SLA arithmetic)."""

    def __init__(self, start: float = 1_767_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Harness:
    """A service and the pipeline under it, for reading back what an action queued."""

    pipeline: ProducerPipeline
    service: CallService

    def events(self) -> list[dict[str, Any]]:
        """Every queued outbox event, in seq order, decoded."""
        table = self.pipeline.outbox.table
        with self.pipeline.engine.connect() as conn:
            rows = conn.execute(select(table.c.payload).order_by(table.c.seq)).scalars().all()
        return [json.loads(r) for r in rows]


def make_harness(
    settings: Settings,
    tmp: Path,
    *,
    operator: str = "ana",
    clock: Callable[[], float] | None = None,
    name: str = "callsystem.db",
) -> Harness:
    pipeline = create_pipeline(settings, db_url=f"sqlite:///{tmp / name}", poll_interval=0.2)
    service = CallService(pipeline, Actor(operator, "pc-01"), sla=SlaPolicy(), **({"clock": clock} if clock else {}))
    return Harness(pipeline, service)


def draft(**overrides: Any) -> CallDraft:
    values: dict[str, Any] = {
        "caller_name": "Maria Souza",
        "phone": "(51) 9999-0000",
        "subject": "Internet caiu no escritório",
        "description": "Sem conexão desde as 8h.",
        "category": "Rede",
        "channel": "phone",
        "urgency": 2,
        "impact": 2,
    }
    values.update(overrides)
    return CallDraft(**values)
