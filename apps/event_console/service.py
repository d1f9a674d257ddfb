"""The console's use cases on its history database: read a received-time range into the column
store, look events up, count the rejections and list the gaps found so far.

The console publishes nothing, so this is not the producers' `XService(pipeline, actor)`: it has
no outbox and no actor, and its intake process alone writes the history (event_console.intake).
`ConsoleService` reads through `ConsoleHistory`, the few queries it needs, which
`integrado.history.HistoryStore` answers (and a fake answers in tests and benchmarks).
No Qt here: a range is read in a worker thread, and the controller only swaps it in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from integrado.db import make_engine
from integrado.events.system import System
from integrado.history import HistoryStore
from integrado.settings import Settings

if TYPE_CHECKING:
    from event_console.columns.store import EventColumns

DEFAULT_HISTORY_CAP = 500_000
# Rows are turned into columns this many at a time: a bounded peak of Python row objects.
_CHUNK_ROWS = 50_000


class ConsoleHistory(Protocol):
    """The queries the console reads its history database with."""

    def load_view_rows(
        self, since: float | None = None, until: float | None = None, limit: int | None = None
    ) -> list[tuple[Any, ...]]: ...

    def count_range(self, since: float | None = None, until: float | None = None) -> int: ...

    def raw_by_event_id(self, event_ids: Sequence[str]) -> dict[str, str]: ...

    def rejection_counts(self) -> dict[str, int]: ...

    def recent_rejections(self, limit: int = 500) -> list[tuple[float, str, str, str, int, str]]: ...

    def recent_gaps(self, limit: int = 100) -> Sequence[Any]: ...


@dataclass(frozen=True, slots=True)
class RangeRead:
    """The newest rows of a range in column form, and how many the range holds in all."""

    cols: EventColumns
    total: int


def open_history(settings: Settings, *, db_url: str | None = None) -> HistoryStore:
    """The history database as the window reads it.

    The intake process writes it (synchronous=NORMAL there: the cursor is stored with the events,
    so a power cut only loses what the streams still hold and the next start reads again).
    Deferred transactions: reading never blocks intake."""
    return HistoryStore(make_engine(db_url or settings.console_db, synchronous="NORMAL", immediate=False))


class ConsoleService:
    """What the console asks of its history; `cap` bounds the rows one range loads."""

    def __init__(self, history: ConsoleHistory, *, cap: int = DEFAULT_HISTORY_CAP) -> None:
        self.history = history
        self.cap = cap

    def read_range(self, since: float | None, until: float | None) -> RangeRead:
        """The newest `cap` events received in [since, until), already in column form, so that
        the GUI thread only swaps the store in (building 200,000 rows there stalled it
        140-280 ms). Meant for a worker thread."""
        # Here, not at the top: the console opens its history (this module) before it imports
        # numpy, so that its intake process can open it too as soon as possible.
        from event_console.columns.store import EventColumns
        from event_console.intake.batch import RowBatch

        rows = self.history.load_view_rows(since, until, self.cap)
        # The consoles' alert events are in the history but not in the table (their own panel).
        rows = [row for row in rows if row[3] != System.CONSOLE]
        total = len(rows) if len(rows) < self.cap else self.history.count_range(since, until)
        cols = EventColumns(max(1024, len(rows)))
        for start in range(0, len(rows), _CHUNK_ROWS):
            cols.extend_batch(RowBatch.from_rows(rows[start : start + _CHUNK_ROWS]))
        return RangeRead(cols, total)

    def raw_event(self, event_id: str) -> str | None:
        """The event's JSON as it arrived, None when the database does not hold it."""
        return self.history.raw_by_event_id([event_id]).get(event_id)

    def raw_by_event_id(self, event_ids: Sequence[str]) -> dict[str, str]:
        return self.history.raw_by_event_id(event_ids)

    def rejection_counts(self) -> dict[str, int]:
        return self.history.rejection_counts()

    def recent_gaps(self, limit: int = 20) -> list[Any]:
        """The latest gaps found (`integrado.bus.streams.Gap`), oldest first: the window words them."""
        return list(reversed(self.history.recent_gaps(limit)))

    def recent_gap_descriptions(self, limit: int = 20) -> list[str]:
        """The latest gaps found, described, oldest first."""
        return [gap.describe() for gap in reversed(self.history.recent_gaps(limit))]
