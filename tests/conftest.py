"""Shared fixtures live in tests/helpers/: isolated settings, a real redis-server, a qasync loop."""

import os

# Qt renders offscreen in tests; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["helpers.fixtures", "helpers.postgres", "helpers.signin"]
