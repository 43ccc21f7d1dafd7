"""What operators do to a conversation, applied by the hub exactly once per client-made command id:
reply, change status, assign, label, note, snooze. A command queued offline may arrive hours later,
so each is checked against the conversation as it is now (window closed, a colleague answered, a
colleague holds the reply lock) and refused in words rather than applied blindly."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.audit import record
from console.checklist import commands as checklist
from console.checklist.commands import CHECKLIST_KINDS, ChecklistRefused
from console.compliance import register as account_register
from console.compliance.register import REGISTER_KINDS, RegisterRefused
from console.inbox.presence import LockHeld, PresenceBoard
from console.inbox.window import window_state
from console.publishing import lifecycle
from console.publishing.lifecycle import POST_KINDS, PostRefused
from console.replies import library
from console.replies.screening_gate import OverrideRefused, ScreenBlocked, ScreenGate
from console.replies.sending import ReplyRefused, new_reply
from console.review import queue as review_queue
from console.review.commands import REVIEW_KINDS, decide, hold_reason, staff_of
from console.screening import Screener
from console.store.database import Database, next_seq
from console.store.models import (
    Command,
    CommandState,
    Conversation,
    ConversationStatus,
    Direction,
    Label,
    Message,
    Note,
    Role,
    SendStatus,
    Staff,
)
from console.timeutil import iso, parse_iso, utcnow

CONVERSATION_KINDS = ("reply", "status", "assign", "labels", "note", "snooze")
# Library commands (templates, rules, account values) belong to no conversation: conversation_id 0.
KINDS = CONVERSATION_KINDS + tuple(library.HANDLERS) + REVIEW_KINDS + POST_KINDS + CHECKLIST_KINDS + REGISTER_KINDS
SETTABLE = {s.value for s in ConversationStatus} - {ConversationStatus.SNOOZED.value, ConversationStatus.REVIEW.value}
MAX_NOTE = 4000
MAX_LABELS = 10


class CommandRefused(ValueError):
    """The command is well formed but cannot be applied now; the words say why and what to do."""


@dataclass
class Outcome:
    state: str  # CommandState.APPLIED or REFUSED
    result: dict[str, Any] = field(default_factory=dict)
    deliver: int | None = None  # a reply's message id, to hand to WeChat after the commit
    fresh: bool = True  # False when this answers a retry

    @property
    def error(self) -> str | None:
        return self.result.get("error") if self.state == CommandState.REFUSED else None


@dataclass(frozen=True)
class Seat:
    """Who sends a command: on the hub, the signed-in colleague (never what a desk claims)."""

    login: str | None
    name: str | None
    staff_id: int | None = None
    roles: str = ""

    def has_role(self, role: Role) -> bool:
        return f"|{role.value}|" in self.roles

    @property
    def reviewer(self) -> bool:
        return self.has_role(Role.SUPERVISOR) or self.has_role(Role.ADMINISTRATOR)


def apply(
    db: Database,
    board: PresenceBoard,
    command_id: str,
    kind: str,
    conversation_id: int,
    args: dict[str, Any],
    seat: Seat,
    now: datetime | None = None,
    screener: Screener | None = None,
) -> Outcome:
    """Apply one command, or answer with the first outcome if this id was seen before. With a
    screener, what would reach followers passes the 错敏词 check first."""
    if kind not in KINDS:
        raise ValueError(f"unknown command kind {kind!r}")
    now = now or utcnow()
    try:
        return _apply_once(db, board, command_id, kind, conversation_id, args, seat, now, screener)
    except IntegrityError:
        # The same command arrived twice at once; the other copy won. Answer with its outcome.
        with db.session() as session:
            seen = _seen(session, command_id)
            if seen is None:
                raise
            return seen


def _seen(session: Session, command_id: str) -> Outcome | None:
    """The first outcome of a command already applied or refused, for a retry."""
    row = session.get(Command, command_id)
    return None if row is None else Outcome(row.state, dict(row.result or {}), fresh=False)


def _apply_once(
    db: Database,
    board: PresenceBoard,
    command_id: str,
    kind: str,
    conversation_id: int,
    args: dict[str, Any],
    seat: Seat,
    now: datetime,
    screener: Screener | None,
) -> Outcome:
    with db.session() as session:
        seen = _seen(session, command_id)
        if seen is not None:
            return seen
        outcome = Outcome(CommandState.APPLIED)
        gate = ScreenGate(screener, seat.name, seat.login, command_id, conversation_id or None)
        try:
            with session.begin_nested():
                if kind in library.HANDLERS:
                    result = library.apply(session, kind, args, seat.name or "同事", gate, now)
                    outcome = Outcome(CommandState.APPLIED, result)
                elif kind in REVIEW_KINDS:
                    outcome = _review(session, kind, args, seat, now)
                elif kind in POST_KINDS:
                    staff = staff_of(session, seat.staff_id)
                    result = lifecycle.apply(session, kind, {**args, "command_id": command_id}, staff, gate, now)
                    outcome = Outcome(CommandState.APPLIED, result)
                elif kind in REGISTER_KINDS:
                    staff = staff_of(session, seat.staff_id)
                    appid = args.get("appid") or args.get("account")
                    result = account_register.apply(session, kind, {**args, "appid": appid}, staff, now)
                    outcome = Outcome(CommandState.APPLIED, result)
                elif kind in CHECKLIST_KINDS:
                    staff = staff_of(session, seat.staff_id)
                    result = checklist.apply(session, kind, {**args, "command_id": command_id}, staff, now)
                    outcome = Outcome(CommandState.APPLIED, result)
                else:
                    conversation = session.get(Conversation, conversation_id)
                    if conversation is None:
                        raise CommandRefused("找不到这个会话，可能已被删除。")
                    _check_account(session, seat, conversation)
                    if kind == "reply":
                        outcome = _reply_or_hold(session, board, conversation, args, seat, now, gate, command_id)
                    else:
                        outcome = _HANDLERS[kind](session, board, conversation, args, seat, now)
                _audit(session, seat, kind, conversation_id, args, outcome, gate)
        except (review_queue.ReviewRefused, PostRefused, ChecklistRefused, RegisterRefused) as exc:
            outcome = Outcome(CommandState.REFUSED, {"error": str(exc), "forbidden": exc.forbidden})
        except ScreenBlocked as exc:
            session.add(exc.event)  # the refusal is on record even though nothing else was kept
            outcome = Outcome(CommandState.REFUSED, {"error": str(exc), "hits": exc.hits})
        except (CommandRefused, ReplyRefused, LockHeld, library.LibraryRefused, OverrideRefused) as exc:
            outcome = Outcome(CommandState.REFUSED, {"error": str(exc)})
        session.add(
            Command(
                command_id=command_id,
                kind=kind,
                conversation_id=conversation_id or None,
                seat=seat.login,
                state=outcome.state,
                result=outcome.result,
                created_at=now,
            )
        )
    return outcome


def _check_account(session: Session, seat: Seat, conversation: Conversation) -> None:
    """A colleague given some accounts only works on those (an administrator sets this per person)."""
    if seat.staff_id is None:
        return
    staff = session.get(Staff, seat.staff_id)
    allowed = staff.accounts if staff is not None else None
    if allowed and conversation.account.appid not in allowed:
        raise review_queue.ReviewRefused(
            f"您没有处理“{conversation.account.name}”的权限，请联系管理员。", forbidden=True
        )


def _reply_or_hold(
    session: Session,
    board: PresenceBoard,
    conversation: Conversation,
    args: dict[str, Any],
    seat: Seat,
    now: datetime,
    gate: ScreenGate,
    command_id: str,
) -> Outcome:
    """Send the reply, or hold it for a supervisor when the account's policy (or the operator) asks."""
    text = str(args.get("content", ""))
    if args.get("review_item") is not None:  # a held reply goes out only by a supervisor's approval
        raise review_queue.ReviewRefused("这条回复正在等待审核，只有审核通过后才会发出，不能直接发送。", forbidden=True)
    if seat.staff_id is not None:
        hits = gate.hits(text)
        reason = hold_reason(
            session,
            conversation,
            reviewer=seat.reviewer,
            asked=bool(args.get("submit_for_review")),
            hits=hits,
            labels=label_names(conversation.labels),
        )
        if reason is not None:
            author = staff_of(session, seat.staff_id)
            item = review_queue.hold_reply(session, conversation, author, text, reason, hits, command_id, now)
            return Outcome(CommandState.APPLIED, {"held": item.id, "reason": reason})
    gate.check(session, text, "reply", args.get("override"), account_id=conversation.account_id)
    return _reply(session, board, conversation, args, seat, now)


