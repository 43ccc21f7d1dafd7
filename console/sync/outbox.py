"""What the operator does waits here until the hub has it: replies, status changes, assignments,
labels, notes, snoozes. Each command gets its id when it is made, so sending it twice (a dropped
connection, a restart) never acts twice; commands go in the order they were made.

The replica shows a queued change at once (status, assignee, labels, snooze) without touching `seq`,
so the hub's next version of the row replaces it; a refused command brings the hub's row back and the
operator's words with it: a refused reply returns to the draft, with the reason beside it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from console.inbox.commands import label_names, labels_text
from console.store.database import Database
from console.store.models import CommandState, Conversation, ConversationStatus, Draft, Outbox
from console.timeutil import parse_iso, utcnow


@dataclass(frozen=True)
class Queued:
    command_id: str
    kind: str
    conversation_id: int
    args: dict[str, Any]
    state: str
    error_text: str | None
    created_at: datetime


def _queued(row: Outbox) -> Queued:
    return Queued(
        row.command_id, row.kind, row.conversation_id, dict(row.args), row.state, row.error_text, row.created_at
    )


def _show_ahead(conversation: Conversation, kind: str, args: dict[str, Any]) -> None:
    """The local effect of a command before the hub confirms it (seq untouched)."""
    if kind == "status":
        conversation.status = str(args["status"])
    elif kind == "assign":
        conversation.assignee_id = None if args.get("staff_id") is None else int(args["staff_id"])
    elif kind == "labels":
        names = [n for n in label_names(conversation.labels) if n not in set(args.get("remove", []))]
        names += [n for n in args.get("add", []) if n not in names]
        conversation.labels = labels_text(names)
    elif kind == "snooze":
        conversation.status = ConversationStatus.SNOOZED
        conversation.snoozed_until = parse_iso(args.get("until"))
        conversation.snooze_until_reply = bool(args.get("until_reply"))


class CommandQueue:
    def __init__(self, db: Database) -> None:
        self.db = db

    def queue(self, kind: str, conversation_id: int, args: dict[str, Any]) -> str:
        """Keep the command (and show its effect locally) in one transaction. Returns its id."""
        command_id = uuid.uuid4().hex
        with self.db.session() as session:
            conversation = session.get(Conversation, conversation_id)
            if kind == "reply" and conversation is not None and "labels_seen" not in args:
                # The hub judges the reply by these labels too: one removed before it arrives changes nothing.
                args = {**args, "labels_seen": label_names(conversation.labels)}
            session.add(Outbox(command_id=command_id, kind=kind, conversation_id=conversation_id, args=args))
            if conversation is not None:
                _show_ahead(conversation, kind, args)
            if kind == "reply":
                draft = session.get(Draft, conversation_id)
                if draft is not None:
                    draft.body, draft.notice, draft.updated_at = "", None, utcnow()
        return command_id

    def waiting(self) -> list[Queued]:
        with self.db.session() as session:
            rows = session.scalars(select(Outbox).where(Outbox.state == CommandState.QUEUED).order_by(Outbox.id))
            return [_queued(row) for row in rows]

    def for_conversation(self, conversation_id: int) -> list[Queued]:
        """Queued and refused commands of one conversation, shown in its history until settled."""
        with self.db.session() as session:
            rows = session.scalars(select(Outbox).where(Outbox.conversation_id == conversation_id).order_by(Outbox.id))
            return [_queued(row) for row in rows]

    def count(self) -> int:
        return len(self.waiting())

    def applied(self, command_id: str) -> None:
        with self.db.session() as session:
            row = session.scalar(select(Outbox).where(Outbox.command_id == command_id))
            if row is not None:
                session.delete(row)

    def refused(self, command_id: str, reason: str) -> Queued | None:
        """The hub said no. A reply's words go back into the draft (after anything typed since), with
        the reason; any other command stays listed, refused, until the operator dismisses it."""
        with self.db.session() as session:
            row = session.scalar(select(Outbox).where(Outbox.command_id == command_id))
            if row is None:
                return None
            queued = _queued(row)
            if row.kind == "reply":
                draft = session.get(Draft, row.conversation_id)
                if draft is None:
                    draft = Draft(conversation_id=row.conversation_id, body="")
                    session.add(draft)
                text = str(row.args.get("content", ""))
                draft.body = f"{text}\n\n{draft.body}".strip() if draft.body.strip() else text
                draft.notice = reason
                draft.updated_at = utcnow()
                session.delete(row)
            else:
                row.state, row.error_text = CommandState.REFUSED, reason
            return Queued(
                queued.command_id,
                queued.kind,
                queued.conversation_id,
                queued.args,
                "refused",
                reason,
                queued.created_at,
            )

    def dismiss(self, command_id: str) -> None:
        self.applied(command_id)
