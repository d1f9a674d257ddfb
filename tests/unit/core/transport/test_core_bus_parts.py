"""The bus's parts on their own: gap detection, the de-duplication memory, the tuning, the raw
Pub/Sub subscription and the sinks."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from redis import exceptions as redis_errors

from helpers.in_memory_redis import InMemoryRedis
from integrado.bus import (
    BusConsumer,
    BusTuning,
    GapReason,
    LiveOnlySink,
    RawSubscription,
    StreamPosition,
    StreamSource,
)
from integrado.bus.tracking import GapDetector, RecentKeys, entry_key
from integrado.events import Codec, System

CALLS = StreamSource(System.CALLSYSTEM, "calls_channel", "calls_channel:stream")


# -- gap detection (from decoded events' seqs; the entries' fields are checked in the consumer) ---


def test_consecutive_seqs_are_no_gap_and_advance_the_position() -> None:
    detector, pos = GapDetector([CALLS]), StreamPosition()
    assert [detector.after_event(CALLS.stream, pos, "db-1", seq) for seq in (1, 2, 3)] == [None, None, None]
    assert pos.seqs == {"db-1": 3}


def test_the_first_seq_seen_is_no_gap_wherever_it_starts() -> None:
    detector, pos = GapDetector([CALLS]), StreamPosition()
    assert detector.after_event(CALLS.stream, pos, "db-1", 500) is None
    assert pos.seqs == {"db-1": 500}


def test_a_jump_is_a_gap_of_exactly_the_missing_numbers() -> None:
    detector, pos = GapDetector([CALLS]), StreamPosition(seqs={"db-1": 4})
    gap = detector.after_event(CALLS.stream, pos, "db-1", 9)
    assert gap is not None
    assert (gap.stream, gap.source, gap.origin) == (CALLS.stream, "callsystem", "db-1")
    assert (gap.first_missing, gap.last_missing, gap.reason) == (5, 8, GapReason.MISSING)
    assert pos.seqs == {"db-1": 9}


def test_the_entry_names_its_source_and_an_unknown_stream_names_itself() -> None:
    detector = GapDetector([CALLS])
    named = detector.after_event(CALLS.stream, StreamPosition(seqs={"db-1": 1}), "db-1", 3, "taskmanager")
    assert named is not None and named.source == "taskmanager"
    unknown = detector.after_event("other:stream", StreamPosition(seqs={"db-1": 1}), "db-1", 3)
    assert unknown is not None and unknown.source == "other:stream"


def test_an_older_or_repeated_seq_neither_reports_nor_moves_back() -> None:
    detector, pos = GapDetector([CALLS]), StreamPosition(seqs={"db-1": 7})
    assert detector.after_event(CALLS.stream, pos, "db-1", 3) is None
    assert detector.after_event(CALLS.stream, pos, "db-1", 7) is None
    assert pos.seqs == {"db-1": 7}


def test_each_origin_counts_on_its_own() -> None:
    detector, pos = GapDetector([CALLS]), StreamPosition()
    for origin, seq in [("a", 1), ("b", 1), ("a", 2), ("b", 2), ("b", 3)]:
        assert detector.after_event(CALLS.stream, pos, origin, seq) is None
    assert pos.seqs == {"a": 2, "b": 3}
    gap = detector.after_event(CALLS.stream, pos, "a", 5)
    assert gap is not None and (gap.origin, gap.first_missing, gap.last_missing) == ("a", 3, 4)


def test_a_stream_that_lost_its_tail_is_read_on_from_its_end_without_a_gap_yet() -> None:
    """A failover to a replica behind its primary: the relay may send the tail again."""
    detector = GapDetector([CALLS])
    pos = StreamPosition("1700000000500-0", {"db-1": 40})
    assert detector.after_reconnect(CALLS.stream, pos, "1700000000100-3") is None
    assert pos.last_id == "1700000000100-3"
    assert pos.seqs == {"db-1": 40}, "the seqs show what was lost for good once entries come"


def test_a_stream_gone_behind_the_cursor_is_a_reset_that_rewinds_the_cursor() -> None:
    detector = GapDetector([CALLS])
    pos = StreamPosition("5-0", {"db-1": 40})
    gone = detector.after_reconnect(CALLS.stream, pos, "0-0")
    assert gone is not None and gone.reason == GapReason.RESET and gone.source == "callsystem"
    assert pos.last_id == "0-0"
    assert pos.seqs == {"db-1": 40}


@pytest.mark.parametrize(("cursor", "newest"), [("0-0", "0-0"), ("10-1", "10-1"), ("10-1", "10-2"), ("9-9", "10-0")])
def test_a_stream_at_or_past_the_cursor_is_no_reset(cursor: str, newest: str) -> None:
    pos = StreamPosition(cursor)
    assert GapDetector([CALLS]).after_reconnect(CALLS.stream, pos, newest) is None
    assert pos.last_id == cursor


def test_from_now_on_is_pinned_to_the_streams_newest_entry() -> None:
    pos = StreamPosition("$")
    assert GapDetector([CALLS]).after_reconnect(CALLS.stream, pos, "1700000000100-3") is None
    assert pos.last_id == "1700000000100-3"


def test_entry_ids_compare_as_numbers() -> None:
    assert entry_key("10-0") > entry_key("9-99")
    assert entry_key("10-10") > entry_key("10-9")
    assert entry_key("12") == (12, 0)
    assert entry_key("garbage") == (0, 0)


# -- de-duplication memory --------------------------------------------------------------------


def test_recent_keys_forget_the_oldest_beyond_their_capacity() -> None:
    recent: RecentKeys[str] = RecentKeys(3)
    assert [recent.add(k) for k in "abc"] == [True, True, True]
    assert recent.add("a") is False
    assert recent.add("d") is True
    assert list(recent) == ["b", "c", "d"]
    assert "a" not in recent and recent.add("a") is True


# -- tuning -------------------------------------------------------------------------------------


def test_tuning_is_fixed_once_made() -> None:
    tuning = BusTuning(batch_size=100)
    with pytest.raises(dataclasses.FrozenInstanceError):
        tuning.batch_size = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    "bad",
    [
        {"block_ms": 0},
        {"batch_size": 0},
        {"seen_capacity": -1},
        {"backoff_cap": 0},
        {"max_busy": 0},
        {"burst_size": -1},
        {"burst_wait": -0.1},
    ],
)
def test_tuning_refuses_values_that_cannot_work(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        BusTuning(**bad)  # type: ignore[arg-type]


def test_the_consumer_takes_its_tuning_at_construction_and_exposes_no_knob() -> None:
    sink = LiveOnlySink([CALLS.stream])
    consumer = BusConsumer(InMemoryRedis().client, [CALLS], sink, Codec(), tuning=BusTuning(batch_size=7))  # type: ignore[arg-type]
    assert consumer.tuning == BusTuning(batch_size=7)
    for knob in ("batch_size", "block_ms", "max_busy", "burst_size", "burst_wait", "backoff_cap"):
        assert not hasattr(consumer, knob), knob


# -- the raw subscription ------------------------------------------------------------------------


def test_the_subscription_confirms_every_channel_then_yields_messages_in_order() -> None:
    async def scenario() -> None:
        server = InMemoryRedis()
        server.read_chunk = 5  # replies cut at awkward places
        sub = await RawSubscription.open(server.client(), ["a", "b"])  # type: ignore[arg-type]
        server.publish("a", b"one")
        server.publish("b", b"two\r\nlines")
        server.publish("c", b"not subscribed")
        got: list[tuple[bytes, bytes]] = []
        while len(got) < 2:
            got.extend(await asyncio.wait_for(sub.read_messages(), 1))
        assert got == [(b"a", b"one"), (b"b", b"two\r\nlines")]
        await sub.aclose()

    asyncio.run(scenario())


def test_a_refused_subscription_raises_the_servers_error() -> None:
    async def scenario() -> None:
        server = InMemoryRedis()
        server.subscribe_error = b"NOPERM this user has no permissions to access the 'a' channel"
        with pytest.raises(redis_errors.NoPermissionError, match="NOPERM"):
            await RawSubscription.open(server.client(), ["a"])  # type: ignore[arg-type]
        server.subscribe_error = b"ERR something else"
        with pytest.raises(redis_errors.ResponseError, match="something else"):
            await RawSubscription.open(server.client(), ["a"])  # type: ignore[arg-type]
        assert not server._subscribers, "a refused subscription closes its connection"

    asyncio.run(scenario())


def test_a_closed_connection_is_a_connection_error() -> None:
    async def scenario() -> None:
        server = InMemoryRedis()
        sub = await RawSubscription.open(server.client(), ["a"])  # type: ignore[arg-type]
        server.drop_connections()
        with pytest.raises(redis_errors.ConnectionError):
            await asyncio.wait_for(sub.read_messages(), 1)

    asyncio.run(scenario())


# -- sinks --------------------------------------------------------------------------------------


def test_the_live_only_sink_starts_every_stream_from_now_and_keeps_nothing() -> None:
    sink = LiveOnlySink(["s1", "s2"])
    assert sink.load_positions() == {"s1": StreamPosition("$"), "s2": StreamPosition("$")}
    assert sink.store([], None) == []