def _review(session: Session, kind: str, args: dict[str, Any], seat: Seat, now: datetime) -> Outcome:
    decision = decide(session, kind, args, staff_of(session, seat.staff_id), now)
    outcome = Outcome(CommandState.APPLIED, decision.result)
    if decision.item is not None and decision.item.kind == "article":
        lifecycle.on_review(session, decision.item, now)
    if decision.send and decision.item is not None and decision.item.conversation_id is not None:
        conversation = session.get(Conversation, decision.item.conversation_id)
        if conversation is None:
            raise CommandRefused("找不到这条回复的会话，可能已被删除。")
        message = new_reply(session, conversation, decision.item.content, None, decision.item.author_name)
        if conversation.status in (ConversationStatus.NEW, ConversationStatus.SNOOZED, ConversationStatus.REVIEW):
            conversation.status = ConversationStatus.OPEN
        conversation.seq = message.seq
        review_queue.mark_sent(session, decision.item.id, message.id, now)
        outcome.deliver = message.id
        outcome.result["message_id"] = message.id
    outcome.result["action"] = decision.action
    return outcome


_AUDITED = {
    "template_save": "template_change",
    "template_archive": "template_change",
    "templates_import": "template_change",
    "rule_save": "rule_change",
    "rule_delete": "rule_change",
    "rules_import": "rule_change",
    "values_save": "template_change",
}


