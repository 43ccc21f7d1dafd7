"""Rows for the desk's checklist page and the quarterly self-check report: plain dataclasses, so the
interface and the report writer never touch SQL. States are computed here, from today's China date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.checklist.periods import PERIOD_TEXT, STATE_TEXT, state
from console.store.models import Account, ChecklistItem, ChecklistRecord

_STATE_ORDER = {"overdue": 0, "due_soon": 1, "unsigned": 2, "ok": 3}


@dataclass(frozen=True)
class RecordRow:
    """One time an item was done. `item_title`, `appid` and `account_name` name the item, for a report
    that lists records on their own."""

    id: int
    item_id: int
    done_on: date
    done_by: str
    note: str
    evidence: list[dict[str, Any]]
    signed_off_by: str | None
    signed_off_at: datetime | None  # naive UTC
    item_title: str = ""
    appid: str = ""
    account_name: str = ""


@dataclass(frozen=True)
class ItemRow:
    id: int
    appid: str
    account_name: str
    key: str
    title: str
    period: str
    period_text: str
    owner: str
    how: str
    auto: str | None
    due_on: date | None
    last_done_on: date | None
    state: str
    state_text: str
    last_record: RecordRow | None = field(default=None)
    version: int = 1  # the item's content version: the base of an administrator's edit or archive


def _record_row(entry: ChecklistRecord, item: ChecklistItem | None = None, account: Account | None = None) -> RecordRow:
    return RecordRow(
        id=entry.id,
        item_id=entry.item_id,
        done_on=entry.done_on,
        done_by=entry.done_by,
        note=entry.note or "",
        evidence=[dict(e) for e in entry.evidence or []],
        signed_off_by=entry.signed_off_by,
        signed_off_at=entry.signed_off_at,
        item_title=item.title if item is not None else "",
        appid=account.appid if account is not None else "",
        account_name=account.name if account is not None else "",
    )


def _latest_records(session: Session, item_ids: list[int]) -> dict[int, ChecklistRecord]:
    """Each item's latest record (by date done, then entry order), in one query."""
    if not item_ids:
        return {}
    ranked = (
        select(
            ChecklistRecord.id.label("id"),
            func.row_number()
            .over(
                partition_by=ChecklistRecord.item_id,
                order_by=(ChecklistRecord.done_on.desc(), ChecklistRecord.id.desc()),
            )
            .label("rank"),
        )
        .where(ChecklistRecord.item_id.in_(item_ids))
        .subquery()
    )
    latest = select(ChecklistRecord).join(ranked, ranked.c.id == ChecklistRecord.id).where(ranked.c.rank == 1)
    return {entry.item_id: entry for entry in session.scalars(latest)}


def items(session: Session, today: date, appid: str | None = None, archived: bool = False) -> list[ItemRow]:
    """The live items (of one account, with `appid`), overdue first, then by due date (none last)."""
    query = select(ChecklistItem, Account).join(Account, Account.id == ChecklistItem.account_id)
    if not archived:
        query = query.where(~ChecklistItem.archived)
    if appid is not None:
        query = query.where(Account.appid == appid)
    rows = session.execute(query).all()
    latest = _latest_records(session, [item.id for item, _account in rows])
    out = []
    for item, account in rows:
        entry = latest.get(item.id)
        signed = None if entry is None else bool(entry.signed_off_by)
        now_state = state(item.due_on, item.last_done_on, today, signed)
        out.append(
            ItemRow(
                id=item.id,
                appid=account.appid,
                account_name=account.name,
                key=item.key,
                title=item.title,
                period=item.period,
                period_text=PERIOD_TEXT.get(item.period, item.period),
                owner=item.owner or "",
                how=item.how or "",
                auto=item.auto,
                due_on=item.due_on,
                last_done_on=item.last_done_on,
                state=now_state,
                state_text=STATE_TEXT[now_state],
                last_record=None if entry is None else _record_row(entry, item, account),
                version=item.version,
            )
        )
    out.sort(key=lambda r: (r.state != "overdue", r.due_on is None, r.due_on or date.max, r.account_name, r.id))
    return out


def records(session: Session, item_id: int) -> list[RecordRow]:
    """Every record of one item, newest first."""
    item = session.get(ChecklistItem, item_id)
    if item is None:
        return []
    account = session.get(Account, item.account_id)
    query = (
        select(ChecklistRecord)
        .where(ChecklistRecord.item_id == item_id)
        .order_by(ChecklistRecord.done_on.desc(), ChecklistRecord.id.desc())
    )
    return [_record_row(entry, item, account) for entry in session.scalars(query)]


def overdue_count(session: Session, today: date, appid: str | None = None) -> int:
    """Live items past their due date: the number on the desk's badge."""
    query = (
        select(func.count(ChecklistItem.id))
        .join(Account, Account.id == ChecklistItem.account_id)
        .where(~ChecklistItem.archived, ChecklistItem.due_on.is_not(None), ChecklistItem.due_on < today)
    )
    if appid is not None:
        query = query.where(Account.appid == appid)
    return int(session.scalar(query) or 0)


def records_between(session: Session, first: date, last: date, appid: str | None = None) -> list[RecordRow]:
    """Records done from `first` to `last` inclusive (archived items' too: they were done), by account,
    then date, for the quarterly self-check report."""
    query = (
        select(ChecklistRecord, ChecklistItem, Account)
        .join(ChecklistItem, ChecklistItem.id == ChecklistRecord.item_id)
        .join(Account, Account.id == ChecklistRecord.account_id)
        .where(ChecklistRecord.done_on >= first, ChecklistRecord.done_on <= last)
        .order_by(Account.name, Account.id, ChecklistRecord.done_on, ChecklistRecord.id)
    )
    if appid is not None:
        query = query.where(Account.appid == appid)
    return [_record_row(entry, item, account) for entry, item, account in session.execute(query)]
