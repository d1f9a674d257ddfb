"""Ordering texts held back to back in one UTF-8 buffer, with numpy over the buffer.

The buffer holds each text followed by a NUL (which no text holds), and `starts[i]` is the
offset of text i (so `starts[i + 1] - 1` is its end). UTF-8 byte order is code point order, and
texts are compared 8 bytes at a time as big-endian uint64 words read straight from the buffer,
zero past each text's end (so a text sorts before the longer texts it begins). No str object
is made per text: the table's summaries are ordered where they are stored.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt


class TextOrder:
    """Orders the texts of one buffer (see the module doc): `ordered` and `places` sort rows by
    (text, row), `bisect_right` finds where texts go in rows already ordered.

    Built per call over the buffer as it is then; it holds no view of it between calls, so
    the buffer's owner stays free to grow it.
    """

    # _KEEP[v]: ones in the top v bytes, to keep the first v bytes of a big-endian word.
    _KEEP = np.array([0, *((((1 << (8 * v)) - 1) << (64 - 8 * v)) for v in range(1, 9))], dtype=np.uint64)
    _MUL = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it loses no bits
    _CHUNK = 8  # words read per text at a time by `places` (64 bytes)
    _PYTHON_SORT_MAX = 64  # up to this many rows: Python's sort (numpy's fixed costs dominate)
    _PYTHON_SEARCH_MAX = 80  # up to this many probes: Python's binary search (same reason)
    _BLOCK = 1 << 16  # rows read from the buffer at a time

    def __init__(self, blob: bytearray, starts: npt.NDArray[np.int64]) -> None:
        self._blob = blob
        self._starts = starts

    def key(self, row: int) -> bytes:
        """The row's text as UTF-8 bytes: they sort like the text (code point order)."""
        return bytes(self._blob[self._starts[row] : self._starts[row + 1] - 1])

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
