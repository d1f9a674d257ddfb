"""The registration form (lives in a dock): keyboard-first, shows the caller's open calls while
the name or phone is typed, computes the priority as urgency and impact change, and reports
validation errors at the field."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callsystem_gui.labels import PRIORITY_COLOURS, priority_label, status_label
from callsystem_gui.views.fields import FieldErrors, category_combo, channel_combo, draft_from, level_combo
from callsystem_gui.vocabulary import MAX_NAME, Level, priority_for
from integrado.qt.text_style import style_text

if TYPE_CHECKING:
    from callsystem_gui.domain import CallDraft, CallSummary


class CallForm(QWidget):
    """New-call form. Emits `submitted(CallDraft)`; the controller answers with errors or `reset()`."""

    submitted = Signal(object)  # CallDraft
    lookup_requested = Signal(str, str)  # caller name, phone (debounced)
    repeat_call_activated = Signal(int)  # call id
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callForm")
        self.errors = FieldErrors()
        self.caller_name = QLineEdit(self)
        self.caller_name.setObjectName("callerName")
        self.caller_name.setMaxLength(MAX_NAME + 50)  # longer input still gets the clear message
        self.caller_name.setPlaceholderText(self.tr("Who is calling?"))
        self.phone = QLineEdit(self)
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText(self.tr("(51) 99999-0000"))
        self.repeat_label = QLabel(self)
        self.repeat_label.setTextFormat(Qt.TextFormat.PlainText)
        style_text(self.repeat_label, "#8a4b00", bold=True)
        self.repeat_list = QListWidget(self)
        self.repeat_list.setObjectName("repeatCalls")
        self.repeat_list.setAccessibleName(self.tr("Earlier calls from this caller"))
        self.repeat_list.setAccessibleDescription(self.tr("Press Enter on a call to open it."))
        self.repeat_list.setMaximumHeight(72)
        self.repeat_list.itemActivated.connect(self._repeat_activated)
        self.subject = QLineEdit(self)
        self.subject.setObjectName("subject")
        self.subject.setPlaceholderText(self.tr("One line: what is the problem?"))
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("Details, error messages, what was tried…"))
        self.description.setMinimumHeight(60)
        self.description.setMaximumHeight(110)
        self.category = category_combo(self)
        self.channel = channel_combo(self)
        self.urgency = level_combo(self)
        self.impact = level_combo(self)
        self.priority = QLabel(self)
        self.priority.setObjectName("computedPriority")
        self.priority.setTextFormat(Qt.TextFormat.PlainText)
        self.register_button = QPushButton(self)
        self.register_button.setText(self.tr("Register call"))
        self.register_button.setObjectName("registerButton")
        self.register_button.setDefault(True)
        self.register_button.setToolTip(
            self.tr("Register the call (Ctrl+Enter anywhere in the form, Enter in its last fields)")
        )
        self.clear_button = QPushButton(self)
        self.clear_button.setText(self.tr("Clear"))
        self.draft_label = QLabel(self)
        self.draft_label.setTextFormat(Qt.TextFormat.PlainText)
        style_text(self.draft_label, "#666666")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # Mnemonics unique in the window: the menu bar has Call (Alt+C) and Help (Alt+H).
        self._row(form, self.tr("Calle&r"), "caller_name", self.caller_name)
        self._row(form, self.tr("&Phone"), "phone", self.phone)
        form.addRow(self.repeat_label)
        form.addRow(self.repeat_list)
        self._row(form, self.tr("&Subject"), "subject", self.subject)
        self._row(form, self.tr("&Description"), "description", self.description)
        self._row(form, self.tr("Ca&tegory"), "category", self.category)
        self._row(form, self.tr("Cha&nnel"), "channel", self.channel)
        self._row(form, self.tr("&Urgency"), "urgency", self.urgency)
        self._row(form, self.tr("&Impact"), "impact", self.impact)
        form.addRow(self.tr("Priority"), self.priority)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.register_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.draft_label)
        layout.addStretch(1)

        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(250)
        self._lookup_timer.timeout.connect(self._emit_lookup)
        for edit in (self.caller_name, self.phone):
            edit.textEdited.connect(self._lookup_timer.start)
        for edit in (self.caller_name, self.phone, self.subject):
            edit.textEdited.connect(self.edited)
        self.description.textChanged.connect(self.edited)
        for combo in (self.category, self.channel, self.urgency, self.impact):
            combo.currentIndexChanged.connect(self.edited)
        self.category.editTextChanged.connect(self.edited)
        self.urgency.currentIndexChanged.connect(self._update_priority)
        self.impact.currentIndexChanged.connect(self._update_priority)
        self.register_button.clicked.connect(self.submit)
        self.clear_button.clicked.connect(self.reset)
        # Enter goes on to the next field to type in: past the caller's earlier calls, which Tab
        # reaches in reading order between the phone and the subject.
        for edit, following in (
            (self.caller_name, self.phone),
            (self.phone, self.subject),
            (self.subject, self.description),
        ):
            edit.returnPressed.connect(lambda field=following: field.setFocus(Qt.FocusReason.TabFocusReason))
        self.set_repeat_calls([])
        self._update_priority()

    def add_shortcuts(self) -> None:
        """Ctrl+Enter registers from anywhere in the form, Enter from its last fields: added by the
        window once its first frame is on screen (QKeySequence's type is not built before it)."""
        from PySide6.QtGui import QKeySequence, QShortcut

        submit = QShortcut(QKeySequence("Ctrl+Return"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        submit.activated.connect(self.submit)
        submit_enter = QShortcut(
            QKeySequence("Ctrl+Enter"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        submit_enter.activated.connect(self.submit)
        # After the description (the one multi-line box), Enter registers: the fields left are
        # choices, and Enter is what an operator presses when the call is written down.
        for combo in (self.category, self.channel, self.urgency, self.impact):
            for keys in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                enter = QShortcut(QKeySequence(keys), combo, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
                enter.activated.connect(self.submit)

    def _row(self, form: QFormLayout, label: str, name: str, widget: QWidget) -> None:
        self.errors.add_row(form, label, name, widget, self)

    # -- state ------------------------------------------------------------------------------

    def draft(self) -> CallDraft:
        return draft_from(self)

    def state(self) -> dict[str, Any]:
        """What the crash-safe draft file stores."""
        d = self.draft()
        return {
            "caller_name": d.caller_name,
            "phone": d.phone,
            "subject": d.subject,
            "description": d.description,
            "category": d.category,
            "channel": d.channel,
            "urgency": d.urgency,
            "impact": d.impact,
        }

    def is_empty(self) -> bool:
        return not any(
            (self.caller_name.text(), self.phone.text(), self.subject.text(), self.description.toPlainText())
        )

    def restore(self, state: dict[str, Any]) -> None:
        self.caller_name.setText(str(state.get("caller_name", "")))
        self.phone.setText(str(state.get("phone", "")))
        self.subject.setText(str(state.get("subject", "")))
        self.description.setPlainText(str(state.get("description", "")))
        self.category.setCurrentText(str(state.get("category", "")))
        for combo, key in ((self.channel, "channel"), (self.urgency, "urgency"), (self.impact, "impact")):
            index = combo.findData(state.get(key))
            if index >= 0:
                combo.setCurrentIndex(index)
        self._update_priority()
        if self.caller_name.text() or self.phone.text():
            self._lookup_timer.start()

    def reset(self) -> None:
        self.errors.clear()
        self.caller_name.clear()
        self.phone.clear()
        self.subject.clear()
        self.description.clear()
        self.category.setCurrentIndex(0)
        self.channel.setCurrentIndex(0)
        self.urgency.setCurrentIndex(self.urgency.findData(int(Level.MEDIUM)))
        self.impact.setCurrentIndex(self.impact.findData(int(Level.MEDIUM)))
        self.set_repeat_calls([])
        self.draft_label.clear()
        self.edited.emit()

    def tab_order(self) -> list[QWidget]:
        """The form's Tab stops in reading order (Clear stands left of Register call)."""
        return [
            self.caller_name,
            self.phone,
            self.repeat_list,
            self.subject,
            self.description,
            self.category,
            self.channel,
            self.urgency,
            self.impact,
            self.clear_button,
            self.register_button,
        ]

    def focus_first(self) -> None:
        self.caller_name.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.caller_name.selectAll()

    def show_error(self, field: str, message: str) -> bool:
        """One more bad field (a submit clears the earlier ones): all of a check show at once."""
        return self.errors.show(field, message)

    def set_repeat_calls(self, calls: list[CallSummary]) -> None:
        self.repeat_list.clear()
        for call in calls:
            text = self.tr("#%1 · %2 · %3 · %4")
            for i, part in enumerate(
                (str(call.id), status_label(call.status), call.caller_name, call.subject), start=1
            ):
                text = text.replace(f"%{i}", part)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, call.id)
            item.setToolTip(text)
            self.repeat_list.addItem(item)
        visible = bool(calls)
        self.repeat_label.setText(self.tr("Repeat caller: %n open call(s)", "", len(calls)) if visible else "")
        self.repeat_label.setVisible(visible)
        self.repeat_list.setVisible(visible)

    # -- slots ------------------------------------------------------------------------------

    def submit(self) -> None:
        self.errors.clear()
        self.submitted.emit(self.draft())

    def _emit_lookup(self) -> None:
        self.lookup_requested.emit(self.caller_name.text(), self.phone.text())

    def _repeat_activated(self, item: QListWidgetItem) -> None:
        self.repeat_call_activated.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _update_priority(self) -> None:
        urgency, impact = self.urgency.currentData(), self.impact.currentData()
        if urgency is None or impact is None:
            return
        prio = priority_for(int(urgency), int(impact))
        self.priority.setText(priority_label(prio))
        style_text(self.priority, PRIORITY_COLOURS[prio].name(), bold=True)
