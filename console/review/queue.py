"""The review queue. An operator's reply the policy holds, or an article before publishing, waits here
until supervisors approve it level by level (each level a different person, never the author), or one
of them sends it back with a comment for the author to revise and resubmit. Every text submitted or
edited in review is kept as a version, every level's decision as an approval, so the record shows who
wrote what and who let it go out (撰稿/审核/审签).

All functions work in the caller's transaction and bump `seq` on every synced row they change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.outbound import ReplyRefused, check_text
from console.refusal import NotApplicable
from console.staff.access import Seat, account_filter, staff_may, visible_account_ids
from console.store.database import next_seq
from console.store.models import (
    Account,
    Conversation,
    ConversationStatus,
    Direction,
    Follower,
    Message,
    ReviewItem,
    Role,
    Staff,
)
from console.timeutil import iso, parse_iso

PENDING, APPROVED, RETURNED, SENT = "pending", "approved", "returned", "sent"
STATE_TEXT = {PENDING: "待审核", APPROVED: "已通过", RETURNED: "已退回", SENT: "已发送"}
NOTE_SUBMITTED = "提交"
NOTE_EDITED = "审核时修改"
NOTE_RESUBMITTED = "修改后重新提交"
WITHDRAWN = "作者撤回"
MAX_LEVELS = 3
MIN_COMMENT = 2
MAX_COMMENT = 2000
MAX_NOTE = 500
LEVEL_WORDS = {1: "一审", 2: "二审", 3: "三审"}
_PLACEHOLDERS = {
    "image": "[图片]",
    "voice": "[语音]",
    "video": "[视频]",
    "shortvideo": "[小视频]",
    "location": "[位置]",
    "link": "[链接]",
}


class ReviewRefused(NotApplicable):
    """The review step cannot be taken. `forbidden` True: this person may not do it (the hub answers
    403); False: nobody can in the item's present state, or the input is wrong (422)."""


@dataclass(frozen=True)
class QueueRow:
    """One item in a reviewer's queue, with what the reviewer needs to decide."""

    id: int
    kind: str  # reply | article
    account_name: str
    appid: str
    conversation_id: int | None
    follower_name: str | None
    follower_message: str | None  # the follower's latest message, for replies
    content: str
    author_name: str
    reason: str
    hits: list[dict[str, Any]]
    level: int  # the level this reviewer would give
    levels_required: int
    waiting_seconds: int  # since the latest submission
    versions: list[dict[str, Any]]
    urgent: bool = False  # 突发/辟谣: shown first, whatever its age
    target_id: int | None = None  # the post, for articles


@dataclass(frozen=True)
class MyItem:
    """One of an author's own items, whatever became of it."""

    id: int
    kind: str
    account_name: str
    appid: str
    conversation_id: int | None
    follower_name: str | None
    content: str
    state: str
    state_text: str  # 待审核 / 已通过 / 已退回 / 已发送
    reason: str
    comment: str | None  # why it came back, while returned
    hits: list[dict[str, Any]]
    levels_done: int
    levels_required: int
    approvals: list[dict[str, Any]]
    versions: list[dict[str, Any]]
    created_at: datetime
    updated_at: datetime
    message_id: int | None


# ---------------------------------------------------------------------------------------------------------
# Submitting


def hold_reply(
    session: Session,
    conversation: Conversation,
    author: Staff,
    text: str,
    reason: str,
    hits: list[dict[str, Any]],
    command_id: str | None,
    now: datetime,
) -> ReviewItem:
    """Hold an operator's reply for one level of review; the conversation shows 待审核 meanwhile. A
    retried command (same id) gets the item already held."""
    existing = _by_command(session, command_id)
    if existing is not None:
        return existing
    content = _reply_text(text)
    seq = next_seq(session)
    item = ReviewItem(
        kind="reply",
        account_id=conversation.account_id,
        conversation_id=conversation.id,
        target_id=None,
        author_id=author.id,
        author_name=author.name,
        content=content,
        versions=[_version(content, author.name, now, NOTE_SUBMITTED)],
        levels_required=1,
        levels_done=0,
        approvals=[],
        state=PENDING,
        reason=(reason or "回复需审核")[:200],
        comment=None,
        hits=[dict(hit) for hit in hits],
        command_id=command_id,
        created_at=now,
        updated_at=now,
        seq=seq,
    )
    session.add(item)
    conversation.status = ConversationStatus.REVIEW
    conversation.seq = seq
    session.flush()
    return item


