"""A reply as the hub keeps it before WeChat has it: an outbound message, pending, in the conversation
(console.replies.sending hands it to WeChat). The text is checked here against what WeChat takes."""

from __future__ import annotations

from sqlalchemy.orm import Session

from console.refusal import NotApplicable
from console.store.database import next_seq
from console.store.models import Conversation, Direction, Message, SendStatus
from console.timeutil import utcnow

MAX_TEXT_BYTES = 2048  # WeChat's limit on a 客服 text message, in UTF-8 bytes


class ReplyRefused(NotApplicable):
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
