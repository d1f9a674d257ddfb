"""Tooltips that show a text exactly as written.

    plain_tooltip("<b>not bold</b>\n  indented")

Qt treats a tooltip that looks like markup as rich text; data (a caller's subject, an event's
summary) is escaped into a rich-text wrapper that keeps its line breaks and spaces.
"""

from __future__ import annotations


def plain_tooltip(text: str) -> str:
    import html  # with the first tooltip: ~1.5 ms that no window's first frame needs

    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"
