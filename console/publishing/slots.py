"""Each account's usual publishing times (发布时段) and what to do when a send is late.

Why fixed slots: followers of a county account expect the morning post at the same hour, and an
article dragged onto the calendar should land on that hour without anyone typing a time. The office
stores, per account::

    {"slots": [{"days": [0, 1, 2, 3, 4], "time": "08:00"}, {"days": [5], "time": "10:00"}],
     "gap_target": 7, "late": "ask", "late_minutes": 120}

`days` are weekdays (Monday = 0). Times are China wall-clock times; a slot is a weekday rule, not a
working-day rule, because accounts post on holidays too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

LATE_CHOICES = ("publish", "ask")
FALLBACK_TIME = time(8, 0)
# The scheduler ticks; a send fired this soon after its time is on time, not "late".
ON_TIME_GRACE = timedelta(minutes=5)
MAX_LATE_MINUTES = 24 * 60
_TIME = re.compile(r"^\s*(\d{1,2})[:：](\d{2})\s*$")
_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_GROUPS = {
    (0, 1, 2, 3, 4): "工作日",
    (5, 6): "周末",
    (0, 1, 2, 3, 4, 5, 6): "每天",
}


class PlanError(ValueError):
    """A publishing-time setting that cannot be used; the message is Chinese and names the field."""


@dataclass(frozen=True)
class Slot:
    """One publishing time on some weekdays."""

    days: tuple[int, ...]
    time: time

    def __post_init__(self) -> None:
        if not self.days:
            raise PlanError("发布时段的 days（星期）不能为空")
        for day in self.days:
            if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
                raise PlanError(f"发布时段的 days（星期）中的“{day}”无效，应为 0（周一）到 6（周日）")
        if not isinstance(self.time, time):
            raise PlanError("发布时段的 time（时间）格式不对，应写成 时:分，例如 08:00")
        object.__setattr__(self, "days", tuple(sorted(set(self.days))))


@dataclass(frozen=True)
class PublishingPlan:
    """An account's publishing times, rhythm target and late-send rule."""

    slots: tuple[Slot, ...]
    gap_target: int = 7
    late: str = "ask"
    late_minutes: int = 120

    def __post_init__(self) -> None:
        if not self.slots:
            raise PlanError("slots（发布时段）至少要设置一个")
        if isinstance(self.gap_target, bool) or not isinstance(self.gap_target, int) or not 1 <= self.gap_target <= 13:
            raise PlanError(f"gap_target（更新间隔目标）“{self.gap_target}”无效，应为 1 到 13 天（检查以两周为限）")
        if self.late not in LATE_CHOICES:
            raise PlanError(f"late（错过时间后的处理）“{self.late}”无效，应为 publish（补发）或 ask（询问）")
        minutes = self.late_minutes
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= MAX_LATE_MINUTES:
            raise PlanError(f"late_minutes（可补发的分钟数）“{minutes}”无效，应为 0 到 {MAX_LATE_MINUTES} 分钟")

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> PublishingPlan:
        """Read the stored setting; None or {} is the default, a missing key takes its default."""
        if data is None or (isinstance(data, Mapping) and not data):
            return DEFAULT
        if not isinstance(data, Mapping):
            raise PlanError("发布时段设置应是一个 JSON 对象")
        raw_slots = data.get("slots", None)
        slots = DEFAULT.slots if raw_slots is None else _read_slots(raw_slots)
        return cls(
            slots=slots,
            gap_target=data.get("gap_target", DEFAULT.gap_target),
            late=data.get("late", DEFAULT.late),
            late_minutes=data.get("late_minutes", DEFAULT.late_minutes),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "slots": [{"days": list(slot.days), "time": _hm(slot.time)} for slot in self.slots],
            "gap_target": self.gap_target,
            "late": self.late,
            "late_minutes": self.late_minutes,
        }

    def slot_times(self, day: date) -> list[time]:
        """The publishing times on this China date, earliest first."""
        weekday = day.weekday()
        return sorted({slot.time for slot in self.slots if weekday in slot.days})

    def place(self, day: date, keep: time | None = None) -> time:
        """The time for an item dropped on `day`: its own time if that is one of the day's slots,
        else the day's first slot, else its own time, else 08:00."""
        times = self.slot_times(day)
        if keep is not None and keep in times:
            return keep
        if times:
            return times[0]
        return keep if keep is not None else FALLBACK_TIME

    def next_slots(self, after_local: datetime, count: int) -> list[datetime]:
        """The next `count` slot moments strictly after `after_local` (naive China-local times)."""
        found: list[datetime] = []
        day = after_local.date()
        # Every week holds at least one slot, so this ends within count + 1 weeks.
        while len(found) < count:
            for moment in (datetime.combine(day, t) for t in self.slot_times(day)):
                if moment > after_local and len(found) < count:
                    found.append(moment)
            day += timedelta(days=1)
        return found

    def describe(self) -> str:
        """For the settings page and tooltips, e.g. "工作日 08:00，周六 10:00"."""
        by_days: dict[tuple[int, ...], list[time]] = {}
        for slot in self.slots:
            by_days.setdefault(slot.days, []).append(slot.time)
        parts = [
            f"{_describe_days(days)} {'、'.join(_hm(t) for t in sorted(set(times)))}" for days, times in by_days.items()
        ]
        return "，".join(parts)


