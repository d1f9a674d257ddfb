"""The wallboard window: six tiles against their targets, one row per operator below, and a
banner for the alerts that need someone. Made for a screen across the room: large type, strong
colours that read the same in a light or a dark palette, and a fixed grid (a number that grows
from 9 to 10 never moves a tile).

It shows what it is given (`show_figures`, `show_alerts`) and knows nothing of the history.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from event_console.wallboard.board import BoardFigures, OperatorRow
from event_console.wallboard.targets import TILE_TITLES, Level, Target, Tile

# Backgrounds and text of each level: white or black text at a contrast of 7:1 or more (WCAG AAA),
# the same on light and dark desktops, so a tile's colour means one thing everywhere.
LEVEL_COLOURS: dict[Level, tuple[str, str]] = {
    Level.GREEN: ("#1b5e20", "#ffffff"),
    Level.AMBER: ("#ffc400", "#000000"),
    Level.RED: ("#b71c1c", "#ffffff"),
}
UNKNOWN_COLOURS = ("#424242", "#ffffff")
# Pixel sizes of a tile's number and detail line at full size (they shrink to fit, see _fit).
VALUE_PX = 88
DETAIL_PX = 20

ModelIndex = QModelIndex | QPersistentModelIndex


def _age(seconds: float) -> str:
    minutes = int(seconds // 60)
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes >= 60 else f"{minutes} min"


class TileWidget(QFrame):
    """One number against its target: title, value, a line of detail; coloured by level."""

    def __init__(self, tile: Tile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile = tile
        self.level: Level | None = None
        self.setObjectName(f"tile_{tile}")
        # Ignored: the grid gives every tile the same share whatever its text, so nothing moves.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.title = QLabel(self)
        self.value = QLabel("—", self)
        self.detail = QLabel(self)
        for label, size, weight in (
            (self.title, 26, QFont.Weight.DemiBold),
            (self.value, VALUE_PX, QFont.Weight.Bold),
            (self.detail, DETAIL_PX, QFont.Weight.Normal),
        ):
            font = label.font()
            font.setPixelSize(size)
            font.setWeight(weight)
            label.setFont(font)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            label.setTextFormat(Qt.TextFormat.PlainText)
        # Room for two lines of title (longer in Portuguese), reserved whatever the text.
        self.title.setWordWrap(True)
        self.title.setFixedHeight(self.title.fontMetrics().lineSpacing() * 2 + 4)
        self.detail.setFixedHeight(self.detail.fontMetrics().lineSpacing() + 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(self.title)
        layout.addStretch(1)
        layout.addWidget(self.value)
        layout.addStretch(1)
        layout.addWidget(self.detail)
        self.set_level(None)

    def set_level(self, level: Level | None) -> None:
        self.level = level
        background, text = LEVEL_COLOURS[level] if level is not None else UNKNOWN_COLOURS
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ background: {background}; border-radius: 10px; }}"
            f" QLabel {{ color: {text}; background: transparent; }}"
        )

    def show_value(self, title: str, value: str, detail: str, level: Level | None) -> None:
        self.title.setText(title)
        self.value.setText(value)
        self.detail.setText(detail)
        if level != self.level:
            self.set_level(level)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The value and the detail shrink to the tile's width (a narrow window, a long number)
        instead of being cut; never past their full size."""
        room = max(1, self.contentsRect().width() - 8)
        for label, full in ((self.value, VALUE_PX), (self.detail, DETAIL_PX)):
            font = label.font()
            font.setPixelSize(full)
            wide = QFontMetrics(font).horizontalAdvance(label.text())
            font.setPixelSize(max(8, min(full, int(full * room / wide))) if wide > room else full)
            if font.pixelSize() != label.font().pixelSize():
                label.setFont(font)


