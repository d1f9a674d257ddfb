"""Every text the console composes goes through the translation catalogue: summaries, type and
status names, chart categories, connection and gap messages, search, export headers.

A translator with a few Portuguese entries stands in for the shipped catalogue (which gets these
texts when it is regenerated), so each check fails if a text is composed in English."""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from event_console.columns.layout import SUMMARY, TYPE, TYPE_CODE, RowData
from event_console.export import ExportJob
from event_console.filters import EventFilter
from event_console.models.event_table import EventTableModel
from event_console.models.rejections import RejectionCountModel
from event_console.views.main_window import ConsoleWindow
from event_console.wording import Wording
from integrado.bus.streams import Gap, GapReason
from integrado.events.system import System
from integrado.history import summarize

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PORTUGUESE = {
    ("ConsoleWording", "Call #{0}"): "Chamado #{0}",
    ("ConsoleWording", "Task #{0}"): "Tarefa #{0}",
    ("ConsoleWording", "new"): "novo",
    ("ConsoleWording", "in progress"): "em andamento",
    ("ConsoleWording", "waiting"): "aguardando",
    ("ConsoleWording", "created"): "criado",
    ("ConsoleWording", "priority"): "prioridade",
    ("ConsoleWording", "high"): "alta",
    ("ConsoleWording", "low"): "baixa",
    ("ConsoleWording", "note: {0}"): "nota: {0}",
    ("ConsoleWording", "(legacy)"): "(legado)",
    ("ConsoleWording", "Call status changed"): "Status do chamado",
    ("ConsoleWording", "Call opened"): "Chamado aberto",
    ("ConsoleWording", "caught up {0} events from the streams"): "{0} eventos recuperados dos streams",
    ("ConsoleWording", "{0}: {1} event(s) missing, seq {2}–{3} (no longer in {4})"): (
        "{0}: {1} evento(s) faltando, seq {2}–{3} (não estão mais em {4})"
    ),
    ("ConsoleWording", "Received (UTC)"): "Recebido (UTC)",
    ("ConsoleWording", "Summary"): "Resumo",
    ("ConsoleWording", "Type (code)"): "Tipo (código)",
    ("ConsoleWindow", "Paused"): "Pausado",
    ("EventTableModel", "Type (code)"): "Tipo (código)",
}


