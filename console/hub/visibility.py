"""Who may read a file the hub serves, by the rows that name it. Evidence files and article pictures are
stored by the SHA-256 of their bytes, with no account of their own: a colleague may read one when a row
of an account they see names it (a checklist record's evidence, a post's articles) — the rule itself is
console.staff.access, asked here, never written again. Administrators read every file. The same goes
for the 操作日志: an entry is read by whoever sees the row its target names (`audit_filter`)."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy import ColumnElement, Integer, Text, cast, exists, func, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from console.hub.auth_api import STAFF
from console.staff.access import Seat, account_filter, global_or_visible, visible_account_ids
from console.store.database import Database
from console.store.models import (
    Account,
    AuditEntry,
    ChecklistItem,
    Conversation,
    Message,
    Post,
    ReplyRule,
    ReplyTemplate,
    ReviewItem,
)


def request_seat(request: web.Request) -> Seat:
    """The signed-in colleague behind a request (console.hub.auth_api's middleware put them there)."""
    return Seat.from_view(request[STAFF])


def named_by_visible_row(
    db: Database,
    seat: Seat,
    ref: str,
    names: InstrumentedAttribute[Any],
    account: InstrumentedAttribute[Any],
) -> bool:
    """Whether a row of an account `seat` sees names `ref` ("evidence:<sha>", "asset:<sha>") in its JSON
    column `names`. A ref is plain hex with a fixed prefix, so a substring match of the stored JSON finds
    exactly the rows naming it."""
    if seat.sees_all:
        return True
    with db.session() as session:
        ids = visible_account_ids(session, seat)
        found = select(names).where(account_filter(account, ids), cast(names, Text).contains(ref, autoescape=True))
        return bool(session.scalar(select(exists(found))))


# Audit targets that name a row of one account, by prefix, with that row's id and account columns.
_BY_ROW: dict[str, tuple[InstrumentedAttribute[Any], InstrumentedAttribute[Any]]] = {
    "conversation": (Conversation.id, Conversation.account_id),
    "message": (Message.id, Message.account_id),
    "review": (ReviewItem.id, ReviewItem.account_id),
    "reply": (ReviewItem.id, ReviewItem.account_id),
    "post": (Post.id, Post.account_id),
    "article": (Post.id, Post.account_id),
    "checklist": (ChecklistItem.id, ChecklistItem.account_id),
}
# …and those naming a row that may be for every account (account NULL): readable by all.
_GLOBAL_OR_ROW: dict[str, tuple[InstrumentedAttribute[Any], InstrumentedAttribute[Any]]] = {
    "rule": (ReplyRule.id, ReplyRule.account_id),
    "template": (ReplyTemplate.id, ReplyTemplate.account_id),
}
_BY_APPID = ("account", "policy")  # "account:wx…", "policy:wx…"
_EVERYONE = ("wordlists", "wordlist")  # the office's word lists: readable by all


def audit_filter(session: Session, seat: Seat) -> ColumnElement[bool]:
    """The 操作日志 entries `seat` may read, as a WHERE clause. Administrators read all. Anyone else reads
    an entry whose target names a row of an account they see ("conversation:12", "post:3", "review:5",
    "checklist:7", "account:wx…", "policy:wx…"), a template or rule they see (one for every account
    included), a change to the word lists; any other entry (colleagues' sign-ins and staff changes,
    exports, targets this rule cannot place) only when they did it themselves. An entry about another
    account is never shown, even one they made before it was withdrawn."""
    if seat.sees_all:
        return true()
    ids = visible_account_ids(session, seat)
    target = AuditEntry.target
    placed: list[ColumnElement[bool]] = []
    shown: list[ColumnElement[bool]] = []
    for prefix, (row_id, account) in [*_BY_ROW.items(), *_GLOBAL_OR_ROW.items()]:
        names = target.like(f"{prefix}:%")
        number = cast(func.substr(target, len(prefix) + 2), Integer)
        where = global_or_visible(account, ids) if prefix in _GLOBAL_OR_ROW else account_filter(account, ids)
        placed.append(names)
        shown.append(names & number.in_(select(row_id).where(where)))
    appids = select(Account.appid).where(account_filter(Account.id, ids))  # type: ignore[arg-type]
    for prefix in _BY_APPID:
        names = target.like(f"{prefix}:%")
        placed.append(names)
        shown.append(names & func.substr(target, len(prefix) + 2).in_(appids))
    everyone = target.in_(_EVERYONE) | target.like("wordlist:%")
    own = AuditEntry.actor == (seat.login or "")
    return or_(*shown, everyone, ~or_(*placed) & own)
