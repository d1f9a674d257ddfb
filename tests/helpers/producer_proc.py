"""A producing app run as a child process, for the fault test that SIGKILLs it mid-write.

It starts as a "zygote" that has imported everything and then forks one writer per `go` line
read from stdin, so each of the hundreds of kills costs milliseconds instead of a Python start.
Each writer opens the app's SQLite file (the core's ProducerPipeline via `make_mini_app`), prints
`ready <pid>` after its first commit, and then acts in a loop while its relay publishes, until
the test kills it with SIGKILL.

Usage: python -m helpers.producer_proc <folder> (REDIS_URL and the INTEGRADO_* folders from env).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from helpers.pipeline import MiniApp, make_mini_app
from integrado.events import Actor, call_event, new_correlation_id
from integrado.settings import Settings


def _cascade(app: MiniApp, first: int, count: int) -> None:
    """Several rows and events in one transaction (like completing a subtree): a kill between
    them must leave all or none."""
    correlation = new_correlation_id()
    with app.pipeline.session_factory.begin() as session:
        for i in range(first, first + count):
            row_id = session.execute(app.things.insert().values(name=f"row {i}")).inserted_primary_key[0]
            envelope = call_event(
                "call.created", row_id, cliente=f"row {i}", descricao="cascade", closed=False,
                data={"id": row_id}, actor=Actor("ana", "pc-01"), correlation_id=correlation,
            )  # fmt: skip
            app.pipeline.outbox.add(session, envelope)


async def _write_forever(folder: Path) -> None:
    app = make_mini_app(Settings.load(), folder, "callsystem", poll_interval=0.05)
    relay_task = asyncio.create_task(app.pipeline.relay.run())
    first = app.count_things()
    app.act(f"row {first}")
    print(f"ready {os.getpid()}", flush=True)
    i = first + 1
    while True:
        if i % 4 == 0:
            _cascade(app, i, 3)
            i += 3
        else:
            app.act(f"row {i}")
            i += 1
        await asyncio.sleep(0)
    await relay_task  # pragma: no cover - killed before


def main() -> None:
    folder = Path(sys.argv[1])
    # Forked writers are reaped by the kernel: the zygote never waits for them.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    print("zygote ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "go":
            continue
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                asyncio.run(_write_forever(folder))
            finally:
                os._exit(1)


if __name__ == "__main__":
    main()
