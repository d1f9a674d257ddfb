"""A Jepsen-style history checker for the event pipeline.

Record what the producers committed (their outbox tables: the ground truth, since an action and
its event commit together) and what a consumer stored (its history table, in storage order, and
optionally what it handed to the UI), then count what went wrong:

- lost: committed, never stored;
- duplicated: stored (or delivered) more than once;
- unexpected: stored but never committed by any producer;
- order violations: per source, an event stored after one with a higher `seq`;
- silent losses: lost events that no reported gap covers (a gap may excuse a loss, never hide it).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine, select, text

from integrado.outbox import Outbox


@dataclass(frozen=True, slots=True)
class CommittedEvent:
    source: str
    seq: int
    event_id: str
    status: str = "pending"


@dataclass(frozen=True, slots=True)
class StoredEvent:
    event_id: str
    source: str
    seq: int | None


@dataclass(frozen=True, slots=True)
class ReportedGap:
    source: str
    first_missing: int
    last_missing: int
    reason: str


@dataclass(slots=True)
class HistoryReport:
    committed: int
    stored: int
    lost: list[CommittedEvent] = field(default_factory=list)
    duplicated: dict[str, int] = field(default_factory=dict)
    unexpected: list[StoredEvent] = field(default_factory=list)
    order_violations: dict[str, int] = field(default_factory=dict)
    silent_lost: list[CommittedEvent] = field(default_factory=list)
    gaps: int = 0
    dead_letters: int = 0

    @property
    def ok(self) -> bool:
        """The strict verdict: nothing lost, duplicated, unexpected or out of order."""
        return not (self.lost or self.duplicated or self.unexpected or any(self.order_violations.values()))

    def figures(self, **extra: object) -> dict[str, object]:
        figures: dict[str, object] = {
            "committed": self.committed,
            "stored": self.stored,
            "lost": len(self.lost),
            "duplicated": sum(n - 1 for n in self.duplicated.values()),
            "unexpected": len(self.unexpected),
            "order_violations": sum(self.order_violations.values()),
            "gaps_reported": self.gaps,
            "lost_silently": len(self.silent_lost),
            "dead_letters": self.dead_letters,
        }
        figures.update(extra)
        return figures

    def print(self, label: str, **extra: object) -> None:
        """One line a person (and `pytest -s`) can read, plus the same figures as JSON."""
        print(f"\n[{label}] " + json.dumps(self.figures(**extra), sort_keys=False))


def check(
    committed: Iterable[CommittedEvent],
    stored: Sequence[StoredEvent],
    *,
    gaps: Iterable[ReportedGap] = (),
    delivered: Sequence[str] | None = None,
) -> HistoryReport:
    """Compare a history against what was committed.

    `stored` is in storage order; `delivered` (event ids handed to the UI, in order) is checked
    for duplicates too, because a consumer could de-duplicate its table but not its screen.
    """
    committed = list(committed)
    by_id = {c.event_id: c for c in committed}
    counts = Counter(s.event_id for s in stored)
    duplicated = {eid: n for eid, n in counts.items() if n > 1}
    if delivered is not None:
        for eid, n in Counter(delivered).items():
            if n > 1:
                duplicated[eid] = max(n, duplicated.get(eid, 0))
    unexpected = [s for s in stored if s.event_id not in by_id]
    lost = [c for c in committed if c.event_id not in counts]

    order_violations: dict[str, int] = {}
    last_seq: dict[str, int] = {}
    for s in stored:
        source_event = by_id.get(s.event_id)
        if source_event is None:
            continue
        previous = last_seq.get(source_event.source)
        if previous is not None and source_event.seq < previous:
            order_violations[source_event.source] = order_violations.get(source_event.source, 0) + 1
        else:
            last_seq[source_event.source] = source_event.seq

    gap_list = list(gaps)
    silent = [
        c
        for c in lost
        if not any(
            g.source == c.source and g.reason == "missing" and g.first_missing <= c.seq <= g.last_missing
            for g in gap_list
        )
    ]
    return HistoryReport(
        committed=len(committed),
        stored=len(stored),
        lost=lost,
        duplicated=duplicated,
        unexpected=unexpected,
        order_violations=order_violations,
        silent_lost=silent,
        gaps=len(gap_list),
        dead_letters=sum(1 for c in committed if c.status == "dead"),
    )


# -- reading the two sides from their databases ------------------------------------------------


def committed_events(engine: Engine, outbox: Outbox) -> list[CommittedEvent]:
    """Every event a producer committed, whatever its relay status, in seq order."""
    t = outbox.table
    with engine.connect() as conn:
        rows = conn.execute(select(t.c.source, t.c.seq, t.c.event_id, t.c.status).order_by(t.c.source, t.c.seq))
        return [CommittedEvent(source, int(seq), event_id, status) for source, seq, event_id, status in rows]


def stored_events(engine: Engine) -> list[StoredEvent]:
    """The consumer's history (integrado.history tables) in storage order."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT event_id, system, seq FROM events ORDER BY id"))
        return [StoredEvent(event_id, system, seq) for event_id, system, seq in rows]


def reported_gaps(engine: Engine) -> list[ReportedGap]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT source, first_missing, last_missing, reason FROM gaps ORDER BY id"))
        return [ReportedGap(source, int(first), int(last), reason) for source, first, last, reason in rows]
