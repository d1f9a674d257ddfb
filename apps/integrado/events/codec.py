"""Strict decoding and encoding of Integrado events.

Everything that arrives from Redis is hostile until validated. `decode()` never raises into its
caller: it returns either a `ReceivedEvent` or a `Rejection` with a machine-readable reason and a
short human-readable detail. The JSON Schema in `resources/schema/event-v1.schema.json` is the
written contract; the intake path checks the same rules written out in `_check_envelope`
(a parity test compares both), so validation costs microseconds.
"""

from __future__ import annotations

import enum
import json
import math
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import fastjsonschema

from integrado.resources import resource_path

MAX_MESSAGE_BYTES = 64 * 1024
SCHEMA_VERSION = 1

SYSTEM_CALLS = "callsystem"
SYSTEM_TASKS = "taskmanager"
SYSTEMS = (SYSTEM_CALLS, SYSTEM_TASKS)


class RejectReason(enum.StrEnum):
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


@dataclass(slots=True, frozen=True)
class Rejection:
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
    system: str
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


class _Reject(Exception):
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
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _looks_suspicious(text: str) -> bool:
    # Two cheap scans (one character class; one literal prefix) instead of one alternation,
    # which cost ~11 µs per 700-byte event.
    if _FORBIDDEN_CHARS.search(text):
        return True
    return "\\u" in text and _ESCAPED_FORBIDDEN.search(text) is not None


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


def forbidden_text(value: str) -> bool:
    """True when user text holds characters that consumers reject (control, bidi override)."""
    return _FORBIDDEN_CHARS.search(value) is not None


_LEGACY_SCHEMA = {
    "type": "object",
    "required": ["action", "id"],
    "properties": {
        "system": {"enum": list(SYSTEMS)},
        "action": {"type": "string", "minLength": 1, "maxLength": 64},
        "id": {"type": ["integer", "string"]},
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
_REQUIRED_BY_SYSTEM = {SYSTEM_CALLS: ("cliente", "descricao", "status"), SYSTEM_TASKS: ("title", "completed")}
_PREFIX_BY_SYSTEM = {SYSTEM_CALLS: "call.", SYSTEM_TASKS: "task."}


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
        raise _violation("system must be callsystem or taskmanager")
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
    if not _is_int(seq) or seq < 1:
        raise _violation("seq must be a whole number >= 1")
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
    if not (_is_int(entity_id) or type(entity_id) is str):
        raise _violation("id must be a whole number or a string")
    for key in ("cliente", "descricao", "title"):
        if key in obj and type(obj[key]) is not str:
            raise _violation(f"{key} must be a string")
    if "status" in obj and obj["status"] not in ("pendente", "concluida"):
        raise _violation("status must be pendente or concluida")
    if "completed" in obj and type(obj["completed"]) is not bool:
        raise _violation("completed must be true or false")


def _schema_message(exc: fastjsonschema.JsonSchemaException) -> str:
    return str(getattr(exc, "message", None) or exc)


def _preview(raw: bytes | str) -> str:
    text = raw[:120].decode("utf-8", "replace") if isinstance(raw, bytes) else raw[:120]
    return _FORBIDDEN_CHARS.sub("\N{REPLACEMENT CHARACTER}", text)


class Codec:
    """Decodes messages for one set of channels.

    `channel_systems` maps a channel (or stream) name to the system that may publish on it, so
    a `callsystem` event on the tasks channel is rejected as `wrong_channel`.
    """

    def __init__(self, channel_systems: dict[str, str] | None = None) -> None:
        self.channel_systems = dict(channel_systems or {})

    def decode(self, raw: bytes | str, channel: str) -> ReceivedEvent | Rejection:
        try:
            return self._decode(raw, channel)
        except _Reject as rej:
            return Rejection(rej.reason, rej.detail, channel, len(raw), _preview(raw))
        except Exception as exc:  # noqa: BLE001 - the contract is: never raise into the caller
            return Rejection(
                RejectReason.NOT_JSON, f"undecodable: {type(exc).__name__}", channel, len(raw), _preview(raw)
            )

    def _decode(self, raw: bytes | str, channel: str) -> ReceivedEvent:
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
        system = obj["system"]
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
        )

    def _legacy(self, obj: dict[str, Any], text: str, channel: str, received_at: float) -> ReceivedEvent:
        try:
            _validate_legacy(obj)
        except fastjsonschema.JsonSchemaException as exc:
            raise _Reject(RejectReason.SCHEMA_VIOLATION, "legacy message: " + _schema_message(exc)[:140]) from None
        system = obj.get("system") or self.channel_systems.get(channel) or "unknown"
        self._check_channel(obj.get("system"), channel)
        action = obj["action"]
        prefix = "call" if system == SYSTEM_CALLS else "task" if system == SYSTEM_TASKS else "legacy"
        return ReceivedEvent(
            # The older system sent no ids, so nothing can be de-duplicated; Pub/Sub delivers
            # each of its messages once, and each gets its own id here.
            event_id=str(uuid.uuid4()),
            system=system,
            type=f"{prefix}.{action.lower()}",
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
