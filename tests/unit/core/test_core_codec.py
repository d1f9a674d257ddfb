"""The codec: round trips of every event type, and every rejection reason with its count."""

from __future__ import annotations

import json
import random
from pathlib import Path

import jsonschema
import pytest

from integrado.events import (
    LEGACY_ORIGIN,
    Actor,
    Codec,
    ReceivedEvent,
    RejectReason,
    System,
    call_event,
    encode,
    forbidden_text,
    task_event,
    validate_outgoing,
)
from integrado.events.codec import MAX_MESSAGE_BYTES, Rejection
from integrado.events.envelope import legacy_action, utc_now_rfc3339
from integrado.resources import resource_path

CHANNELS = {"calls_channel": "callsystem", "tasks": "taskmanager"}
CALL_TYPES = [
    "created",
    "updated",
    "status_changed",
    "note_added",
    "assigned",
    "closed",
    "reopened",
    "deleted",
    "restored",
]
TASK_TYPES = ["created", "updated", "completed", "reopened", "moved", "deleted", "restored"]


def stamped(envelope: dict, seq: int = 1) -> dict:
    envelope["seq"] = seq
    envelope["occurred_at"] = utc_now_rfc3339()
    return envelope


def a_call(verb: str = "created", **kw) -> dict:
    return stamped(
        call_event(
            f"call.{verb}",
            42,
            cliente="Maria Souza",
            descricao="Internet caiu desde ontem",
            closed=verb == "closed",
            data={"id": 42, "status": "new"},
            actor=Actor("ana", "pc-01"),
            **kw,
        )
    )


def a_task(verb: str = "created") -> dict:
    return stamped(
        task_event(
            f"task.{verb}",
            3,
            title="Ligar para o fornecedor",
            completed=verb == "completed",
            data={"id": 3, "parent_id": None, "path": ["Ligar para o fornecedor"]},
            actor=Actor("ana", "pc-01"),
        )
    )


@pytest.fixture
def codec() -> Codec:
    return Codec(CHANNELS)


@pytest.mark.parametrize("verb", CALL_TYPES)
def test_call_events_round_trip(codec: Codec, verb: str) -> None:
    env = a_call(verb, changes={"status": ["new", "in_progress"]} if verb == "status_changed" else None)
    got = codec.decode(encode(env).encode(), "calls_channel")
    assert not isinstance(got, Rejection), got
    assert got.payload == env
    assert (got.type, got.seq, got.user, got.host, got.legacy) == (f"call.{verb}", 1, "ana", "pc-01", False)
    # The older consumer's keys: action ("completed" for a closed call), cliente, descricao, status.
    assert got.payload["action"] == legacy_action(f"call.{verb}")
    assert got.payload["status"] == ("concluida" if verb == "closed" else "pendente")


@pytest.mark.parametrize("verb", TASK_TYPES)
def test_task_events_round_trip(codec: Codec, verb: str) -> None:
    env = a_task(verb)
    got = codec.decode(encode(env), "tasks")
    assert not isinstance(got, Rejection), got
    assert got.payload == env and got.payload["completed"] is (verb == "completed")


def test_legacy_action_names_match_the_older_system() -> None:
    assert legacy_action("call.created") == "created"
    assert legacy_action("call.closed") == "completed"
    assert legacy_action("task.completed") == "completed"
    assert legacy_action("call.deleted") == "deleted"
    assert legacy_action("call.status_changed") == "updated"


def test_the_older_systems_messages_are_accepted_as_legacy(codec: Codec) -> None:
    with open(Path(__file__).with_name("legacy-events.jsonl"), encoding="utf-8") as fh:
        lines = [json.loads(line) for line in fh if line.strip()]
    for line in lines:
        got = codec.decode(json.dumps(line["message"]).encode(), line["channel"])
        if line["channel"] == "tasks_channel":
            continue  # Integrado never subscribes to the older defect's second channel
        assert not isinstance(got, Rejection), got
        assert got.legacy and got.action == line["message"]["action"] and got.seq is None


