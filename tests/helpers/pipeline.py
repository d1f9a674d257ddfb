"""A tiny producing app for core tests: one table and the outbox, in a real SQLite file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, func, select

from integrado.events import Actor, call_event, task_event
from integrado.pipeline import ProducerPipeline
from integrado.settings import Settings


@dataclass
class MiniApp:
    pipeline: ProducerPipeline
    things: Table
    system: str

    def act(self, name: str, *, fail: bool = False) -> dict:
        """One user action: a business row and its event in one transaction."""
        with self.pipeline.session_factory.begin() as session:
            row_id = session.execute(self.things.insert().values(name=name)).inserted_primary_key[0]
            if self.system == "callsystem":
                env = call_event(
                    "call.created",
                    row_id,
                    cliente=name,
                    descricao="d",
                    closed=False,
                    data={"id": row_id, "name": name},
                    actor=Actor("ana", "pc-01"),
                )
            else:
                env = task_event(
                    "task.created",
                    row_id,
                    title=name,
                    completed=False,
                    data={"id": row_id, "title": name},
                    actor=Actor("ana", "pc-01"),
                )
            self.pipeline.outbox.add(session, env)
            if fail:
                raise RuntimeError("simulated failure after the outbox row")
        return env

    def count_things(self) -> int:
        with self.pipeline.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(self.things)).scalar_one()


def make_mini_app(settings: Settings, tmp: Path, system: str = "callsystem", poll_interval: float = 0.5) -> MiniApp:
    metadata = MetaData()
    things = Table("things", metadata, Column("id", Integer, primary_key=True), Column("name", String(200)))
    pipeline = ProducerPipeline.create(
        settings,
        system=system,
        metadata=metadata,
        db_url=f"sqlite:///{tmp / (system + '.db')}",
        poll_interval=poll_interval,
    )
    return MiniApp(pipeline, things, system)
