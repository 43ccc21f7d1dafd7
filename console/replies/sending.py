"""A reply command is stored before WeChat is called, keyed by the client's command id: a retried
command returns the first result instead of sending twice, and a crash mid-send is found on restart
and reported, never silently re-sent (WeChat's 客服 API has no idempotency key)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from console.store.database import Database, next_seq
from console.store.models import Conversation, ConversationStatus, Direction, Message, SendStatus
from console.timeutil import utcnow
from console.wechat.errors import WeChatError
from console.wechat.gateway import Gateway

MAX_TEXT_BYTES = 2048
INTERRUPTED_REASON = "发送过程中服务中断，无法确认微信是否已送达。请在公众号后台核对，确认未送达后再重新发送。"


class ReplyRefused(ValueError):
    """The command cannot become a message at all (unknown conversation, empty text)."""


def check_text(content: str) -> str:
    """The text WeChat will take, or ReplyRefused saying why not."""
    content = content.strip()
    if not content:
        raise ReplyRefused("回复内容不能为空。")
    if len(content.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ReplyRefused("回复内容超过微信 2048 字节的上限（约 680 个汉字），请缩短后再发送。")
    return content


def new_reply(
    session: Session,
    conversation: Conversation,
    content: str,
    command_id: str | None,
    author_name: str | None = None,
) -> Message:
    """Add the reply as pending, in the caller's transaction."""
    message = Message(
        account_id=conversation.account_id,
        conversation_id=conversation.id,
        follower_id=conversation.follower_id,
        direction=Direction.OUTBOUND,
        msg_type="text",
        content=check_text(content),
        command_id=command_id,
        status=SendStatus.PENDING,
        author_name=author_name,
        created_at=utcnow(),
        seq=next_seq(session),
    )
    session.add(message)
    session.flush()
    return message


def record_reply(db: Database, command_id: str, conversation_id: int, content: str) -> tuple[int, bool]:
    """Store the reply as pending. Returns (message id, created); created is False for a retry."""
    with db.session() as session:
        existing = session.scalar(select(Message.id).where(Message.command_id == command_id))
        if existing is not None:
            return existing, False
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            raise ReplyRefused("找不到这个会话，可能已被删除。")
        return new_reply(session, conversation, content, command_id).id, True


def deliver(db: Database, gateway: Gateway, message_id: int) -> None:
    """Hand a pending reply to WeChat and record the outcome. Blocking (runs in a worker thread)."""
    with db.session() as session:
        message = session.get(Message, message_id)
        if message is None or message.status != SendStatus.PENDING:
            return
        message.status = SendStatus.SENDING
        appid, openid, content = message.account.appid, message.follower.openid, message.content
    error: WeChatError | None = None
    try:
        gateway.send_text(appid, openid, content)
    except WeChatError as exc:
        error = exc
    with db.session() as session:
        message = session.get(Message, message_id)
        assert message is not None
        seq = next_seq(session)
        message.seq = seq
        if error is None:
            message.status = SendStatus.SENT
            message.sent_at = utcnow()
            conversation = session.get(Conversation, message.conversation_id)
            assert conversation is not None
            if conversation.status != ConversationStatus.CLOSED:
                conversation.status = ConversationStatus.REPLIED
            conversation.waiting_since = None
            conversation.window_used += 1
            conversation.last_message_at = message.sent_at
            conversation.preview = message.content[:200]
            conversation.seq = seq
        else:
            message.status = SendStatus.FAILED
            message.error_code = error.errcode
            message.error_text = error.reason


def recover_interrupted(db: Database) -> int:
    """On start: replies caught mid-send are marked failed with an honest reason. Returns how many."""
    with db.session() as session:
        seq = next_seq(session)
        result = session.execute(
            update(Message)
            .where(Message.direction == Direction.OUTBOUND, Message.status == SendStatus.SENDING)
            .values(status=SendStatus.FAILED, error_code=None, error_text=INTERRUPTED_REASON, seq=seq)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def pending_replies(db: Database) -> list[int]:
    """Replies recorded but never handed to WeChat (the hub stopped in between): safe to send now."""
    with db.session() as session:
        return list(
            session.scalars(
                select(Message.id)
                .where(Message.direction == Direction.OUTBOUND, Message.status == SendStatus.PENDING)
                .order_by(Message.id)
            )
        )
