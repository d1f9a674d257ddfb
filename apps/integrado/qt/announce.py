"""Status changes spoken by screen readers: a registered call, a conflict, a lost connection.

A status bar message or a label changing colour is seen, not heard; an accessibility
announcement (Qt 6.8+) is read out by Orca, NVDA or VoiceOver without moving the focus."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, text: str, *, urgent: bool = False) -> None:
    """Have assistive technologies read `text` out; `urgent` interrupts what they are saying
    (a conflict, a lost connection), otherwise it waits its turn (a call registered)."""
    if not text:
        return
    # Imported at the first announcement, never before a window's first paint: QAccessible's
    # enums (every role and event of the accessibility API) take ~5 ms to create in PySide6.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    event = QAccessibleAnnouncementEvent(widget, text)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if urgent else politeness.Polite)
    QAccessible.updateAccessibility(event)
