"""Compact column storage for events: numpy arrays and interned codes, no Python object per cell.

One row costs about 60 bytes of arrays plus its summary string; sorting and filtering run in
numpy over whole columns (argsort, isin), never through Python comparisons per row.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from event_console.intake.worker import RowBatch, id_bytes

# Column order of the table (and of the CSV export).
RECEIVED, OCCURRED, SOURCE, TYPE, ENTITY, SUMMARY, OPERATOR, HOST, LATENCY = range(9)
COLUMN_COUNT = 9
COLUMN_KEYS = ("received", "occurred", "source", "type", "entity", "summary", "operator", "host", "latency_ms")


class Vocabulary:
    """Interns strings as small int codes; `ranks()` orders the codes by their text."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._codes: dict[str, int] = {}
        self._ranks: npt.NDArray[np.int32] | None = None

    def code(self, value: str) -> int:
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
        """rank[code] = position of the code's text in sorted (case-insensitive) order."""
        if self._ranks is None:
            order = sorted(range(len(self.values)), key=lambda c: (self.values[c].casefold(), self.values[c]))
            ranks = np.empty(len(self.values), dtype=np.int32)
            ranks[np.asarray(order, dtype=np.int64)] = np.arange(len(self.values), dtype=np.int32)
            self._ranks = ranks
        return self._ranks

    def matching(self, needle: str) -> npt.NDArray[np.int32]:
        """Codes whose text contains `needle` (already case-folded)."""
        return np.asarray([c for c, v in enumerate(self.values) if needle in v.casefold()], dtype=np.int32)


@dataclass(frozen=True, slots=True)
class RowData:
    """One event as the table stores it (the input of `EventColumns.extend`)."""

    event_id: str
    received_at: float
    occurred_at: float | None
    system: str
    type: str
    entity_id: str
    summary: str
    user: str
    host: str
    legacy: bool
    status: str = ""


def entity_label(system: str, event_type: str, entity_id: str) -> str:
    kind = event_type.partition(".")[0] or ("call" if system == "callsystem" else "task")
    return f"{kind} #{entity_id}"


def _entity_sort_key(label: str) -> tuple[str, int, str]:
    # "call #9" before "call #10": entities sort by kind, then by number.
    kind, _, ident = label.partition(" #")
    return (kind, int(ident), "") if ident.isdigit() else (kind, -1, ident)


class EntityVocabulary(Vocabulary):
    def ranks(self) -> npt.NDArray[np.int32]:
        if self._ranks is None:
            order = sorted(range(len(self.values)), key=lambda c: _entity_sort_key(self.values[c]))
            ranks = np.empty(len(self.values), dtype=np.int32)
            ranks[np.asarray(order, dtype=np.int64)] = np.arange(len(self.values), dtype=np.int32)
            self._ranks = ranks
        return self._ranks


