"""`wxconsole demo`: the window against the demo world. With --shots, a short scripted scenario
(messages arrive, an operator replies and notes, the window closes, a search) saved as screenshots."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtTest import QTest

from console.demo import DEMO_STAFF, DemoWorld
from console.secrets.memory import MemoryKeyring
from console.settings import Settings
from console.sync.credentials import TokenStore
from ui.app import Console, make_application, run_in_loop

log = logging.getLogger(__name__)

REPLY = (
    "您好！您的留言已收到。您咨询的事项可携带本人身份证到县政务服务中心相应窗口办理，"
    "工作日 9:00—12:00、14:00—17:00。如需进一步帮助，请留下联系电话，我们将在一个工作日内回复。"
)
SCREENED_REPLY = "您好，张某某县长已作出批示。请把身份证号 11010519491231002X（国标示例号码） 发给我们核实。"
LATE_REPLY = "您好，关于您咨询的问题，我们已转交相关科室，将尽快答复。"


async def until(condition: Callable[[], bool], timeout: float = 20.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"demo: gave up waiting for {what or 'the window'}")
        await asyncio.sleep(0.05)


def _rows(console: Console) -> list:
    model = console.window.inbox.conversations
    return [model.row_at(row) for row in range(model.rowCount()) if model.row_at(row) is not None]


def _row_of(console: Console, appid: str, follower: str) -> int:
    model = console.window.inbox.conversations
    for row in range(model.rowCount()):
        item = model.row_at(row)
        if item is not None and item.appid == appid and item.follower_name == follower:
            return row
    return -1


async def scripted(world: DemoWorld, console: Console, shots: Path) -> None:
    window, page = console.window, console.window.inbox
    shots.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        window.grab().save(str(shots / name))
        log.info("saved %s", shots / name)

    await until(lambda: page.conversations.rowCount() >= 3, what="the seeded conversations")
    shot("01-inbox.png")

    arrived = await world.astep()
    nickname = world.state.nicknames[arrived.openid]
    await until(lambda: _row_of(console, arrived.appid, nickname) >= 0, what="the new message")
    page.select_row(_row_of(console, arrived.appid, nickname))
    await until(lambda: any(m.content == arrived.content for m in page.messages._rows), what="the thread")
    page.composer.editor.setFocus()
    page.composer.editor.insertPlainText(REPLY)  # as an input method delivers Chinese text
    shot("02-new-message.png")

    QTest.keyClick(page.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    await until(
        lambda: any(m.status == "sent" and m.content == REPLY for m in page.messages._rows), what="the reply to be sent"
    )
    assert any(m.content == REPLY for m in world.sent_to(arrived.appid, arrived.openid)), "reply not in sandbox"
    shot("03-replied.png")

    page.run("note")
    page.composer.editor.insertPlainText("已电话回访，粉丝表示满意。")
    page.composer.send_button.click()
    await until(lambda: any(m.kind == "note" for m in page.messages._rows), what="the note")

    world.advance_clock(49 * 3600)  # two days later the 48-hour window has closed
    page.composer.editor.setPlainText(LATE_REPLY)
    await until(lambda: page.composer.refusal is not None, what="the closed window")
    page.composer.send_button.click()  # disabled: the composer says why before WeChat would
    page.composer.show_notice(page.composer.refusal or "")
    shot("04-window-closed.png")

    await asyncio.to_thread(world.push, arrived.appid, "oDEMOsearch0000000000000001", content="社保卡丢了在哪里补办？")
    page.filters.status.setCurrentIndex(page.filters.status.findText("全部状态"))
    page.filters.search.setText("社保")
    await until(lambda: page.results.rowCount() > 0, what="search results")
    shot("05-search.png")

    # The 错敏词 check: a leader's wrong title and an ID number, marked as typed, the send held.
    page.filters.search.setText("")
    page.filters.status.setCurrentIndex(page.filters.status.findText("待处理"))
    searcher = "oDEMOsearch0000000000000001"
    await until(lambda: any(r.follower_name.endswith(searcher[-6:]) for r in _rows(console)), what="the new follower")
    page.select_row(next(i for i, r in enumerate(_rows(console)) if r.follower_name.endswith(searcher[-6:])))
    await until(lambda: page.composer.check is not None, what="the word lists")
    await until(lambda: len(page.messages._rows) > 0, what="the thread")
    page.composer.editor.setPlainText(SCREENED_REPLY)
    page.composer.screen_text()
    page.composer.send_button.click()
    await asyncio.sleep(0.2)  # the hit list settles at its width
    shot("06-screening.png")

    # 常用回复: Ctrl+T, "sb" finds the 社保 templates, filled for this account.
    page.composer.editor.clear()
    await until(lambda: len(page.templates) > 0, what="the templates")
    page.pick_template()
    page.picker.query.setText("sb")
    await asyncio.sleep(0.3)
    image = window.grab()  # the picker is a popup of its own: paint it where it stands
    painter = QPainter(image)
    painter.drawPixmap(window.mapFromGlobal(page.picker.pos()), page.picker.grab())
    painter.end()
    image.save(str(shots / "07-templates.png"))
    log.info("saved %s", shots / "07-templates.png")
    page.picker.hide()

    # 模板 → 自动回复: the rule tester says which rule answers and why the others lost.
    library = window.library_page
    window.nav.setCurrentRow(window.pages.indexOf(library))
    library.tabs.setCurrentWidget(library.rules_tab)
    await until(lambda: library.tester.account.count() > 0, what="the rules")
    library.rule_side.setCurrentWidget(library.tester)
    library.tester.message.setText("我要投诉，社保卡补办太慢了")
    await asyncio.sleep(0.3)
    shot("08-rules.png")

    # 审核: 张敏's first reply to a new follower of 某县人社 waits for 王芳 (who also reviews).
    review = window.review_page
    window.nav.setCurrentRow(window.pages.indexOf(review))
    review.tabs.setCurrentIndex(0)
    await until(lambda: review.queue_model.rowCount() > 0, what="the review queue")
    review.queue_view.setCurrentIndex(review.queue_model.index(0, 0))
    await asyncio.sleep(0.3)
    shot("09-review.png")

    # 日历: the month with its plan, holidays and the rhythm alarms (某县医保 is near the two-week line).
    calendar = window.calendar_page
    window.nav.setCurrentRow(window.pages.indexOf(calendar))
    await until(lambda: bool(calendar.month.entries()), what="the publishing calendar")
    await asyncio.sleep(0.5)
    shot("10-calendar.png")

    # An article in its editor, with the phone preview.
    posts = [entry.post_id for entry in calendar.month.entries() if entry.status in ("draft", "approved", "queued")]
    if posts:
        dialog = console.open_post_editor(posts[0], None, None)
        await asyncio.sleep(1.0)
        dialog.grab().save(str(shots / "11-article.png"))
        log.info("saved %s", shots / "11-article.png")
        dialog.close()
    # 发布时段 of one account, as the desk's colleague sees it (an administrator may change it).
    plan_dialog = calendar.edit_plan(calendar.current_appid())
    if plan_dialog is not None:
        await asyncio.sleep(0.3)
        plan_dialog.grab().save(str(shots / "14-publishing-times.png"))
        log.info("saved %s", shots / "14-publishing-times.png")
        plan_dialog.reject()

    # 安全清单 and 合规检查: the default checklist with one overdue item, and the hub's panel.
    checklist = window.checklist_page
    window.nav.setCurrentRow(window.pages.indexOf(checklist))
    await until(lambda: checklist.model.rowCount() > 0, what="the security checklist")
    checklist.table.selectRow(0)
    await asyncio.sleep(0.5)
    shot("12-checklist.png")
    compliance = window.compliance_page
    loaded: list[bool] = []
    console.compliance.panelLoaded.connect(lambda *_args: loaded.append(True))
    window.nav.setCurrentRow(window.pages.indexOf(compliance))
    await until(lambda: bool(loaded), what="the compliance panel")
    await asyncio.sleep(0.5)
    shot("13-compliance.png")


def run_demo(offscreen: bool = False, shots: Path | None = None, interval: float = 20.0) -> int:
    app = make_application(offscreen)
    world = DemoWorld()
    world.seed(8)
    login, name = DEMO_STAFF[0]  # the demo's desk is 王芳's
    console = Console(
        world.hub_url,
        f"sqlite:///{world.home / 'replica.db'}",
        Settings(seat_login=login, seat_name=name),
        password=world.passwords[login],  # the demo desk signs in as 王芳 by itself
        tokens=TokenStore(world.hub_url, MemoryKeyring()),  # a throwaway session, not in the system's store
    )

    async def main() -> int:
        console.start()
        try:
            if shots is not None:
                await scripted(world, console, shots)
                return 0
            world.keep_writing(interval)
            closed = asyncio.Event()
            app.aboutToQuit.connect(closed.set)
            await closed.wait()
            return 0
        finally:
            await console.stop()
            console.window.close()

    try:
        return run_in_loop(app, main)
    finally:
        world.close()
