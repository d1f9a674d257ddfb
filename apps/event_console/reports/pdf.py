"""The report as a PDF: Qt's own `QPdfWriter`, charts drawn with `QPainter`, tables laid out by
`QTextDocument`. A4 portrait; a page more when the tables do not fit on the first.

Needs a QGuiApplication (fonts); `integrado report` starts an offscreen one. Names (operators,
categories) are data: they go into the tables HTML-escaped, never as markup.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from event_console.reports.figures import Group, Report

RESOLUTION = 150  # dots per inch: sharp text and bars, a small file
INK = QColor("#1f2328")
MUTED = QColor("#59636e")
GRID = QColor("#d1d9e0")
OPENED = QColor("#0969da")
CLOSED = QColor("#1a7f37")
MISSED = QColor("#cf222e")
TILE = QColor("#f6f8fa")


def tr(text: str) -> str:
    return QCoreApplication.translate("Report", text)


def duration_text(seconds: float | None) -> str:
    """ "1 h 55 min", "20 min", "—" (no data)."""
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    if minutes < 60:
        return tr("%1 min").replace("%1", str(minutes))
    return tr("%1 h %2 min").replace("%1", str(minutes // 60)).replace("%2", f"{minutes % 60:02d}")


def nice_step(least: float) -> int:
    """The grid step for a chart: 1, 2 or 5 times a power of ten, at least `least` (and 1)."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if factor * magnitude >= least:
                return factor * magnitude
        magnitude *= 10


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} %"


def period_text(report: Report) -> str:
    if report.is_daily:
        return report.first_day.strftime("%d/%m/%Y")
    return f"{report.first_day.strftime('%d/%m/%Y')} – {report.last_day.strftime('%d/%m/%Y')}"


class _Page:
    """Drawing helpers in device pixels on one painter (1 mm = RESOLUTION / 25.4 px)."""

    def __init__(self, painter: QPainter, width: float, height: float) -> None:
        self.p = painter
        self.width = width
        self.height = height
        self.mm = RESOLUTION / 25.4

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont("DejaVu Sans")
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    def text(
        self,
        rect: QRectF,
        text: str,
        points: float,
        *,
        bold: bool = False,
        color: QColor = INK,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        self.p.setFont(self.font(points, bold))
        self.p.setPen(color)
        self.p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)


