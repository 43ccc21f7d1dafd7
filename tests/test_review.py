"""Review before publishing: per-account reply policies, held replies and articles approved level by
level by different people (never the author, never outside their accounts), edits kept as versions,
send back with a comment and resubmit, the reviewer's queue, the 撰稿/审核/审签 lines, and the diff."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from console.review.diff import diff_html, diff_words
from console.review.policy import (
    REPLY_RULES,
    PolicyError,
    first_reply,
    policy_for,
    reply_needs_review,
    set_policy,
)
from console.review.queue import (
    ReviewRefused,
    approve,
    approve_level,
    hold_article,
    hold_reply,
    mark_sent,
    mine,
    pending,
    resubmit,
    send_back,
    signatures,
    withdraw,
)
from console.store.database import Database, open_database
from console.store.models import (
    Account,
    Conversation,
    ConversationStatus,
    Direction,
    Follower,
    Message,
    ReviewItem,
    ReviewPolicy,
    SendStatus,
    Staff,
)

T0 = datetime(2024, 5, 6, 2, 0, 0)  # naive UTC, 10:00 in China
APP_A = "wxaaaa0000aaaa0000"
APP_B = "wxbbbb0000bbbb0000"


@dataclass
class World:
    db: Database
    account_a: int
    account_b: int
    conversation_a: int
    conversation_b: int
    operator: int  # 王芳, operator on A
    sup1: int  # 李强, supervisor on A
    sup2: int  # 张敏, supervisor on every account
    sup3: int  # 陈刚, administrator
    sup_b: int  # 赵丽, supervisor on B only
    writer: int  # 刘洋, operator and supervisor on A (writes articles, reviews others)


def _staff(session, login, name, roles, accounts=None) -> int:
    staff = Staff(login=login, name=name, roles="|" + "|".join(roles) + "|", accounts=accounts, seq=0)
    session.add(staff)
    session.flush()
    return staff.id


def _conversation(session, account_id, openid, remark, text, at) -> int:
    follower = Follower(account_id=account_id, openid=openid, remark=remark, seq=0)
    session.add(follower)
    session.flush()
    conversation = Conversation(account_id=account_id, follower_id=follower.id, status="new", seq=0)
    session.add(conversation)
    session.flush()
    _message(session, conversation, Direction.INBOUND, text, at)
    return conversation.id


def _message(session, conversation, direction, text, at, author=None, status=None, msg_type="text") -> Message:
    message = Message(
        account_id=conversation.account_id,
        conversation_id=conversation.id,
        follower_id=conversation.follower_id,
        direction=direction,
        msg_type=msg_type,
        content=text,
        author_name=author,
        status=status,
        created_at=at,
        seq=0,
    )
    session.add(message)
    session.flush()
    return message


@pytest.fixture
def w(tmp_path) -> World:
    db = open_database(f"sqlite:///{tmp_path / 'hub.db'}")
    with db.session() as session:
        a = Account(appid=APP_A, name="某县发布", seq=0)
        b = Account(appid=APP_B, name="某县人社", seq=0)
        session.add_all([a, b])
        session.flush()
        world = World(
            db=db,
            account_a=a.id,
            account_b=b.id,
            conversation_a=_conversation(session, a.id, "oA000000000000000000001", "张大爷", "养老金什么时候发？", T0),
            conversation_b=_conversation(session, b.id, "oB000000000000000000001", None, "社保卡怎么补办？", T0),
            operator=_staff(session, "wangfang", "王芳", ["operator"], [APP_A]),
            sup1=_staff(session, "liqiang", "李强", ["supervisor"], [APP_A]),
            sup2=_staff(session, "zhangmin", "张敏", ["operator", "supervisor"], [APP_A, APP_B]),
            sup3=_staff(session, "chengang", "陈刚", ["administrator"], None),
            sup_b=_staff(session, "zhaoli", "赵丽", ["supervisor"], [APP_B]),
            writer=_staff(session, "liuyang", "刘洋", ["operator", "supervisor"], [APP_A]),
        )
    return world


def _hold(w: World, session, text="您好，养老金每月15日发放。", author=None, at=T0, conversation=None, cmd=None):
    conv = session.get(Conversation, conversation or w.conversation_a)
    return hold_reply(
        session,
        conv,
        session.get(Staff, author or w.operator),
        text,
        "本号所有回复都需审核",
        [],
        cmd or f"cmd-{text}-{at.isoformat()}",
        at,
    )


def _refused(call, *args, **kwargs) -> ReviewRefused:
    with pytest.raises(ReviewRefused) as info:
        call(*args, **kwargs)
    return info.value


# ---------------------------------------------------------------------------------------------------------
# Policy


def test_policy_default_and_each_mode(w):
    with w.db.session() as session:
        default = policy_for(session, w.account_a)
        assert default.replies == "none" and default.article_levels == 1 and default.id is None
        assert session.query(ReviewPolicy).count() == 0  # the default is not stored

        def needs(mode, labels_policy=(), **kw):
            policy = ReviewPolicy(account_id=w.account_a, replies=mode, labels=list(labels_policy), article_levels=1)
            args = {"has_hits": False, "first_reply": False, "labels": []} | kw
            return reply_needs_review(policy, **args)

        assert set(REPLY_RULES) == {"all", "none", "screened", "first", "labels"}
        assert needs("all") is not None
        assert needs("none", has_hits=True, first_reply=True) is None
        assert needs("screened") is None and "错敏词" in needs("screened", has_hits=True)
        assert needs("first") is None and "第一条" in needs("first", first_reply=True)
        assert needs("labels", ["投诉"], labels=["咨询"]) is None
        reason = needs("labels", ["投诉", "信访"], labels=["咨询", "投诉"])
        assert reason is not None and "投诉" in reason and "咨询" not in reason


def test_set_policy_validates_and_bumps_seq(w):
    with w.db.session() as session:
        with pytest.raises(PolicyError, match="规则"):
            set_policy(session, w.account_a, "sometimes", [], 1, "陈刚")
        with pytest.raises(PolicyError, match="1 到 3"):
            set_policy(session, w.account_a, "all", [], 4, "陈刚")
        with pytest.raises(PolicyError, match="1 到 3"):
            set_policy(session, w.account_a, "all", [], 0, "陈刚")
        with pytest.raises(PolicyError, match="标签"):
            set_policy(session, w.account_a, "labels", [" ", "|"], 1, "陈刚")
        first = set_policy(session, w.account_a, "labels", ["投诉", " 投诉 ", "信访"], 3, "陈刚")
        seq = first.seq
        assert (first.labels, first.article_levels, first.updated_by) == (["投诉", "信访"], 3, "陈刚")
        again = set_policy(session, w.account_a, "first", [], 2, "张敏")
        assert again.id == first.id and again.seq > seq and again.replies == "first"
    with w.db.session() as session:
        stored = policy_for(session, w.account_a)
        assert (stored.replies, stored.article_levels, stored.updated_by) == ("first", 2, "张敏")


def test_first_reply_ignores_automatic_and_failed_replies(w):
    with w.db.session() as session:
        conv = session.get(Conversation, w.conversation_a)
        assert first_reply(session, conv.id)
        _message(session, conv, Direction.OUTBOUND, "您好，已收到", T0, author="自动回复", status=SendStatus.SENT)
        assert first_reply(session, conv.id)
        _message(session, conv, Direction.OUTBOUND, "您好", T0, author="王芳", status=SendStatus.FAILED)
        assert first_reply(session, conv.id)
        _message(session, conv, Direction.OUTBOUND, "每月15日发放", T0, author="王芳", status=SendStatus.SENT)
        assert not first_reply(session, conv.id)
        assert first_reply(session, w.conversation_b)  # another follower


# ---------------------------------------------------------------------------------------------------------
# Holding and approving


def test_hold_approve_send(w):
    with w.db.session() as session:
        before = session.get(Conversation, w.conversation_a).seq
        item = _hold(w, session)
        conv = session.get(Conversation, w.conversation_a)
        assert conv.status == ConversationStatus.REVIEW and conv.seq > before
        assert item.state == "pending" and item.levels_required == 1 and item.levels_done == 0
        assert item.versions == [
            {"text": "您好，养老金每月15日发放。", "by": "王芳", "at": "2024-05-06T02:00:00+00:00", "note": "提交"}
        ]
        assert _hold(w, session).id == item.id  # a retried command holds nothing new
        item_id, seq = item.id, item.seq
    with w.db.session() as session:
        item = approve(session, item_id, session.get(Staff, w.sup1), T0 + timedelta(minutes=3), note="可以")
        assert item.state == "approved" and item.levels_done == 1 and item.seq > seq
        assert item.approvals == [
            {
                "level": 1,
                "by": "李强",
                "by_id": w.sup1,
                "at": "2024-05-06T02:03:00+00:00",
                "edited": False,
                "note": "可以",
            }
        ]
        assert _refused(approve, session, item_id, session.get(Staff, w.sup2), T0).forbidden is False
        assert session.get(Conversation, w.conversation_a).status == ConversationStatus.REVIEW  # until sent
    with w.db.session() as session:
        conv_seq = session.get(Conversation, w.conversation_a).seq
        item = mark_sent(session, item_id, 77, T0 + timedelta(minutes=4))
        assert item.state == "sent" and item.message_id == 77
        conv = session.get(Conversation, w.conversation_a)
        assert conv.status == ConversationStatus.OPEN and conv.seq > conv_seq
        assert _refused(mark_sent, session, item_id, 78, T0).forbidden is False


def _as_command(w: World, staff_id: int, kind: str, args: dict):
    """Through the one command path, as the hub applies a desk's command: role and account are the
    registry's to check, not the queue's."""
    from console.command_path import apply
    from console.inbox.presence import PresenceBoard
    from console.staff.access import Seat

    with w.db.session() as session:
        seat = Seat.of(session.get(Staff, staff_id))
    return apply(w.db, PresenceBoard(), uuid.uuid4().hex, kind, 0, args, seat, T0)


def test_who_may_not_approve(w):
    with w.db.session() as session:
        own = _hold(w, session, "刘洋写的回复", author=w.writer)
        other = _hold(w, session, "王芳写的回复")
        b_item = _hold(w, session, "人社的回复", conversation=w.conversation_b, author=w.sup2)
        own_id, other_id = own.id, other.id
    # an operator, and a supervisor of another account: refused by the command path
    refused = _as_command(w, w.operator, "review_approve", {"item_id": other_id})
    assert refused.status == 403 and "审核人员" in refused.error
    refused = _as_command(w, w.sup_b, "review_approve", {"item_id": other_id})
    assert refused.status == 403 and "某县发布" in refused.error
    with w.db.session() as session:
        own, other = session.get(ReviewItem, own_id), session.get(ReviewItem, other_id)
        # the author, even a supervisor
        refused = _refused(approve, session, own.id, session.get(Staff, w.writer), T0)
        assert refused.forbidden and "自己" in str(refused)
        assert approve(session, b_item.id, session.get(Staff, w.sup_b), T0).state == "approved"
        assert approve(session, own.id, session.get(Staff, w.sup1), T0).state == "approved"
        assert approve(session, other.id, session.get(Staff, w.sup3), T0).state == "approved"  # administrator
        assert _refused(approve, session, 9999, session.get(Staff, w.sup1), T0).forbidden is False


def test_three_level_article_by_three_people_in_order(w):
    with w.db.session() as session:
        article = hold_article(
            session, w.account_a, 12, session.get(Staff, w.writer), "<p>关于做好防汛工作的通知</p>", 3, "art-1", T0
        )
        assert article.kind == "article" and article.levels_required == 3 and "三审" in article.reason
        assert signatures(article) == {"撰稿": "刘洋", "审核": "", "复审": "", "审签": ""}
        sup1, sup2, sup3 = (session.get(Staff, i) for i in (w.sup1, w.sup2, w.sup3))

        # a named level cannot skip the one before it
        refused = _refused(approve_level, session, article.id, sup1, 2, T0)
        assert refused.forbidden and "不能跳过第 1 级" in str(refused)
        approve_level(session, article.id, sup1, 1, T0 + timedelta(minutes=1))
        # the same person cannot give a second level
        refused = _refused(approve, session, article.id, sup1, T0)
        assert refused.forbidden and "不同的人" in str(refused)
        assert _refused(approve_level, session, article.id, sup2, 3, T0).forbidden
        assert _refused(approve_level, session, article.id, sup2, 1, T0).forbidden  # level 1 is given
        assert approve_level(session, article.id, sup2, 2, T0 + timedelta(minutes=2)).state == "pending"
        assert _refused(approve, session, article.id, sup2, T0).forbidden
        done = approve_level(session, article.id, sup3, 3, T0 + timedelta(minutes=3))
        assert done.state == "approved" and done.levels_done == 3
        assert [(a["level"], a["by"]) for a in done.approvals] == [(1, "李强"), (2, "张敏"), (3, "陈刚")]
        assert signatures(done) == {"撰稿": "刘洋", "审核": "李强", "复审": "张敏", "审签": "陈刚"}
        assert "已通过" in str(_refused(approve_level, session, article.id, session.get(Staff, w.sup3), 4, T0))
        with pytest.raises(ReviewRefused):
            hold_article(session, w.account_a, 13, sup1, "<p>x</p>", 4, "art-2", T0)
        with pytest.raises(ReviewRefused):
            hold_article(session, w.account_a, 13, sup1, "  ", 1, "art-3", T0)


def test_signatures_for_one_and_two_levels(w):
    with w.db.session() as session:
        writer = session.get(Staff, w.writer)
        one = hold_article(session, w.account_a, 1, writer, "<p>一</p>", 1, "one", T0)
        two = hold_article(session, w.account_a, 2, writer, "<p>二</p>", 2, "two", T0)
        approve(session, one.id, session.get(Staff, w.sup1), T0)
        assert signatures(one) == {"撰稿": "刘洋", "审核": "李强"}
        approve(session, two.id, session.get(Staff, w.sup1), T0)
        assert signatures(two) == {"撰稿": "刘洋", "审核": "李强", "审签": ""}
        approve(session, two.id, session.get(Staff, w.sup2), T0)
        assert signatures(two) == {"撰稿": "刘洋", "审核": "李强", "审签": "张敏"}


def test_approve_with_edits_keeps_both_versions(w):
    with w.db.session() as session:
        item = _hold(w, session, "您好，养老金每月15号发。")
        item_id = item.id
    with w.db.session() as session:
        item = approve(
            session,
            item_id,
            session.get(Staff, w.sup1),
            T0 + timedelta(minutes=5),
            edited_text=" 您好，养老金每月15日发放。 ",
            note="改为规范用语",
        )
        assert item.content == "您好，养老金每月15日发放。"
        assert [(v["text"], v["by"], v["note"]) for v in item.versions] == [
            ("您好，养老金每月15号发。", "王芳", "提交"),
            ("您好，养老金每月15日发放。", "李强", "审核时修改"),
        ]
        assert item.approvals[0]["edited"] is True and item.approvals[0]["note"] == "改为规范用语"
    with w.db.session() as session:  # stored, not just in memory
        item = session.get(ReviewItem, item_id)
        assert len(item.versions) == 2 and item.approvals[0]["edited"] is True
        other = _hold(w, session, "好的。")
        same = approve(session, other.id, session.get(Staff, w.sup1), T0, edited_text="好的。")
        assert same.approvals[0]["edited"] is False and len(same.versions) == 1
        third = _hold(w, session, "第三条。")
        assert _refused(approve, session, third.id, session.get(Staff, w.sup1), T0, edited_text="  ").forbidden is False
        assert session.get(ReviewItem, third.id).state == "pending"


def test_send_back_resubmit_withdraw(w):
    with w.db.session() as session:
        item = _hold(w, session, "养老金15号发")
        sup1, operator = session.get(Staff, w.sup1), session.get(Staff, w.operator)
        refused = _refused(send_back, session, item.id, sup1, " 改 ", T0)
        assert not refused.forbidden and "原因" in str(refused)
        item_id = item.id
    for who in (w.operator, w.sup_b):  # not a reviewer; a reviewer of another account
        assert _as_command(w, who, "review_send_back", {"item_id": item_id, "comment": "不行不行"}).status == 403
    with w.db.session() as session:
        item = session.get(ReviewItem, item_id)
        sup1, operator = session.get(Staff, w.sup1), session.get(Staff, w.operator)
        conv_seq = session.get(Conversation, w.conversation_a).seq
        back = send_back(session, item.id, sup1, "请写明具体发放日期和咨询电话", T0 + timedelta(minutes=1))
        assert back.state == "returned" and back.comment == "请写明具体发放日期和咨询电话"
        conv = session.get(Conversation, w.conversation_a)
        assert conv.status == ConversationStatus.OPEN and conv.seq > conv_seq
        assert _refused(send_back, session, item.id, sup1, "再退一次", T0).forbidden is False
        assert _refused(approve, session, item.id, sup1, T0).forbidden is False

        [row] = mine(session, w.operator)
        assert row.state == "returned" and row.state_text == "已退回" and row.comment.startswith("请写明")

        # only the author resubmits, and only what came back
        assert _refused(resubmit, session, item.id, sup1, "改好了", T0).forbidden
        again = resubmit(session, item.id, operator, "养老金每月15日发放，咨询电话 12333。", T0 + timedelta(minutes=9))
        assert again.state == "pending" and again.comment is None and again.levels_done == 0 and again.approvals == []
        assert [v["note"] for v in again.versions] == ["提交", "修改后重新提交"]
        assert session.get(Conversation, w.conversation_a).status == ConversationStatus.REVIEW
        assert _refused(resubmit, session, item.id, operator, "再改", T0).forbidden is False

        # the author withdraws a pending item; nobody else can
        assert _refused(withdraw, session, item.id, sup1, T0).forbidden
        pulled = withdraw(session, item.id, operator, T0 + timedelta(minutes=10))
        assert pulled.state == "returned" and pulled.comment == "作者撤回"
        assert session.get(Conversation, w.conversation_a).status == ConversationStatus.OPEN
        assert _refused(withdraw, session, item.id, operator, T0).forbidden is False


def test_a_second_held_reply_keeps_the_conversation_in_review(w):
    with w.db.session() as session:
        first = _hold(w, session, "第一条")
        _hold(w, session, "第二条")
        send_back(session, first.id, session.get(Staff, w.sup1), "重写一下", T0)
        assert session.get(Conversation, w.conversation_a).status == ConversationStatus.REVIEW


def test_pending_queue_order_filter_and_waiting(w):
    with w.db.session() as session:
        conv = session.get(Conversation, w.conversation_a)
        _message(session, conv, Direction.INBOUND, "", T0 + timedelta(minutes=1), msg_type="event")
        _message(session, conv, Direction.INBOUND, "是每个月15号吗？", T0 + timedelta(minutes=2))
        late = _hold(w, session, "后提交的", at=T0 + timedelta(minutes=30))
        early = _hold(w, session, "先提交的", at=T0 + timedelta(minutes=10))
        own = _hold(w, session, "李强自己写的", author=w.sup1, at=T0)
        b_item = _hold(w, session, "人社的", conversation=w.conversation_b, at=T0 + timedelta(minutes=5))
        article = hold_article(session, w.account_a, 5, session.get(Staff, w.writer), "<p>通知</p>", 2, "a", T0)
        approve(session, article.id, session.get(Staff, w.sup1), T0 + timedelta(minutes=20))
        done = _hold(w, session, "已经通过的", at=T0)
        approve(session, done.id, session.get(Staff, w.sup2), T0)

        now = T0 + timedelta(hours=1)
        rows = pending(session, session.get(Staff, w.sup1), now)
        # not their own, not B's, not the article they gave level 1, not the approved one
        assert [r.id for r in rows] == [early.id, late.id]
        row = rows[0]
        assert (row.kind, row.account_name, row.appid, row.author_name) == ("reply", "某县发布", APP_A, "王芳")
        assert row.follower_name == "张大爷" and row.follower_message == "是每个月15号吗？"
        assert row.waiting_seconds == 50 * 60 and row.level == 1 and row.levels_required == 1
        assert row.content == "先提交的" and row.versions[0]["note"] == "提交"

        everyone = pending(session, session.get(Staff, w.sup2), now)  # all accounts; level 2 of the article
        assert [r.id for r in everyone] == [own.id, article.id, b_item.id, early.id, late.id]
        art = everyone[1]
        assert art.level == 2 and art.levels_required == 2 and art.follower_name is None
        assert art.follower_message is None
        assert everyone[2].follower_name == "粉丝 000001"  # no remark, no nickname

        assert [r.id for r in pending(session, session.get(Staff, w.sup_b), now)] == [b_item.id]
        assert pending(session, session.get(Staff, w.operator), now) == []

        # a resubmitted item waits from its resubmission
        send_back(session, early.id, session.get(Staff, w.sup1), "请再核对", T0 + timedelta(minutes=40))
        resubmit(session, early.id, session.get(Staff, w.operator), "核对后的", T0 + timedelta(minutes=45))
        rows = pending(session, session.get(Staff, w.sup1), now)
        assert [r.id for r in rows] == [late.id, early.id] and rows[1].waiting_seconds == 15 * 60


def test_mine_lists_the_authors_items_newest_first(w):
    with w.db.session() as session:
        a = _hold(w, session, "一", at=T0)
        b = _hold(w, session, "二", at=T0 + timedelta(minutes=1))
        c = _hold(w, session, "三", at=T0 + timedelta(minutes=2))
        _hold(w, session, "别人的", author=w.writer, at=T0 + timedelta(minutes=3))
        approve(session, a.id, session.get(Staff, w.sup1), T0 + timedelta(minutes=5))
        mark_sent(session, a.id, 5, T0 + timedelta(minutes=6))
        send_back(session, b.id, session.get(Staff, w.sup1), "措辞不当", T0 + timedelta(minutes=4))
        rows = mine(session, w.operator)
        assert [(r.id, r.state, r.state_text) for r in rows] == [
            (a.id, "sent", "已发送"),
            (b.id, "returned", "已退回"),
            (c.id, "pending", "待审核"),
        ]
        assert rows[0].message_id == 5 and rows[1].comment == "措辞不当" and rows[2].comment is None
        assert rows[0].follower_name == "张大爷"


# ---------------------------------------------------------------------------------------------------------
# Diff


def _sides(runs):
    old = "".join(text for op, text in runs if op != "insert")
    new = "".join(text for op, text in runs if op != "delete")
    return old, new


def test_diff_words_on_chinese_text():
    old, new = "今天下午三点在县政务服务中心办理", "今天上午九点在县政务大厅办理"
    runs = diff_words(old, new)
    assert runs == [
        ("equal", "今天"),
        ("delete", "下午三"),
        ("insert", "上午九"),
        ("equal", "点在县政务"),
        ("delete", "服务中心"),
        ("insert", "大厅"),
        ("equal", "办理"),
    ]
    assert _sides(runs) == (old, new)
    assert diff_words("相同", "相同") == [("equal", "相同")]
    assert diff_words("", "新增") == [("insert", "新增")]
    assert diff_words("删除", "") == [("delete", "删除")]
    assert diff_words("", "") == []
    for a, b in [
        ("养老金每月15号发。", "您好，养老金每月15日发放。"),
        ("甲乙丙丁", "丁丙乙甲"),
        ("第一行\n第二行", "第一行\n第三行"),
    ]:
        runs = diff_words(a, b)
        assert _sides(runs) == (a, b)
        assert all(runs[i][0] != runs[i + 1][0] for i in range(len(runs) - 1))  # merged into runs


def test_diff_html_escapes_and_marks():
    out = diff_html("<b>社保</b>\n卡", "<b>医保</b>\n卡")
    assert out.startswith("&lt;b&gt;")
    assert "<del style=" in out and ">社</del>" in out and ">医</ins>" in out
    assert "<br>" in out and "\n" not in out and "<b>" not in out