def test_every_outgoing_event_validates_against_the_published_json_schema() -> None:
    schema = json.loads(resource_path("schema", "event-v1.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    for env in [a_call(v) for v in CALL_TYPES] + [a_task(v) for v in TASK_TYPES]:
        assert list(validator.iter_errors(json.loads(encode(env)))) == []


def _rejected(codec: Codec, raw: bytes | str, channel: str = "calls_channel") -> Rejection:
    got = codec.decode(raw, channel)
    assert isinstance(got, Rejection), f"accepted: {raw[:80]!r}"
    assert got.preview.isprintable() or got.preview == ""
    return got


def _with(env: dict, **changes) -> bytes:
    env = dict(env)
    env.update(changes)
    return json.dumps(env).encode()


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"x" * (MAX_MESSAGE_BYTES + 1), RejectReason.TOO_LARGE),
        (b'{"action": "created", "id": 1, "cliente": "\xff\xfe"}', RejectReason.NOT_UTF8),
        (b"not json at all", RejectReason.NOT_JSON),
        (b'{"action": "created",', RejectReason.NOT_JSON),
        (b"[" * 20_000 + b"]" * 20_000, RejectReason.TOO_DEEP),
        (b'{"action": "created", "id": 1, "x": NaN}', RejectReason.NON_FINITE_NUMBER),
        (b'{"action": "created", "id": 1, "x": -Infinity}', RejectReason.NON_FINITE_NUMBER),
        (b'{"action": "created", "id": 1, "id": 2}', RejectReason.DUPLICATE_KEY),
        (b'["created", 1]', RejectReason.NOT_OBJECT),
        (b'"created"', RejectReason.NOT_OBJECT),
        (b'{"action": "created", "id": 1, "cliente": "a\\u0007b"}', RejectReason.CONTROL_CHARACTERS),
        ('{"action": "created", "id": 1, "cliente": "a\u202eb"}'.encode(), RejectReason.CONTROL_CHARACTERS),
        (b'{"action": "created"}', RejectReason.SCHEMA_VIOLATION),
        (b'{"action": 5, "id": 1}', RejectReason.SCHEMA_VIOLATION),
    ],
)
def test_rejections_have_a_reason(codec: Codec, raw: bytes, reason: RejectReason) -> None:
    got = _rejected(codec, raw)
    assert got.reason == reason, got
    assert got.detail and got.size == len(raw)


def test_envelope_rejections(codec: Codec) -> None:
    good = a_call()
    cases = {
        RejectReason.UNKNOWN_SCHEMA: [_with(good, schema=2), _with(good, schema="1"), _with(good, schema=True)],
        RejectReason.SCHEMA_VIOLATION: [
            _with(good, type="call.exploded"),
            _with(good, type="task.created"),  # a call event with a task type
            _with(good, seq=0),
            _with(good, seq="1"),
            _with(good, event_id="not-a-uuid"),
            _with(good, occurred_at="yesterday"),
            _with(good, actor={"user": "ana"}),
            _with(good, data=[1]),
            _with(good, status="aberta"),
            _with(good, changes={"status": ["only-one"]}),
            json.dumps({k: v for k, v in good.items() if k != "cliente"}).encode(),
        ],
        RejectReason.WRONG_CHANNEL: [encode(good).encode()],
    }
    for reason, raws in cases.items():
        channel = "tasks" if reason == RejectReason.WRONG_CHANNEL else "calls_channel"
        for raw in raws:
            assert _rejected(codec, raw, channel).reason == reason, raw[:120]


def test_a_literal_backslash_u_sequence_is_not_a_control_character(codec: Codec) -> None:
    env = a_call()
    env["descricao"] = r"C:\u0007 is a path, not a bell"
    assert not isinstance(codec.decode(encode(env), "calls_channel"), Rejection)


def test_html_and_sql_are_content_not_rejections(codec: Codec) -> None:
    env = a_call()
    env["cliente"] = "<img src=x onerror=alert(1)> Robert'); DROP TABLE calls;--"
    got = codec.decode(encode(env), "calls_channel")
    assert not isinstance(got, Rejection)
    assert got.payload["cliente"] == env["cliente"]


def _deliberate(got: Rejection, raw: bytes, channel: str) -> None:
    """A rejection the codec meant: a reason, a detail, the message's size, a safe preview.
    `decode` turns any unexpected exception into "undecodable: <type>" so that it never raises:
    that detail here would be a bug hidden as a rejection."""
    assert isinstance(got.reason, RejectReason)
    assert got.detail and not got.detail.startswith("undecodable"), got
    assert (got.size, got.channel) == (len(raw), channel)
    assert not forbidden_text(got.preview), "the preview of a rejection shows no control characters"


