"""Strict decoding and encoding of Integrado events.

Everything that arrives from Redis is hostile until validated. `decode()` never raises into its
caller: it returns either a `ReceivedEvent` or a `Rejection` with a machine-readable reason and a
short human-readable detail. The JSON Schema in `resources/schema/event-v1.schema.json` is the
written contract; the intake path checks the same rules written out in `_check_envelope`
(a parity test compares both), so validation costs microseconds.

Two paths, one outcome. The strict path (`Codec._decode_slow`: the standard library's decoder
with hooks, then `_accept`) is the reference and decides every rejection. The fast path takes a
message only when orjson's reading of it provably equals the strict one (`_canonical_object`)
and it is a valid envelope for its channel (`Codec._valid_envelope`); anything else goes the
strict way. tests/unit/core/test_core_codec_fastpath.py runs both on a large corpus.
"""

from __future__ import annotations

import enum
import json
import math
import operator
import re
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import fastjsonschema
import orjson

from integrado.events.origin import LEGACY_ORIGIN, MAX_ORIGIN_LENGTH
from integrado.events.system import PUBLISHING_SYSTEMS, System
from integrado.events.text import FORBIDDEN_CHARS as _FORBIDDEN_CHARS
from integrado.resources import resource_path

MAX_MESSAGE_BYTES = 64 * 1024
SCHEMA_VERSION = 1
# Whole numbers the history stores (seq, an integer id) fit a signed 64-bit column (BIGINT):
# a value past these would make every store of the batch that holds it fail.
MIN_INT64 = -(2**63)
MAX_INT64 = 2**63 - 1
# The history's `type` column; a legacy message's type is derived from its `action`, which
# lower-cases to more characters than it has in a few scripts ("İ" becomes "i̇").
MAX_EVENT_TYPE_LENGTH = 64

SYSTEM_CALLS = System.CALLSYSTEM
SYSTEM_TASKS = System.TASKMANAGER
SYSTEM_CONSOLE = System.CONSOLE
SYSTEMS = PUBLISHING_SYSTEMS


class RejectReason(enum.StrEnum):
    """Why a message was refused (stored with the rejection, counted per reason)."""

    TOO_LARGE = "too_large"
    NOT_UTF8 = "not_utf8"
    NOT_JSON = "not_json"
    TOO_DEEP = "too_deep"
    NON_FINITE_NUMBER = "non_finite_number"
    DUPLICATE_KEY = "duplicate_key"
    NOT_OBJECT = "not_object"
    CONTROL_CHARACTERS = "control_characters"
    UNKNOWN_SCHEMA = "unknown_schema_version"
    SCHEMA_VIOLATION = "schema_violation"
    WRONG_CHANNEL = "wrong_channel"
    # Valid, but the consumer's history refused it (a value past one of its columns): the rest
    # of its batch is stored and the consumer goes on.
    UNSTORABLE = "unstorable"


@dataclass(slots=True, frozen=True)
class Rejection:
    """A message that failed validation: why, where it came from, and what it looked like."""

    reason: RejectReason
    detail: str
    channel: str
    size: int
    # A short, printable preview of what arrived (never rendered as rich text).
    preview: str
    received_at: float = field(default_factory=time.time)


@dataclass(slots=True)
class ReceivedEvent:
    """One validated event, as a consumer sees it (envelope or legacy)."""

    event_id: str
    system: System
    type: str
    action: str
    entity_id: str
    seq: int | None
    occurred_at: str | None
    user: str
    host: str
    correlation_id: str | None
    legacy: bool
    channel: str
    payload: dict[str, Any]
    raw: str
    received_at: float
    # The envelope's `origin`; None when it has none (the stream path then fills in its entry's
    # field); LEGACY_ORIGIN for the older system's messages.
    origin: str | None = None