def hold_article(
    session: Session,
    account_id: int,
    target_id: int | None,
    author: Staff,
    text: str,
    levels_required: int,
    command_id: str | None,
    now: datetime,
) -> ReviewItem:
    """Hold an article (its text or HTML) for `levels_required` levels of review before publishing."""
    existing = _by_command(session, command_id)
    if existing is not None:
        return existing
    if isinstance(levels_required, bool) or not 1 <= int(levels_required) <= MAX_LEVELS:
        raise ReviewRefused(f"文章审核级数应为 1 到 {MAX_LEVELS} 级。", forbidden=False)
    content = _article_text(text)
    item = ReviewItem(
        kind="article",
        account_id=account_id,
        conversation_id=None,
        target_id=target_id,
        author_id=author.id,
        author_name=author.name,
        content=content,
        versions=[_version(content, author.name, now, NOTE_SUBMITTED)],
        levels_required=int(levels_required),
        levels_done=0,
        approvals=[],
        state=PENDING,
        reason=f"文章发布前须经{LEVEL_WORDS[int(levels_required)]}（{int(levels_required)} 级审核）",
        comment=None,
        hits=[],
        command_id=command_id,
        created_at=now,
        updated_at=now,
        seq=next_seq(session),
    )
    session.add(item)
    session.flush()
    return item


# ---------------------------------------------------------------------------------------------------------
# Reviewing


def approve(
    session: Session,
    item_id: int,
    reviewer: Staff,
    now: datetime,
    edited_text: str | None = None,
    note: str = "",
) -> ReviewItem:
    """Give the next level of approval, optionally with the reviewer's edits (kept as a new version and
    marked as edited). At the last level the item becomes approved: the caller sends or publishes it
    and then calls `mark_sent`."""
    item = _item(session, item_id)
    _check_reviewer(session, item, reviewer)
    edited = False
    if edited_text is not None and item.kind == "article" and _article_text(edited_text) != item.content:
        # The article itself (its HTML, pictures, several articles) is what goes out, not this text.
        raise ReviewRefused("图文不能在审核栏里直接改：请退回并写明修改意见，由撰稿人改后重新提交。", forbidden=False)
    if edited_text is not None:
        text = _reply_text(edited_text) if item.kind == "reply" else _article_text(edited_text)
        if text != item.content:
            edited = True
            item.versions = [*item.versions, _version(text, reviewer.name, now, NOTE_EDITED)]
            item.content = text
    level = item.levels_done + 1
    approval = {
        "level": level,
        "by": reviewer.name,
        "by_id": reviewer.id,
        "at": iso(now),
        "edited": edited,
        "note": (note or "").strip()[:MAX_NOTE],
    }
    item.approvals = [*item.approvals, approval]
    item.levels_done = level
    if item.levels_done >= item.levels_required:
        item.state = APPROVED
    item.updated_at = now
    item.seq = next_seq(session)
    session.flush()
    return item


def approve_level(
    session: Session,
    item_id: int,
    reviewer: Staff,
    level: int,
    now: datetime,
    edited_text: str | None = None,
    note: str = "",
) -> ReviewItem:
    """`approve`, for a caller naming the level it approves: a level out of turn is refused, so no level
    is ever skipped or given twice."""
    item = _item(session, item_id)
    if item.state == PENDING and level != item.levels_done + 1:
        due = item.levels_done + 1
        if level > item.levels_required:
            message = f"这条内容只需 {item.levels_required} 级审核，没有第 {level} 级。"
        elif level > due:
            message = f"不能跳过第 {due} 级审核：第 {level} 级须在前面各级通过后进行。"
        else:
            message = f"第 {level} 级已经审核通过，现在待审的是第 {due} 级。"
        raise ReviewRefused(message, forbidden=True)
    return approve(session, item_id, reviewer, now, edited_text, note)


