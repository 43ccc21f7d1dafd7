"""GUI fixtures: a qasync loop on pytest-qt's QApplication, and the real console window wired to a
real hub and sandbox on loopback (the `world` fixture)."""

from __future__ import annotations

import asyncio

import pytest
import qasync

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
    c = Console(world.hub_url, f"sqlite:///{tmp_path / 'replica.db'}")
    qtbot.addWidget(c.window)
    yield c
    qloop.run_until_complete(c.stop())
