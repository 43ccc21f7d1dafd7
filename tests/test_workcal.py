"""The working-day calendar: shipped tables, the notice parser, office hours and response timers."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from console import paths
from console.workcal import (
    HolidayTable,
    NoticeError,
    OfficeHours,
    OfficeHoursError,
    YearTable,
    add_working_time,
    describe_wait,
    import_notice,
    measure_wait,
    parse_notice,
    working_seconds,
)
from console.workcal.commands import register

# The notices as published by Xinhua (受权发布), full-width punctuation and all.
NOTICE_2024 = """国务院办公厅关于2024年部分节假日安排的通知
国办发明电〔2023〕7号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2024年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日放假，与周末连休。
　　二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
　　三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
　　四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
　　五、端午节：6月10日放假，与周末连休。
　　六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
　　七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2023年10月25日
"""

NOTICE_2025 = """国务院办公厅关于2025年部分节假日安排的通知
国办发明电〔2024〕12号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经党中央、国务院批准，根据2024年11月修订的《全国年节及纪念日放假办法》，自2025年1月1日起，全体公民放假的假日增加2天，其中春节、劳动节各增加1天。据此对放假调休原则作进一步优化完善，除个别特殊情形外，春节自农历除夕起放假调休8天，国庆节自10月1日起放假调休7天，劳动节放假调休5天，元旦、清明节、端午节、中秋节分别放假调休或连休3天（如逢周三则只在当日放假），国庆节放假如逢中秋节则合并放假8天。
　　按照上述原则，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周三）放假1天，不调休。
　　二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
　　三、清明节：4月4日（周五）至6日（周日）放假，共3天。
　　四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
　　五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
　　六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2024年11月12日
"""

NOTICE_2026 = """新华社北京11月4日电　国务院办公厅关于2026年部分节假日安排的通知，全文如下：
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
　　二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。
　　四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。
　　六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
　　七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
　　鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期，推动错峰出行。节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
　　国务院办公厅
　　2025年11月4日
"""

# Invented for the tests (no 2027 notice exists yet); the weekdays in brackets are right for 2027.
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""

HOURS = OfficeHours()  # 08:30–12:00, 14:30–17:30: 6.5 hours a day
DAY = 6 * 3600 + 30 * 60


def china(*args: int) -> datetime:
    """Naive UTC (the stored form) for a China wall-clock time."""
    return datetime(*args) - timedelta(hours=8)  # type: ignore[misc]


@pytest.fixture
def table() -> HolidayTable:
    return HolidayTable.load()


def _days(start: str, end: str) -> list[date]:
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


# --- shipped table -------------------------------------------------------------------------------


def test_shipped_years_are_complete(table: HolidayTable) -> None:
    assert table.years() == [2024, 2025, 2026]
    assert table.problems == []
    assert all(table.covers(y) for y in (2024, 2025, 2026))
    sizes = {y: (len(t.holidays), len(t.workdays)) for y, t in table.tables.items()}
    assert sizes == {2024: (28, 8), 2025: (28, 5), 2026: (33, 6)}
    assert all(table.origins[y] == "shipped" for y in table.years())
    assert "国办发明电〔2024〕12号" in table.tables[2025].source


def test_kinds_and_names(table: HolidayTable) -> None:
    assert table.kind(date(2026, 2, 16)) == "holiday" and table.name(date(2026, 2, 16)) == "春节"
    assert table.kind(date(2026, 2, 14)) == "makeup_workday" and table.is_workday(date(2026, 2, 14))
    assert table.kind(date(2026, 2, 28)) == "makeup_workday"
    assert table.kind(date(2026, 3, 7)) == "weekend" and not table.is_workday(date(2026, 3, 7))
    assert table.kind(date(2026, 3, 9)) == "workday" and table.name(date(2026, 3, 9)) is None
    assert table.kind(date(2026, 1, 3)) == "holiday"  # a Saturday inside the 元旦 range
    assert table.name(date(2025, 10, 6)) == "国庆节、中秋节"
    # 2024's 除夕 (Friday 2 Feb 9) was only "encouraged" rest: still a working day.
    assert table.kind(date(2024, 2, 9)) == "workday"
    # a datetime is looked up by its date
    assert table.kind(datetime(2026, 10, 1, 10, 0)) == "holiday"


def test_workday_counts_match_the_published_totals(table: HolidayTable) -> None:
    """Totals per year as counted by the independent chinesecalendar package (2024: 251, 2025/2026: 248)."""
    counts = {y: sum(table.is_workday(d) for d in _days(f"{y}-01-01", f"{y}-12-31")) for y in (2024, 2025, 2026)}
    assert counts == {2024: 251, 2025: 248, 2026: 248}


def test_uncovered_year_falls_back_to_weekends(table: HolidayTable) -> None:
    assert not table.covers(2027)
    assert table.coverage_warning(2027) == "没有2027年的节假日安排，请导入国务院通知"
    assert table.coverage_warning(2026) is None
    assert table.kind(date(2027, 1, 1)) == "workday"  # 元旦, but nobody told us yet
    assert table.kind(date(2027, 1, 2)) == "weekend"
    assert table.uncovered_years(date(2026, 12, 1), date(2028, 1, 5)) == [2027, 2028]
    # Mon 2027-01-04 08:00 → Mon 2027-01-11 08:00: five plain workdays.
    assert working_seconds(china(2027, 1, 4, 8), china(2027, 1, 11, 8), table, HOURS) == 5 * DAY
    assert add_working_time(china(2027, 12, 31, 17), 3600, table, HOURS) == china(2028, 1, 3, 9)


# --- the notice parser ---------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "text"), [(2024, NOTICE_2024), (2025, NOTICE_2025), (2026, NOTICE_2026)])
def test_real_notice_matches_shipped_table(table: HolidayTable, year: int, text: str) -> None:
    parsed = parse_notice(text)
    shipped = table.tables[year]
    assert parsed.year == year
    assert parsed.holidays == shipped.holidays
    assert parsed.workdays == shipped.workdays
    assert parsed.source.startswith(f"国务院办公厅关于{year}年部分节假日安排的通知")


def test_source_keeps_the_document_number() -> None:
    assert parse_notice(NOTICE_2025).source == "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）"


def test_half_width_one_paragraph_and_wrapped_copies_read_the_same() -> None:
    expected = parse_notice(NOTICE_2026)
    half = NOTICE_2026.translate(str.maketrans("（）：，；", "():,;"))
    one_paragraph = NOTICE_2026.replace("\n", "")
    wrapped = NOTICE_2026.replace("（农历腊月二十八、", "（农历腊月二十八、\n")
    wrapped = wrapped.replace("放假调休，共7天", "放假\n调休，共7天")
    fullwidth_digits = NOTICE_2026.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    for variant in (half, one_paragraph, wrapped, fullwidth_digits):
        parsed = parse_notice(variant)
        assert (parsed.holidays, parsed.workdays) == (expected.holidays, expected.workdays)


def test_ranges_across_months_single_days_and_several_workdays() -> None:
    text = (
        "一、清明节：4月5日放假。\n"
        "二、国庆节、中秋节：9月30日至10月8日放假调休，共9天。9月27日、10月11日上班。\n"
        "三、春节：2月14日（周六）、28日（周六）上班。\n"
    )
    parsed = parse_notice(text, year=2026)
    assert parsed.holidays[date(2026, 4, 5)] == "清明节"
    assert sorted(d for d, n in parsed.holidays.items() if n == "国庆节、中秋节") == _days("2026-09-30", "2026-10-08")
    assert set(parsed.workdays) == {date(2026, 9, 27), date(2026, 10, 11), date(2026, 2, 14), date(2026, 2, 28)}


def test_new_year_range_reaching_into_the_previous_year() -> None:
    """The 2019 notice wrote 元旦 as "2018年12月30日至2019年1月1日" with a make-up day in 2018."""
    text = (
        "国务院办公厅关于2019年部分节假日安排的通知\n"
        "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。\n"
    )
    parsed = parse_notice(text)
    assert parsed.year == 2019
    assert set(parsed.holidays) == {date(2018, 12, 30), date(2018, 12, 31), date(2019, 1, 1)}
    assert set(parsed.workdays) == {date(2018, 12, 29)}
    calendar = HolidayTable.from_years([parsed])
    assert calendar.kind(date(2018, 12, 29)) == "makeup_workday"


def test_year_comes_from_the_title_or_the_argument() -> None:
    assert parse_notice(NOTICE_2027).year == 2027
    body = NOTICE_2027.split("\n", 1)[1]
    assert parse_notice(body, year=2027).holidays == parse_notice(NOTICE_2027).holidays
    with pytest.raises(NoticeError, match="哪一年"):
        parse_notice(body)
    with pytest.raises(NoticeError, match="通知写的是2026年"):
        parse_notice(NOTICE_2026, year=2027)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "没有读到任何放假日期"),
        ("今天天气很好。明天开会。", "没有读到任何放假日期"),
        ("2027年部分节假日安排\n一、元旦：1月1日放假。\n三、清明节：四月三日至五日放假，共3天。", "清明节"),
        ("2027年部分节假日安排\n一、元旦：1月1日（周四）放假。", "标注为周四"),  # 2027-01-01 is a Friday
        ("2027年部分节假日安排\n一、元旦：1月1日至4日放假，共3天。", "共3天"),
        ("2027年部分节假日安排\n一、元旦：1月1日放假。1月4日上班。", "本来就是工作日"),
        ("2027年部分节假日安排\n一、元旦：2月30日放假。", "不是有效日期"),
    ],
)
def test_unreadable_notice_is_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(NoticeError, match=message):
        parse_notice(text)


def test_weekday_check_catches_a_wrong_year() -> None:
    body = NOTICE_2026.replace("2026年", "")  # no year in the text any more
    with pytest.raises(NoticeError, match="年份不对"):
        parse_notice(body, year=2027)


# --- importing -----------------------------------------------------------------------------------


def test_importing_2027_makes_it_covered() -> None:
    assert not HolidayTable.load().covers(2027)
    saved = import_notice(NOTICE_2027)
    path = paths.data_dir() / "holidays" / "2027.json"
    assert path.is_file()
    assert json.loads(path.read_text(encoding="utf-8"))["holidays"]["2027-02-05"] == "春节"
    table = HolidayTable.load()
    assert table.covers(2027) and table.origins[2027] == "office"
    assert table.year_table(2027) == saved
    assert table.kind(date(2027, 1, 1)) == "holiday"
    assert table.kind(date(2027, 2, 20)) == "makeup_workday"
    assert table.kind(date(2027, 6, 9)) == "holiday" and table.kind(date(2027, 6, 10)) == "workday"
    # Thu 2027-09-30 17:00 → Fri 2027-10-08 09:00: half an hour each side of 国庆.
    assert working_seconds(china(2027, 9, 30, 17), china(2027, 10, 8, 9), table, HOURS) == 3600


def test_import_from_a_gbk_file_and_office_file_overrides_shipped(tmp_path) -> None:
    corrected = NOTICE_2026.replace("6月19日（周五）至21日（周日）放假，共3天", "6月19日（周五）放假，共1天")
    assert corrected != NOTICE_2026
    notice = tmp_path / "通知.txt"
    notice.write_bytes(corrected.encode("gbk"))
    import_notice(str(notice))
    table = HolidayTable.load()
    assert table.origins[2026] == "office"
    assert table.kind(date(2026, 6, 19)) == "holiday"
    assert table.kind(date(2026, 6, 20)) == "weekend"  # no longer in the holiday range


def test_broken_office_file_is_reported_not_raised() -> None:
    folder = paths.data_dir() / "holidays"
    folder.mkdir(parents=True)
    (folder / "2027.json").write_text("{not json", encoding="utf-8")
    (folder / "2028.json").write_text('{"year": 2029, "holidays": []}', encoding="utf-8")
    table = HolidayTable.load()
    assert not table.covers(2027) and not table.covers(2028)
    assert len(table.problems) == 2 and "2027.json" in table.problems[0]
    assert table.covers(2026)


def test_year_table_json_roundtrip_and_list_form() -> None:
    parsed = parse_notice(NOTICE_2026)
    assert YearTable.from_json(parsed.to_json()) == parsed
    plain = YearTable.from_json({"year": 2030, "holidays": ["2030-01-01"], "workdays": []})
    assert HolidayTable.from_years([plain]).kind(date(2030, 1, 1)) == "holiday"


# --- working time --------------------------------------------------------------------------------


def test_friday_evening_before_a_statutory_holiday(table: HolidayTable) -> None:
    # Fri 2025-05-30 17:00 → Tue 2025-06-03 09:00, over 端午 (5/31–6/2): 30 min + 30 min.
    assert working_seconds(china(2025, 5, 30, 17), china(2025, 6, 3, 9), table, HOURS) == 3600
    # Wed 2026-09-30 17:00 → Thu 2026-10-08 09:00, over 国庆 (10/1–7).
    assert working_seconds(china(2026, 9, 30, 17), china(2026, 10, 8, 9), table, HOURS) == 3600
    # Fri 2024-02-09 (除夕, a workday in 2024) 17:00 → Sun 2024-02-18 (调休上班) 09:00.
    assert working_seconds(china(2024, 2, 9, 17), china(2024, 2, 18, 9), table, HOURS) == 3600


def test_makeup_saturday_counts_as_a_workday(table: HolidayTable) -> None:
    # Fri 2026-02-27 17:00 → Sat 2026-02-28 (调休上班) 09:00
    assert working_seconds(china(2026, 2, 27, 17), china(2026, 2, 28, 9), table, HOURS) == 3600
    assert working_seconds(china(2026, 2, 28, 0), china(2026, 3, 1, 0), table, HOURS) == DAY
    # an ordinary Saturday counts nothing
    assert working_seconds(china(2026, 3, 7, 0), china(2026, 3, 8, 0), table, HOURS) == 0
    # Fri 2026-09-18 17:00 → Mon 2026-09-21 09:00 includes Sun 9/20 (调休 for 国庆)
    assert working_seconds(china(2026, 9, 18, 17), china(2026, 9, 21, 9), table, HOURS) == 1800 + DAY + 1800


def test_time_outside_office_hours_counts_nothing(table: HolidayTable) -> None:
    assert working_seconds(china(2026, 3, 9, 12), china(2026, 3, 9, 14, 30), table, HOURS) == 0  # lunch
    assert working_seconds(china(2026, 3, 9, 18), china(2026, 3, 10, 8, 30), table, HOURS) == 0  # night
    assert working_seconds(china(2026, 3, 9, 11), china(2026, 3, 9, 15), table, HOURS) == 3600 + 1800
    assert working_seconds(china(2026, 3, 10), china(2026, 3, 9), table, HOURS) == 0  # reversed


def test_aware_datetimes_are_accepted(table: HolidayTable) -> None:
    beijing = timezone(timedelta(hours=8))
    start = datetime(2026, 3, 9, 9, 0, tzinfo=beijing)
    end = datetime(2026, 3, 9, 2, 0, tzinfo=UTC)  # 10:00 Beijing
    assert working_seconds(start, end, table, HOURS) == 3600


def test_add_working_time_lands_where_expected(table: HolidayTable) -> None:
    # Thu 2026-09-24 17:00 + 1 h → Mon 2026-09-28 09:00 (中秋 9/25–27 skipped)
    assert add_working_time(china(2026, 9, 24, 17), 3600, table, HOURS) == china(2026, 9, 28, 9)
    # a limit used up exactly at noon is due at noon, not after lunch
    assert add_working_time(china(2026, 3, 9, 8, 30), 3 * 3600 + 1800, table, HOURS) == china(2026, 3, 9, 12)
    # started at night: the clock starts at 08:30 the next workday
    assert add_working_time(china(2026, 3, 9, 22), 60, table, HOURS) == china(2026, 3, 10, 8, 31)
    assert add_working_time(china(2026, 3, 9, 22), 0, table, HOURS) == china(2026, 3, 9, 22)
    with pytest.raises(ValueError):
        add_working_time(china(2026, 3, 9, 22), -1, table, HOURS)


@pytest.mark.parametrize("seconds", [1, 59, 1800, 3600 * 3 + 1800, DAY, DAY + 1, 5 * DAY + 1234, 60 * DAY])
@pytest.mark.parametrize(
    "start",
    [
        (2026, 2, 13, 17, 0),  # Friday before 调休 Saturday and 春节
        (2026, 9, 30, 16, 59, 30),
        (2025, 12, 31, 11, 0),  # across the year boundary into 元旦 2026
        (2026, 12, 31, 17, 15),  # into uncovered 2027
        (2026, 3, 7, 10, 0),  # ordinary Saturday
    ],
)
def test_add_working_time_is_the_inverse_of_working_seconds(table: HolidayTable, start: tuple, seconds: int) -> None:
    begin = china(*start)
    due = add_working_time(begin, seconds, table, HOURS)
    assert working_seconds(begin, due, table, HOURS) == seconds
    assert working_seconds(begin, due - timedelta(seconds=1), table, HOURS) == seconds - 1  # earliest moment


def test_two_year_span_counts_every_workday(table: HolidayTable) -> None:
    total = working_seconds(china(2024, 1, 1), china(2026, 1, 1), table, HOURS)
    assert total == (251 + 248) * DAY
    assert add_working_time(china(2024, 1, 1), total, table, HOURS) == china(2025, 12, 31, 17, 30)


def test_custom_office_hours_change_the_count(table: HolidayTable) -> None:
    summer = OfficeHours.from_dict({"spans": [["08:00", "12:00"], ["15:00", "18:00"]]})
    assert summer.day_seconds == 7 * 3600
    assert working_seconds(china(2026, 3, 9, 17), china(2026, 3, 9, 18), table, summer) == 3600
    assert working_seconds(china(2026, 3, 9, 17), china(2026, 3, 9, 18), table, HOURS) == 1800


# --- office hours --------------------------------------------------------------------------------


def test_office_hours_roundtrip() -> None:
    assert HOURS.to_dict() == {"spans": [["08:30", "12:00"], ["14:30", "17:30"]]}
    assert OfficeHours.from_dict(HOURS.to_dict()) == HOURS
    assert OfficeHours.from_strings([("8:30", "12:00"), ("14:30", "17:30")]) == HOURS
    assert HOURS.day_seconds == DAY


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"spans": []}, "至少要设置一段"),
        ({}, "缺少 spans"),
        ({"spans": [["12:00", "08:30"]]}, "结束时间（08:30）必须晚于开始时间（12:00）"),
        ({"spans": [["08:30", "12:00"], ["11:00", "17:30"]]}, "重叠"),
        ({"spans": [["14:30", "17:30"], ["08:30", "12:00"]]}, "顺序颠倒"),
        ({"spans": [["8点半", "12:00"]]}, "格式不对"),
        ({"spans": [["08:30", "25:00"]]}, "不存在"),
        ({"spans": [["08:30"]]}, "两个时间"),
    ],
)
def test_office_hours_validation(data: dict, message: str) -> None:
    with pytest.raises(OfficeHoursError, match=message):
        OfficeHours.from_dict(data)


# --- describing waits ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "不到1分钟"),
        (59, "不到1分钟"),
        (20 * 60, "20分钟"),
        (3 * 3600 + 20 * 60, "3小时20分"),
        (3 * 3600, "3小时"),
        (2 * DAY, "2个工作日"),
        (DAY + 3 * 3600 + 59, "1个工作日3小时"),
    ],
)
def test_describe_wait(seconds: int, text: str) -> None:
    assert describe_wait(seconds) == text


def test_measure_wait_marks_overdue(table: HolidayTable) -> None:
    received = china(2026, 9, 30, 17)
    limit = 2 * 3600
    waiting = measure_wait(received, china(2026, 10, 8, 9), table, HOURS, limit)
    assert (waiting.seconds, waiting.text, waiting.overdue, waiting.left_seconds) == (3600, "1小时", False, 3600)
    assert waiting.due_at == china(2026, 10, 8, 10)
    late = measure_wait(received, china(2026, 10, 8, 11), table, HOURS, limit)
    assert late.overdue and late.left_seconds == 0


# --- command line --------------------------------------------------------------------------------


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="wxconsole")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_cli_show_covered_and_uncovered(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["holidays", "show", "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert "春节：2月15日（周日）至2月23日（周一）放假，共9天；2月14日（周六）、2月28日（周六）上班" in out
    assert "随软件提供" in out
    assert _run(["holidays", "show", "--year", "2027"]) == 0
    out = capsys.readouterr().out
    assert "没有2027年的节假日安排" in out and "wxconsole holidays import" in out


def test_cli_import(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    assert _run(["holidays", "import", str(notice)]) == 0
    out = capsys.readouterr().out
    assert "已导入2027年节假日安排" in out and "放假 28 天，调休上班 4 天" in out
    assert HolidayTable.load().covers(2027)
    assert _run(["holidays", "show", "--year", "2027"]) == 0
    assert "本单位导入" in capsys.readouterr().out

    bad = tmp_path / "bad.txt"
    bad.write_text("请各单位做好值班工作。", encoding="utf-8")
    assert _run(["holidays", "import", str(bad)]) == 2
    assert "未导入：没有读到任何放假日期" in capsys.readouterr().err
    assert _run(["holidays", "import", str(tmp_path / "missing.txt")]) == 2