class SummaryColumn:
    """The summaries as one UTF-8 buffer (each followed by a NUL, which no event text may hold)
    plus an offset per row: about 80 bytes a row instead of a str object each (a summary with
    "→" or an accent is stored by Python at 2 bytes per character, over 200 bytes a row).

    Ordering by text runs in numpy over the buffer (`places`, `bisect_right`): UTF-8 byte order
    is code point order, and texts are compared 8 bytes at a time as big-endian uint64 words
    read straight from the buffer, zero past each text's end (so a text sorts before the longer
    texts it begins)."""

    # _KEEP[v]: ones in the top v bytes, to keep the first v bytes of a big-endian word.
    _KEEP = np.array([0, *((((1 << (8 * v)) - 1) << (64 - 8 * v)) for v in range(1, 9))], dtype=np.uint64)
    _MUL = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it loses no bits
    _CHUNK = 8  # words read per text at a time by `places` (64 bytes)
    _PYTHON_SORT_MAX = 64  # up to this many rows: Python's sort (numpy's fixed costs dominate)
    _PYTHON_SEARCH_MAX = 80  # up to this many probes: Python's binary search (same reason)
    _BLOCK = 1 << 16  # rows read from the buffer at a time

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

    def key(self, row: int) -> bytes:
        """The summary's UTF-8 bytes: they sort like the text (code point order)."""
        return bytes(self._blob[self._starts[row] : self._starts[row + 1] - 1])

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

    @property
    def nbytes(self) -> int:
        return len(self._blob) + self._starts.nbytes

    # -- order by text ----------------------------------------------------------------------------

    def ordered(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """`rows` (distinct) by (text, row)."""
        rows = np.asarray(rows, dtype=np.int64)
        out = np.empty(len(rows), dtype=np.int64)
        out[self.places(rows)] = rows
        return out

    def places(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """places[i]: the place of rows[i] (distinct rows) among `rows` by (text, row).

        Duplicates first: a hash of each whole text (numpy over its words) packed with the row
        number, one sort of those, and texts of equal hash compared in full (a collision costs
        time, never order). Then one row per distinct text is ordered (`_rank_texts`), and each
        text's rows take the places after the texts before it, in arrival order. Words are read
        from the buffer in blocks of rows: little memory beyond a few arrays of one int a row
        (fresh memory is what a first sort of a million rows pays most for)."""
        rows = np.asarray(rows, dtype=np.int64)
        m = len(rows)
        if m <= self._PYTHON_SORT_MAX:
            listed = rows.tolist()
            text = self.key
            by_text = sorted(range(m), key=lambda i: (text(listed[i]), listed[i]))
            out = np.empty(m, dtype=np.int64)
            out[by_text] = np.arange(m, dtype=np.int64)
            return out
        starts = self._starts[rows]
        lengths = self._starts[rows + 1]
        lengths -= starts
        lengths -= 1
        count = min(self._CHUNK, max(1, (int(lengths.max()) + 7) // 8))  # words read per text at once
        read = self._reader(count)
        block = self._BLOCK

        # 1. A hash of each text (its length and its words); its top bits and the row's index
        # in one uint64, sorted: equal hashes side by side, in row order. (np.sort of unique
        # keys is three times faster than np.argsort: the index comes back in the low bits.)
        powers = np.cumprod(np.full(count + 1, self._MUL, dtype=np.uint64))  # wraps, as meant
        powers, step = powers[:-1], powers[-1:]
        hashes = np.empty(m, dtype=np.uint64)
        words = np.empty((m, count), dtype=np.uint64)  # kept: the first 8 * count bytes of each text
        for i in range(0, m, block):
            s, n = starts[i : i + block], lengths[i : i + block]
            w = words[i : i + block]
            w[...] = read(s, n)
            h = n.astype(np.uint64)
            h *= self._MUL
            h += w @ powers
            long = np.flatnonzero(n > 8 * count)
            offset = 8 * count
            while len(long):
                h[long] = h[long] * step + read(s[long] + offset, n[long] - offset) @ powers
                offset += 8 * count
                long = long[n[long] > offset]
            hashes[i : i + block] = h
        del w  # (a view: would keep `words` alive after its del below)
        shift = np.uint64(int(m - 1).bit_length())
        hashes >>= shift
        hashes <<= shift
        hashes |= np.arange(m, dtype=np.uint64)
        hashes.sort()
        low_bits = hashes & ((np.uint64(1) << shift) - np.uint64(1))
        hashes >>= shift
        run_start = self._changes(hashes)
        del hashes
        by_hash = low_bits.view(np.int64)  # the indexes, by hash (< 2**63: the same bits)
        del low_bits

        # 2. Each row compared in full with the one before it in a run of equal hashes: a run
        # is one text unless a mismatch (a collision) splits it.
        pairs = np.flatnonzero(~run_start)
        same = np.empty(len(pairs), dtype=np.bool_)
        raw = words.view(np.dtype((np.void, 8 * count))).ravel()  # a row as one item: fast to take
        for i in range(0, len(pairs), block):
            a, b = by_hash[pairs[i : i + block] - 1], by_hash[pairs[i : i + block]]
            diff = np.take(raw, a).view(np.uint64).reshape(-1, count)
            diff ^= np.take(raw, b).view(np.uint64).reshape(-1, count)
            for j in range(1, count):
                diff[:, 0] |= diff[:, j]
            equal = diff[:, 0] == 0  # and equal lengths, unless a text goes on past 8 * count
            longer = np.flatnonzero(equal & ((lengths[a] > 8 * count) | (lengths[b] > 8 * count)))
            if len(longer):
                equal[longer] = self._texts_equal(read, starts, lengths, a[longer], b[longer], 8 * count)
            same[i : i + block] = equal
        split = not same.all()
        run_start[pairs[~same]] = True
        del pairs, same, raw, read
        run_first = np.flatnonzero(run_start)  # position (in by_hash) of each text's first row

        # 3. The texts ranked, each by its first row; in row order (reads in buffer order).
        firsts = by_hash[run_first]
        in_rows = np.sort(firsts)
        heads = [np.ascontiguousarray(words[in_rows, q]) for q in range(min(count, 3))]
        del words
        text_rank = self._rank_texts(starts[in_rows], lengths[in_rows], heads)[np.searchsorted(in_rows, firsts)]
        del firsts, in_rows, starts, lengths, heads

        # 4. Each row's place: after the rows of the texts ranked before its text, and after
        # the rows of its own text that came before it (a text's rows are in row order).
        out = np.empty(m, dtype=np.int64)
        if not split:
            counts = np.diff(np.append(run_first, m))
            by_rank = np.empty(len(counts), dtype=np.int64)
            by_rank[text_rank] = np.arange(len(counts))
            first_place = np.empty(len(counts), dtype=np.int64)
            first_place[by_rank] = np.cumsum(counts[by_rank]) - counts[by_rank]
            first_place -= run_first  # place of the text's first row, less its position
            done = 0
            for i in range(0, m, block):
                run = np.cumsum(run_start[i : i + block]) + (done - 1)
                done = int(run[-1]) + 1
                out[by_hash[i : i + block]] = first_place[run] + np.arange(i, i + len(run))
            return out
        # A collision split a run: the texts' ranks may repeat; order by (rank, row) instead.
        rank_of_row = np.empty(m, dtype=np.int64)
        rank_of_row[by_hash] = text_rank[np.cumsum(run_start) - 1]
        row_shift = int(m - 1).bit_length()
        index = np.arange(m, dtype=np.int64)
        if int(rank_of_row.max()).bit_length() + row_shift <= 63:
            out[np.argsort((rank_of_row << row_shift) | index)] = index
        else:
            out[np.lexsort((index, rank_of_row))] = index
        return out

    @staticmethod
    def _texts_equal(
        read: Any,
        starts: npt.NDArray[np.int64],
        lengths: npt.NDArray[np.int64],
        a: npt.NDArray[np.int64],
        b: npt.NDArray[np.int64],
        offset: int,
    ) -> npt.NDArray[np.bool_]:
        """text[a[i]] == text[b[i]] for each i (indexes into starts and lengths), given that
        their first `offset` bytes are equal."""
        equal = lengths[a] == lengths[b]
        todo = np.flatnonzero(equal & (lengths[a] > offset))
        while len(todo):
            ta, tb = a[todo], b[todo]
            n = lengths[ta] - offset
            diff = read(starts[ta] + offset, n)
            diff ^= read(starts[tb] + offset, n)
            width = diff.shape[1]
            for j in range(1, width):
                diff[:, 0] |= diff[:, j]
            same = diff[:, 0] == 0
            equal[todo[~same]] = False
            offset += 8 * width
            todo = todo[same & (n > 8 * width)]
        return equal

    def _rank_texts(
        self, starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64], heads: list[npt.NDArray[np.uint64]]
    ) -> npt.NDArray[np.int64]:
        """Dense ranks of texts (equal texts: equal ranks), given their first words (`heads`:
        word q of every text, for the first few q); `starts` ascending.

        Sorted by the first 8 bytes; then, only within groups that still tie, by (group, next
        bytes) packed in one uint64: the group number in the top bytes, as many text bytes as
        fit below (5 for up to 16 million groups)."""
        n = len(starts)
        read = self._reader(1)
        columns = dict(enumerate(heads))  # 8-byte words of every text, by offset / 8

        def column(q: int) -> npt.NDArray[np.uint64]:
            if q not in columns:
                columns[q] = read(starts + 8 * q, lengths - 8 * q)[:, 0]
            return columns[q]

        perm = np.argsort(column(0))  # texts in the order found so far
        new = self._changes(column(0)[perm])  # new[i]: position i starts a group of tied texts
        active = np.arange(n)  # positions of perm still tied, whole groups
        texts = perm  # perm[active]
        starts_here = new  # new[active]
        offset = 8
        while True:
            firsts = np.flatnonzero(starts_here)
            sizes = np.diff(np.append(firsts, len(active)))
            # groups with more than one text, not all of them ended (same bytes so far)
            longer = np.concatenate(([0], np.cumsum(lengths[texts] > offset)))
            tied = (sizes > 1) & (longer[firsts + sizes] > longer[firsts])
            if not tied.any():
                break
            keep = np.repeat(tied, sizes)
            active = active[keep]
            texts = texts[keep]
            local = np.cumsum(starts_here[keep]) - 1  # group among the tied ones
            group_bytes = (int(local[-1]).bit_length() + 7) // 8
            take = 8 - group_bytes
            # The next 8 bytes: whole columns while many texts tie, else just theirs.
            q, r = divmod(offset, 8)
            if 4 * len(texts) >= n:
                word = column(q)[texts]
                if r:
                    word <<= np.uint64(8 * r)
                    word |= column(q + 1)[texts] >> np.uint64(64 - 8 * r)
            else:
                in_order = np.sort(texts)
                by_text = np.empty(n, dtype=np.uint64)
                by_text[in_order] = read(starts[in_order] + offset, lengths[in_order] - offset)[:, 0]
                word = by_text[texts]
            key = word >> np.uint64(8 * group_bytes)
            if group_bytes:
                key |= local.astype(np.uint64) << np.uint64(8 * take)
            order = np.argsort(key)
            texts = texts[order]
            perm[active] = texts
            starts_here = self._changes(key[order])
            new[active] = starts_here
            offset += take
        ranks = np.empty(n, dtype=np.int64)
        ranks[perm] = np.cumsum(new) - 1
        return ranks

    @staticmethod
    def _changes(values: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
        """changes[i]: values[i] differs from values[i - 1] (always True at 0)."""
        out = np.empty(len(values), dtype=np.bool_)
        if len(out):
            out[0] = True
            np.not_equal(values[1:], values[:-1], out=out[1:])
        return out

    def _reader(self, count: int) -> Any:
        """read(pos, rem) -> big-endian uint64 words (shape (len(pos), count)) of the buffer's
        `8 * count` bytes at each pos, bytes from `rem` on (the text's end) zeroed."""
        data = np.frombuffer(self._blob, dtype=np.uint8)
        width = 8 * count
        size = len(data)
        limit = size - width
        # The buffer as overlapping items of `width` bytes, one starting at each byte (indexing
        # a 1-d array of such items is faster than taking rows of a 2-d strided view).
        item = np.dtype((np.void, width))
        view = np.ndarray(shape=(max(limit + 1, 0),), dtype=item, buffer=data, strides=(1,))
        # The last bytes, padded with zeros: for reads that would run past the end.
        base = max(limit, 0)
        tail = np.zeros(size - base + width, dtype=np.uint8)
        tail[: size - base] = data[base:]
        tail_view = np.ndarray(shape=(size - base + 1,), dtype=item, buffer=tail, strides=(1,))
        keep = self._KEEP
        swap = np.little_endian

        def read(pos: npt.NDArray[np.int64], rem: npt.NDArray[np.int64]) -> npt.NDArray[np.uint64]:
            if limit >= 0:
                raw = view[np.minimum(pos, limit)]
                late = np.flatnonzero(pos > limit)
                if len(late):
                    raw[late] = tail_view[np.minimum(pos[late], size) - base]
            else:
                raw = tail_view[np.minimum(pos, size) - base]
            words = raw.view(np.uint64).reshape(len(pos), count)
            if swap:
                words.byteswap(inplace=True)
            shortest, longest = int(rem.min()), int(rem.max())
            for j in range(count):
                if shortest >= 8 * (j + 1):
                    continue  # inside every text
                if longest <= 8 * j:
                    words[:, j:] = 0  # past every text's end
                    break
                words[:, j] &= keep.take(np.clip(rem - 8 * j, 0, 8))
            return words

        return read

    def bisect_right(self, ordered: npt.NDArray[np.int64], probes: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """For each probe row: how many rows of `ordered` (by ascending text) have a text <= its
        text. Many probes binary-search together, comparing 32 bytes of text per numpy step."""
        probes = np.asarray(probes, dtype=np.int64)
        n = len(ordered)
        if len(probes) <= self._PYTHON_SEARCH_MAX:  # a few: numpy's fixed costs dominate
            text = self.key
            found = []
            for probe in probes.tolist():
                key, low, high = text(probe), 0, n
                while low < high:
                    middle = (low + high) // 2
                    if text(int(ordered[middle])) <= key:
                        low = middle + 1
                    else:
                        high = middle
                found.append(low)
            return np.asarray(found, dtype=np.int64)
        lo = np.zeros(len(probes), dtype=np.int64)
        hi = np.full(len(probes), n, dtype=np.int64)
        if not n:
            return lo
        count = 4
        read = self._reader(count)
        starts = self._starts
        p_start = starts[probes]
        p_len = starts[probes + 1] - p_start - 1
        p_words: list[npt.NDArray[np.uint64]] = []  # the probes' texts, 32 bytes a chunk
        going = np.arange(len(probes))
        while len(going):
            mid = (lo[going] + hi[going]) >> 1
            rows = ordered[mid]
            r_start = starts[rows]
            r_len = starts[rows + 1] - r_start - 1
            le = np.ones(len(going), dtype=np.bool_)  # row text <= probe text (equal so far)
            todo = np.arange(len(going))
            chunk = 0
            while len(todo):
                offset = 8 * count * chunk
                if chunk == len(p_words):
                    p_words.append(read(p_start + offset, p_len - offset))
                a = read(r_start[todo] + offset, r_len[todo] - offset)
                b = p_words[chunk][going[todo]]
                differ = a != b
                decided = np.flatnonzero(differ.any(axis=1))
                first = differ[decided].argmax(axis=1)
                le[todo[decided]] = a[decided, first] < b[decided, first]
                chunk += 1
                todo = np.delete(todo, decided)
                todo = todo[r_len[todo] > 8 * count * chunk]
            lo[going[le]] = mid[le] + 1
            hi[going[~le]] = mid[~le]
            going = going[lo[going] < hi[going]]
        return lo


class EventColumns:
    """Growable column arrays (capacity doubles), one row per event, in arrival order."""

    _FLOAT_COLUMNS = ("received", "occurred")
    _CODE_COLUMNS = ("source", "type", "entity", "operator", "host", "entity_num", "status")

    def __init__(self, capacity: int = 1024) -> None:
        self.size = 0
        self._capacity = capacity
        self.received = np.zeros(capacity, dtype=np.float64)
        self.occurred = np.zeros(capacity, dtype=np.float64)  # NaN: legacy (no time of its own)
        self.source = np.zeros(capacity, dtype=np.int16)
        self.type = np.zeros(capacity, dtype=np.int32)
        self.entity = np.zeros(capacity, dtype=np.int32)
        self.entity_num = np.zeros(capacity, dtype=np.int32)  # the id as a number (-1: not numeric)
        self.operator = np.zeros(capacity, dtype=np.int32)
        self.host = np.zeros(capacity, dtype=np.int32)
        self.legacy = np.zeros(capacity, dtype=np.bool_)
        self.status = np.zeros(capacity, dtype=np.int16)  # the entity's status after the event
        self.event_id = np.zeros((capacity, 16), dtype=np.uint8)
        self.summary = SummaryColumn(capacity)
        self.vocab = {
            "source": Vocabulary(),
            "type": Vocabulary(),
            "entity": EntityVocabulary(),
            "operator": Vocabulary(),
            "host": Vocabulary(),
            "status": Vocabulary(),
        }
        self._ids: dict[bytes, int] | None = None

    # -- growth ------------------------------------------------------------------------------

    def _grow(self, needed: int) -> None:
        if needed <= self._capacity:
            return
        capacity = max(needed, self._capacity * 2)
        for name in (*self._FLOAT_COLUMNS, *self._CODE_COLUMNS, "legacy", "event_id"):
            old = getattr(self, name)
            new = np.zeros((capacity, *old.shape[1:]), dtype=old.dtype)
            new[: self.size] = old[: self.size]
            setattr(self, name, new)
        self._capacity = capacity

    def extend(self, rows: Sequence[RowData]) -> range:
        """Append rows; returns their storage indexes."""
        start, count = self.size, len(rows)
        if not count:
            return range(start, start)
        self._grow(start + count)
        end = start + count
        v = self.vocab
        src, typ, ent, op, host = (
            v["source"].code,
            v["type"].code,
            v["entity"].code,
            v["operator"].code,
            v["host"].code,
        )
        self.received[start:end] = [r.received_at for r in rows]
        self.occurred[start:end] = [np.nan if r.occurred_at is None else r.occurred_at for r in rows]
        self.source[start:end] = [src(r.system) for r in rows]
        self.type[start:end] = [typ(r.type) for r in rows]
        self.entity[start:end] = [ent(entity_label(r.system, r.type, r.entity_id)) for r in rows]
        self.entity_num[start:end] = [
            int(r.entity_id) if r.entity_id.isdigit() and len(r.entity_id) < 13 else -1 for r in rows
        ]
        self.operator[start:end] = [op(r.user) for r in rows]
        self.host[start:end] = [host(r.host) for r in rows]
        self.legacy[start:end] = [r.legacy for r in rows]
        status = v["status"].code
        self.status[start:end] = [status(r.status) for r in rows]
        self.event_id[start:end] = np.frombuffer(b"".join(id_bytes(r.event_id) for r in rows), dtype=np.uint8).reshape(
            count, 16
        )
        self.summary.extend(r.summary for r in rows)
        self.size = end
        self._ids = None
        return range(start, end)

    def extend_batch(self, batch: RowBatch) -> range:
        """Append a RowBatch from the intake process: numpy copies of its columns, and one
        vocabulary lookup per distinct text in the batch (not per row)."""
        start, count = self.size, batch.size
        if not count:
            return range(start, start)
        self._grow(start + count)
        end = start + count
        self.received[start:end] = batch.received_array()
        self.occurred[start:end] = batch.occurred_array()
        self.legacy[start:end] = batch.legacy_array()
        self.event_id[start:end] = batch.id_array()
        v = self.vocab
        for column, name in (
            ("system", "source"),
            ("type", "type"),
            ("user", "operator"),
            ("host", "host"),
            ("status", "status"),
        ):
            values, index = batch.codes(column)
            lut = np.fromiter((v[name].code(x) for x in values), dtype=np.int64, count=len(values))
            getattr(self, name)[start:end] = lut[index]
        # Entity labels depend on (system, type, id): one vocabulary lookup per distinct triple.
        systems, system_index = batch.codes("system")
        types, type_index = batch.codes("type")
        ids, id_index = batch.codes("entity_id")
        shape = (len(systems), len(types), len(ids))
        distinct, inverse = np.unique(
            np.ravel_multi_index((system_index, type_index, id_index), shape), return_inverse=True
        )
        entity = v["entity"].code
        labels = np.fromiter(
            (
                entity(entity_label(systems[s], types[t], ids[i]))
                for s, t, i in zip(*np.unravel_index(distinct, shape), strict=True)
            ),
            dtype=np.int64,
            count=len(distinct),
        )
        self.entity[start:end] = labels[inverse.reshape(-1)]
        nums = np.fromiter((int(x) if x.isdigit() and len(x) < 13 else -1 for x in ids), dtype=np.int64, count=len(ids))
        self.entity_num[start:end] = nums[id_index]
        self.summary.extend_utf8(batch.summary, batch.summary_lengths())
        self.size = end
        self._ids = None
        return range(start, end)

    # -- values ------------------------------------------------------------------------------

    @property
    def latency_ms(self) -> npt.NDArray[np.float64]:
        n = self.size
        return (self.received[:n] - self.occurred[:n]) * 1000.0

    def text(self, column: str, row: int) -> str:
        return self.vocab[column].values[int(getattr(self, column)[row])]

    def event_id_of(self, row: int) -> str:
        return str(uuid.UUID(bytes=self.event_id[row].tobytes()))

    def find(self, event_id: str) -> int | None:
        """Storage index of an event (an index built on first use, dropped on append)."""
        return self.find_bytes(id_bytes(event_id))

    def find_bytes(self, key: bytes) -> int | None:
        """`find` for an id already in its 16-byte form (`event_console.intake.worker.id_bytes`)."""
        if self._ids is None:
            view = self.event_id[: self.size]
            self._ids = {view[i].tobytes(): i for i in range(self.size)}
        return self._ids.get(key)

    def sort_key(self, column: int) -> npt.NDArray[Any] | None:
        """Numeric sort keys over all rows (missing values smallest); None for the summary."""
        n = self.size
        if column == RECEIVED:
            return self.received[:n]
        if column == OCCURRED:
            return np.nan_to_num(self.occurred[:n], nan=-np.inf)
        if column == LATENCY:
            return np.nan_to_num(self.latency_ms, nan=-np.inf)
        if column == SUMMARY:
            return None
        if column == ENTITY:
            # By source, then by number: stable while new entities keep arriving (no re-rank).
            source_rank = self.vocab["source"].ranks()[self.source[:n]].astype(np.int64)
            return (source_rank << 32) + self.entity_num[:n]
        name = _CODE_NAMES[column]
        return self.vocab[name].ranks()[getattr(self, name)[:n]]

    def codes_for(self, column: str, values: Iterable[str]) -> npt.NDArray[np.int32]:
        vocab = self.vocab[column]
        codes = [c for c in (vocab.lookup(v) for v in values) if c is not None]
        return np.asarray(codes, dtype=np.int32)

    def nbytes(self) -> int:
        arrays = sum(getattr(self, n).nbytes for n in (*self._FLOAT_COLUMNS, *self._CODE_COLUMNS, "legacy", "event_id"))
        return arrays + self.summary.nbytes


_CODE_NAMES = {SOURCE: "source", TYPE: "type", ENTITY: "entity", OPERATOR: "operator", HOST: "host"}
