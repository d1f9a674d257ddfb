"""The detail pane: the selected call's fields (editable), its lifecycle actions, its timeline
and a box to add notes. Everything that came from data is shown as plain text."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from callsystem_gui.labels import (
    PRIORITY_COLOURS,
    STATUS_COLOURS,
    field_label,
    format_sla,
    format_time,
    priority_label,
    status_label,
)
from callsystem_gui.views.fields import FieldErrors, category_combo, channel_combo, draft_from, level_combo
from callsystem_gui.vocabulary import MAX_NAME, OPEN_STATUSES, TRANSITIONS, Status
from integrado.access.rights import Action, Role, why_not
from integrado.access.rights import allowed as role_allows
from integrado.qt.text_style import style_text

if TYPE_CHECKING:
    from callsystem_gui.domain import CallDetail, CallDraft, CallView, TimelineEntry


def _plain_label(parent: QWidget, object_name: str = "") -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    return label


class CallDetailPane(QWidget):
    """Shows one call; emits what the operator asks for, the controller does it."""

    save_requested = Signal(object)  # CallDraft
    status_requested = Signal(object)  # Status (CLOSED opens the resolution dialog upstream)
    reopen_requested = Signal()
    assign_me_requested = Signal()
    assign_requested = Signal(str)  # operator name ("" = unassign)
    delete_requested = Signal()
    restore_requested = Signal()
    note_requested = Signal(str)
    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, build_fields: bool = True) -> None:
        """`build_fields=False`: only the placeholder the pane shows with no call selected, for
        the window's first frame; `build_fields()` adds the rest (hidden until a call is shown)."""
        super().__init__(parent)
        self.setObjectName("callDetail")
        self.call: CallView | None = None
        self.dirty = False
        # Who is signed in and their office role: the buttons mirror what the database allows.
        self.role = Role.OWNER
        self.user = ""
        self._loading = False
        self.errors = FieldErrors()
        self.placeholder = QLabel(self.tr("Select a call, or press Ctrl+N to register one."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        style_text(self.placeholder, "#777777", scale=1.1)
        QVBoxLayout(self).addWidget(self.placeholder)
        self._built = False
        if build_fields:
            self.build_fields()

    def has_fields(self) -> bool:
        return self._built

    def build_fields(self) -> None:
        """The call's fields, actions, timeline and note box (once)."""
        if self._built:
            return
        # Here, not at the top: QKeySequence's type is built once the first frame is on screen.
        from PySide6.QtGui import QKeySequence, QShortcut

        self._built = True
        self.title = _plain_label(self, "detailTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.status_chip = _plain_label(self, "statusChip")
        self.priority_chip = _plain_label(self, "priorityChip")
        self.sla_label = _plain_label(self, "slaLabel")

        self.banner = QFrame(self)
        self.banner.setObjectName("conflictBanner")
        self.banner.setStyleSheet(
            "#conflictBanner { background: #fff4e5; border: 1px solid #e0a040; border-radius: 4px; }"
        )
        self.banner_text = _plain_label(self.banner, "conflictText")
        self.banner_text.setWordWrap(True)
        self.banner_reload = QPushButton(self.tr("Reload"), self.banner)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.banner_reload)
        self.banner.hide()

        self.start_button = QPushButton(self.tr("Start"), self)
        self.wait_button = QPushButton(self.tr("Wait on caller"), self)
        self.resolve_button = QPushButton(self.tr("Resolve"), self)
        self.close_button = QPushButton(self.tr("Close…"), self)
        self.reopen_button = QPushButton(self.tr("Reopen"), self)
        self.assign_button = QPushButton(self.tr("Assign to me"), self)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        for name, button in (
            ("startButton", self.start_button),
            ("waitButton", self.wait_button),
            ("resolveButton", self.resolve_button),
            ("closeButton", self.close_button),
            ("reopenButton", self.reopen_button),
            ("assignButton", self.assign_button),
            ("deleteButton", self.delete_button),
            ("restoreButton", self.restore_button),
        ):
            button.setObjectName(name)
            button.setAutoDefault(False)

        self.caller_name = QLineEdit(self)
        self.caller_name.setMaxLength(MAX_NAME + 50)
        self.phone = QLineEdit(self)
        self.subject = QLineEdit(self)
        self.description = QPlainTextEdit(self)
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(64)
        self.category = category_combo(self)
        self.channel = channel_combo(self)
        self.urgency = level_combo(self)
        self.impact = level_combo(self)
        self.assignee = QComboBox(self)
        self.assignee.setObjectName("assigneeCombo")
        self.assignee.setAccessibleName(self.tr("Assigned operator"))
        self.assignee.setEditable(True)
        self.assignee.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._assignee_edit = self.assignee.lineEdit()
        assert self._assignee_edit is not None  # editable combo
        self._assignee_edit.setPlaceholderText(self.tr("(unassigned)"))
        self._assignee_edit.setAccessibleName(self.tr("Assigned operator"))
        self.assign_to_button = QPushButton(self.tr("Assign"), self)
        self.assign_to_button.setObjectName("assignToButton")
        self.assign_to_button.setAutoDefault(False)
        self.created = _plain_label(self, "createdLabel")
        self.resolution = _plain_label(self, "resolutionLabel")
        self.resolution.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save changes"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("Save the edited fields (Ctrl+S)"))

        self.timeline = QListWidget(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setAccessibleName(self.tr("History of the call"))
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setSpacing(2)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setAccessibleName(self.tr("New note"))
        self.note_edit.setAccessibleDescription(self.tr("Ctrl+Enter adds the note to the call."))
        self.note_edit.setPlaceholderText(self.tr("Add a note… (Ctrl+Enter)"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(70)
        self.note_button = QPushButton(self.tr("Add note"), self)
        self.note_button.setObjectName("noteButton")
        self.note_error = _plain_label(self, "noteError")
        style_text(self.note_error, "#b3261e")
        self.note_error.hide()

        # Layout -------------------------------------------------------------------------------
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status_chip)
        header.addWidget(self.priority_chip)
        actions = QHBoxLayout()
        for button in (
            self.start_button,
            self.wait_button,
            self.resolve_button,
            self.close_button,
            self.reopen_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.assign_button)
        actions.addWidget(self.delete_button)
        actions.addWidget(self.restore_button)

        fields_widget = QWidget(self)
        form = QFormLayout(fields_widget)
        form.setContentsMargins(0, 0, 0, 0)
        for name, widget in (
            ("caller_name", self.caller_name),
            ("phone", self.phone),
            ("subject", self.subject),
            ("description", self.description),
            ("category", self.category),
            ("channel", self.channel),
        ):
            self._row(form, field_label(name), name, widget)
        levels = QHBoxLayout()
        for level_name, combo in (("urgency", self.urgency), ("impact", self.impact)):
            # The label names the combo box for screen readers (its name there is its value).
            level_label_widget = QLabel(field_label(level_name), self)
            level_label_widget.setBuddy(combo)
            levels.addWidget(level_label_widget)
            levels.addWidget(combo, 1)
        form.addRow(self.tr("Priority from"), levels)
        self.errors.add("urgency", self.urgency, self)
        form.addRow(self.tr("SLA"), self.sla_label)
        assign_row = QHBoxLayout()
        assign_row.addWidget(self.assignee, 1)
        assign_row.addWidget(self.assign_to_button)
        # On Linux an (editable) combo box is named by its value: the buddy label names it there
        # ("Operator editable combo box"), the accessible name of its text field on every system.
        operator_label = QLabel(self.tr("Operator"), self)
        operator_label.setBuddy(self.assignee)
        form.addRow(operator_label, assign_row)
        self.errors.add("assignee", self.assignee, self)
        form.addRow(self.tr("Opened"), self.created)
        form.addRow(self.tr("Resolution"), self.resolution)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        form.addRow(save_row)
        scroll = QScrollArea(self)
        # Only its fields take the focus: as a Tab stop of its own it was read as nothing.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields_widget)

        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        timeline_title = QLabel(self.tr("Timeline"), lower)
        style_text(timeline_title, bold=True)
        lower_layout.addWidget(timeline_title)
        lower_layout.addWidget(self.timeline, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignBottom)
        lower_layout.addLayout(note_row)
        lower_layout.addWidget(self.note_error)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("detailSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(header)
        body.addWidget(self.banner)
        body.addLayout(actions)
        body.addWidget(self.splitter, 1)
        self.body.hide()
        outer = self.layout()
        assert outer is not None  # made with the placeholder
        outer.addWidget(self.body)

        # Wiring ----------------------------------------------------------------------------
        self.start_button.clicked.connect(lambda: self.status_requested.emit(Status.IN_PROGRESS))
        self.wait_button.clicked.connect(lambda: self.status_requested.emit(Status.WAITING))
        self.resolve_button.clicked.connect(lambda: self.status_requested.emit(Status.RESOLVED))
        self.close_button.clicked.connect(lambda: self.status_requested.emit(Status.CLOSED))
        self.reopen_button.clicked.connect(self.reopen_requested)
        self.assign_button.clicked.connect(self.assign_me_requested)
        self.assign_to_button.clicked.connect(self.request_assign)
        self._assignee_edit.returnPressed.connect(self.request_assign)
        self.assignee.currentTextChanged.connect(self._update_buttons)
        self.delete_button.clicked.connect(self.delete_requested)
        self.restore_button.clicked.connect(self.restore_requested)
        self.banner_reload.clicked.connect(self.reload_requested)
        self.save_button.clicked.connect(self.request_save)
        self.note_button.clicked.connect(self.request_note)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(seq), self.note_edit, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.request_note)
        for edit in (self.caller_name, self.phone, self.subject):
            edit.textEdited.connect(self._mark_dirty)
        self.description.textChanged.connect(self._mark_dirty)
        for combo in (self.category, self.channel, self.urgency, self.impact):
            combo.currentIndexChanged.connect(self._mark_dirty)
        self.category.editTextChanged.connect(self._mark_dirty)
        self._update_buttons()

    def _row(self, form: QFormLayout, label: str, name: str, widget: QWidget) -> None:
        self.errors.add_row(form, label, name, widget, self)

    # -- showing ---------------------------------------------------------------------------

    def show_call(self, detail: CallDetail, *, keep_edits: bool = False) -> None:
        """Show a freshly loaded call. Edits in progress are replaced, unless `keep_edits` (the
        operator's own status change or note on the call being edited: the edits stay unsaved)."""
        call = detail.call
        keep = keep_edits and self.dirty and self.call is not None and self.call.id == call.id
        self._loading = True
        try:
            self.call = call
            self.banner.hide()
            self.note_error.hide()
            self.title.setText(f"#{call.id}  {call.subject}")
            if not keep:
                self.errors.clear()
                self.caller_name.setText(call.caller_name)
                self.phone.setText(call.phone)
                self.subject.setText(call.subject)
                self.description.setPlainText(call.description)
                self.category.setCurrentText(call.category)
                self.channel.setCurrentIndex(self.channel.findData(call.channel.value))
                self.urgency.setCurrentIndex(self.urgency.findData(int(call.urgency)))
                self.impact.setCurrentIndex(self.impact.findData(int(call.impact)))
            self.assignee.setCurrentText(call.assignee)
            self.created.setText(
                self.tr("%1 by %2").replace("%1", format_time(call.created_at)).replace("%2", call.created_by)
            )
            self.resolution.setText(call.resolution or "—")
            self.timeline.clear()
            for entry in detail.timeline:
                item = QListWidgetItem(self._timeline_text(entry))
                item.setData(Qt.ItemDataRole.UserRole, entry.kind)
                self.timeline.addItem(item)
            self.timeline.scrollToBottom()
            self.refresh_clock()
        finally:
            self._loading = False
        self.dirty = keep
        self.placeholder.hide()
        self.body.show()
        self._update_buttons()

    def clear(self) -> None:
        self.call = None
        self.dirty = False
        self.body.hide()
        self.placeholder.show()
        self._update_buttons()

    def refresh_clock(self, now: float | None = None) -> None:
        call = self.call
        if call is None:
            return
        remaining = call.sla_remaining(time.time() if now is None else now)
        self.sla_label.setText(
            self.tr("%1 (due %2)")
            .replace("%1", format_sla(call.status, remaining))
            .replace("%2", format_time(call.sla_due_at))
        )
        overdue = call.status in OPEN_STATUSES and remaining < 0
        style_text(self.sla_label, "#b3261e" if overdue else "", bold=overdue)
        self.status_chip.setText(status_label(call.status))
        self.status_chip.setStyleSheet(_chip(STATUS_COLOURS[call.status].name()))
        self.priority_chip.setText(priority_label(call.priority))
        self.priority_chip.setStyleSheet(_chip(PRIORITY_COLOURS[call.priority].name()))

    def show_conflict(self, message: str) -> None:
        self.banner_text.setText(message)
        self.banner.show()

    def show_error(self, field: str, message: str) -> bool:
        if field == "note":
            self.note_error.setText(message)
            self.note_error.show()
            self.note_edit.setFocus()
            return True
        # Not cleared here: a save shows every bad field at once (request_save clears them first).
        return self.errors.show(field, message)

    def draft(self) -> CallDraft:
        return draft_from(self)

    def tab_order(self) -> list[QWidget]:
        """The pane's Tab stops in reading order: the conflict's Reload, the actions, the fields
        (left column), then the timeline and the note (right column)."""
        return [
            self.banner_reload,
            self.start_button,
            self.wait_button,
            self.resolve_button,
            self.close_button,
            self.reopen_button,
            self.assign_button,
            self.delete_button,
            self.restore_button,
            self.caller_name,
            self.phone,
            self.subject,
            self.description,
            self.category,
            self.channel,
            self.urgency,
            self.impact,
            self.assignee,
            self.assign_to_button,
            self.save_button,
            self.timeline,
            self.note_edit,
            self.note_button,
        ]

    def focus_first_field(self) -> None:
        self.caller_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_note(self) -> None:
        self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def note_added(self) -> None:
        self.note_edit.clear()
        self.note_error.hide()

    # -- slots -------------------------------------------------------------------------------

    def request_save(self) -> None:
        if self.call is not None:
            self.errors.clear()
            self.save_requested.emit(self.draft())

    def discard_edits(self) -> None:
        """Forget the edits typed: the fields show the call as it was loaded."""
        self.dirty = False
        self.errors.clear()
        self._update_buttons()
        self.reload_requested.emit()

    def request_note(self) -> None:
        if self.call is not None:
            self.note_error.hide()
            self.note_requested.emit(self.note_edit.toPlainText())

    def request_assign(self) -> None:
        if self.call is not None and self.assignee.currentText().strip() != self.call.assignee:
            self.assign_requested.emit(self.assignee.currentText())

    def set_operators(self, names: list[str]) -> None:
        text = self.assignee.currentText()
        self.assignee.blockSignals(True)
        self.assignee.clear()
        self.assignee.addItems(names)
        self.assignee.setCurrentText(text)
        self.assignee.blockSignals(False)

    def _mark_dirty(self) -> None:
        if not self._loading and self.call is not None:
            self.dirty = True
            self._update_buttons()

    def _update_buttons(self) -> None:
        call = self.call
        allowed = TRANSITIONS[call.status] if call is not None and not call.deleted else frozenset()
        is_open = call is not None and call.status in OPEN_STATUSES
        self.start_button.setEnabled(Status.IN_PROGRESS in allowed and is_open)
        self.wait_button.setEnabled(Status.WAITING in allowed)
        self.resolve_button.setEnabled(Status.RESOLVED in allowed)
        self.close_button.setEnabled(Status.CLOSED in allowed)
        self.reopen_button.setEnabled(call is not None and not call.deleted and not is_open)
        self.assign_button.setEnabled(call is not None and not call.deleted)
        self.assign_to_button.setEnabled(
            call is not None and not call.deleted and self.assignee.currentText().strip() != call.assignee
        )
        self.delete_button.setEnabled(call is not None and not call.deleted)
        # Deleted calls (the bin) can only be looked at and restored.
        self.delete_button.setVisible(call is None or not call.deleted)
        self.restore_button.setVisible(call is not None and call.deleted)
        self.save_button.setEnabled(call is not None and not call.deleted and self.dirty)
        self.note_button.setEnabled(call is not None and not call.deleted)
        self._apply_rights()

    # -- rights ---------------------------------------------------------------------------

    def set_access(self, role: Role, user: str) -> None:
        """The signed-in user and role; what they may not do is disabled, the tooltip says why."""
        self.role, self.user = role, user
        self._update_buttons()

    def may(self, action: Action) -> bool:
        return role_allows(self.role, action, own_or_unassigned=self._own_or_unassigned())

    def _own_or_unassigned(self) -> bool:
        call = self.call
        return call is None or not call.assignee or call.assignee == self.user

    def _apply_rights(self) -> None:
        own = self._own_or_unassigned()
        take = Action.TAKE_CALL if own else Action.REASSIGN_CALL
        hand_over = Action.UPDATE_CALL if own else Action.REASSIGN_CALL
        for button, action in (
            (self.start_button, Action.UPDATE_CALL),
            (self.wait_button, Action.UPDATE_CALL),
            (self.resolve_button, Action.UPDATE_CALL),
            (self.close_button, Action.UPDATE_CALL),
            (self.save_button, Action.UPDATE_CALL),
            (self.reopen_button, Action.REOPEN_CALL),
            (self.assign_button, take),
            (self.assign_to_button, hand_over),
            (self.delete_button, Action.DELETE_CALL),
            (self.restore_button, Action.RESTORE_CALL),
            (self.note_button, Action.ADD_NOTE),
        ):
            self._gate(button, action, own)
        editable = role_allows(self.role, Action.UPDATE_CALL, own_or_unassigned=own)
        for edit in (self.caller_name, self.phone, self.subject):
            edit.setReadOnly(not editable)
        self.description.setReadOnly(not editable)
        for combo in (self.category, self.channel, self.urgency, self.impact):
            combo.setEnabled(editable)

    def _gate(self, button: QPushButton, action: Action, own: bool) -> None:
        if button.property("ownTip") is None:
            button.setProperty("ownTip", button.toolTip())
        reason = why_not(self.role, action, own_or_unassigned=own)
        if reason:
            button.setEnabled(False)
            button.setToolTip(QCoreApplication.translate("access", reason))
        else:
            button.setToolTip(str(button.property("ownTip")))

    def _timeline_text(self, entry: TimelineEntry) -> str:
        when = f"{format_time(entry.at)} · {entry.actor}"
        kind, detail = entry.kind, entry.detail
        if kind == "created":
            what = self.tr("Call registered: %1").replace("%1", detail)
        elif kind in ("status", "reopened"):
            old, _, new = detail.partition(" ")
            label = self.tr("Reopened: %1 → %2") if kind == "reopened" else self.tr("Status: %1 → %2")
            what = label.replace("%1", _status_or(old)).replace("%2", _status_or(new))
        elif kind == "note":
            what = self.tr("Note: %1").replace("%1", detail)
        elif kind == "assigned":
            what = self.tr("Assigned to %1").replace("%1", detail) if detail else self.tr("Unassigned")
        elif kind == "updated":
            names = ", ".join(field_label(name.strip()) for name in detail.split(",") if name.strip())
            what = self.tr("Edited: %1").replace("%1", names)
        elif kind == "closed":
            what = self.tr("Closed. Resolution: %1").replace("%1", detail)
        elif kind == "deleted":
            what = self.tr("Deleted")
        elif kind == "restored":
            what = self.tr("Restored")
        else:
            what = f"{kind}: {detail}"
        return f"{when}\n{what}"


def _status_or(value: str) -> str:
    try:
        return status_label(Status(value))
    except ValueError:
        return value


def _chip(colour: str) -> str:
    return f"background: {colour}; color: white; border-radius: 8px; padding: 2px 8px; font-weight: bold;"
