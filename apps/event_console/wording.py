"""The texts the console composes for people, in the window's language: event summaries, type
and status names, chart categories, connection and gap messages, export headers.

The history stores each summary in English ("Call #13 Ana Souza: new → in progress"): it is
written once, by the intake process, and must not need a rewrite when a console changes
language. The console translates a summary when it shows it, by its known shape (the head, then
status changes, field changes, a note or a verb); the catalogue's templates are looked up once,
when a `Wording` is made, never per row. A summary of a shape not known here is shown as stored.

Qt-free: the marker below only tells Qt's tools which texts to catalogue (context
"ConsoleWording"); the window passes `QCoreApplication.translate` in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

CONTEXT = "ConsoleWording"
Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a text for Qt's translation tools without importing Qt here."""
    del context
    return text


def english(_context: str, text: str) -> str:
    """The identity `Translate`: the texts as written."""
    return text


# Event types as a supervisor names them; the raw type stays in its own column.
TYPE_NAMES: dict[str, str] = {
    "call.created": QT_TRANSLATE_NOOP("ConsoleWording", "Call opened"),
    "call.updated": QT_TRANSLATE_NOOP("ConsoleWording", "Call updated"),
    "call.status_changed": QT_TRANSLATE_NOOP("ConsoleWording", "Call status changed"),
    "call.note_added": QT_TRANSLATE_NOOP("ConsoleWording", "Note on a call"),
    "call.assigned": QT_TRANSLATE_NOOP("ConsoleWording", "Call assigned"),
    "call.closed": QT_TRANSLATE_NOOP("ConsoleWording", "Call closed"),
    "call.reopened": QT_TRANSLATE_NOOP("ConsoleWording", "Call reopened"),
    "call.deleted": QT_TRANSLATE_NOOP("ConsoleWording", "Call deleted"),
    "call.restored": QT_TRANSLATE_NOOP("ConsoleWording", "Call restored"),
    "task.created": QT_TRANSLATE_NOOP("ConsoleWording", "Task created"),
    "task.updated": QT_TRANSLATE_NOOP("ConsoleWording", "Task updated"),
    "task.completed": QT_TRANSLATE_NOOP("ConsoleWording", "Task completed"),
    "task.reopened": QT_TRANSLATE_NOOP("ConsoleWording", "Task reopened"),
    "task.moved": QT_TRANSLATE_NOOP("ConsoleWording", "Task moved"),
    "task.deleted": QT_TRANSLATE_NOOP("ConsoleWording", "Task deleted"),
    "task.restored": QT_TRANSLATE_NOOP("ConsoleWording", "Task restored"),
    "alert.raised": QT_TRANSLATE_NOOP("ConsoleWording", "Alert raised"),
    "alert.acknowledged": QT_TRANSLATE_NOOP("ConsoleWording", "Alert acknowledged"),
    "alert.cleared": QT_TRANSLATE_NOOP("ConsoleWording", "Alert cleared"),
}

# Statuses as summaries and charts write them (underscores read as spaces).
STATUS_NAMES: dict[str, str] = {
    "new": QT_TRANSLATE_NOOP("ConsoleWording", "new"),
    "in progress": QT_TRANSLATE_NOOP("ConsoleWording", "in progress"),
    "waiting": QT_TRANSLATE_NOOP("ConsoleWording", "waiting"),
    "resolved": QT_TRANSLATE_NOOP("ConsoleWording", "resolved"),
    "closed": QT_TRANSLATE_NOOP("ConsoleWording", "closed"),
    "open": QT_TRANSLATE_NOOP("ConsoleWording", "open"),
    "done": QT_TRANSLATE_NOOP("ConsoleWording", "done"),
    # The older system's task statuses.
    "pendente": QT_TRANSLATE_NOOP("ConsoleWording", "pending"),
    "concluida": QT_TRANSLATE_NOOP("ConsoleWording", "done"),
}

# What a summary says when an event changed nothing it can list (integrado.history._VERBS).
VERBS: dict[str, str] = {
    "created": QT_TRANSLATE_NOOP("ConsoleWording", "created"),
    "closed": QT_TRANSLATE_NOOP("ConsoleWording", "closed"),
    "completed": QT_TRANSLATE_NOOP("ConsoleWording", "completed"),
    "reopened": QT_TRANSLATE_NOOP("ConsoleWording", "reopened"),
    "deleted": QT_TRANSLATE_NOOP("ConsoleWording", "deleted"),
    "restored": QT_TRANSLATE_NOOP("ConsoleWording", "restored"),
    "moved": QT_TRANSLATE_NOOP("ConsoleWording", "moved"),
    "assigned": QT_TRANSLATE_NOOP("ConsoleWording", "assigned"),
    "note added": QT_TRANSLATE_NOOP("ConsoleWording", "note added"),
    "status changed": QT_TRANSLATE_NOOP("ConsoleWording", "status changed"),
    "updated": QT_TRANSLATE_NOOP("ConsoleWording", "updated"),
    "raised": QT_TRANSLATE_NOOP("ConsoleWording", "raised"),
    "acknowledged": QT_TRANSLATE_NOOP("ConsoleWording", "acknowledged"),
    "cleared": QT_TRANSLATE_NOOP("ConsoleWording", "cleared"),
}

