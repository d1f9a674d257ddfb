"""Draw Integrado's application icons (PNG at several sizes + a Windows .ico) into resources/icons/,
and the toolbar's action icons into resources/icons/actions/.

Run once when the artwork changes: `.venv/bin/python packaging/make_icons.py`. The icons are
drawn with QPainter from vector shapes so that every size is crisp; the .ico is assembled by
ImageMagick (`convert`/`magick`) because Qt's ICO writer keeps only one size.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

Glyph = Callable[[QPainter, float], None]


def _background(p: QPainter, s: float, top: str, bottom: str) -> None:
    # A rounded square with a soft vertical gradient: reads well on light and dark panels alike.
    margin = s * 0.04
    rect = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    grad = QLinearGradient(rect.topLeft(), rect.bottomLeft())
    grad.setColorAt(0.0, QColor(top))
    grad.setColorAt(1.0, QColor(bottom))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(grad)
    p.drawRoundedRect(rect, s * 0.22, s * 0.22)


def _white_pen(s: float, width: float) -> QPen:
    pen = QPen(QColor("white"), s * width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _polyline(p: QPainter, s: float, pen: QPen, *points: tuple[float, float]) -> None:
    """An open line through `points` (fractions of the size), drawn with `pen`."""
    line = QPainterPath(QPointF(s * points[0][0], s * points[0][1]))
    for x, y in points[1:]:
        line.lineTo(QPointF(s * x, s * y))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(pen)
    p.drawPath(line)


def glyph_headset(p: QPainter, s: float) -> None:
    """CallSystem: an operator's headset."""
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(_white_pen(s, 0.075))
    band = QRectF(s * 0.24, s * 0.22, s * 0.52, s * 0.56)
    p.drawArc(band, 0 * 16, 180 * 16)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("white"))
    p.drawRoundedRect(QRectF(s * 0.18, s * 0.44, s * 0.16, s * 0.24), s * 0.05, s * 0.05)
    p.drawRoundedRect(QRectF(s * 0.66, s * 0.44, s * 0.16, s * 0.24), s * 0.05, s * 0.05)
    # The microphone boom.
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(_white_pen(s, 0.055))
    boom = QPainterPath(QPointF(s * 0.74, s * 0.66))
    boom.quadTo(QPointF(s * 0.72, s * 0.80), QPointF(s * 0.54, s * 0.80))
    p.drawPath(boom)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("white"))
    p.drawEllipse(QPointF(s * 0.50, s * 0.80), s * 0.06, s * 0.06)


def glyph_tasks(p: QPainter, s: float) -> None:
    """TaskManager: a checklist with an indented subtask."""
    _polyline(p, s, _white_pen(s, 0.07), (0.20, 0.32), (0.28, 0.40), (0.42, 0.24))
    p.drawLine(QPointF(s * 0.52, s * 0.32), QPointF(s * 0.80, s * 0.32))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("white"))
    p.drawEllipse(QPointF(s * 0.40, s * 0.55), s * 0.055, s * 0.055)
    p.drawEllipse(QPointF(s * 0.40, s * 0.74), s * 0.055, s * 0.055)
    p.setPen(_white_pen(s, 0.07))
    p.drawLine(QPointF(s * 0.54, s * 0.55), QPointF(s * 0.80, s * 0.55))
    p.drawLine(QPointF(s * 0.54, s * 0.74), QPointF(s * 0.80, s * 0.74))


def glyph_console(p: QPainter, s: float) -> None:
    """Event Console: a live pulse over a baseline."""
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(_white_pen(s, 0.075))
    pulse = QPainterPath(QPointF(s * 0.16, s * 0.54))
    for x, y in ((0.34, 0.54), (0.42, 0.30), (0.52, 0.74), (0.60, 0.44), (0.66, 0.54), (0.84, 0.54)):
        pulse.lineTo(QPointF(s * x, s * y))
    p.drawPath(pulse)
    p.setPen(_white_pen(s, 0.04))
    p.drawLine(QPointF(s * 0.20, s * 0.82), QPointF(s * 0.80, s * 0.82))


