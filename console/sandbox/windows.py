"""The 客服 (customer-service) message window: which follower interaction allows how many replies, how long.

WeChat only lets an account message a follower who recently interacted with it. A message from the
follower opens 48 hours / 5 messages; a follow, menu click or scan opens 1 minute / 3 messages. The
latest interaction replaces the window, it never adds to it.
"""

from dataclasses import dataclass

MESSAGE_KINDS = frozenset({"text", "image", "voice", "video", "shortvideo", "location", "link"})
SHORT_EVENT_KINDS = frozenset({"subscribe", "CLICK", "VIEW", "SCAN"})

MESSAGE_WINDOW = (48 * 3600.0, 5)
EVENT_WINDOW = (60.0, 3)


@dataclass
class ServiceWindow:
    """An open window: sending is allowed while now < closes_at and used < quota."""

    closes_at: float
    quota: int
    used: int = 0


def window_for(kind: str, now: float) -> ServiceWindow | None:
    """The window a given interaction opens, or None for interactions that open none (e.g. LOCATION)."""
    if kind in MESSAGE_KINDS:
        seconds, quota = MESSAGE_WINDOW
    elif kind in SHORT_EVENT_KINDS:
        seconds, quota = EVENT_WINDOW
    else:
        return None
    return ServiceWindow(closes_at=now + seconds, quota=quota)
