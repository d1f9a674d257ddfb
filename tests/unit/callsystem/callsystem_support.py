"""Builders shared by CallSystem's test tiers (imported as `unit.callsystem.callsystem_support`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from callsystem_gui.domain import CallDraft, SlaPolicy
from callsystem_gui.service import CallService
from callsystem_gui.tables import Base
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
    pipeline: ProducerPipeline
    service: CallService

    def events(self) -> list[dict]:
        """Every queued outbox event, in seq order, decoded."""
        table = self.pipeline.outbox.table
        with self.pipeline.engine.connect() as conn:
            rows = conn.execute(select(table.c.payload).order_by(table.c.seq)).scalars().all()
        return [json.loads(r) for r in rows]


def make_harness(
    settings: Settings, tmp: Path, *, operator: str = "ana", clock=None, name: str = "callsystem.db"
) -> Harness:
    pipeline = ProducerPipeline.create(
        settings, system="callsystem", metadata=Base.metadata, db_url=f"sqlite:///{tmp / name}", poll_interval=0.2
    )
    service = CallService(
        pipeline.session_factory,
        pipeline.outbox,
        operator=operator,
        actor=Actor(operator, "pc-01"),
        sla=SlaPolicy(),
        **({"clock": clock} if clock else {}),
    )
    return Harness(pipeline, service)


def draft(**overrides) -> CallDraft:
    values = {
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
