"""Hostile and malformed messages for the consumers, each with the rejection reason the codec
must give it. Also the valid events with hostile-looking but legal content.

Decisions, per kind (see docs/reliability.md):
- HTML (`<img src=x onerror=...>`, `<a href>`, `<b>`) and SQL in an otherwise valid event are
  legal content: stored verbatim and shown as plain text, not rejected.
- 100,000-deep nesting is 200 kB, over the 64 KiB cap: rejected as too_large before parsing;
  deep nesting that fits in the cap (30,000 levels) is rejected as too_deep.
- A 1,000,000-character field and a 10 MB message: too_large (never parsed).
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from integrado.events import Actor, call_event, encode, task_event

CALLS, TASKS = "calls_channel", "tasks"


def _envelope(system: str, **overrides: object) -> dict:
    if system == "callsystem":
        env = call_event(
            "call.created", 7, cliente="Maria", descricao="d", closed=False, data={"id": 7}, actor=Actor("ana", "pc")
        )
    else:
        env = task_event("task.created", 7, title="t", completed=False, data={"id": 7}, actor=Actor("ana", "pc"))
    env.update(seq=1, occurred_at="2026-11-26T01:00:00.000000Z")
    env["event_id"] = str(uuid.uuid4())
    env.update(overrides)
    return env


def _valid_text(system: str, **overrides: object) -> str:
    return encode(_envelope(system, **overrides))


@dataclass(frozen=True)
class HostileKind:
    name: str
    reason: str
    # Makes the message for a channel; called at publish time so the big ones never pile up.
    make: Callable[[str], bytes]
    # How many of each 10,000 (the huge ones are few: each costs megabytes on the wire).
    weight: int


def _system_for(channel: str) -> str:
    return "callsystem" if channel == CALLS else "taskmanager"


def _other_system(channel: str) -> str:
    return "taskmanager" if channel == CALLS else "callsystem"


KINDS: list[HostileKind] = [
    HostileKind("invalid UTF-8 (0xff)", "not_utf8", lambda ch: b'{"action":"created","id":1,"x":"\xff\xfe"}', 1000),
    HostileKind(
        "invalid UTF-8 (truncated sequence)",
        "not_utf8",
        lambda ch: _valid_text(_system_for(ch)).encode()[:-3] + b"\xe2\x82",
        500,
    ),
    HostileKind(
        "invalid UTF-8 (encoded surrogate)", "not_utf8", lambda ch: b'{"action":"created","id":"\xed\xa0\x80"}', 400
    ),
    HostileKind("invalid UTF-8 (overlong)", "not_utf8", lambda ch: b'{"action":"\xc0\xaf","id":1}', 400),
    HostileKind("non-JSON text", "not_json", lambda ch: b"{not json at all", 800),
    HostileKind("empty message", "not_json", lambda ch: b"", 200),
    HostileKind(
        "JSON with trailing garbage", "not_json", lambda ch: _valid_text(_system_for(ch)).encode() + b"<script>", 300
    ),
    HostileKind("single-quoted pseudo JSON", "not_json", lambda ch: b"{'action': 'created', 'id': 1}", 300),
    HostileKind("5,000-digit integer", "not_json", lambda ch: b'{"action":"created","id":' + b"9" * 5000 + b"}", 200),
    HostileKind(
        "10 MB message", "too_large", lambda ch: b'{"action":"created","id":1,"x":"' + b"A" * 10_000_000 + b'"}', 3
    ),
    HostileKind(
        "1,000,000-character field",
        "too_large",
        lambda ch: _valid_text(_system_for(ch), cliente="é" * 1_000_000).encode(),
        4,
    ),
    HostileKind("100,000-deep nesting", "too_large", lambda ch: b"[" * 100_000 + b"]" * 100_000, 5),
    HostileKind("30,000-deep nesting (fits the size cap)", "too_deep", lambda ch: b"[" * 30_000 + b"]" * 30_000, 20),
    HostileKind("NaN", "non_finite_number", lambda ch: b'{"action":"created","id":1,"x":NaN}', 600),
    HostileKind(
        "Infinity in an envelope",
        "non_finite_number",
        lambda ch: _valid_text(_system_for(ch)).replace('"seq":1', '"seq":-Infinity').encode(),
        300,
    ),
    HostileKind(
        "number overflowing to infinity (1e999)",
        "non_finite_number",
        lambda ch: _valid_text(_system_for(ch), data={"x": 1}).replace('"x":1', '"x":1e999').encode(),
        100,
    ),
    HostileKind(
        "escaped lone surrogate",
        "control_characters",
        lambda ch: _valid_text(_system_for(ch), cliente="SURROGATE").replace("SURROGATE", "\\ud800").encode(),
        100,
    ),
    HostileKind("duplicate keys", "duplicate_key", lambda ch: b'{"action":"created","id":1,"id":2}', 400),
    HostileKind(
        "duplicate event_id key",
        "duplicate_key",
        lambda ch: _valid_text(_system_for(ch)).replace('{"system"', '{"event_id":"x","system"', 1).encode(),
        300,
    ),
    HostileKind("JSON array", "not_object", lambda ch: b"[1,2,3]", 468),
    HostileKind("JSON string", "not_object", lambda ch: b'"<script>alert(1)</script>"', 200),
    HostileKind("JSON null", "not_object", lambda ch: b"null", 100),
    HostileKind(
        "unknown type",
        "schema_violation",
        lambda ch: _valid_text(_system_for(ch), type="call.exploded" if ch == CALLS else "task.exploded").encode(),
        500,
    ),
    HostileKind(
        "type of the other app",
        "schema_violation",
        lambda ch: _valid_text(_system_for(ch), type="task.created" if ch == CALLS else "call.created").encode(),
        200,
    ),
    HostileKind(
        "malformed event_id",
        "schema_violation",
        lambda ch: _valid_text(_system_for(ch), event_id="'; DROP TABLE events; --").encode(),
        200,
    ),
    HostileKind("legacy message without id", "schema_violation", lambda ch: b'{"action":"created"}', 300),
    HostileKind(
        "unknown schema version",
        "unknown_schema_version",
        lambda ch: _valid_text(_system_for(ch), schema=2).encode(),
        400,
    ),
    HostileKind(
        "schema version as a string",
        "unknown_schema_version",
        lambda ch: _valid_text(_system_for(ch), schema="1").encode(),
        100,
    ),
    HostileKind(
        "system of the other app (envelope)", "wrong_channel", lambda ch: _valid_text(_other_system(ch)).encode(), 400
    ),
    HostileKind(
        "system of the other app (legacy)",
        "wrong_channel",
        lambda ch: json.dumps({"system": _other_system(ch), "action": "created", "id": 1}).encode(),
        200,
    ),
    HostileKind(
        "bidi override (raw)",
        "control_characters",
        lambda ch: _valid_text(_system_for(ch), cliente="invoice\u202egpj.exe").encode(),
        300,
    ),
    HostileKind(
        "bidi isolate (escaped)",
        "control_characters",
        lambda ch: _valid_text(_system_for(ch)).replace('"ana"', '"an\\u2066a"').encode(),
        200,
    ),
    HostileKind(
        "control characters (raw)",
        "control_characters",
        lambda ch: _valid_text(_system_for(ch), descricao="bell\x07\x1b[31mred").encode(),
        300,
    ),
    HostileKind(
        "NUL (escaped)", "control_characters", lambda ch: b'{"action":"created","id":1,"title":"a\\u0000b"}', 200
    ),
]

HOSTILE_TOTAL = 10_000
assert sum(k.weight for k in KINDS) == HOSTILE_TOTAL, sum(k.weight for k in KINDS)

HUGE = {"10 MB message", "1,000,000-character field", "100,000-deep nesting"}

# Legal content that looks hostile: stored and shown verbatim, as plain text.
VALID_TEXTS = [
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">clique</a>',
    "<b>negrito</b> & <i>itálico</i>",
    "Robert'); DROP TABLE calls;--",
    "Zoë 👩‍💻 São Paulo — ação",
    "line one\nline two\ttabbed",
]


def expected_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind in KINDS:
        counts[kind.reason] = counts.get(kind.reason, 0) + kind.weight
    return counts


def hostile_schedule() -> Iterator[tuple[HostileKind, str]]:
    """10,000 (kind, channel) pairs, kinds spread evenly, channels alternating."""
    pool = [kind for kind in KINDS for _ in range(kind.weight)]
    # A fixed stride permutation spreads each kind over the run without randomness.
    stride = 7919  # prime, coprime with 10,000
    channels = itertools.cycle((CALLS, TASKS))
    for i in range(HOSTILE_TOTAL):
        yield pool[(i * stride) % HOSTILE_TOTAL], next(channels)