# Fields a summary names in a change ("priority high → low"); an unknown one stays as stored.
FIELD_NAMES: dict[str, str] = {
    "assignee": QT_TRANSLATE_NOOP("ConsoleWording", "operator"),
    "subject": QT_TRANSLATE_NOOP("ConsoleWording", "subject"),
    "description": QT_TRANSLATE_NOOP("ConsoleWording", "description"),
    "descricao": QT_TRANSLATE_NOOP("ConsoleWording", "description"),
    "caller_name": QT_TRANSLATE_NOOP("ConsoleWording", "caller"),
    "cliente": QT_TRANSLATE_NOOP("ConsoleWording", "caller"),
    "phone": QT_TRANSLATE_NOOP("ConsoleWording", "phone"),
    "category": QT_TRANSLATE_NOOP("ConsoleWording", "category"),
    "channel": QT_TRANSLATE_NOOP("ConsoleWording", "channel"),
    "urgency": QT_TRANSLATE_NOOP("ConsoleWording", "urgency"),
    "impact": QT_TRANSLATE_NOOP("ConsoleWording", "impact"),
    "priority": QT_TRANSLATE_NOOP("ConsoleWording", "priority"),
    "resolution": QT_TRANSLATE_NOOP("ConsoleWording", "resolution"),
    "title": QT_TRANSLATE_NOOP("ConsoleWording", "title"),
    "notes": QT_TRANSLATE_NOOP("ConsoleWording", "notes"),
    "due": QT_TRANSLATE_NOOP("ConsoleWording", "due"),
    "parent_id": QT_TRANSLATE_NOOP("ConsoleWording", "parent"),
    "completed": QT_TRANSLATE_NOOP("ConsoleWording", "completed"),
    "position": QT_TRANSLATE_NOOP("ConsoleWording", "position"),
    "id": QT_TRANSLATE_NOOP("ConsoleWording", "number"),
    "status": QT_TRANSLATE_NOOP("ConsoleWording", "status"),
}

# Values a field change shows as stored JSON words.
VALUE_NAMES: dict[str, str] = {
    "true": QT_TRANSLATE_NOOP("ConsoleWording", "yes"),
    "false": QT_TRANSLATE_NOOP("ConsoleWording", "no"),
    "null": QT_TRANSLATE_NOOP("ConsoleWording", "none"),
    "low": QT_TRANSLATE_NOOP("ConsoleWording", "low"),
    "medium": QT_TRANSLATE_NOOP("ConsoleWording", "medium"),
    "normal": QT_TRANSLATE_NOOP("ConsoleWording", "normal"),
    "high": QT_TRANSLATE_NOOP("ConsoleWording", "high"),
    "critical": QT_TRANSLATE_NOOP("ConsoleWording", "critical"),
    "urgent": QT_TRANSLATE_NOOP("ConsoleWording", "urgent"),
}

# The kind of entity in the Entity column ("call #13"; see event_console.columns.layout).
ENTITY_KINDS: dict[str, str] = {
    "call": QT_TRANSLATE_NOOP("ConsoleWording", "call"),
    "task": QT_TRANSLATE_NOOP("ConsoleWording", "task"),
    "alert": QT_TRANSLATE_NOOP("ConsoleWording", "alert"),
}

# {0}: the entity's number.
_CALL_HEAD = QT_TRANSLATE_NOOP("ConsoleWording", "Call #{0}")
_TASK_HEAD = QT_TRANSLATE_NOOP("ConsoleWording", "Task #{0}")
# {0}: the note's first words.
_NOTE = QT_TRANSLATE_NOOP("ConsoleWording", "note: {0}")
_LEGACY = QT_TRANSLATE_NOOP("ConsoleWording", "(legacy)")

# The export's column titles, in the order of `event_console.export.CSV_HEADER`.
EXPORT_HEADERS: dict[str, str] = {
    "received_at": QT_TRANSLATE_NOOP("ConsoleWording", "Received (UTC)"),
    "occurred_at": QT_TRANSLATE_NOOP("ConsoleWording", "Occurred (UTC)"),
    "source": QT_TRANSLATE_NOOP("ConsoleWording", "Source"),
    "type": QT_TRANSLATE_NOOP("ConsoleWording", "Type (code)"),
    "entity": QT_TRANSLATE_NOOP("ConsoleWording", "Entity"),
    "summary": QT_TRANSLATE_NOOP("ConsoleWording", "Summary"),
    "operator": QT_TRANSLATE_NOOP("ConsoleWording", "Operator"),
    "host": QT_TRANSLATE_NOOP("ConsoleWording", "Host"),
    "latency_ms": QT_TRANSLATE_NOOP("ConsoleWording", "Latency (ms)"),
    "legacy": QT_TRANSLATE_NOOP("ConsoleWording", "Older system"),
    "event_id": QT_TRANSLATE_NOOP("ConsoleWording", "Event id"),
    "origin": QT_TRANSLATE_NOOP("ConsoleWording", "Origin"),
}

