"""Which characters of user text the event consumers reject.

Apart from the codec so that the forms that check what an operator types (before the first
window paints) need not import the codec's JSON Schema validator.
"""

from __future__ import annotations

import re

# C0/C1 control characters (tab, newline and carriage return are fine), the Unicode bidi
# embedding/override/isolate controls ("Trojan Source") and lone surrogates.
FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def forbidden_text(value: str) -> bool:
    """True when user text holds characters that consumers reject (control, bidi override)."""
    return FORBIDDEN_CHARS.search(value) is not None
