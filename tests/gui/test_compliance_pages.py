"""安全清单 and 合规检查 at the desk against the real hub: the default checklist an administrator installs
shows on 王芳's desk, an overdue item in red and counted; 登记完成 with a note and a real file puts the
file and the record on the hub (and the file opens again from the history); offline, the upload is
refused in words and nothing typed is lost; the panel shows the hub's figures, and the last answer when
the hub is gone; the quarterly report is written to a folder; the register editor refuses a bad 开通日期
in place, and the hub refuses an operator's save (403) with words shown in the dialog."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import datetime, timedelta

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage
from sqlalchemy import func, select

from console.checklist.views import ItemRow
from console.store.database import next_seq
from console.store.models import Account, ChecklistItem, ChecklistRecord, Outbox, Staff
from console.sync.client import HubClient
from console.workcal.hours import china_today
from tests.conftest import SAFE_APPID
from tests.gui.test_inbox import until
from tests.test_publishing import ADMIN, OPERATOR, SUPERVISOR, command, png
from ui.compliance import ChecklistPage, ComplianceController, CompliancePage
from ui.compliance.checklist_page import STATE_COLORS, EvidenceRole, ItemsModel

RED = QColor(STATE_COLORS["overdue"])


def install(world, appid: str = SAFE_APPID) -> int:
    answer = command(world, ADMIN, "checklist_install", {"account": appid})
    assert answer.status_code == 200, answer.text
    created = int(answer.json()["result"]["installed"])
    assert created > 0
    return created


def hub_items(world) -> list[ChecklistItem]:
    with world.hub.db.session() as session:
        rows = list(session.scalars(select(ChecklistItem).order_by(ChecklistItem.id)))
        for row in rows:
            session.expunge(row)
        return rows


def desk(console, qtbot):
    """The controller and both pages around the console's inbox, as ui/app.py wires them."""
    controller = ComplianceController(console.inbox)
    console.session.signedIn.connect(controller.set_staff)
    checklist, panel = ChecklistPage(), CompliancePage()
    for page in (checklist, panel):
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.set_controller(controller)
    opened: list[str] = []
    checklist.open_url = lambda url: opened.append(url.toLocalFile())
    panel.open_url = lambda url: opened.append(url.toLocalFile())
    return controller, checklist, panel, opened


async def started(console, controller, checklist) -> None:
    console.start()
    controller.start()
    await until(lambda: console.window.connection.text() == "已连接服务端", 30)
    await until(lambda: controller.name == "王芳", 30)
    checklist.show()


def test_the_installed_checklist_shows_and_an_overdue_item_is_red_and_counted(world, console, qloop, qtbot):
    created = install(world)
    controller, page, _panel, _opened = desk(console, qtbot)
    counts: list[int] = []
    controller.overdueChanged.connect(counts.append)

    async def scenario():
        await started(console, controller, page)
        await until(lambda: page.model.rowCount() == created, 30)
        assert page.list_stack.currentWidget() is page.table
        assert {row.appid for row in page.model.rows()} == {SAFE_APPID}
        assert all(row.state != "overdue" for row in page.model.rows())
        await until(lambda: counts and counts[-1] == 0, 10)
        assert page.overdue.text() == "没有逾期的检查项"
        assert not page.install_button.isVisible()  # 王芳 is an operator

        # An item falls due in the past on the hub; the desk hears of it through sync.
        target = next(item for item in hub_items(world) if not item.auto)
        with world.hub.db.session() as session:
            item = session.get(ChecklistItem, target.id)
            item.due_on = china_today(world.hub.clock()) - timedelta(days=3)
            item.seq = next_seq(session)

        await until(lambda: counts[-1] == 1, 30)
        await until(lambda: page.model.row_at(0) is not None and page.model.row_at(0).id == target.id, 30)
        row = page.model.row_at(0)
        assert row.state == "overdue" and row.state_text == "已逾期"  # overdue first
        state = page.model.index(0, ItemsModel.STATE)
        assert page.model.data(state) == "已逾期"
        assert page.model.data(state, Qt.ItemDataRole.ForegroundRole) == RED
        font = page.model.data(state, Qt.ItemDataRole.FontRole)
        assert isinstance(font, QFont) and font.bold()
        assert page.overdue.text() == "1 项已逾期"
        assert page.overdue.property("overdue") is True
        assert page.model.data(page.model.index(1, ItemsModel.STATE), Qt.ItemDataRole.ForegroundRole) != RED

        # Items the console checks itself say so.
        auto = [r for r in page.model.rows() if r.auto]
        if auto:
            n = page.model.row_of(auto[0].id)
            assert "系统自检" in page.model.data(page.model.index(n, ItemsModel.TITLE))

    qloop.run_until_complete(scenario())


