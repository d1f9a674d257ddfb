"""The Summary column: every row's free text in one UTF-8 buffer, searched and ordered there."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from event_console.columns.text_order import TextOrder


class SummaryColumn:
    """The summaries as one UTF-8 buffer (each followed by a NUL, which no event text may hold)
    plus an offset per row: about 80 bytes a row instead of a str object each (a summary with
    "→" or an accent is stored by Python at 2 bytes per character, over 200 bytes a row).

    Ordering by text is `TextOrder`'s, over this buffer."""

    def __init__(self, capacity: int) -> None:
        self._blob = bytearray()
        self._starts = np.zeros(capacity + 1, dtype=np.int64)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def _grow(self, capacity: int) -> None:
        if capacity + 1 > len(self._starts):
            starts = np.zeros(max(capacity + 1, 2 * len(self._starts)), dtype=np.int64)
            starts[: self._size + 1] = self._starts[: self._size + 1]
            self._starts = starts

    def extend(self, texts: Iterable[str]) -> None:
        encoded = [t.replace("\x00", "").encode("utf-8", "replace") for t in texts]
        if not encoded:
            return
        self._grow(self._size + len(encoded))
        lengths = np.fromiter((len(e) + 1 for e in encoded), dtype=np.int64, count=len(encoded))
        base = self._starts[self._size]
        self._starts[self._size + 1 : self._size + 1 + len(encoded)] = base + np.cumsum(lengths)
        try:
            self._blob += b"\x00".join(encoded) + b"\x00"
        except BufferError:  # a numpy view of the buffer outlived an ordering (an exception)
            self._blob = self._blob + b"\x00".join(encoded) + b"\x00"
        self._size += len(encoded)

    def extend_utf8(self, blob: bytes, lengths: npt.NDArray[np.int64]) -> None:
        """Append texts already in this column's form: UTF-8, each followed by a NUL
        (`lengths` counts each one's bytes with its NUL), as a RowBatch carries them."""
        count = len(lengths)
        if not count:
            return
        self._grow(self._size + count)
        base = self._starts[self._size]
        self._starts[self._size + 1 : self._size + 1 + count] = base + np.cumsum(lengths)
        try:
            self._blob += blob
        except BufferError:  # a numpy view of the buffer outlived an ordering (an exception)
            self._blob = self._blob + blob
        self._size += count

    def __getitem__(self, row: int) -> str:
        return self._blob[self._starts[row] : self._starts[row + 1] - 1].decode("utf-8", "replace")

    def rows_containing(self, needle: str, start: int, stop: int) -> npt.NDArray[np.int64]:
        """Rows in [start, stop) whose summary contains `needle` (case-insensitive)."""
        if stop <= start:
            return np.zeros(0, dtype=np.int64)
        if needle.isascii():
            # A lower-cased copy of the range (transient) and a plain literal search: three times
            # faster than a case-insensitive regex; hits are mapped to rows by their offsets.
            pattern = re.compile(re.escape(needle.lower().encode()))
            begin, end = int(self._starts[start]), int(self._starts[stop])
            lowered = self._blob[begin:end].lower()
            hits = [m.start() for m in pattern.finditer(lowered)]
            del lowered
            if not hits:
                return np.zeros(0, dtype=np.int64)
            offsets = np.asarray(hits, dtype=np.int64) + begin
            rows = np.searchsorted(self._starts[: self._size + 1], offsets, side="right") - 1
            return np.unique(rows)
        folded = needle.casefold()
        return np.asarray([r for r in range(start, stop) if folded in self[r].casefold()], dtype=np.int64)

    def rows_containing_any(self, needles: list[str], start: int, stop: int) -> npt.NDArray[np.int64]:
        """Rows in [start, stop) whose summary contains any of `needles` (case-insensitive), the
        range lower-cased once for ASCII needles (a search in the window's language looks for
        its words and for the stored English they stand for)."""
        if len(needles) == 1 or not all(n.isascii() for n in needles):
            found = [self.rows_containing(n, start, stop) for n in needles]
            return np.unique(np.concatenate(found)) if len(found) > 1 else found[0]
        if stop <= start:
            return np.zeros(0, dtype=np.int64)
        # One lower-cased copy, then a plain literal search per needle: an alternation regex
        # is five times slower than literal searches on this machine.
        begin, end = int(self._starts[start]), int(self._starts[stop])
        lowered = self._blob[begin:end].lower()
        hits = [m.start() for n in needles for m in re.compile(re.escape(n.lower().encode())).finditer(lowered)]
        del lowered
        if not hits:
            return np.zeros(0, dtype=np.int64)
        offsets = np.asarray(hits, dtype=np.int64) + begin
        rows = np.searchsorted(self._starts[: self._size + 1], offsets, side="right") - 1
        return np.unique(rows)

    @property
    def nbytes(self) -> int:
        return len(self._blob) + self._starts.nbytes

    # -- order by text (see event_console.columns.text_order) ----------------------------------

    def ordered(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """`rows` (distinct) by (text, row)."""
        return TextOrder(self._blob, self._starts).ordered(rows)

    def places(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """places[i]: the place of rows[i] (distinct rows) among `rows` by (text, row)."""
        return TextOrder(self._blob, self._starts).places(rows)

    def bisect_right(self, ordered: npt.NDArray[np.int64], probes: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """For each probe row: how many rows of `ordered` (by ascending text) have a text <= its
        text."""
        return TextOrder(self._blob, self._starts).bisect_right(ordered, probes)