def glyph_suite(p: QPainter, s: float) -> None:
    """The `integrado` tool: three linked nodes (three apps, one pipeline)."""
    nodes = [QPointF(s * 0.30, s * 0.34), QPointF(s * 0.70, s * 0.34), QPointF(s * 0.50, s * 0.70)]
    p.setPen(_white_pen(s, 0.06))
    for a, b in ((0, 1), (1, 2), (2, 0)):
        p.drawLine(nodes[a], nodes[b])
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("white"))
    for node in nodes:
        p.drawEllipse(node, s * 0.1, s * 0.1)


ICONS: dict[str, tuple[str, str, Glyph]] = {
    "callsystem": ("#3b82f6", "#1d4ed8", glyph_headset),
    "taskmanager": ("#22c55e", "#15803d", glyph_tasks),
    "eventconsole": ("#f59e0b", "#c2410c", glyph_console),
    "integrado": ("#14b8a6", "#0f766e", glyph_suite),
}


# Toolbar actions: one neutral grey that reads on light and dark toolbars; Qt greys them out
# itself when an action is disabled. Shipped as PNG so that a window's first frame needs no
# QStyle (its standard icons cost PySide6 ~7 ms of enumerations before the first paint).
ACTION_COLOUR = "#5f6b7a"
ACTION_SIZES = (16, 24, 32, 48)


