"""Regression: PySide6 6.12 on Python 3.11 dropped a reference to None on every call of a Qt
method returning nothing; qasync makes such calls on every callback, and a subscriber at 1,000
messages/s aborted with "Fatal Python error: none_dealloc".

None is immortal on Python 3.12+: its count never changes, so counting it proves nothing. These
count references to objects of ours instead, whose count a binding that drops or leaks a
reference does change, through the same kinds of call: void methods, a stored Python object
coming back, a signal carrying an object to a slot (what qasync and QtBus do all day)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

CALLS = 20_000


class Payload:
    """A plain object: its reference count moves with every reference taken or dropped."""


class Emitter(QObject):
    fired = Signal(object)


def test_void_qt_calls_neither_drop_nor_keep_a_reference_to_their_argument() -> None:
    obj = QObject()
    name = "".join(["connection-", "indicator"])  # built at run time: not an interned constant
    before = sys.getrefcount(name)
    for _ in range(CALLS):
        obj.setObjectName(name)
        obj.blockSignals(False)
    assert sys.getrefcount(name) == before
    assert obj.objectName() == name


def test_a_python_object_stored_in_qt_comes_back_with_its_count_intact() -> None:
    obj, payload = QObject(), Payload()
    obj.setProperty("payload", payload)
    held = sys.getrefcount(payload)
    for _ in range(CALLS):
        assert obj.property("payload") is payload
    assert sys.getrefcount(payload) == held


def test_a_signal_carrying_an_object_to_a_slot_keeps_its_count() -> None:
    emitter, payload = Emitter(), Payload()
    received = 0

    def slot(value: object) -> None:
        nonlocal received
        received += value is payload

    emitter.fired.connect(slot)
    before = sys.getrefcount(payload)
    for _ in range(CALLS):
        emitter.fired.emit(payload)
    assert received == CALLS
    assert sys.getrefcount(payload) == before
