"""CallSystem's tables (SQLAlchemy 2 ORM on its own DeclarativeBase; the outbox tables join the
same metadata through `ProducerPipeline.create(..., metadata=Base.metadata)`)."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """CallSystem's own metadata (never shared with the other apps)."""


class CallRow(Base):
    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    caller_name: Mapped[str] = mapped_column(String(200))
    # Folded (case/accent-insensitive) name and the phone's digits, for repeat-caller matching.
    caller_key: Mapped[str] = mapped_column(String(200), index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    phone_digits: Mapped[str] = mapped_column(String(20), default="")
    phone_tail: Mapped[str] = mapped_column(String(8), default="", index=True)
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(80), default="")
    channel: Mapped[str] = mapped_column(String(16))
    urgency: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    priority: Mapped[int] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    assignee: Mapped[str] = mapped_column(String(200), default="")
    resolution: Mapped[str] = mapped_column(Text, default="")
    # UTC epoch seconds: cheap to sort and compare, identical on SQLite and PostgreSQL.
    created_at: Mapped[float] = mapped_column(Float)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[float] = mapped_column(Float, index=True)
    updated_by: Mapped[str] = mapped_column(String(200))
    sla_due_at: Mapped[float] = mapped_column(Float)
    sla_stopped_at: Mapped[float | None] = mapped_column(Float, nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Optimistic locking: every change is `UPDATE ... WHERE version = <the version the operator saw>`.
    version: Mapped[int] = mapped_column(Integer, default=1)


class NoteRow(Base):
    __tablename__ = "call_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"))
    at: Mapped[float] = mapped_column(Float)
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_call_notes_call", "call_id", "at"),)


class TimelineRow(Base):
    __tablename__ = "call_timeline"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"))
    at: Mapped[float] = mapped_column(Float)
    actor: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_call_timeline_call", "call_id", "at"),)
