"""A console window on a history kept in memory, and sample events for it to show (GUI tests)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pytestqt.qtbot import QtBot

from event_console.columns.layout import RowData
from event_console.controller import ConsoleController
from event_console.models.event_table import EventTableModel
from event_console.models.rejections import RejectionCountModel
from event_console.service import ConsoleService
from event_console.views.main_window import ConsoleWindow
from integrado.events.system import System
from integrado.history import entity_status, summarize
from integrado.settings import Settings


class FakeHistory:
    """A history with the stored JSON of the rows a test shows, and nothing else."""

    def __init__(self) -> None:
        self.raw: dict[str, str] = {}

    def load_view_rows(
        self, since: float | None = None, until: float | None = None, limit: int | None = None
    ) -> list[tuple[Any, ...]]:
        return []

    def count_range(self, since: float | None = None, until: float | None = None) -> int:
        return 0

    def raw_by_event_id(self, event_ids: Sequence[str]) -> dict[str, str]:
        return {i: self.raw[i] for i in event_ids if i in self.raw}

    def rejection_counts(self) -> dict[str, int]:
        return {}

    def recent_rejections(self, limit: int = 500) -> list[tuple[float, str, str, str, int, str]]:
        return []

    def recent_gaps(self, limit: int = 100) -> list[Any]:
        return []


def console_window(
    qtbot: QtBot, settings: Settings, history: FakeHistory | None = None
) -> tuple[ConsoleWindow, ConsoleController, FakeHistory]:
    """A console window and its controller on `history` (a new `FakeHistory` by default); the
    charts' timer stopped."""
    from event_console.app import prefs

    history = history if history is not None else FakeHistory()
    window = ConsoleWindow(EventTableModel(), RejectionCountModel())
    controller = ConsoleController(ConsoleService(history), window, prefs=prefs(settings))
    qtbot.addWidget(window)
    window.charts.timer.stop()
    return window, controller, history


def sample_envelope(i: int, event_type: str, *, status: str = "in_progress") -> dict[str, Any]:
    """Event `i` of `event_type` (a call's at `status`), with a long subject and a legacy field
    that looks like markup."""
    call = event_type.startswith("call")
    data: dict[str, Any] = (
        {"caller_name": "Adriana Nogueira", "subject": "Internet caiu " * 12, "status": status}
        if call
        else {"title": "Revisar contrato", "completed": event_type == "task.completed"}
    )
    return {
        "event_id": f"00000000-0000-4000-8000-{i:012d}",
        "type": event_type,
        "system": System.CALLSYSTEM if call else System.TASKMANAGER,
        "id": i,
        "seq": i,
        "occurred_at": "2026-12-01T12:00:00.000000Z",
        "actor": {"user": "ana", "host": "pc-01"},
        "correlation_id": f"00000000-0000-4000-9000-{i:012d}",
        "origin": "5b0f8f00",
        "data": data,
        "changes": {"status": ["new", "in_progress"]} if event_type == "call.status_changed" else {},
        "cliente": "<b>Adriana</b> <img src=x>",
    }


def show_events(
    window: ConsoleWindow,
    history: FakeHistory,
    envelopes: Sequence[dict[str, Any]],
    received: Sequence[float],
    users: Sequence[str],
    *,
    latency: float = 0.02,
) -> None:
    """The envelopes stored in `history` and shown as the table's rows: received at `received`,
    by `users`, each occurred `latency` seconds before it was received."""
    rows = []
    for env, at, user in zip(envelopes, received, users, strict=True):
        system = System(env["system"])
        history.raw[env["event_id"]] = json.dumps(env)
        rows.append(
            RowData(
                env["event_id"],
                at,
                at - latency,
                env["system"],
                env["type"],
                str(env["id"]),
                summarize(env, system, env["type"], str(env["id"]), False),
                user,
                "pc-01",
                False,
                entity_status(env, system),
                "5b0f8f00",
            )
        )
    window.model.append_rows(rows)