def test_done_with_a_note_and_a_file_puts_both_on_the_hub(world, console, qloop, qtbot, tmp_path):
    install(world)
    controller, page, _panel, opened = desk(console, qtbot)
    picture = tmp_path / "运营者名单截图.png"
    data = png(7)
    picture.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    note = "已核对管理员和运营者名单，与台账一致。"

    async def scenario():
        await started(console, controller, page)
        await until(lambda: page.model.rowCount() > 0, 30)
        target = next(row for row in page.model.rows() if not row.auto)
        assert page.select_item(target.id)
        assert page.current_item().id == target.id
        assert page.done_button.isEnabled()

        dialog = page.mark_done()
        assert dialog is not None and dialog.isVisible()
        dialog.note.setPlainText(note)
        dialog.add_files([picture])
        assert dialog.files.count() == 1
        assert "将上传 1 个文件" in dialog.summary.text()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

        def recorded() -> list[ChecklistRecord]:
            with world.hub.db.session() as session:
                rows = list(session.scalars(select(ChecklistRecord).where(ChecklistRecord.item_id == target.id)))
                for row in rows:
                    session.expunge(row)
                return rows

        await until(lambda: len(recorded()) == 1, 30)
        record = recorded()[0]
        assert record.note == note
        assert record.done_by == "王芳"
        assert [(e["kind"], e["ref"], e["name"]) for e in record.evidence] == [
            ("file", f"evidence:{sha}", picture.name)
        ]
        assert page.done_dialog is None  # closed once the file was on the hub and the record queued
        answer = requests.get(f"{world.hub_url}/api/evidence/{sha}", headers=world.auth(*OPERATOR), timeout=10)
        assert answer.status_code == 200
        assert answer.content == data

        await until(lambda: page.status.text() == "已登记完成。", 30)
        await until(lambda: [r.id for r in page.records] == [record.id], 30)
        top = page.history.topLevelItem(0)
        assert top.text(2) == note and top.text(3) == "待签核"
        assert not page.sign_button.isVisible()  # an operator does not sign off

        # The file opens again from the history: fetched from the hub into this computer's cache.
        child = top.child(0)
        assert child.data(0, EvidenceRole) == (f"evidence:{sha}", picture.name)
        page._history_activated(child, 2)
        await until(lambda: len(opened) == 1, 30)
        with open(opened[0], "rb") as fetched:
            assert fetched.read() == data
        assert "evidence-cache" in opened[0]

    qloop.run_until_complete(scenario())


def test_offline_the_upload_is_refused_in_words_and_nothing_typed_is_lost(world, console, qloop, qtbot, tmp_path):
    install(world)
    controller, page, _panel, _opened = desk(console, qtbot)
    attachment = tmp_path / "检查记录.txt"
    attachment.write_text("2026 年第四季度密码修改记录", encoding="utf-8")

    async def scenario():
        await started(console, controller, page)
        await until(lambda: page.model.rowCount() > 0, 30)
        target = next(row for row in page.model.rows() if not row.auto)
        page.select_item(target.id)
        await asyncio.to_thread(world.stop_hub)
        await until(lambda: "无法连接" in console.window.connection.text(), 30)

        dialog = page.mark_done()
        dialog.note.setPlainText("已修改登录密码。")
        dialog.add_files([attachment])
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        await until(lambda: dialog.status.property("state") == "error", 30)
        assert "附件要联网才能上传" in dialog.status.text()
        assert dialog.isVisible() and dialog.ok_button.isEnabled()
        assert dialog.note.toPlainText() == "已修改登录密码。"
        assert [a.path for a in dialog.attachments] == [attachment]
        with console.replica_db.session() as session:
            assert session.scalar(select(func.count()).select_from(Outbox)) == 0
        dialog.reject()

    qloop.run_until_complete(scenario())