# What the shared consumer says about its connection (integrado.bus.consumer), as patterns.
_DETAILS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"caught up (\d+) events from the streams"),
        QT_TRANSLATE_NOOP("ConsoleWording", "caught up {0} events from the streams"),
    ),
    (
        re.compile(r"catching up: (\d+) events read"),
        QT_TRANSLATE_NOOP("ConsoleWording", "catching up: {0} events read"),
    ),
    (re.compile(r"catching up"), QT_TRANSLATE_NOOP("ConsoleWording", "catching up")),
    (
        re.compile(r"the intake process stopped \(exit status (-?\d+)\); restarting"),
        QT_TRANSLATE_NOOP("ConsoleWording", "the intake process stopped (exit status {0}); restarting"),
    ),
    (re.compile(r"(.+); restarting"), QT_TRANSLATE_NOOP("ConsoleWording", "{0}; restarting")),
    (re.compile(r"cannot store events: (.+)"), QT_TRANSLATE_NOOP("ConsoleWording", "cannot store events: {0}")),
]
_GAP_MISSING = QT_TRANSLATE_NOOP("ConsoleWording", "{0}: {1} event(s) missing, seq {2}–{3} (no longer in {4})")
_GAP_RESET = QT_TRANSLATE_NOOP(
    "ConsoleWording", "{0}: the stream was reset (server data lost); earlier events may be missing"
)

MAX_FORMS = 4
_HEAD = re.compile(r"(Call|Task) #")
_ARROW = " → "
_FIELD_CHANGE = re.compile(r"([a-z_]+) (.*)")


