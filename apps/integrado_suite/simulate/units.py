"""Rates and durations as people type them ("300/min", "1h30m") and elapsed time as they read it."""

from __future__ import annotations

import argparse
import re

_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*(s|sec|m|min|h))?\s*$", re.IGNORECASE)
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(h|m|s)", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}


def parse_rate(text: str) -> float:
    """Actions per second for the whole office: "5/s", "300/min", "2/h", or a bare "5" (per second)."""
    match = _RATE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"invalid rate {text!r}: use e.g. 5/s, 300/min or 0.5/s")
    value = float(match.group(1)) / _UNIT_SECONDS[(match.group(2) or "s").lower()]
    if value <= 0:
        raise argparse.ArgumentTypeError(f"invalid rate {text!r}: must be more than zero")
    if value > 10_000:
        raise argparse.ArgumentTypeError(f"invalid rate {text!r}: at most 10000/s")
    return value


def parse_duration(text: str) -> float | None:
    """Seconds: "10m", "90s", "1h30m", a bare "45" (seconds); "0" or "forever" runs until stopped."""
    raw = text.strip().lower()
    if raw in ("forever", "inf", "0"):
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return float(raw)
    if not raw or _DURATION_PART.sub("", raw) != "":
        raise argparse.ArgumentTypeError(f"invalid duration {text!r}: use e.g. 10m, 90s, 1h30m or forever")
    return sum(float(n) * _UNIT_SECONDS[u] for n, u in _DURATION_PART.findall(raw))


def format_clock(seconds: float) -> str:
    """ "04:05" under an hour, "1:02:03" from an hour on."""
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60:02d}:{seconds % 60:02d}"