def _audit(
    session: Session,
    seat: Seat,
    kind: str,
    conversation_id: int,
    args: dict[str, Any],
    outcome: Outcome,
    gate: ScreenGate,
) -> None:
    """Sends, holds, review decisions, passes and changes to the office's wording go on the record."""
    actor = seat.login or "system"
    for event in gate.passed:
        record(session, actor, "override", f"conversation:{conversation_id}", reason=event.reason, hits=event.hits)
    result = outcome.result
    if kind == "reply":
        action = "hold" if "held" in result else "send"
        after = {"text": args.get("content"), **({"reason": result["reason"]} if "held" in result else {})}
        record(session, actor, action, f"conversation:{conversation_id}", after=after)
    elif kind == "review_policy":
        target = f"policy:{result.get('account')}"
        record(session, actor, "policy_change", target, before=result.get("before"), after=result.get("after"))
    elif kind == "publishing_plan":
        target = f"account:{result.get('account')}"
        record(session, actor, "plan_change", target, before=result.get("before"), after=result.get("after"))
    elif kind in REVIEW_KINDS:
        item_id = result.get("item_id")
        detail = {k: args[k] for k in ("edited_text", "comment", "note", "text") if args.get(k)}
        record(session, actor, str(result.get("action") or kind), f"review:{item_id}", after=detail or None)
    elif kind in POST_KINDS:
        _audit_post(session, actor, kind, args, result)
    elif kind in _AUDITED:
        record(session, actor, _AUDITED[kind], kind, after={k: v for k, v in args.items() if k != "override"})


_POST_ACTIONS = {
    "post_save": "post_save",
    "post_submit": "post_submit",
    "post_schedule": "post_schedule",
    "post_publish_now": "publish_now",
    "post_decide": "post_decide",
    "post_delete": "post_delete",
}


def _audit_post(session: Session, actor: str, kind: str, args: dict[str, Any], result: dict[str, Any]) -> None:
    """Plans, submissions and deletions of posts are on the record; an urgent one says so, as the
    emergency lane must be accounted for afterwards."""
    action = _POST_ACTIONS[kind]
    if kind == "post_submit" and result.get("urgent"):
        action = "urgent_submit"
    detail: dict[str, Any] = {k: result[k] for k in ("state", "levels", "before", "after", "mode") if k in result}
    if kind == "post_save":
        detail = {"title": (args.get("articles") or [{}])[0].get("title", ""), "conflict": bool(result.get("conflict"))}
    if kind == "post_decide":
        detail["decision"] = args.get("decision")
    record(session, actor, action, f"post:{result.get('post_id')}", after=detail)


def _reply(
    session: Session, board: PresenceBoard, conversation: Conversation, args: dict[str, Any], seat: Seat, now: datetime
) -> Outcome:
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
        board.check(conversation.id, seat.login, False)
    # The command row holds the client's id; Message.command_id stays for the older /api/replies path.
    message = new_reply(session, conversation, str(args.get("content", "")), None, seat.name)
    if take_over:  # only a reply that will go moves the lock
        board.take_over(conversation.id, str(seat.login), seat.name or "")
    if conversation.status in (ConversationStatus.NEW, ConversationStatus.SNOOZED):
        conversation.status = ConversationStatus.OPEN
    conversation.seq = message.seq
    return Outcome(CommandState.APPLIED, {"message_id": message.id}, deliver=message.id)


def _status(
    session: Session, board: PresenceBoard, conversation: Conversation, args: dict[str, Any], seat: Seat, now: datetime
) -> Outcome:
    status = str(args.get("status", ""))
    if status not in SETTABLE:
        raise CommandRefused("无法设置为这个状态。")
    conversation.status = status
    if status == ConversationStatus.CLOSED:
        conversation.waiting_since = None  # closing settles the wait: nothing more is owed
    conversation.snoozed_until = None
    conversation.snooze_until_reply = False
    conversation.seq = next_seq(session)
    return Outcome(CommandState.APPLIED, {"status": status})