def send_back(session: Session, item_id: int, reviewer: Staff, comment: str, now: datetime) -> ReviewItem:
    """Return the item to its author with the reviewer's comment; a held reply's conversation goes back
    to 处理中."""
    item = _item(session, item_id)
    _check_reviewer(session, item, reviewer)
    words = (comment or "").strip()
    if len(words) < MIN_COMMENT:
        raise ReviewRefused("退回时请写明原因（至少 2 个字），让撰稿人知道要怎么改。", forbidden=False)
    if len(words) > MAX_COMMENT:
        raise ReviewRefused(f"退回意见最长 {MAX_COMMENT} 字。", forbidden=False)
    item.state = RETURNED
    item.comment = words
    _close(session, item, now)
    return item


def resubmit(session: Session, item_id: int, author: Staff, text: str, now: datetime) -> ReviewItem:
    """The author's revision of a returned item: a new version, and review starts again from level 1."""
    item = _item(session, item_id)
    if author.id != item.author_id:
        raise ReviewRefused("只有撰稿人本人可以修改后重新提交。", forbidden=True)
    if item.state != RETURNED:
        raise ReviewRefused(
            f"这条内容{STATE_TEXT.get(item.state, item.state)}，只有被退回的内容才能重新提交。", forbidden=False
        )
    content = _reply_text(text) if item.kind == "reply" else _article_text(text)
    seq = next_seq(session)
    item.versions = [*item.versions, _version(content, author.name, now, NOTE_RESUBMITTED)]
    item.content = content
    item.levels_done = 0
    item.approvals = []
    item.state = PENDING
    item.comment = None
    item.updated_at = now
    item.seq = seq
    conversation = _conversation(session, item)
    if conversation is not None:
        conversation.status = ConversationStatus.REVIEW
        conversation.seq = seq
    session.flush()
    return item


def withdraw(session: Session, item_id: int, author: Staff, now: datetime) -> ReviewItem:
    """The author pulls back a pending item (to rewrite it, or because it is no longer needed)."""
    item = _item(session, item_id)
    if author.id != item.author_id:
        raise ReviewRefused("只有撰稿人本人可以撤回。", forbidden=True)
    if item.state != PENDING:
        raise ReviewRefused(f"这条内容{STATE_TEXT.get(item.state, item.state)}，已不能撤回。", forbidden=False)
    item.state = RETURNED
    item.comment = WITHDRAWN
    _close(session, item, now)
    return item


def mark_sent(session: Session, item_id: int, message_id: int | None, now: datetime) -> ReviewItem:
    """The approved item went out (a reply's message id, or the published article's)."""
    item = _item(session, item_id)
    if item.state != APPROVED:
        raise ReviewRefused(
            f"这条内容{STATE_TEXT.get(item.state, item.state)}，未审核通过的内容不能发送。", forbidden=False
        )
    item.state = SENT
    item.message_id = message_id
    _close(session, item, now)
    return item


# ---------------------------------------------------------------------------------------------------------
# Reading


def may_review(session: Session, reviewer: Staff, account_id: int) -> bool:
    """Whether this colleague reviews for this account at all (role and account list)."""
    if not _is_reviewer(reviewer):
        return False
    appid = session.scalar(select(Account.appid).where(Account.id == account_id))
    return appid is not None and _covers(reviewer, appid)


