"""Draw Integrado's application icons (PNG at several sizes + a Windows .ico) into resources/icons/.

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
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(_white_pen(s, 0.07))
    check = QPainterPath(QPointF(s * 0.20, s * 0.32))
    check.lineTo(QPointF(s * 0.28, s * 0.40))
    check.lineTo(QPointF(s * 0.42, s * 0.24))
    p.drawPath(check)
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
    print(f"make_icons: wrote {len(ICONS)} icons to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
