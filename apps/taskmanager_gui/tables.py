"""The tasks table: an adjacency list (`parent_id` + `position` among siblings).

Removed tasks are kept with `deleted_at` set, so undo restores a subtree with the same ids and
no new task ever reuses an old id (consumers key their views on it). `version` is bumped by
every change and checked by every update: two operators editing the same task get a clear
conflict instead of a silent overwrite.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """TaskManager's own metadata (the outbox tables are added to it by the pipeline)."""


class TaskRow(Base):
    """One task. Times are stored as naive UTC (SQLite has no time zones)."""

    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_parent_position", "parent_id", "position"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"), nullable=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    priority: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    completed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


# The Core table, for set-based statements (executemany updates, fast selects).
TASKS = cast(Table, TaskRow.__table__)
