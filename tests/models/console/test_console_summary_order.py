"""Summary order: TextOrder's numpy ordering of SummaryColumn's UTF-8 buffer, and the table sorted by
summary (full sorts, flips, merges of new rows, ranks extended), against Python's sort of the
UTF-8 bytes with ties by arrival; descending is the exact reverse of ascending."""

from __future__ import annotations

import bisect
import random
import uuid

import numpy as np
import pytest
from PySide6.QtCore import Qt

from event_console.columns.layout import RECEIVED, SUMMARY, TYPE, RowData
from event_console.columns.summary import SummaryColumn
from event_console.columns.text_order import TextOrder
from event_console.filters import EventFilter
from event_console.models.event_table import EventTableModel

T0 = 1_790_000_000.0

# Characters of 1 to 4 UTF-8 bytes, low and high (byte order must be code point order).
ALPHABET = ["a", "b", "z", " ", "#", "1", "9", "\x01", "\x7f", "é", "ÿ", "ā", "→", "€", "\uffff", "𝄞", "🙂"]
# Shared beginnings of 0 to 80 bytes: ties on the first 8, 16, 64 bytes and beyond.
BASES = [
    "",
    "Call #1",
    "Call #12 Maria Souza: ",
    "Call #12 Maria Souza: in progress → waiting",
    "Task #7 x" * 3,
    "a" * 63,
    "a" * 64,
    "a" * 70,
    "é" * 40,
    "12345678",
    "1234567890123456",
]


