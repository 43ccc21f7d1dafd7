"""What operators do to a conversation: reply, change status, assign, label, note, snooze. The command
path (console.commands) has already checked the arguments, the colleague's role and accounts and the
declared rules when a handler here runs; a handler only does the work. A command queued offline may
arrive hours later, so each is checked against the conversation as it is now (window closed, a
colleague answered, a colleague holds the reply lock) and refused in words rather than applied blindly.
The kinds are declared in console.inbox.kinds."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from console.commands.registry import Call
from console.inbox.window import window_state
from console.outbound import new_reply
from console.refusal import Forbidden, NotApplicable
from console.review import queue as review_queue
from console.review.commands import hold_reason, staff_of
from console.review.policy import labels_for_review
from console.staff.access import staff_may
from console.store.database import Database, next_seq
from console.store.models import (
    Conversation,
    ConversationStatus,
    Direction,
    Label,
    Message,
    Note,
    SendStatus,
    Staff,
)
from console.timeutil import iso, parse_iso, utcnow

SETTABLE = {s.value for s in ConversationStatus} - {ConversationStatus.SNOOZED.value, ConversationStatus.REVIEW.value}
MAX_NOTE = 4000
MAX_LABELS = 10


class CommandRefused(NotApplicable):
    """The command is well formed but cannot be applied now; the words say why and what to do."""


def reply_or_hold(call: Call) -> dict[str, Any]:
    """Send the reply, or hold it for a supervisor when the account's policy (or the operator) asks.
    The reply is judged by the labels the conversation had when it was written, too."""
    session, conversation, args, seat = call.session, call.conversation, call.args, call.seat
    text = str(args.get("content", ""))
    if args.get("review_item") is not None:  # a held reply goes out only by a supervisor's approval
        raise Forbidden("这条回复正在等待审核，只有审核通过后才会发出，不能直接发送。")
    if seat.staff_id is not None:
        hits = call.gate.hits(text)
        reason = hold_reason(
            session,
            conversation,
            reviewer=seat.reviewer,
            asked=bool(args.get("submit_for_review")),
            hits=hits,
            labels=labels_for_review(label_names(conversation.labels), args.get("labels_seen")),
        )
        if reason is not None:
            author = staff_of(session, seat.staff_id)
            item = review_queue.hold_reply(session, conversation, author, text, reason, hits, call.command_id, call.now)
            return {"held": item.id, "reason": reason}
    call.gate.check(session, text, "reply", args.get("override"), account_id=conversation.account_id)
    return _reply(call)


def _reply(call: Call) -> dict[str, Any]:
    session, conversation, args, seat, now = call.session, call.conversation, call.args, call.seat, call.now
    window = window_state(conversation.last_inbound_at, conversation.last_inbound_kind, conversation.window_used, now)
    pending = session.scalar(
        select(Message.id)
        .where(
            Message.conversation_id == conversation.id,
            Message.direction == Direction.OUTBOUND,
            Message.status.in_((SendStatus.PENDING, SendStatus.SENDING)),
        )
        .limit(1)
    )
    if window.refusal is not None:
        raise CommandRefused(window.refusal)
    if pending is not None and window.left <= 1:
        raise CommandRefused("上一条回复还在发送中，客服消息额度只剩这一条。请稍候，看上一条是否送达后再发。")
    after = args.get("after_message_id")
    if after is not None:
        answered = session.scalar(
            select(Message)
            .where(
                Message.conversation_id == conversation.id,
                Message.direction == Direction.OUTBOUND,
                Message.id > int(after),
                Message.status == SendStatus.SENT,
                Message.author_name != (seat.name or ""),
            )
            .order_by(Message.id.desc())
            .limit(1)
        )
        if answered is not None and not args.get("take_over"):
            who = answered.author_name or "同事"
            raise CommandRefused(
                f"{who}已经回复了这位粉丝，您的回复没有发出，草稿已保留。请先看看对方的回复，再决定是否仍要发送。"
            )
    take_over = bool(args.get("take_over")) and seat.login is not None
    if not take_over:
        call.board.check(conversation.id, seat.login, False)
    # The command row holds the client's id; Message.command_id stays for the older /api/replies path.
    message = new_reply(session, conversation, str(args.get("content", "")), None, seat.name)
    if take_over:  # only a reply that will go moves the lock
        call.board.take_over(conversation.id, str(seat.login), seat.name or "")
    if conversation.status in (ConversationStatus.NEW, ConversationStatus.SNOOZED):
        conversation.status = ConversationStatus.OPEN
    conversation.seq = message.seq
    call.deliver = message.id
    return {"message_id": message.id}


def set_status(call: Call) -> dict[str, Any]:
    conversation, status = call.conversation, str(call.args.get("status", ""))
    if status not in SETTABLE:
        raise CommandRefused("无法设置为这个状态。")
    conversation.status = status
    if status == ConversationStatus.CLOSED:
        conversation.waiting_since = None  # closing settles the wait: nothing more is owed
    conversation.snoozed_until = None
    conversation.snooze_until_reply = False
    conversation.seq = next_seq(call.session)
    return {"status": status}


def assign(call: Call) -> dict[str, Any]:
    session, conversation, staff_id = call.session, call.conversation, call.args.get("staff_id")
    if staff_id is not None:
        staff = session.get(Staff, staff_id)
        if staff is None or not staff.active:
            raise CommandRefused("这位同事不在人员名单中（可能已停用），无法指派。")
        if not staff_may(staff, conversation.account.appid):  # they would never see it on their desk
            raise CommandRefused(
                f"{staff.name}不负责“{conversation.account.name}”，无法指派。请联系管理员调整其负责的公众号。"
            )
    conversation.assignee_id = staff_id
    if conversation.status == ConversationStatus.NEW and staff_id is not None:
        conversation.status = ConversationStatus.OPEN
    conversation.seq = next_seq(session)
    return {"assignee_id": conversation.assignee_id}


def labels_text(names: list[str]) -> str:
    return "".join(f"|{name}" for name in names) + ("|" if names else "")


def label_names(text: str) -> list[str]:
    return [name for name in text.split("|") if name]


def set_labels(call: Call) -> dict[str, Any]:
    session, conversation = call.session, call.conversation
    names = label_names(conversation.labels)
    for name in call.args.get("add") or []:
        name = name.strip().replace("|", "")[:32]
        if name and name not in names:
            names.append(name)
            if session.scalar(select(Label.id).where(Label.name == name)) is None:
                session.add(Label(name=name, seq=next_seq(session)))
    removed = set(call.args.get("remove") or [])
    names = [name for name in names if name not in removed]
    if len(names) > MAX_LABELS:
        raise CommandRefused(f"一个会话最多 {MAX_LABELS} 个标签。")
    conversation.labels = labels_text(names)
    conversation.seq = next_seq(session)
    return {"labels": names}


def add_note(call: Call) -> dict[str, Any]:
    body = str(call.args.get("body") or "").strip()
    if not body:
        raise CommandRefused("备注内容不能为空。")
    if len(body) > MAX_NOTE:
        raise CommandRefused(f"备注最长 {MAX_NOTE} 字，请分成几条。")
    note = Note(
        conversation_id=call.conversation.id,
        author_name=call.author,
        body=body,
        created_at=call.now,
        seq=next_seq(call.session),
    )
    call.session.add(note)
    call.session.flush()
    return {"note_id": note.id}


def snooze(call: Call) -> dict[str, Any]:
    conversation, now = call.conversation, call.now
    try:
        until = parse_iso(call.args.get("until"))
    except ValueError as exc:
        raise CommandRefused("稍后处理的时间看不懂，请重新选择。") from exc
    until_reply = bool(call.args.get("until_reply"))
    if until is None and not until_reply:
        raise CommandRefused("请选择稍后处理到什么时候：某个时间，或粉丝再次留言时。")
    if until is not None and until <= now:
        raise CommandRefused("稍后处理的时间已经过去，请选一个以后的时间。")
    conversation.status = ConversationStatus.SNOOZED
    conversation.snoozed_until = until
    conversation.snooze_until_reply = until_reply
    conversation.seq = next_seq(call.session)
    return {"until": iso(until), "until_reply": until_reply}


def wake_snoozed(db: Database, now: datetime | None = None) -> int:
    """Conversations whose 稍后处理 time has come return to the inbox as 新消息. Returns how many."""
    now = now or utcnow()
    with db.session() as session:
        due = session.scalars(
            select(Conversation).where(
                Conversation.status == ConversationStatus.SNOOZED,
                Conversation.snoozed_until.is_not(None),
                Conversation.snoozed_until <= now,
            )
        ).all()
        if not due:
            return 0
        seq = next_seq(session)
        for conversation in due:
            conversation.status = ConversationStatus.NEW if conversation.waiting_since else ConversationStatus.OPEN
            conversation.snoozed_until = None
            conversation.snooze_until_reply = False
            conversation.seq = seq
        return len(due)
