"""The read side the window shows: plain rows, so widgets never see a session or a model class.

The conversation list is read in keyset pages of ids (newest first, or longest waiting first), each
filter served by its own index, and rows are fetched only for the ids on screen: a million messages
open as fast as a hundred."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from console.store.models import Account, Conversation, Follower, Label, Message, Note, ReviewItem, Staff

MEDIA_TYPES = {"image", "voice", "video", "shortvideo"}
SORTS = ("recent", "waiting")


@dataclass(frozen=True)
class InboxFilter:
    account_id: int | None = None
    statuses: tuple[str, ...] = ()  # empty: every status
    assignee_id: int | None = None
    unassigned: bool = False
    label: str | None = None
    sort: str = "recent"  # "recent": newest message first; "waiting": longest wait first


@dataclass(frozen=True)
class ConversationRow:
    id: int
    appid: str
    account_name: str
    follower_name: str
    preview: str
    status: str
    last_message_at: datetime
    last_inbound_at: datetime | None
    last_inbound_kind: str | None
    account_id: int = 0
    waiting_since: datetime | None = None
    window_used: int = 0
    assignee_id: int | None = None
    assignee_name: str | None = None
    labels: tuple[str, ...] = ()
    snoozed_until: datetime | None = None
    snooze_until_reply: bool = False


@dataclass(frozen=True)
class MessageRow:
    """One line of a conversation's history: a message, an internal note, or a command still queued."""

    id: int
    direction: str  # "in", "out", "note"
    msg_type: str
    content: str
    status: str | None
    error_text: str | None
    created_at: datetime
    event: str | None = None
    author: str | None = None
    has_media: bool = False
    kind: str = "message"  # "message", "note", "queued", "refused"
    auto_rule: str | None = None  # the rule's name, for a reply the hub sent automatically


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


def follower_name(follower: Follower) -> str:
    return follower.remark or follower.nickname or f"粉丝 {follower.openid[-6:]}"


def _filtered(query: Select, flt: InboxFilter) -> Select:
    if flt.account_id is not None:
        query = query.where(Conversation.account_id == flt.account_id)
    if flt.statuses:
        query = query.where(Conversation.status.in_(flt.statuses))
    if flt.unassigned:
        query = query.where(Conversation.assignee_id.is_(None))
    elif flt.assignee_id is not None:
        query = query.where(Conversation.assignee_id == flt.assignee_id)
    if flt.label:
        query = query.where(Conversation.labels.contains(f"|{flt.label}|", autoescape=True))
    return query


SortKey = tuple[datetime, int]


def conversation_ids(
    session: Session, flt: InboxFilter, after: SortKey | None = None, limit: int = 200
) -> list[tuple[int, SortKey]]:
    """One page of ids in the filter's order, after the key of the last one already shown."""
    if flt.sort == "waiting":
        column = Conversation.waiting_since
        query = select(Conversation.id, column).where(column.is_not(None))
        if after is not None:
            query = query.where(or_(column > after[0], and_(column == after[0], Conversation.id > after[1])))
        query = query.order_by(column, Conversation.id)
    else:
        column = Conversation.last_message_at
        query = select(Conversation.id, column)
        if after is not None:
            query = query.where(or_(column < after[0], and_(column == after[0], Conversation.id < after[1])))
        query = query.order_by(column.desc(), Conversation.id.desc())
    rows = session.execute(_filtered(query, flt).limit(limit)).all()
    return [(row[0], (row[1], row[0])) for row in rows]


def count_conversations(session: Session, flt: InboxFilter) -> int:
    query = select(func.count(Conversation.id))
    if flt.sort == "waiting":
        query = query.where(Conversation.waiting_since.is_not(None))
    return int(session.scalar(_filtered(query, flt)) or 0)