def test_arbitrary_bytes_are_refused_each_with_the_reason_that_fits(codec: Codec) -> None:
    rng = random.Random(7)
    reasons = set()
    for _ in range(2000):
        raw = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 64)))
        got = codec.decode(raw, "calls_channel")
        # Short noise is never an object holding "action" and "id": every message is refused.
        assert isinstance(got, Rejection), f"accepted noise: {raw!r}"
        _deliberate(got, raw, "calls_channel")
        reasons.add(got.reason)
    # Invalid UTF-8 mostly; else not JSON, or JSON that is no object (a bare number).
    assert reasons <= {RejectReason.NOT_UTF8, RejectReason.NOT_JSON, RejectReason.NOT_OBJECT}
    assert RejectReason.NOT_UTF8 in reasons and RejectReason.NOT_JSON in reasons


def test_damaged_envelopes_are_taken_intact_or_refused_with_a_reason(codec: Codec) -> None:
    rng = random.Random(11)
    good = encode(a_call("status_changed", changes={"status": ["new", "in_progress"]})).encode()
    intact = codec.decode(good, "calls_channel")
    assert isinstance(intact, ReceivedEvent) and intact.system is System.CALLSYSTEM and not intact.legacy
    taken = refused = 0
    for _ in range(3000):
        raw = bytearray(good)
        for _ in range(rng.randrange(1, 4)):
            position = rng.randrange(len(raw))
            if rng.random() < 0.7:
                raw[position] = rng.randrange(256)
            else:
                del raw[position]
        damaged = bytes(raw)
        got = codec.decode(damaged, "calls_channel")
        if isinstance(got, Rejection):
            _deliberate(got, damaged, "calls_channel")
            refused += 1
        else:
            # Still a valid message (the damage hit a letter of some text): taken exactly as sent.
            assert isinstance(got, ReceivedEvent)
            assert got.raw == damaged.decode("utf-8")
            assert got.payload == json.loads(got.raw)
            assert got.system is System.CALLSYSTEM
            assert got.event_id == (got.payload["event_id"] if not got.legacy else got.event_id)
            taken += 1
    assert taken > 100 and refused > 1000, (taken, refused)


def test_validate_outgoing_refuses_what_consumers_would_reject() -> None:
    env = a_call()
    env["descricao"] = "x" * MAX_MESSAGE_BYTES
    with pytest.raises(ValueError, match="larger"):
        validate_outgoing(env)
    env = a_call()
    env["cliente"] = "evil\u202e"
    with pytest.raises(ValueError, match="control"):
        validate_outgoing(env)


def test_the_origin_is_read_from_the_envelope_on_either_path(codec: Codec) -> None:
    env = a_call()
    env["origin"] = "5b0f8f46-2f4c-4c1e-a4a4-0c8e2d3b7f10"
    raw = encode(env)
    fast = codec.decode(raw.encode(), "calls_channel")
    strict = codec._decode_slow_result(raw, "calls_channel")
    assert isinstance(fast, ReceivedEvent) and isinstance(strict, ReceivedEvent)
    assert fast.origin == strict.origin == "5b0f8f46-2f4c-4c1e-a4a4-0c8e2d3b7f10"


def test_an_envelope_without_origin_is_still_valid_and_has_none(codec: Codec) -> None:
    got = codec.decode(encode(a_call()).encode(), "calls_channel")
    assert isinstance(got, ReceivedEvent) and got.origin is None


def test_the_older_systems_messages_are_their_own_origin(codec: Codec) -> None:
    got = codec.decode(b'{"action": "created", "id": 1, "cliente": "Ana"}', "calls_channel")
    assert isinstance(got, ReceivedEvent) and got.legacy and got.origin == LEGACY_ORIGIN


@pytest.mark.parametrize("origin", ["", "o" * 65, 7, None, ["a"], {"a": 1}])
def test_an_origin_that_is_not_short_text_is_a_schema_violation(codec: Codec, origin: object) -> None:
    env = a_call()
    env["origin"] = origin
    got = codec.decode(json.dumps(env).encode(), "calls_channel")
    assert isinstance(got, Rejection) and got.reason == RejectReason.SCHEMA_VIOLATION, got
    with pytest.raises(ValueError, match="origin"):
        validate_outgoing(env)


def test_an_origin_with_control_characters_is_refused(codec: Codec) -> None:
    env = a_call()
    env["origin"] = "pc\u202e01"
    got = codec.decode(json.dumps(env).encode(), "calls_channel")
    assert isinstance(got, Rejection) and got.reason == RejectReason.CONTROL_CHARACTERS
