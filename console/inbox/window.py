"""WeChat's 客服 window as the inbox sees it: how long and how many messages are left before WeChat
would answer 45015 (window closed) or 45047 (quota used), so the composer can refuse first and say
what else can be done. A follower's message opens 48 hours / 5 messages; a follow, menu click or
scan opens 1 minute / 3 messages; the latest interaction replaces the window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

MESSAGE_WINDOW = (timedelta(hours=48), 5)
EVENT_WINDOW = (timedelta(minutes=1), 3)

NO_WINDOW = "这位粉丝还没有给公众号发过消息，微信不允许主动发客服消息。"
CLOSED = "距粉丝最后一次留言已超过 48 小时，微信不再允许发送客服消息。"
EVENT_CLOSED = "粉丝点击菜单或关注后只有 1 分钟可以回复，现已超时。"
QUOTA = "粉丝留言后最多可回复 {quota} 条，已用完。"
WHAT_ELSE = "可以等粉丝再次留言后回复，或写内部备注留存；需要广泛告知的内容可安排图文发布。"


@dataclass(frozen=True)
class WindowState:
    closes_at: datetime | None
    quota: int
    used: int
    now: datetime

    @property
    def seconds_left(self) -> int:
        if self.closes_at is None:
            return 0
        return max(0, int((self.closes_at - self.now).total_seconds()))

    @property
    def left(self) -> int:
        return max(0, self.quota - self.used)

    @property
    def is_open(self) -> bool:
        return self.refusal is None

    @property
    def refusal(self) -> str | None:
        """Why WeChat would refuse a 客服 message now, with what else can be done; None if it would go."""
        if self.closes_at is None:
            return f"{NO_WINDOW}{WHAT_ELSE}"
        if self.now >= self.closes_at:
            closed = EVENT_CLOSED if self.quota == EVENT_WINDOW[1] else CLOSED
            return f"{closed}{WHAT_ELSE}"
        if self.used >= self.quota:
            return f"{QUOTA.format(quota=self.quota)}{WHAT_ELSE}"
        return None


def window_state(
    last_inbound_at: datetime | None, last_inbound_kind: str | None, used: int, now: datetime
) -> WindowState:
    """The window the follower's last interaction opened (kind "message" or "event"), seen at `now`."""
    if last_inbound_at is None:
        return WindowState(None, 0, used, now)
    length, quota = EVENT_WINDOW if last_inbound_kind == "event" else MESSAGE_WINDOW
    return WindowState(last_inbound_at + length, quota, used, now)


def describe_window(state: WindowState) -> str:
    """One line for the composer: "客服窗口还剩 12 小时 5 分，可再发 4 条"."""
    if state.refusal is not None:
        return (
            "客服窗口已关闭"
            if state.closes_at is not None and state.now >= state.closes_at
            else ("客服消息额度已用完" if state.closes_at is not None else "暂不能发客服消息")
        )
    seconds = state.seconds_left
    hours, minutes = divmod(seconds // 60, 60)
    if hours:
        span = f"{hours} 小时 {minutes} 分"
    elif minutes:
        span = f"{minutes} 分钟"
    else:
        span = f"{seconds} 秒"
    return f"客服窗口还剩 {span}，可再发 {state.left} 条"
