"""The inspection panel (合规检查) and the account register (账号台账), on a real SQLite database with rows
written through the models and the shipped holiday table (2026: 国庆节 from 1 October)."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from console.command_path import Seat
from console.command_path import apply as path_apply
from console.compliance.panel import (
    QuarterError,
    current_quarter,
    panel,
    panel_json,
    quarter_bounds,
)
from console.compliance.register import (
    FIELDS,
    REGISTER_KINDS,
    RegisterError,
    RegisterRefused,
    apply,
    clean_register,
    register_rows,
)
from console.inbox.presence import PresenceBoard
from console.store.database import open_database
from console.store.models import (
    Account,
    AuditEntry,
    ChecklistItem,
    Conversation,
    Follower,
    Message,
    Post,
    ReplyRule,
    ReviewItem,
    ReviewPolicy,
    ScreenEvent,
    Staff,
)
from console.workcal.holidays import HolidayTable
from console.workcal.hours import OfficeHours, from_china

APPID = "wx1111aaaa2222bbbb"
OTHER = "wx3333cccc4444dddd"
TODAY = date(2026, 10, 20)  # a Tuesday in 2026Q4
NOW = from_china(datetime(2026, 10, 20, 10, 0))


def china(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """Naive UTC, the stored form, of a China wall-clock time."""
    return from_china(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def db(tmp_path: Path):
    database = open_database(f"sqlite:///{tmp_path / 'hub.db'}")
    with database.session() as session:
        session.add(Account(appid=APPID, name="某县发布", account_type="subscription"))
        session.add(Account(appid=OTHER, name="某县人社", account_type="service"))
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def table() -> HolidayTable:
    loaded = HolidayTable.load()
    assert loaded.covers(2026)
    return loaded


def account_id(session, appid: str = APPID) -> int:
    return session.scalar(select(Account.id).where(Account.appid == appid))


def published(session, title: str, when: datetime, appid: str = APPID, **kw) -> Post:
    post = Post(account_id=account_id(session, appid), title=title, state="published", published_at=when, **kw)
    session.add(post)
    session.flush()
    return post


def line_of(database, key: str, now: datetime = NOW, appid: str = APPID, table=None, quarter=None):
    with database.session() as session:
        found = panel(session, now, table or HolidayTable.load(), OfficeHours(), appid=appid, quarter=quarter)
    assert [p.appid for p in found] == [appid]
    return found[0].line(key)


# ---- quarters ----


def test_quarters():
    assert quarter_bounds("2026Q4") == (date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_bounds("2026q1") == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_bounds("2024Q1")[1] == date(2024, 3, 31)
    assert current_quarter(date(2026, 10, 1)) == "2026Q4"
    assert current_quarter(date(2026, 9, 30)) == "2026Q3"
    with pytest.raises(QuarterError, match="2026Q4"):
        quarter_bounds("2026-4")


# ---- days since the last post ----


@pytest.mark.parametrize(("days", "level"), [(9, "ok"), (10, "warning"), (13, "alarm"), (14, "alarm")])
def test_days_since_last_post(db, table, days, level):
    with db.session() as session:
        published(session, "旧闻", china(TODAY - timedelta(days=days + 5)))
        published(session, "最近一篇", china(TODAY - timedelta(days=days), 18))
        # Planned and unpublished posts do not keep an account in: only what went out counts.
        session.add(Post(account_id=account_id(session), title="排期中", state="queued", scheduled_at=china(TODAY)))
        session.add(Post(account_id=account_id(session), title="草稿", state="draft"))
    line = line_of(db, "since_last_post", table=table)
    assert line.level == level
    assert line.figure == days
    assert f"{days} 天" in line.value
    assert "两周" in line.rule and "单项否决" in line.rule
    assert line.advice


def test_never_posted_is_an_alarm(db, table):
    line = line_of(db, "since_last_post", table=table)
    assert (line.level, line.figure) == ("alarm", None)
    assert "没有发布记录" in line.value


# ---- oldest unanswered message, in working days ----


def waiting(session, since: datetime | None, openid: str, appid: str = APPID) -> None:
    follower = Follower(account_id=account_id(session, appid), openid=openid)
    session.add(follower)
    session.flush()
    session.add(Conversation(account_id=follower.account_id, follower_id=follower.id, waiting_since=since))


def test_oldest_unanswered_counts_working_days_across_the_national_day_holiday(db, table):
    hours = OfficeHours()
    since = china(date(2026, 9, 30), 17, 0)  # the last afternoon before 国庆节
    with db.session() as session:
        waiting(session, since, "o-before-holiday")
        waiting(session, china(date(2026, 10, 8), 9), "o-later")
        waiting(session, None, "o-answered")  # answered: not waiting
    measured = china(date(2026, 10, 9), 17, 30)  # end of the office day on 9 October

    # Count it by hand from the table: half an hour on 30 September (if a workday), then every full
    # office day from 1 to 9 October that the table says is worked.
    worked = [date(2026, 10, d) for d in range(1, 10) if table.is_workday(date(2026, 10, d))]
    assert date(2026, 10, 1) not in worked and date(2026, 10, 7) not in worked  # the holiday itself
    first_day = 1800 if table.is_workday(date(2026, 9, 30)) else 0
    expected = (first_day + len(worked) * hours.day_seconds) / hours.day_seconds
    assert expected < 9  # nine calendar days, far fewer working days

    line = line_of(db, "oldest_unanswered", now=measured, table=table)
    assert line.figure == pytest.approx(round(expected, 2))
    assert line.detail["waiting"] == 2
    assert line.level == ("alarm" if expected > 3 else "warning" if expected > 1 else "ok")
    assert line.level == "warning"  # 0.5 h + 8 and 9 October: about two working days
    assert "9月30日 17:00" in line.value
    assert "留言回复不及时" in line.rule and "工作日" in line.rule

    # Five more working days later (the 调休 Saturday 10 October counts), the wait costs points.
    later = line_of(db, "oldest_unanswered", now=china(date(2026, 10, 14), 17, 30), table=table)
    assert later.level == "alarm"
    assert later.figure > 3


def test_nothing_waiting_is_ok(db, table):
    line = line_of(db, "oldest_unanswered", table=table)
    assert (line.level, line.figure) == ("ok", 0)


# ---- interaction channel ----


def rule(session, kind: str, appid: str | None, **kw) -> None:
    session.add(
        ReplyRule(
            account_id=None if appid is None else account_id(session, appid),
            name=f"{kind}-{appid}",
            kind=kind,
            keywords=["社保"] if kind == "keyword" else [],
            reply={"kind": "text", "text": "您好"},
            **kw,
        )
    )


def inbound(session, when: datetime, appid: str = APPID, openid: str = "o-fan") -> None:
    follower = session.scalar(select(Follower).where(Follower.openid == openid))
    if follower is None:
        waiting(session, None, openid, appid)
        follower = session.scalar(select(Follower).where(Follower.openid == openid))
    conversation = session.scalar(select(Conversation).where(Conversation.follower_id == follower.id))
    session.add(
        Message(
            account_id=follower.account_id,
            conversation_id=conversation.id,
            follower_id=follower.id,
            direction="in",
            msg_type="text",
            content="请问社保怎么办",
            created_at=when,
            received_at=when,
        )
    )


def test_channel_without_rules_is_an_alarm(db, table):
    with db.session() as session:
        inbound(session, NOW - timedelta(days=1))
        rule(session, "keyword", APPID, deleted=True)  # deleted and disabled rules do not answer anyone
        rule(session, "fallback", APPID, enabled=False)
        rule(session, "keyword", OTHER)  # another account's rule does not answer this one's followers
    line = line_of(db, "channel", table=table)
    assert line.level == "alarm"
    assert "未提供有效互动功能" in line.rule
    assert "关键词" in line.value and "兜底" in line.value
    assert "关键词回复" in line.advice and "兜底回复" in line.advice
    assert line.detail["messages"] == 1


def test_channel_with_keyword_fallback_and_a_recent_message_is_ok(db, table):
    with db.session() as session:
        rule(session, "keyword", None)  # a rule for every account counts
        rule(session, "fallback", APPID)
        inbound(session, NOW - timedelta(days=8))  # too old to show the channel works today
    quiet = line_of(db, "channel", table=table)
    assert quiet.level == "warning"  # may just be a quiet week: a reminder, not a veto
    assert "近7天没有收到粉丝消息" in quiet.value
    with db.session() as session:
        inbound(session, NOW - timedelta(days=2))
    line = line_of(db, "channel", table=table)
    assert line.level == "ok"
    assert line.figure == 1


# ---- 三审三校 ----


def item(session, levels_required: int, approvals: list[tuple[int, str]], appid: str = APPID) -> ReviewItem:
    author = session.scalar(select(Staff).where(Staff.login == "writer"))
    if author is None:
        author = Staff(login="writer", name="张撰稿")
        session.add(author)
        session.flush()
    row = ReviewItem(
        kind="article",
        account_id=account_id(session, appid),
        author_id=author.id,
        author_name=author.name,
        content="正文",
        levels_required=levels_required,
        levels_done=len(approvals),
        approvals=[{"level": level, "by": by} for level, by in approvals],
        state="sent",
    )
    session.add(row)
    session.flush()
    return row


def test_review_flags_posts_short_of_the_policy_levels(db, table):
    with db.session() as session:
        session.add(ReviewPolicy(account_id=account_id(session), article_levels=2, urgent_levels=1))
        half = item(session, 2, [(1, "王审核")])
        full = item(session, 2, [(1, "王审核"), (2, "赵审签")])
        old_policy = item(session, 1, [(1, "王审核")])
        urgent = item(session, 1, [(1, "王审核")])
        q3 = item(session, 1, [])
        published(session, "只过了一审", china(date(2026, 10, 10)), review_item_id=half.id)
        published(session, "审核齐全", china(date(2026, 10, 11)), review_item_id=full.id)
        published(session, "未经审核", china(date(2026, 10, 12)))
        published(session, "按一级审核", china(date(2026, 10, 13)), review_item_id=old_policy.id)
        published(session, "紧急辟谣", china(date(2026, 10, 14)), review_item_id=urgent.id, urgent=True)
        published(session, "上季度", china(date(2026, 9, 29)), review_item_id=q3.id)
    line = line_of(db, "review", table=table)
    assert line.level == "alarm"
    assert line.figure == 3
    assert "缺少撰稿/审核/审签" in line.rule
    for title in ("只过了一审", "未经审核", "按一级审核"):
        assert f"《{title}》" in line.value
    for title in ("审核齐全", "紧急辟谣", "上季度"):
        assert title not in line.value
    assert "只审核了 1 级，应审 2 级" in line.value
    assert "缺少审签签名" in line.value
    assert line.detail["published"] == 5


def test_review_with_full_levels_and_signatures_is_ok(db, table):
    with db.session() as session:
        session.add(ReviewPolicy(account_id=account_id(session), article_levels=3, urgent_levels=1))
        full = item(session, 3, [(1, "王审核"), (2, "钱复审"), (3, "赵审签")])
        published(session, "三审三校", china(date(2026, 10, 11)), review_item_id=full.id)
    line = line_of(db, "review", table=table)
    assert (line.level, line.figure) == ("ok", 0)


# ---- 错敏词 ----


def test_screening_counts_the_quarter(db, table):
    with db.session() as session:
        me, other = account_id(session), account_id(session, OTHER)
        for outcome, when, account in [
            ("blocked", date(2026, 10, 2), me),
            ("blocked", date(2026, 10, 9), me),
            ("blocked", date(2026, 10, 19), me),
            ("overridden", date(2026, 10, 12), me),
            ("overridden", date(2026, 9, 30), me),  # last quarter
            ("overridden", date(2026, 10, 12), other),  # another account
        ]:
            session.add(
                ScreenEvent(
                    outcome=outcome,
                    what="reply",
                    account_id=account,
                    text_hash="x" * 64,
                    hits=[],
                    created_at=china(when),
                )
            )
    line = line_of(db, "screening", table=table)
    assert line.detail == {"blocked": 3, "overridden": 1}
    assert line.level == "warning"
    assert "拦截 3 次" in line.value and "放行 1 次" in line.value
    assert "复核" in line.advice
    assert "错字、错句、错链" in line.rule
    other_line = line_of(db, "screening", table=table, appid=OTHER)
    assert other_line.detail == {"blocked": 0, "overridden": 1}


# ---- 安全清单 ----


def task(session, title: str, due: date | None, archived: bool = False, appid: str = APPID) -> None:
    session.add(ChecklistItem(account_id=account_id(session, appid), title=title, due_on=due, archived=archived))


def test_overdue_checklist_items(db, table):
    with db.session() as session:
        task(session, "更换管理员密码", date(2026, 10, 15))  # 5 days overdue
        task(session, "检查绑定的运营人员", date(2026, 10, 20))  # due today: not overdue yet
        task(session, "备份素材", date(2026, 11, 1))
        task(session, "一次性：开启安全模式", None)
        task(session, "停用的旧任务", date(2026, 1, 1), archived=True)
        task(session, "人社的任务", date(2026, 1, 1), appid=OTHER)
    line = line_of(db, "checklist", table=table)
    assert (line.level, line.figure) == ("warning", 1)
    assert "《更换管理员密码》逾期 5 天" in line.value
    assert "安全管理制度" in line.rule
    with db.session() as session:
        task(session, "年度安全培训", date(2026, 9, 1))  # 49 days overdue
    line = line_of(db, "checklist", table=table)
    assert (line.level, line.figure) == ("alarm", 2)


def test_panel_lists_every_account_worst_level_and_json(db, table):
    with db.session() as session:
        published(session, "近日动态", china(TODAY - timedelta(days=2)))
    with db.session() as session:
        everyone = panel(session, NOW, table, OfficeHours())
        data = panel_json(session, NOW, table, OfficeHours(), quarter="2026Q4")
        assert panel(session, NOW, table, OfficeHours(), appid="wx0000nothere0000") == []
    assert [p.name for p in everyone] == ["某县发布", "某县人社"]
    assert [line.key for line in everyone[0].lines] == [
        "since_last_post",
        "channel",
        "oldest_unanswered",
        "screening",
        "review",
        "checklist",
    ]
    assert everyone[0].level == "alarm"  # no interaction channel
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data[1]["account_type_text"] == "服务号"
    assert data[0]["lines"][0]["level_text"] == "正常"
    assert data[0]["quarter"] == "2026Q4"


def test_a_past_quarter_is_measured_at_its_end(db, table):
    with db.session() as session:
        published(session, "九月最后一篇", china(date(2026, 9, 25)))
    line = line_of(db, "since_last_post", table=table, quarter="2026Q3")
    assert line.figure == 5  # measured on 30 September, not on 20 October
    assert line.level == "ok"


# ---- 账号台账 ----


def test_clean_register():
    cleaned = clean_register(
        {
            "unit": "  某县融媒体中心 ",
            "owner": "刘主任",
            "owner_phone": "0910-1234567",
            "operators": ["张三", "李四"],
            "verified": True,
            "opened_on": "2018-05-20",
        }
    )
    assert cleaned["unit"] == "某县融媒体中心"
    assert cleaned["operators"] == "张三、李四"
    assert cleaned["verified"] == "已认证"
    assert cleaned["note"] == ""
    assert set(cleaned) == {key for key, _ in FIELDS}
    for bad, field in [
        ({"opened_on": "2018/05/20"}, "开通日期"),
        ({"opened_on": "2999-01-01"}, "开通日期"),
        ({"unit": "某" * 101}, "责任单位"),
        ({"owner_phone": "call me"}, "负责人电话"),
        ({"owner": 12}, "负责人"),
        ({"secret": "x"}, "secret"),
    ]:
        with pytest.raises(RegisterError, match=field):
            clean_register(bad)


def test_register_command_is_for_administrators_only(db):
    assert REGISTER_KINDS == ("register_save",)
    args = {"appid": APPID, "register": {"unit": "某县融媒体中心", "owner": "刘主任", "opened_on": "2018-05-20"}}
    with db.session() as session:
        operator = Staff(login="op", name="小王", roles="|operator|supervisor|")
        admin = Staff(login="admin", name="管理员", roles="|administrator|")
        session.add_all([operator, admin])
        session.flush()
        seat = Seat.of(operator)
    # who may is the command path's to say (console.compliance.kinds), before the register's handler runs
    refused = path_apply(db, PresenceBoard(), uuid.uuid4().hex, "register_save", 0, args, seat, NOW)
    assert refused.status == 403 and "管理员" in refused.error
    with db.session() as session:
        admin = session.scalar(select(Staff).where(Staff.login == "admin"))
        with pytest.raises(RegisterRefused) as invalid:
            apply(session, "register_save", {**args, "register": {"opened_on": "去年"}}, admin, NOW)
        assert not invalid.value.forbidden and "开通日期" in str(invalid.value)
        assert session.scalar(select(Account.register).where(Account.appid == APPID)) is None

        seq_before = session.scalar(select(Account.seq).where(Account.appid == APPID))
        answer = apply(session, "register_save", args, admin, NOW)
        assert answer["register"]["unit"] == "某县融媒体中心"
        assert answer["seq"] > seq_before
        apply(session, "register_save", {**args, "register": {**args["register"], "owner": "陈主任"}}, admin, NOW)
    with db.session() as session:
        rows = register_rows(session)
        entries = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "register_change")))
    assert rows[0]["name"] == "某县发布" and rows[0]["type"] == "订阅号" and rows[0]["owner"] == "陈主任"
    assert rows[1]["type"] == "服务号" and rows[1]["unit"] == ""
    assert len(entries) == 2
    assert entries[0].actor == "admin" and entries[0].target == f"account:{APPID}"
    assert "before" not in entries[0].detail  # nothing was registered before
    assert entries[1].detail["before"]["owner"] == "刘主任"
    assert entries[1].detail["after"]["owner"] == "陈主任"
