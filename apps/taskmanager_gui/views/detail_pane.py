"""The detail pane beside the tree: where a task sits, its notes, priority and due date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from integrado.qt.text_style import style_text
from taskmanager_gui.domain import MAX_NOTES_CHARS, Priority, TaskNode, TaskTree


class NotesEdit(QPlainTextEdit):
    """Notes are saved when the editor loses focus (no save button to forget)."""

    focus_lost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


class TaskDetailPane(QWidget):
    """Shows the selected task; edits to notes, priority and due date are emitted as signals."""

    notes_edited = Signal(int, str, int)  # task id, notes, the version they were edited from
    priority_edited = Signal(int, int)
    due_edited = Signal(int, object)  # task id, date | None

    def __init__(self, parent: QWidget | None = None, *, build_fields: bool = True) -> None:
        """`build_fields=False`: the title and the hint the pane shows with no task selected, for
        the window's first frame; `build_fields()` adds the task's fields (shown with a task)."""
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.task_id: int | None = None
        self._loading = False
        self._notes_shown = ""
        self._notes_version = 0
        self._notes_before = ""
        # Notes typed here that could not be saved: kept in the box (never replaced by a refresh)
        # and offered again at the next save.
        self._notes_unsaved = False
        self.path_label = QLabel(self)
        self.path_label.setObjectName("pathLabel")
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.path_label.setWordWrap(True)
        self.title_label = QLabel(self.tr("No task selected"), self)
        self.title_label.setObjectName("titleLabel")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        style_text(self.title_label, bold=True, scale=1.3)
        # With no task selected the pane says what it is for, rather than showing empty fields.
        self.hint = QLabel(self.tr("Select a task to see and change its priority, due date and notes."), self)
        self.hint.setObjectName("detailHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        style_text(self.hint, "#777777")
        layout = QVBoxLayout(self)
        layout.addWidget(self.path_label)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint, 1)
        self._built = False
        if build_fields:
            self.build_fields()

    def has_fields(self) -> bool:
        return self._built

    def build_fields(self) -> None:
        """The task's state, progress, priority, due date and notes (once; hidden until a task
        is shown)."""
        if self._built:
            return
        # Their types (~1.5 ms for PySide6 to build) are not needed before the first frame.
        from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QProgressBar

        self._built = True
        self.body = QWidget(self)
        self.body.setObjectName("detailFields")
        self.state_label = QLabel(self.body)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self.body)
        self.progress.setTextVisible(True)
        self.progress.setMaximumHeight(16)

        self.priority = QComboBox(self.body)
        for value, text in [
            (Priority.NONE, self.tr("None")),
            (Priority.LOW, self.tr("Low")),
            (Priority.MEDIUM, self.tr("Medium")),
            (Priority.HIGH, self.tr("High")),
        ]:
            self.priority.addItem(text, int(value))
        self.has_due = QCheckBox(self.tr("Due on"), self.body)
        self.due = QDateEdit(self.body)
        self.due.setObjectName("dueDate")
        self.due.setAccessibleName(self.tr("Due date"))
        self.due.setAccessibleDescription(self.tr("Used only when “Due on” is checked."))
        self.due.setCalendarPopup(True)
        locale = QLocale()
        self.due.setDisplayFormat(
            "dd/MM/yyyy"
            if locale.language() == QLocale.Language.C
            else locale.dateFormat(QLocale.FormatType.ShortFormat)
        )
        due_row = QHBoxLayout()
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        self.notes = NotesEdit(self.body)
        self.notes.setObjectName("notesEdit")
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(self.tr("Notes: who to call, what was agreed, links to tickets…"))
        # Tab goes on to the next control, as in every other text box of the apps.
        self.notes.setTabChangesFocus(True)

        form = QFormLayout()
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("Due date"), due_row)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.state_label)
        body.addWidget(self.progress)
        body.addLayout(form)
        body.addWidget(QLabel(self.tr("Notes"), self.body))
        body.addWidget(self.notes, 1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)  # made with the title and the hint
        layout.addWidget(self.body, 1)

        self.priority.activated.connect(self._priority_activated)
        self.has_due.toggled.connect(self._due_changed)
        self.due.dateChanged.connect(self._due_changed)
        self.notes.focus_lost.connect(self.commit_notes)
        self.show_task(None, None)

    def tab_order(self) -> list[QWidget]:
        """The pane's Tab stops, top to bottom (none before its fields are built)."""
        return [self.priority, self.has_due, self.due, self.notes] if self._built else []

    def notes_have_focus(self) -> bool:
        return self._built and self.notes.hasFocus()

    def show_task(self, tree: TaskTree | None, node: TaskNode | None) -> None:
        """Fill the pane from a node (None: nothing selected)."""
        if self.task_id is not None and (node is None or node.id != self.task_id):
            self.commit_notes()
        if node is None or tree is None:
            self.task_id = None
            self.path_label.clear()
            self.title_label.setText(self.tr("No task selected"))
            self.hint.show()
            if self._built:
                self._loading = True
                try:
                    self.body.hide()
                    self.state_label.clear()
                    self.notes.setPlainText("")
                    self.has_due.setChecked(False)
                finally:
                    self._loading = False
            return
        self.build_fields()  # the window builds them before it has tasks to show
        self.hint.hide()
        self.body.show()
        self._loading = True
        try:
            same = node.id == self.task_id
            self.task_id = node.id
            self.path_label.setText(" › ".join(tree.path(node)[:-1]) or self.tr("Top-level task"))
            self.title_label.setText(node.title)
            done, total = node.progress
            if node.completed and node.completed_at is not None:
                local = node.completed_at.astimezone()
                self.state_label.setText(
                    self.tr("Done on %1").replace(
                        "%1",
                        QLocale().toString(QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat),
                    )
                )
            else:
                self.state_label.setText(self.tr("Done") if node.completed else self.tr("Open"))
            self.progress.setVisible(total > 0)
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            self.progress.setFormat(self.tr("%v of %m subtasks done"))
            self.priority.setCurrentIndex(max(0, self.priority.findData(node.priority)))
            self.has_due.setChecked(node.due is not None)
            self.due.setEnabled(node.due is not None)
            if node.due is not None:
                self.due.setDate(QDate(node.due.year, node.due.month, node.due.day))
            elif not same:
                self.due.setDate(QDate.currentDate())
            # Notes being typed are kept, and saved against the version they were started from:
            # if someone else changed the task meanwhile, the save is refused as a conflict.
            typing = (
                same
                and (self.notes.hasFocus() or self._notes_unsaved)
                and self.notes.toPlainText() != self._notes_shown
            )
            if not same:
                self._notes_unsaved = False
            if not typing:
                if self.notes.toPlainText() != node.notes:
                    self.notes.setPlainText(node.notes)
                self._notes_shown = node.notes
                self._notes_version = node.version
        finally:
            self._loading = False

    def commit_notes(self) -> None:
        if self.task_id is None or self._loading:
            return
        text = self.notes.toPlainText()[:MAX_NOTES_CHARS]
        if text != self._notes_shown:
            self._notes_before, self._notes_shown = self._notes_shown, text
            self._notes_unsaved = False
            self.notes_edited.emit(self.task_id, text, self._notes_version)

    def notes_not_saved(self, task_id: int) -> None:
        """The notes just emitted were not saved: keep them and try again at the next save."""
        if task_id == self.task_id:
            self._notes_shown = self._notes_before
            self._notes_unsaved = True

    def _priority_activated(self, row: int) -> None:
        if self.task_id is not None and not self._loading:
            self.priority_edited.emit(self.task_id, int(self.priority.itemData(row)))

    def _due_changed(self) -> None:
        self.due.setEnabled(self.has_due.isChecked() and self.task_id is not None)
        if self.task_id is None or self._loading:
            return
        value: date | None = None
        if self.has_due.isChecked():
            qd = self.due.date()
            value = date(qd.year(), qd.month(), qd.day())
        self.due_edited.emit(self.task_id, value)
