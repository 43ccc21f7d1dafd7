"""Python's cycle collector, run on the GUI thread only.

Python collects reference cycles in whichever thread happens to allocate when a threshold is crossed.
In this program that is often the embedded hub's thread, the sandbox's, or a qasync executor worker. A
cycle that holds a Qt object (a closed dialog and its slots, a widget's timer) then runs the C++
destructor on that thread: Qt warns "QObject::~QObject: Timers cannot be stopped from another thread",
and sometimes the process dies with a segmentation fault. So while the window lives, automatic
collection is off and a timer on the GUI thread collects instead, by the same thresholds Python uses."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250  # often enough that garbage cycles stay few; one check costs microseconds


class MainThreadCollector(QObject):
    """While it is open, garbage cycles are collected on the thread that made it (the GUI thread)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()  # what is garbage already goes at the first tick, on this thread
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(interval_ms)

    def collect_due(self) -> int:
        """Collect the oldest generation whose threshold is passed, as Python's own trigger would."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = -1
        for gen in range(3):
            if thresholds[gen] and counts[gen] > thresholds[gen]:
                generation = gen
        if generation < 0:
            return 0
        return gc.collect(generation)

    def close(self) -> None:
        """Back to Python's own collector, after a last collection on this thread."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
