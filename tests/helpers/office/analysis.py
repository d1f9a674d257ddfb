"""The office's figures, from what each process left behind: the PCs' logs, the shared outbox,
the consoles' SQLite histories and the Redis streams.

Timing across processes uses one clock, the machine's `time.time()`:
- commit -> published: the committing PC's stamp taken right after its commit returned, to the
  outbox row's `published_at` (stamped by the relay once MULTI/EXEC returned);
- commit -> other PC: the same commit stamp, to the receiving PC's stamp taken when its live view
  handed the event on (where the window's model applies it);
- commit -> console (a detail): the same commit stamp, to the `received_at` each console stored
  (when it decoded the event): what `published_at` overstates by the relay's bookkeeping.
The latency percentiles leave out the actions committed while the takeover was under way (from
one second before the SIGSTOP to one second after the standby's first publish): those waited for
the failover by design and are measured by `office_failover_s`; percentiles over every action are
in the details (`*_all_*`).
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TIMING = (
    "time.time() on one machine: the committing PC stamps right after its commit; the relay stamps "
    "published_at after MULTI/EXEC; the receiving PC stamps when its live view hands the event on"
)


@dataclass(frozen=True, slots=True)
class OutboxRow:
    event_id: str
    source: str
    seq: int
    created_at: float
    published_at: float | None
    status: str


@dataclass
class PcLog:
    commits: list[tuple[float, str, list[str]]] = field(default_factory=list)
    refusals: list[tuple[float, str, str]] = field(default_factory=list)
    receipts: list[tuple[float, str]] = field(default_factory=list)


@dataclass
class ConsoleHistory:
    event_ids: list[str]
    seqs: list[tuple[str, int]]
    gaps: list[tuple[str, int, int, str]]  # source, first missing, last missing, reason
    received_at: dict[str, float] = field(default_factory=dict)  # event_id -> when the console decoded it


def read_pc_log(path: Path) -> PcLog:
    log = PcLog()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return log
    for line in text.splitlines():
        parts = line.split(" ")
        try:
            if parts[0] == "r" and len(parts) == 3:
                log.receipts.append((float(parts[1]), parts[2]))
            elif parts[0] == "c" and len(parts) == 4:
                log.commits.append((float(parts[1]), parts[2], parts[3].split(",")))
            elif parts[0] == "e" and len(parts) == 4:
                log.refusals.append((float(parts[1]), parts[2], parts[3]))
        except ValueError:
            continue  # the line a SIGKILL cut short
    return log


def read_console(path: Path) -> ConsoleHistory:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as conn:
        rows = conn.execute("select event_id, system, seq, received_at from events").fetchall()
        gaps = conn.execute("select source, first_missing, last_missing, reason from gaps").fetchall()
    return ConsoleHistory(
        [r[0] for r in rows],
        [(r[1], r[2]) for r in rows if r[2] is not None],
        [(g[0], int(g[1]), int(g[2]), g[3]) for g in gaps],
        {r[0]: float(r[3]) for r in rows},
    )


def percentile(ordered: Sequence[float], p: float) -> float | None:
    """Nearest rank: every figure is one that was observed."""
    if not ordered:
        return None
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


def _ms(values: Iterable[float], prefix: str) -> dict[str, Any]:
    ordered = sorted(v * 1000 for v in values)
    out: dict[str, Any] = {f"{prefix}_samples": len(ordered)}
    for name, p in (("p50", 50), ("p99", 99), ("max", 100)):
        value = percentile(ordered, p)
        out[f"{prefix}_{name}"] = None if value is None else round(value, 1)
    return out


def _runs(values: Iterable[int]) -> int:
    """How many runs of consecutive numbers (each run is one gap)."""
    ordered = sorted(set(values))
    return sum(1 for i, v in enumerate(ordered) if i == 0 or v != ordered[i - 1] + 1)


def analyse(
    *,
    config: Mapping[str, Any],
    timeline: Mapping[str, Any],
    outbox: Sequence[OutboxRow],
    pc_logs: Mapping[str, PcLog],
    consoles: Mapping[str, ConsoleHistory],
    streams: Mapping[str, Sequence[tuple[str, int]]],
    pc_summaries: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    by_id = {row.event_id: row for row in outbox}
    go, end = timeline["go"], timeline["end_of_actions"]

    # -- actions and who committed what --------------------------------------------------------
    committed_at: dict[str, float] = {}
    origin: dict[str, str] = {}
    refusals: Counter[str] = Counter()
    actions = 0
    for host, log in pc_logs.items():
        actions += len(log.commits)
        for t, _kind, ids in log.commits:
            for event_id in ids:
                committed_at[event_id] = t
                origin[event_id] = host
        refusals.update(f"{kind}: {error}" for _t, kind, error in log.refusals)
    conflicts = sum(n for key, n in refusals.items() if key.endswith("ConflictError"))

    # -- the failover ----------------------------------------------------------------------------
    stopped = timeline.get("relay_stopped")
    failover_s: float | None = None
    excluded: tuple[float, float] | None = None
    if stopped is not None:
        after = [r.published_at for r in outbox if r.published_at is not None and r.published_at > stopped]
        if after:
            takeover = min(after)
            failover_s = round(takeover - stopped, 2)
            excluded = (stopped - 1.0, takeover + 1.0)

    def steady(event_id: str) -> bool:
        t = committed_at[event_id]
        return excluded is None or not excluded[0] <= t <= excluded[1]

    # -- commit -> published ---------------------------------------------------------------------
    published_all: list[float] = []
    published_steady: list[float] = []
    for event_id, t in committed_at.items():
        row = by_id.get(event_id)
        if row is None or row.published_at is None:
            continue
        published_all.append(row.published_at - t)
        if steady(event_id):
            published_steady.append(row.published_at - t)

    # -- commit -> another PC's view ---------------------------------------------------------------
    other_all: list[float] = []
    other_steady: list[float] = []
    by_system: dict[str, list[float]] = {"callsystem": [], "taskmanager": []}
    view_missing = 0
    killed_host, killed_at = timeline.get("killed_host"), timeline.get("pc_killed")
    for host, log in pc_logs.items():
        received = set()
        for t, event_id in log.receipts:
            received.add(event_id)
            start = committed_at.get(event_id)
            if start is None:
                continue
            other_all.append(t - start)
            if steady(event_id):
                other_steady.append(t - start)
                row = by_id.get(event_id)
                if row is not None and row.source in by_system:
                    by_system[row.source].append(t - start)
        # What this PC's view should have shown: every other PC's commit while it was up.
        until = end + 60 if host != killed_host else (killed_at or end) - 2.0
        view_missing += sum(
            1
            for event_id, t in committed_at.items()
            if origin[event_id] != host and go <= t <= until and event_id not in received
        )

    # -- commit -> a console (its own receipt stamp): the lower bound of commit -> published --------
    console_steady = [
        received - committed_at[event_id]
        for history in consoles.values()
        for event_id, received in history.received_at.items()
        if event_id in committed_at and steady(event_id)
    ]

    # -- the consoles: lost, duplicates, gaps ------------------------------------------------------
    all_ids = set(by_id)
    missing_anywhere: set[str] = set()
    duplicates = 0
    silent_events = 0
    silent_gaps = 0
    gaps_reported = 0
    per_console: dict[str, dict[str, int]] = {}
    for name, history in consoles.items():
        stored = set(history.event_ids)
        missing = all_ids - stored
        missing_anywhere |= missing
        dupes = (len(history.event_ids) - len(stored)) + (len(history.seqs) - len(set(history.seqs)))
        duplicates += dupes
        gaps_reported += len(history.gaps)
        uncovered: dict[str, list[int]] = {}
        for event_id in missing:
            row = by_id[event_id]
            covered = any(g[3] == "reset" or (g[0] == row.source and g[1] <= row.seq <= g[2]) for g in history.gaps)
            if not covered:
                uncovered.setdefault(row.source, []).append(row.seq)
        silent_events += sum(len(v) for v in uncovered.values())
        silent_gaps += sum(_runs(v) for v in uncovered.values())
        per_console[name] = {"stored": len(history.event_ids), "missing": len(missing), "gaps": len(history.gaps)}

    # -- the streams: republished or out of order --------------------------------------------------
    stream_duplicates = 0
    out_of_order = 0
    for entries in streams.values():
        seen: set[str] = set()
        top = 0
        for event_id, seq in entries:
            if event_id in seen:
                stream_duplicates += 1
                continue
            seen.add(event_id)
            if seq < top:
                out_of_order += 1
            top = max(top, seq)

    queue = timeline.get("queue_samples") or []
    figures: dict[str, Any] = {
        "office_pcs": config["pcs"],
        "office_actions": actions,
        **{k: v for k, v in _ms(published_steady, "office_commit_to_published_ms").items() if "samples" not in k},
        **{k: v for k, v in _ms(other_steady, "office_commit_to_other_pc_ms").items() if "samples" not in k},
        "office_failover_s": failover_s,
        "office_lost": len(missing_anywhere),
        "office_duplicates_stored": duplicates,
        "office_silent_gaps": silent_gaps,
        "office_conflicts_surfaced": conflicts,
    }
    details: dict[str, Any] = {
        "office_seconds": config["seconds"],
        "office_rate_per_pc": config["rate"],
        "office_events": len(outbox),
        "office_actions_refused": sum(refusals.values()),
        "office_refusals": dict(refusals.most_common()),
        **_ms(published_steady, "office_commit_to_published_ms"),
        **_ms(other_steady, "office_commit_to_other_pc_ms"),
        **_ms(published_all, "office_commit_to_published_all_ms"),
        **_ms(console_steady, "office_commit_to_console_ms"),
        **_ms(other_all, "office_commit_to_other_pc_all_ms"),
        **{k: v for s, values in by_system.items() for k, v in _ms(values, f"office_{s}_to_other_pc_ms").items()},
        "office_latency_excluded_window": None
        if excluded is None
        else [round(excluded[0] - go, 2), round(excluded[1] - go, 2)],
        "office_silent_gap_events": silent_events,
        "office_gaps_reported": gaps_reported,
        "office_view_missing": view_missing,
        "office_stream_duplicates": stream_duplicates,
        "office_stream_out_of_order": out_of_order,
        "office_dead_letters": sum(1 for r in outbox if r.status == "dead"),
        "office_left_pending": sum(1 for r in outbox if r.status == "pending"),
        "office_queue_max": max((n for _t, n in queue), default=0),
        "office_consoles": per_console,
        "office_missed_action_slots": sum(int(s.get("missed_slots", 0)) for s in pc_summaries.values()),
        "office_pcs_finished": len(pc_summaries),
        "office_timeline_s": {
            key: round(value - go, 2)
            for key, value in timeline.items()
            if isinstance(value, float) and key not in ("go",) and value
        },
        "office_cpu_cores_while_acting": {
            name: round(cpu / max(1.0, end - go), 2) for name, cpu in (timeline.get("cpu_s") or {}).items()
        },
        "office_stopped_relay": timeline.get("stopped_relay"),
        "office_killed_pc": killed_host,
        "office_timing": TIMING,
    }
    return {**figures, "details": details}
