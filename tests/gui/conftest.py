"""GUI fixtures: a qasync loop on pytest-qt's QApplication, and the real console window wired to a
real hub and sandbox on loopback (the `world` fixture)."""

from __future__ import annotations

import asyncio

import pytest
import qasync

from console.settings import Settings
from ui.app import Console, apply_look


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