DEFAULT = PublishingPlan(
    slots=(Slot((0, 1, 2, 3, 4), time(8, 0)), Slot((5,), time(10, 0))),
    gap_target=7,
    late="ask",
    late_minutes=120,
)


def late_decision(plan: PublishingPlan, scheduled_utc: datetime, now_utc: datetime) -> str:
    """What to do with a send whose time has come: "on_time", "catch_up" or "ask".

    Why ask: an 08:00 notice that goes out at 17:00 after the PC was off all day can be wrong
    (a meeting already held, a road already reopened); past `late_minutes` a person decides,
    unless the office chose to always publish late sends ("publish").
    """
    delay = _naive_utc(now_utc) - _naive_utc(scheduled_utc)
    if delay <= ON_TIME_GRACE:
        return "on_time"
    if plan.late == "publish" or delay <= timedelta(minutes=plan.late_minutes):
        return "catch_up"
    return "ask"


def _read_slots(raw: Any) -> tuple[Slot, ...]:
    if not isinstance(raw, list):
        raise PlanError("slots（发布时段）应是一个列表")
    slots: list[Slot] = []
    for n, item in enumerate(raw, 1):
        if not isinstance(item, Mapping):
            raise PlanError(f'slots 第{n}项应写成 {{"days": [0, 1, 2, 3, 4], "time": "08:00"}}')
        days = item.get("days")
        if not isinstance(days, list | tuple):
            raise PlanError(f"slots 第{n}项的 days（星期）应是 0（周一）到 6（周日）的列表")
        try:
            slots.append(Slot(tuple(days), _parse_time(item.get("time"))))
        except PlanError as exc:
            raise PlanError(f"slots 第{n}项：{exc}") from exc
    return tuple(slots)


def _parse_time(raw: Any) -> time:
    match = _TIME.match(raw) if isinstance(raw, str) else None
    if not match:
        raise PlanError(f"time（时间）“{raw}”格式不对，应写成 时:分，例如 08:00")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise PlanError(f"time（时间）“{raw}”不存在（小时 0–23，分钟 0–59）")
    return time(hour, minute)


def _describe_days(days: tuple[int, ...]) -> str:
    if days in _GROUPS:
        return _GROUPS[days]
    return "、".join(_WEEKDAYS[d] for d in days)


def _hm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _naive_utc(moment: datetime) -> datetime:
    """Stored times are naive UTC; accept an aware one too, so a caller's `datetime.now(UTC)` works."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo is not None else moment
