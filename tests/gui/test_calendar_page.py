"""日历 in the real window against a real hub and sandbox: a post dragged to another day is moved on the
hub (and drawn there once the desk hears back); a second 群发 on a subscription account's day is refused
on the desk before any command leaves it; an article written while the hub is down is kept on this
computer and reaches the hub exactly once when it is back; the 突发/辟谣 button files an urgent review.

The offscreen platform's QDrag.exec() runs no drag loop, so a drop is the month view's own drag MIME
data sent as real QDragEnter/QDragMove/QDrop events (as in test_calendar_views)."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from console.publishing.board import plan_of
from console.store.models import Account, Command, Outbox, Post, PostDraft, PostState, ReviewItem
from console.timeutil import iso
from console.workcal.hours import china_today, from_china, to_china
from tests.conftest import SAFE_APPID
from tests.gui.test_inbox import until
from tests.test_publishing import OPERATOR, SUPERVISOR, approved_post, article, command, post, sandbox

CALENDAR = 2  # the 日历 row of the sidebar
MORNING = time(10, 0)  # China wall-clock time the tests plan posts at
ARTICLE_TITLE = "县应急管理局关于防范强降雨的提示"
ARTICLE_BODY = "受强降雨影响，请广大群众减少外出，注意防范山洪和地质灾害。"


def day_ahead(world, days: int) -> date:
    """A China date `days` after the hub's today."""
    return china_today(world.hub.clock()) + timedelta(days=days)


def schedule(world, post_id: int, day: date, mode: str | None = None) -> datetime:
    """Plan the post on `day` at 10:00 China time through the hub's API; returns the stored (naive UTC) time."""
    at = from_china(datetime.combine(day, MORNING))
    args = {"post_id": post_id, "scheduled_at": iso(at)}
    if mode:
        args["mode"] = mode
    answer = command(world, OPERATOR, "post_schedule", args)
    assert answer.status_code == 200, answer.text
    assert post(world, post_id).scheduled_at == at
    return at


def hub_count(world, model, *where) -> int:
    with world.hub.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def drop(view, mime: QMimeData, pos: QPoint) -> tuple[bool, bool]:
    """Enter, move and drop at pos as the platform would; returns (move accepted, drop accepted)."""
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(view, enter)
    if not enter.isAccepted():
        return False, False
    move = QDragMoveEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(view, move)
    dropped = QDropEvent(QPointF(pos), actions, mime, buttons, mods)
    QApplication.sendEvent(view, dropped)
    return move.isAccepted(), dropped.isAccepted()


def drag_to(page, post_id: int, day: date) -> None:
    """Drag the post's chip onto `day` of the month view, with the view's own drag data."""
    month = page.month
    target = month.cell_rect(day)
    assert target.isValid(), f"{day} is not on the month view"
    assert drop(month, month.drag_mime(post_id), target.center()) == (True, True)


def drawn_on(page, post_id: int, day: date) -> bool:
    chip = page.month.entry_rect(post_id)
    return chip is not None and page.month.cell_rect(day).contains(chip.center())


async def open_calendar(console, day: date):
    """Start the desk, show 日历 and page the month view to `day`'s month."""
    console.start()
    window = console.window
    window.resize(1400, 900)
    window.nav.setCurrentRow(CALENDAR)
    page = window.calendar_page
    assert window.pages.currentWidget() is page
    assert page.month_button.isChecked()
    await until(lambda: window.connection.text() == "已连接服务端", 30)
    for _ in range(3):
        if (page.anchor.year, page.anchor.month) == (day.year, day.month):
            break
        page.next.click()
    assert (page.anchor.year, page.anchor.month) == (day.year, day.month)
    assert page.title.text() == f"{day.year}年{day.month}月"
    assert day in page.month.days()
    return page


def test_drag_a_post_to_another_day_reschedules_it_on_the_hub(world, console, qloop, qtbot):
    post_id = approved_post(world, "县人社局关于城乡居民养老保险集中缴费的通知")
    day = day_ahead(world, 3)
    schedule(world, post_id, day)
    with world.hub.db.session() as session:
        account = session.scalar(select(Account).where(Account.appid == SAFE_APPID))
        plan = plan_of(account)
    target = day + timedelta(days=1)
    # Dropped on a day, a post keeps its time when that is one of the day's publishing slots, else it
    # takes the day's first slot (PublishingPlan.place).
    expected = datetime.combine(target, plan.place(target, MORNING))

    async def scenario():
        page = await open_calendar(console, day)
        await until(lambda: drawn_on(page, post_id, day), 30)

        drag_to(page, post_id, target)
        assert page.status.text() == f"已改到 {expected:%m-%d %H:%M}，等服务端确认…"

        await until(lambda: post(world, post_id).scheduled_at == from_china(expected), 30)
        await until(lambda: drawn_on(page, post_id, target), 30)
        assert not drawn_on(page, post_id, day)
        assert page.month.entries_on(day) == []
        assert [e.when for e in page.month.entries_on(target)] == [expected]
        await until(lambda: page.status.text() == "已完成。", 30)
        assert to_china(post(world, post_id).scheduled_at) == expected
        assert post(world, post_id).state in (PostState.APPROVED, PostState.QUEUED)

    qloop.run_until_complete(scenario())


