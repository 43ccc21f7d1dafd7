"""Wakes long-polling desktops when something changed, so new messages show without a refresh."""

from __future__ import annotations

import asyncio
import contextlib


class ChangeFeed:
    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)
