"""Supervised asyncio tasks: a long-running loop (a relay, a bus consumer, a listener) that ends
with an unexpected exception is logged, reported and started again with backoff, never left
silently dead while the window still looks alive."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def supervise(
    run: Callable[[], Awaitable[None]],
    name: str,
    *,
    on_error: Callable[[BaseException], None] | None = None,
    stop: asyncio.Event | None = None,
    backoff_base: float = 0.5,
    backoff_cap: float = 30.0,
    healthy_after: float = 60.0,
) -> None:
    """Await `run()` until it returns (or `stop` is set); after an exception, log it, tell
    `on_error`, wait (doubling from `backoff_base` up to `backoff_cap`; a run that lasted
    `healthy_after` seconds starts the count afresh) and run it again.

    Cancellation (BaseException) is never caught: stopping the task still stops it."""
    failures = 0
    while stop is None or not stop.is_set():
        started = time.monotonic()
        try:
            await run()
            return
        except Exception as exc:  # the point: any failure is retried
            if stop is not None and stop.is_set():
                return
            if time.monotonic() - started >= healthy_after:
                failures = 0
            failures += 1
            delay = min(backoff_cap, backoff_base * 2 ** min(failures - 1, 16))
            log.error("%s failed (%d in a row); restarting in %.1f s", name, failures, delay, exc_info=exc)
            if on_error is not None:
                try:
                    on_error(exc)
                except Exception:  # a reporting bug must not stop the restart
                    log.exception("%s: reporting the failure failed", name)
        if stop is None:
            await asyncio.sleep(delay)
            continue
        try:
            await asyncio.wait_for(stop.wait(), delay)
        except TimeoutError:
            pass
