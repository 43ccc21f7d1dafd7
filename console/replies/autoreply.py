"""The hub's automatic answer to a follower, decided while WeChat waits (5 seconds, then it retries).

In the same transaction that stores the follower's message, the rules pick the reply: the welcome on
subscribe, the keyword rule that matches, or the fallback (office hours and the promise of a human
answer) for a message no rule matches. The reply is stored as an outbound message marked automatic,
so the inbox shows what the follower was told and a human still follows up (the conversation keeps
waiting). A retry of the same push gets the reply already stored, never a second decision — the
follower is answered once whatever WeChat resends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.inbox.ingest import Ingested
from console.replies.codec import reply_from_dict, reply_to_dict
from console.replies.rules import Reply, ReplyKind, Rule, RuleKind, RuleSet, china_time
from console.replies.templates import VariableValues, fill
from console.store.database import next_seq
from console.store.models import Account, Conversation, Direction, Follower, Message, SendStatus
from console.workcal import OfficeHours

AUTHOR = "自动回复"
# A follower writing five lines in a row gets the fallback once, not five times.
FALLBACK_QUIET = timedelta(minutes=30)
_MATCHED_TYPES = {"text", "voice"}


@dataclass(frozen=True)
class AutoReply:
    reply: Reply
    rule_id: int | None
    rule_name: str
    message_id: int


def auto_key(dedupe_key: str) -> str:
    return f"auto:{dedupe_key}"[:128]


def already_answered(session: Session, account_id: int, dedupe_key: str) -> AutoReply | None:
    """The automatic reply stored for this push, if any: a retry gets the same answer again."""
    row = session.scalar(
        select(Message).where(Message.account_id == account_id, Message.dedupe_key == auto_key(dedupe_key))
    )
    if row is None:
        return None
    auto = (row.payload or {}).get("auto") or {}
    return AutoReply(
        reply_from_dict((row.payload or {}).get("reply") or {}), auto.get("rule_id"), auto.get("rule_name", ""), row.id
    )


def _text_of(fields: dict[str, Any]) -> str | None:
    msg_type = fields.get("MsgType")
    if msg_type == "text":
        return str(fields.get("Content") or "")
    if msg_type == "voice" and fields.get("Recognition"):
        return str(fields["Recognition"])  # WeChat's speech-to-text, when the account turned it on
    return None


def choose(
    session: Session,
    ruleset: RuleSet,
    account: Account,
    conversation: Conversation,
    fields: dict[str, Any],
    now: datetime,
) -> Rule | None:
    """The rule that answers this push, or None (no rule, or a fallback sent a moment ago)."""
    event = fields.get("Event")
    if fields.get("MsgType") == "event":
        return ruleset.welcome(account.appid, now) if event == "subscribe" else None
    text = _text_of(fields)
    if text:
        match = ruleset.match(account.appid, text, now)
        if match is not None:
            return match.rule
    fallback = ruleset.fallback(account.appid, now)
    if fallback is None:
        return None
    recent = session.scalars(
        select(Message.payload).where(
            Message.conversation_id == conversation.id,
            Message.author_name == AUTHOR,
            Message.created_at >= now - FALLBACK_QUIET,
            Message.dedupe_key.like("auto:%"),
        )
    )
    sent_lately = any(((payload or {}).get("auto") or {}).get("kind") == "fallback" for payload in recent)
    return None if sent_lately else fallback


def _values(account: Account, follower: Follower, now: datetime, office_hours: OfficeHours) -> VariableValues:
    return VariableValues(
        nickname=follower.remark or follower.nickname,
        today=china_time(now).date(),
        office_hours=office_hours.describe(),
        account_values=dict(account.reply_values or {}),
    )


def filled(reply: Reply, values: VariableValues) -> Reply:
    """The reply with {称呼}, {办公时间}, {窗口电话}… filled in for this account and follower."""
    if reply.kind is ReplyKind.TEXT:
        return Reply.of_text(fill(reply.text, values).text)
    return reply


def _content(reply: Reply) -> str:
    if reply.kind is ReplyKind.TEXT:
        return reply.text
    if reply.kind is ReplyKind.IMAGE:
        return "[图片]"
    assert reply.news is not None
    return f"[图文] {reply.news.title}"


def answer(
    session: Session,
    ruleset: RuleSet,
    account: Account,
    message_id: int,
    fields: dict[str, Any],
    now: datetime,
    office_hours: OfficeHours | None = None,
    ingested: Ingested | None = None,
) -> AutoReply | None:
    """Decide and store the automatic reply to the message just stored (`message_id`; `ingested`
    carries its rows when the caller has them, saving three reads inside WeChat's 5 seconds)."""
    inbound = ingested.message if ingested is not None else None
    inbound = inbound or session.get(Message, message_id)
    if inbound is None or inbound.dedupe_key is None:
        return None
    conversation = (ingested and ingested.conversation) or session.get(Conversation, inbound.conversation_id)
    follower = (ingested and ingested.follower) or session.get(Follower, inbound.follower_id)
    assert conversation is not None and follower is not None
    rule = choose(session, ruleset, account, conversation, fields, now)
    if rule is None:
        return None
    reply = filled(rule.reply, _values(account, follower, now, office_hours or OfficeHours()))
    kind = {RuleKind.WELCOME: "welcome", RuleKind.FALLBACK: "fallback"}.get(rule.kind, "keyword")
    row = Message(
        account_id=account.id,
        conversation_id=conversation.id,
        follower_id=follower.id,
        direction=Direction.OUTBOUND,
        msg_type=reply.kind.value,
        content=_content(reply),
        payload={"auto": {"rule_id": rule.id, "rule_name": rule.name, "kind": kind}, "reply": reply_to_dict(reply)},
        dedupe_key=auto_key(inbound.dedupe_key),
        status=SendStatus.SENT,
        created_at=max(now, inbound.created_at),
        received_at=now,
        sent_at=now,
        author_name=AUTHOR,
        seq=next_seq(session),
    )
    session.add(row)
    session.flush()
    conversation.seq = row.seq
    return AutoReply(reply, rule.id, rule.name, row.id)