def _assign(
    session: Session, board: PresenceBoard, conversation: Conversation, args: dict[str, Any], seat: Seat, now: datetime
) -> Outcome:
    staff_id = args.get("staff_id")
    if staff_id is not None:
        staff = session.get(Staff, int(staff_id))
        if staff is None or not staff.active:
            raise CommandRefused("这位同事不在人员名单中（可能已停用），无法指派。")
    conversation.assignee_id = None if staff_id is None else int(staff_id)
    if conversation.status == ConversationStatus.NEW and staff_id is not None:
        conversation.status = ConversationStatus.OPEN
    conversation.seq = next_seq(session)
    return Outcome(CommandState.APPLIED, {"assignee_id": conversation.assignee_id})


def labels_text(names: list[str]) -> str:
    return "".join(f"|{name}" for name in names) + ("|" if names else "")


def label_names(text: str) -> list[str]:
    return [name for name in text.split("|") if name]


def _labels(
    session: Session, board: PresenceBoard, conversation: Conversation, args: dict[str, Any], seat: Seat, now: datetime
) -> Outcome:
    names = label_names(conversation.labels)
    for name in args.get("add", []):
        name = str(name).strip().replace("|", "")[:32]
        if name and name not in names:
            names.append(name)
            if session.scalar(select(Label.id).where(Label.name == name)) is None:
                session.add(Label(name=name, seq=next_seq(session)))
    removed = {str(name) for name in args.get("remove", [])}
    names = [name for name in names if name not in removed]
    if len(names) > MAX_LABELS:
        raise CommandRefused(f"一个会话最多 {MAX_LABELS} 个标签。")
    conversation.labels = labels_text(names)
    conversation.seq = next_seq(session)
    return Outcome(CommandState.APPLIED, {"labels": names})


def _note(
    session: Session, board: PresenceBoard, conversation: Conversation, args: dict[str, Any], seat: Seat, now: datetime
) -> Outcome:
    body = str(args.get("body", "")).strip()
    if not body:
        raise CommandRefused("备注内容不能为空。")
    if len(body) > MAX_NOTE:
        raise CommandRefused(f"备注最长 {MAX_NOTE} 字，请分成几条。")
    note = Note(
        conversation_id=conversation.id,
        author_name=seat.name or "同事",
        body=body,
        created_at=now,
        seq=next_seq(session),
    )
    session.add(note)
    session.flush()
    return Outcome(CommandState.APPLIED, {"note_id": note.id})


def _snooze(
    session: Session, board: PresenceBoard, conversation: Conversation, args: dict[str, Any], seat: Seat, now: datetime
) -> Outcome:
    until = parse_iso(args.get("until"))
    until_reply = bool(args.get("until_reply"))
    if until is None and not until_reply:
        raise CommandRefused("请选择稍后处理到什么时候：某个时间，或粉丝再次留言时。")
    if until is not None and until <= now:
        raise CommandRefused("稍后处理的时间已经过去，请选一个以后的时间。")
    conversation.status = ConversationStatus.SNOOZED
    conversation.snoozed_until = until
    conversation.snooze_until_reply = until_reply
    conversation.seq = next_seq(session)
    return Outcome(CommandState.APPLIED, {"until": iso(until), "until_reply": until_reply})


_HANDLERS = {
    "reply": _reply,
    "status": _status,
    "assign": _assign,
    "labels": _labels,
    "note": _note,
    "snooze": _snooze,
}


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


def set_roles(db: Database, login: str, roles: list[Role]) -> None:
    """Give a colleague their roles (staff management proper comes with sign-in)."""
    with db.session() as session:
        staff = session.scalar(select(Staff).where(Staff.login == login))
        if staff is None:
            raise ValueError(f"没有登录名为 {login} 的人员。")
        staff.roles = "".join(f"|{role.value}" for role in roles) + "|"
        staff.seq = next_seq(session)


def register_seat(db: Database, login: str, name: str) -> int:
    """A colleague row without a password (from before sign-in existed; `create_staff` can claim it).
    A colleague an administrator disabled stays disabled."""
    with db.session() as session:
        staff = session.scalar(select(Staff).where(Staff.login == login))
        if staff is None:
            staff = Staff(login=login, name=name, seq=next_seq(session))
            session.add(staff)
            session.flush()
        elif staff.active and staff.name != name:
            staff.name, staff.seq = name, next_seq(session)
        return staff.id
