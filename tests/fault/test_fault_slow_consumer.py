"""Fault 4: a slow consumer under a burst of 20,000 events, on a server with a tiny
`client-output-buffer-limit pubsub`: the server drops the subscriber, and the consumer still
ends with every event (the streams are the durable path)."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
import redis

from helpers.fault_harness import PipelineHarness, settings_for
from helpers.pipeline import MiniApp
from integrado.db import make_engine
from integrado.events import Actor, call_event, task_event
from integrado.outbox import OutboxRelay
from integrado.redis_conn import redis_client

pytestmark = pytest.mark.integration

BURST = 20_000
# What an operator typically types into a description: enough that the burst is ~10 MB.
TEXT = "Cliente relata queda intermitente da internet desde ontem à noite. " * 6


def _queue_burst(app: MiniApp, count: int, start: int) -> None:
    """Commit `count` events through the real outbox, 500 per transaction (an import/cascade)."""
    for first in range(start, start + count, 500):
        with app.pipeline.session_factory.begin() as session:
            for i in range(first, min(first + 500, start + count)):
                if app.system == "callsystem":
                    env = call_event(
                        "call.created",
                        i,
                        cliente=f"c{i}",
                        descricao=TEXT,
                        closed=False,
                        data={"id": i},
                        actor=Actor("ana", "pc"),
                    )
                else:
                    env = task_event(
                        "task.created", i, title=TEXT, completed=False, data={"id": i}, actor=Actor("ana", "pc")
                    )
                app.pipeline.outbox.add(session, env)


def _relay_in_thread(h: PipelineHarness) -> threading.Thread:
    """The producers' relays at full speed on their own loop, as on other PCs."""

    async def drain_all() -> None:
        async def drain(app: MiniApp) -> None:
            engine = make_engine(str(app.pipeline.engine.url))
            relay = OutboxRelay(
                engine, app.pipeline.outbox, lambda: redis_client(h.settings.redis, name="burst"), batch_size=1000
            )
            try:
                while await relay.drain_once():
                    pass
            finally:
                await relay._close_redis()
                engine.dispose()

        await asyncio.gather(*(drain(app) for app in h.apps))

    thread = threading.Thread(target=lambda: asyncio.run(drain_all()), name="burst-relays")
    thread.start()
    return thread


def test_subscriber_dropped_by_the_server_loses_nothing(qloop, redis_server_factory, monkeypatch, tmp_path):
    server = redis_server_factory(extra_args=["--client-output-buffer-limit", "pubsub 256kb 64kb 1"])
    h = PipelineHarness(qloop, settings_for(server, monkeypatch), tmp_path)
    consumer = h.start_consumer()
    # A slow disk: every transaction of the console's history takes 150 ms more.
    store = h.store.store

    def slow_store(*args, **kwargs):
        time.sleep(0.15)
        return store(*args, **kwargs)

    h.store.store = slow_store
    for app, start in ((h.calls, 0), (h.tasks, 0)):
        _queue_burst(app, BURST // 2, start)
    h.stats.committed = BURST
    started = time.monotonic()
    thread = _relay_in_thread(h)
    qloop.wait_until(lambda: not thread.is_alive(), timeout=60, message="the burst relays did not finish")
    published_s = time.monotonic() - started
    try:
        h.wait_converged(timeout=30)
        converged_s = time.monotonic() - started
        report = h.report()
        log = (server.data_dir / "server.log").read_text(errors="replace")
        dropped = log.count("for overcoming of output buffer limits")
        client = redis.Redis.from_url(server.url)
        report.print(
            "fault4: slow consumer, 20,000-event burst",
            burst=BURST,
            published_s=round(published_s, 2),
            converged_s=round(converged_s, 2),
            subscribers_dropped_by_server=dropped,
            consumer_reconnects=sum(1 for _, s, _ in h.states if s == "reconnecting"),
            caught_up_from_streams=consumer.caught_up_total,
            stream_lengths=[client.xlen(h.settings.redis.calls_stream), client.xlen(h.settings.redis.tasks_stream)],
        )
        client.close()
    finally:
        h.stop()
    assert dropped >= 1, "the server never dropped the subscriber: the test did not test anything"
    assert report.ok and report.committed == BURST, report.figures()
