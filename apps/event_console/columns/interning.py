"""String interning for the column store: a column of repeated strings is stored as small int
codes, and ordered by ranking each distinct string once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt


def text_sort_key(value: str) -> tuple[str, str]:
    """Case-insensitive order, ties broken by the exact text (so it is a total order)."""
    return (value.casefold(), value)


class Vocabulary:
    """Interns strings as small int codes; `ranks()` orders the codes by their text (by
    `sort_key`, case-insensitive by default)."""

    def __init__(self, sort_key: Callable[[str], Any] = text_sort_key) -> None:
        self.values: list[str] = []
        self._codes: dict[str, int] = {}
        self._ranks: npt.NDArray[np.int32] | None = None
        self._sort_key = sort_key

    def code(self, value: str) -> int:
        """The value's code, a new one (the next int) for a value not seen before."""
        code = self._codes.get(value)
        if code is None:
            code = len(self.values)
            self._codes[value] = code
            self.values.append(value)
            self._ranks = None
        return code

    def lookup(self, value: str) -> int | None:
        return self._codes.get(value)

    def __len__(self) -> int:
        return len(self.values)

    def ranks(self) -> npt.NDArray[np.int32]:
        """rank[code] = position of the code's text in sorted order (cached until a new code)."""
        if self._ranks is None:
            values, key = self.values, self._sort_key
            order = sorted(range(len(values)), key=lambda c: key(values[c]))
            ranks = np.empty(len(values), dtype=np.int32)
            ranks[np.asarray(order, dtype=np.int64)] = np.arange(len(values), dtype=np.int32)
            self._ranks = ranks
        return self._ranks

    def matching(self, needle: str) -> npt.NDArray[np.int32]:
        """Codes whose text contains `needle` (already case-folded)."""
        return np.asarray([c for c, v in enumerate(self.values) if needle in v.casefold()], dtype=np.int32)
