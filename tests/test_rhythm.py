"""Posting rhythm: day-10 warning, day-13 alarm, unplanned weekends and holidays, gaps in the plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from console.publishing.rhythm import ALARM_DAYS, VETO_DAYS, WARN_DAYS, Rhythm, RhythmFinding, assess
from console.workcal.holidays import HolidayTable, YearTable


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.fixture
def table() -> HolidayTable:
    """The 2026 国庆 break as the notice sets it: 10月1日至7日放假，9月20日（周日）、10月10日（周六）上班."""
    return HolidayTable.from_years(
        [
            YearTable(
                year=2026,
                holidays={d: "国庆节" for d in _days(date(2026, 10, 1), date(2026, 10, 7))},
                workdays={date(2026, 9, 20): "国庆节", date(2026, 10, 10): "国庆节"},
            )
        ]
    )


def _only(rhythm: Rhythm, kind: str) -> list[RhythmFinding]:
    return [f for f in rhythm.findings if f.kind == kind]


TODAY = date(2026, 11, 20)  # a Friday; with a one-day horizon only the since-last rule speaks


def _since(days: int, table: HolidayTable, planned: list[date] | None = None, horizon: int = 1) -> Rhythm:
    return assess(
        today=TODAY,
        posted=[TODAY - timedelta(days=days), TODAY - timedelta(days=days + 3)],
        planned=planned or [],
        table=table,
        horizon_days=horizon,
    )


def test_thresholds() -> None:
    assert (WARN_DAYS, ALARM_DAYS, VETO_DAYS) == (10, 13, 14)


def test_day_nine_is_ok(table: HolidayTable) -> None:
    rhythm = _since(9, table)
    assert rhythm.days_since_last == 9
    assert rhythm.last_post == date(2026, 11, 11)
    assert rhythm.level == "ok"
    assert rhythm.findings == []


def test_day_ten_warns_with_the_deadline(table: HolidayTable) -> None:
    rhythm = _since(10, table)
    assert rhythm.level == "warning"
    (finding,) = _only(rhythm, "since_last")
    assert finding.level == "warning" and finding.days == 10
    assert "距上次更新已 10 天" in finding.text
    assert "检查以两周为限" in finding.text
    assert "11月23日前发布" in finding.text.replace(" ", "")  # last post 11-10, 11-24 would be day 14


def test_day_twelve_still_warning(table: HolidayTable) -> None:
    rhythm = _since(12, table)
    assert rhythm.level == "warning"
    assert _only(rhythm, "since_last")[0].days == 12


def test_day_thirteen_alarms(table: HolidayTable) -> None:
    rhythm = _since(13, table)
    assert rhythm.level == "alarm"
    (finding,) = _only(rhythm, "since_last")
    assert finding.level == "alarm"
    assert "已 13 天" in finding.text and "明天起即超过两周无更新（单项否决）" in finding.text


def test_past_two_weeks_alarms(table: HolidayTable) -> None:
    rhythm = _since(20, table)
    assert rhythm.level == "alarm"
    assert "已超过两周" in _only(rhythm, "since_last")[0].text


def test_never_posted_alarms(table: HolidayTable) -> None:
    rhythm = assess(today=TODAY, posted=[], planned=[], table=table, horizon_days=1)
    assert rhythm.days_since_last is None and rhythm.last_post is None
    assert rhythm.level == "alarm"
    assert _only(rhythm, "since_last")[0].level == "alarm"


def test_future_posted_dates_do_not_count(table: HolidayTable) -> None:
    rhythm = assess(today=TODAY, posted=[TODAY + timedelta(days=1)], planned=[], table=table, horizon_days=1)
    assert rhythm.days_since_last is None


def test_planned_post_before_veto_is_mentioned_but_still_warns(table: HolidayTable) -> None:
    rhythm = _since(10, table, planned=[date(2026, 11, 23)], horizon=14)
    (finding,) = _only(rhythm, "since_last")
    assert finding.level == "warning"
    assert "已排期11月23日发布" in finding.text.replace(" ", "")
    assert rhythm.days_since_last == 10


def test_planned_post_after_veto_is_called_late(table: HolidayTable) -> None:
    rhythm = _since(10, table, planned=[date(2026, 11, 25)], horizon=14)
    finding = _only(rhythm, "since_last")[0]
    assert "晚于期限" in finding.text
    assert "已排期11月25日发布" not in finding.text.replace(" ", "")


def test_unplanned_holiday_is_a_holiday_gap(table: HolidayTable) -> None:
    rhythm = assess(
        today=date(2026, 9, 28),
        posted=[date(2026, 9, 25)],
        planned=[date(2026, 9, 29), date(2026, 9, 30), date(2026, 10, 8), date(2026, 10, 9)],
        table=table,
    )
    (gap,) = _only(rhythm, "holiday_gap")
    assert gap.level == "warning"
    assert (gap.first, gap.last, gap.days) == (date(2026, 10, 1), date(2026, 10, 7), 7)
    assert "国庆节 10月1日至10月7日 没有安排发布" in gap.text
    assert rhythm.level == "warning"


def test_post_planned_inside_the_holiday_clears_it(table: HolidayTable) -> None:
    rhythm = assess(
        today=date(2026, 9, 28),
        posted=[date(2026, 9, 25)],
        planned=[date(2026, 9, 30), date(2026, 10, 3), date(2026, 10, 9)],
        table=table,
    )
    assert _only(rhythm, "holiday_gap") == []
    assert all(f.first is None or not date(2026, 10, 1) <= f.first <= date(2026, 10, 7) for f in rhythm.findings)


def test_makeup_workday_is_not_an_empty_day(table: HolidayTable) -> None:
    def runs(calendar: HolidayTable) -> list[tuple[date | None, date | None]]:
        rhythm = assess(today=date(2026, 10, 8), posted=[date(2026, 10, 8)], planned=[], table=calendar)
        return [(f.first, f.last) for f in _only(rhythm, "empty_days")]

    # 10月10日 (Saturday) is a 调休 workday, so only Sunday 10月11日 is empty that weekend.
    with_notice = runs(table)
    assert (date(2026, 10, 11), date(2026, 10, 11)) in with_notice
    assert all(first != date(2026, 10, 10) for first, _ in with_notice)
    sunday = assess(today=date(2026, 10, 8), posted=[date(2026, 10, 8)], planned=[], table=table).findings
    assert any("周日 10月11日 没有安排发布" in f.text for f in sunday)
    # Without the notice the same weekend is two empty days.
    assert (date(2026, 10, 10), date(2026, 10, 11)) in runs(HolidayTable.from_years([]))


def test_empty_weekend_named_and_planned_weekend_quiet(table: HolidayTable) -> None:
    rhythm = assess(today=TODAY, posted=[TODAY], planned=[date(2026, 11, 28)], table=table)
    weekends = [(f.first, f.last) for f in _only(rhythm, "empty_days")]
    assert (date(2026, 11, 21), date(2026, 11, 22)) in weekends
    assert (date(2026, 11, 28), date(2026, 11, 29)) not in weekends
    first = _only(rhythm, "empty_days")[0]
    assert first.level == "warning" and "周末 11月21日至11月22日 没有安排发布" in first.text


def test_short_holiday_is_empty_days_not_holiday_gap() -> None:
    # 2025: 元旦 is Wednesday 1月1日 only.
    table = HolidayTable.from_years([YearTable(year=2025, holidays={date(2025, 1, 1): "元旦"}, workdays={})])
    rhythm = assess(today=date(2024, 12, 30), posted=[date(2024, 12, 30)], planned=[], table=table, horizon_days=3)
    (finding,) = _only(rhythm, "empty_days")
    assert finding.first == finding.last == date(2025, 1, 1)
    assert "元旦 1月1日 没有安排发布" in finding.text
    assert _only(rhythm, "holiday_gap") == []


def test_planned_gap_longer_than_target_warns(table: HolidayTable) -> None:
    rhythm = assess(
        today=date(2026, 11, 4),
        posted=[date(2026, 11, 2)],
        planned=[date(2026, 11, 5), date(2026, 11, 16)],
        table=table,
    )
    (gap,) = _only(rhythm, "planned_gap")
    assert gap.level == "warning"
    assert (gap.first, gap.last, gap.days) == (date(2026, 11, 5), date(2026, 11, 16), 11)
    assert "11月5日到11月16日之间相隔 11 天" in gap.text
    tight = assess(
        today=date(2026, 11, 4),
        posted=[date(2026, 11, 2)],
        planned=[date(2026, 11, 5), date(2026, 11, 16)],
        table=table,
        gap_target_days=11,
    )
    assert _only(tight, "planned_gap") == []


def test_planned_gap_of_two_weeks_alarms(table: HolidayTable) -> None:
    rhythm = assess(today=date(2026, 11, 4), posted=[date(2026, 11, 2)], planned=[date(2026, 11, 16)], table=table)
    (gap,) = _only(rhythm, "planned_gap")
    assert gap.level == "alarm" and gap.days == 14
    assert (gap.first, gap.last) == (date(2026, 11, 2), date(2026, 11, 16))
    assert "单项否决" in gap.text and "11月15日" in gap.text
    assert rhythm.level == "alarm"


def test_plans_beyond_the_horizon_are_not_walked(table: HolidayTable) -> None:
    rhythm = assess(today=date(2026, 11, 4), posted=[date(2026, 11, 2)], planned=[date(2026, 12, 20)], table=table)
    assert _only(rhythm, "planned_gap") == []


def test_a_quiet_well_planned_account_is_ok(table: HolidayTable) -> None:
    # Posted Friday; every weekend day in the next two weeks planned; no gap over 7 days.
    planned = [date(2026, 11, d) for d in (21, 22, 26, 28, 29)] + [date(2026, 12, 3)]
    rhythm = assess(today=TODAY, posted=[TODAY], planned=planned, table=table)
    assert rhythm.days_since_last == 0
    assert rhythm.level == "ok", rhythm.findings
