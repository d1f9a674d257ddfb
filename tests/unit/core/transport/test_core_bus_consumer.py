"""The bus consumer against an in-memory Redis: de-duplication, catch-up order, held live events,
gaps, rejections, reconnects and the sink's failures. No server process: these run in
milliseconds, and each fault is placed exactly where the test wants it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable

import pytest

from helpers.in_memory_redis import InMemoryRedis
from helpers.memory_sink import MemorySink
from integrado.bus import BusConsumer, BusTuning, Gap, GapReason, LiveOnlySink, StreamPosition, StreamSource
from integrado.events import Actor, Codec, ReceivedEvent, Rejection, RejectReason, System, call_event, encode
from integrado.states import ConnectionState

CALLS = StreamSource(System.CALLSYSTEM, "calls_channel", "calls_channel:stream")
TASKS = StreamSource(System.TASKMANAGER, "tasks", "tasks:stream")
ORIGIN = "0b7e1a52-6f0c-4e57-9d0c-3c2f1d7c9a11"
# Short pauses between reconnection attempts, so a test that reconnects takes a fraction of a second.
FAST = BusTuning(backoff_cap=0.06, block_ms=50)


def call(seq: int, *, name: str = "Ana") -> tuple[str, bytes]:
    """One CallSystem event as the relay sends it: (event_id, body)."""
    env = call_event(
        "call.created",
        seq,
        cliente=name,
        descricao="printer on fire",
        closed=False,
        data={"id": seq},
        actor=Actor("ana", "pc-01"),
    )
    env["seq"] = seq
    env["occurred_at"] = "2026-03-02T12:00:00.000000Z"
    return env["event_id"], encode(env).encode()


def relay(server: InMemoryRedis, seq: int, *, live: bool = True, origin: str = ORIGIN) -> str:
    """Put one event on the calls stream and (unless `live` is False) its channel, as the relay does."""
    event_id, body = call(seq)
    fields = {"event": body, "event_id": event_id, "source": "callsystem", "origin": origin, "seq": seq}
    server.xadd(CALLS.stream, fields)
    if live:
        server.publish(CALLS.channel, body)
    return event_id


def consumer_for(
    server: InMemoryRedis, sink: MemorySink | LiveOnlySink, tuning: BusTuning = FAST, **callbacks: object
) -> BusConsumer:
    codec = Codec({CALLS.channel: "callsystem", CALLS.stream: "callsystem", TASKS.channel: "taskmanager"})
    return BusConsumer(server.client, [CALLS, TASKS], sink, codec, tuning=tuning, **callbacks)  # type: ignore[arg-type]


async def until(predicate: Callable[[], bool], timeout: float = 3.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.002)


@contextlib.asynccontextmanager
async def running(consumer: BusConsumer) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(consumer.run())
    try:
        yield task
    finally:
        consumer.stop()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 3)


async def live(consumer: BusConsumer) -> None:
    await until(lambda: consumer.state == ConnectionState.LIVE, what="live")


def states(consumer: BusConsumer) -> list[tuple[ConnectionState, str]]:
    seen: list[tuple[ConnectionState, str]] = []
    consumer.on_state = lambda state, detail: seen.append((state, detail))
    return seen


# -- catch-up, order, de-duplication ---------------------------------------------------------------


def test_catch_up_stores_the_stream_in_order_then_goes_live() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        ids = [relay(server, seq, live=False) for seq in range(1, 6)]
        consumer = consumer_for(server, sink)
        seen = states(consumer)
        async with running(consumer):
            await live(consumer)
        assert sink.event_ids() == ids
        assert consumer.caught_up_total == 5 and consumer.delivered_total == 5
        # CONNECTING is where a consumer starts: no news until it changes.
        assert consumer.state == ConnectionState.STOPPED
        assert seen == [
            (ConnectionState.CATCHING_UP, "catching up"),
            (ConnectionState.LIVE, "caught up 5 events from the streams"),
            (ConnectionState.STOPPED, ""),
        ]
        # The cursor and the publisher's last seq were stored with the events.
        assert sink.positions[CALLS.stream].last_id == server.streams[CALLS.stream][-1][0]
        assert sink.positions[CALLS.stream].seqs == {ORIGIN: 5}

    asyncio.run(scenario())


def test_catch_up_reads_in_batches_of_the_tuned_size() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        for seq in range(1, 6):
            relay(server, seq, live=False)
        consumer = consumer_for(server, sink, BusTuning(batch_size=2, block_ms=50))
        seen = states(consumer)
        async with running(consumer):
            await live(consumer)
        assert {count for _, count, _ in server.xread_calls} == {2}
        # Catching up never blocks; once live, reads wait up to block_ms.
        assert [block for _, _, block in server.xread_calls[:3]] == [None, None, None]
        assert server.xread_calls[-1][2] == 50
        assert [n for n, _ in sink.calls] == [2, 2, 1]
        assert (ConnectionState.CATCHING_UP, "catching up: 4 events read") in seen
        assert [ev.seq for ev in sink.events] == [1, 2, 3, 4, 5]

    asyncio.run(scenario())


def test_an_event_that_arrives_on_both_paths_is_delivered_once() -> None:
    async def scenario() -> None:
        # A sink that keeps everything it is given: the bus alone must drop the second copies.
        server, got = InMemoryRedis(), list[ReceivedEvent]()
        consumer = consumer_for(server, LiveOnlySink([CALLS.stream, TASKS.stream]), on_events=got.extend)
        async with running(consumer):
            await live(consumer)
            ids = [relay(server, seq) for seq in range(1, 4)]
            await until(lambda: len(got) == 3, what="three events")
            await asyncio.sleep(0.02)  # the second copies arrive too
            # The same message published twice (at-least-once delivery upstream).
            _, body = call(9)
            server.publish(CALLS.channel, body)
            server.publish(CALLS.channel, body)
            await until(lambda: len(got) == 4, what="the republished event")
            await asyncio.sleep(0.02)
        assert [ev.event_id for ev in got[:3]] == ids
        assert len(got) == 4
        assert consumer.delivered_total == 4
        assert consumer.duplicates_total >= 1

    asyncio.run(scenario())


def test_live_events_that_arrive_during_catch_up_wait_for_it() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        backlog = [relay(server, seq, live=False) for seq in range(1, 5)]
        legacy = b'{"action":"created","id":77,"cliente":"older system"}'
        consumer = consumer_for(server, sink, BusTuning(batch_size=1, block_ms=50))

        def mid_catch_up() -> None:
            # While the backlog is being read: a new event on both paths, and a message of the
            # older system (Pub/Sub only).
            server.on_xread = None
            relay(server, 5)
            server.publish(CALLS.channel, legacy)

        server.on_xread = mid_catch_up
        async with running(consumer):
            await live(consumer)
            await until(lambda: len(sink.events) == 6, what="six events")
        seqs = [ev.seq for ev in sink.events]
        assert seqs == [1, 2, 3, 4, 5, None], "a live event was stored before older ones the stream held"
        assert sink.event_ids()[:4] == backlog
        assert sink.events[-1].legacy and sink.events[-1].entity_id == "77"

    asyncio.run(scenario())


def test_a_drop_during_catch_up_keeps_what_only_pub_sub_carried() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        for seq in range(1, 5):
            relay(server, seq, live=False)
        legacy = b'{"action":"created","id":78,"cliente":"older system"}'
        consumer = consumer_for(server, sink, BusTuning(batch_size=1, block_ms=50, backoff_cap=0.06))
        reads = 0

        def during_catch_up() -> None:
            nonlocal reads
            reads += 1
            if reads == 1:
                # Both held (the catch-up is not done); the drop must keep the legacy message, which
                # exists nowhere else, and leave event 5 to the next catch-up, after 3 and 4.
                relay(server, 5)
                server.publish(CALLS.channel, legacy)
            elif reads == 2:
                server.drop_connections()

        server.on_xread = during_catch_up
        async with running(consumer):
            await until(lambda: len(sink.events) == 6, what="the backlog and the legacy message")
            await live(consumer)
        assert [ev.seq for ev in sink.events if not ev.legacy] == [1, 2, 3, 4, 5]
        assert [ev.entity_id for ev in sink.events if ev.legacy] == ["78"]
        assert server.clients_made >= 2

    asyncio.run(scenario())


def test_a_live_only_sink_starts_at_the_streams_current_end() -> None:
    async def scenario() -> None:
        server = InMemoryRedis()
        relay(server, 1, live=False)
        got: list[ReceivedEvent] = []
        consumer = consumer_for(server, LiveOnlySink([CALLS.stream, TASKS.stream]), on_events=got.extend)
        async with running(consumer):
            await live(consumer)
            relay(server, 2, live=False)  # on the stream only: read by the stream path
            await until(lambda: len(got) == 1, what="the new event")
        assert [ev.seq for ev in got] == [2]

    asyncio.run(scenario())


# -- gaps ---------------------------------------------------------------------------------------


def test_a_seq_that_jumps_is_reported_as_a_gap() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        for seq in (1, 2, 5, 6):
            relay(server, seq, live=False)
        gaps: list[Gap] = []
        consumer = consumer_for(server, sink, on_gap=gaps.append)
        async with running(consumer):
            await live(consumer)
        assert len(gaps) == 1 and sink.gaps == gaps
        gap = gaps[0]
        assert (gap.stream, gap.source, gap.origin) == (CALLS.stream, "callsystem", ORIGIN)
        assert (gap.first_missing, gap.last_missing, gap.reason) == (3, 4, GapReason.MISSING)
        assert gap.describe() == "callsystem: 2 event(s) missing, seq 3–4 (no longer in calls_channel:stream)"
        assert [ev.seq for ev in sink.events] == [1, 2, 5, 6]

    asyncio.run(scenario())


def test_events_trimmed_while_the_consumer_was_away_are_a_gap_after_its_cursor() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        relay(server, 1, live=False)
        relay(server, 2, live=False)
        consumer = consumer_for(server, sink)
        async with running(consumer):
            await live(consumer)
        for seq in range(3, 8):
            relay(server, seq, live=False)
        server.trim(CALLS.stream, keep=2)  # 3, 4 and 5 are gone
        again = consumer_for(server, sink)
        async with running(again):
            await live(again)
        assert [(g.first_missing, g.last_missing) for g in sink.gaps] == [(3, 5)]
        assert [ev.seq for ev in sink.events] == [1, 2, 6, 7]

    asyncio.run(scenario())


def test_each_publishing_database_has_its_own_seq() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        relay(server, 1, origin="db-a")
        relay(server, 1, origin="db-b")
        relay(server, 2, origin="db-a")
        relay(server, 2, origin="db-b")
        consumer = consumer_for(server, sink)
        async with running(consumer):
            await live(consumer)
        assert sink.gaps == []
        assert sink.positions[CALLS.stream].seqs == {"db-a": 2, "db-b": 2}

    asyncio.run(scenario())


def test_a_stream_that_lost_its_tail_is_read_on_and_a_resent_tail_is_no_gap() -> None:
    """A failover to a replica that lacked the last writes: what this consumer read is not lost
    for it, and the relay sends the tail again before newer events."""

    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        for seq in range(1, 6):
            relay(server, seq, live=False)
        consumer = consumer_for(server, sink)
        async with running(consumer):
            await live(consumer)
        tail = server.entries(CALLS.stream)[2:]
        server.restore_snapshot(CALLS.stream, keep=2)  # the new primary lacks seq 3-5
        again = consumer_for(server, sink)
        async with running(again):
            await live(again)
            for fields in tail:  # the relay sends the tail again, then a new event
                server.xadd(CALLS.stream, fields)
            relay(server, 6, live=False)
            await until(lambda: len(sink.events) == 6, what="the event after the failover")
            await until(lambda: again.duplicates_total == 3, what="the tail sent again")
        assert sink.gaps == []
        assert [ev.seq for ev in sink.events] == [1, 2, 3, 4, 5, 6]

    asyncio.run(scenario())


def test_a_tail_lost_for_good_is_a_gap_when_the_next_event_comes() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        for seq in range(1, 4):
            relay(server, seq, live=False)
        consumer = consumer_for(server, sink)
        async with running(consumer):
            await live(consumer)
        relay(server, 4, live=False)  # written while the consumer is away, then lost with 3
        relay(server, 5, live=False)
        server.restore_snapshot(CALLS.stream, keep=2)
        again = consumer_for(server, sink)
        async with running(again):
            await live(again)
            relay(server, 6, live=False)
            await until(lambda: len(sink.events) == 4, what="the event after the loss")
        assert [(g.reason, g.first_missing, g.last_missing) for g in sink.gaps] == [(GapReason.MISSING, 4, 5)]

    asyncio.run(scenario())


def test_a_stream_that_no_longer_exists_is_a_reset() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        relay(server, 1, live=False)
        consumer = consumer_for(server, sink)
        async with running(consumer):
            await live(consumer)
        server.lose_data()
        again = consumer_for(server, sink)
        async with running(again):
            await live(again)
            relay(server, 2)
            await until(lambda: len(sink.events) == 2, what="the event after the reset")
        assert [g.reason for g in sink.gaps] == [GapReason.RESET]

    asyncio.run(scenario())


def test_a_refused_xinfo_is_not_taken_for_a_reset(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> None:
        from redis import exceptions as redis_errors

        server, sink = InMemoryRedis(), MemorySink()
        relay(server, 1, live=False)
        consumer = consumer_for(server, sink)
        async with running(consumer):
            await live(consumer)
        # An ACL without XINFO STREAM.
        server.xinfo_error = redis_errors.NoPermissionError("NOPERM this user has no permissions to run 'xinfo'")
        again = consumer_for(server, sink)
        async with running(again):
            await live(again)
        assert sink.gaps == []
        assert [ev.seq for ev in sink.events] == [1]

    with caplog.at_level(logging.WARNING, logger="integrado.bus.consumer"):
        asyncio.run(scenario())
    assert "cannot check calls_channel:stream for a reset" in caplog.text


# -- hostile input --------------------------------------------------------------------------------


def test_rejections_are_counted_stored_and_reported() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        reported: list[Rejection] = []
        consumer = consumer_for(server, sink, on_rejected=reported.extend)
        async with running(consumer):
            await live(consumer)
            server.publish(CALLS.channel, b"not json")
            server.publish(CALLS.channel, b"[1, 2]")
            _, body = call(1)
            server.publish(TASKS.channel, body)  # a CallSystem event on the tasks channel
            server.xadd(CALLS.stream, {"event_id": "x", "seq": 1})  # an entry without its event
            await until(lambda: consumer.rejected_total == 4, what="four rejections")
            relay(server, 2)  # and the consumer carries on
            await until(lambda: len(sink.events) == 1, what="a good event after them")
        reasons = sorted(str(r.reason) for r in sink.rejections)
        assert reasons == sorted(
            [RejectReason.NOT_JSON, RejectReason.NOT_OBJECT, RejectReason.WRONG_CHANNEL, RejectReason.SCHEMA_VIOLATION]
        )
        assert reported == sink.rejections
        missing_field = next(r for r in sink.rejections if r.channel == CALLS.stream)
        assert missing_field.detail == "stream entry without an event field"
        assert consumer.delivered_total == 1

    asyncio.run(scenario())


def test_messages_split_across_socket_reads_are_put_back_together() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        server.read_chunk = 37  # every message arrives in several pieces
        consumer = consumer_for(server, sink)
        async with running(consumer):
            await live(consumer)
            ids = []
            for seq in range(1, 8):
                event_id, body = call(seq, name="Ana " + "ç" * seq)
                ids.append(event_id)
                server.publish(CALLS.channel, body)
            await until(lambda: len(sink.events) == 7, what="seven events")
        assert sink.event_ids() == ids
        assert sink.events[6].payload["cliente"] == "Ana " + "ç" * 7
        assert consumer.rejected_total == 0

    asyncio.run(scenario())


def test_one_socket_read_of_many_messages_is_stored_in_one_transaction() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        consumer = consumer_for(server, sink, BusTuning(block_ms=50, max_busy=10.0))
        async with running(consumer):
            await live(consumer)
            calls_before = len(sink.calls)
            for i in range(50):  # all buffered before the listener wakes: one read
                server.publish(CALLS.channel, b'{"action":"created","id":%d}' % i)
            await until(lambda: len(sink.events) == 50, what="fifty legacy messages")
        live_calls = [n for n, positions in sink.calls[calls_before:] if positions is None]
        assert live_calls == [50]

    asyncio.run(scenario())


# -- connection trouble -------------------------------------------------------------------------


def test_a_server_that_is_down_at_start_is_retried_until_it_answers() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        relay(server, 1, live=False)
        server.go_down()
        consumer = consumer_for(server, sink)
        seen = states(consumer)
        async with running(consumer):
            await until(lambda: server.clients_made >= 3, what="three attempts")
            assert consumer.state == ConnectionState.RECONNECTING
            assert "Connection refused" in consumer.state_detail
            server.come_back()
            await live(consumer)
        names = [s for s, _ in seen]
        assert names[0] == ConnectionState.RECONNECTING
        assert names[-3:] == [ConnectionState.CATCHING_UP, ConnectionState.LIVE, ConnectionState.STOPPED]
        assert [ev.seq for ev in sink.events] == [1]

    asyncio.run(scenario())


def test_retries_back_off_up_to_the_tuned_cap() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        server.go_down()
        consumer = consumer_for(server, sink, BusTuning(backoff_cap=0.06))
        started = time.monotonic()
        async with running(consumer):
            await until(lambda: server.clients_made >= 6, what="six attempts")
        elapsed = time.monotonic() - started
        # Each pause is between 0.05 s and the cap: five pauses take 0.25 to 0.3 s (plus scheduling).
        assert 0.25 <= elapsed < 1.5

    asyncio.run(scenario())


def test_a_dropped_connection_loses_nothing_published_meanwhile() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        consumer = consumer_for(server, sink)
        seen = states(consumer)
        async with running(consumer):
            await live(consumer)
            relay(server, 1)
            await until(lambda: len(sink.events) == 1, what="the first event")
            server.go_down()
            await until(lambda: consumer.state == ConnectionState.RECONNECTING, what="reconnecting")
            # Published while the consumer was cut off: Pub/Sub loses them, the stream keeps them.
            server.come_back()
            relay(server, 2, live=False)
            relay(server, 3, live=False)
            await live(consumer)
            relay(server, 4)
            await until(lambda: len(sink.events) == 4, what="four events")
        assert [ev.seq for ev in sink.events] == [1, 2, 3, 4]
        names = [s for s, _ in seen]
        after_drop = names[names.index(ConnectionState.RECONNECTING) :]
        assert after_drop[-3:] == [ConnectionState.CATCHING_UP, ConnectionState.LIVE, ConnectionState.STOPPED]
        assert sink.gaps == []

    asyncio.run(scenario())


def test_a_refused_subscription_is_retried_and_shown() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        server.subscribe_error = b"NOPERM this user has no permissions to access the 'tasks' channel"
        consumer = consumer_for(server, sink)
        async with running(consumer):
            await until(lambda: server.clients_made >= 2, what="a second attempt")
            assert consumer.state == ConnectionState.RECONNECTING
            assert consumer.state_detail.startswith("NOPERM")
            server.subscribe_error = None
            await live(consumer)

    asyncio.run(scenario())


# -- the sink and the handlers ----------------------------------------------------------------


def test_a_failed_store_is_read_again_from_the_last_committed_cursor() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        for seq in range(1, 7):
            relay(server, seq, live=False)
        sink.fail_stores = 1  # the first batch meets a locked database
        consumer = consumer_for(server, sink, BusTuning(batch_size=2, block_ms=50, backoff_cap=0.06))
        seen = states(consumer)
        async with running(consumer):
            await live(consumer)
        assert [ev.seq for ev in sink.events] == [1, 2, 3, 4, 5, 6]
        assert (ConnectionState.RECONNECTING, "cannot store events: database is locked") in seen

    asyncio.run(scenario())


def test_a_failed_store_while_live_is_caught_up_in_order() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        consumer = consumer_for(server, sink)
        async with running(consumer):
            await live(consumer)
            relay(server, 1)
            await until(lambda: len(sink.events) == 1, what="the first event")
            sink.fail_stores = 1
            relay(server, 2)
            relay(server, 3)
            await until(lambda: len(sink.events) == 3, what="the events of the failed store")
        assert [ev.seq for ev in sink.events] == [1, 2, 3]

    asyncio.run(scenario())


def test_a_failing_event_handler_neither_loses_events_nor_reconnects(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()

        def broken(events: list[ReceivedEvent]) -> None:
            raise RuntimeError("a bug in the window")

        consumer = consumer_for(server, sink, on_events=broken)
        async with running(consumer):
            await live(consumer)
            relay(server, 1)
            relay(server, 2)
            await until(lambda: len(sink.events) == 2, what="two events")
            assert consumer.state == ConnectionState.LIVE
        assert server.clients_made == 1

    with caplog.at_level(logging.ERROR, logger="integrado.bus.consumer"):
        asyncio.run(scenario())
    assert "an event handler failed" in caplog.text


def test_a_closed_output_pipe_ends_the_consumer() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()

        def closed_pipe(events: list[ReceivedEvent]) -> None:
            raise BrokenPipeError("consume | head")

        consumer = consumer_for(server, sink, on_events=closed_pipe)
        relay(server, 1, live=False)
        with pytest.raises(BrokenPipeError):
            await asyncio.wait_for(consumer.run(), 3)
        assert consumer.state == ConnectionState.STOPPED
        assert [ev.seq for ev in sink.events] == [1]  # stored before the handler ran

    asyncio.run(scenario())


def test_stop_ends_run_and_closes_the_connections() -> None:
    async def scenario() -> None:
        server, sink = InMemoryRedis(), MemorySink()
        consumer = consumer_for(server, sink)
        task = asyncio.create_task(consumer.run())
        await live(consumer)
        consumer.stop()
        await asyncio.wait_for(task, 2)
        assert consumer.state == ConnectionState.STOPPED
        assert server.clients and all(c.closed for c in server.clients)
        assert all(sub.closed for sub in server._subscribers) and not server._subscribers

    asyncio.run(scenario())


def test_positions_loaded_from_the_sink_resume_where_the_history_ends() -> None:
    async def scenario() -> None:
        server = InMemoryRedis()
        relay(server, 1, live=False)
        second = server.streams[CALLS.stream][-1][0]
        relay(server, 2, live=False)
        sink = MemorySink({CALLS.stream: StreamPosition(second, {ORIGIN: 1})})
        consumer = consumer_for(server, sink)
        async with running(consumer):
            await live(consumer)
        assert [ev.seq for ev in sink.events] == [2]
        assert sink.gaps == []

    asyncio.run(scenario())
