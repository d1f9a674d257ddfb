"""A window program's start-up: Python's cyclic garbage collector waits for the first frame.

Until its first window has painted, a program mostly imports (PySide6, then its own modules) and
builds that window; almost nothing it allocates then becomes cyclic garbage, yet the collector
would walk the new objects every 2,000 allocations: 19 collections and 7-10 ms of each start-up,
measured on the apps. The programs' entry points call `pause_collector()` before they import
anything else; `resume_collector()` runs once the first window has painted (or, when there is
none, before the event loop starts). Everything allocated until then moves to the permanent
generation (`gc.freeze`): it lives as long as the program anyway, and later full collections no
longer walk it. Collection then goes on as usual.

Only a program that will show a window pauses: a command or a service that never reaches
`resume_collector()` keeps the collector running. The Event Console pauses it again for the rest
of its start (its history's board is hundreds of thousands of objects) and resumes it once its
charts and wallboard are built.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collector() -> None:
    """Stop automatic collection until `resume_collector()` (if it is on: a collector someone
    else turned off stays off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """Freeze what start-up allocated and collect as usual again; nothing if not paused."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def collector_paused() -> bool:
    return _paused