@pytest.mark.skipif(not hasattr(HubClient, "compliance"), reason="the hub client has no compliance() yet")
def test_the_panel_shows_the_hubs_figures_and_the_last_answer_offline(world, console, qloop, qtbot, tmp_path):
    install(world)
    controller, checklist, page, opened = desk(console, qtbot)
    quarter = f"{china_today(world.hub.clock()).year}Q{(china_today(world.hub.clock()).month - 1) // 3 + 1}"
    hub = requests.get(
        f"{world.hub_url}/api/compliance", params={"quarter": quarter}, headers=world.auth(*OPERATOR), timeout=30
    )
    assert hub.status_code == 200, hub.text
    expected = {a["appid"]: a for a in hub.json()["panel"]}

    async def scenario():
        await started(console, controller, checklist)
        assert page.current_quarter() == quarter
        page.show()  # the first showing asks the hub
        await until(lambda: SAFE_APPID in page.sections, 30)
        section = page.sections[SAFE_APPID]
        assert section.level == expected[SAFE_APPID]["level"]
        assert [(line["key"], line["level"]) for line in section.lines] == [
            (line["key"], line["level"]) for line in expected[SAFE_APPID]["lines"]
        ]
        bodies = [w.text() for w in section.findChildren(type(page.fetched)) if w.objectName() == "panelLine"]
        first = expected[SAFE_APPID]["lines"][0]
        assert any(first["value"] in text and "依据" in text for text in bodies)
        assert "取得" in page.fetched.text()
        fetched_words = page.fetched.text()

        # The quarterly report: the PDF and the Excel from the hub, into the folder chosen.
        page.export_report(str(tmp_path))
        assert page.progress.isVisible() or page.saved_paths
        await until(lambda: len(page.saved_paths) == 2, 60)
        pdf, xlsx = page.saved_paths
        assert open(pdf, "rb").read(4) == b"%PDF"
        assert open(xlsx, "rb").read(2) == b"PK"
        assert page.saved_row.isVisible() and not page.progress.isVisible()
        page.open_folder()
        assert opened == [str(tmp_path)]

        # Offline, the last answer stays, saying when it was fetched.
        await asyncio.to_thread(world.stop_hub)
        failed: list[str] = []
        controller.panelFailed.connect(failed.append)
        qtbot.keyClick(page.refresh_button, Qt.Key.Key_F5)
        await until(lambda: bool(failed), 30)
        assert "无法连接服务端" in failed[0] and "取得的结果" in failed[0]
        assert page.status.text() == failed[0]
        assert SAFE_APPID in page.sections
        assert page.fetched.text() == fetched_words

    qloop.run_until_complete(scenario())


def test_the_register_editor_refuses_a_bad_date_in_place_and_the_hub_refuses_an_operator(world, console, qloop, qtbot):
    controller, checklist, page, _opened = desk(console, qtbot)

    async def scenario():
        await started(console, controller, checklist)
        page.show()
        page.tabs.setCurrentIndex(1)
        await until(lambda: page.register_table.rowCount() == 2, 30)
        assert not page.register_edit_button.isVisible()  # 王芳 is an operator
        # A role taken away on the hub after this desk read it: the desk still offers the editor.
        controller.set_me(controller.login, "|operator|administrator|", controller.name)
        assert page.register_edit_button.isVisible()
        assert page.select_register(SAFE_APPID)

        dialog = page.edit_register()
        assert dialog is not None and dialog.appid == SAFE_APPID
        dialog.fields["unit"].setText("县委宣传部")
        dialog.fields["opened_on"].setText("2016/5/20")
        dialog.submit()
        assert dialog.isVisible()
        assert "开通日期" in dialog.status.text() and "2016/5/20" in dialog.status.text()
        assert dialog.fields["opened_on"].property("invalid") is True
        assert dialog.fields["unit"].property("invalid") is False
        with console.replica_db.session() as session:
            assert session.scalar(select(func.count()).select_from(Outbox)) == 0

        dialog.fields["opened_on"].setText("2016-05-20")
        dialog.submit()
        assert dialog.status.text() == "正在保存…"
        await until(lambda: dialog.status.property("state") == "error", 30)
        assert "需要管理员" in dialog.status.text()
        assert dialog.isVisible() and dialog.save_button.isEnabled()
        assert dialog.fields["unit"].text() == "县委宣传部"
        assert "需要管理员" in page.register_status.text()
        with world.hub.db.session() as session:
            account = session.scalar(select(Account).where(Account.appid == SAFE_APPID))
            assert account.register is None
        dialog.reject()

    qloop.run_until_complete(scenario())


