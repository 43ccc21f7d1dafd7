"""The tables. Every synced row carries `seq`, bumped on each change, so a desktop can pull "what
changed since my cursor" with one indexed range scan per table."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from console.timeutil import utcnow


class Base(DeclarativeBase):
    pass


class AccountType(StrEnum):
    SUBSCRIPTION = "subscription"  # 订阅号
    SERVICE = "service"  # 服务号


class Direction(StrEnum):
    INBOUND = "in"
    OUTBOUND = "out"


class SendStatus(StrEnum):
    PENDING = "pending"  # recorded, not yet handed to WeChat
    SENDING = "sending"  # handed to WeChat, answer not yet recorded
    SENT = "sent"
    FAILED = "failed"


class ConversationStatus(StrEnum):
    NEW = "new"  # 新消息
    OPEN = "open"  # 处理中
    REPLIED = "replied"  # 已回复
    CLOSED = "closed"  # 已关闭


class SyncCounter(Base):
    """One row per counter; bumping it inside the writing transaction orders changes by commit."""

    __tablename__ = "sync_counter"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Account(Base):
    """A 公众号. Its secrets live in the key store under `appid`, never here."""

    __tablename__ = "account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    appid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    account_type: Mapped[str] = mapped_column(String(16), default=AccountType.SUBSCRIPTION)
    original_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    safe_mode: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)


class Follower(Base):
    __tablename__ = "follower"
    __table_args__ = (UniqueConstraint("account_id", "openid"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    openid: Mapped[str] = mapped_column(String(64))
    nickname: Mapped[str | None] = mapped_column(String(100), nullable=True)
    remark: Mapped[str | None] = mapped_column(String(200), nullable=True)
    subscribed: Mapped[bool] = mapped_column(Boolean, default=True)
    first_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)

    account: Mapped[Account] = relationship()


class Conversation(Base):
    """One per follower of one account: the thread an operator works on."""

    __tablename__ = "conversation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    follower_id: Mapped[int] = mapped_column(ForeignKey("follower.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=ConversationStatus.NEW)
    last_message_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # When the follower last wrote and how (message or event): WeChat's 客服 window starts there.
    last_inbound_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_inbound_kind: Mapped[str | None] = mapped_column(String(16), nullable=True)
    preview: Mapped[str] = mapped_column(String(200), default="")
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)

    account: Mapped[Account] = relationship()
    follower: Mapped[Follower] = relationship()


class Message(Base):
    """Inbound (from a follower) or outbound (our reply), with WeChat's ids and our send status."""

    __tablename__ = "message"
    __table_args__ = (
        # WeChat retries a push up to three times; this key makes the second copy impossible.
        UniqueConstraint("account_id", "dedupe_key"),
        Index("ix_message_conversation_time", "conversation_id", "created_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id"))
    follower_id: Mapped[int] = mapped_column(ForeignKey("follower.id"))
    direction: Mapped[str] = mapped_column(String(4))
    msg_type: Mapped[str] = mapped_column(String(16))
    event: Mapped[str | None] = mapped_column(String(32), nullable=True)
    content: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    msgid: Mapped[str | None] = mapped_column(String(32), nullable=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(128), nullable=True)
    # Client-made id of the reply command, so a retried command never sends twice.
    command_id: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    error_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)

    account: Mapped[Account] = relationship()
    follower: Mapped[Follower] = relationship()
