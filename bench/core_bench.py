#!/usr/bin/env python3
"""Core figures: the codec's decode cost next to plain json.loads on the same event, and adding
a 1,817-event cascade to the outbox one event at a time vs in one call.

    .venv/bin/python bench/core_bench.py        (prints a table; writes bench/results/core.json)
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Integer, MetaData, Table

from integrado.db import make_engine, make_session_factory
from integrado.events import Actor, Codec, call_event, encode, task_event
from integrado.events.envelope import utc_now_rfc3339
from integrado.outbox import Outbox


def per_call_us(fn: Any, n: int = 20_000, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - t) / n * 1e6)
    return best


def codec_figures() -> dict[str, float]:
    env = call_event(
        "call.status_changed", 42, cliente="Maria Souza", descricao="Internet caiu desde ontem à noite, sem acesso",
        closed=False, actor=Actor("ana", "pc-07"), changes={"status": ["in_progress", "waiting"]},
        data={"id": 42, "status": "waiting", "priority": "high", "phone": "51999990000", "subject": "Sem internet",
              "category": "rede", "channel": "phone", "urgency": "high", "impact": "medium", "operator": "ana",
              "sla_due_at": "2026-11-26T14:03:07Z", "version": 3},
    )  # fmt: skip
    env["seq"], env["occurred_at"] = 118, utc_now_rfc3339()
    raw = encode(env).encode()
    codec = Codec({"calls_channel": "callsystem"})
    return {
        "event_bytes": len(raw),
        "decode_us": per_call_us(lambda: codec.decode(raw, "calls_channel")),
        "json_loads_us": per_call_us(lambda: json.loads(raw)),
    }


def outbox_figures(n: int = 1817) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="core-bench-"))
    metadata = MetaData()
    Table("t", metadata, Column("id", Integer, primary_key=True))
    outbox = Outbox(metadata, channel="tasks", stream="tasks:stream")
    engine = make_engine(f"sqlite:///{folder / 'tasks.db'}")
    metadata.create_all(engine)
    factory = make_session_factory(engine)

    def envelopes() -> list[dict[str, Any]]:
        return [
            task_event("task.completed", i, title=f"Tarefa {i}", completed=True, actor=Actor("ana", "pc"),
                       data={"id": i, "parent_id": 1, "path": ["Projeto", f"Tarefa {i}"], "progress": [1, 1]})
            for i in range(n)
        ]  # fmt: skip

    results = {}
    for name in ("add", "add_many"):
        batch = envelopes()
        t = time.perf_counter()
        with factory.begin() as session:
            if name == "add":
                for envelope in batch:
                    outbox.add(session, envelope)
            else:
                outbox.add_many(session, batch)
        results[f"outbox_{name}_{n}_ms"] = (time.perf_counter() - t) * 1000
    engine.dispose()
    return results


def main() -> int:
    figures = {**codec_figures(), **outbox_figures()}
    for key, value in figures.items():
        print(f"{key:<28} {value:10.1f}")
    out = Path(__file__).parent / "results" / "core.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
