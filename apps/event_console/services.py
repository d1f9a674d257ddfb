"""What the console's views need from its history database, as a protocol: views stay free of
SQLAlchemy and Redis (the composition root hands them an `integrado.history.HistoryStore`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class ConsoleHistory(Protocol):
    def load_view_rows(
        self, since: float | None = None, until: float | None = None, limit: int | None = None
    ) -> list[tuple[Any, ...]]: ...

    def count_range(self, since: float | None = None, until: float | None = None) -> int: ...

    def raw_by_event_id(self, event_ids: Sequence[str]) -> dict[str, str]: ...

    def rejection_counts(self) -> dict[str, int]: ...

    def recent_rejections(self, limit: int = 500) -> list[tuple[float, str, str, str, int, str]]: ...
