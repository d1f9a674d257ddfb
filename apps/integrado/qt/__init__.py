"""Qt glue shared by the three apps: qasync runner, excepthook, signal adapters, status bar.

Importing this package also takes PySide6's import hook off again. PySide6 replaces
`builtins.__import__` so that a module may write `from __feature__ import snake_case`; after
every import it then reads the imported module's whole source (`inspect.getsource`) to see
whether it mentions PySide6. Integrado uses no `__feature__`, and that reading made up about a
quarter of the import time of everything imported after PySide6 (the window's modules before
the first paint, SQLAlchemy and redis after it): each app's composition root imports this
package first.
"""

from __future__ import annotations

import builtins

import PySide6.QtCore  # noqa: F401 - its import is what installs the hook


def _take_off_feature_import() -> None:
    original = getattr(builtins, "__orig_import__", None)
    if original is not None and getattr(builtins.__import__, "__name__", "") == "__feature_import__":
        builtins.__import__ = original


_take_off_feature_import()