class OperatorTableModel(QAbstractTableModel):
    """The operators' cells: desk counts, today's resolutions, last activity."""

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OperatorRow] = []
        self.now = time.time()

    def set_rows(self, rows: Sequence[OperatorRow], now: float) -> None:
        self.now = now
        if [r.user for r in rows] == [r.user for r in self._rows]:
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.COLUMNS - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.COLUMNS

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < self.COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Operator"),
            self.tr("Open"),
            self.tr("In progress"),
            self.tr("Waiting"),
            self.tr("Resolved today"),
            self.tr("Last activity"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(
                Qt.AlignmentFlag.AlignVCenter
                | (Qt.AlignmentFlag.AlignLeft if column == 0 else Qt.AlignmentFlag.AlignCenter)
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 5:
            if row.last_activity_at is None:
                return "—"
            ago = max(0.0, self.now - row.last_activity_at)
            return self.tr("{0} ago").format(_age(ago)) if ago >= 60 else self.tr("now")
        return (row.user, row.open, row.in_progress, row.waiting, row.resolved_today)[column]


class WallboardWindow(QWidget):
    """The full-screen wallboard (F11 toggles full screen, Esc leaves it)."""

    closed = Signal()

    def __init__(self, targets: Mapping[Tile, Target], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.targets = dict(targets)
        self.setWindowTitle(self.tr("Integrado — Wallboard"))
        self.setObjectName("wallboard")
        self.resize(1600, 900)
        self.heading = QLabel(self.tr("Operations now"), self)
        self.clock = QLabel(self)
        self.status = QLabel(self)
        for label, size in ((self.heading, 34), (self.clock, 34), (self.status, 18)):
            font = label.font()
            font.setPixelSize(size)
            font.setBold(label is not self.status)
            label.setFont(font)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.banner = QLabel(self)
        self.banner.setObjectName("alertBanner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        font = self.banner.font()
        font.setPixelSize(28)
        font.setBold(True)
        self.banner.setFont(font)
        self.banner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # Always there, only its text and colour change: an alert never pushes the tiles down.
        self.banner.setFixedHeight(self.banner.fontMetrics().height() + 24)
        self._set_banner_alarm(False)
        self.tiles: dict[Tile, TileWidget] = {tile: TileWidget(tile, self) for tile in Tile}
        grid = QGridLayout()
        grid.setSpacing(14)
        for i, tile in enumerate(Tile):
            grid.addWidget(self.tiles[tile], i // 3, i % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for row in range(2):
            grid.setRowStretch(row, 1)
        self.operators = OperatorTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.operators)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        table_font = self.table.font()
        table_font.setPixelSize(22)
        self.table.setFont(table_font)
        header_font = self.table.horizontalHeader().font()
        header_font.setPixelSize(20)
        header_font.setBold(True)
        self.table.horizontalHeader().setFont(header_font)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.clock)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(grid, 4)
        layout.addWidget(self.table, 5)
        layout.addWidget(self.status)
        self.show_loading(0)

    # -- what it is told ----------------------------------------------------------------------

    def show_loading(self, events: int) -> None:
        for tile, widget in self.tiles.items():
            widget.show_value(QCoreApplication.translate("Wallboard", TILE_TITLES[tile]), "…", "", None)
        self.status.setText(
            self.tr("Reading the history: {0:n} events").format(events) if events else self.tr("Reading the history…")
        )

    def show_figures(self, figures: BoardFigures) -> None:
        values = figures.values
        for tile, widget in self.tiles.items():
            value = values[tile]
            level = self.targets[tile].level(value)
            title = QCoreApplication.translate("Wallboard", TILE_TITLES[tile])
            if tile is Tile.OLDEST_UNASSIGNED:
                seconds = figures.oldest_unassigned_seconds
                text = "—" if seconds is None else _age(seconds)
                detail = self.tr("none unassigned") if seconds is None else self._target_text(tile)
            elif tile is Tile.RESOLVED_TODAY:
                text = f"{figures.resolved_today:n}"
                detail = self.tr("yesterday by now: {0:n}").format(figures.resolved_yesterday)
                if value is not None:
                    detail += f" ({value:.0f}%)"
            else:
                text = f"{int(value or 0):n}"
                detail = self._target_text(tile)
            widget.show_value(title, text, detail, level)
        self.operators.set_rows(figures.operators, figures.at)
        self.clock.setText(time.strftime("%H:%M", time.localtime(figures.at)))
        self.status.setText(
            self.tr("{0:n} open calls · {1:n} events · updated {2}").format(
                figures.open_calls, figures.events, time.strftime("%H:%M:%S", time.localtime(figures.at))
            )
        )

    def _target_text(self, tile: Tile) -> str:
        target = self.targets[tile]
        amber, red = f"{target.amber:g}", f"{target.red:g}"
        if tile is Tile.OLDEST_UNASSIGNED:
            return self.tr("amber ≥ {0} min · red ≥ {1} min").format(amber, red)
        return self.tr("amber ≥ {0} · red ≥ {1}").format(amber, red)

    def show_alerts(self, lines: Sequence[str]) -> None:
        """The alerts that need someone, newest first (hidden when none)."""
        if not lines:
            self.banner.setText(self.tr("No alerts need attention"))
            self._set_banner_alarm(False)
            return
        text = "⚠ " + lines[0]
        if len(lines) > 1:
            text += "  " + self.tr("(+{0} more)").format(len(lines) - 1)
        self.banner.setText(text)
        self._set_banner_alarm(True)

    def _set_banner_alarm(self, alarm: bool) -> None:
        background, colour = LEVEL_COLOURS[Level.RED] if alarm else ("transparent", "palette(window-text)")
        self.banner.setStyleSheet(
            f"QLabel#alertBanner {{ background: {background}; color: {colour}; padding: 6px 16px; border-radius: 8px; }}"
        )
        self.banner.setProperty("alarm", alarm)

    # -- keys ---------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
