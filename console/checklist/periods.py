"""How often a checklist item recurs, and when it is due.

An item is due at the END of the period after the one it was last done in, not "N days after": offices
plan checks by calendar month, quarter and year (the inspections count that way too), so a quarterly
check done on 28 March (Q1) counts for Q1 and is next due by 30 June (end of Q2), while one done on
1 April counts for Q2 and is next due by 30 September. Dates are China dates.
"""

from __future__ import annotations

from datetime import date, timedelta

PERIODS = ("once", "monthly", "quarterly", "yearly")
PERIOD_TEXT: dict[str, str] = {"once": "一次性", "monthly": "每月", "quarterly": "每季度", "yearly": "每年"}

# A one-off item nobody has planned is given a month: long enough to arrange, short enough to be seen.
ONCE_DAYS = 30
# "即将到期" this many days ahead: two weeks leaves time to book the person and the screenshot.
DUE_SOON_DAYS = 14

STATES = ("overdue", "due_soon", "unsigned", "ok")
STATE_TEXT: dict[str, str] = {
    "overdue": "已逾期",
    "due_soon": "即将到期",
    "unsigned": "待签核",
    "ok": "正常",
}


class PeriodError(ValueError):
    """A period name this version does not know."""


def _check(period: str) -> None:
    if period not in PERIODS:
        raise PeriodError(f"检查周期“{period}”不对，应为：一次性、每月、每季度或每年")


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def _quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def period_of(period: str, day: date) -> tuple[date, date]:
    """First and last day of the period containing `day` (a one-off item's "period" is the day itself)."""
    _check(period)
    if period == "monthly":
        return date(day.year, day.month, 1), _month_end(day.year, day.month)
    if period == "quarterly":
        first_month = (_quarter(day) - 1) * 3 + 1
        return date(day.year, first_month, 1), _month_end(day.year, first_month + 2)
    if period == "yearly":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day


def next_due(period: str, done_on: date) -> date | None:
    """The end of the period after the one `done_on` falls in; None for a one-off item (done is done)."""
    _check(period)
    if period == "once":
        return None
    _first, last = period_of(period, done_on)
    return period_of(period, last + timedelta(days=1))[1]


def first_due(period: str, today: date) -> date:
    """A fresh item is due by the end of the current period (a one-off item: in ONCE_DAYS days)."""
    _check(period)
    if period == "once":
        return today + timedelta(days=ONCE_DAYS)
    return period_of(period, today)[1]


def label(period: str, day: date) -> str:
    """The period containing `day` in words: "2026年3月", "2026年第1季度", "2026年" (one-off: the date)."""
    _check(period)
    if period == "monthly":
        return f"{day.year}年{day.month}月"
    if period == "quarterly":
        return f"{day.year}年第{_quarter(day)}季度"
    if period == "yearly":
        return f"{day.year}年"
    return f"{day.year}年{day.month}月{day.day}日"


def state(due_on: date | None, last_done_on: date | None, today: date, signed: bool | None) -> str:
    """Where an item stands today. `signed`: whether its latest record is signed off, None when it has no
    record. Lateness comes first (it is what an inspection marks down), then a done-but-unsigned record
    (the supervisor still owes a look), else ok. A one-off item done (`due_on` None) is never late."""
    if due_on is not None and due_on < today:
        return "overdue"
    if due_on is not None and (due_on - today).days <= DUE_SOON_DAYS:
        return "due_soon"
    if last_done_on is not None and signed is False:
        return "unsigned"
    return "ok"
