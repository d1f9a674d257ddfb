"""The floor of every start-up figure: a bare PySide6 window that imports nothing else.

    python packaging/startup_floor.py <time.time() just before the spawn>
    <bundle>/integrado --startup-floor <time.time() just before the spawn>

Shows an empty `QMainWindow` and prints `{"painted": <ms>}`: from the given moment to the window's
first Paint, seen by an event filter on that window alone (as the programs' own first paint is
seen). `bench/startup_bench.py` and `packaging/measure_startup.py` both measure against it, from
source; the launcher runs the same code inside the bundle for the frozen floor.
"""

import sys
import time


def main(started: float) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    seen: list[float] = []

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not seen:
                seen.append(time.time())
                QTimer.singleShot(0, app.quit)
            return False

    window = QMainWindow()
    watch = Painted()
    window.installEventFilter(watch)
    window.show()
    QTimer.singleShot(10_000, app.quit)
    app.exec()
    if not seen:
        print("the floor window did not paint", file=sys.stderr)
        return 1
    print('{"painted": %.1f}' % ((seen[0] - started) * 1000), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(float(sys.argv[1])))