def conversation_rows(session: Session, ids: Iterable[int]) -> dict[int, ConversationRow]:
    """Rows for the ids on screen. Plain columns, not ORM objects: this runs while the list paints."""
    wanted = list(ids)
    if not wanted:
        return {}
    c = Conversation
    rows = session.execute(
        select(
            c.id,
            Account.appid,
            Account.name,
            Follower.remark,
            Follower.nickname,
            Follower.openid,
            c.preview,
            c.status,
            c.last_message_at,
            c.last_inbound_at,
            c.last_inbound_kind,
            c.account_id,
            c.waiting_since,
            c.window_used,
            c.assignee_id,
            Staff.name,
            c.labels,
            c.snoozed_until,
            c.snooze_until_reply,
        )
        .join(Account, c.account_id == Account.id)
        .join(Follower, c.follower_id == Follower.id)
        .outerjoin(Staff, c.assignee_id == Staff.id)
        .where(c.id.in_(wanted))
    ).all()
    return {
        r[0]: ConversationRow(
            id=r[0],
            appid=r[1],
            account_name=r[2],
            follower_name=r[3] or r[4] or f"粉丝 {r[5][-6:]}",
            preview=r[6],
            status=r[7],
            last_message_at=r[8],
            last_inbound_at=r[9],
            last_inbound_kind=r[10],
            account_id=r[11],
            waiting_since=r[12],
            window_used=r[13],
            assignee_id=r[14],
            assignee_name=r[15],
            labels=tuple(name for name in (r[16] or "").split("|") if name),
            snoozed_until=r[17],
            snooze_until_reply=bool(r[18]),
        )
        for r in rows
    }


def conversations(session: Session, flt: InboxFilter | None = None, limit: int = 500) -> list[ConversationRow]:
    """The first `limit` conversations in order (scripts and small views; the window pages)."""
    ids = [cid for cid, _ in conversation_ids(session, flt or InboxFilter(), None, limit)]
    rows = conversation_rows(session, ids)
    return [rows[cid] for cid in ids if cid in rows]


def _auto_rule(message: Message) -> str | None:
    if message.direction != "out" or not isinstance(message.payload, dict):
        return None
    auto = message.payload.get("auto")
    return str(auto.get("rule_name") or "自动回复") if isinstance(auto, dict) else None


def messages(session: Session, conversation_id: int) -> list[MessageRow]:
    """The whole history with the follower, internal notes woven in by time."""
    found = session.scalars(select(Message).where(Message.conversation_id == conversation_id)).all()
    notes = session.scalars(select(Note).where(Note.conversation_id == conversation_id)).all()
    items = [
        MessageRow(
            m.id,
            m.direction,
            m.msg_type,
            m.content,
            m.status,
            m.error_text,
            m.created_at,
            event=m.event,
            author=m.author_name,
            has_media=m.msg_type in MEDIA_TYPES,
            auto_rule=_auto_rule(m),
        )
        for m in found
    ]
    items += [
        MessageRow(n.id, "note", "note", n.body, None, None, n.created_at, author=n.author_name, kind="note")
        for n in notes
    ]
    held = session.scalars(
        select(ReviewItem).where(
            ReviewItem.conversation_id == conversation_id,
            ReviewItem.kind == "reply",
            ReviewItem.state.in_(("pending", "returned", "approved")),
        )
    ).all()
    items += [  # a reply waiting for review (or sent back) shows where it was written
        MessageRow(
            r.id,
            "out",
            "review",
            r.content,
            r.state,
            r.comment or r.reason,
            r.created_at,
            author=r.author_name,
            kind="review",
        )
        for r in held
    ]
    items.sort(key=lambda item: (item.created_at, item.kind != "message", item.id))
    return items


def accounts(session: Session) -> list[Choice]:
    return [Choice(a.id, a.name) for a in session.scalars(select(Account).order_by(Account.id))]


def colleagues(session: Session) -> list[Choice]:
    return [Choice(s.id, s.name) for s in session.scalars(select(Staff).where(Staff.active).order_by(Staff.name))]


def labels(session: Session) -> list[str]:
    return list(session.scalars(select(Label.name).order_by(Label.name)))


def oldest_waiting(session: Session, limit: int = 1000) -> list[datetime]:
    """When each waiting follower wrote, oldest first (the overdue count walks these)."""
    query = (
        select(Conversation.waiting_since)
        .where(Conversation.waiting_since.is_not(None), Conversation.status != "snoozed")
        .order_by(Conversation.waiting_since, Conversation.id)
        .limit(limit)
    )
    return [since for since in session.scalars(query) if since is not None]


def latest_message_id(session: Session, conversation_id: int) -> int | None:
    return session.scalar(select(func.max(Message.id)).where(Message.conversation_id == conversation_id))
