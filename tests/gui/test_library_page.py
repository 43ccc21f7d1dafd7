"""The 模板 page as an office's administrator uses it, over a real replica (no hub: the client points at a
closed port and the outbox is not flushed, so every change waits in the outbox where the test reads it):
"sb" finds the 社保 templates; the preview fills {窗口电话} for the chosen account and says which account
lacks it; 保存 sends the version it edited; 复制一份 makes an unsaved copy; a 错敏词 waits for a supervisor's
pass; the hub's answer shows above the editor; a lint warning in the rule tester opens its rule; templates
go out to Excel and come back in."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from console import command_path as commands
from console.inbox.presence import PresenceBoard
from console.inbox.timers import ResponseClock
from console.replies.starter import STARTER_RULES, STARTER_TEMPLATES
from console.settings import Settings
from console.store.database import next_seq, open_database
from console.store.models import Account, Staff
from console.sync.client import HubClient
from console.sync.replica import Replica
from console.sync.wordlists import WordListCache
from console.workcal import HolidayTable
from ui.inbox.controller import InboxController
from ui.replies.library_controller import LibraryController
from ui.replies.library_page import LibraryPage
from ui.replies.override_dialog import OverrideDialog

FABU = "wx1111aaaa2222bbbb"
RENSHE = "wx3333cccc4444dddd"
PHONE = "0910-6661234"
SHORT_RULE = {**STARTER_RULES[2], "name": "社保卡（旧）", "keywords": ["社保卡"], "priority": 1}
# too short to help, and 社保卡补办 (priority 10) always answers first: the tester's lint says both
SHORT_RULE["reply"] = {"kind": "text", "text": "请咨询窗口"}


async def until(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the page never showed what was expected"
        await asyncio.sleep(0.02)


@pytest.fixture
def db(tmp_path: Path):
    """A replica's tables, filled the way the hub fills its own: two accounts, a supervisor, the starter
    rules and templates and each account's values (人社局 has no {窗口电话})."""
    database = open_database(f"sqlite:///{tmp_path / 'r.db'}")
    with database.session() as session:
        session.add(Account(appid=FABU, name="某县发布", seq=next_seq(session)))
        session.add(Account(appid=RENSHE, name="某县人社局", seq=next_seq(session)))
        session.add(Staff(login="zhang", name="张科长", roles="|operator|supervisor|", seq=next_seq(session)))
    seat = commands.Seat("t", "测试")
    for kind, args in (
        ("rules_import", {"account": None, "rules": [*STARTER_RULES, SHORT_RULE]}),
        ("templates_import", {"templates": STARTER_TEMPLATES}),
        (
            "values_save",
            {"account": FABU, "values": {"窗口电话": PHONE, "办公地址": "县政务服务中心一楼"}, "base_version": 1},
        ),
        ("values_save", {"account": RENSHE, "values": {"办公地址": "县人社局二楼"}, "base_version": 1}),
    ):
        outcome = commands.apply(database, PresenceBoard(), uuid.uuid4().hex, kind, 0, args, seat)
        assert outcome.state == "applied", outcome.result
    yield database
    database.dispose()


@pytest.fixture
def controller(db, qloop, tmp_path):
    settings = Settings(seat_login="seat-t0000001", seat_name="测试")
    clock = ResponseClock(HolidayTable.load(), settings.hours(), settings.overdue_hours)
    inbox = InboxController(Replica(db), HubClient("http://127.0.0.1:9"), settings, clock)
    library = LibraryController(inbox, WordListCache(tmp_path / "wordlists"))
    yield library
    qloop.run_until_complete(inbox.stop())


@pytest.fixture
def page(controller, qloop, qtbot):
    """The page built before its controller, as the window does, then loaded."""
    p = LibraryPage()
    qtbot.addWidget(p)
    p.resize(1000, 700)
    p.show()
    qtbot.waitExposed(p)
    p.set_controller(controller)
    controller.start()
    qloop.run_until_complete(until(lambda: p.templates.rowCount() == 8 and p.screener is not None))
    return p


def titles(p: LibraryPage) -> list[str]:
    return [t.title for t in p.templates.rows()]