def test_a_second_mass_send_the_same_day_is_refused_on_the_desk_before_any_call(world, console, qloop, qtbot):
    first = approved_post(world, "第一篇：县政府常务会议召开", mode="mass", seed=1)
    second = approved_post(world, "第二篇：县城区道路施工公告", mode="mass", seed=2)
    day = day_ahead(world, 3)
    later = day + timedelta(days=3)
    schedule(world, first, day, "mass")
    second_at = schedule(world, second, later, "mass")
    assert hub_count(world, Command, Command.kind == "post_schedule") == 2

    async def scenario():
        page = await open_calendar(console, day)
        await until(lambda: drawn_on(page, first, day) and drawn_on(page, second, later), 30)
        commands_before = hub_count(world, Command)

        drag_to(page, second, day)
        # Refused on the desk, at once, from the replica: nothing is queued for the hub.
        text = page.status.text()
        assert "每天" in text and "1 次" in text, text
        assert f"{day.month}月{day.day}日" in text
        with console.replica_db.session() as session:
            assert session.scalar(select(func.count()).select_from(Outbox)) == 0
        await asyncio.sleep(2)  # long enough for a command to reach the hub, had one been sent

        assert hub_count(world, Command) == commands_before
        assert hub_count(world, Command, Command.kind == "post_schedule") == 2
        assert post(world, second).scheduled_at == second_at
        assert post(world, first).scheduled_at == from_china(datetime.combine(day, MORNING))
        assert drawn_on(page, second, later) and drawn_on(page, first, day)
        assert page.status.text() == text  # no later 服务端 answer replaced the refusal
        assert sandbox(world, "mass") == []

    qloop.run_until_complete(scenario())


def test_an_article_written_offline_reaches_the_hub_once(world, console, qloop, qtbot):
    async def scenario():
        console.start()
        window = console.window
        await until(lambda: window.connection.text() == "已连接服务端", 30)
        await asyncio.to_thread(world.stop_hub)
        await until(lambda: "无法连接" in window.connection.text(), 30)

        dialog = console.open_post_editor(None, SAFE_APPID, None)
        assert dialog.account.currentData() == SAFE_APPID
        editor = dialog.editor
        editor.title.setText(ARTICLE_TITLE)  # QTest.keyClicks cannot type Chinese
        editor.body.setFocus()
        editor.body.insertPlainText(ARTICLE_BODY)

        def kept_on_this_computer() -> bool:
            with console.replica_db.session() as session:
                rows = session.scalars(select(PostDraft)).all()
                return (
                    len(rows) == 1
                    and rows[0].dirty
                    and rows[0].appid == SAFE_APPID
                    and [a.get("title") for a in rows[0].articles] == [ARTICLE_TITLE]
                    and ARTICLE_BODY in rows[0].articles[0].get("body", "")
                )

        await until(kept_on_this_computer, 20)
        await asyncio.sleep(2.5)  # the send timer fires while the hub is down: kept, not lost
        assert kept_on_this_computer()

        await asyncio.to_thread(world.start_hub)

        def on_the_hub() -> int:
            return hub_count(world, Post, Post.title == ARTICLE_TITLE)

        await until(lambda: on_the_hub() == 1, 40)

        def sent() -> bool:
            with console.replica_db.session() as session:
                rows = session.scalars(select(PostDraft)).all()
                return len(rows) == 1 and not rows[0].dirty and rows[0].post_id is not None

        await until(sent, 30)
        await asyncio.sleep(1.5)
        assert on_the_hub() == 1  # once, however many times the desk tried
        assert hub_count(world, Post) == 1
        with world.hub.db.session() as session:
            stored = session.scalar(select(Post).where(Post.title == ARTICLE_TITLE))
            assert stored.state == PostState.DRAFT
            assert ARTICLE_BODY in stored.articles[0]["body"]
            account = session.get(Account, stored.account_id)
            assert account.appid == SAFE_APPID
            post_id = stored.id
        with console.replica_db.session() as session:
            assert session.scalars(select(PostDraft)).one().post_id == post_id
        assert dialog.post_id == post_id

    qloop.run_until_complete(scenario())


def test_the_urgent_button_files_an_urgent_review(world, console, qloop, qtbot):
    saved = command(
        world, OPERATOR, "post_save", {"account": SAFE_APPID, "articles": [article(world, "辟谣：网传停水不实")]}
    )
    assert saved.status_code == 200, saved.text
    post_id = saved.json()["result"]["post_id"]
    world.staff(*SUPERVISOR)

    async def scenario():
        page = await open_calendar(console, china_today(world.hub.clock()))

        def listed() -> int:
            rows = [page.unplanned.item(n).data(Qt.ItemDataRole.UserRole) for n in range(page.unplanned.count())]
            return rows.index(post_id) if post_id in rows else -1

        await until(lambda: listed() >= 0, 30)
        page.unplanned.setCurrentRow(listed())
        assert page.selected == post_id
        assert page.urgent_button.isEnabled()
        qtbot.mouseClick(page.urgent_button, Qt.MouseButton.LeftButton)

        def filed() -> list[tuple[str, bool, int | None]]:
            with world.hub.db.session() as session:
                return [(i.kind, i.urgent, i.target_id) for i in session.scalars(select(ReviewItem))]

        await until(lambda: filed() == [("article", True, post_id)], 30)
        await until(lambda: post(world, post_id).state == PostState.REVIEW, 30)
        assert post(world, post_id).urgent is True
        await until(lambda: page.status.text() == "已完成。", 30)

    qloop.run_until_complete(scenario())