def pending(session: Session, reviewer: Staff, now: datetime) -> list[QueueRow]:
    """What this reviewer may decide now, urgent items (突发/辟谣) first, then oldest submission first:
    the accounts they work on, without their own items and without items they already approved at an earlier level."""
    if not _is_reviewer(reviewer):
        return []
    query = (
        select(ReviewItem, Account)
        .join(Account, Account.id == ReviewItem.account_id)
        .where(ReviewItem.state == PENDING, ReviewItem.author_id != reviewer.id)
        .order_by(ReviewItem.created_at, ReviewItem.id)
    )
    visible = visible_account_ids(session, Seat.of(reviewer))
    if visible is not None and not visible:
        return []
    query = query.where(account_filter(ReviewItem.account_id, visible))  # type: ignore[arg-type]
    found = [
        (item, account)
        for item, account in session.execute(query).all()
        if not any(a.get("by_id") == reviewer.id for a in item.approvals or [])
    ]
    conversation_ids = [item.conversation_id for item, _ in found if item.conversation_id is not None]
    names = _follower_names(session, conversation_ids)
    latest = _latest_inbound(session, conversation_ids)
    rows = []
    for item, account in found:
        submitted = submitted_at(item)
        rows.append(
            (
                submitted,
                item.id,
                QueueRow(
                    id=item.id,
                    kind=item.kind,
                    account_name=account.name,
                    appid=account.appid,
                    conversation_id=item.conversation_id,
                    follower_name=names.get(item.conversation_id) if item.conversation_id else None,
                    follower_message=latest.get(item.conversation_id) if item.conversation_id else None,
                    content=item.content,
                    author_name=item.author_name,
                    reason=item.reason,
                    hits=list(item.hits or []),
                    level=item.levels_done + 1,
                    levels_required=item.levels_required,
                    waiting_seconds=max(0, int((now - submitted).total_seconds())),
                    versions=list(item.versions or []),
                    urgent=bool(item.urgent),
                    target_id=item.target_id,
                ),
            )
        )
    rows.sort(key=lambda row: (not row[2].urgent, row[0], row[1]))
    return [row for _, _, row in rows]


def mine(session: Session, author_id: int, limit: int = 200) -> list[MyItem]:
    """An author's own items, most recently changed first."""
    query = (
        select(ReviewItem, Account)
        .join(Account, Account.id == ReviewItem.account_id)
        .where(ReviewItem.author_id == author_id)
        .order_by(ReviewItem.updated_at.desc(), ReviewItem.id.desc())
        .limit(limit)
    )
    found = list(session.execute(query).all())
    names = _follower_names(session, [item.conversation_id for item, _ in found if item.conversation_id is not None])
    return [
        MyItem(
            id=item.id,
            kind=item.kind,
            account_name=account.name,
            appid=account.appid,
            conversation_id=item.conversation_id,
            follower_name=names.get(item.conversation_id) if item.conversation_id else None,
            content=item.content,
            state=item.state,
            state_text=STATE_TEXT.get(item.state, item.state),
            reason=item.reason,
            comment=item.comment if item.state == RETURNED else None,
            hits=list(item.hits or []),
            levels_done=item.levels_done,
            levels_required=item.levels_required,
            approvals=list(item.approvals or []),
            versions=list(item.versions or []),
            created_at=item.created_at,
            updated_at=item.updated_at,
            message_id=item.message_id,
        )
        for item, account in found
    ]


def signatures(item: ReviewItem) -> dict[str, str]:
    """The 撰稿/审核/(复审)/审签 lines: who wrote it and who approved each level ("" while not yet)."""
    by_level = {int(a.get("level", 0)): str(a.get("by", "")) for a in item.approvals or []}
    lines = {"撰稿": item.author_name, "审核": by_level.get(1, "")}
    if item.levels_required >= 3:
        lines["复审"] = by_level.get(2, "")
    if item.levels_required >= 2:
        lines["审签"] = by_level.get(item.levels_required, "")
    return lines


def submitted_at(item: ReviewItem) -> datetime:
    """When the item last entered the queue (its first submission or its latest resubmission)."""
    for version in reversed(item.versions or []):
        if version.get("note") in (NOTE_SUBMITTED, NOTE_RESUBMITTED):
            at = parse_iso(version.get("at"))
            if at is not None:
                return at
    return item.created_at


# ---------------------------------------------------------------------------------------------------------
# Helpers


def _version(text: str, by: str, now: datetime, note: str) -> dict[str, Any]:
    return {"text": text, "by": by, "at": iso(now), "note": note}


