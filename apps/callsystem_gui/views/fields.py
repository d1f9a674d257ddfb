"""Small widgets shared by the registration form and the detail pane: an inline error label per
field, and the combo boxes for the domain's enumerations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from callsystem_gui.labels import channel_label, level_label, priority_label
from callsystem_gui.vocabulary import Channel, Level, Priority
from integrado.qt.text_style import style_text

if TYPE_CHECKING:
    from callsystem_gui.domain import CallDraft

_INVALID_STYLE = "border: 1px solid #b3261e;"


class FieldErrors:
    """Shows a validation message under the field it belongs to, and marks the field."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add(self, name: str, widget: QWidget, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(f"error_{name}")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        style_text(label, "#b3261e", scale=0.9)
        label.hide()
        self._fields[name] = (widget, label)
        return label

    def show(self, name: str, message: str) -> bool:
        """True when the field is known (the caller shows the message elsewhere otherwise)."""
        entry = self._fields.get(name)
        if entry is None:
            return False
        widget, label = entry
        label.setText(message)
        label.show()
        widget.setStyleSheet(_INVALID_STYLE)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def clear(self) -> None:
        for widget, label in self._fields.values():
            label.hide()
            label.clear()
            widget.setStyleSheet("")

    def add_row(self, form: QFormLayout, label: str, name: str, widget: QWidget, parent: QWidget) -> None:
        """A form row: the field with its message slot under it, and a buddy label for Alt+key."""
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(self.add(name, widget, parent))
        buddy = QLabel(label, parent)
        buddy.setBuddy(widget)
        form.addRow(buddy, box)
        edit = widget.lineEdit() if isinstance(widget, QComboBox) else None
        if edit is not None:
            # An editable combo box's text field is named too: screen readers that speak it
            # rather than the combo box would otherwise read only what is typed in it.
            edit.setAccessibleName(_without_mnemonic(label))

    def message(self, name: str) -> str:
        entry = self._fields.get(name)
        return entry[1].text() if entry and not entry[1].isHidden() else ""


def _without_mnemonic(label: str) -> str:
    """A label's text as it is read: "Ca&tegory" is "Category", "R&&D" is "R&D"."""
    return "&".join(part.replace("&", "") for part in label.split("&&"))


def level_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for level in Level:
        combo.addItem(level_label(level), int(level))
    combo.setCurrentIndex(combo.findData(int(Level.MEDIUM)))
    return combo


def channel_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for channel in Channel:
        combo.addItem(channel_label(channel), channel.value)
    return combo


def category_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for name in ("", "Rede", "Hardware", "Software", "Acesso / senha", "Financeiro", "Telefonia", "Outros"):
        combo.addItem(name)
    return combo


def priority_text(priority: Priority) -> str:
    return priority_label(priority)


class CallFieldWidgets(Protocol):
    """The call fields the registration form and the detail pane both show."""

    caller_name: QLineEdit
    phone: QLineEdit
    subject: QLineEdit
    description: QPlainTextEdit
    category: QComboBox
    channel: QComboBox
    urgency: QComboBox
    impact: QComboBox


def draft_from(view: CallFieldWidgets) -> CallDraft:
    """What the operator typed, as the service's input (validated there, not here)."""
    # The domain's records come after the first frame (`callsystem_gui.vocabulary` before it).
    from callsystem_gui.domain import CallDraft

    return CallDraft(
        caller_name=view.caller_name.text(),
        phone=view.phone.text(),
        subject=view.subject.text(),
        description=view.description.toPlainText(),
        category=view.category.currentText(),
        channel=str(view.channel.currentData()),
        urgency=int(view.urgency.currentData()),
        impact=int(view.impact.currentData()),
    )
