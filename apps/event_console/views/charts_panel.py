"""The charts strip: six small pyqtgraph plots redrawn from `charts.compute()` on a timer.

pyqtgraph rather than Qt Charts (deprecated since Qt 6.10) or Qt Graphs (QML/Quick based, a
heavy dependency for a widget app): it draws thousands of points per plot in a few ms with
plain QGraphicsView widgets, ships with numpy arrays as its native input, and is pure Python
(PyInstaller-friendly). Tick labels are drawn with QPainter.drawText: plain text only.

pyqtgraph costs a few hundred ms to import: this module does not import it, nor numpy, so a
window can show its charts area ("Loading charts…") at once and create the plots after its first
frame (`ChartsPanel(None, lazy=True)`, then `set_model()` and `create_plots()`). The axes are in
`chart_axes`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from event_console.models.headers import SOURCE_LABELS

if TYPE_CHECKING:
    import numpy as np
    import pyqtgraph as pg

    from event_console.charts import ChartData
    from event_console.models.event_table import EventTableModel

_PALETTE = ["#1f5fbf", "#1b7f3b", "#8a6d00", "#b3261e", "#6b3fa0", "#00796b"]
# Pixels a category label needs in height (8-9 pt text and a gap): fewer bars than labels
# would overlap are drawn.
LABEL_ROW_PX = 15
MAX_TYPE_ROWS = 12
# A chart's title: the type sizes tried, largest first, and the room it leaves at the sides.
TITLE_POINTS = (11.0, 10.0, 9.0, 8.0)
TITLE_MARGIN_PX = 40
PLOTS = 6


def __getattr__(name: str) -> Any:
    # The axes (pyqtgraph subclasses) are still found here, imported only when asked for.
    if name in ("CountAxis", "LocaleDateAxis"):
        from event_console.views import chart_axes

        return getattr(chart_axes, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _elided(text: str, limit: int = 20) -> str:
    """A category label cut to `limit` characters, so that long names leave room for the bars."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: float) -> str:
    """A figure as the window's language writes it: whole numbers whole, others to a tenth."""
    if float(value).is_integer():
        return QLocale().toString(int(value))
    return QLocale().toString(float(value), "f", 1)


def _figures(pairs: Iterable[tuple[str, int]]) -> str:
    """What a chart's bars show, in words: 'Call opened 12, Task completed 5'."""
    return ", ".join(f"{label} {_number(count)}" for label, count in pairs)


def _count_range(item: pg.PlotItem, counts: Sequence[float] | np.ndarray, *, axis: str = "y") -> None:
    """From zero to a little above the largest count (at least 1): an empty chart shows 0 and 1,
    not a range around zero with negative counts."""
    import numpy as np

    top = max(1.0, float(np.max(counts)) if np.size(counts) else 1.0) * 1.1
    if axis == "y":
        item.setYRange(0, top, padding=0)
    else:
        item.setXRange(0, top, padding=0)


