"""The codec's fast path (orjson, canonical input only) against its strict path, input by input.

`Codec.decode` must give what `Codec._decode_slow_result` (the standard library's decoder with
hooks, the reference) gives for every input: the same ReceivedEvent field by field (the payload
compared by repr, so key order, 1 vs 1.0 vs True and -0.0 count), or the same Rejection reason,
detail, size and preview. The corpus: generated envelopes (demo traffic, odd values, schema
mutations), the hostile corpus of the security tests, and cases aimed at each claim
`_canonical_object` makes. Each test also checks that the fast path really ran where expected,
so a fast path that silently always fell back could not pass.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import itertools
import json
import random
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import orjson
import pytest

from helpers.demo.console import DemoTraffic
from helpers.hostile_corpus import KINDS, VALID_TEXTS, _envelope
from integrado.events import Actor, Codec, ReceivedEvent, Rejection, call_event, encode, task_event
from integrado.events.codec import MAX_MESSAGE_BYTES, _canonical_object

CHANNELS = {"calls_channel": "callsystem", "tasks": "taskmanager"}
# "elsewhere" expects no system, so wrong_channel never applies there.
CHANNEL_NAMES = ("calls_channel", "tasks", "elsewhere")
SYSTEM_CHANNEL = {"callsystem": "calls_channel", "taskmanager": "tasks"}
T0 = "2026-11-26T01:02:03.123456Z"


class CountingCodec(Codec):
    """A Codec that records which path `decode` took: "strict" (the slow path parsed it),
    "canonical" (the fast parse, then `_accept` decided) or "fast" (neither was called)."""

    def __init__(self) -> None:
        super().__init__(CHANNELS)
        self.calls: Counter[str] = Counter()

    def _decode_slow(self, raw: bytes | str, channel: str) -> ReceivedEvent:
        self.calls["slow"] += 1
        return super()._decode_slow(raw, channel)

    def _accept(self, obj: dict[str, Any], text: str, channel: str) -> ReceivedEvent:
        self.calls["accept"] += 1
        return super()._accept(obj, text, channel)

    def path_of(self, raw: bytes | str, channel: str) -> tuple[ReceivedEvent | Rejection, str]:
        self.calls.clear()
        result = self.decode(raw, channel)
        path = "strict" if self.calls["slow"] else "canonical" if self.calls["accept"] else "fast"
        return result, path


def outcome(result: ReceivedEvent | Rejection) -> tuple[Any, ...]:
    if isinstance(result, Rejection):
        return ("rejected", result.reason, result.detail, result.channel, result.size, result.preview)
    fields = {f.name: getattr(result, f.name) for f in dataclasses.fields(result) if f.name != "received_at"}
    if result.legacy:
        uuid.UUID(fields.pop("event_id"))  # a fresh id at every decode, on either path
    fields["payload"] = repr(fields["payload"])
    fields["raw_type"] = type(result.raw)
    return ("event", fields)


def differential(inputs: Iterable[bytes | str], channels: Iterable[str] = CHANNEL_NAMES) -> Counter[str]:
    """Decode every input on every channel by both paths; count the paths decode took."""
    codec = CountingCodec()
    paths: Counter[str] = Counter()
    channels = tuple(channels)
    for raw in inputs:
        for channel in channels:
            fast, path = codec.path_of(raw, channel)
            slow = codec._decode_slow_result(raw, channel)
            assert outcome(fast) == outcome(slow), (path, channel, raw[:300])
            paths[path] += 1
            paths[f"{path}:{'accepted' if isinstance(fast, ReceivedEvent) else 'rejected'}"] += 1
    return paths


def both_forms(envelopes: Iterable[dict]) -> Iterator[bytes | str]:
    """Each envelope as the producers write it (bytes and text), and as orjson writes it."""
    for env in envelopes:
        text = encode(env)
        yield text.encode()
        yield text
        try:
            yield orjson.dumps(env)
        except TypeError:  # an int over 64 bits
            pass


def _stamped(env: dict, seq: int = 1) -> dict:
    env["seq"], env["occurred_at"] = seq, T0
    return env


def a_call(**kw: Any) -> dict:
    args: dict[str, Any] = {
        "cliente": "Maria",
        "descricao": "d",
        "closed": False,
        "data": {"id": 7},
        "actor": Actor("ana", "pc"),
    }
    args.update(kw)
    return _stamped(call_event("call.created", 7, **args))


def a_task(**kw: Any) -> dict:
    args: dict[str, Any] = {"title": "t", "completed": False, "data": {"id": 7}, "actor": Actor("ana", "pc")}
    args.update(kw)
    return _stamped(task_event("task.created", 7, **args))


# -- generated valid envelopes -------------------------------------------------------------------


def test_demo_traffic_takes_the_fast_path_with_the_strict_outcome() -> None:
    traffic = DemoTraffic(seed=3)
    envelopes = [traffic.envelope() for _ in range(1500)]
    paths = differential(both_forms(envelopes))
    # Every demo event as encode() writes it is canonical: on its own channel it takes the fast
    # path, on the other system's channel _accept rejects it (wrong_channel).
    assert paths["fast:accepted"] == 1500 * 3 * 2, paths
    assert paths["canonical:rejected"] == 1500 * 3, paths
    assert paths["strict"] == 0, paths


def test_the_producers_wire_form_is_what_the_fast_path_takes() -> None:
    """encode() and orjson write the same bytes for what producers send (no float with a
    negative exponent below -4, where json writes 1e-05 and orjson 0.00001)."""
    traffic = DemoTraffic(seed=11)
    for _ in range(500):
        env = traffic.envelope()
        wire = encode(env).encode()
        assert wire == orjson.dumps(env)
        assert _canonical_object(wire) == env


ODD_TEXTS = [
    *VALID_TEXTS,
    "",
    "Zoë 👩‍💻 São Paulo — ação «citação» nº 1º ª",
    "emoji 😀🇧🇷 and a CJK 漢字 and combining é",
    'quotes " and backslashes \\ and a slash / and </script>',
    "C:\\u0007 is a path, not a bell",
    "line\nbreak\ttab\rcarriage",
    "bell\x07",
    "escape\x1b[31m",
    "nul\x00",
    "backspace\x08 and form feed\x0c",
    "delete\x7f",
    "next line\x85",
    "C1\x9f",
    "nbsp\xa0",
    "zero width\u200b joiner\u200d",
    "line separator\u2028 paragraph\u2029",
    "bidi\u202a",
    "bidi\u202e",
    "bidi\u2066",
    "bidi\u2069",
    "not bidi\u2065 nor\u206a",
    "near bidi\u2029\u202f",
    "bom\ufeff",
    "noncharacter\uffff",
    "astral \U0010ffff",
    "x" * 200,
    "y" * 201,
]

ODD_NUMBERS: list[Any] = [
    0,
    -1,
    1,
    0.1,
    0.5,
    1.0,
    -0.0,
    0.0,
    1e16,
    1e15,
    123456789.123,
    1e-7,
    2.5e-05,
    0.0001,
    1e-4,
    1.5e300,
    1e308,
    5e-324,
    2.2250738585072014e-308,
    2**53,
    2**53 + 1,
    2**63 - 1,
    2**63,
    2**64 - 1,
    2**64,
    -(2**63),
    -(2**63) - 1,
    10**30,
    -(10**30),
    True,
    False,
    None,
]


def odd_envelopes() -> Iterator[dict]:
    for text in ODD_TEXTS:
        yield a_call(cliente=text, descricao=text, data={"id": 7, "note": text, text: 1})
        yield a_task(title=text, data={"id": 7, "path": [text, text]}, actor=Actor(text, "pc"))
        yield a_call(actor=Actor("ana", text))
    for number in ODD_NUMBERS:
        yield a_call(data={"id": 7, "value": number, "values": [number, {"n": number}]})
        yield a_task(data={"id": 7, "progress": [number, number]}, changes={"x": [number, number]})
        env = a_call()
        env["id"] = number
        yield env
        env = a_task()
        env["seq"] = number
        yield env
    nested: Any = {"leaf": [1, 2.5, "three", None, True]}
    for depth in range(40):
        nested = {"level": depth, "child": nested, "list": [nested] if depth % 10 == 0 else []}
        yield a_call(data={"id": 7, "tree": nested})


def test_odd_values_give_the_same_outcome() -> None:
    paths = differential(both_forms(odd_envelopes()))
    assert paths["fast:accepted"] > 300, paths
    assert paths["canonical:rejected"] > 100, paths  # control characters, too-long user, ...
    assert paths["strict"] > 50, paths  # floats json writes differently, ints over 64 bits


def test_keys_in_any_order_give_the_same_outcome() -> None:
    rng = random.Random(5)
    envelopes = []
    for env in itertools.chain.from_iterable((a_call(), a_task()) for _ in range(100)):
        items = list(env.items())
        rng.shuffle(items)
        envelopes.append(dict(items))
    paths = differential(both_forms(envelopes))
    assert paths["fast:accepted"] == 200 * 3 * 2, paths


# -- schema mutations: _valid_envelope against _accept -------------------------------------------

VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    2,
    1.0,
    1.5,
    "",
    "x",
    "1",
    "call.created",
    "task.created",
    "task.completed",
    "call.exploded",
    "callsystem",
    "taskmanager",
    "pendente",
    "concluida",
    "aberta",
    [],
    [1],
    [1, 2],
    [1, 2, 3],
    {},
    {"user": "a", "host": "b"},
    {"user": "a"},
    {"host": "b"},
    {"user": 1, "host": "b"},
    {"user": "a", "host": None},
    {"user": "u" * 200, "host": "h" * 255},
    {"user": "u" * 201, "host": "b"},
    {"user": "a", "host": "h" * 256},
    {"status": ["a", "b"]},
    {"status": ["a", "b"], "x": ["c"]},
    {"status": "a"},
    {"status": [1]},
    "a" * 64,
    "a" * 65,
]

IDS = [
    "0b6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c21",
    "0B6F3C7E-1C1E-4F0E-B0F4-1A1F5F7D9C21",
    "0b6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c2",
    "0b6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c211",
    "0b6f3c7e1c1e-4f0e-b0f4-1a1f5f7d9c21-",
    "xb6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c21",
    "gb6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c21",
    "0b6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c2 ",
    "0b6f3c7e 1c1e-4f0e-b0f4-1a1f5f7d9c21",
    "0b6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c21\n",
    "0b6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c2٣",
    "0b6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c2\uff11",
    "0b6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c21 0b6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c21",
    "",
]

TIMES = [
    T0,
    "2026-11-26T01:02:03.123456+00:00",
    "2026-11-26T01:02:03.123456+01:00",
    "2026-11-26T01:02:03.123456+0000",
    "2026-11-26T01:02:03.123456-00:00",
    "2026-11-26T01:02:03Z",
    "2026-11-26T01:02:03.12345Z",
    "2026-11-26T01:02:03.1234567Z",
    "2026-11-26 01:02:03.123456Z",
    "2026-11-26t01:02:03.123456Z",
    "2026-11-26T01:02:03.123456z",
    "2026-11-26T01:02:03.123456Z ",
    "2026-11-26T01:02:03.12345dZ",
    "2026-11-26T01:02:03.12345xZ",
    "2026-11-26T01:02:03.12345٣Z",
    "2026-11-26T01:02:03,123456Z",
    "9999-99-99T99:99:99.999999Z",
]


def mutated_envelopes() -> Iterator[dict]:
    bases = [
        a_call(),
        a_call(changes={"status": ["new", "in_progress"]}),
        a_task(),
        a_task(completed=True, changes={"completed": [False, True]}),
    ]
    bases[1]["type"] = "call.status_changed"
    bases[3]["type"] = "task.completed"
    # The optional origin: present on half of them, as the outbox stamps it.
    bases[1]["origin"] = bases[2]["origin"] = "5b0f8f46-2f4c-4c1e-a4a4-0c8e2d3b7f10"
    for env in bases:
        yield env
        keys = [*env, "changes", "cliente", "descricao", "title", "status", "completed", "origin"]
        for key in dict.fromkeys(keys):
            if key in env:
                broken = copy.deepcopy(env)
                del broken[key]
                yield broken
            for value in VALUES:
                changed = copy.deepcopy(env)
                changed[key] = value
                yield changed
        for member, value in itertools.product(("user", "host"), VALUES):
            changed = copy.deepcopy(env)
            changed["actor"][member] = value
            yield changed
        for key, value in itertools.chain(
            itertools.product(("event_id", "correlation_id"), IDS), (("occurred_at", t) for t in TIMES)
        ):
            changed = copy.deepcopy(env)
            changed[key] = value
            yield changed


def test_schema_mutations_give_the_same_outcome() -> None:
    envelopes = list(mutated_envelopes())
    assert len(envelopes) > 1500
    paths = differential(orjson.dumps(env) for env in envelopes)
    # Canonical bytes all: _valid_envelope saw every one, and either built the event or left
    # it to _accept, which rejected it or (a legacy-looking message, schema 1.0) decided.
    assert paths["strict"] == 0, paths
    assert paths["fast:accepted"] > 300, paths
    assert paths["canonical:rejected"] > 3000, paths
    assert paths["fast:rejected"] == 0, paths


# -- the hostile corpus and aimed cases ----------------------------------------------------------


def test_the_hostile_corpus_gives_the_same_outcome() -> None:
    inputs: list[bytes | str] = []
    for kind, channel in itertools.product(KINDS, ("calls_channel", "tasks")):
        raw = kind.make(channel)
        inputs += [raw] if len(raw) > 10 * MAX_MESSAGE_BYTES else [raw, raw.decode("utf-8", "surrogateescape")]
    paths = differential(inputs)
    assert paths["strict"] > paths["canonical"] > 0, paths


def _valid(**overrides: Any) -> bytes:
    return encode(_envelope("callsystem", **overrides)).encode()


def _swap(raw: bytes, old: bytes, new: bytes) -> bytes:
    assert old in raw, (old, raw)
    return raw.replace(old, new, 1)


GOOD = _valid(cliente="CLIENTE", data={"id": 7, "note": "NOTE", "n": 1})

AIMED: dict[str, bytes | str] = {
    "valid": GOOD,
    "valid as text": GOOD.decode(),
    # duplicate keys
    "duplicate top-level key": _swap(GOOD, b'{"system"', b'{"cliente":"x","system"'),
    "duplicate top-level key, same value": _swap(GOOD, b'{"system":"callsystem"', b'{"system":"callsystem"' * 2),
    "duplicate nested key": _swap(GOOD, b'"note":"NOTE"', b'"note":"NOTE","note":"NOTE"'),
    "duplicate key in actor": _swap(GOOD, b'"user":"ana"', b'"user":"ana","user":"ana"'),
    "duplicate empty key": _swap(GOOD, b'"n":1', b'"":1,"":1'),
    "duplicate key in a legacy message": b'{"action":"created","id":1,"id":1}',
    # non-finite and odd numbers
    "NaN": _swap(GOOD, b'"n":1', b'"n":NaN'),
    "Infinity": _swap(GOOD, b'"n":1', b'"n":Infinity'),
    "-Infinity": _swap(GOOD, b'"n":1', b'"n":-Infinity'),
    "1e999": _swap(GOOD, b'"n":1', b'"n":1e999'),
    "-1e999": _swap(GOOD, b'"n":1', b'"n":-1e999'),
    "1e-999 (underflows to 0.0)": _swap(GOOD, b'"n":1', b'"n":1e-999'),
    "-0": _swap(GOOD, b'"n":1', b'"n":-0'),
    "-0.0": _swap(GOOD, b'"n":1', b'"n":-0.0'),
    "1E5": _swap(GOOD, b'"n":1', b'"n":1E5'),
    "1.0e+16": _swap(GOOD, b'"n":1', b'"n":1e+16'),
    "1e16": _swap(GOOD, b'"n":1', b'"n":1e16'),
    "01": _swap(GOOD, b'"n":1', b'"n":01'),
    "1.": _swap(GOOD, b'"n":1', b'"n":1.'),
    ".5": _swap(GOOD, b'"n":1', b'"n":.5'),
    "+1": _swap(GOOD, b'"n":1', b'"n":+1'),
    "2**64 - 1": _swap(GOOD, b'"n":1', b'"n":18446744073709551615'),
    "2**64": _swap(GOOD, b'"n":1', b'"n":18446744073709551616'),
    "-(2**63) - 1": _swap(GOOD, b'"n":1', b'"n":-9223372036854775809'),
    "seq 2**64": _swap(GOOD, b'"seq":1', b'"seq":18446744073709551616'),
    "seq 2**63 - 1": _swap(GOOD, b'"seq":1', b'"seq":9223372036854775807'),
    "seq 2**63": _swap(GOOD, b'"seq":1', b'"seq":9223372036854775808'),
    "seq 2**64 - 1": _swap(GOOD, b'"seq":1', b'"seq":18446744073709551615'),
    "id 2**63 - 1": _swap(GOOD, b'"id":7,"schema"', b'"id":9223372036854775807,"schema"'),
    "id 2**63": _swap(GOOD, b'"id":7,"schema"', b'"id":9223372036854775808,"schema"'),
    "id -(2**63)": _swap(GOOD, b'"id":7,"schema"', b'"id":-9223372036854775808,"schema"'),
    "id -(2**63) - 1": _swap(GOOD, b'"id":7,"schema"', b'"id":-9223372036854775809,"schema"'),
    "legacy id 2**63": b'{"action":"created","id":9223372036854775808}',
    "seq 1.0": _swap(GOOD, b'"seq":1', b'"seq":1.0'),
    "schema 1.0": _swap(GOOD, b'"schema":1', b'"schema":1.0'),
    "schema true": _swap(GOOD, b'"schema":1', b'"schema":true'),
    "id 1e2": _swap(GOOD, b'"id":7,"schema"', b'"id":1e2,"schema"'),
    "long float": _swap(GOOD, b'"n":1', b'"n":0.1000000000000000055511151231257827'),
    # escapes and control characters
    "escaped C0": _swap(GOOD, b"CLIENTE", b"a\\u0007b"),
    "escaped NUL": _swap(GOOD, b"CLIENTE", b"a\\u0000b"),
    "escaped tab as \\u0009": _swap(GOOD, b"CLIENTE", b"a\\u0009b"),
    "escaped newline as \\u000a": _swap(GOOD, b"CLIENTE", b"a\\u000ab"),
    "escaped newline": _swap(GOOD, b"CLIENTE", b"a\\nb"),
    "escaped tab, carriage return": _swap(GOOD, b"CLIENTE", b"a\\tb\\rc"),
    "escaped backspace": _swap(GOOD, b"CLIENTE", b"a\\bb"),
    "escaped form feed": _swap(GOOD, b"CLIENTE", b"a\\fb"),
    "escaped quote and backslash": _swap(GOOD, b"CLIENTE", b'a\\"b\\\\c'),
    "escaped backslash then u0007": _swap(GOOD, b"CLIENTE", b"C:\\\\u0007"),
    "escaped slash": _swap(GOOD, b"CLIENTE", b"a\\/b"),
    "escaped letter": _swap(GOOD, b"CLIENTE", b"\\u0041"),
    "escaped DEL": _swap(GOOD, b"CLIENTE", b"a\\u007fb"),
    "escaped C1": _swap(GOOD, b"CLIENTE", b"a\\u0085b"),
    "escaped bidi": _swap(GOOD, b"CLIENTE", b"a\\u202Eb"),
    "escaped isolate": _swap(GOOD, b"CLIENTE", b"a\\u2068b"),
    "escaped lone high surrogate": _swap(GOOD, b"CLIENTE", b"a\\ud800b"),
    "escaped lone low surrogate": _swap(GOOD, b"CLIENTE", b"a\\udc00b"),
    "escaped reversed surrogates": _swap(GOOD, b"CLIENTE", b"\\udc00\\ud800"),
    "escaped surrogate pair": _swap(GOOD, b"CLIENTE", b"\\ud83d\\ude00"),
    "escaped surrogate pair, upper case": _swap(GOOD, b"CLIENTE", b"\\uD83D\\uDE00"),
    "escaped surrogate pair in a key": _swap(GOOD, b'"n":1', b'"\\ud83d\\ude00":1'),
    "escaped bidi in a key": _swap(GOOD, b'"n":1', b'"\\u202e":1'),
    "raw C0": _swap(GOOD, b"CLIENTE", b"a\x07b"),
    "raw NUL": _swap(GOOD, b"CLIENTE", b"a\x00b"),
    "raw tab": _swap(GOOD, b"CLIENTE", b"a\tb"),
    "raw newline": _swap(GOOD, b"CLIENTE", b"a\nb"),
    "raw DEL": _swap(GOOD, b"CLIENTE", b"a\x7fb"),
    "raw C1": _swap(GOOD, b"CLIENTE", "a\x85b".encode()),
    "raw C1 last": _swap(GOOD, b"CLIENTE", "a\x9fb".encode()),
    "raw nbsp (not C1)": _swap(GOOD, b"CLIENTE", "a\xa0b".encode()),
    "raw bidi": _swap(GOOD, b"CLIENTE", "a\u202eb".encode()),
    "raw bidi first": _swap(GOOD, b"CLIENTE", "a\u202ab".encode()),
    "raw isolate": _swap(GOOD, b"CLIENTE", "a\u2066b".encode()),
    "raw isolate last": _swap(GOOD, b"CLIENTE", "a\u2069b".encode()),
    "raw em dash (not bidi)": _swap(GOOD, b"CLIENTE", "a\u2014b\u2065\u206a\u2029".encode()),
    "raw bidi in a key": _swap(GOOD, b'"n":1', '"\u202e":1'.encode()),
    "raw C1 in actor": _swap(GOOD, b'"user":"ana"', '"user":"a\x85"'.encode()),
    "raw encoded surrogate": _swap(GOOD, b"CLIENTE", b"a\xed\xa0\x80b"),
    "text with a lone surrogate": GOOD.decode().replace("CLIENTE", "a\ud800b"),
    "text with a C1 control": GOOD.decode().replace("CLIENTE", "a\x85b"),
    # invalid UTF-8
    "invalid UTF-8": _swap(GOOD, b"CLIENTE", b"a\xffb"),
    "overlong UTF-8": _swap(GOOD, b"CLIENTE", b"a\xc0\xafb"),
    "truncated UTF-8": GOOD[:-3] + b"\xe2\x82",
    "UTF-8 BOM first": b"\xef\xbb\xbf" + GOOD,
    # whitespace and layout
    "leading space": b" " + GOOD,
    "trailing newline": GOOD + b"\n",
    "trailing spaces and CRLF": GOOD + b"  \r\n",
    "pretty printed": json.dumps(json.loads(GOOD), indent=2, ensure_ascii=False).encode(),
    "default separators": json.dumps(json.loads(GOOD), ensure_ascii=False).encode(),
    "ASCII escapes": json.dumps(json.loads(GOOD)).encode(),
    "space after a colon": _swap(GOOD, b'"n":1', b'"n": 1'),
    "tab between members": _swap(GOOD, b'"n":1', b'"n":1\t'),
    "trailing comma": _swap(GOOD, b'"n":1', b'"n":1,'),
    "trailing garbage": GOOD + b"x",
    "two objects": GOOD + GOOD,
    # not an object
    "array": b"[1,2,3]",
    "string": b'"x"',
    "number": b"1",
    "null": b"null",
    "true": b"true",
    "empty object": b"{}",
    "empty": b"",
    "whitespace only": b"  ",
    "array of envelopes": b"[" + GOOD + b"]",
    # legacy messages
    "legacy": b'{"action":"created","id":1}',
    "legacy with a system": b'{"system":"callsystem","action":"created","id":1,"cliente":"x"}',
    "legacy of the other system": b'{"system":"taskmanager","action":"created","id":1}',
    "legacy with spaces": b'{"action": "created", "id": 1}',
    "legacy without id": b'{"action":"created"}',
    "legacy with a float id": b'{"action":"created","id":1.0}',
    "event_id only": b'{"event_id":"x"}',
    # size
    "at the size cap": _swap(GOOD, b"CLIENTE", b"x" * (MAX_MESSAGE_BYTES - len(GOOD) + 7)),
    "one byte over the cap": _swap(GOOD, b"CLIENTE", b"x" * (MAX_MESSAGE_BYTES - len(GOOD) + 8)),
    "text at the cap in characters, over it in bytes": GOOD.decode().replace(
        "CLIENTE", "é" * (MAX_MESSAGE_BYTES - len(GOOD) + 7)
    ),
    "text one character over the cap": GOOD.decode().replace("CLIENTE", "é" * (MAX_MESSAGE_BYTES - len(GOOD) + 8)),
    "text over the cap, with a lone surrogate": GOOD.decode().replace("CLIENTE", "\ud800" * MAX_MESSAGE_BYTES),
    # nesting
    "10,000 levels of lists": b"[" * 10_000 + b"]" * 10_000,
    "10,000 levels of objects": b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    "10,000 levels in data": _swap(GOOD, b'"n":1', b'"n":' + b"[" * 10_000 + b"]" * 10_000),
    "252 levels in data (254 in all)": _swap(GOOD, b'"n":1', b'"n":' + b"[" * 252 + b"]" * 252),
    "253 levels in data (255 in all)": _swap(GOOD, b'"n":1', b'"n":' + b"[" * 253 + b"]" * 253),
    "1,023 levels": b'{"a":' + b"[" * 1022 + b"]" * 1022 + b"}",
    "1,025 levels": b'{"a":' + b"[" * 1024 + b"]" * 1024 + b"}",
}


@pytest.mark.parametrize("name", AIMED)
def test_aimed_case_gives_the_same_outcome(name: str) -> None:
    differential([AIMED[name]])


def test_the_aimed_cases_reach_every_path() -> None:
    paths = differential(AIMED.values())
    assert paths["fast:accepted"] >= 10 and paths["canonical:rejected"] >= 5 and paths["strict"] >= 100, paths


def test_the_outcome_does_not_depend_on_a_deep_caller_stack() -> None:
    """The strict decoder's depth limit (~1,500 nested C calls on 3.12) shrinks when its caller
    is deep in C calls already; the fast path takes at most 254 levels, and the strict decoder
    still parses those from deep down."""
    deepest = AIMED["252 levels in data (254 in all)"]

    def at_depth(n: int) -> Counter[str]:
        if n == 0:
            return differential([deepest], ["calls_channel"])
        # reduce() calls back through C, so each level holds C stack (as a GUI event loop's
        # callbacks do).
        return functools.reduce(lambda _, m: at_depth(m), [n - 1], Counter())

    assert at_depth(250)["fast:accepted"] == 1


# -- the claims themselves -----------------------------------------------------------------------


def test_orjson_escapes_every_control_character_below_0x20() -> None:
    for code in range(0x20):
        dumped = orjson.dumps(chr(code))
        assert not any(byte < 0x20 for byte in dumped), dumped
        assert dumped.startswith(b'"\\'), dumped  # \u00XX or a short escape: a backslash


def test_orjson_refuses_to_write_more_than_254_levels() -> None:
    orjson.dumps(orjson.loads(b"[" * 254 + b"]" * 254))
    with pytest.raises(TypeError):
        orjson.dumps(orjson.loads(b"[" * 255 + b"]" * 255))


def test_the_fast_path_skips_the_strict_one_for_a_normal_event(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: Counter[str] = Counter()
    real_slow, real_accept = Codec._decode_slow, Codec._accept

    def slow(self: Codec, raw: bytes | str, channel: str) -> ReceivedEvent:
        calls["slow"] += 1
        return real_slow(self, raw, channel)

    def accept(self: Codec, obj: dict[str, Any], text: str, channel: str) -> ReceivedEvent:
        calls["accept"] += 1
        return real_accept(self, obj, text, channel)

    monkeypatch.setattr(Codec, "_decode_slow", slow)
    monkeypatch.setattr(Codec, "_accept", accept)
    codec = Codec(CHANNELS)
    env = DemoTraffic(seed=1).envelope()
    wire = encode(env)
    channel = SYSTEM_CHANNEL[env["system"]]
    for raw in (wire.encode(), wire):
        got = codec.decode(raw, channel)
        assert isinstance(got, ReceivedEvent) and got.payload == env and got.raw == wire
    assert calls == Counter()
    # The counters are live: the same event pretty-printed goes the strict way.
    got = codec.decode(json.dumps(env, indent=1).encode(), channel)
    assert isinstance(got, ReceivedEvent) and calls == Counter(slow=1, accept=1)


@pytest.mark.parametrize("escape", [b"\\b", b"\\f"])
def test_escaped_backspace_and_form_feed_are_control_characters(escape: bytes) -> None:
    """Both are C0 controls (rejected raw or as \\u0008 / \\u000c); their short escapes too,
    while an escaped backslash followed by the letter is plain text."""
    codec = Codec(CHANNELS)
    result = codec.decode(_swap(GOOD, b"CLIENTE", b"a" + escape + b"b"), "calls_channel")
    assert isinstance(result, Rejection) and result.reason == "control_characters"
    plain = codec.decode(_swap(GOOD, b"CLIENTE", b"a\\\\" + escape[1:] + b"b"), "calls_channel")
    assert isinstance(plain, ReceivedEvent), plain
