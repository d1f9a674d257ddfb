"""Every integer and text the history stores in a bounded column is bounded on the wire too, so a
valid message can always be stored: seq and an integer id fit a signed 64-bit column, a legacy
message's derived type fits the type column however its action lower-cases."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from integrado.events import Actor, Codec, ReceivedEvent, RejectReason, call_event, validate_outgoing
from integrado.events.codec import MAX_EVENT_TYPE_LENGTH, MAX_INT64, MIN_INT64, Rejection
from integrado.events.envelope import utc_now_rfc3339
from integrado.resources import resource_path

SCHEMA = json.loads(resource_path("schema", "event-v1.schema.json").read_text(encoding="utf-8"))
REFERENCE = jsonschema.Draft7Validator(SCHEMA)
CHANNELS = {"calls_channel": "callsystem", "tasks": "taskmanager"}


def a_call(**overrides: Any) -> dict[str, Any]:
    env = call_event(
        "call.created",
        42,
        cliente="Maria",
        descricao="d",
        closed=False,
        data={"id": 42},
        actor=Actor("ana", "pc-01"),
    )
    env["seq"], env["occurred_at"] = 1, utc_now_rfc3339()
    env.update(overrides)
    return env


def decode_both(env: dict[str, Any]) -> tuple[ReceivedEvent | Rejection, ReceivedEvent | Rejection]:
    """The fast path (compact bytes, as the relay writes them) and the strict path."""
    codec = Codec(CHANNELS)
    raw = json.dumps(env, separators=(",", ":"), ensure_ascii=False).encode()
    return codec.decode(raw, "calls_channel"), codec._decode_slow_result(raw, "calls_channel")


def test_the_bounds_are_those_of_a_signed_64_bit_column() -> None:
    assert (MIN_INT64, MAX_INT64) == (-(2**63), 2**63 - 1)


@pytest.mark.parametrize(("key", "value"), [("seq", 2**63 - 1), ("id", 2**63 - 1), ("id", -(2**63)), ("id", 0)])
def test_the_largest_values_a_column_holds_are_accepted(key: str, value: int) -> None:
    env = a_call(**{key: value})
    for got in decode_both(env):
        assert isinstance(got, ReceivedEvent), got
    assert REFERENCE.is_valid(env)
    validate_outgoing(env)


@pytest.mark.parametrize(
    ("key", "value"), [("seq", 2**63), ("seq", 2**64 - 1), ("seq", 2**64), ("id", 2**63), ("id", -(2**63) - 1)]
)
def test_integers_past_a_signed_64_bit_column_are_a_schema_violation(key: str, value: int) -> None:
    env = a_call(**{key: value})
    for got in decode_both(env):
        assert isinstance(got, Rejection) and got.reason == RejectReason.SCHEMA_VIOLATION, got
        assert key in got.detail
    assert not REFERENCE.is_valid(env)
    with pytest.raises(ValueError, match=key):
        validate_outgoing(env)


def test_a_string_id_is_not_bounded_as_a_number() -> None:
    env = a_call(id="9" * 40)
    assert REFERENCE.is_valid(env)
    assert all(isinstance(got, ReceivedEvent) for got in decode_both(env))


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1])
def test_a_legacy_message_with_an_id_past_64_bits_is_refused(value: int) -> None:
    raw = json.dumps({"action": "created", "id": value, "cliente": "x"}).encode()
    got = Codec(CHANNELS).decode(raw, "calls_channel")
    assert isinstance(got, Rejection) and got.reason == RejectReason.SCHEMA_VIOLATION, got


@pytest.mark.parametrize(
    "action",
    [
        "a" * 64,  # "call." + 64 characters
        "\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}" * 64,  # lower-cases to two characters each
        "x" * 63 + "\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}",
    ],
)
@pytest.mark.parametrize("channel", ["calls_channel", "tasks", "elsewhere"])
def test_a_legacy_type_fits_the_type_column(action: str, channel: str) -> None:
    raw = json.dumps({"action": action, "id": 1}, ensure_ascii=False).encode()
    got = Codec(CHANNELS).decode(raw, channel)
    assert isinstance(got, ReceivedEvent) and got.legacy, got
    assert len(got.type) <= MAX_EVENT_TYPE_LENGTH == 64
    assert got.action == action  # the older system's own word is kept whole
    assert got.type.split(".", 1)[0] in ("call", "task", "legacy")
