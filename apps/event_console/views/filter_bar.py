"""The filter bar above the event table: source, type, operator, received-within, free text and
the entity chip, turned into one `EventFilter`.

Its texts stay in the "ConsoleWindow" translation context they were catalogued under, so the
catalogue translates them wherever in the window they are laid out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from event_console.columns.interning import Vocabulary
from event_console.columns.layout import entity_parts
from event_console.filters import EventFilter

# Marked for lupdate here, translated where the combo box is filled.
_RECENT = [
    (0.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Any time")),
    (300.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last 5 min")),
    (900.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last 15 min")),
    (3600.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last hour")),
]
# Typing is applied once the supervisor pauses: every keystroke would re-filter the whole store.
TEXT_DELAY_MS = 150


class FilterBar(QWidget):
    """The quick filters; `filter_changed` carries the filter whenever the supervisor changes one."""

    filter_changed = Signal(object)  # EventFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)

        def combo(label: str, all_text: str) -> QComboBox:
            row.addWidget(QLabel(label, self))
            box = QComboBox(self)
            box.setMinimumContentsLength(12)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.addItem(all_text, "")
            row.addWidget(box)
            return box

        self.source_filter = combo(
            QCoreApplication.translate("ConsoleWindow", "Source"),
            QCoreApplication.translate("ConsoleWindow", "All sources"),
        )
        self.type_filter = combo(
            QCoreApplication.translate("ConsoleWindow", "Type"),
            QCoreApplication.translate("ConsoleWindow", "All types"),
        )
        self.operator_filter = combo(
            QCoreApplication.translate("ConsoleWindow", "Operator"),
            QCoreApplication.translate("ConsoleWindow", "All operators"),
        )
        self.recent_filter = combo(
            QCoreApplication.translate("ConsoleWindow", "Received"),
            QCoreApplication.translate("ConsoleWindow", "Any time"),
        )
        self.recent_filter.clear()
        for seconds, label in _RECENT:
            self.recent_filter.addItem(QCoreApplication.translate("ConsoleWindow", str(label)), seconds)
        self.text_filter = QLineEdit(self)
        self.text_filter.setAccessibleName(QCoreApplication.translate("ConsoleWindow", "Search events"))
        self.text_filter.setPlaceholderText(
            QCoreApplication.translate("ConsoleWindow", "Search summary, type, entity, operator…")
        )
        self.text_filter.setClearButtonEnabled(True)
        row.addWidget(self.text_filter, 1)
        self.entity_chip = QPushButton(self)
        self.entity_chip.setAccessibleName(QCoreApplication.translate("ConsoleWindow", "Entity filter"))
        self.entity_chip.setAccessibleDescription(
            QCoreApplication.translate("ConsoleWindow", "Press to stop filtering by this entity")
        )
        self.entity_chip.setVisible(False)
        self.entity_chip.setToolTip(
            QCoreApplication.translate("ConsoleWindow", "Click to stop filtering by this entity")
        )
        row.addWidget(self.entity_chip)
        self.clear_filters_button = QPushButton(QCoreApplication.translate("ConsoleWindow", "Clear filters"), self)
        row.addWidget(self.clear_filters_button)
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._entity = ""  # an entity_key: system, origin, id
        # How the chip names an entity; the window tells it how its table does.
        self.describe_entity: Callable[[str], str] = lambda key: entity_parts(key)[0]
        self._choice_sizes: tuple[int, ...] = ()

        for box in (self.source_filter, self.type_filter, self.operator_filter, self.recent_filter):
            box.currentIndexChanged.connect(self._changed)
        self.text_filter.textChanged.connect(lambda _t: self._text_timer.start())
        self._text_timer.timeout.connect(self._changed)
        self.entity_chip.clicked.connect(lambda: self.set_entity(""))
        self.clear_filters_button.clicked.connect(lambda: self.set_filter(EventFilter()))

    def current_filter(self) -> EventFilter:
        """The filter the widgets show; "received within" becomes a `since` from now."""

        def chosen(box: QComboBox) -> frozenset[str]:
            value = box.currentData()
            return frozenset({value}) if value else frozenset()

        recent = self.recent_seconds()
        return EventFilter(
            sources=chosen(self.source_filter),
            types=chosen(self.type_filter),
            operators=chosen(self.operator_filter),
            entity=self._entity,
            since=time.time() - recent if recent else None,
            text=self.text_filter.text(),
        )

    def recent_seconds(self) -> float:
        """The "received within" choice in seconds (0: any time)."""
        return float(self.recent_filter.currentData() or 0.0)

    def set_recent_seconds(self, seconds: float) -> None:
        """Choose a "received within" entry (a value the list does not offer is ignored)."""
        at = self.recent_filter.findData(seconds)
        if at > 0:
            self.recent_filter.setCurrentIndex(at)

    def set_filter(self, flt: EventFilter) -> None:
        """Show `flt` in the widgets (quick filters, presets) and announce it once."""
        widgets = (self.source_filter, self.type_filter, self.operator_filter, self.recent_filter, self.text_filter)
        for w in widgets:
            w.blockSignals(True)
        try:
            self._select(self.source_filter, next(iter(flt.sources), ""))
            self._select(self.type_filter, next(iter(flt.types), ""))
            self._select(self.operator_filter, next(iter(flt.operators), ""))
            self.recent_filter.setCurrentIndex(0)
            self.text_filter.setText(flt.text)
            self._show_entity(flt.entity)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._text_timer.stop()
        self.filter_changed.emit(flt.with_(since=self.current_filter().since) if flt.since is None else flt)

    def set_entity(self, entity: str) -> None:
        """Filter by one entity ("" for any)."""
        self._show_entity(entity)
        self._changed()

    def refresh_choices(self, vocab: Mapping[str, Vocabulary], labels: Mapping[str, str]) -> None:
        """Offer the sources, types and operators seen so far (`labels`: display names of sources)."""
        self._choice_sizes = self._sizes(vocab)
        for box, name, names in (
            (self.source_filter, "source", labels),
            (self.type_filter, "type", {}),
            (self.operator_filter, "operator", {}),
        ):
            present = {box.itemData(i) for i in range(box.count())}
            box.blockSignals(True)
            for value in sorted(v for v in vocab[name].values if v and v not in present):
                box.addItem(names.get(value, value), value)
            box.blockSignals(False)

    def choices_outdated(self, vocab: Mapping[str, Vocabulary]) -> bool:
        """True when values were seen since the choices were last offered (cheap: sizes only)."""
        return self._sizes(vocab) != self._choice_sizes

    @staticmethod
    def _sizes(vocab: Mapping[str, Vocabulary]) -> tuple[int, ...]:
        return (len(vocab["source"]), len(vocab["type"]), len(vocab["operator"]))

    def _changed(self, *_args: object) -> None:
        self._text_timer.stop()
        self.filter_changed.emit(self.current_filter())

    def _show_entity(self, entity: str) -> None:
        self._entity = entity
        self.entity_chip.setText(
            QCoreApplication.translate("ConsoleWindow", "Entity: {0} ✕").format(self.describe_entity(entity))
        )
        self.entity_chip.setVisible(bool(entity))

    @staticmethod
    def _select(box: QComboBox, value: str) -> None:
        at = box.findData(value)
        if at < 0:
            box.addItem(value, value)
            at = box.count() - 1
        box.setCurrentIndex(at)
