"""What the calendar shows, as plain values: one scheduled post, and what is special about one day.

No Qt here: the page builds these from its rows, and the views only draw them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

# Drag payload between the views (and from any list that wants to drop a post onto a day): the post id.
POST_MIME = "application/x-wxconsole-post"

STATUSES = ("draft", "review", "returned", "approved", "queued", "publishing", "published", "failed", "unsure")

# One colour per status, readable as a bar and as text on a light background.
STATUS_COLORS: dict[str, str] = {
    "draft": "#8a8f98",
    "review": "#c77c02",
    "returned": "#e8590c",
    "approved": "#1f6feb",
    "queued": "#0b5cad",
    "publishing": "#8250df",
    "published": "#1e7b34",
    "failed": "#d92d20",
    "unsure": "#8b1a1a",
}
FALLBACK_COLOR = "#8a8f98"

DAY_KINDS = ("holiday", "makeup_workday", "weekend", "workday")


@dataclass(frozen=True)
class CalendarEntry:
    post_id: int
    account: str  # display name
    appid: str
    title: str
    when: datetime  # China-local, naive
    status: str  # one of STATUSES
    status_text: str  # e.g. 审核中
    mode: str  # "mass" 群发 | "publish" 发布
    urgent: bool = False
    movable: bool = True  # published/publishing posts cannot be dragged


@dataclass(frozen=True)
class DayMark:
    day: date
    kind: str  # one of DAY_KINDS
    name: str | None = None  # e.g. 国庆节
    quota_text: str = ""  # e.g. 群发剩 0 次
    alarm: str = ""  # "" | "warning" | "alarm"
    note: str = ""  # tooltip, e.g. a rhythm finding


def status_color(status: str) -> str:
    return STATUS_COLORS.get(status, FALLBACK_COLOR)


def short_holiday(name: str | None) -> str:
    """国庆节 → 国庆, 劳动节 → 劳动; 春节 and 元旦 stay whole: fits beside the day number."""
    if not name:
        return ""
    if len(name) > 2 and name.endswith("节"):
        return name[:-1]
    return name


def day_label(mark: DayMark | None) -> str:
    """What sits beside the day number: the holiday's short name (休 if unnamed), 班 for a 调休 workday."""
    if mark is None:
        return ""
    if mark.kind == "holiday":
        return short_holiday(mark.name) or "休"
    if mark.kind == "makeup_workday":
        return "班"
    return ""


def month_grid_start(year: int, month: int) -> date:
    """The Monday on or before the 1st: the first cell of a six-week grid."""
    first = date(year, month, 1)
    return first - timedelta(days=first.weekday())


def by_day(entries: list[CalendarEntry]) -> dict[date, list[CalendarEntry]]:
    """Entries grouped by day, each day in time order (ties by post id, so the order is stable)."""
    days: dict[date, list[CalendarEntry]] = {}
    for entry in sorted(entries, key=lambda e: (e.when, e.post_id)):
        days.setdefault(entry.when.date(), []).append(entry)
    return days


def snap(when: datetime, minutes: int = 15) -> datetime:
    """Round to the nearest step (15 minutes by default)."""
    base = when.replace(second=0, microsecond=0) - timedelta(minutes=when.minute % minutes)
    offset = when - base
    if offset >= timedelta(minutes=minutes) / 2:
        base += timedelta(minutes=minutes)
    return base
