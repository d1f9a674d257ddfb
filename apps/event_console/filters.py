"""What the table shows: a filter over the column store, evaluated with numpy masks.

The filter itself is plain data that the window holds and restores before its first frame:
numpy is imported only when a filter is evaluated."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from event_console.wording import Wording

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from event_console.columns.store import EventColumns


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Empty sets mean "all"; times are epoch seconds on the received time; text is case-insensitive;
    `entity` is an entity's identity (`event_console.columns.layout.entity_key`: system, origin, id)."""

    sources: frozenset[str] = field(default_factory=frozenset)
    types: frozenset[str] = field(default_factory=frozenset)
    operators: frozenset[str] = field(default_factory=frozenset)
    entity: str = ""
    since: float | None = None
    until: float | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()

    def with_(self, **changes: Any) -> EventFilter:
        return replace(self, **changes)

    def mask(self, cols: EventColumns, start: int, stop: int, wording: Wording | None = None) -> npt.NDArray[np.bool_]:
        """True for the storage rows in [start, stop) that pass; `wording`: the language the
        table shows, so that free text finds what the supervisor reads."""
        import numpy as np

        mask = np.ones(stop - start, dtype=np.bool_)
        if self.sources:
            mask &= np.isin(cols.source[start:stop], cols.codes_for("source", self.sources))
        if self.types:
            mask &= np.isin(cols.type[start:stop], cols.codes_for("type", self.types))
        if self.operators:
            mask &= np.isin(cols.operator[start:stop], cols.codes_for("operator", self.operators))
        if self.entity:
            mask &= np.isin(cols.entity[start:stop], cols.entity_codes(self.entity))
        if self.since is not None:
            mask &= cols.received[start:stop] >= self.since
        if self.until is not None:
            mask &= cols.received[start:stop] < self.until
        needle = self.text.strip().casefold()
        if needle and mask.any():
            mask &= self._text_mask(cols, start, stop, needle, mask, wording)
        return mask

    @staticmethod
    def _text_mask(
        cols: EventColumns,
        start: int,
        stop: int,
        needle: str,
        candidates: npt.NDArray[np.bool_],
        wording: Wording | None = None,
    ) -> npt.NDArray[np.bool_]:
        # The coded columns are searched once per distinct value; only the summaries are per row,
        # and only those rows the other criteria left.
        import numpy as np

        hit = np.zeros(stop - start, dtype=np.bool_)
        for name in ("type", "entity", "operator", "host", "source"):
            codes = cols.vocab[name].matching(needle)
            if len(codes):
                hit |= np.isin(getattr(cols, name)[start:stop], codes)
        if wording is not None and not wording.is_english:
            codes = np.asarray(wording.type_codes_matching(cols.vocab["type"].values, needle), dtype=np.int32)
            if len(codes):
                hit |= np.isin(cols.type[start:stop], codes)
        forms = wording.stored_forms(needle) if wording is not None else [needle]
        found = cols.summary.rows_containing_any(forms, start, stop)
        if len(found):
            hit[found - start] = True
        return hit

    # -- presets -----------------------------------------------------------------------------

    def to_json(self) -> str:
        data = asdict(self)
        for key in ("sources", "types", "operators"):
            data[key] = sorted(data[key])
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> EventFilter:
        """A filter from a saved preset; unknown or malformed parts are ignored."""
        try:
            data = json.loads(text)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()

        def _strings(key: str) -> frozenset[str]:
            value = data.get(key)
            return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) else frozenset()

        def _number(key: str) -> float | None:
            value = data.get(key)
            return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

        def _text(key: str) -> str:
            value = data.get(key)
            return value if isinstance(value, str) else ""

        return cls(
            sources=_strings("sources"),
            types=_strings("types"),
            operators=_strings("operators"),
            entity=_text("entity"),
            since=_number("since"),
            until=_number("until"),
            text=_text("text"),
        )