class Wording:
    """The console's composed texts in one language: each template translated once, here."""

    def __init__(self, translate: Translate = english) -> None:
        def tr(text: str) -> str:
            return translate(CONTEXT, text)

        self.type_names = {raw: tr(text) for raw, text in TYPE_NAMES.items()}
        self.status_names = {raw: tr(text) for raw, text in STATUS_NAMES.items()}
        self.verbs = {raw: tr(text) for raw, text in VERBS.items()}
        self.fields = {raw: tr(text) for raw, text in FIELD_NAMES.items()}
        self.values = {raw: tr(text) for raw, text in VALUE_NAMES.items()}
        self.export_headers = {key: tr(text) for key, text in EXPORT_HEADERS.items()}
        self.entity_kinds = {raw: tr(text) for raw, text in ENTITY_KINDS.items()}
        self._heads = {"Call": tr(_CALL_HEAD), "Task": tr(_TASK_HEAD)}
        self._note = tr(_NOTE)
        self._legacy = " " + tr(_LEGACY)
        self._details = [(pattern, tr(text)) for pattern, text in _DETAILS]
        self._gap_missing = tr(_GAP_MISSING)
        self._gap_reset = tr(_GAP_RESET)
        # (stored English, shown), case-folded, longest first: for searching the stored text.
        pairs = {
            *((raw, self.status_names[raw]) for raw in STATUS_NAMES),
            *((raw, self.verbs[raw]) for raw in VERBS),
            *((raw, self.fields[raw]) for raw in FIELD_NAMES),
            (_CALL_HEAD.replace("{0}", ""), self._heads["Call"].replace("{0}", "")),
            (_TASK_HEAD.replace("{0}", ""), self._heads["Task"].replace("{0}", "")),
        }
        self._pairs = sorted(
            ((a.casefold(), b.casefold()) for a, b in pairs if a.casefold() != b.casefold() and b.strip()),
            key=lambda pair: -len(pair[1]),
        )
        # English needs no work: the stored summary is already what it would say.
        self.is_english = all(
            a == b
            for a, b in (
                *((t, self.type_names[r]) for r, t in TYPE_NAMES.items()),
                *((t, self.status_names[r]) for r, t in STATUS_NAMES.items()),
                *((t, self.verbs[r]) for r, t in VERBS.items()),
                *((t, self.fields[r]) for r, t in FIELD_NAMES.items()),
                *((t, self.values[r]) for r, t in VALUE_NAMES.items()),
                *((t, self.entity_kinds[r]) for r, t in ENTITY_KINDS.items()),
                (_CALL_HEAD, self._heads["Call"]),
                (_TASK_HEAD, self._heads["Task"]),
                (_NOTE, self._note),
                (" " + _LEGACY, self._legacy),
            )
        )

    # -- names ---------------------------------------------------------------------------------

    def type_name(self, event_type: str) -> str:
        """An event type as people name it ("Call opened"); an unknown type as it is."""
        return self.type_names.get(event_type, event_type)

    def status_name(self, status: str) -> str:
        """A status code or word ("in_progress", "in progress") in words; "" stays ""."""
        word = status.replace("_", " ")
        return self.status_names.get(word, word)

    def entity(self, label: str) -> str:
        """An Entity column text ("call #13", "call #13 · 5b0f8f") with its kind in words."""
        kind, sep, rest = label.partition(" #")
        return f"{self.entity_kinds.get(kind, kind)}{sep}{rest}" if sep else label

    def export_header(self, keys: Iterable[str]) -> list[str]:
        return [self.export_headers.get(key, key) for key in keys]

    # -- messages ------------------------------------------------------------------------------

    def connection_detail(self, detail: str) -> str:
        """A connection detail from the shared consumer in this language; words of a server or
        of the operating system ("Connection refused") are shown as they came."""
        for pattern, template in self._details:
            match = pattern.fullmatch(detail)
            if match:
                return template.format(*match.groups())
        return detail

    def gap(self, source: str, stream: str, first: int, last: int, reset: bool) -> str:
        """A gap in a source's sequence numbers, in words."""
        if reset:
            return self._gap_reset.format(stream)
        return self._gap_missing.format(source, last - first + 1, first, last, stream)

    # -- search ------------------------------------------------------------------------------

    def stored_forms(self, needle: str) -> list[str]:
        """What to look for in the stored (English) summaries when the supervisor searches for
        `needle` (case-folded) in this language: the needle itself, with the translated words it
        holds put back in English, and the English of a word it is part of ("andamento" finds
        "in progress"). At most `MAX_FORMS` (`SummaryColumn.rows_containing_any` reads the summaries once for all)."""
        if self.is_english or not needle:
            return [needle]
        forms = [needle]
        swapped = needle
        for stored, shown in self._pairs:
            if shown in swapped:
                swapped = swapped.replace(shown, stored)
        if swapped != needle:
            forms.append(swapped)
        if len(needle) >= 3:
            forms += [stored for stored, shown in self._pairs if needle in shown and stored not in forms]
        return forms[:MAX_FORMS]

    def type_codes_matching(self, values: list[str], needle: str) -> list[int]:
        """Codes (indexes into `values`, raw types) whose people's name contains `needle`."""
        return [c for c, v in enumerate(values) if needle in self.type_name(v).casefold()]

    # -- summaries -----------------------------------------------------------------------------

    def summary(self, text: str) -> str:
        """A stored (English) summary in this language; a shape not known is returned as it is."""
        if self.is_english or not text:
            return text
        body, legacy = (text[: -len(" (legacy)")], True) if text.endswith(" (legacy)") else (text, False)
        head_match = _HEAD.match(body)
        if head_match:
            ident, _, rest = body[head_match.end() :].partition(" ")
            colon = ident.find(":")
            if colon >= 0:  # "Call #13: created" (no name)
                ident, rest = ident[:colon], ident[colon:] + (" " + rest if rest else "")
            head = self._heads[head_match.group(1)].format(ident)
            rest = " " + rest if rest and not rest.startswith(":") else rest
        elif body.startswith("#"):
            head, rest = "", body
        else:
            return text
        out = head + self._rest(rest)
        return out + self._legacy if legacy else out

    def _rest(self, rest: str) -> str:
        """ " Ana Souza: new → in progress" with its parts translated (the name kept)."""
        at = rest.find(": ")
        while at >= 0:
            parts = self._parts(rest[at + 2 :])
            if parts is not None:
                return rest[: at + 2] + parts
            at = rest.find(": ", at + 2)
        return rest

    def _parts(self, text: str) -> str | None:
        if text.startswith("note: "):
            return self._note.format(text[len("note: ") :])
        verb = self.verbs.get(text)
        if verb is not None:
            return verb
        out = []
        for part in text.split("; "):
            done = self._change(part)
            if done is None:
                return None
            out.append(done)
        return "; ".join(out)

    def _change(self, part: str) -> str | None:
        before, arrow, after = part.partition(_ARROW)
        if not arrow:
            return None
        if before in self.status_names or not before:
            return self.status_name(before) + _ARROW + self.status_name(after)
        field = _FIELD_CHANGE.fullmatch(before)
        if field is None:
            return None  # a part that is not a change: the summary's shape is not known here
        name = self.fields.get(field.group(1), field.group(1))
        return f"{name} {self._value(field.group(2))}{_ARROW}{self._value(after)}"

    def _value(self, value: str) -> str:
        return self.values.get(value, value)