class _Reject(Exception):
    """Raised inside the strict path; `decode` turns it into a Rejection."""

    def __init__(self, reason: RejectReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def _pairs_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Reject(RejectReason.DUPLICATE_KEY, f"duplicate key {key[:40]!r}")
            seen.add(key)
    return result


def _no_constants(name: str) -> Any:
    raise _Reject(RejectReason.NON_FINITE_NUMBER, f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 parses to infinity
        raise _Reject(RejectReason.NON_FINITE_NUMBER, f"{text[:20]} overflows to infinity")
    return value


_decoder = json.JSONDecoder(
    object_pairs_hook=_pairs_without_duplicates, parse_constant=_no_constants, parse_float=_finite_float
)

# C0/C1 control characters (tab, newline and carriage return are fine) and the Unicode bidi
# embedding/override/isolate controls ("Trojan Source"), raw or escaped in JSON. The raw-text
# check is a cheap filter; a match is confirmed on the decoded strings, so an escaped backslash
# followed by the letters "u0001" is not mistaken for a control character.
# Escaped surrogates are looked at too: a valid pair decodes to one character, a lone one stays a
# surrogate that no UTF-8 writer (database, terminal, export) accepts.
_ESCAPED_FORBIDDEN = re.compile(
    r"\\u(?:00[01][0-9a-fA-F]|007[fF]|00[89][0-9a-fA-F]|202[a-eA-E]|206[6-9]|[dD][89a-fA-F][0-9a-fA-F]{2})"
)


def _looks_suspicious(text: str) -> bool:
    # Two cheap scans (one character class; one literal prefix) instead of one alternation,
    # which cost ~11 µs per 700-byte event.
    if _FORBIDDEN_CHARS.search(text):
        return True
    if "\\" not in text:
        return False
    # The short escapes of backspace and form feed (the other short ones, \t \n \r, are fine).
    return "\\b" in text or "\\f" in text or ("\\u" in text and _ESCAPED_FORBIDDEN.search(text) is not None)


def _has_forbidden_text(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _FORBIDDEN_CHARS.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


# _FORBIDDEN_CHARS above 0x7F, in UTF-8, for bytes known to be valid UTF-8 (where 0xC2 and 0xE2
# only ever start a character): C1 controls U+0080-U+009F; bidi U+202A-U+202E, U+2066-U+2069.
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_BIDI_UTF8 = re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")


def _canonical_object(raw: bytes) -> dict[str, Any] | None:
    """What the strict path's decoder reads from `raw` when it is sure to be the same and the
    strict path would not reject it before `_accept`; None means "let the strict path decide".

    orjson's reading is taken only when `orjson.dumps(obj) == raw`: `raw` is exactly orjson's
    own compact form of what it read. That proves
    - valid UTF-8 without surrogates (orjson refuses both, and writes neither);
    - no duplicate key (orjson keeps the last one, so the dump would be shorter);
    - no NaN, Infinity or 1e999 (orjson refuses them);
    - equal values of equal types, keys in the same order: integer literals are 64-bit ints to
      both (orjson reads longer ones as floats, which never dump as bare digits); a float that
      dumps as the shortest text reading back to it is that text's correctly rounded value,
      which is what float() gives the strict path; no whitespace, no "\\/" escape;
    - at most 254 levels deep (orjson.dumps refuses more), far from the ~1,500 nested calls at
      which the strict decoder raises RecursionError (too_deep) even when the caller's stack is
      deep;
    - no raw character below 0x20 (orjson escapes them all; the strict decoder refuses them).
    The strict path then rejects control characters exactly when the text holds a forbidden
    character raw (it can only be inside a string, so a decoded key or value holds it too) or a
    "\\u" escape of one; any "\\u" goes the strict way, and DEL, C1 and bidi are looked for
    here (lone surrogates cannot be in valid UTF-8). The short escapes "\\b" and "\\f"
    (backspace, form feed: C0 controls orjson writes that way) go the strict way too.
    """
    try:
        obj = orjson.loads(raw)
        if type(obj) is not dict or orjson.dumps(obj) != raw:
            return None
    except Exception:  # noqa: BLE001 - whatever orjson refuses, the strict path decides about
        return None
    # One-byte finds run at memchr speed (b"\\u" costs 6 times as much); Portuguese text is
    # mostly 0xC3 (à, ç, ã), while the first bytes 0xC2 (º, «) and 0xE2 (—, “) are rarer.
    if raw.find(b"\x7f") >= 0 or (
        raw.find(b"\\") >= 0 and (raw.find(b"\\u") >= 0 or raw.find(b"\\b") >= 0 or raw.find(b"\\f") >= 0)
    ):
        return None
    if not raw.isascii() and (
        (raw.find(b"\xc2") >= 0 and _C1_UTF8.search(raw) is not None)
        or (raw.find(b"\xe2") >= 0 and _BIDI_UTF8.search(raw) is not None)
    ):
        return None
    return obj


_LEGACY_SCHEMA = {
    "type": "object",
    "required": ["action", "id"],
    "properties": {
        # Plain strings: the schema compiler writes the values into generated code.
        # The older system had two apps and no console: only their names.
        "system": {"enum": [SYSTEM_CALLS.value, SYSTEM_TASKS.value]},
        "action": {"type": "string", "minLength": 1, "maxLength": 64},
        # Bounds apply to an integer id only (a string one is not a number to JSON Schema).
        "id": {"type": ["integer", "string"], "minimum": MIN_INT64, "maximum": MAX_INT64},
        "cliente": {"type": "string"},
        "descricao": {"type": "string"},
        "status": {"type": "string"},
        "title": {"type": "string"},
        "completed": {"type": "boolean"},
    },
}

_validate_legacy = fastjsonschema.compile(_LEGACY_SCHEMA)

EVENT_TYPES = frozenset(
    json.loads(resource_path("schema", "event-v1.schema.json").read_text(encoding="utf-8"))["properties"]["type"][
        "enum"
    ]
)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_RFC3339_MICRO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}(?:Z|\+00:00)")
_REQUIRED = ("event_id", "type", "seq", "occurred_at", "actor", "correlation_id", "data", "system", "action", "id")
# Keyed by the members, looked up by the decoded text (equal strings, equal hashes).
_REQUIRED_BY_SYSTEM: dict[str, tuple[str, ...]] = {
    SYSTEM_CALLS: ("cliente", "descricao", "status"),
    SYSTEM_TASKS: ("title", "completed"),
    SYSTEM_CONSOLE: (),
}
_PREFIX_BY_SYSTEM: dict[str, str] = {SYSTEM_CALLS: "call.", SYSTEM_TASKS: "task.", SYSTEM_CONSOLE: "alert."}

# For Codec._valid_envelope: the keys every envelope holds, fetched by one C call (KeyError when
# one is missing); the event types of each system.
_ENVELOPE_VALUES = operator.itemgetter(
    "schema", "system", "event_id", "correlation_id", "occurred_at", "type", "seq", "actor", "data", "action", "id"
)
_EVENT_TYPES_BY_SYSTEM = {
    system: frozenset(t for t in EVENT_TYPES if t.startswith(prefix)) for system, prefix in _PREFIX_BY_SYSTEM.items()
}
_STATUSES = ("pendente", "concluida")
# _UUID and _RFC3339_MICRO as byte templates, ~0.5 µs cheaper than the patterns: translated,
# a hex digit (0-9a-f) becomes "x" and a digit "d"; the letters x and d themselves become "?",
# every other byte stays as it is (non-ASCII text stays non-ASCII bytes).
_HEX_TO_X = bytes.maketrans(b"0123456789abcdefx", b"xxxxxxxxxxxxxxxx?")
_DIGIT_TO_D = bytes.maketrans(b"0123456789d", b"dddddddddd?")
_TWO_UUIDS = b"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
_TIME_Z = b"dddd-dd-ddTdd:dd:dd.ddddddZ"
_TIME_UTC = b"dddd-dd-ddTdd:dd:dd.dddddd+dd:dd"  # and the text must end in +00:00


def _violation(message: str) -> _Reject:
    return _Reject(RejectReason.SCHEMA_VIOLATION, message)


def _is_int(value: Any) -> bool:
    return type(value) is int


def _check_envelope(obj: dict[str, Any]) -> None:
    """The intake path's validator: the same rules as event-v1.schema.json, written out.

    fastjsonschema's generated code took ~30 µs per event here, most of a console's intake
    budget; this takes a few. tests/unit/core/test_core_codec_schema_parity.py checks that both
    agree on thousands of generated valid and invalid envelopes.
    """
    for key in _REQUIRED:
        if key not in obj:
            raise _violation(f"data must contain {key!r}")
    system = obj["system"]
    prefix = _PREFIX_BY_SYSTEM.get(system) if isinstance(system, str) else None
    if prefix is None:
        raise _violation("system must be callsystem, taskmanager or console")
    for key in _REQUIRED_BY_SYSTEM[system]:
        if key not in obj:
            raise _violation(f"data must contain {key!r}")
    event_id, correlation_id = obj["event_id"], obj["correlation_id"]
    if type(event_id) is not str or _UUID.fullmatch(event_id) is None:
        raise _violation("event_id must be a lower-case UUID")
    if type(correlation_id) is not str or _UUID.fullmatch(correlation_id) is None:
        raise _violation("correlation_id must be a lower-case UUID")
    event_type = obj["type"]
    if type(event_type) is not str or event_type not in EVENT_TYPES:
        raise _violation("type is not a known event type")
    if not event_type.startswith(prefix):
        raise _violation(f"type {event_type} does not belong to {system}")
    seq = obj["seq"]
    if not _is_int(seq) or not 1 <= seq <= MAX_INT64:
        raise _violation(f"seq must be a whole number from 1 to {MAX_INT64}")
    occurred_at = obj["occurred_at"]
    if type(occurred_at) is not str or _RFC3339_MICRO.fullmatch(occurred_at) is None:
        raise _violation("occurred_at must be RFC 3339 UTC with microseconds")
    actor = obj["actor"]
    if type(actor) is not dict or "user" not in actor or "host" not in actor:
        raise _violation("actor must be an object with user and host")
    user, host = actor["user"], actor["host"]
    if type(user) is not str or len(user) > 200 or type(host) is not str or len(host) > 255:
        raise _violation("actor.user and actor.host must be short strings")
    if type(obj["data"]) is not dict:
        raise _violation("data must be an object")
    if "origin" in obj:
        origin = obj["origin"]
        if type(origin) is not str or not 1 <= len(origin) <= MAX_ORIGIN_LENGTH:
            raise _violation(f"origin must be a string of 1 to {MAX_ORIGIN_LENGTH} characters")
    changes = obj.get("changes")
    if "changes" in obj:
        if type(changes) is not dict:
            raise _violation("changes must be an object")
        for pair in changes.values():
            if type(pair) is not list or len(pair) != 2:
                raise _violation("each change must be [old, new]")
    action = obj["action"]
    if type(action) is not str or not 1 <= len(action) <= 64:
        raise _violation("action must be a string of 1 to 64 characters")
    entity_id = obj["id"]
    if not ((_is_int(entity_id) and MIN_INT64 <= entity_id <= MAX_INT64) or type(entity_id) is str):
        raise _violation(f"id must be a string or a whole number from {MIN_INT64} to {MAX_INT64}")
    for key in ("cliente", "descricao", "title"):
        if key in obj and type(obj[key]) is not str:
            raise _violation(f"{key} must be a string")
    if "status" in obj and obj["status"] not in ("pendente", "concluida"):
        raise _violation("status must be pendente or concluida")
    if "completed" in obj and type(obj["completed"]) is not bool:
        raise _violation("completed must be true or false")


def _schema_message(exc: fastjsonschema.JsonSchemaException) -> str:
    return str(getattr(exc, "message", None) or exc)


def preview(raw: bytes | str) -> str:
    """The first characters of a message, printable, for a rejection (shown as plain text)."""
    text = raw[:120].decode("utf-8", "replace") if isinstance(raw, bytes) else raw[:120]
    return _FORBIDDEN_CHARS.sub("\N{REPLACEMENT CHARACTER}", text)


def _rejection(exc: Exception, raw: bytes | str, channel: str) -> Rejection:
    if isinstance(exc, _Reject):
        return Rejection(exc.reason, exc.detail, channel, len(raw), preview(raw))
    return Rejection(RejectReason.NOT_JSON, f"undecodable: {type(exc).__name__}", channel, len(raw), preview(raw))


class Codec:
    """Decodes messages for one set of channels.

    `channel_systems` maps a channel (or stream) name to the system that may publish on it, so
    a `callsystem` event on the tasks channel is rejected as `wrong_channel`.
    """

    def __init__(self, channel_systems: Mapping[str, str] | None = None) -> None:
        # ValueError here, at start-up, for a system name no app publishes as.
        self.channel_systems = {channel: System(system) for channel, system in (channel_systems or {}).items()}

    def decode(self, raw: bytes | str, channel: str) -> ReceivedEvent | Rejection:
        try:
            # The fast path for what arrives from Redis, inline: a call costs ~0.1 µs of ~8.
            if type(raw) is bytes and len(raw) <= MAX_MESSAGE_BYTES:
                obj = _canonical_object(raw)
                if obj is None:
                    return self._decode_slow(raw, channel)
                text = raw.decode()
                event = self._valid_envelope(obj, text, channel)
                return event if event is not None else self._accept(obj, text, channel)
            return self._decode(raw, channel)
        except Exception as exc:  # noqa: BLE001 - the contract is: never raise into the caller
            return _rejection(exc, raw, channel)

    def _decode_slow_result(self, raw: bytes | str, channel: str) -> ReceivedEvent | Rejection:
        """`decode` on the strict path only: what the differential test compares with."""
        try:
            return self._decode_slow(raw, channel)
        except Exception as exc:  # noqa: BLE001 - the contract is: never raise into the caller
            return _rejection(exc, raw, channel)

    def _decode(self, raw: bytes | str, channel: str) -> ReceivedEvent:
        """`decode` for text, and for what the fast path for bytes does not take."""
        if type(raw) is str and len(raw) <= MAX_MESSAGE_BYTES:
            # Any text this short passes the strict path's size rule (it counts characters
            # first); text with a lone surrogate cannot be UTF-8 and goes the strict way.
            try:
                obj = _canonical_object(raw.encode("utf-8"))
            except UnicodeEncodeError:
                obj = None
            if obj is not None:
                event = self._valid_envelope(obj, raw, channel)
                return event if event is not None else self._accept(obj, raw, channel)
        return self._decode_slow(raw, channel)

    def _valid_envelope(self, obj: dict[str, Any], text: str, channel: str) -> ReceivedEvent | None:
        """What `_accept` returns for a valid envelope of the channel's system, with the same
        rules checked in fewer steps (each key looked up once, cheap checks first); None for
        anything else, which `_accept` then decides about (a legacy message, a rejection, or the
        rare form the rules accept but this leaves to them, such as "schema": 1.0)."""
        try:
            version, system, event_id, correlation_id, occurred_at, event_type, seq, actor, data, action, entity_id = (
                _ENVELOPE_VALUES(obj)
            )
        except KeyError:
            return None
        if not (
            type(version) is int
            and version == SCHEMA_VERSION
            and type(event_id) is str
            and type(correlation_id) is str
            and type(occurred_at) is str
            and type(event_type) is str
            and type(seq) is int
            and type(actor) is dict
            and type(data) is dict
            and type(action) is str
            and (type(entity_id) is int or type(entity_id) is str)
        ):
            return None
        # The keys the other system requires are optional, but typed all the same.
        if system == SYSTEM_CALLS:
            system = SYSTEM_CALLS  # the enum member, not the decoded text
            if not (
                type(obj.get("cliente")) is str
                and type(obj.get("descricao")) is str
                and obj.get("status") in _STATUSES
                and ("title" not in obj or type(obj["title"]) is str)
                and ("completed" not in obj or type(obj["completed"]) is bool)
            ):
                return None
        elif system == SYSTEM_TASKS:
            system = SYSTEM_TASKS
            if not (
                type(obj.get("title")) is str
                and type(obj.get("completed")) is bool
                and ("cliente" not in obj or type(obj["cliente"]) is str)
                and ("descricao" not in obj or type(obj["descricao"]) is str)
                and ("status" not in obj or obj["status"] in _STATUSES)
            ):
                return None
        elif system == SYSTEM_CONSOLE:
            system = SYSTEM_CONSOLE
            if not (
                ("cliente" not in obj or type(obj["cliente"]) is str)
                and ("descricao" not in obj or type(obj["descricao"]) is str)
                and ("status" not in obj or obj["status"] in _STATUSES)
                and ("title" not in obj or type(obj["title"]) is str)
                and ("completed" not in obj or type(obj["completed"]) is bool)
            ):
                return None
        else:
            return None
        expected = self.channel_systems.get(channel)
        if (expected is not None and system != expected) or event_type not in _EVENT_TYPES_BY_SYSTEM[system]:
            return None
        if not 1 <= seq <= MAX_INT64 or not 1 <= len(action) <= 64:
            return None
        if type(entity_id) is int and not MIN_INT64 <= entity_id <= MAX_INT64:
            return None
        # One space between the ids, and neither may hold one: so both are 36 long. (encode()
        # cannot fail: orjson.dumps wrote these strings, so they hold no lone surrogate.)
        if f"{event_id} {correlation_id}".encode().translate(_HEX_TO_X) != _TWO_UUIDS:
            return None
        when = occurred_at.encode().translate(_DIGIT_TO_D)
        if when != _TIME_Z and (when != _TIME_UTC or not occurred_at.endswith("+00:00")):
            return None
        user, host = actor.get("user"), actor.get("host")
        if type(user) is not str or len(user) > 200 or type(host) is not str or len(host) > 255:
            return None
        if "changes" in obj:
            changes = obj["changes"]
            if type(changes) is not dict:
                return None
            for pair in changes.values():
                if type(pair) is not list or len(pair) != 2:
                    return None
        origin = None
        if "origin" in obj:  # optional; null is not a value it may have
            origin = obj["origin"]
            if type(origin) is not str or not 1 <= len(origin) <= MAX_ORIGIN_LENGTH:
                return None
        # Positional, in field order: keywords cost ~0.6 µs more.
        return ReceivedEvent(
            event_id,
            system,
            event_type,
            action,
            str(entity_id),
            seq,
            occurred_at,
            user,
            host,
            correlation_id,
            False,  # legacy
            channel,
            obj,  # payload
            text,  # raw
            time.time(),  # received_at
            origin,
        )

    def _decode_slow(self, raw: bytes | str, channel: str) -> ReceivedEvent:
        """The strict path, the reference for every outcome; raises _Reject."""
        if isinstance(raw, str):
            if len(raw) > MAX_MESSAGE_BYTES and len(raw.encode("utf-8", "surrogatepass")) > MAX_MESSAGE_BYTES:
                raise _Reject(RejectReason.TOO_LARGE, f"{len(raw)} characters > {MAX_MESSAGE_BYTES} bytes")
            text = raw
        else:
            if len(raw) > MAX_MESSAGE_BYTES:
                raise _Reject(RejectReason.TOO_LARGE, f"{len(raw)} bytes > {MAX_MESSAGE_BYTES}")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _Reject(RejectReason.NOT_UTF8, f"invalid UTF-8 at byte {exc.start}") from None
        try:
            obj = _decoder.decode(text)
        except RecursionError:
            raise _Reject(RejectReason.TOO_DEEP, "nested too deeply") from None
        except ValueError as exc:
            raise _Reject(RejectReason.NOT_JSON, f"not JSON: {str(exc)[:80]}") from None
        if not isinstance(obj, dict):
            raise _Reject(RejectReason.NOT_OBJECT, f"JSON {type(obj).__name__}, not an object")
        if _looks_suspicious(text) and _has_forbidden_text(obj):
            raise _Reject(
                RejectReason.CONTROL_CHARACTERS, "control, bidi-override or lone-surrogate characters in text"
            )
        return self._accept(obj, text, channel)

    def _accept(self, obj: dict[str, Any], text: str, channel: str) -> ReceivedEvent:
        received_at = time.time()
        if "schema" in obj or "event_id" in obj:
            return self._envelope(obj, text, channel, received_at)
        return self._legacy(obj, text, channel, received_at)

    def _check_channel(self, system: str | None, channel: str) -> None:
        expected = self.channel_systems.get(channel)
        if expected is not None and system is not None and system != expected:
            raise _Reject(RejectReason.WRONG_CHANNEL, f"{system} event on {channel!r}")

    def _envelope(self, obj: dict[str, Any], text: str, channel: str, received_at: float) -> ReceivedEvent:
        version = obj.get("schema")
        if version != SCHEMA_VERSION or isinstance(version, bool):
            raise _Reject(RejectReason.UNKNOWN_SCHEMA, f"schema version {str(version)[:20]!r} is not supported")
        _check_envelope(obj)
        system = System(obj["system"])
        self._check_channel(system, channel)
        actor = obj["actor"]
        return ReceivedEvent(
            event_id=obj["event_id"],
            system=system,
            type=obj["type"],
            action=obj["action"],
            entity_id=str(obj["id"]),
            seq=obj["seq"],
            occurred_at=obj["occurred_at"],
            user=actor["user"],
            host=actor["host"],
            correlation_id=obj["correlation_id"],
            legacy=False,
            channel=channel,
            payload=obj,
            raw=text,
            received_at=received_at,
            origin=obj.get("origin"),
        )

    def _legacy(self, obj: dict[str, Any], text: str, channel: str, received_at: float) -> ReceivedEvent:
        try:
            _validate_legacy(obj)
        except fastjsonschema.JsonSchemaException as exc:
            raise _Reject(RejectReason.SCHEMA_VIOLATION, "legacy message: " + _schema_message(exc)[:140]) from None
        system = System(obj.get("system") or self.channel_systems.get(channel) or System.UNKNOWN)
        self._check_channel(obj.get("system"), channel)
        action = obj["action"]
        prefix = "call" if system == SYSTEM_CALLS else "task" if system == SYSTEM_TASKS else "legacy"
        # Cut to the column here, the one place a type is derived, so the live view, the history
        # and every export show the same type; `action` keeps the older system's word whole.
        event_type = f"{prefix}.{action.lower()}"[:MAX_EVENT_TYPE_LENGTH]
        return ReceivedEvent(
            # The older system sent no ids, so nothing can be de-duplicated; Pub/Sub delivers
            # each of its messages once, and each gets its own id here.
            event_id=str(uuid.uuid4()),
            system=system,
            type=event_type,
            action=action,
            entity_id=str(obj["id"]),
            seq=None,
            occurred_at=None,
            user="",
            host="",
            correlation_id=None,
            legacy=True,
            channel=channel,
            payload=obj,
            raw=text,
            received_at=received_at,
            origin=LEGACY_ORIGIN,
        )


def encode(envelope: dict[str, Any]) -> str:
    """The wire form: compact JSON, UTF-8 text (non-ASCII kept as is)."""
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def encode_outgoing(envelope: dict[str, Any]) -> str:
    """The wire form of an event we are about to store; ValueError when consumers would reject it."""
    text = encode(envelope)
    if len(text) * 4 > MAX_MESSAGE_BYTES and len(text.encode("utf-8")) > MAX_MESSAGE_BYTES:
        raise ValueError(f"event is larger than {MAX_MESSAGE_BYTES // 1024} KiB")
    if _looks_suspicious(text) and _has_forbidden_text(envelope):
        raise ValueError("event text holds control or bidi-override characters")
    try:
        _check_envelope(envelope)
    except _Reject as exc:
        raise ValueError(f"event violates the schema: {exc.detail}") from None
    return text


def validate_outgoing(envelope: dict[str, Any]) -> None:
    """Raise ValueError when an event we are about to store would be rejected by consumers."""
    encode_outgoing(envelope)
