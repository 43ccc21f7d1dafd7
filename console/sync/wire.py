"""The JSON shapes rows travel in between hub and desktop, and the hub's "changes since" query.
Secrets have no column anywhere, so nothing here can carry one."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from console.staff.access import Seat, account_filter, global_or_visible, visible_account_ids
from console.store.models import (
    Account,
    Base,
    ChecklistItem,
    ChecklistRecord,
    Conversation,
    Follower,
    Label,
    Message,
    Note,
    Post,
    ReplyRule,
    ReplyTemplate,
    ReviewItem,
    ReviewPolicy,
    Staff,
    SyncCounter,
)
from console.timeutil import iso, parse_iso

# Parents before children, so one batch applies in order.
SYNCED: tuple[type[Base], ...] = (
    Staff,
    Label,
    Account,
    Follower,
    Conversation,
    Message,
    Note,
    ReplyTemplate,
    ReplyRule,
    ReviewPolicy,
    ReviewItem,
    Post,
    ChecklistItem,
    ChecklistRecord,
)
KEYS: dict[type[Base], str] = {
    Staff: "staff",
    Label: "labels",
    Account: "accounts",
    Follower: "followers",
    Conversation: "conversations",
    Message: "messages",
    Note: "notes",
    ReplyTemplate: "templates",
    ReplyRule: "rules",
    ReviewPolicy: "review_policies",
    ReviewItem: "review_items",
    Post: "posts",
    ChecklistItem: "checklist_items",
    ChecklistRecord: "checklist_records",
}
_DATETIMES = {
    "waiting_since",
    "snoozed_until",
    "created_at",
    "received_at",
    "sent_at",
    "first_seen_at",
    "last_seen_at",
    "last_message_at",
    "last_inbound_at",
    "updated_at",
    "scheduled_at",
    "attempted_at",
    "published_at",
    "signed_off_at",
    "urgent_at",
}
_DATES = {"due_on", "last_done_on", "done_on"}


def to_wire(row: Base) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in row.__table__.columns:
        value = getattr(row, column.key)
        if column.key in _DATETIMES:
            value = iso(value)
        elif column.key in _DATES and value is not None:
            value = value.isoformat()
        out[column.key] = value
    return out


def from_wire(model: type[Base], data: dict[str, Any]) -> Base:
    columns = {c.key for c in model.__table__.columns}
    values = {k: _value(k, v) for k, v in data.items() if k in columns}
    return model(**values)


def _value(key: str, value: Any) -> Any:
    if key in _DATETIMES:
        return parse_iso(value)
    if key in _DATES and value:
        return date.fromisoformat(str(value))
    return value


def _visible(model: type[Base], ids: set[int] | None) -> ColumnElement[bool]:
    """Which rows of `model` a seat with these visible account ids receives (console.staff.access).
    Colleagues and labels go to everyone (names to assign to, labels to file under); templates and
    rules for every account (account_id NULL) too; a note goes with its conversation."""
    if model in (Staff, Label):
        return true()
    if model in (ReplyTemplate, ReplyRule):
        return global_or_visible(model.account_id, ids)  # type: ignore[attr-defined]
    if model is Account:
        return account_filter(Account.id, ids)  # type: ignore[arg-type]
    if model is Note:
        if ids is None:
            return true()
        return Note.conversation_id.in_(select(Conversation.id).where(account_filter(Conversation.account_id, ids)))  # type: ignore[arg-type]
    return account_filter(model.account_id, ids)  # type: ignore[attr-defined]


def scope_of(session: Session, seat: Seat) -> dict[str, Any]:
    """The accounts a seat's desk may hold: `all` for administrators, and the appids either way. The desk
    compares it with the scope it last applied (console.sync.replica) to drop rows of a withdrawn account
    and to fetch everything again when one was granted."""
    ids = visible_account_ids(session, seat)
    appids = session.scalars(select(Account.appid).where(account_filter(Account.id, ids)).order_by(Account.appid))  # type: ignore[arg-type]
    return {"all": ids is None, "accounts": list(appids)}


def _staff_wire(row: Staff, seat: Seat) -> dict[str, Any]:
    """A colleague as this seat may see them: name and roles for everyone (to assign and to pick a
    reviewer); of their accounts only those this seat sees too, so nobody learns another desk's accounts."""
    data = to_wire(row)
    if not seat.sees_all and data.get("accounts") is not None:
        data["accounts"] = [a for a in data["accounts"] if seat.may(str(a))]
    return data


