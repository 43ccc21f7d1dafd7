"""Garbage that holds Qt objects is collected on the GUI thread, whatever thread allocates meanwhile.

Before, Python's collector ran in whichever thread crossed its threshold (the hub's, the sandbox's, a
qasync executor's), destroyed a desk's widgets and timers there, and Qt answered with "Timers cannot be
stopped from another thread" or a segmentation fault (CI, November 2026)."""

from __future__ import annotations

import asyncio
import gc
import threading

from PySide6.QtCore import QObject, QTimer

from ui.app import run_in_loop


class Holder:
    """A Qt object with a running timer inside a reference cycle, like a closed dialog and its slots."""

    def __init__(self, finalized: list[str]) -> None:
        self.finalized = finalized
        self.qobject = QObject()
        self.timer = QTimer(self.qobject)
        self.timer.start(60_000)
        self.me = self  # the cycle: only the collector frees it

    def __del__(self) -> None:
        self.finalized.append(threading.current_thread().name)


def churn() -> None:
    """Allocations on another thread, enough to cross Python's collection thresholds many times."""
    for _ in range(200_000):
        cycle: list = []
        cycle.append(cycle)


def test_garbage_is_collected_on_the_gui_thread_not_where_it_was_crossed(qapp):
    gc.enable()  # as a fresh program starts; the fixture's own collector is not what is tested here
    finalized: list[str] = []

    async def main() -> int:
        Holder(finalized)  # garbage at once, but only a collection finds it
        await asyncio.to_thread(churn)  # the loop's executor: the threads that used to collect
        assert finalized == [], f"collected on {finalized}"
        for _ in range(100):
            if finalized:
                break
            await asyncio.sleep(0.05)
        return 0

    assert run_in_loop(qapp, main) == 0
    assert finalized == [threading.main_thread().name]
    assert gc.isenabled()  # the program's collector hands back to Python's when the loop ends