def random_texts(rnd: random.Random, n: int) -> list[str]:
    """Many duplicates, texts that begin others, long shared beginnings, multi-byte text."""
    pool = []
    for _ in range(max(3, n // 3)):
        extra = rnd.choice([0, 1, 2, 7, 8, 9, 15, 16, 17, 40, 70, 130])
        pool.append(rnd.choice(BASES) + "".join(rnd.choice(ALPHABET) for _ in range(extra)))
    texts = []
    for _ in range(n):
        text = rnd.choice(pool)
        r = rnd.random()
        if r < 0.15 and text:
            text = text[: rnd.randrange(len(text) + 1)]  # a beginning of another text
        elif r < 0.25:
            text += rnd.choice(ALPHABET)  # another text plus one character
        texts.append(text)
    return texts


def expected_order(texts: list[str], rows: list[int]) -> list[int]:
    encoded = {r: texts[r].encode("utf-8") for r in rows}
    return sorted(rows, key=lambda r: (encoded[r], r))


@pytest.fixture(params=["numpy", "shipped"])
def small_sort(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run every ordering through numpy (the Python sort for small row sets turned off) in
    blocks of a few rows, and with the shipped settings."""
    if request.param == "numpy":
        monkeypatch.setattr(TextOrder, "_PYTHON_SORT_MAX", 0)
        monkeypatch.setattr(TextOrder, "_PYTHON_SEARCH_MAX", 0)
        monkeypatch.setattr(TextOrder, "_BLOCK", 7)
    return str(request.param)


@pytest.fixture(params=["hash", "every-hash-equal"])
def hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The shipped hash, and one that makes every text collide (each run of equal hashes is then
    split by the full comparison: the order must not change)."""
    if request.param == "every-hash-equal":
        monkeypatch.setattr(TextOrder, "_MUL", np.uint64(0))
    return str(request.param)


def column_of(texts: list[str], rnd: random.Random) -> SummaryColumn:
    col = SummaryColumn(4)
    i = 0
    while i < len(texts):  # appended in batches of varying size, as events arrive
        k = rnd.randint(1, 60)
        col.extend(texts[i : i + k])
        i += k
    return col


@pytest.mark.parametrize("seed", range(25))
def test_ordered_equals_pythons_sort_of_the_utf8_bytes(seed: int, small_sort: str, hashing: str) -> None:
    rnd = random.Random(seed)
    n = rnd.choice([0, 1, 2, 3, 5, 17, 65, 300, 1500])
    texts = random_texts(rnd, n)
    col = column_of(texts, rnd)
    rows = list(range(n))
    if n and rnd.random() < 0.5:
        rows = sorted(rnd.sample(rows, rnd.randint(1, n)))
    expected = expected_order(texts, rows)
    assert col.ordered(np.asarray(rows, dtype=np.int64)).tolist() == expected
    places = col.places(np.asarray(rows, dtype=np.int64)).tolist()
    assert [rows[i] for i in np.argsort(places)] == expected


@pytest.mark.parametrize("seed", range(20))
def test_bisect_right_equals_pythons_bisect(seed: int, small_sort: str) -> None:
    rnd = random.Random(seed)
    n = rnd.choice([1, 2, 10, 200, 1000])
    texts = random_texts(rnd, n + 50)
    col = column_of(texts, rnd)
    ordered = expected_order(texts, list(range(n)))
    probes = [rnd.randrange(n + 50) for _ in range(rnd.randint(1, 60))]
    keys = [texts[r].encode("utf-8") for r in ordered]
    expected = [bisect.bisect_right(keys, texts[p].encode("utf-8")) for p in probes]
    got = col.bisect_right(np.asarray(ordered, dtype=np.int64), np.asarray(probes, dtype=np.int64))
    assert got.tolist() == expected
    # A reversed view (the descending table) is searched the same way.
    got = col.bisect_right(np.asarray(ordered[::-1], dtype=np.int64)[::-1], np.asarray(probes, dtype=np.int64))
    assert got.tolist() == expected


def test_texts_are_compared_as_bytes_with_nul_stripped_and_prefixes_first() -> None:
    col = SummaryColumn(4)
    texts = ["ab", "a", "", "a\x00b", "ab", "é", "z", "\U0001d11e", "\uffff", "a" * 64, "a" * 65, "a" * 64 + "\x01"]
    col.extend(texts)
    stored = [t.replace("\x00", "") for t in texts]
    assert col.ordered(np.arange(len(texts))).tolist() == expected_order(stored, list(range(len(texts))))


def make_rows(texts: list[str], start: int) -> list[RowData]:
    return [
        RowData(
            event_id=str(uuid.UUID(int=start + i + 1, version=4)),
            received_at=T0 + start + i,
            occurred_at=T0 + start + i - 0.01,
            system="callsystem" if i % 3 else "taskmanager",
            type="call.created" if i % 3 else "task.created",
            entity_id=str(i % 7),
            summary=text,
            user="ana",
            host="pc-1",
            legacy=False,
        )
        for i, text in enumerate(texts)
    ]


def shown_summaries_order(model: EventTableModel) -> list[int]:
    return model.visible_storage().tolist()


def expected_view(texts: list[str], rows: list[int], descending: bool) -> list[int]:
    order = expected_order([t.replace("\x00", "") for t in texts], rows)
    return order[::-1] if descending else order


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("descending", [False, True])
def test_table_sorted_by_summary_merges_new_rows_like_a_full_sort(
    seed: int, descending: bool, small_sort: str, hashing: str
) -> None:
    rnd = random.Random(seed)
    texts = random_texts(rnd, 1200)
    model = EventTableModel()
    model.append_rows(make_rows(texts, 0))
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model.sort(SUMMARY, order)
    assert shown_summaries_order(model) == expected_view(texts, list(range(len(texts))), descending)
    for batch in range(6):
        # New rows: repeats of shown texts, beginnings of them, new texts; 1 to 300 at a time.
        more = [rnd.choice(texts) if rnd.random() < 0.5 else t for t in random_texts(rnd, rnd.randint(1, 300))]
        model.append_rows(make_rows(more, len(texts)))
        texts += more
        merged = shown_summaries_order(model)
        assert merged == expected_view(texts, list(range(len(texts))), descending), batch
    # ... and equal to sorting the same rows afresh.
    model.sort(RECEIVED, Qt.SortOrder.DescendingOrder)
    model.sort(SUMMARY, order)
    assert shown_summaries_order(model) == merged


@pytest.mark.parametrize("seed", range(4))
def test_summary_ranks_extended_for_new_rows_agree_with_a_fresh_sort(seed: int, small_sort: str, hashing: str) -> None:
    rnd = random.Random(seed)
    texts = random_texts(rnd, 3000)
    model = EventTableModel()
    model.append_rows(make_rows(texts, 0))
    model.sort(SUMMARY, Qt.SortOrder.AscendingOrder)  # ranks of all rows
    for count in (1, 40, 90, 1500):  # merged into the ranks, or (1500) all placed afresh
        model.sort(TYPE, Qt.SortOrder.AscendingOrder)
        more = [rnd.choice(texts) if rnd.random() < 0.5 else t for t in random_texts(rnd, count)]
        model.append_rows(make_rows(more, len(texts)))
        texts += more
        model.sort(SUMMARY, Qt.SortOrder.AscendingOrder)
        assert shown_summaries_order(model) == expected_view(texts, list(range(len(texts))), False)
        model.sort(SUMMARY, Qt.SortOrder.DescendingOrder)
        assert shown_summaries_order(model) == expected_view(texts, list(range(len(texts))), True)


def test_summary_order_with_a_filter_and_paused_rows(small_sort: str) -> None:
    rnd = random.Random(5)
    texts = random_texts(rnd, 800)
    model = EventTableModel()
    model.append_rows(make_rows(texts, 0))
    model.set_filter(EventFilter(types=frozenset({"call.created"})))
    model.sort(SUMMARY, Qt.SortOrder.DescendingOrder)
    shown = [r for r in range(len(texts)) if r % 3]
    assert shown_summaries_order(model) == expected_view(texts, shown, True)
    model.set_paused(True)
    waiting = random_texts(rnd, 90)
    model.append_rows(make_rows(waiting, len(texts)))  # stored, not shown
    texts += waiting
    model.sort(RECEIVED, Qt.SortOrder.AscendingOrder)
    model.sort(SUMMARY, Qt.SortOrder.AscendingOrder)  # ranks cover the waiting rows too
    assert shown_summaries_order(model) == expected_view(texts, shown, False)
    model.set_paused(False)
    shown += [len(texts) - 90 + i for i in range(90) if i % 3]
    assert shown_summaries_order(model) == expected_view(texts, sorted(shown), False)