def _tiles(page: _Page, report: Report, top: float) -> float:
    total = report.total
    tiles = [
        (tr("Calls opened"), str(total.opened), ""),
        (tr("Calls closed"), str(total.closed), ""),
        (
            tr("SLA met"),
            percent_text(total.sla_met_pct),
            tr("%1 of %2 calls").replace("%1", str(total.sla_met)).replace("%2", str(total.sla_known)),
        ),
        (tr("Reopen rate"), percent_text(total.reopen_rate_pct), tr("of the calls closed")),
        (
            tr("First action"),
            duration_text(total.first_action.median),
            tr("median · p90 %1").replace("%1", duration_text(total.first_action.p90)),
        ),
        (
            tr("Resolution"),
            duration_text(total.resolution.median),
            tr("median · p90 %1").replace("%1", duration_text(total.resolution.p90)),
        ),
        (tr("Tasks completed"), str(report.tasks_completed), tr("%1 created").replace("%1", str(report.tasks_created))),
        (tr("Tasks overdue"), str(report.tasks_overdue), tr("at the end of the period")),
    ]
    mm = page.mm
    gap = 3 * mm
    cols = 4
    width = (page.width - gap * (cols - 1)) / cols
    height = 24 * mm
    for i, (label, value, note) in enumerate(tiles):
        x = (i % cols) * (width + gap)
        y = top + (i // cols) * (height + gap)
        page.p.setPen(Qt.PenStyle.NoPen)
        page.p.setBrush(TILE)
        page.p.drawRoundedRect(QRectF(x, y, width, height), 2 * mm, 2 * mm)
        inner = x + 3 * mm
        page.text(QRectF(inner, y + 2 * mm, width - 6 * mm, 5 * mm), label, 8, color=MUTED)
        page.text(QRectF(inner, y + 7.5 * mm, width - 6 * mm, 10 * mm), value, 17, bold=True)
        page.text(QRectF(inner, y + 17.5 * mm, width - 6 * mm, 5 * mm), note, 7, color=MUTED)
    return top + 2 * height + gap


def _bars(
    page: _Page,
    top: float,
    height: float,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, QColor, Sequence[float]]],
) -> float:
    """A grouped bar chart with a legend and value labels; returns the y below it."""
    mm = page.mm
    p = page.p
    page.text(QRectF(0, top, page.width, 7 * mm), title, 11, bold=True)
    legend_x = page.width
    for name, color, _ in reversed(series):
        metrics = QFontMetricsF(page.font(8), p.device())
        w = metrics.horizontalAdvance(name) + 6 * mm
        legend_x -= w
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawRect(QRectF(legend_x, top + 2.3 * mm, 2.5 * mm, 2.5 * mm))
        page.text(QRectF(legend_x + 3.5 * mm, top, w, 7 * mm), name, 8, color=MUTED)
    chart_top = top + 9 * mm
    axis_h = 6 * mm
    plot = QRectF(8 * mm, chart_top, page.width - 8 * mm, height - 9 * mm - axis_h)
    peak = max([v for _, _, values in series for v in values] + [1.0])
    step = nice_step(peak / 4)
    lines = max(1, math.ceil(peak / step))
    scale_top = step * lines
    p.setFont(page.font(7))
    for i in range(lines + 1):
        y = plot.bottom() - plot.height() * i / lines
        p.setPen(QPen(GRID, 0.3 * mm))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(MUTED)
        p.drawText(
            QRectF(0, y - 3 * mm, 7 * mm, 6 * mm),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(step * i),
        )
    if not labels:
        page.text(plot, tr("No calls in this period"), 9, color=MUTED, align=Qt.AlignmentFlag.AlignCenter)
        return chart_top + height - 9 * mm
    slot = plot.width() / len(labels)
    bar_w = min(14 * mm, slot * 0.8 / len(series))
    for i, label in enumerate(labels):
        x0 = plot.left() + slot * i + (slot - bar_w * len(series)) / 2
        for j, (_, color, values) in enumerate(series):
            value = values[i]
            h = plot.height() * value / scale_top
            rect = QRectF(x0 + j * bar_w, plot.bottom() - h, bar_w * 0.92, h)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRect(rect)
            if value:
                page.text(
                    QRectF(rect.left() - 2 * mm, rect.top() - 4 * mm, rect.width() + 4 * mm, 4 * mm),
                    f"{value:g}",
                    6.5,
                    color=INK,
                    align=Qt.AlignmentFlag.AlignHCenter,
                )
        page.text(
            QRectF(plot.left() + slot * i, plot.bottom() + 0.5 * mm, slot, axis_h),
            label,
            7.5,
            color=MUTED,
            align=Qt.AlignmentFlag.AlignHCenter,
        )
    return chart_top + height - 9 * mm


def _table_html(title: str, groups: Sequence[Group]) -> str:
    head = [
        tr("Name"),
        tr("Opened"),
        tr("Closed"),
        tr("SLA met"),
        tr("First action (median)"),
        tr("First action (p90)"),
        tr("Resolution (median)"),
        tr("Resolution (p90)"),
        tr("Reopened"),
    ]
    cells = "".join(f'<th align="{"left" if i == 0 else "right"}">{html.escape(h)}</th>' for i, h in enumerate(head))
    rows = []
    for g in groups:
        values = [
            g.name,
            str(g.opened),
            str(g.closed),
            percent_text(g.sla_met_pct),
            duration_text(g.first_action.median),
            duration_text(g.first_action.p90),
            duration_text(g.resolution.median),
            duration_text(g.resolution.p90),
            percent_text(g.reopen_rate_pct),
        ]
        rows.append(
            "<tr>"
            + "".join(
                f'<td align="{"left" if i == 0 else "right"}">{html.escape(v)}</td>' for i, v in enumerate(values)
            )
            + "</tr>"
        )
    if not rows:
        rows.append(f'<tr><td colspan="9">{html.escape(tr("No calls in this period"))}</td></tr>')
    return (
        f"<h3>{html.escape(title)}</h3>"
        '<table width="100%" cellspacing="0" cellpadding="3" border="0">'
        f'<tr style="background:#f6f8fa">{cells}</tr>{"".join(rows)}</table>'
    )


