"""Office hours and response timers counted in working time on the Chinese calendar.

Why working time: inspections judge how quickly an office answers followers, and a message that
arrives on Friday evening before a week-long holiday is not "five days late" on the first workday.
Stored times are naive UTC (see `console.timeutil`); office hours are China time. China has had one
zone, UTC+8 without daylight saving, since 1991, so a fixed offset is exact and we do not depend on
the machine's tz database (often missing or stale on office PCs).

The timers walk day by day (never minute by minute), so a wait of two years costs ~730 steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from console.workcal.holidays import HolidayTable

CHINA_TZ = timezone(timedelta(hours=8), "UTC+8")
_OFFSET = timedelta(hours=8)
_SECOND = timedelta(seconds=1)
_MAX_DAYS = 366 * 20  # a guard against an endless walk; no real wait is twenty years long
_TIME = re.compile(r"^\s*(\d{1,2})[:：](\d{2})\s*$")

Span = tuple[time, time]
DEFAULT_SPANS: tuple[Span, ...] = ((time(8, 30), time(12, 0)), (time(14, 30), time(17, 30)))


class OfficeHoursError(ValueError):
    """Office hours that cannot be used; the message is Chinese, for the settings dialog."""


@dataclass(frozen=True)
class OfficeHours:
    """The daily working spans, the same on every workday (上午 8:30–12:00, 下午 14:30–17:30 by default)."""

    spans: tuple[Span, ...] = DEFAULT_SPANS

    def __post_init__(self) -> None:
        if not self.spans:
            raise OfficeHoursError("至少要设置一段上班时间")
        previous: Span | None = None
        for n, (start, end) in enumerate(self.spans, 1):
            if not isinstance(start, time) or not isinstance(end, time):
                raise OfficeHoursError(f"第{n}段的时间格式不对")
            if end <= start:
                raise OfficeHoursError(f"第{n}段的结束时间（{_hm(end)}）必须晚于开始时间（{_hm(start)}）")
            if previous is not None and start < previous[1]:
                raise OfficeHoursError(
                    f"第{n}段（{_hm(start)}–{_hm(end)}）与前一段（{_hm(previous[0])}–{_hm(previous[1])}）"
                    "重叠或顺序颠倒，请按时间先后填写"
                )
            previous = (start, end)

    @property
    def day_seconds(self) -> int:
        """Length of one office day: the unit of "N个工作日"."""
        return sum(_seconds_between(start, end) for start, end in self.spans)

    def describe(self) -> str:
        """What a follower reads: "工作日 8:30–12:00、14:30–17:30" (法定节假日除外 is said by the text
        around it)."""
        return "工作日 " + "、".join(
            f"{start.hour}:{start.minute:02d}–{end.hour}:{end.minute:02d}" for start, end in self.spans
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the settings file: {"spans": [["08:30", "12:00"], ["14:30", "17:30"]]}."""
        return {"spans": [[_hm(start), _hm(end)] for start, end in self.spans]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OfficeHours:
        spans = data.get("spans") if isinstance(data, Mapping) else None
        if not isinstance(spans, list):
            raise OfficeHoursError("上班时间设置缺少 spans（时段列表）")
        return cls(tuple(_parse_span(n, raw) for n, raw in enumerate(spans, 1)))

    @classmethod
    def from_strings(cls, pairs: Iterable[tuple[str, str]]) -> OfficeHours:
        """From what a settings form holds, e.g. [("8:30", "12:00"), ("14:30", "17:30")]."""
        return cls(tuple(_parse_span(n, list(pair)) for n, pair in enumerate(pairs, 1)))


def _parse_span(n: int, raw: Any) -> Span:
    if not isinstance(raw, list | tuple) or len(raw) != 2:
        raise OfficeHoursError(f'第{n}段应写成开始和结束两个时间，例如 ["08:30", "12:00"]')
    return _parse_time(n, raw[0]), _parse_time(n, raw[1])


def _parse_time(n: int, raw: Any) -> time:
    match = _TIME.match(raw) if isinstance(raw, str) else None
    if not match:
        raise OfficeHoursError(f"第{n}段的时间“{raw}”格式不对，应写成 时:分，例如 08:30")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise OfficeHoursError(f"第{n}段的时间“{raw}”不存在（小时 0–23，分钟 0–59）")
    return time(hour, minute)


def _hm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _seconds_between(start: time, end: time) -> int:
    return (end.hour - start.hour) * 3600 + (end.minute - start.minute) * 60 + (end.second - start.second)


def to_china(moment: datetime) -> datetime:
    """Naive China wall-clock time from a stored naive-UTC (or any aware) datetime."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment + _OFFSET


def from_china(local: datetime) -> datetime:
    """Naive UTC, the stored form, from naive China wall-clock time."""
    return local - _OFFSET


def china_today(now_utc: datetime) -> date:
    return to_china(now_utc).date()


def working_seconds(start_utc: datetime, end_utc: datetime, table: HolidayTable, hours: OfficeHours) -> int:
    """Office-hour seconds on workdays between two moments (0 if `end` is not after `start`)."""
    start, end = to_china(start_utc), to_china(end_utc)
    if end <= start:
        return 0
    total = timedelta(0)
    day = start.date()
    while day <= end.date():
        if table.is_workday(day):
            for span_start, span_end in hours.spans:
                lo = max(datetime.combine(day, span_start), start)
                hi = min(datetime.combine(day, span_end), end)
                if hi > lo:
                    total += hi - lo
        day += timedelta(days=1)
    return total // _SECOND


def add_working_time(start_utc: datetime, seconds: int, table: HolidayTable, hours: OfficeHours) -> datetime:
    """The naive-UTC moment at which `seconds` of working time have passed since `start_utc`.

    The earliest such moment: a limit used up exactly at 12:00 is due at 12:00, not at 14:30.
    Used for "overdue at"; `working_seconds(start, add_working_time(start, s)) == s`.
    """
    if seconds < 0:
        raise ValueError("seconds must not be negative")
    cursor = to_china(start_utc)
    if seconds == 0:
        return from_china(cursor)
    remaining = timedelta(seconds=seconds)
    day = cursor.date()
    for _ in range(_MAX_DAYS):
        if table.is_workday(day):
            for span_start, span_end in hours.spans:
                lo = max(datetime.combine(day, span_start), cursor)
                hi = datetime.combine(day, span_end)
                if hi <= lo:
                    continue
                if remaining <= hi - lo:
                    return from_china(lo + remaining)
                remaining -= hi - lo
        day += timedelta(days=1)
    raise ValueError(f"no working time found within {_MAX_DAYS} days of {start_utc}")


def describe_wait(seconds: int, hours: OfficeHours | None = None) -> str:
    """Working time in words: "不到1分钟", "20分钟", "3小时20分", "2个工作日", "1个工作日3小时".

    A working day is the length of the office day (6.5 hours by default), so "1个工作日" means what
    staff mean by it, not 24 hours.
    """
    day = (hours or OfficeHours()).day_seconds
    seconds = max(0, int(seconds))
    if seconds < 60:
        return "不到1分钟"
    if seconds < 3600:
        return f"{seconds // 60}分钟"
    if seconds < day:
        h, m = divmod(seconds // 60, 60)
        return f"{h}小时{m}分" if m else f"{h}小时"
    days, rest = divmod(seconds, day)
    h = rest // 3600
    return f"{days}个工作日{h}小时" if h else f"{days}个工作日"


@dataclass(frozen=True)
class Waiting:
    """How long a follower has waited in working time, and when the office's limit runs out."""

    seconds: int
    text: str
    limit_seconds: int | None = None
    due_at: datetime | None = None  # naive UTC

    @property
    def overdue(self) -> bool:
        return self.limit_seconds is not None and self.seconds >= self.limit_seconds

    @property
    def left_seconds(self) -> int | None:
        return None if self.limit_seconds is None else max(0, self.limit_seconds - self.seconds)


def measure_wait(
    received_utc: datetime,
    now_utc: datetime,
    table: HolidayTable,
    hours: OfficeHours,
    limit_seconds: int | None = None,
) -> Waiting:
    """The timer the inbox shows beside a message waiting for a reply."""
    seconds = working_seconds(received_utc, now_utc, table, hours)
    due = add_working_time(received_utc, limit_seconds, table, hours) if limit_seconds is not None else None
    return Waiting(seconds, describe_wait(seconds, hours), limit_seconds, due)
