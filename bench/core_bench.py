#!/usr/bin/env python3
"""Core figures: the codec's decode cost next to plain json.loads and orjson.loads on the same
event, and adding a 1,817-event cascade to the outbox one event at a time vs in one call.

    .venv/bin/python bench/core_bench.py        (prints a table; writes bench/results/core.json)

Decoding, all measured side by side in one run (the rounds interleave the contenders, best round
counts):
- one 677-byte call event with changes: `decode_us` (Codec.decode: the fast path),
  `decode_strict_us` (the strict path alone, which every input took before the fast path),
  `json_loads_us`, `orjson_loads_us` (parsing only, no checks);
- the demo traffic mix (2,000 events of the Event Console's demo, ~500 bytes each), per event:
  `demo_decode_us`, `demo_decode_strict_us`, `demo_json_loads_us`, `demo_orjson_loads_us`.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_common  # noqa: F401  (puts apps/ and tests/ on sys.path)
import orjson
from sqlalchemy import Column, Integer, MetaData, Table

from helpers.demo.console import DemoTraffic
from integrado.db import make_engine, make_session_factory
from integrado.events import Actor, Codec, ReceivedEvent, call_event, encode, task_event
from integrado.events.envelope import utc_now_rfc3339
from integrado.outbox import Outbox


def per_call_us(fn: Any, n: int = 20_000, repeat: int = 3) -> float:
    return side_by_side({"fn": fn}, n, repeat)["fn"]


def side_by_side(fns: dict[str, Callable[[], Any]], n: int = 20_000, repeat: int = 5) -> dict[str, float]:
    """Microseconds per call of each function, best of `repeat` rounds; each round runs every
    function in turn, so a busy moment of the machine does not favour one of them."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeat):
        for name, fn in fns.items():
            t = time.perf_counter()
            for _ in range(n):
                fn()
            best[name] = min(best[name], (time.perf_counter() - t) / n * 1e6)
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
    channels = {"calls_channel": "callsystem", "tasks": "taskmanager"}
    codec = Codec(channels)
    assert isinstance(codec.decode(raw, "calls_channel"), ReceivedEvent)  # an accepted event is measured
    one = side_by_side(
        {
            "decode_us": lambda: codec.decode(raw, "calls_channel"),
            "decode_strict_us": lambda: codec._decode_slow_result(raw, "calls_channel"),
            "json_loads_us": lambda: json.loads(raw),
            "orjson_loads_us": lambda: orjson.loads(raw),
        }
    )

    traffic = DemoTraffic(seed=3)
    channel_of = {system: channel for channel, system in channels.items()}
    demo = []
    for _ in range(2000):
        envelope = traffic.envelope()
        demo.append((encode(envelope).encode(), channel_of[envelope["system"]]))
    assert all(isinstance(codec.decode(body, channel), ReceivedEvent) for body, channel in demo)

    def each(fn: Callable[[bytes, str], Any]) -> Callable[[], None]:
        def run() -> None:
            for body, channel in demo:
                fn(body, channel)

        return run

    mix = side_by_side(
        {
            "demo_decode_us": each(codec.decode),
            "demo_decode_strict_us": each(codec._decode_slow_result),
            "demo_json_loads_us": each(lambda body, _: json.loads(body)),
            "demo_orjson_loads_us": each(lambda body, _: orjson.loads(body)),
        },
        n=5,
    )
    return {
        "event_bytes": len(raw),
        **one,
        "demo_event_bytes": sum(len(body) for body, _ in demo) / len(demo),
        **{name: us / len(demo) for name, us in mix.items()},
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