def _document(report: Report, width: float, device: QPdfWriter) -> QTextDocument:
    doc = QTextDocument()
    # Lay the text out for the PDF's resolution, not the screen's (points would come out small).
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(7.5)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(
        "h3 { font-size: 11pt; margin-top: 10px; margin-bottom: 4px; }"
        "th { color: #59636e; font-weight: normal; border-bottom: 1px solid #d1d9e0; }"
        "td { border-bottom: 1px solid #eef1f4; }"
    )
    doc.setHtml(_table_html(tr("Per operator"), report.operators) + _table_html(tr("Per category"), report.categories))
    doc.setTextWidth(width)
    return doc


def write_pdf(report: Report, path: Path) -> None:
    """Write the report to `path` (replaced if it exists). Raises OSError when it cannot."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(tr("Operations report") + " " + period_text(report))
    writer.setCreator("Integrado")
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15))
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    try:
        _draw(painter, writer, report)
    finally:
        painter.end()


def _draw(painter: QPainter, writer: QPdfWriter, report: Report) -> None:
    rect = writer.pageLayout().paintRectPixels(RESOLUTION)
    page = _Page(painter, rect.width(), rect.height())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    mm = page.mm
    title = tr("Daily operations report") if report.is_daily else tr("Weekly operations report")
    if not report.is_daily and len(report.days) != 7:
        title = tr("Operations report")
    page.text(QRectF(0, 0, page.width, 10 * mm), title, 18, bold=True)
    page.text(QRectF(0, 10 * mm, page.width, 7 * mm), period_text(report), 12, color=MUTED)
    hours = (
        tr("Times in office hours (%1 calendar)").replace("%1", report.zone)
        if report.business_hours
        else tr("Times around the clock (%1)").replace("%1", report.zone)
    )
    generated = tr("generated %1").replace("%1", datetime.now().astimezone().strftime("%d/%m/%Y %H:%M"))
    page.text(QRectF(0, 16 * mm, page.width, 6 * mm), f"{hours} · {generated}", 8, color=MUTED)
    y = _tiles(page, report, 25 * mm) + 7 * mm
    if report.is_daily:
        groups = report.operators[:10]
        y = _bars(
            page,
            y,
            62 * mm,
            tr("Calls by operator"),
            [g.name[:14] for g in groups],
            [
                (tr("opened"), OPENED, [float(g.opened) for g in groups]),
                (tr("closed"), CLOSED, [float(g.closed) for g in groups]),
                (tr("SLA missed"), MISSED, [float(g.sla_known - g.sla_met) for g in groups]),
            ],
        )
    else:
        days = report.days[:31]
        y = _bars(
            page,
            y,
            62 * mm,
            tr("Calls by day"),
            [d.day.strftime("%d/%m") for d in days],
            [
                (tr("opened"), OPENED, [float(d.opened) for d in days]),
                (tr("closed"), CLOSED, [float(d.closed) for d in days]),
                (tr("SLA missed"), MISSED, [float(d.sla_known - d.sla_met) for d in days]),
            ],
        )
    categories = report.categories[:10]
    y = _bars(
        page,
        y + 5 * mm,
        52 * mm,
        tr("Calls by category"),
        [g.name[:14] for g in categories],
        [
            (tr("opened"), OPENED, [float(g.opened) for g in categories]),
            (tr("closed"), CLOSED, [float(g.closed) for g in categories]),
        ],
    )
    doc = _document(report, page.width, writer)
    y += 4 * mm
    if y + doc.size().height() <= page.height:
        painter.save()
        painter.translate(0, y)
        doc.drawContents(painter, QRectF(QPointF(0, 0), QSizeF(page.width, page.height - y)))
        painter.restore()
        return
    # Long tables (many operators or categories) go on pages of their own, as many as they need.
    doc.setPageSize(QSizeF(page.width, page.height))
    for index in range(doc.pageCount()):
        writer.newPage()
        painter.save()
        painter.translate(0, -index * page.height)
        doc.drawContents(painter, QRectF(0, index * page.height, page.width, page.height))
        painter.restore()
