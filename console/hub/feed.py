"""Wakes long-polling desktops when something changed, so new messages show without a refresh."""

from __future__ import annotations

import asyncio
import contextlib


class ChangeFeed:
    def __init__(self) -> None:
        self._event = asyncio.Event()
        self.closed = False

    def close(self) -> None:
        """Shutting down: release every waiting request now instead of at its timeout."""
        self.closed = True
        self._event.set()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    def mark(self) -> asyncio.Event:
        """Take this before reading the database; waiting on it then misses no change made meanwhile."""
        return self._event

    async def wait(self, timeout: float, event: asyncio.Event | None = None) -> None:
        if self.closed:
            return
        event = event or self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)
