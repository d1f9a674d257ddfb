"""What an empty list or tree says while it has no rows: what to do next, or why it is empty.

A label over the view's viewport, centred, shown only while the view's model has no row; the
text is asked for each time (no calls yet, none matching the filter, still loading)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QLabel, QWidget


def viewport_of(view: QAbstractScrollArea) -> QWidget:
    """`view.viewport()`, found by its name: PySide6 takes ~9 ms over the first `viewport()` of a
    process (to learn the C++ object's class it loads every QWidget subclass), and this runs
    before the window's first paint. Afterwards `viewport()` returns the same object at once."""
    found = view.findChild(QWidget, "qt_scrollarea_viewport", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else view.viewport()


class EmptyHint(QLabel):
    """The hint of one view; `text()` of the callback is shown while the model is empty."""

    def __init__(self, view: QAbstractItemView, text: Callable[[], str]) -> None:
        viewport = viewport_of(view)
        super().__init__(viewport)
        self.setObjectName("emptyHint")
        self.view, self._text = view, text
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        # The palette's placeholder colour (it follows a light/dark switch), 11 pt, a margin: as
        # palette and font rather than a style sheet, which would cost the first frame ~2 ms.
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = QFont()
        font.setPointSizeF(11)
        self.setFont(font)
        self.setMargin(24)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update_hint)
        viewport.installEventFilter(self)
        self.update_hint()

    def update_hint(self, *_args: object) -> None:
        """Show or hide the hint, with the text for the view's state now."""
        model = self.view.model()
        empty = model is not None and model.rowCount() == 0
        if empty:
            text = self._text()
            if text != self.text():
                self.setText(text)
            if self.geometry() != self.view.viewport().rect():
                self.setGeometry(self.view.viewport().rect())
        if empty != self.isVisible():
            self.setVisible(empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Checked again whenever the view paints: a view may be given another model (a filter
        # proxy), whose signals this hint does not hear.
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Paint):
            self.update_hint()
        return False