def changes_since(session: Session, cursor: int, limit: int = 500, seat: Seat | None = None) -> dict[str, Any]:
    """Rows changed after `cursor` that `seat` may see, oldest first, at most `limit`, with the parents of
    every message, and the seat's `scope`. `seat` None is the hub's own process (every row).

    Invisible rows are filtered in SQL; the cursor still moves past them: a read is bounded by the hub's
    change counter read first, so when nothing more is visible the answer's cursor is that counter, and
    a desk never rescans another account's rows. (On the hub every transaction begins IMMEDIATE, so no
    row with a seq at or below the counter can commit after it is read.)"""
    seat = seat or Seat.system("hub", "服务端")
    ids = visible_account_ids(session, seat)
    top = session.scalar(select(SyncCounter.value).where(SyncCounter.name == "changes"))

    def window(model: type[Base]) -> ColumnElement[bool]:
        bounded = model.seq > cursor  # type: ignore[attr-defined]
        if top is not None:
            bounded = bounded & (model.seq <= top)  # type: ignore[attr-defined]
        return bounded & _visible(model, ids)

    found: list[tuple[int, Base]] = []
    more = False
    for model in SYNCED:
        rows = session.scalars(
            select(model).where(window(model)).order_by(model.seq).limit(limit + 1)  # type: ignore[attr-defined]
        ).all()
        more = more or len(rows) > limit
        found.extend((row.seq, row) for row in rows[:limit])  # type: ignore[attr-defined]
    found.sort(key=lambda pair: pair[0])
    if len(found) > limit:
        more = True
        found = found[:limit]
    new_cursor = found[-1][0] if found else cursor
    if not more and top is not None:
        new_cursor = max(new_cursor, int(top))  # past every row, seen or not
    batch: dict[type[Base], dict[int, Base]] = {model: {} for model in SYNCED}
    for _, row in found:
        batch[type(row)][row.id] = row  # type: ignore[attr-defined]
    if more:  # rows that share the last seq (one command touching several) all go, or the cursor skips them
        for model in SYNCED:
            same = select(model).where(model.seq == new_cursor, _visible(model, ids))  # type: ignore[attr-defined]
            for row in session.scalars(same):
                batch[model].setdefault(row.id, row)  # type: ignore[attr-defined]
    for child in [*batch[Message].values(), *batch[Note].values()]:
        assert isinstance(child, Message | Note)
        parent = session.get(Conversation, child.conversation_id)
        if parent is not None:
            batch[Conversation].setdefault(parent.id, parent)
    for conversation in list(batch[Conversation].values()):
        assert isinstance(conversation, Conversation)
        batch[Follower].setdefault(conversation.follower_id, conversation.follower)
        batch[Account].setdefault(conversation.account_id, conversation.account)
        if conversation.assignee_id is not None:
            assignee = session.get(Staff, conversation.assignee_id)
            if assignee is not None:
                batch[Staff].setdefault(assignee.id, assignee)
    result: dict[str, Any] = {"cursor": new_cursor, "more": more, "scope": scope_of(session, seat)}
    for model in SYNCED:
        if model is Staff:
            result[KEYS[model]] = [_staff_wire(row, seat) for row in batch[model].values()]  # type: ignore[arg-type]
        else:
            result[KEYS[model]] = [to_wire(row) for row in batch[model].values()]
    return result
