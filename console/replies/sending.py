"""A reply command is stored before WeChat is called, keyed by the client's command id: a retried
command returns the first result instead of sending twice, and a crash mid-send is found on restart
and reported, never silently re-sent (WeChat's 客服 API has no idempotency key).

A send whose request may have reached WeChat without an answer we can trust (dropped connection,
timeout, the hub stopped mid-call) is recorded as 不确定是否已送达 (SendStatus.UNKNOWN), never as a
failure that invites "retry": sending it again may put it on the follower's phone twice. Only a person,
after checking, sends it again (resend_unknown), and that is on the record."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from console.outbound import ReplyRefused, new_reply
from console.secrets import MissingSecrets, SecretsUnavailable
from console.store.database import Database, next_seq
from console.store.models import Conversation, ConversationStatus, Direction, Message, SendStatus
from console.timeutil import utcnow
from console.wechat.errors import NETWORK_ERROR, OUTCOME_UNKNOWN, UNKNOWN_WORDS, WeChatError
from console.wechat.gateway import Gateway

log = logging.getLogger(__name__)

INTERRUPTED_REASON = (
    "不确定是否已送达：发送过程中服务中断，没有收到微信的确认。"
    "请在公众号后台或向粉丝核实是否已收到，确认没有收到再重新发送。"
)
SECRETS_REASON = "无法读取该公众号的接口密钥，回复没有发出。请管理员检查密钥设置后再重新发送。"
NOT_STARTED_WORDS = "服务端暂时无法保存（磁盘已满或数据库繁忙），回复没有发出，已留在待发送中，恢复后自动发出。"
UNSTORED_WORDS = {
    SendStatus.SENT: "微信已确认送达，但服务端暂时无法记下结果（磁盘已满或数据库繁忙）。请勿重复发送；请联系管理员。",
    SendStatus.FAILED: "微信没有接受这条回复，但服务端暂时无法记下结果（磁盘已满或数据库繁忙）：{reason}",
    SendStatus.UNKNOWN: "不确定是否已送达，服务端也暂时无法记下结果（磁盘已满或数据库繁忙）。"
    "请在公众号后台或向粉丝核实是否已收到，确认没有收到再重新发送。",
}


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


@dataclass(frozen=True)
class Delivery:
    """What became of one hand-over to WeChat. `stored` is False when WeChat answered (or did not)
    but the hub could not write it down (disk full, database locked): `words` then tell the colleague
    what is known, and the message is found mid-send at the next start and marked unknown."""

    message_id: int
    status: str  # a SendStatus value: as stored, or as WeChat answered when not stored
    stored: bool = True
    words: str | None = None  # for the colleague; None when sent and stored


def deliver(db: Database, gateway: Gateway, message_id: int) -> Delivery:
    """Hand a pending reply to WeChat and record the outcome. Blocking: the hub runs it on its WeChat
    pool (console.hub.delivery.deliver_reply). Never raises for WeChat's or the disk's failures."""
    try:
        with db.session() as session:
            message = session.get(Message, message_id)
            if message is None or message.status != SendStatus.PENDING:
                status = message.status if message is not None else SendStatus.FAILED
                return Delivery(message_id, str(status), words=None if message is not None else "找不到这条回复。")
            message.status = SendStatus.SENDING
            appid, openid, content = message.account.appid, message.follower.openid, message.content
    except SQLAlchemyError as exc:
        log.error("reply %s not handed to WeChat: the hub cannot write (%s); it stays pending", message_id, exc)
        return Delivery(message_id, SendStatus.PENDING, stored=False, words=NOT_STARTED_WORDS)
    error: WeChatError | None = None
    reason: str | None = None
    try:
        gateway.send_text(appid, openid, content)
    except WeChatError as exc:
        error, reason = exc, exc.reason
    except (MissingSecrets, SecretsUnavailable) as exc:
        log.error("reply %s not sent: the secrets of %s cannot be read (%s)", message_id, appid, type(exc).__name__)
        error, reason = WeChatError(NETWORK_ERROR, type(exc).__name__), SECRETS_REASON
    except Exception:  # our own fault somewhere in the call: whether it left is not known
        log.exception("reply %s: the send to WeChat broke off; outcome unknown", message_id)
        error, reason = WeChatError(OUTCOME_UNKNOWN, "hub error"), UNKNOWN_WORDS
    if error is None:
        status = SendStatus.SENT
    else:
        status = SendStatus.UNKNOWN if error.may_have_arrived else SendStatus.FAILED
    try:
        _record_outcome(db, message_id, status, error, reason)
    except SQLAlchemyError as exc:
        log.error(
            "reply %s: WeChat's outcome was %s (%s) but the hub could not store it: %s. "
            "It will show as 不确定是否已送达 after the next start.",
            message_id,
            status,
            error.errcode if error is not None else "ok",
            exc,
        )
        words = UNSTORED_WORDS[status].format(reason=reason or "")
        return Delivery(message_id, status, stored=False, words=words)
    return Delivery(message_id, status, words=reason)


def _record_outcome(
    db: Database, message_id: int, status: SendStatus, error: WeChatError | None, reason: str | None
) -> None:
    with db.session() as session:
        message = session.get(Message, message_id)
        assert message is not None
        seq = next_seq(session)
        message.seq = seq
        message.status = status
        if error is not None:
            message.error_code = error.errcode
            message.error_text = reason
        if status == SendStatus.FAILED:
            return
        conversation = session.get(Conversation, message.conversation_id)
        assert conversation is not None
        conversation.window_used += 1  # WeChat counted it, or may have
        conversation.seq = seq
        if status == SendStatus.SENT:
            message.sent_at = utcnow()
            if conversation.status != ConversationStatus.CLOSED:
                conversation.status = ConversationStatus.REPLIED
            conversation.waiting_since = None
            conversation.last_message_at = message.sent_at
            conversation.preview = message.content[:200]


def recover_interrupted(db: Database) -> int:
    """On start: replies caught mid-send are marked 不确定是否已送达 with an honest reason (never sent
    again by themselves). Returns how many."""
    with db.session() as session:
        seq = next_seq(session)
        result = session.execute(
            update(Message)
            .where(Message.direction == Direction.OUTBOUND, Message.status == SendStatus.SENDING)
            .values(status=SendStatus.UNKNOWN, error_code=OUTCOME_UNKNOWN, error_text=INTERRUPTED_REASON, seq=seq)
        )
        count = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if count:
        log.warning("%d replies were mid-send when the hub stopped: marked 不确定是否已送达", count)
    return count


RESEND_UNCONFIRMED = (
    "再次发送前请先确认：原回复可能已经送达，再发一次粉丝可能收到两条相同的消息。"
    "请在公众号后台或向粉丝核实没有收到后，再确认发送。"
)


def resend_unknown(
    session: Session, message_id: int, confirm: bool, author_name: str | None = None
) -> tuple[Message, Message]:
    """A person checked that an unknown-outcome reply did not arrive and confirms sending it again:
    a new pending reply with the same text, linked both ways in the messages' payloads
    (resend_of / resent_as), in the caller's transaction. Returns (original, new); hand the new one to
    WeChat after the commit. Refuses anything but an unknown reply, an unconfirmed call, and a second
    resend of the same reply."""
    if confirm is not True:
        raise ReplyRefused(RESEND_UNCONFIRMED)
    original = session.get(Message, message_id)
    if original is None or original.direction != Direction.OUTBOUND:
        raise ReplyRefused("找不到这条回复，可能已被删除。")
    payload: dict[str, Any] = dict(original.payload) if isinstance(original.payload, dict) else {}
    if payload.get("resent_as") is not None:
        raise ReplyRefused("这条回复已经再次发送过一次（见会话中的下一条），请勿重复发送。")
    if original.status != SendStatus.UNKNOWN:
        raise ReplyRefused("只有“不确定是否已送达”的回复才能用再次发送；这条回复的状态已确定。")
    conversation = session.get(Conversation, original.conversation_id)
    if conversation is None:
        raise ReplyRefused("找不到这条回复的会话，可能已被删除。")
    again = new_reply(session, conversation, original.content, None, author_name)
    again.payload = {"resend_of": original.id}
    original.payload = {**payload, "resent_as": again.id}
    original.seq = again.seq  # desks see the link on the original too
    if conversation.status in (ConversationStatus.NEW, ConversationStatus.SNOOZED):
        conversation.status = ConversationStatus.OPEN
    conversation.seq = again.seq
    return original, again


def resend_audit_detail(original: Message, again: Message) -> dict[str, Any]:
    """What the operation log keeps of a confirmed resend: which reply, its text, and that the sender
    was told the follower may get it twice."""
    return {
        "text": again.content,
        "message_id": again.id,
        "resend_of": original.id,
        "original_status": "不确定是否已送达",
        "confirmed": True,
        "warning": "原回复可能已送达，粉丝可能收到两次",
    }


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