def _reply_text(text: str) -> str:
    try:
        return check_text(text or "")
    except ReplyRefused as exc:
        raise ReviewRefused(str(exc), forbidden=False) from exc


def _article_text(text: str) -> str:
    content = (text or "").strip()
    if not content:
        raise ReviewRefused("文章内容不能为空。", forbidden=False)
    return content


def _by_command(session: Session, command_id: str | None) -> ReviewItem | None:
    if not command_id:
        return None
    return session.scalar(select(ReviewItem).where(ReviewItem.command_id == command_id))


def _item(session: Session, item_id: int) -> ReviewItem:
    item = session.get(ReviewItem, item_id)
    if item is None:
        raise ReviewRefused("找不到这条审核内容，可能已被删除。", forbidden=False)
    return item


def _is_reviewer(staff: Staff) -> bool:
    return bool(staff.active) and (staff.has_role(Role.SUPERVISOR) or staff.has_role(Role.ADMINISTRATOR))


def _covers(staff: Staff, appid: str) -> bool:
    return staff_may(staff, appid)


def _check_reviewer(session: Session, item: ReviewItem, reviewer: Staff) -> None:
    """Refuse unless this reviewer may decide the item's next level now: the rules of 三审三校 (never one's
    own, each level by another person). Role and account were settled by the command path
    (console.review.kinds)."""
    if item.state != PENDING:
        raise ReviewRefused(f"这条内容{STATE_TEXT.get(item.state, item.state)}，不在待审核状态。", forbidden=False)
    if reviewer.id == item.author_id:
        raise ReviewRefused("不能审核自己撰写的内容，请由其他审核人员审核。", forbidden=True)
    for approval in item.approvals or []:
        if approval.get("by_id") == reviewer.id:
            raise ReviewRefused(
                f"您已审核过第 {approval.get('level')} 级。每一级须由不同的人审核，请交给其他审核人员。",
                forbidden=True,
            )


def _conversation(session: Session, item: ReviewItem) -> Conversation | None:
    if item.kind != "reply" or item.conversation_id is None:
        return None
    return session.get(Conversation, item.conversation_id)


def _close(session: Session, item: ReviewItem, now: datetime) -> None:
    """The item left the queue: its conversation stops showing 待审核 unless another reply still waits."""
    seq = next_seq(session)
    item.updated_at = now
    item.seq = seq
    session.flush()
    conversation = _conversation(session, item)
    if conversation is None or conversation.status != ConversationStatus.REVIEW:
        return
    others = session.scalar(
        select(ReviewItem.id)
        .where(
            ReviewItem.conversation_id == conversation.id,
            ReviewItem.state.in_((PENDING, APPROVED)),
            ReviewItem.id != item.id,
        )
        .limit(1)
    )
    if others is None:
        conversation.status = ConversationStatus.OPEN
        conversation.seq = seq


def _follower_names(session: Session, conversation_ids: list[int]) -> dict[int, str]:
    if not conversation_ids:
        return {}
    rows = session.execute(
        select(Conversation.id, Follower.remark, Follower.nickname, Follower.openid)
        .join(Follower, Follower.id == Conversation.follower_id)
        .where(Conversation.id.in_(set(conversation_ids)))
    ).all()
    return {cid: remark or nickname or f"粉丝 {openid[-6:]}" for cid, remark, nickname, openid in rows}


def _latest_inbound(session: Session, conversation_ids: list[int]) -> dict[int, str]:
    """The follower's latest message (not an event) per conversation, as text."""
    if not conversation_ids:
        return {}
    newest = (
        select(func.max(Message.id))
        .where(
            Message.conversation_id.in_(set(conversation_ids)),
            Message.direction == Direction.INBOUND,
            Message.msg_type != "event",
        )
        .group_by(Message.conversation_id)
    )
    rows = session.execute(
        select(Message.conversation_id, Message.msg_type, Message.content).where(Message.id.in_(newest))
    ).all()
    return {cid: content or _PLACEHOLDERS.get(msg_type, f"[{msg_type}]") for cid, msg_type, content in rows}
