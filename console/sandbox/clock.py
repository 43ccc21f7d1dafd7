"""The sandbox's notion of "now", separate from the wall clock.

Tests and demos must be able to jump 49 hours ahead to watch access tokens expire and 客服 windows
close, without waiting; every time-based rule in the sandbox therefore asks this clock, never time.time().
"""

import time


class SandboxClock:
    """Wall-clock time plus an offset that only ever grows, so "now" stays monotonic for the sandbox."""

    def __init__(self) -> None:
        self._offset = 0.0

    def now(self) -> float:
        """Current sandbox time as a Unix timestamp."""
        return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        """Jump forward; going backwards is refused because expiry rules assume time never rewinds."""
        if seconds < 0:
            raise ValueError("the sandbox clock only moves forward")
        self._offset += seconds