def test_a_supervisor_signs_off_a_colleagues_record_but_not_her_own(world, console, qloop, qtbot):
    install(world)
    with world.hub.db.session() as session:  # 王芳 is made a supervisor before her desk signs in
        me = session.scalar(select(Staff).where(Staff.login == "seat-desk0001"))
        me.roles = "|operator|supervisor|"
        me.seq = next_seq(session)
    target = next(item for item in hub_items(world) if not item.auto)
    done = command(world, SUPERVISOR, "checklist_done", {"item_id": target.id, "note": "李强核对了名单。"})
    assert done.status_code == 200, done.text
    record_id = done.json()["result"]["record_id"]
    controller, page, _panel, _opened = desk(console, qtbot)

    def signed_by() -> str | None:
        with world.hub.db.session() as session:
            return session.get(ChecklistRecord, record_id).signed_off_by

    async def scenario():
        await started(console, controller, page)
        assert controller.supervisor
        await until(lambda: page.select_item(target.id), 30)
        await until(lambda: [r.id for r in page.records] == [record_id], 30)
        assert page.sign_button.isVisible() and page.sign_button.isEnabled()
        qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
        await until(lambda: signed_by() == "王芳", 30)
        await until(lambda: page.history.topLevelItem(0).text(3) == "王芳 已签", 30)
        assert not page.sign_button.isEnabled()  # nothing left to sign

        # Her own record: the button stays off (the hub would refuse it too).
        dialog = page.mark_done()
        dialog.note.setPlainText("王芳复核了名单。")
        dialog.ok_button.click()
        await until(lambda: len(page.records) == 2, 30)
        assert page.records[0].done_by == "王芳" and page.records[0].signed_off_by is None
        page.history.setCurrentItem(page.history.topLevelItem(0))
        assert page.record_to_sign() is None
        assert not page.sign_button.isEnabled()

    qloop.run_until_complete(scenario())


def test_the_items_model_holds_up(qtmodeltester):
    today = china_today(datetime(2026, 11, 12, 2, 0))
    rows = [
        ItemRow(1, SAFE_APPID, "某县发布", "", "修改登录密码", "quarterly", "每季度", "刘洋", "", None,
                today - timedelta(days=1), None, "overdue", "已逾期"),
        ItemRow(2, SAFE_APPID, "某县发布", "backup", "数据备份", "monthly", "每月", "", "", "backup",
                today + timedelta(days=5), today, "unsigned", "待签核"),
    ]  # fmt: skip
    model = ItemsModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.data(model.index(1, ItemsModel.TITLE)) == "数据备份  〔系统自检〕"
    assert model.data(model.index(1, ItemsModel.STATE), Qt.ItemDataRole.ForegroundRole) == QColor(
        STATE_COLORS["unsigned"]
    )


def test_a_pasted_screenshot_goes_up_as_evidence(world, console, qloop, qtbot, tmp_path):
    """Offices screenshot the 公众平台 page (IP whitelist, 群发保护): 粘贴截图 attaches the clipboard's picture
    as a PNG, which reaches the hub like a chosen file; with no picture on the clipboard, words say what
    to do and nothing is attached."""
    install(world)
    controller, page, _panel, _opened = desk(console, qtbot)

    async def scenario():
        await started(console, controller, page)
        await until(lambda: page.model.rowCount() > 0, 30)
        target = next(row for row in page.model.rows() if not row.auto)
        assert page.select_item(target.id)
        dialog = page.mark_done()
        dialog.clips_dir = tmp_path / "clips"

        QGuiApplication.clipboard().setText("不是图片")
        qtbot.mouseClick(dialog.paste_button, Qt.MouseButton.LeftButton)
        assert "剪贴板里没有图片" in dialog.status.text() and dialog.attachments == []

        shot = QImage(320, 200, QImage.Format.Format_RGB32)
        shot.fill(QColor("#2f6fb0"))
        QGuiApplication.clipboard().setImage(shot)
        qtbot.mouseClick(dialog.paste_button, Qt.MouseButton.LeftButton)
        assert len(dialog.attachments) == 1
        saved = dialog.attachments[0].path
        assert saved.parent == tmp_path / "clips" and saved.suffix == ".png" and saved.name.startswith("截图-")
        assert QImage(str(saved)).size() == shot.size()
        data = saved.read_bytes()

        dialog.note.setPlainText("接口IP白名单只有工作台服务器一个地址，截图留存。")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

        def evidence() -> list[dict]:
            with world.hub.db.session() as session:
                rows = list(session.scalars(select(ChecklistRecord).where(ChecklistRecord.item_id == target.id)))
                return [e for row in rows for e in row.evidence]

        await until(lambda: len(evidence()) == 1, 30)
        [stored] = evidence()
        assert stored["name"] == saved.name and stored["ref"] == f"evidence:{hashlib.sha256(data).hexdigest()}"
        await until(lambda: not saved.exists(), 30)  # uploaded: this computer's copy of the paste is gone

    qloop.run_until_complete(scenario())
