"""The process `bench/startup_bench.py` measures: one app started as its `main()` starts it.

    python bench/startup_child.py <callsystem|taskmanager|console|suite> <time.time() before the spawn>

It imports nothing of the harness before the app (the floor, `packaging/startup_floor.py`,
imports nothing either), and prints one JSON line of milliseconds from the given moment:
`painted`, `ready`, `stall` (and `settled`, `settle_stall` for an app that builds more once
ready); with `STARTUP_BENCH_WHERE=1` a line before it says what the GUI thread did in each stall.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from typing import Any


class StackSampler:
    """With --where: the GUI thread's stack every 2 ms, to say what it was doing in each stall
    (the frames of our own packages, counted over the stall's samples), and where each other
    thread was (its innermost frame of ours, after its name): a worker that holds the GIL in
    one long call stalls the GUI thread as surely as work on it."""

    def __init__(self) -> None:
        import threading

        self.samples: list[tuple[float, tuple[str, ...]]] = []
        self._main = threading.main_thread().ident
        threading.Thread(target=self._run, name="bench-stack-sampler", daemon=True).start()

    def _run(self) -> None:
        import threading

        while True:
            time.sleep(0.002)
            names = {thread.ident: thread.name for thread in threading.enumerate()}
            stack: list[str] = []
            for ident, frame in sys._current_frames().items():
                if ident == self._main:
                    stack += self._ours(frame, 60)
                elif names.get(ident) != "bench-stack-sampler":
                    stack += [f"[{names.get(ident, ident)}] {where}" for where in self._ours(frame, 1)]
            self.samples.append((time.perf_counter(), tuple(stack)))

    @staticmethod
    def _ours(frame: Any, most: int) -> list[str]:
        found: list[str] = []
        while frame is not None and len(found) < most:
            path = frame.f_code.co_filename
            if "/apps/" in path:
                found.append(f"{path.split('/apps/')[-1]}:{frame.f_lineno} {frame.f_code.co_name}")
            frame = frame.f_back
        return found

    def explain(self, beats: list[float], longer_than: float = 0.03) -> list[Any]:
        import collections

        stalls = []
        for a, b in itertools.pairwise(beats):
            if b - a > longer_than:
                inside = [stack for at, stack in self.samples if a <= at <= b]
                counts = collections.Counter(frame for stack in inside for frame in set(stack))
                stalls.append([round((b - a) * 1000), len(inside), counts.most_common(8)])
        return stalls


def app_child(app: str, t0: float) -> None:
    """Runs in the spawned process: start the app as its main() does, time paint and ready.

    As `main()` (and `integrado run`) do: the app's `show_first` paints its window before
    asyncio and qasync are imported and the loop starts, where the app has one (an older
    release's apps, measured with --source, may not)."""
    import importlib

    # As the installed commands start (integrado_suite.launch): the garbage collector paused
    # before PySide6 is imported, until the first window has painted.
    try:
        from integrado.startup import pause_collector
    except ImportError:  # an older release, measured with --source
        pass
    else:
        pause_collector()

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    from integrado.qt import runner
    from integrado.settings import Settings

    qapp = runner.make_qapplication("StartupBench")
    seen: dict[str, float] = {}
    beats: list[float] = []
    settle_gaps: list[float] = []
    settle_beats: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and "painted" not in seen
                and isinstance(obj, QWidget)
                and obj.window().isVisible()
            ):
                seen["painted"] = time.time()
            return False

    # The first paint is timed as the floor's is, by a filter on the window alone: the runner's
    # own watch (`first_paint_time`). A filter on the whole application would be handed every
    # event of every object, and PySide must then find the Python class of each object made in
    # C++ (loading every QWidget subclass, ~40 ms) that the app pays only because it is measured.
    # An older release without that watch (--source) is timed by such a filter.
    own_watch = hasattr(runner, "first_paint_time")
    watcher = FirstPaint()
    if not own_watch:
        qapp.installEventFilter(watcher)

    def painted() -> bool:
        return "painted" in seen or (own_watch and runner.first_paint_time() is not None)

    sampler = StackSampler() if os.environ.get("STARTUP_BENCH_WHERE") else None
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()) if painted() else None)
    heartbeat.start()

    settings = Settings.load(read_keyring=False)
    prepare = getattr(runner, "prepare_application", None)
    if prepare is not None:
        # As run_gui: name, icon, translations and excepthook before the first window.
        prepare("StartupBench", settings)
    if app == "suite":
        suite = importlib.import_module("integrado_suite.suite")
        first, starters = getattr(suite, "show_first", None), suite.suite_starters()
    else:
        package = {"callsystem": "callsystem_gui", "taskmanager": "taskmanager_gui", "console": "event_console"}
        module = importlib.import_module(f"{package[app]}.app")
        first, starters = getattr(module, "show_first", None), [module.start]
    if first is not None:
        first(settings)
        # As run_gui: the event loop's modules are imported while the window keeps answering.
        runner.import_beside_window()
    # As app_main: the first window needs no password, the OS keyring is asked after it.
    beside = getattr(runner, "run_beside_window", None)
    settings = beside(Settings.load) if beside is not None and first is not None else Settings.load()

    import asyncio

    import qasync

    def live(bus: Any) -> asyncio.Event:
        """Set once `bus` (QtBus or the console's intake) says it is live; watched as soon as
        its app's start() returns, so a connection made meanwhile is not missed."""
        done = asyncio.Event()
        if getattr(bus, "state", None) == "live":
            done.set()
        bus.connection_state_changed.connect(lambda state, _detail: done.set() if state == "live" else None)
        return done

    async def main() -> None:
        handles, connected = [], []
        for start in starters:
            handles.append(await start(settings))
            connected.append(live(handles[-1].bus))
        for done in connected:
            await asyncio.wait_for(done.wait(), 60)
        seen["ready"] = time.time()
        beats_at_ready = len(beats)
        # The rest of a start that goes on once the app is ready (the console's charts and
        # wallboard): the window must keep answering through it too.
        rest = [h.settled for h in handles if getattr(h, "settled", None) is not None]
        if rest:
            await asyncio.wait_for(asyncio.gather(*rest), 120)
            seen["settled"] = time.time()
            after = [*beats[max(beats_at_ready - 1, 0) :], time.perf_counter()]
            settle_gaps.extend(b - a for a, b in itertools.pairwise(after))
            settle_beats.extend(after)
            del beats[beats_at_ready:]
        heartbeat.stop()
        for handle in reversed(handles):
            await handle.shutdown()

    qasync.run(main())
    qapp.removeEventFilter(watcher)
    if own_watch and runner.first_paint_time() is not None:
        seen["painted"] = runner.first_paint_time()  # type: ignore[assignment]
    times = {k: (v - t0) * 1000 for k, v in seen.items()}
    gaps = [b - a for a, b in itertools.pairwise(beats)]
    times["stall"] = max(gaps, default=0.0) * 1000
    if "settled" in seen:
        times["settle_stall"] = max(settle_gaps, default=0.0) * 1000
    import json  # only now: nothing of the measured start waits for it

    if sampler is not None:
        print(json.dumps({"where": sampler.explain(beats) + sampler.explain(settle_beats)}), flush=True)
    print(json.dumps(times), flush=True)


if __name__ == "__main__":
    app_child(sys.argv[1], float(sys.argv[2]))