def open_template(p: LibraryPage, qtbot, title: str) -> None:
    row = titles(p).index(title)
    rect = p.template_table.visualRect(p.templates.index(row, 0))
    qtbot.mouseClick(p.template_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert p.template_editor.title.text() == title


def waiting(controller: LibraryController):
    return controller.inbox.queue.waiting()


def test_models_behave(page, qtmodeltester):
    qtmodeltester.check(page.templates)
    qtmodeltester.check(page.rules)


def test_pinyin_initials_find_the_social_security_templates(page):
    page.search.setText("sb")
    assert sorted(titles(page)) == ["社保卡补办流程", "社保缴费基数查询"]
    assert page.template_count.text() == "找到 2 个模板"
    page.search.setText("ydjy")  # 医保异地就医备案: initials anywhere in the title
    assert titles(page) == ["医保异地就医备案"]
    page.search.clear()
    assert len(titles(page)) == 8


def test_preview_fills_the_chosen_accounts_values_and_names_what_is_missing(page, qtbot):
    open_template(page, qtbot, "办公时间和地址")
    editor = page.template_editor
    assert editor.account.currentText() == "通用（所有公众号）" and editor.preview_account.isEnabled()
    editor.preview_account.setCurrentIndex(editor.preview_account.findData(FABU))
    assert PHONE in editor.preview.text() and "县政务服务中心一楼" in editor.preview.text()
    assert "您好" in editor.preview.text() and "工作日 8:30" in editor.preview.text()  # {称呼}, {办公时间}
    assert not editor.missing.isVisible()
    editor.preview_account.setCurrentIndex(editor.preview_account.findData(RENSHE))
    assert "县人社局二楼" in editor.preview.text() and "{窗口电话}" in editor.preview.text()
    assert editor.missing.isVisible() and editor.missing.text() == "账号没有设置：窗口电话"
    # a template of one account previews as that account
    editor.account.setCurrentIndex(editor.account.findData(FABU))
    assert editor.preview_account.currentData() == FABU and not editor.preview_account.isEnabled()
    assert not editor.missing.isVisible()


def test_save_sends_the_edited_version_with_ctrl_s(page, controller, qloop, qtbot):
    open_template(page, qtbot, "社保卡补办流程")
    editor = page.template_editor
    template_id = editor.template_id
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    editor.body.insertPlainText("咨询电话：{窗口电话}。")
    assert editor.dirty and "有未保存的修改" in editor.info.text()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    editor.body.setFocus()
    qtbot.keyClick(editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qloop.run_until_complete(until(lambda: len(waiting(controller)) == 1))
    queued = waiting(controller)[0]
    assert (queued.kind, queued.conversation_id) == ("template_save", 0)
    assert queued.args["id"] == template_id and queued.args["title"] == "社保卡补办流程"
    assert queued.args["base_version"] == controller.library.template_versions[template_id]
    assert queued.args["body"].endswith("咨询电话：{窗口电话}。") and "override" not in queued.args
    assert editor.status.text() == "正在保存…"
    assert editor.body.toPlainText().endswith("咨询电话：{窗口电话}。")  # kept until the hub answers


def test_the_hubs_answer_shows_above_the_editor_and_keeps_the_text(page, controller, qtbot):
    open_template(page, qtbot, "感谢监督")
    editor = page.template_editor
    editor.body.insertPlainText("（修改中）")
    page.save_template()
    controller.settled.emit("template_save", False, "找不到这个模板，可能已被同事删除。", {})
    assert editor.status.isVisible() and editor.status.property("state") == "error"
    assert editor.status.text() == "没有保存：找不到这个模板，可能已被同事删除。"
    assert "（修改中）" in editor.body.toPlainText() and editor.dirty
    page.save_template()
    notice = "王芳在您编辑期间修改了模板“感谢监督”，您的版本另存为“感谢监督（冲突副本）”。"
    controller.settled.emit("template_save", True, notice, {"template_id": 99, "conflict": True, "notice": notice})
    assert editor.status.property("state") == "notice" and notice in editor.status.text()
    assert editor.template_id == 99 and not editor.dirty  # the next save edits the copy


def test_duplicate_makes_an_unsaved_copy(page, controller, qloop, qtbot):
    open_template(page, qtbot, "户籍证明开具")
    editor = page.template_editor
    body = editor.body.toPlainText()
    editor.duplicate_button.click()
    assert editor.title.text() == "户籍证明开具（副本）" and editor.body.toPlainText() == body
    assert editor.template_id == 0 and editor.dirty and editor.info.text() == "尚未保存"
    assert "尚未保存" in editor.status.text()
    assert not page.template_table.selectionModel().hasSelection()
    assert len(titles(page)) == 8 and waiting(controller) == []  # nothing stored until 保存
    page.save_current()
    qloop.run_until_complete(until(lambda: len(waiting(controller)) == 1))
    args = waiting(controller)[0].args
    assert args["title"] == "户籍证明开具（副本）" and not args["id"] and "base_version" not in args


def answer_override_dialog(accept: bool, seen: list) -> None:
    """Answer the pass dialog as a supervisor would, once it is up."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, OverrideDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append([dialog.supervisor.itemText(i) for i in range(dialog.supervisor.count())])
        if not accept:
            dialog.reject()
            return
        dialog.supervisor.setCurrentIndex(dialog.supervisor.findData("zhang"))
        dialog.reason.setPlainText("经核实是公开的办事指南，可以发布")
        dialog.ok_button.click()

    QTimer.singleShot(0, answer)


def test_a_blocked_word_waits_for_a_supervisors_pass(page, controller, qloop, qtbot):
    open_template(page, qtbot, "请提供更多信息")
    editor = page.template_editor
    editor.body.insertPlainText("附件为内部资料。")
    seen: list = []
    answer_override_dialog(False, seen)
    page.save_template()
    assert seen == [["张科长（zhang）"]]
    assert editor.status.property("state") == "error" and "错敏词" in editor.status.text()
    assert editor.panel is not None and editor.panel.state == "blocked"
    qloop.run_until_complete(asyncio.sleep(0.1))
    assert waiting(controller) == []
    answer_override_dialog(True, seen)
    editor.panel.override_button.click()  # 申请放行… under the text does the same
    qloop.run_until_complete(until(lambda: len(waiting(controller)) == 1))
    args = waiting(controller)[0].args
    assert args["override"] == {"supervisor": "zhang", "reason": "经核实是公开的办事指南，可以发布"}
    assert "内部资料" in args["body"]


def test_rules_tab_shows_the_tester_and_a_lint_warning_opens_its_rule(page, qtbot):
    page.tabs.setCurrentWidget(page.rules_tab)
    assert page.rules.rowCount() == 8
    assert page.rule_side.tabText(1) == "测试与检查（2）"
    page.rule_side.setCurrentWidget(page.tester)
    tester = page.tester
    tester.message.setText("社保卡丢了怎么补办")
    assert "社保卡补办" in tester.verdict.text()
    assert tester.lint_list.count() == 2
    item = tester.lint_list.item(1)
    assert "社保卡（旧）" in item.text()
    rect = tester.lint_list.visualItemRect(item)
    qtbot.mouseClick(tester.lint_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = page.rule_editor
    assert page.rule_side.currentIndex() == 0 and editor.name.text() == "社保卡（旧）"
    current = page.rule_table.currentIndex()
    assert page.rules.rule_at(current.row())["name"] == "社保卡（旧）"
    assert editor.rule_id == page.rules.rule_at(current.row())["id"]


def test_rule_mistakes_are_said_before_anything_is_sent(page, controller, qloop):
    page.tabs.setCurrentWidget(page.rules_tab)
    page.new_item()
    editor = page.rule_editor
    assert editor.rule_id == 0 and editor.heading.text() == "新规则"
    editor.name.setText("不动产登记")
    editor.reply_text.setPlainText("不动产登记请到县政务服务中心二楼不动产窗口办理，电话{窗口电话}。")
    page.save_current()
    assert editor.status.text() == "规则“不动产登记”：请至少填写一个关键词，每行一个。"
    editor.keywords.setPlainText("不动产\n房产证")
    editor.window_preset.setCurrentIndex(editor.window_preset.findData("custom"))
    editor.window_text.setText("周八 09:00-12:00")
    page.save_current()
    assert "“周八”不是星期" in editor.status.text() and editor.status.property("state") == "error"
    qloop.run_until_complete(asyncio.sleep(0.1))
    assert waiting(controller) == []
    editor.window_text.setText("周一至周五 08:30-17:30")
    page.save_current()
    qloop.run_until_complete(until(lambda: len(waiting(controller)) == 1))
    queued = waiting(controller)[0]
    assert queued.kind == "rule_save" and "base_version" not in queued.args
    rule = queued.args["rule"]
    assert rule["keywords"] == ["不动产", "房产证"] and rule["account"] is None
    assert rule["windows"] == [{"days": [0, 1, 2, 3, 4], "start": "08:30", "end": "17:30"}]


def test_account_values_are_saved_per_account(page, controller, qloop):
    page.tabs.setCurrentWidget(page.values_tab)
    values = page.values_editor
    values.account.setCurrentIndex(values.account.findData(RENSHE))
    assert values.table.rowCount() == 1 and values.table.item(0, 0).text() == "办公地址"
    assert values.missing.isVisible() and "窗口电话" in values.missing.text()
    values.add_row()
    values.table.item(1, 0).setText("{窗口电话}")
    values.table.item(1, 1).setText("0910-6665678")
    page.save_current()
    qloop.run_until_complete(until(lambda: len(waiting(controller)) == 1))
    queued = waiting(controller)[0]
    assert queued.kind == "values_save"
    values_now = {"办公地址": "县人社局二楼", "窗口电话": "0910-6665678"}
    assert queued.args == {"account": RENSHE, "values": values_now, "base_version": 2}  # 1, then its first save


def test_templates_go_to_excel_and_come_back(page, controller, qloop, tmp_path, monkeypatch):
    sheet = tmp_path / "常用回复.xlsx"
    monkeypatch.setattr(page, "_choose_save_path", lambda _title, _name: sheet)
    monkeypatch.setattr(page, "_choose_open_path", lambda _title: sheet)
    warnings: list[str] = []
    monkeypatch.setattr(page, "_warn", lambda _title, text: warnings.append(text))
    page.export_templates_button.click()
    assert sheet.exists() and warnings == []
    assert page.template_notice.text() == f"已导出 8 个模板到 {sheet}"
    page.import_templates_button.click()
    qloop.run_until_complete(until(lambda: len(waiting(controller)) == 1))
    queued = waiting(controller)[0]
    assert queued.kind == "templates_import" and queued.args["account"] is None
    stored = {t.title: t for t in controller.library.templates}
    rows = queued.args["templates"]
    assert sorted(row["title"] for row in rows) == sorted(stored)
    for row in rows:
        template = stored[row["title"]]
        assert (row["body"], row["category"], row["tags"]) == (template.body, template.category, list(template.tags))
    assert page.template_notice.text() == "正在导入 8 个模板…"
    (tmp_path / "旧表.xls").write_bytes(b"not a workbook")
    monkeypatch.setattr(page, "_choose_open_path", lambda _title: tmp_path / "旧表.xls")
    page.import_templates()
    assert warnings == ["不支持 .xls 文件，请在 Excel 或 WPS 中另存为 .xlsx 格式后再导入。"]


def test_the_next_save_starts_from_the_version_the_hub_gave(page, controller, qloop, qtbot):
    open_template(page, qtbot, "社保卡补办流程")
    editor = page.template_editor
    template_id = editor.template_id
    first = controller.library.template_versions[template_id]
    editor.body.insertPlainText("（第一次修改）")
    page.save_template()
    qloop.run_until_complete(until(lambda: len(waiting(controller)) == 1))
    assert waiting(controller)[0].args["base_version"] == first
    # the hub kept it as the next version; the replica has not caught up yet
    controller.settled.emit("template_save", True, "", {"template_id": template_id, "version": first + 1})
    editor.body.insertPlainText("（第二次修改）")
    page.save_template()
    qloop.run_until_complete(until(lambda: len(waiting(controller)) == 2))
    assert waiting(controller)[1].args["base_version"] == first + 1  # never a conflict with itself


def test_a_colleagues_values_saved_first_are_shown_not_saved_over(page, controller, qloop):
    page.tabs.setCurrentWidget(page.values_tab)
    values = page.values_editor
    values.account.setCurrentIndex(values.account.findData(RENSHE))
    values.add_row()
    values.table.item(1, 0).setText("窗口电话")
    values.table.item(1, 1).setText("0910-6665678")
    page.save_current()
    qloop.run_until_complete(until(lambda: len(waiting(controller)) == 1))
    words = "这个公众号的账号变量已被同事修改过（您看到的是较早的版本），您的修改没有保存。请刷新查看最新内容后再改。"
    controller.settled.emit("values_save", False, words, {"error": words, "stale": True})
    assert values.status.property("state") == "error" and "已被同事修改过" in values.status.text()
    assert not values.dirty and values.table.rowCount() == 1  # what is stored, not the rows typed over it
    assert values.table.item(0, 0).text() == "办公地址"