def _action_pen(s: float, width: float = 0.09) -> QPen:
    pen = QPen(QColor(ACTION_COLOUR), s * width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _page(p: QPainter, s: float, x: float, y: float, w: float, h: float) -> None:
    fold = w * 0.35
    page = QPainterPath(QPointF(s * x, s * y))
    page.lineTo(QPointF(s * (x + w - fold), s * y))
    page.lineTo(QPointF(s * (x + w), s * (y + fold)))
    page.lineTo(QPointF(s * (x + w), s * (y + h)))
    page.lineTo(QPointF(s * x, s * (y + h)))
    page.closeSubpath()
    p.setBrush(QColor("white"))
    p.setPen(_action_pen(s, 0.07))
    p.drawPath(page)


def _plus(p: QPainter, s: float, cx: float, cy: float, r: float) -> None:
    p.setPen(_action_pen(s, 0.09))
    p.drawLine(QPointF(s * (cx - r), s * cy), QPointF(s * (cx + r), s * cy))
    p.drawLine(QPointF(s * cx, s * (cy - r)), QPointF(s * cx, s * (cy + r)))


def action_new(p: QPainter, s: float) -> None:
    """New task: a page with a plus."""
    _page(p, s, 0.20, 0.10, 0.60, 0.80)
    _plus(p, s, 0.50, 0.56, 0.16)


def action_new_child(p: QPainter, s: float) -> None:
    """New subtask: a line for the parent, an elbow down to a smaller page with a plus."""
    p.setPen(_action_pen(s, 0.08))
    p.drawLine(QPointF(s * 0.10, s * 0.14), QPointF(s * 0.62, s * 0.14))
    elbow = QPainterPath(QPointF(s * 0.20, s * 0.14))
    elbow.lineTo(QPointF(s * 0.20, s * 0.62))
    elbow.lineTo(QPointF(s * 0.36, s * 0.62))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(elbow)
    _page(p, s, 0.42, 0.32, 0.48, 0.60)
    _plus(p, s, 0.66, 0.66, 0.12)


def action_complete(p: QPainter, s: float) -> None:
    """Complete / reopen: a check mark."""
    _polyline(p, s, _action_pen(s, 0.13), (0.16, 0.54), (0.40, 0.78), (0.84, 0.24))


def _arrowhead(p: QPainter, s: float, *corners: tuple[float, float]) -> None:
    """A filled triangle through three points (fractions of the size)."""
    head = QPainterPath(QPointF(s * corners[0][0], s * corners[0][1]))
    for x, y in corners[1:]:
        head.lineTo(QPointF(s * x, s * y))
    head.closeSubpath()
    p.setPen(_action_pen(s, 0.05))
    p.setBrush(QColor(ACTION_COLOUR))
    p.drawPath(head)


def _arrow(p: QPainter, s: float, angle: float) -> None:
    """A filled arrow pointing right, turned by `angle` degrees (clockwise)."""
    p.save()
    p.translate(s / 2, s / 2)
    p.rotate(angle)
    p.translate(-s / 2, -s / 2)
    p.setPen(_action_pen(s, 0.13))
    p.drawLine(QPointF(s * 0.18, s * 0.50), QPointF(s * 0.58, s * 0.50))
    _arrowhead(p, s, (0.86, 0.50), (0.50, 0.18), (0.50, 0.82))
    p.restore()


def action_indent(p: QPainter, s: float) -> None:
    _arrow(p, s, 0)


def action_outdent(p: QPainter, s: float) -> None:
    _arrow(p, s, 180)


def action_up(p: QPainter, s: float) -> None:
    _arrow(p, s, -90)


def action_down(p: QPainter, s: float) -> None:
    _arrow(p, s, 90)


def action_remove(p: QPainter, s: float) -> None:
    """Remove: a bin with its lid."""
    p.setPen(_action_pen(s, 0.08))
    p.drawLine(QPointF(s * 0.16, s * 0.24), QPointF(s * 0.84, s * 0.24))
    p.drawLine(QPointF(s * 0.40, s * 0.12), QPointF(s * 0.60, s * 0.12))
    body = QPainterPath(QPointF(s * 0.24, s * 0.32))
    body.lineTo(QPointF(s * 0.30, s * 0.88))
    body.lineTo(QPointF(s * 0.70, s * 0.88))
    body.lineTo(QPointF(s * 0.76, s * 0.32))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(body)
    p.setPen(_action_pen(s, 0.06))
    for x in (0.42, 0.58):
        p.drawLine(QPointF(s * x, s * 0.42), QPointF(s * x, s * 0.78))


def _turn(p: QPainter, s: float, mirrored: bool) -> None:
    """Undo (or, mirrored, redo): a curved arrow turning back."""
    p.save()
    if mirrored:
        p.translate(s, 0)
        p.scale(-1, 1)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(_action_pen(s, 0.11))
    curve = QPainterPath(QPointF(s * 0.30, s * 0.40))
    curve.lineTo(QPointF(s * 0.62, s * 0.40))
    curve.cubicTo(QPointF(s * 0.92, s * 0.40), QPointF(s * 0.92, s * 0.82), QPointF(s * 0.62, s * 0.82))
    curve.lineTo(QPointF(s * 0.40, s * 0.82))
    p.drawPath(curve)
    _arrowhead(p, s, (0.10, 0.40), (0.36, 0.16), (0.36, 0.64))
    p.restore()


def action_undo(p: QPainter, s: float) -> None:
    _turn(p, s, mirrored=False)


def action_redo(p: QPainter, s: float) -> None:
    _turn(p, s, mirrored=True)


ACTIONS: dict[str, Glyph] = {
    "new": action_new,
    "new-child": action_new_child,
    "complete": action_complete,
    "indent": action_indent,
    "outdent": action_outdent,
    "up": action_up,
    "down": action_down,
    "remove": action_remove,
    "undo": action_undo,
    "redo": action_redo,
}


def render_action(name: str, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    ACTIONS[name](p, float(size))
    p.end()
    return image


def render(name: str, size: int) -> QImage:
    top, bottom, glyph = ICONS[name]
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    _background(p, float(size), top, bottom)
    glyph(p, float(size))
    p.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    magick = shutil.which("magick") or shutil.which("convert")
    if magick is None:
        print("make_icons: ImageMagick is needed for the .ico files", file=sys.stderr)
        return 1
    for name in ICONS:
        for size in PNG_SIZES:
            if not render(name, size).save(str(OUT / f"{name}-{size}.png")):
                print(f"make_icons: could not write {name}-{size}.png", file=sys.stderr)
                return 1
        pngs = [str(OUT / f"{name}-{size}.png") for size in ICO_SIZES]
        subprocess.run([magick, *pngs, str(OUT / f"{name}.ico")], check=True)
    actions = OUT / "actions"
    actions.mkdir(exist_ok=True)
    for name in ACTIONS:
        for size in ACTION_SIZES:
            if not render_action(name, size).save(str(actions / f"{name}-{size}.png")):
                print(f"make_icons: could not write actions/{name}-{size}.png", file=sys.stderr)
                return 1
    print(f"make_icons: wrote {len(ICONS)} icons and {len(ACTIONS)} action icons to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
