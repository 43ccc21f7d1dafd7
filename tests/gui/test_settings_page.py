"""The 设置 page as an administrator uses it: change the seat name and office hours, save with Ctrl+S and find
them again after a restart; wrong hours are refused in words and nothing is written; a missing year of the
holiday table is pointed out, and importing the State Council's notice fills it in."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTime

from console.settings import Settings, load_settings, save_settings, settings_path
from console.workcal import HolidayTable
from ui.settings import SettingsPage

# A notice in the State Council's wording for a year the product does not ship (dates consistent with 2027).
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节、国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（农历正月初一、周六）至12日（周五）放假调休，共7天。1月31日（周日）、2月20日（周六）上班。
三、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""


@pytest.fixture
def page(qtbot, qapp):
    from ui.app import apply_look

    apply_look(qapp)
    p = SettingsPage(today=date(2026, 11, 26))
    qtbot.addWidget(p)
    p.show()
    qtbot.waitExposed(p)
    return p


def set_hours(p: SettingsPage, morning: tuple[str, str], afternoon: tuple[str, str] | None) -> None:
    box = p.hours_box
    box.morning_start.setTime(QTime.fromString(morning[0], "HH:mm"))
    box.morning_end.setTime(QTime.fromString(morning[1], "HH:mm"))
    box.afternoon_on.setChecked(afternoon is not None)
    if afternoon is not None:
        box.afternoon_start.setTime(QTime.fromString(afternoon[0], "HH:mm"))
        box.afternoon_end.setTime(QTime.fromString(afternoon[1], "HH:mm"))


def test_edit_save_with_ctrl_s_and_reload(page, qtbot):
    seat = page.settings().seat_login
    page.seat_name.clear()
    page.seat_name.setText("王芳（县融媒体中心）")
    set_hours(page, ("09:00", "12:00"), ("13:30", "17:00"))
    page.hours_box.overdue.setValue(2.5)
    page.notify_box.notify_new.setChecked(False)
    page.notify_box.sound.setChecked(True)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.seat_name.setFocus()
    with qtbot.waitSignal(page.settingsChanged, timeout=2000) as signal:
        qtbot.keyClick(page.seat_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved: Settings = signal.args[0]
    assert saved.seat_name == "王芳（县融媒体中心）"
    assert saved.office_hours == {"spans": [["09:00", "12:00"], ["13:30", "17:00"]]}
    assert (saved.overdue_hours, saved.notify_new, saved.notify_overdue, saved.sound) == (2.5, False, True, True)
    assert saved.seat_login == seat
    assert load_settings() == saved  # on disk, not only in the widget
    assert page.message.text() == "设置已保存。"

    again = SettingsPage(today=date(2026, 11, 26))  # as after a restart
    qtbot.addWidget(again)
    assert again.seat_name.text() == "王芳（县融媒体中心）"
    assert again.hours_box.afternoon_start.time() == QTime(13, 30)
    assert again.hours_box.overdue.value() == 2.5
    assert not again.notify_box.notify_new.isChecked() and again.notify_box.sound.isChecked()


def test_morning_only(page):
    set_hours(page, ("08:00", "14:00"), None)
    assert not page.hours_box.afternoon_start.isEnabled()
    assert page.save()
    assert load_settings().office_hours == {"spans": [["08:00", "14:00"]]}
    assert load_settings().hours().day_seconds == 6 * 3600


@pytest.mark.parametrize(
    ("morning", "afternoon", "words"),
    [
        (("12:00", "08:30"), ("14:30", "17:30"), "上午的结束时间（08:30）必须晚于开始时间（12:00）"),
        (("08:30", "15:00"), ("14:30", "17:30"), "下午（14:30–17:30）与上午（08:30–15:00）重叠"),
    ],
)
def test_invalid_hours_are_refused_and_nothing_saved(page, qtbot, morning, afternoon, words):
    before = settings_path().read_text(encoding="utf-8")
    page.seat_name.setText("改了但不该保存")
    set_hours(page, morning, afternoon)
    with qtbot.assertNotEmitted(page.settingsChanged):
        assert page.save() is False
    assert words in page.message.text() and page.message.text().startswith("没有保存")
    assert page.message.property("error") is True
    assert settings_path().read_text(encoding="utf-8") == before
    assert page.settings().seat_name != "改了但不该保存"


def test_empty_seat_name_refused(page, qtbot):
    page.seat_name.setText("   ")
    with qtbot.assertNotEmitted(page.settingsChanged):
        assert not page.save()
    assert "显示名称" in page.message.text()


def test_disk_error_is_shown_in_words(page, qtbot, monkeypatch):
    import ui.settings.page as module

    def full_disk(_settings):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "save_settings", full_disk)
    with qtbot.assertNotEmitted(page.settingsChanged):
        assert not page.save()
    assert "无法写入设置文件" in page.message.text() and "磁盘空间" in page.message.text()


def test_uncovered_year_is_warned(qtbot):
    years = HolidayTable.load().years()
    assert 2026 in years and 2027 not in years  # the shipped table ends with 2026
    p = SettingsPage(today=date(2026, 11, 26))
    qtbot.addWidget(p)
    warning = p.holiday_box.warning
    assert not warning.isHidden()
    assert warning.text() == (
        "没有2027年的节假日安排：响应时限将只按周末计算。请把国务院办公厅的放假通知全文复制到文本文件后导入。"
    )
    for year in years:
        assert f"{year}年：随软件提供" in p.holiday_box.years.text()

    covered = SettingsPage(today=date(2025, 6, 1))  # this year and next both known: no warning
    qtbot.addWidget(covered)
    assert covered.holiday_box.warning.isHidden()

    far = SettingsPage(today=date(2030, 1, 2))
    qtbot.addWidget(far)
    assert far.holiday_box.warning.text().startswith("没有2030年、2031年的节假日安排")


def test_import_notice_covers_the_year(page, qtbot, tmp_path):
    notice = tmp_path / "2027年放假通知.txt"
    notice.write_text(NOTICE_2027, encoding="gb18030")  # as Windows Notepad saves it
    with qtbot.waitSignal(page.holidaysChanged, timeout=1000) as signal:
        assert page.holiday_box.import_file(notice)
    assert signal.args == [2027]
    box = page.holiday_box
    assert 2027 in box.covered_years()
    assert box.warning.isHidden()
    assert "2027年：本单位导入，放假17天，调休上班4天" in box.years.text()
    assert box.result.text().startswith("已导入2027年节假日安排：放假17天，调休上班4天。")
    assert "春节：2月6日（周六）至2月12日（周五）放假，共7天；1月31日（周日）、2月20日（周六）上班" in box.result.text()
    assert HolidayTable.load().kind(date(2027, 2, 20)) == "makeup_workday"  # the timers see it too

    with qtbot.waitSignal(page.holidaysChanged, timeout=1000):
        assert box.import_file(notice)
    assert "替换了之前导入的安排" in box.result.text()


def test_bad_notice_shows_what_to_do(page, qtbot, tmp_path):
    wrong_year = tmp_path / "通知.txt"
    wrong_year.write_text(NOTICE_2027.replace("2027年", "2028年"), encoding="utf-8")  # weekdays no longer match
    with qtbot.assertNotEmitted(page.holidaysChanged):
        assert not page.holiday_box.import_file(wrong_year)
    result = page.holiday_box.result
    assert result.text().startswith("没有导入：") and "年份" in result.text()
    assert result.property("error") is True
    assert not page.holiday_box.warning.isHidden()  # still missing 2027

    with qtbot.assertNotEmitted(page.holidaysChanged):
        assert not page.holiday_box.import_file(tmp_path / "不存在.txt")
    assert "没有导入" in result.text()


def test_settings_saved_elsewhere_are_shown(qtbot):
    s = load_settings()
    save_settings(Settings(seat_login=s.seat_login, seat_name="李明", overdue_hours=8.0, notify_overdue=False))
    p = SettingsPage()
    qtbot.addWidget(p)
    assert p.seat_name.text() == "李明"
    assert p.hours_box.overdue.value() == 8.0
    assert not p.notify_box.notify_overdue.isChecked() and not p.notify_box.sound.isChecked()
    assert s.seat_login in p.seat_id.text()
