"""A label's text colour, weight and size, set through its palette and font.

    style_text(label, "#b3261e", bold=True)      # red and bold
    style_text(label, scale=0.9)                  # 90 % of the usual size, usual colour
    style_text(label)                             # back to the usual look
    text_colour(label)                            # "#b3261e", or "" for the usual colour

A style sheet would do the same, but the first one in a process makes Qt set up its style-sheet
engine and every styled widget is polished again (about 2 ms of a window's first frame, and
0.2 ms per widget). Only the roles set here are fixed: the rest follows the system's light or
dark palette, and the font family and size the user chose.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

_COLOUR = "integradoTextColour"


def style_text(widget: QWidget, colour: str = "", *, bold: bool = False, scale: float = 1.0) -> None:
    """`colour` ("#rrggbb", or "" for the palette's) for the widget's text; the size is `scale`
    times the usual one (not compounded when called again)."""
    palette = QPalette()  # no role set: the widget inherits every other one
    if colour:
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        palette.setColor(QPalette.ColorRole.Text, QColor(colour))
    widget.setPalette(palette)
    widget.setProperty(_COLOUR, colour)
    font = QFont()  # likewise: only the weight and the size below are fixed
    font.setBold(bold)
    if scale != 1.0:
        font.setPointSizeF(QApplication.font(widget).pointSizeF() * scale)
    widget.setFont(font)


def text_colour(widget: QWidget) -> str:
    """The colour `style_text` gave the widget ("" for none)."""
    return str(widget.property(_COLOUR) or "")
