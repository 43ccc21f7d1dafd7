"""The WeChat mass-send (群发) quota, checked before a send is planned rather than when it fails.

Why check ourselves: WeChat refuses a mass send over quota only at send time, often at 08:00 with
nobody at the desk, and the article then silently misses its day. A subscription account
(订阅号) gets 1 mass send per China calendar day, a service account (服务号) 4 per China calendar
month; "发布" (freepublish) uses none. Periods are China dates: a send at 23:30 UTC is already the
next day in the county office, so every stored naive-UTC time goes through `to_china` first.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from console.workcal.hours import to_china

SUBSCRIPTION_PER_DAY = 1
SERVICE_PER_MONTH = 4

SUBSCRIPTION = "subscription"
SERVICE = "service"

_PUBLISH_HINT = "或改为“发布”（不占群发次数）"


@dataclass(frozen=True)
class QuotaPeriod:
    """The stretch of China dates one quota covers: a day (订阅号) or a calendar month (服务号)."""

    start: date
    end: date  # inclusive
    limit: int
    label: str  # "11月26日" / "2026年11月"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class QuotaVerdict:
    """Whether one more mass send fits, and the sentence to show when it does not.

    `used` counts the sends already in the period (sent or planned) and `left` what remains of the
    limit before the send being asked about is added.
    """

    ok: bool
    period: QuotaPeriod
    used: int
    left: int
    reason: str  # "" when ok


def period_for(account_type: str, day: date) -> QuotaPeriod:
    """The quota period containing the China date `day` for this kind of account."""
    if account_type == SUBSCRIPTION:
        return QuotaPeriod(day, day, SUBSCRIPTION_PER_DAY, f"{day.month}月{day.day}日")
    if account_type == SERVICE:
        last = calendar.monthrange(day.year, day.month)[1]
        return QuotaPeriod(day.replace(day=1), day.replace(day=last), SERVICE_PER_MONTH, f"{day.year}年{day.month}月")
    raise ValueError(f"不认识的公众号类型“{account_type}”，应为订阅号（subscription）或服务号（service）")


def check_mass(account_type: str, when_utc: datetime, others_utc: Iterable[datetime]) -> QuotaVerdict:
    """May one more mass send be planned at `when_utc` (naive UTC)?

    `others_utc` are the account's other mass sends already sent or planned (not failed or
    cancelled), not including the one being planned.
    """
    return left(account_type, to_china(when_utc).date(), others_utc)


def left(account_type: str, day: date, sends_utc: Iterable[datetime]) -> QuotaVerdict:
    """What is left of the quota in the period containing the China date `day`."""
    period = period_for(account_type, day)
    used = sum(1 for moment in sends_utc if period.contains(to_china(moment).date()))
    remaining = max(0, period.limit - used)
    ok = remaining > 0
    return QuotaVerdict(ok, period, used, remaining, "" if ok else _refusal(account_type, period, used))


def _refusal(account_type: str, period: QuotaPeriod, used: int) -> str:
    """Say which period is full, what the rule is and what to do instead."""
    if account_type == SUBSCRIPTION:
        return (
            f"{period.label}已群发或已安排群发 {used} 次，订阅号每天只能群发 {period.limit} 次，"
            f"请改到其他日期，{_PUBLISH_HINT}。"
        )
    following = period.end + timedelta(days=1)
    return (
        f"{period.label}已群发或已安排群发 {used} 次，服务号每月只能群发 {period.limit} 次，"
        f"请改到{following.year}年{following.month}月，{_PUBLISH_HINT}。"
    )
