"""The office's business calendar: opening hours per weekday, holidays and a time zone, and the
arithmetic of business time over them (how much office time lies between two moments, when a
given amount of office time from now runs out).

CallSystem's SLA clock, the console's wallboard and its reports all use this one calendar, read
from the `[callsystem.calendar]` settings section:

    [callsystem.calendar]
    time_zone = "America/Sao_Paulo"        # default: this computer's zone
    holidays = "BR"                        # national holidays of this country; "" for none
    holiday_subdivision = "SP"             # optional: the state's holidays too
    extra_holidays = ["2026-12-24", "2026-12-31"]
    [callsystem.calendar.hours]            # default: mon-fri 08:00-18:00, weekend closed
    mon = "08:00-12:00, 13:00-18:00"
    sat = "08:00-12:00"
    sun = ""                               # closed

Without the section the calendar is always open (the SLA clock runs around the clock, as it did
before calendars existed): a guessed set of office hours would move every due time of an office
that works nights without anyone having asked for it.

Times are epoch seconds; the opening hours are wall-clock times in the calendar's zone, so a
day on which the clocks change still opens at 08:00 local time.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from integrado.settings import SettingsError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_HOURS = "08:00-18:00"
DEFAULT_HOLIDAY_COUNTRY = "BR"
# A calendar with no open hour in this many days is a mistake, not an office.
MAX_SEARCH_DAYS = 3660
_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")

Span = tuple[time, time | None]
"""An opening span of one day: from, to (None: until midnight)."""


class CalendarError(SettingsError, ValueError):
    """A `[callsystem.calendar]` setting that cannot be used (the message names it)."""


def parse_spans(text: str) -> tuple[Span, ...]:
    """ "08:00-12:00, 13:00-18:00" -> spans; "" -> closed; "24:00" means until midnight."""
    spans: list[Span] = []
    for part in text.split(","):
        if not part.strip():
            continue
        match = _SPAN.match(part)
        if not match:
            raise CalendarError(f"{part.strip()!r} is not an opening span like 08:00-18:00")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
            raise CalendarError(f"{part.strip()!r} is not a time of day")
        start = time(h1, m1)
        end = None if h2 == 24 else time(h2, m2)
        if end is not None and end <= start:
            raise CalendarError(f"{part.strip()!r} ends before it starts")
        spans.append((start, end))
    spans.sort(key=lambda span: span[0])
    for (_, end), (start, _) in itertools.pairwise(spans):
        if end is None or start < end:
            raise CalendarError(f"{text!r}: opening spans overlap")
    return tuple(spans)


def local_zone() -> tzinfo:
    """This computer's time zone, with its daylight-saving rules where they can be found."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").lstrip(":")
    candidates = [name] if name else []
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for candidate in candidates:
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    # No zone name (Windows without tzdata): today's offset; right for zones without DST.
    return datetime.now().astimezone().tzinfo or UTC


def national_holidays(country: str, subdivision: str | None, years: Iterable[int]) -> frozenset[date]:
    """The public holidays of a country (ISO 3166 code) from the `holidays` package."""
    if country.upper() == "BR":
        # Imported by name so that a frozen build bundles it (the package loads countries lazily).
        from holidays.countries.brazil import Brazil

        return frozenset(Brazil(subdiv=subdivision, years=list(years)).keys())
    import holidays

    try:
        table = holidays.country_holidays(country.upper(), subdiv=subdivision, years=list(years))
    except NotImplementedError:
        raise CalendarError(f"no holiday list for the country {country!r}") from None
    return frozenset(table.keys())


