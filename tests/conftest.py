"""Shared fixtures live in tests/helpers/: isolated settings, a real redis-server, a qasync loop."""

import gc
import os
import sys
from collections.abc import Iterator

import pytest

# Qt renders offscreen in tests; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["helpers.fixtures", "helpers.postgres", "helpers.signin"]


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    yield
    # pytest-qt closes a test's widgets with deleteLater(), which Qt carries out only once an event
    # loop runs: a window (and a dialog it left open, the application's modal widget) lived on into
    # a later test, and its objects were left to Python's collector, which may run them down in any
    # thread. Deleted here, in the GUI thread, before the next test starts.
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QEvent

        if QCoreApplication.instance() is not None:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # What the test left in reference cycles (Qt wrappers among them) is freed here, in the GUI
        # thread: left to the collector, it could be freed by the next test's worker thread (a
        # report, a database action held at COMMIT), and a Qt object destroyed outside its thread
        # crashes a later test.
        gc.collect()
