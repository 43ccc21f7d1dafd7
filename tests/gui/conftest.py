"""GUI fixtures: a qasync loop on pytest-qt's QApplication, and the real console window wired to a
real hub and sandbox on loopback (the `world` fixture)."""

from __future__ import annotations

import asyncio
import gc

import pytest
import qasync
import shiboken6
from PySide6.QtCore import QObject

from console.settings import Settings
from ui.app import Console, apply_look
from ui.collector import MainThreadCollector


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp):
    """As in the product (ui.app.run_in_loop): garbage holding Qt objects is never collected on the hub's,
    the sandbox's or an executor's thread. Autouse, so it outlives the servers of the test's `world`.

    What survives a test (modules, caches, aiohttp's cache of built apps, which keeps up to 1,024 hubs)
    is then frozen out of later full collections, which would otherwise each scan ~600,000 objects
    (0.3 s) by the end of the run."""
    collector = MainThreadCollector()
    yield
    collector.close()
    gc.freeze()


@pytest.fixture
def qloop(qapp):
    apply_look(qapp)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    loop.close()  # also stops its worker threads
    asyncio.set_event_loop(None)


@pytest.fixture
def console(world, qloop, qtbot, tmp_path):
    """The window, not yet started: a test starts it inside its scenario, on the running loop."""
    settings = Settings(seat_login="seat-desk0001", seat_name="王芳")
    c = Console(
        world.hub_url, f"sqlite:///{tmp_path / 'replica.db'}", settings, password=world.staff("seat-desk0001", "王芳")
    )
    qtbot.addWidget(c.window)
    yield c
    qloop.run_until_complete(c.stop())
    end_desk(c)


def end_desk(c: Console) -> None:
    """Delete the desk's Qt objects now, on this thread. Their signal connections hold lambdas that hold the
    Console: a cycle through Qt that Python cannot collect, so every test's desk would stay in memory."""
    for part in [c.window, *(v for v in vars(c).values() if isinstance(v, QObject))]:
        if shiboken6.isValid(part):
            shiboken6.delete(part)
