"""The filter presets in the filter bar: a list of saved names, Save… and Delete.

The bar only shows names and says what the supervisor asked for; where presets are kept is the
controller's business (`event_console.presets`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget


class PresetBar(QWidget):
    """Choose, save or delete a named filter preset."""

    preset_chosen = Signal(str)  # name
    save_requested = Signal()
    delete_requested = Signal(str)  # name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(QCoreApplication.translate("ConsoleWindow", "Preset"), self)
        row.addWidget(caption)
        self.combo = QComboBox(self)
        caption.setBuddy(self.combo)  # what a screen reader says the combo box is
        self.combo.setMinimumContentsLength(10)
        row.addWidget(self.combo)
        self.save_button = QPushButton(QCoreApplication.translate("ConsoleWindow", "Save…"), self)
        self.delete_button = QPushButton(QCoreApplication.translate("ConsoleWindow", "Delete"), self)
        row.addWidget(self.save_button)
        row.addWidget(self.delete_button)
        self.show_names([])
        self.combo.activated.connect(self._chosen)
        self.save_button.clicked.connect(self.save_requested)
        self.delete_button.clicked.connect(self._delete)

    def show_names(self, names: Sequence[str], select: str = "") -> None:
        """List the saved presets; `select` one of them (else the "(choose)" entry)."""
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(QCoreApplication.translate("ConsoleWindow", "(choose)"), "")
        for name in names:
            self.combo.addItem(name, name)
        if select:
            self.combo.setCurrentIndex(self.combo.findData(select))
        self.combo.blockSignals(False)

    def names(self) -> list[str]:
        """The preset names listed, in their order."""
        return [str(self.combo.itemData(i)) for i in range(1, self.combo.count())]

    def _chosen(self, at: int) -> None:
        name = self.combo.itemData(at)
        if name:
            self.preset_chosen.emit(str(name))

    def _delete(self) -> None:
        name = self.combo.currentData()
        if name:
            self.delete_requested.emit(str(name))
