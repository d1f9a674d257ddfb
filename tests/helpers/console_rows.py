"""Event table rows for the console's model and batch tests: random but reproducible (a seed),
with legacy rows, missing times and markup-looking operator names."""

from __future__ import annotations

import random
import uuid

from event_console.columns.layout import RowData

T0 = 1_790_000_000.0
TYPES = ["call.created", "call.status_changed", "call.closed", "task.created", "task.completed", "task.moved"]
USERS = ["ana", "bruno", "carla", "<b>dora</b>"]


def make_rows(n: int, seed: int = 1, start: float = T0) -> list[RowData]:
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        t = rnd.choice(TYPES)
        system = "callsystem" if t.startswith("call") else "taskmanager"
        legacy = rnd.random() < 0.05
        received = start + i * 0.5 + rnd.random() * 0.1
        rows.append(
            RowData(
                event_id=str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                received_at=received,
                occurred_at=None if legacy else received - rnd.random() * 0.2,
                system=system,
                type=t,
                entity_id=str(rnd.randint(1, 40)),
                summary=f"{'Call' if system == 'callsystem' else 'Task'} #{rnd.randint(1, 40)} {rnd.choice('xyzab')}",
                user="" if legacy else rnd.choice(USERS),
                host="" if legacy else f"pc-{rnd.randint(1, 3)}",
                legacy=legacy,
            )
        )
    return rows
