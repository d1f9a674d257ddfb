"""Builds TaskManager's pipeline (tasks table + outbox) from settings."""

from __future__ import annotations

from integrado.pipeline import ProducerPipeline
from integrado.settings import Settings
from taskmanager_gui.store import Base


def create_pipeline(settings: Settings, *, db_url: str | None = None, poll_interval: float = 2.0) -> ProducerPipeline:
    return ProducerPipeline.create(
        settings, system="taskmanager", metadata=Base.metadata, db_url=db_url, poll_interval=poll_interval
    )
