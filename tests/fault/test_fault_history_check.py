"""The checker itself must catch what it claims to catch, or every fault test is vacuous."""

from __future__ import annotations

from helpers.history_check import CommittedEvent, ReportedGap, StoredEvent, check


def _c(source: str, seq: int) -> CommittedEvent:
    return CommittedEvent(source, seq, f"{source}-{seq}")


def _s(source: str, seq: int) -> StoredEvent:
    return StoredEvent(f"{source}-{seq}", source, seq)


def test_a_clean_history_passes():
    committed = [_c("a", 1), _c("a", 2), _c("b", 1)]
    report = check(committed, [_s("a", 1), _s("b", 1), _s("a", 2)])
    assert report.ok
    assert report.figures()["lost"] == 0


def test_lost_duplicated_unexpected_and_reordered_events_are_counted():
    committed = [_c("a", i) for i in range(1, 6)] + [_c("b", 1)]
    stored = [_s("a", 1), _s("a", 3), _s("a", 2), _s("a", 3), _s("x", 9)]
    report = check(committed, stored, delivered=["a-1", "a-1"])
    assert [c.event_id for c in report.lost] == ["a-4", "a-5", "b-1"]
    assert report.duplicated == {"a-3": 2, "a-1": 2}
    assert [s.event_id for s in report.unexpected] == ["x-9"]
    assert report.order_violations == {"a": 1}
    assert not report.ok
    assert report.figures()["duplicated"] == 2


def test_a_loss_is_silent_unless_a_gap_covers_it():
    committed = [_c("a", i) for i in range(1, 6)]
    stored = [_s("a", 1), _s("a", 4), _s("a", 5)]
    report = check(committed, stored, gaps=[ReportedGap("a", 2, 2, "missing"), ReportedGap("a", 0, 0, "reset")])
    assert [c.seq for c in report.lost] == [2, 3]
    assert [c.seq for c in report.silent_lost] == [3]
