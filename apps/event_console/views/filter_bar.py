"""The filter bar above the event table: source, type, operator, received-within, free text and
the entity chip, turned into one `EventFilter`.

Its texts stay in the "ConsoleWindow" translation context they were catalogued under, so the
catalogue translates them wherever in the window they are laid out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from event_console.columns.layout import entity_parts
from event_console.filters import EventFilter

if TYPE_CHECKING:
    # numpy's: the bar is built before the first frame, its choices filled once events are held.
    from event_console.columns.interning import Vocabulary

# Marked for lupdate here, translated where the combo box is filled.
_RECENT = [
    (0.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Any time")),
    (300.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last 5 min")),
    (900.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last 15 min")),
    (3600.0, QT_TRANSLATE_NOOP("ConsoleWindow", "Last hour")),
]
# Typing is applied once the supervisor pauses: every keystroke would re-filter the whole store.
TEXT_DELAY_MS = 150
# Characters a filter combo shows at least (longer names are elided inside it, the list shows
# them whole): with it the filters fit a 1024-pixel-wide window.
COMBO_MIN_CHARS = 9
TEXT_MIN_PX = 110


class FilterRow(QWidget):
    """The filter bar's parts and the presets, laid out as lines that wrap: all on one line in
    a wide window, the text search and the presets under the choices in a narrow one (a narrow
    window never cuts a combo box). `stretch` is the part that takes a line's spare width."""

    def __init__(self, parts: Sequence[QWidget], stretch: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts, self.stretch = list(parts), stretch
        self.lines = QVBoxLayout(self)
        self.lines.setContentsMargins(6, 2, 6, 2)
        self.lines.setSpacing(2)
        self.arrangement: tuple[int, ...] = ()
        self._arrange(1 << 20)

    def _arrange(self, width: int) -> None:
        margins = self.lines.contentsMargins()
        room = width - margins.left() - margins.right()
        spacing = 8
        widths = [part.sizeHint().width() for part in self.parts]
        if sum(widths) + spacing * (len(widths) - 1) <= room:
            counts = [len(widths)]
        else:
            # More than one line: the first part (the choices) alone on the first, the rest
            # filling the lines after it, so no line holds a lone button row.
            counts = [1, 0]
            used = 0
            for needed in widths[1:]:
                if counts[-1] and used + spacing + needed > room:
                    counts.append(0)
                    used = 0
                counts[-1] += 1
                used += needed + spacing
        arrangement = tuple(counts)
        if arrangement == self.arrangement:
            return
        self.arrangement = arrangement
        while self.lines.count():
            item = self.lines.takeAt(0)
            line = item.layout() if item is not None else None
            if line is not None:
                while line.count():
                    line.takeAt(0)
                line.deleteLater()
        parts = iter(self.parts)
        for count in arrangement:
            line = QHBoxLayout()
            line.setSpacing(spacing)
            members = [next(parts) for _ in range(count)]
            for part in members:
                line.addWidget(part, 1 if part is self.stretch else 0)
            if self.stretch not in members:
                line.addStretch(1)
            self.lines.addLayout(line)

    def minimumSizeHint(self) -> QSize:
        # One part a line at the narrowest: the window may be narrower than one line needs.
        margins = self.lines.contentsMargins()
        width = max(part.minimumSizeHint().width() for part in self.parts)
        return QSize(width + margins.left() + margins.right(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        # A part grew or shrank (the entity chip shown, a longer "All …" text): arrange again.
        if event.type() == QEvent.Type.LayoutRequest and self.width() > 0:
            self._arrange(self.width())
        return super().event(event)


class FilterBar(QWidget):
    """The quick filters; `filter_changed` carries the filter whenever the supervisor changes one."""

    filter_changed = Signal(object)  # EventFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Two parts, which the window lays out (`FilterRow`: on one line or two): the choices,
        # and the text search with the entity chip and "Clear filters". The bar itself shows
        # nothing: it keeps the filters' state and says when they change.
        self.setVisible(False)
        self.choices = QWidget(self)
        row = QHBoxLayout(self.choices)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = QWidget(self)
        search_row = QHBoxLayout(self.search)
        search_row.setContentsMargins(0, 0, 0, 0)

        def combo(label: str, all_text: str) -> QComboBox:
            caption = QLabel(label, self.choices)
            row.addWidget(caption)
            box = QComboBox(self.choices)
            # A screen reader on Linux names a combo box by its value; the label says what it is.
            caption.setBuddy(box)
            # Wide enough for "All …" whole; a longer name is elided inside, whole in the list.
            box.setMinimumContentsLength(max(COMBO_MIN_CHARS, len(all_text)))
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
        self.text_filter.setMinimumWidth(TEXT_MIN_PX)
        search_row.addWidget(self.text_filter, 1)
        self.entity_chip = QPushButton(self)
        self.entity_chip.setAccessibleName(QCoreApplication.translate("ConsoleWindow", "Entity filter"))
        self.entity_chip.setAccessibleDescription(
            QCoreApplication.translate("ConsoleWindow", "Press to stop filtering by this entity")
        )
        self.entity_chip.setVisible(False)
        self.entity_chip.setToolTip(
            QCoreApplication.translate("ConsoleWindow", "Click to stop filtering by this entity")
        )
        search_row.addWidget(self.entity_chip)
        self.clear_filters_button = QPushButton(QCoreApplication.translate("ConsoleWindow", "Clear filters"), self)
        search_row.addWidget(self.clear_filters_button)
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._entity = ""  # an entity_key: system, origin, id
        # How the chip names an entity; the window tells it how its table does.
        self.describe_entity: Callable[[str], str] = lambda key: entity_parts(key)[0]
        # The types one source's events hold, and a type's name for people: the window tells
        # it its table's (the type list offers only the chosen source's types).
        self.types_of: Callable[[str], list[str]] | None = None
        self.type_name: Callable[[str], str] = lambda event_type: event_type
        self._all_types: list[str] = []
        self._choice_sizes: tuple[int, ...] = ()

        for box in (self.type_filter, self.operator_filter, self.recent_filter):
            box.currentIndexChanged.connect(self._changed)
        self.source_filter.currentIndexChanged.connect(self._source_changed)
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
            self._fill_types()
            self._select(self.type_filter, next(iter(flt.types), ""), self.type_name)
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
        self._all_types = sorted(v for v in vocab["type"].values if v)
        self._fill_types()
        for box, name, names in (
            (self.source_filter, "source", labels),
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

    def _fill_types(self) -> None:
        """Offer the chosen source's types (every type for all sources), by their names; the
        chosen type stays if the source has it, else the list goes back to all types."""
        source = self.source_filter.currentData() or ""
        types = self.types_of(source) if source and self.types_of is not None else self._all_types
        chosen = self.type_filter.currentData() or ""
        box = self.type_filter
        blocked = box.blockSignals(True)
        try:
            while box.count() > 1:
                box.removeItem(1)
            for value in sorted(types, key=lambda t: self.type_name(t).casefold()):
                box.addItem(self.type_name(value), value)
            at = box.findData(chosen) if chosen else 0
            box.setCurrentIndex(max(at, 0))
        finally:
            box.blockSignals(blocked)

    def _source_changed(self, *_args: object) -> None:
        self._fill_types()
        self._changed()

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
    def _select(box: QComboBox, value: str, name: Callable[[str], str] = str) -> None:
        at = box.findData(value)
        if at < 0:
            box.addItem(name(value), value)
            at = box.count() - 1
        box.setCurrentIndex(at)
