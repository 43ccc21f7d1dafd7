"""Posting rhythm per account: how long since the last post, and where the plan leaves holes.

Why: the state inspection of government accounts (政府网站与政务新媒体检查) fails an account with
nothing published in the two weeks before the check (单项否决). The product warns from day 10 after
the last post and alarms from day 13, and looks ahead for weekends and holidays nobody planned for,
because a week-long 国庆 break is exactly when an account goes quiet.

All dates here are China dates; the caller turns stored UTC times into dates with `to_china`.
Runs for every account on every calendar refresh, so it walks the horizon once (O(days)) and only
uses set lookups per day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from console.workcal.holidays import HolidayTable

WARN_DAYS = 10
ALARM_DAYS = 13
VETO_DAYS = 14

OK = "ok"
WARNING = "warning"
ALARM = "alarm"
_RANK = {OK: 0, WARNING: 1, ALARM: 2}

HOLIDAY_GAP_MIN_DAYS = 3  # a run this long that contains a statutory holiday is a 假期, not a weekend
_RUN_CAP_DAYS = 31  # a run started inside the horizon is followed to its end, but never further than this
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class RhythmFinding:
    """One thing the calendar shows about an account's rhythm, with what to do about it."""

    level: str  # "ok" | "warning" | "alarm"
    kind: str  # "since_last" | "empty_days" | "holiday_gap" | "planned_gap"
    text: str
    days: int
    first: date | None
    last: date | None


@dataclass(frozen=True)
class Rhythm:
    """An account's rhythm today; `level` is the worst finding ("ok" when there are none)."""

    days_since_last: int | None  # None: never posted
    last_post: date | None
    level: str
    findings: list[RhythmFinding] = field(default_factory=list)


def assess(
    *,
    today: date,
    posted: Iterable[date],
    planned: Iterable[date],
    table: HolidayTable,
    gap_target_days: int = 7,
    horizon_days: int = 14,
) -> Rhythm:
    """Judge one account's rhythm on the China date `today`.

    `posted` are the China dates of posts that went out, `planned` those of posts scheduled and not
    yet out. A planned post counts only once it happens: it softens the wording, never the level,
    of the since-last finding. Findings with level "ok" are not listed.
    """
    posted_days = {d for d in posted if d <= today}
    horizon_end = today + timedelta(days=max(horizon_days, 1) - 1)
    ahead = sorted({d for d in planned if d >= today})
    in_horizon = [d for d in ahead if d <= horizon_end]
    last_post = max(posted_days) if posted_days else None
    days_since = (today - last_post).days if last_post is not None else None

    findings: list[RhythmFinding] = []
    since = _since_last(today, last_post, in_horizon)
    if since is not None:
        findings.append(since)
    findings.extend(_empty_runs(today, horizon_end, table, set(ahead) | posted_days))
    findings.extend(_planned_gaps(today, last_post, in_horizon, gap_target_days))
    level = max((f.level for f in findings), key=_RANK.__getitem__, default=OK)
    return Rhythm(days_since, last_post, level, findings)


def _since_last(today: date, last_post: date | None, planned: list[date]) -> RhythmFinding | None:
    """The day-10 warning and day-13 alarm counted from the last post that actually went out."""
    if last_post is None:
        text = "还没有发布记录，检查以两周为限，请尽快发布。"
        if planned:
            text += f"已排期 {_md(planned[0])} 发布。"
        return RhythmFinding(ALARM, "since_last", text, 0, None, None)
    days = (today - last_post).days
    if days < WARN_DAYS:
        return None
    deadline = last_post + timedelta(days=VETO_DAYS - 1)  # the last day a post still keeps the account in
    upcoming = planned[0] if planned else None
    if days < ALARM_DAYS:
        text = f"距上次更新已 {days} 天，检查以两周为限，请在 {_md(deadline)} 前发布。"
    elif days < VETO_DAYS:
        text = f"距上次更新已 {days} 天，明天起即超过两周无更新（单项否决），请今天发布。"
    else:
        text = f"距上次更新已 {days} 天，已超过两周无更新（单项否决），请立即发布。"
    if upcoming is not None and upcoming <= deadline:
        text += f"已排期 {_md(upcoming)} 发布，请确认按时发出。"
    elif upcoming is not None:
        text += f"已排期的 {_md(upcoming)} 晚于期限，请提前或加排一篇。"
    level = WARNING if days < ALARM_DAYS else ALARM
    return RhythmFinding(level, "since_last", text, days, last_post, today)


def _empty_runs(today: date, horizon_end: date, table: HolidayTable, covered: set[date]) -> list[RhythmFinding]:
    """Each run of consecutive non-working days starting in the horizon with nothing planned or posted.

    A run that starts inside the horizon is followed to its end so the text names the whole break.
    """
    findings: list[RhythmFinding] = []
    day = today
    while day <= horizon_end:
        if table.is_workday(day):
            day += _DAY
            continue
        first = day
        names: list[str] = []
        has_post = False
        while not table.is_workday(day) and (day - first).days < _RUN_CAP_DAYS:
            has_post = has_post or day in covered
            if table.kind(day) == "holiday":
                name = table.name(day) or "法定节假日"
                if name not in names:
                    names.append(name)
            day += _DAY
        last = day - _DAY
        if not has_post:
            findings.append(_empty_finding(first, last, names))
    return findings


def _empty_finding(first: date, last: date, names: list[str]) -> RhythmFinding:
    length = (last - first).days + 1
    span = _md(first) if first == last else f"{_md(first)}至{_md(last)}"
    if names:
        label = "、".join(names)
    elif length == 2 and first.weekday() == 5:
        label = "周末"
    elif length == 1:
        label = "周六" if first.weekday() == 5 else "周日"
    else:
        label = "休息日"
    kind = "holiday_gap" if names and length >= HOLIDAY_GAP_MIN_DAYS else "empty_days"
    advice = "请提前排期，可用定时群发或定时发布" if kind == "holiday_gap" else "可提前安排定时发布"
    text = f"{label} {span} 没有安排发布，{advice}。"
    return RhythmFinding(WARNING, kind, text, length, first, last)


def _planned_gaps(today: date, last_post: date | None, planned: list[date], target: int) -> list[RhythmFinding]:
    """Gaps longer than the office's target between consecutive posts, last post first.

    A gap that spans two weeks is an alarm: the plan as it stands fails the inspection. The open
    tail after the last post or plan is not judged here: offices also post without planning ahead,
    and the since-last warning comes in time for that.
    """
    points = ([last_post] if last_post is not None else []) + [d for d in planned if d != last_post]
    findings: list[RhythmFinding] = []
    for start, end in zip(points, points[1:], strict=False):
        gap = (end - start).days
        if gap <= target:
            continue
        if gap >= VETO_DAYS:
            deadline = start + timedelta(days=VETO_DAYS - 1)
            when = "今天" if deadline <= today else f"在 {_md(deadline)} 前"
            text = f"{_md(start)}到{_md(end)}之间相隔 {gap} 天，超过两周（单项否决），请{when}加排一篇。"
            findings.append(RhythmFinding(ALARM, "planned_gap", text, gap, start, end))
        else:
            text = f"{_md(start)}到{_md(end)}之间相隔 {gap} 天，超过每 {target} 天一篇的目标，请在中间加排一篇。"
            findings.append(RhythmFinding(WARNING, "planned_gap", text, gap, start, end))
    return findings


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"