@dataclass(frozen=True)
class BusinessCalendar:
    """Opening hours per weekday (Monday = 0) and holidays, in a time zone.

    `always_open` short-cuts the arithmetic to plain differences (the default calendar).
    Holidays come from `holiday_dates` plus, for a year first asked about, the national list of
    `holiday_country` (computed lazily, so a calendar used for 2026 does not list 1970–2100).
    """

    zone: tzinfo = UTC
    hours: tuple[tuple[Span, ...], ...] = ((),) * 7
    holiday_dates: frozenset[date] = frozenset()
    holiday_country: str = ""
    holiday_subdivision: str | None = None
    always_open: bool = False
    # Each day's spans as epoch pairs, worked out once (a report asks for the same days often).
    _days: dict[date, tuple[tuple[float, float], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    _last_day: list[tuple[float, float, date]] = field(
        default_factory=lambda: [(0.0, 0.0, date.min)], init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        if len(self.hours) != 7:
            raise CalendarError("opening hours need one entry per weekday")
        if not self.always_open and not any(self.hours):
            raise CalendarError("the office is never open: give opening hours for at least one weekday")

    # -- construction ---------------------------------------------------------------------------

    @classmethod
    def always(cls) -> BusinessCalendar:
        """Open around the clock, every day (the SLA clock as a stopwatch)."""
        # The zone does not change the arithmetic; it is where reports start and end their days.
        return cls(zone=local_zone(), hours=(((time(0), None),),) * 7, always_open=True)

    @classmethod
    def office(
        cls,
        zone: tzinfo | str,
        hours: Mapping[str, str] | None = None,
        *,
        holiday_country: str = DEFAULT_HOLIDAY_COUNTRY,
        holiday_subdivision: str | None = None,
        extra_holidays: Iterable[date] = (),
    ) -> BusinessCalendar:
        """A calendar from readable parts: hours by weekday name ("mon": "08:00-18:00")."""
        from zoneinfo import ZoneInfo

        table = {day: (DEFAULT_HOURS if i < 5 else "") for i, day in enumerate(WEEKDAYS)}
        for name, spans in (hours or {}).items():
            day = str(name).lower()[:3]
            if day not in table:
                raise CalendarError(f"{name!r} is not a weekday (mon, tue, wed, thu, fri, sat, sun)")
            table[day] = spans
        return cls(
            zone=ZoneInfo(zone) if isinstance(zone, str) else zone,
            hours=tuple(parse_spans(table[day]) for day in WEEKDAYS),
            holiday_dates=frozenset(extra_holidays),
            holiday_country=holiday_country,
            holiday_subdivision=holiday_subdivision,
        )

    @classmethod
    def from_settings(cls, raw: Mapping[str, Any]) -> BusinessCalendar:
        """The `[callsystem.calendar]` section; always open when there is none.

        Raises CalendarError for a value that cannot be used (the message names the key)."""
        section = raw.get("callsystem", {})
        table = section.get("calendar") if isinstance(section, Mapping) else None
        if not isinstance(table, Mapping):
            return cls.always()
        zone_name = table.get("time_zone", "")
        if not isinstance(zone_name, str):
            raise CalendarError("callsystem.calendar.time_zone must be a zone name like America/Sao_Paulo")
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            zone: tzinfo = ZoneInfo(zone_name) if zone_name else local_zone()
        except (ZoneInfoNotFoundError, ValueError):
            raise CalendarError(f"callsystem.calendar.time_zone: unknown time zone {zone_name!r}") from None
        hours = table.get("hours", {})
        if not isinstance(hours, Mapping) or not all(isinstance(v, str) for v in hours.values()):
            raise CalendarError('callsystem.calendar.hours: give each weekday as mon = "08:00-18:00"')
        country = table.get("holidays", DEFAULT_HOLIDAY_COUNTRY)
        subdivision = table.get("holiday_subdivision")
        if not isinstance(country, str) or (subdivision is not None and not isinstance(subdivision, str)):
            raise CalendarError('callsystem.calendar.holidays: a country code such as "BR", or "" for none')
        extra: list[date] = []
        for item in table.get("extra_holidays", []) or []:
            try:
                extra.append(item if isinstance(item, date) else date.fromisoformat(str(item)))
            except ValueError:
                raise CalendarError(
                    f"callsystem.calendar.extra_holidays: {item!r} is not a date (YYYY-MM-DD)"
                ) from None
        try:
            calendar = cls.office(
                zone,
                {str(k): str(v) for k, v in hours.items()},
                holiday_country=country,
                holiday_subdivision=subdivision or None,
                extra_holidays=extra,
            )
            calendar.is_holiday(date.today())  # an unknown country fails now, not mid-action
        except CalendarError as exc:
            raise CalendarError(f"callsystem.calendar: {exc}") from None
        return calendar

    # -- days -------------------------------------------------------------------------------------

    def is_holiday(self, day: date) -> bool:
        if day in self.holiday_dates:
            return True
        return bool(self.holiday_country) and day in _national(self.holiday_country, self.holiday_subdivision, day.year)

    def local_date(self, at: float) -> date:
        # The day asked for last, kept with its bounds: a report asks about the same day over and
        # over, and a bounds check is a tenth of a time-zone conversion.
        start, end, day = self._last_day[0]  # one tuple, replaced whole: safe across threads
        if start <= at < end:
            return day
        day = datetime.fromtimestamp(at, self.zone).date()
        self._last_day[0] = (self.day_start(day), self.day_start(day + timedelta(days=1)), day)
        return day

    def day_start(self, day: date) -> float:
        """Epoch seconds of local midnight starting `day` (or the first moment after, on a day
        whose midnight the clocks skipped)."""
        return _wall(day, time(0), self.zone)

    def open_spans(self, day: date) -> tuple[tuple[float, float], ...]:
        """The day's opening spans as epoch (start, end) pairs; none on a holiday."""
        return _spans(self, day)

    def is_open(self, at: float) -> bool:
        if self.always_open:
            return True
        return any(start <= at < end for start, end in self.open_spans(self.local_date(at)))

    # -- arithmetic -------------------------------------------------------------------------------

    def between(self, start: float, end: float) -> float:
        """Seconds of office time in [start, end) (negative when end < start)."""
        if self.always_open:
            return end - start
        if end < start:
            return -self.between(end, start)
        total = 0.0
        day = self.local_date(start)
        last = self.local_date(end)
        while day <= last:
            for a, b in self.open_spans(day):
                lo, hi = max(a, start), min(b, end)
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total

    def add(self, start: float, seconds: float) -> float:
        """The moment at which `seconds` of office time after `start` have passed (before it,
        for a negative amount). From outside the hours, the count starts at the next opening."""
        if self.always_open:
            return start + seconds
        if seconds < 0:
            return self._back(start, -seconds)
        left = seconds
        day = self.local_date(start)
        for _ in range(MAX_SEARCH_DAYS):
            for a, b in self.open_spans(day):
                lo = max(a, start)
                if b <= lo:
                    continue
                if left <= b - lo:
                    return lo + left
                left -= b - lo
            day += timedelta(days=1)
        raise CalendarError("no opening hours within ten years")

    def _back(self, start: float, seconds: float) -> float:
        left = seconds
        day = self.local_date(start)
        for _ in range(MAX_SEARCH_DAYS):
            for a, b in reversed(self.open_spans(day)):
                hi = min(b, start)
                if hi <= a:
                    continue
                if left <= hi - a:
                    return hi - left
                left -= hi - a
            day -= timedelta(days=1)
        raise CalendarError("no opening hours within ten years")


def _wall(day: date, clock: time, zone: tzinfo) -> float:
    """A local wall-clock time as epoch seconds. A time the clocks skipped (spring forward) is
    read with the offset before the jump (PEP 495, fold=0): an opening at the skipped midnight
    of a Brazilian DST start is the moment of the jump, when the clocks show 01:00."""
    return datetime.combine(day, clock, tzinfo=zone).timestamp()


def _spans(calendar: BusinessCalendar, day: date) -> tuple[tuple[float, float], ...]:
    cached = calendar._days.get(day)
    if cached is not None:
        return cached
    if len(calendar._days) > 20_000:
        calendar._days.clear()
    if calendar.is_holiday(day):
        calendar._days[day] = ()
        return ()
    result = []
    for start, end in calendar.hours[day.weekday()]:
        a = _wall(day, start, calendar.zone)
        b = _wall(day + timedelta(days=1), time(0), calendar.zone) if end is None else _wall(day, end, calendar.zone)
        if b > a:
            result.append((a, b))
    calendar._days[day] = spans = tuple(result)
    return spans


@functools.lru_cache(maxsize=256)
def _national(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    return national_holidays(country, subdivision, (year,))


@functools.cache
def always_open() -> BusinessCalendar:
    """The default calendar: open around the clock (no `[callsystem.calendar]` section). Made
    on first use: finding the local time zone imports zoneinfo (~2 ms of a window's start)."""
    return BusinessCalendar.always()