class _Catalogue(QTranslator):
    """The Portuguese above; any other text untranslated (None: Qt keeps the source)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return PORTUGUESE.get((context, source))

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def portuguese(qapp: QApplication) -> Iterator[None]:
    translator = _Catalogue()
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)
    qapp.sendPostedEvents()


def _row(n: int, summary: str, event_type: str = "call.status_changed", status: str = "in_progress") -> RowData:
    now = time.time()
    return RowData(
        event_id=f"00000000-0000-4000-8000-{n:012d}",
        received_at=now - 60 + n,
        occurred_at=now - 60 + n - 0.01,
        system=System.CALLSYSTEM if event_type.startswith("call") else System.TASKMANAGER,
        type=event_type,
        entity_id=str(12 + n),
        summary=summary,
        user="ana",
        host="pc-1",
        legacy=False,
        status=status,
    )


STORED = summarize(
    {"cliente": "Adriana Nogueira", "changes": {"status": ["new", "in_progress"]}, "data": {}},
    System.CALLSYSTEM,
    "call.status_changed",
    "13",
    False,
)


def test_the_stored_summary_is_english_and_shown_in_portuguese(portuguese: None) -> None:
    assert STORED == "Call #13 Adriana Nogueira: new → in progress"
    model = EventTableModel()
    model.append_rows([_row(1, STORED), _row(2, "Call #14: created (legacy)", "call.created", "new")])
    shown = {model.data(model.index(r, SUMMARY)) for r in range(2)}
    assert shown == {"Chamado #13 Adriana Nogueira: novo → em andamento", "Chamado #14: criado (legado)"}
    # The people's name of the type, and the raw type in a column of its own.
    types = {(model.data(model.index(r, TYPE)), model.data(model.index(r, TYPE_CODE))) for r in range(2)}
    assert types == {("Status do chamado", "call.status_changed"), ("Chamado aberto", "call.created")}
    assert model.headerData(TYPE_CODE, Qt.Orientation.Horizontal) == "Tipo (código)"


def test_summary_shapes_keep_the_data_and_translate_the_words(portuguese: None) -> None:
    wording = Wording(QCoreApplication.translate)
    assert wording.summary("Call #7 Ana: priority high → low; new → waiting") == (
        "Chamado #7 Ana: prioridade alta → baixa; novo → aguardando"
    )
    # A name holding ": " stays as typed; the note's own words are data.
    assert wording.summary("Call #7 Ana: Bia: note: new → done") == "Chamado #7 Ana: Bia: nota: new → done"
    # A value cut short stays as stored; a shape not known keeps its words rather than guess.
    assert wording.summary("Call #7 Ana: priority high → lo…") == "Chamado #7 Ana: prioridade alta → lo…"
    assert wording.summary("Call #7 Ana: something else") == "Chamado #7 Ana: something else"
    assert wording.summary("unknown text") == "unknown text"


def test_searching_in_portuguese_finds_the_english_stored_summaries(portuguese: None) -> None:
    model = EventTableModel()
    model.append_rows([_row(1, STORED), _row(2, "Call #14 Bruno: created", "call.created", "new")])
    model.set_filter(EventFilter(text="em andamento"))
    assert model.rowCount() == 1 and model.data(model.index(0, SUMMARY)).endswith("novo → em andamento")
    # The words as typed are looked for too (a note written in Portuguese).
    model.append_rows([_row(3, "Call #15 Caio: note: segue em andamento", "call.note_added", "new")])
    assert model.rowCount() == 2
    model.set_filter(EventFilter(text="andamento"))
    assert model.rowCount() == 2
    model.set_filter(EventFilter(text="chamado aberto"))  # the type's name
    assert model.rowCount() == 1 and model.data(model.index(0, TYPE_CODE)) == "call.created"


def test_window_texts_charts_connection_and_gaps_in_portuguese(qtbot: QtBot, portuguese: None) -> None:
    model = EventTableModel()
    window = ConsoleWindow(model, RejectionCountModel())
    qtbot.addWidget(window)
    window.show()
    model.append_rows([_row(1, STORED), _row(2, "Call #14: created", "call.created", "waiting")])
    window.charts.refresh()
    ticks = [label for _, label in window.charts.open_calls.getAxis("bottom")._tickLevels[0]]
    assert set(ticks) == {"em andamento", "aguardando"}
    type_ticks = [label for _, label in window.charts.by_type.getAxis("left")._tickLevels[0]]
    assert set(type_ticks) == {"Status do chamado", "Chamado aberto"}

    window.set_connection_state("live", "caught up 3 events from the streams")
    assert window.state_detail.text() == "3 eventos recuperados dos streams"
    window.show_gap(Gap("calls_channel:stream", "callsystem", "o1", 5, 7, GapReason.MISSING, time.time()))
    assert window.gap_label.text().endswith(
        "callsystem: 3 evento(s) faltando, seq 5–7 (não estão mais em calls_channel:stream)"
    )


def test_the_status_bar_does_not_say_live_while_paused(qtbot: QtBot, portuguese: None) -> None:
    model = EventTableModel()
    window = ConsoleWindow(model, RejectionCountModel())
    qtbot.addWidget(window)
    window.set_connection_state("live", "")
    live = window.indicator.label.text()
    window.pause_action.setChecked(True)
    assert window.indicator.label.text() == "Pausado"
    window.set_connection_state("live", "caught up 2 events from the streams")  # arriving while paused
    assert window.indicator.label.text() == "Pausado"
    window.pause_action.setChecked(False)
    assert window.indicator.label.text() == live


def test_export_headers_and_summaries_in_the_window_language(qtbot: QtBot, tmp_path: Path, portuguese: None) -> None:
    model = EventTableModel()
    model.append_rows([_row(1, STORED)])
    path = tmp_path / "view.csv"
    job = ExportJob(model.cols, np.arange(1), path, "csv", lambda _ids: {}, wording=model.wording)
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
    rows: list[Any] = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[0][:6] == ["Recebido (UTC)", "Occurred (UTC)", "Source", "Tipo (código)", "Entity", "Resumo"]
    assert rows[1][3] == "call.status_changed" and rows[1][5] == "Chamado #13 Adriana Nogueira: novo → em andamento"
