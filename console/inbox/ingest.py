"""Store one verified push from WeChat exactly once, with its follower and conversation."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.store.database import next_seq
from console.store.models import Account, Conversation, ConversationStatus, Direction, Follower, Message
from console.timeutil import from_epoch, utcnow

log = logging.getLogger(__name__)

# Events a follower causes; each opens WeChat's short 客服 window (1 minute, 3 messages).
INTERACTION_EVENTS = {"subscribe", "SCAN", "CLICK", "VIEW"}
# Events about the account's own jobs: not part of any follower's conversation (publishing handles them).
SYSTEM_EVENTS = {"MASSSENDJOBFINISH", "PUBLISHJOBFINISH", "TEMPLATESENDJOBFINISH"}

_TYPE_LABELS = {
    "image": "[图片]",
    "voice": "[语音]",
    "video": "[视频]",
    "shortvideo": "[小视频]",
    "location": "[位置]",
    "link": "[链接]",
}
_EVENT_LABELS = {
    "subscribe": "[关注了公众号]",
    "unsubscribe": "[取消了关注]",
    "CLICK": "[点击菜单]",
    "VIEW": "[打开菜单链接]",
    "SCAN": "[扫描二维码]",
}


# Where a conversation goes back to 新消息 when the follower writes again (稍后处理 ends on a reply too).
WAKES_ON_MESSAGE = {ConversationStatus.REPLIED, ConversationStatus.CLOSED, ConversationStatus.SNOOZED}


def _follower_wrote(conversation: Conversation, at: datetime) -> None:
    """A follower's message starts the response timer (if none is running) and wakes the thread."""
    if conversation.waiting_since is None:
        conversation.waiting_since = at
    if conversation.status in WAKES_ON_MESSAGE:
        conversation.status = ConversationStatus.NEW
        conversation.snoozed_until = None
        conversation.snooze_until_reply = False


@dataclass(frozen=True)
class Ingested:
    message_id: int | None  # None: a retry (or a system event) — nothing new stored
    duplicate: bool
    # The rows just written, still in the caller's session, so the automatic reply needs no re-read.
    message: Message | None = field(default=None, compare=False, repr=False)
    conversation: Conversation | None = field(default=None, compare=False, repr=False)
    follower: Follower | None = field(default=None, compare=False, repr=False)


def _text(fields: dict[str, Any], name: str) -> str:
    """A field's text; an element WeChat never sends nested or repeated (a dict, a list) reads as none."""
    value = fields.get(name)
    return value if isinstance(value, str) else ""


def describe(fields: dict[str, Any]) -> str:
    """What the message is, in the words the inbox shows."""
    msg_type = _text(fields, "MsgType")
    if msg_type == "text":
        return _text(fields, "Content")
    if msg_type == "event":
        event = _text(fields, "Event")
        label = _EVENT_LABELS.get(event, f"[事件 {event}]")
        key = _text(fields, "EventKey")
        return f"{label} {key}" if event == "CLICK" and key else label
    label = _TYPE_LABELS.get(msg_type, f"[{msg_type}]")
    if msg_type == "location":
        # A pin dropped on the map has no Label; the coordinates still say where.
        latitude, longitude = _text(fields, "Location_X"), _text(fields, "Location_Y")
        place = _text(fields, "Label") or (f"{latitude}, {longitude}" if latitude or longitude else "")
        return f"{label} {place}".strip()
    if msg_type == "link":
        return f"{label} {_text(fields, 'Title')}".strip()
    if msg_type == "voice" and _text(fields, "Recognition"):
        return f"{label} {_text(fields, 'Recognition')}"
    return label


def dedupe_key(fields: dict[str, Any]) -> str:
    """MsgId for messages; FromUserName+CreateTime (and the event) for events, as WeChat advises."""
    if _text(fields, "MsgId"):
        return f"m:{fields['MsgId']}"
    return f"e:{fields['FromUserName']}:{fields['CreateTime']}:{_text(fields, 'Event')}"


def _follower(session: Session, account: Account, openid: str, seen: Any) -> Follower:
    follower = session.scalar(select(Follower).where(Follower.account_id == account.id, Follower.openid == openid))
    if follower is None:
        follower = Follower(account_id=account.id, openid=openid, first_seen_at=seen, last_seen_at=seen)
        session.add(follower)
        session.flush()
    return follower


def _conversation(session: Session, account: Account, follower: Follower) -> Conversation:
    conversation = session.scalar(select(Conversation).where(Conversation.follower_id == follower.id))
    if conversation is None:
        conversation = Conversation(account_id=account.id, follower_id=follower.id)
        session.add(conversation)
        session.flush()
    return conversation


def ingest(session: Session, account: Account, fields: dict[str, Any]) -> Ingested:
    """Store one push; a retry of one already stored changes nothing."""
    key = dedupe_key(fields)
    exists = session.scalar(select(Message.id).where(Message.account_id == account.id, Message.dedupe_key == key))
    if exists is not None:
        return Ingested(None, duplicate=True)
    event = _text(fields, "Event") or None
    if event in SYSTEM_EVENTS:
        log.info("system event %s for %s not part of the inbox", event, account.appid)
        return Ingested(None, duplicate=False)

    created = from_epoch(int(fields["CreateTime"]))
    seq = next_seq(session)
    try:
        with session.begin_nested():
            follower = _follower(session, account, str(fields["FromUserName"]), created)
            follower.last_seen_at = max(follower.last_seen_at, created)
            if event == "unsubscribe":
                follower.subscribed = False
            elif event == "subscribe":
                follower.subscribed = True
            follower.seq = seq
            conversation = _conversation(session, account, follower)
            content = describe(fields)
            message = Message(
                account_id=account.id,
                conversation_id=conversation.id,
                follower_id=follower.id,
                direction=Direction.INBOUND,
                msg_type=str(fields["MsgType"]),
                event=event,
                content=content,
                payload={k: v for k, v in fields.items() if isinstance(v, str)},
                msgid=_text(fields, "MsgId") or None,
                dedupe_key=key,
                created_at=created,
                received_at=utcnow(),
                seq=seq,
            )
            session.add(message)
            session.flush()
            if event is None or event in INTERACTION_EVENTS:
                conversation.last_inbound_at = created
                conversation.last_inbound_kind = "event" if event else "message"
                conversation.window_used = 0  # the new interaction replaces WeChat's window
            conversation.last_message_at = max(conversation.last_message_at, created)
            conversation.preview = content[:200]
            if event is None:
                _follower_wrote(conversation, created)
            elif conversation.status in WAKES_ON_MESSAGE and event != "unsubscribe":
                conversation.status = ConversationStatus.NEW
            conversation.seq = seq
    except IntegrityError:
        # A concurrent copy of the same retry won the race: the unique key kept it single.
        return Ingested(None, duplicate=True)
    return Ingested(message.id, False, message, conversation, follower)
