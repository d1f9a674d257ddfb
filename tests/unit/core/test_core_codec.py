"""The codec: round trips of every event type, and every rejection reason with its count."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from integrado.events import Actor, Codec, RejectReason, call_event, encode, task_event, validate_outgoing
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


def test_decode_never_raises_on_arbitrary_bytes(codec: Codec) -> None:
    import random

    rng = random.Random(7)
    for _ in range(2000):
        raw = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 64)))
        codec.decode(raw, "calls_channel")  # must not raise


def test_validate_outgoing_refuses_what_consumers_would_reject() -> None:
    env = a_call()
    env["descricao"] = "x" * MAX_MESSAGE_BYTES
    with pytest.raises(ValueError, match="larger"):
        validate_outgoing(env)
    env = a_call()
    env["cliente"] = "evil\u202e"
    with pytest.raises(ValueError, match="control"):
        validate_outgoing(env)
