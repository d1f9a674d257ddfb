"""Regression: PySide6 6.12 on Python 3.11 dropped a reference to None on every call of a Qt
method returning nothing; qasync makes such calls on every callback and a subscriber at 1,000
messages/s aborted with "Fatal Python error: none_dealloc". On 3.12+ None is immortal."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_do_not_drop_references_to_none() -> None:
    assert sys.version_info >= (3, 12), "Integrado needs Python 3.12+ (see README)"
    obj = QObject()
    before = sys.getrefcount(None)
    for i in range(20_000):
        obj.setObjectName("n" if i % 2 else "m")
    after = sys.getrefcount(None)
    assert after >= before, f"None lost {before - after} references"
