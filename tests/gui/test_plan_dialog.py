"""发布时段 in the real window against a real hub: an administrator changes an account's publishing times
in the dialog (a time with no weekday is refused in place), the hub stores it and logs it, and the
calendar's rhythm list then shows the new times; an operator sees the setting read-only; a refusal by
the hub is shown in the dialog, which keeps what was set."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QPoint, Qt, QTime
from sqlalchemy import select

from console.store.models import Account, AuditEntry, Role, Staff
from tests.conftest import PLAIN_APPID, SAFE_APPID
from tests.gui.test_calendar_page import CALENDAR
from tests.gui.test_inbox import until
from tests.gui.test_review_page import desk

ADMIN_ROLES = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMINISTRATOR)


def stored_plan(world, appid: str = SAFE_APPID) -> dict | None:
    with world.hub.db.session() as session:
        return session.scalar(select(Account.publishing).where(Account.appid == appid))


async def open_page(console):
    console.start()
    window = console.window
    window.nav.setCurrentRow(CALENDAR)
    await until(lambda: window.connection.text() == "已连接服务端", 30)
    page = window.calendar_page
    await until(lambda: page.rhythm.count() == 2, 30)
    return page


def rhythm_text(page, appid: str) -> str:
    for n in range(page.rhythm.count()):
        item = page.rhythm.item(n)
        if item.data(Qt.ItemDataRole.UserRole) == appid:
            return item.text()
    return ""


def test_an_administrator_sets_the_times_and_the_calendar_follows(world, qloop, qtbot, tmp_path):
    admin = desk(world, tmp_path, qtbot, "admin1", "管理员", ADMIN_ROLES)

    async def scenario():
        page = await open_page(admin)
        await until(lambda: admin.publishing.administrator, 30)
        assert "发布时间：工作日 08:00，周六 10:00" in rhythm_text(page, SAFE_APPID)

        dialog = page.edit_plan(SAFE_APPID)
        assert dialog.appid() == SAFE_APPID and len(dialog.rows) == 2
        assert dialog.save_button.isEnabled()
        dialog.rows[0].time.setTime(QTime(7, 30))
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        sunday = dialog.rows[2]
        for button in sunday.days[:5]:  # a new time starts on weekdays: take them all off
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert dialog.summary.text() == "还不能保存：第 3 个时段还没有选星期几。"
        assert not dialog.save_button.isEnabled()
        qtbot.mouseClick(sunday.days[6], Qt.MouseButton.LeftButton)
        sunday.time.setTime(QTime(18, 0))
        dialog.gap.setValue(5)
        on_the_button = QPoint(8, dialog.always.height() // 2)  # a radio button takes clicks on itself and its text
        qtbot.mouseClick(dialog.always, Qt.MouseButton.LeftButton, pos=on_the_button)
        assert not dialog.late_minutes.isEnabled()
        assert dialog.summary.text() == (
            "发布时间：工作日 07:30，周六 10:00，周日 18:00；计划间隔不超过 5 天；错过后总是补发。"
        )
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

        await until(lambda: stored_plan(world) is not None, 30)
        assert stored_plan(world) == {
            "slots": [
                {"days": [0, 1, 2, 3, 4], "time": "07:30"},
                {"days": [5], "time": "10:00"},
                {"days": [6], "time": "18:00"},
            ],
            "gap_target": 5,
            "late": "publish",
            "late_minutes": 120,
        }
        assert stored_plan(world, PLAIN_APPID) is None
        await until(lambda: page.plan_dialog is None, 30)  # saved: closed
        await until(lambda: "工作日 07:30，周六 10:00，周日 18:00" in rhythm_text(page, SAFE_APPID), 30)
        with world.hub.db.session() as session:
            entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "plan_change")).one()
            assert entry.actor == "admin1" and entry.target == f"account:{SAFE_APPID}"
        await admin.stop()

    qloop.run_until_complete(scenario())


def test_an_operator_sees_the_times_read_only(world, console, qloop, qtbot):
    async def scenario():
        page = await open_page(console)
        dialog = page.edit_plan(PLAIN_APPID)
        assert dialog.appid() == PLAIN_APPID
        assert "只有管理员可以修改发布时段" in dialog.status.text()
        assert not dialog.save_button.isEnabled()
        assert not dialog.add_button.isEnabled() and not dialog.gap.isEnabled()
        assert all(not row.isEnabled() for row in dialog.rows)
        dialog.submit()  # even asked directly, nothing is sent
        assert stored_plan(world, PLAIN_APPID) is None
        dialog.reject()

    qloop.run_until_complete(scenario())


def test_a_refusal_by_the_hub_is_shown_and_the_form_is_kept(world, qloop, qtbot, tmp_path):
    admin = desk(world, tmp_path, qtbot, "admin1", "管理员", ADMIN_ROLES)

    async def scenario():
        page = await open_page(admin)
        await until(lambda: admin.publishing.administrator, 30)
        with world.hub.db.session() as session:  # no longer an administrator, while the desk still offers it
            session.scalar(select(Staff).where(Staff.login == "admin1")).roles = "|operator|supervisor|"
        dialog = page.edit_plan(SAFE_APPID)
        dialog.gap.setValue(4)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        await until(lambda: "服务端没有保存" in dialog.status.text(), 30)
        assert "需要管理员" in dialog.status.text()
        assert dialog.isVisible() and dialog.gap.value() == 4 and dialog.save_button.isEnabled()
        assert stored_plan(world) is None
        dialog.reject()
        await admin.stop()

    qloop.run_until_complete(scenario())


def test_saved_while_the_hub_is_down_it_waits_and_arrives_once(world, qloop, qtbot, tmp_path):
    """Nothing lost offline: the setting is kept in the outbox, the dialog says so and closes, and the hub
    stores it when it is back."""
    admin = desk(world, tmp_path, qtbot, "admin1", "管理员", ADMIN_ROLES)

    async def scenario():
        page = await open_page(admin)
        await until(lambda: admin.publishing.administrator, 30)
        await asyncio.to_thread(world.stop_hub)
        await until(lambda: "无法连接" in admin.window.connection.text(), 30)
        dialog = page.edit_plan(PLAIN_APPID)
        dialog.gap.setValue(3)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        await until(lambda: page.plan_dialog is None, 10)
        assert page.status.text() == "发布时段已记下，联网后发往服务端。"
        await asyncio.to_thread(world.start_hub)
        await until(lambda: stored_plan(world, PLAIN_APPID) is not None, 40)
        assert stored_plan(world, PLAIN_APPID)["gap_target"] == 3
        with world.hub.db.session() as session:
            assert len(session.scalars(select(AuditEntry).where(AuditEntry.action == "plan_change")).all()) == 1
        await admin.stop()

    qloop.run_until_complete(scenario())