class ChartsPanel(QWidget):
    """Live charts of the events the console holds; refreshed at most `interval_ms` apart.
    `model` may be None while `lazy`: the charts follow the model `set_model()` gives them.

    A chart is a Tab stop a screen reader reads by its accessible name (its title) and
    description (its figures in words, from the numbers it was drawn from, set as it is drawn):
    a picture of bars says nothing to a blind supervisor."""

    plots_created = Signal()  # all six plots exist (the window puts them in its Tab order)

    def __init__(
        self,
        model: EventTableModel | None,
        parent: QWidget | None = None,
        interval_ms: int = 500,
        *,
        lazy: bool = False,
    ) -> None:
        super().__init__(parent)
        if model is None and not lazy:
            raise ValueError("charts made at once need the model they show")
        self._model: EventTableModel | None = None
        self.live_end = True  # charts end "now"; False for a history range in the past
        self.fixed_end: float | None = None
        self.refreshes = 0
        self.last_data: ChartData | None = None
        self._dirty = True
        # Six separate views rather than one GraphicsLayoutWidget: redrawing one chart then
        # repaints only its own widget (a few ms), not all six (40+ ms on a slow PC).
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        self.setMinimumHeight(220)
        self.views: list[pg.PlotWidget] = []
        self._titles: dict[pg.PlotItem, str] = {}  # each plot's whole title (shown fitted)
        self._step = 0
        self.placeholder: QLabel | None = None
        self._stepping = False  # creating or showing the plots one per turn of the event loop
        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self._build_step)
        self._draw_steps = [
            self._draw_per_minute,
            self._draw_types,
            self._draw_latency,
            self._draw_open_calls,
            self._draw_calls_hourly,
            self._draw_tasks_hourly,
        ]
        self._described: dict[int, str] = {}  # the description each plot (by its place) was given
        if model is not None:
            self.set_model(model)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        if lazy:
            self.placeholder = QLabel(self.tr("Loading charts…"), self)
            self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.placeholder.setEnabled(False)
            self._grid.addWidget(self.placeholder, 0, 0)
        else:
            self.create_plots()
        self.timer.start()

    @property
    def model(self) -> EventTableModel:
        """The events the charts show (only asked for once `set_model` has given them)."""
        if self._model is None:
            raise RuntimeError("the charts have no model yet")
        return self._model

    def set_model(self, model: EventTableModel) -> None:
        """The events to chart, from now on."""
        self._model = model
        # Never per event: the model marks the charts dirty, the timer redraws at most once per tick.
        model.rowsInserted.connect(self._mark_dirty)
        model.modelReset.connect(self._mark_dirty)
        model.pending_changed.connect(self._mark_dirty)
        self._dirty = True

    @property
    def plots_ready(self) -> bool:
        """All six plots exist (some may not be shown yet: see `create_plots_later`)."""
        return len(self.views) == PLOTS

    @property
    def plots_shown(self) -> bool:
        """All six plots exist and are shown in their places."""
        return self.plots_ready and not self._stepping and self.placeholder is None

    def create_plots(self) -> None:
        """Create the six plots now (importing pyqtgraph the first time); nothing when they exist."""
        while not self.plots_ready:
            self._create_next()
        self._reveal_all()

    def create_plots_later(self) -> None:
        """Create the plots one per turn of the event loop and show them one per turn after
        that: each costs about 12 ms to create and as much to paint first, so the window keeps
        answering (all six at once held it 150 ms on this machine)."""
        if self._stepping or self.plots_ready:
            return
        self._stepping = True
        self._step_timer.start()

    def _build_step(self) -> None:
        # The timer is the panel's own: it stops with the panel, whenever that is closed.
        if not self.plots_ready:
            self._create_next()
            self._step_timer.start()
            return
        hidden = [view for view in self.views if view.isHidden()]
        if self.placeholder is not None:
            self._remove_placeholder()
            self._step_timer.start()
        elif hidden:
            hidden[0].setVisible(True)
            self._step_timer.start()
        else:
            self._stepping = False
            self._dirty = True
            self.fit_titles()

    def _remove_placeholder(self) -> None:
        if self.placeholder is not None:
            self._grid.removeWidget(self.placeholder)
            self.placeholder.deleteLater()
            self.placeholder = None

    def _reveal_all(self) -> None:
        self._remove_placeholder()
        for view in self.views:
            view.setVisible(True)
        self._dirty = True
        if self.isVisible():
            QTimer.singleShot(0, self.fit_titles)

    def _create_next(self) -> None:
        """Create the next of the six plots (hidden, its place kept in the grid)."""
        self._create_plot(len(self.views))
        if self.plots_ready:
            self.plots_created.emit()

    def _create_plot(self, step: int) -> None:
        import numpy.ma  # noqa: F401 - pyqtgraph imports it on its first draw; mid-intake it stalls
        import pyqtgraph as pg

        from event_console.views.chart_axes import CountAxis, LocaleDateAxis

        palette = self.palette()
        if not self.views:
            # The palette's colours, not white: a dark desktop gets dark charts with light text.
            pg.setConfigOptions(
                antialias=False,
                background=palette.color(QPalette.ColorRole.Base),
                foreground=palette.color(QPalette.ColorRole.Text),
            )

        def plot(title: str, row: int, col: int, date_axis: bool = True, counts: str | None = "left") -> pg.PlotItem:
            axis: dict[str, pg.AxisItem] = {"bottom": LocaleDateAxis(orientation="bottom")} if date_axis else {}
            if counts is not None:
                axis[counts] = CountAxis(orientation=counts)
            view = pg.PlotWidget(self, axisItems=axis)
            view.setMinimumHeight(100)
            # Shown once all six are there: one at a time, each in the place the grid kept for it.
            policy = view.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            view.setSizePolicy(policy)
            view.setVisible(False)
            self._grid.addWidget(view, row, col)
            self.views.append(view)
            # Its name from the start, not from the tooltip `_fit_title` sets once it is laid out.
            view.setAccessibleName(title)
            self._describe(len(self.views) - 1, self.tr("Not drawn yet"))
            item = view.getPlotItem()
            self._titles[item] = title
            item.setTitle(title)
            item.showGrid(y=True, alpha=0.2)
            item.setMenuEnabled(False)
            item.setMouseEnabled(x=False, y=False)
            item.hideButtons()
            return item

        # The legend on a tint of the palette's base colour: it reads over the bars under it.
        base = palette.color(QPalette.ColorRole.Base)
        legend_brush = pg.mkBrush(base.red(), base.green(), base.blue(), 200)
        if step == 0:
            self.per_minute = plot(self.tr("Events per minute, by source"), 0, 0)
            self.per_minute.addLegend(offset=(5, 5), labelTextSize="8pt", brush=legend_brush)
            self._minute_bars: dict[str, pg.BarGraphItem] = {}
        elif step == 1:
            self.by_type = plot(self.tr("Events by type"), 0, 1, date_axis=False, counts="bottom")
            self._type_bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brush="#6b3fa0")
            self.by_type.addItem(self._type_bars)
        elif step == 2:
            self.latency = plot(self.tr("Latency (ms): median and p95"), 0, 2, counts=None)
            self.latency.addLegend(offset=(5, 5), labelTextSize="8pt", brush=legend_brush)
            self._median_curve = self.latency.plot(pen=pg.mkPen("#1f5fbf", width=2), name=self.tr("median"))
            self._p95_curve = self.latency.plot(pen=pg.mkPen("#b3261e", width=2), name=self.tr("p95"))
        elif step == 3:
            self.open_calls = plot(self.tr("Open calls by status"), 1, 0, date_axis=False)
            self._status_bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush="#1f5fbf")
            self.open_calls.addItem(self._status_bars)
        elif step == 4:
            self.calls_hourly = plot(self.tr("Calls opened vs closed per hour"), 1, 1)
            self.calls_hourly.addLegend(offset=(5, 5), labelTextSize="8pt", brush=legend_brush)
            self._opened_bars = pg.BarGraphItem(x=[], height=[], width=1, brush="#1f5fbf", name=self.tr("opened"))
            self._closed_bars = pg.BarGraphItem(x=[], height=[], width=1, brush="#1b7f3b", name=self.tr("closed"))
            self.calls_hourly.addItem(self._opened_bars)
            self.calls_hourly.addItem(self._closed_bars)
        elif step == 5:
            self.tasks_hourly = plot(self.tr("Tasks completed per hour"), 1, 2)
            self._tasks_bars = pg.BarGraphItem(x=[], height=[], width=1, brush="#1b7f3b")
            self.tasks_hourly.addItem(self._tasks_bars)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Once the grid has given each plot its new width.
        QTimer.singleShot(0, self.fit_titles)

    def fit_titles(self) -> None:
        for item in self._titles:
            self._fit_title(item)

    def _fit_title(self, item: pg.PlotItem) -> None:
        """Show the plot's title whole in its width: in smaller type when the plot is narrow,
        elided (whole in the tooltip) only when even the smallest type does not fit."""
        title = self._titles[item]
        view = next((v for v in self.views if v.getPlotItem() is item), None)
        width = (view.width() if view is not None else 0) - TITLE_MARGIN_PX
        font = QFont(self.font())
        for points in TITLE_POINTS:
            font.setPointSizeF(points)
            metrics = QFontMetrics(font)
            if metrics.horizontalAdvance(title) <= width:
                item.setTitle(title, size=f"{points}pt")
                break
        else:
            item.setTitle(metrics.elidedText(title, Qt.TextElideMode.ElideRight, max(width, 0)), size=f"{points}pt")
        if view is not None:
            view.setToolTip(title)

    def _describe(self, place: int, text: str) -> None:
        """Give the plot at `place` its figures in words, only when they changed: each change
        is an event to every screen reader listening, and the charts redraw every few seconds."""
        if self._described.get(place) != text:
            self._described[place] = text
            self.views[place].setAccessibleDescription(text)

    def descriptions(self) -> list[str]:
        """Each plot's figures in words, as a screen reader reads them after its title."""
        return [view.accessibleDescription() for view in self.views]

    def _mark_dirty(self, *_args: object) -> None:
        self._dirty = True

    def _tick(self) -> None:
        # One chart per tick: a repaint of all six at once costs 40+ ms on a slow PC, one of
        # them a few ms, so intake never waits long behind the charts (a full round: 3 s).
        if not self.isVisible() or not self.plots_ready or self._stepping or self._model is None:
            return
        if self._step == 0:
            if not self._dirty:
                return
            from event_console.charts import compute

            self._dirty = False
            self.refreshes += 1
            end = self.fixed_end if self.fixed_end is not None else time.time()
            self.last_data = compute(self._model.cols, end)
        assert self.last_data is not None
        self._draw_steps[self._step](self.last_data)
        self._step = (self._step + 1) % len(self._draw_steps)

    def set_range_end(self, end: float | None) -> None:
        """None: the charts follow "now"; a time: they end there (a history range)."""
        self.fixed_end = end
        self._dirty = True

    def refresh(self) -> None:
        from event_console.charts import compute

        self.create_plots()
        self._dirty = False
        self.refreshes += 1
        end = self.fixed_end if self.fixed_end is not None else time.time()
        data = compute(self.model.cols, end)
        self.last_data = data
        self._draw(data)

    def _draw(self, data: ChartData) -> None:
        for step in self._draw_steps:
            step(data)

    def _draw_per_minute(self, data: ChartData) -> None:
        import numpy as np
        import pyqtgraph as pg

        from event_console.models.event_table import SOURCE_COLOURS

        x = data.minute_starts + 30.0
        bottom = np.zeros(len(x))
        for i, (source, counts) in enumerate(sorted(data.per_minute_by_source.items())):
            colour = SOURCE_COLOURS.get(source)
            bars = self._minute_bars.get(source)
            if bars is None:
                brush = colour if colour is not None else _PALETTE[(i + 2) % len(_PALETTE)]
                bars = pg.BarGraphItem(x=x, height=counts, width=50, y0=bottom, brush=brush, pen=None)
                self.per_minute.addItem(bars)
                legend = self.per_minute.legend
                if legend is not None:
                    legend.addItem(bars, SOURCE_LABELS.get(source, source))
                self._minute_bars[source] = bars
            else:
                bars.setOpts(x=x, height=counts, y0=bottom.copy())
            bottom = bottom + counts
        self.per_minute.setXRange(data.minute_starts[0], data.minute_starts[-1] + 60, padding=0.01)
        self.per_minute.setYRange(0, max(1.0, float(bottom.max()) if len(bottom) else 1.0) * 1.1, padding=0)
        minutes = len(data.minute_starts)
        by_source = [
            (SOURCE_LABELS.get(source, source), int(counts.sum()))
            for source, counts in sorted(data.per_minute_by_source.items())
        ]
        total = sum(count for _, count in by_source)
        if not total:
            self._describe(0, self.tr("No events in the last {0} minutes").format(minutes))
            return
        latest = int(bottom[-1]) if len(bottom) else 0
        self._describe(
            0,
            self.tr("{0} events in the last {1} minutes ({2}); {3} in the latest minute").format(
                _number(total),
                minutes,
                _figures((label, count) for label, count in by_source if count),
                _number(latest),
            ),
        )

    def _type_rows(self) -> int:
        """How many types the "by type" chart lists: as many as its height shows one under
        another without their labels overlapping (at least three, at most twelve)."""
        height = self.by_type.getViewBox().height() or self.views[1].height() * 0.7
        return max(3, min(MAX_TYPE_ROWS, int(height // LABEL_ROW_PX)))

    def _draw_types(self, data: ChartData) -> None:
        import numpy as np

        rows = self._type_rows()
        types = data.by_type[:rows][::-1]
        self._type_bars.setOpts(
            x0=np.zeros(len(types)), y=np.arange(len(types)), width=[c for _, c in types], height=0.7
        )
        names = self.model.wording.type_name
        self.by_type.getAxis("left").setTicks([[(i, _elided(names(name), 26)) for i, (name, _) in enumerate(types)]])
        self.by_type.setYRange(-0.6, max(len(types), 1) - 0.4, padding=0)
        _count_range(self.by_type, [c for _, c in types], axis="x")
        text = _figures((names(name), count) for name, count in data.by_type[:rows]) or self.tr("No events")
        if len(data.by_type) > rows:
            text = self.tr("{0}; and {1} other types").format(text, len(data.by_type) - rows)
        self._describe(1, text)

    def _draw_latency(self, data: ChartData) -> None:
        import numpy as np

        med, p95 = data.latency_median_ms, data.latency_p95_ms
        mx = data.minute_starts + 30.0
        ok = ~np.isnan(med)
        self._median_curve.setData(mx[ok], med[ok])
        self._p95_curve.setData(mx[ok], p95[ok])
        self.latency.setXRange(data.minute_starts[0], data.minute_starts[-1] + 60, padding=0.01)
        overall_median, overall_p95 = data.latency_overall
        minutes = len(data.minute_starts)
        if math.isnan(overall_median):
            self._describe(2, self.tr("No latency measured in the last {0} minutes").format(minutes))
            return
        self._titles[self.latency] = self.tr("Latency (ms): median {0:.1f}, p95 {1:.1f}").format(
            overall_median, overall_p95
        )
        self._fit_title(self.latency)
        self._describe(
            2,
            self.tr("Median {0} ms, p95 {1} ms in the last {2} minutes").format(
                _number(overall_median), _number(overall_p95), minutes
            ),
        )

    def _draw_open_calls(self, data: ChartData) -> None:
        import numpy as np

        statuses = data.open_calls_by_status[:8]
        self._status_bars.setOpts(x=np.arange(len(statuses)), height=[c for _, c in statuses], width=0.7)
        names = self.model.wording.status_name
        self.open_calls.getAxis("bottom").setTicks(
            [[(i, _elided(names(name), 14)) for i, (name, _) in enumerate(statuses)]]
        )
        self.open_calls.setXRange(-0.6, max(len(statuses), 1) - 0.4, padding=0)
        _count_range(self.open_calls, [c for _, c in statuses])
        self._describe(3, _figures((names(name), count) for name, count in statuses) or self.tr("No open calls"))

    def _draw_calls_hourly(self, data: ChartData) -> None:
        import numpy as np

        hx = data.hour_starts + 1800.0
        self._opened_bars.setOpts(x=hx - 450, height=data.calls_opened_per_hour, width=900)
        self._closed_bars.setOpts(x=hx + 450, height=data.calls_closed_per_hour, width=900)
        self.calls_hourly.setXRange(data.hour_starts[0], data.hour_starts[-1] + 3600, padding=0.01)
        _count_range(self.calls_hourly, np.concatenate([data.calls_opened_per_hour, data.calls_closed_per_hour]))
        opened, closed = data.calls_opened_per_hour, data.calls_closed_per_hour
        self._describe(
            4,
            self.tr("Last {0} hours: {1} opened, {2} closed; latest hour: {3} opened, {4} closed").format(
                len(data.hour_starts),
                _number(int(opened.sum())),
                _number(int(closed.sum())),
                _number(int(opened[-1]) if len(opened) else 0),
                _number(int(closed[-1]) if len(closed) else 0),
            ),
        )

    def _draw_tasks_hourly(self, data: ChartData) -> None:
        hx = data.hour_starts + 1800.0
        self._tasks_bars.setOpts(x=hx, height=data.tasks_completed_per_hour, width=2400)
        self.tasks_hourly.setXRange(data.hour_starts[0], data.hour_starts[-1] + 3600, padding=0.01)
        _count_range(self.tasks_hourly, data.tasks_completed_per_hour)
        done = data.tasks_completed_per_hour
        self._describe(
            5,
            self.tr("Last {0} hours: {1} completed; latest hour: {2}").format(
                len(data.hour_starts), _number(int(done.sum())), _number(int(done[-1]) if len(done) else 0)
            ),
        )
