"""The task tree view: keyboard-first, drag and drop, and a progress bar in its column."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QTreeView,
    QWidget,
)

from taskmanager_gui.models.tree_model import MATCH_PATH_ROLE, NODE_ROLE, PROGRESS_ROLE, TITLE_EDIT_ROLE, Column

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem


class ProgressDelegate(QStyledItemDelegate):
    """Draws done/total as a slim bar with the figures beside it (empty without subtasks)."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        # Painting only: QStyle's enumerations would cost the window's first frame ~7 ms.
        from PySide6.QtGui import QPainter
        from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

        # Selection and background first, like any other cell, then the bar on top.
        base = QStyleOptionViewItem(option)
        self.initStyleOption(base, index)
        base.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, base, painter, option.widget)
        progress = index.data(PROGRESS_ROLE)
        if not progress or progress[1] == 0:
            return
        done, total = progress
        rect = option.rect.adjusted(4, 0, -4, 0)
        bar_width = max(30, min(70, rect.width() // 2))
        bar = QRect(rect.left(), rect.center().y() - 3, bar_width, 7)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 90) if selected else QColor("#e3e6ea"))
        painter.drawRoundedRect(bar, 3, 3)
        if done:
            fill = QRect(bar)
            fill.setWidth(max(6, round(bar.width() * done / total)))
            painter.setBrush(QColor("#ffffff") if selected else QColor("#2e7d32" if done == total else "#3d7fd9"))
            painter.drawRoundedRect(fill, 3, 3)
        painter.restore()
        text_rect = rect.adjusted(bar_width + 8, 0, 0, 0)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        style.drawItemText(
            painter,
            text_rect,
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            option.palette,
            True,
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            role,
        )


class TitleDelegate(QStyledItemDelegate):
    """The title, and beside a search match its parent path in grey (elided on the left, so
    the nearest parent stays readable).

    Its editor remembers the task's version when it opened: a rename typed while another
    operator changed the task is then refused as a conflict, not saved over their change.
    """

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        # Read as "Task title, text" rather than only as what it holds ("New task selected").
        editor.setAccessibleName(self.tr("Task title"))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        # Qt refreshes open editors whenever their row changes: a title being typed is kept (and
        # later saved against the version it was started from); an untouched editor follows.
        if isinstance(editor, QLineEdit) and editor.isModified():
            return
        super().setEditorData(editor, index)
        node = index.data(NODE_ROLE)
        if node is not None:
            editor.setProperty("taskVersion", node.version)

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        version = editor.property("taskVersion")
        if isinstance(editor, QLineEdit) and isinstance(version, int):
            model.setData(index, (editor.text(), version), TITLE_EDIT_ROLE)
        else:
            super().setModelData(editor, model, index)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        path = index.data(MATCH_PATH_ROLE)
        if not path:
            super().paint(painter, option, index)
            return
        # Painting only: QStyle's enumerations would cost the window's first frame ~7 ms.
        from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        title = opt.text
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_rect = text_rect.adjusted(2, 0, -2, 0)
        metrics = QFontMetrics(opt.font)
        shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
        rest = text_rect.adjusted(metrics.horizontalAdvance(shown) + 14, 0, 0, 0)
        if rest.width() > 24:
            font = QFont(option.font)
            font.setBold(False)
            painter.setFont(font)
            painter.setPen(QColor("#dfe8f5") if selected else QColor("#7a7f87"))
            path_text = QFontMetrics(font).elidedText(path, Qt.TextElideMode.ElideLeft, rest.width())
            painter.drawText(rest, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), path_text)
        painter.restore()


class TaskTreeView(QTreeView):
    """A QTreeView where Tab / Shift+Tab indent and outdent (an outliner's keys) and Ctrl+Tab /
    Ctrl+Shift+Tab move the focus on, as in every Qt widget that keeps Tab for itself."""

    indent_requested = Signal()
    outdent_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskTree")
        self.setAccessibleName(self.tr("Tasks"))
        self.setAccessibleDescription(
            self.tr(
                "Tasks and their subtasks; Space completes or reopens the current task; Tab and Shift+Tab "
                "indent and outdent it; Ctrl+Tab and Ctrl+Shift+Tab leave the list."
            )
        )
        self.setToolTip(
            self.tr("Tab / Shift+Tab: indent / outdent the task. Ctrl+Tab / Ctrl+Shift+Tab: next / previous control.")
        )
        self.setUniformRowHeights(True)  # fast layout for 10,000 rows
        self.setAlternatingRowColors(True)
        self.setAnimated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self))
        self.setItemDelegateForColumn(Column.TITLE, TitleDelegate(self))

    def event(self, event: QEvent) -> bool:
        # Tab never reaches keyPressEvent: QWidget::event uses it for focus changes first.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            backwards = event.key() == Qt.Key.Key_Backtab or bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
            if modifiers & Qt.KeyboardModifier.ControlModifier:
                # QTreeView's focusNextPrevChild moves between cells only with tab key navigation on.
                QWidget.focusNextPrevChild(self, not backwards)
            elif modifiers & ~Qt.KeyboardModifier.ShiftModifier:
                return super().event(event)  # Alt+Tab and the like are not the outliner's
            elif event.isAutoRepeat():
                # The Tab or Shift+Tab that brought the focus here, held down: its repeats stop
                # here rather than indent or outdent whichever task is current.
                pass
            elif backwards:
                self.outdent_requested.emit()
            else:
                self.indent_requested.emit()
            return True
        return super().event(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # After naming or renaming a task the keys belong to the tree again (Qt would otherwise
        # leave focus wherever the editor's removal put it, e.g. the detail pane's combo).
        had_focus = editor.hasFocus()
        super().closeEditor(editor, hint)
        if had_focus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def expand_many(self, indexes: list[QModelIndex]) -> None:
        """Expand many rows with one layout: while a relayout is pending, QTreeView's expand()
        only records the index (otherwise each call lays out its subtree at once)."""
        self.scheduleDelayedItemsLayout()
        for index in indexes:
            self.setExpanded(index, True)
