"""A supervisor passing a blocked text: the value that will be logged. Persistence and the supervisor
role come with the review issue; here is only what an override is and when one is needed.

The override is bound to the exact text by its hash: any edit after the pass is a different text and
needs a fresh check, so an approved wording cannot be swapped for another one after approval.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from console.screening.screener import Hit, ScreenResult
from console.timeutil import utcnow


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Override:
    """`at` is naive UTC, like every stored time."""

    text_hash: str
    hits: tuple[Hit, ...]
    supervisor: str
    reason: str
    at: datetime

    def __post_init__(self) -> None:
        if not self.supervisor.strip():
            raise ValueError("放行必须由审核人操作。")
        if not self.reason.strip():
            raise ValueError("放行必须填写理由，理由会记入日志。")

    @classmethod
    def for_result(cls, result: ScreenResult, supervisor: str, reason: str, at: datetime | None = None) -> Override:
        """An override of the blocking hits of `result`."""
        return cls(text_hash(result.text), result.blocking_hits, supervisor.strip(), reason.strip(), at or utcnow())

    def covers(self, result: ScreenResult) -> bool:
        """True if this override was given for this very text and every blocking hit in it."""
        return self.text_hash == text_hash(result.text) and set(result.blocking_hits) <= set(self.hits)


def needs_override(result: ScreenResult, override: Override | None = None) -> bool:
    """A text with blocking hits may go out only with a supervisor's override given for it."""
    return result.blocked and (override is None or not override.covers(result))
