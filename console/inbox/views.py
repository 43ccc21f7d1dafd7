"""The read side the window shows: plain rows, so widgets never see a session or a model class."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.store.models import Account, Conversation, Follower, Message


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


@dataclass(frozen=True)
class MessageRow:
    id: int
    direction: str
    msg_type: str
    content: str
    status: str | None
    error_text: str | None
    created_at: datetime


def follower_name(follower: Follower) -> str:
    return follower.remark or follower.nickname or f"粉丝 {follower.openid[-6:]}"


def conversations(session: Session, limit: int = 500) -> list[ConversationRow]:
    rows = session.execute(
        select(Conversation, Account, Follower)
        .join(Account, Conversation.account_id == Account.id)
        .join(Follower, Conversation.follower_id == Follower.id)
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
        .limit(limit)
    ).all()
    return [
        ConversationRow(
            id=c.id,
            appid=a.appid,
            account_name=a.name,
            follower_name=follower_name(f),
            preview=c.preview,
            status=c.status,
            last_message_at=c.last_message_at,
            last_inbound_at=c.last_inbound_at,
            last_inbound_kind=c.last_inbound_kind,
        )
        for c, a, f in rows
    ]


def messages(session: Session, conversation_id: int) -> list[MessageRow]:
    rows = session.scalars(
        select(Message).where(Message.conversation_id == conversation_id).order_by(Message.created_at, Message.id)
    ).all()
    return [MessageRow(m.id, m.direction, m.msg_type, m.content, m.status, m.error_text, m.created_at) for m in rows]
