"""The security checklist as commands, declared. Anyone records a check done on the accounts they hold;
a reviewer signs a record off (never their own: the checklist's rule); only administrators change the
list itself. The account is always the stored item's."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from console.checklist import commands as checklist
from console.commands import schema as s
from console.commands.registry import (
    ADMINISTRATORS,
    BY_HANDLER,
    EVERYONE,
    REVIEWERS,
    Call,
    CommandSpec,
    Target,
    Versioning,
    appid_of,
    by_account_arg,
    by_row,
    register,
)
from console.refusal import NotApplicable
from console.store.models import ChecklistItem, ChecklistRecord

MISSING_ITEM = "找不到这个检查项，可能已被管理员删除。"


def _record_target(session: Session, args: dict[str, Any], conversation_id: int) -> Target:
    entry = session.get(ChecklistRecord, args["record_id"])
    item = session.get(ChecklistItem, entry.item_id) if entry is not None else None
    if entry is None or item is None:
        raise NotApplicable("找不到这条检查记录。")
    return Target((appid_of(session, item.account_id),), entry)


def _handler(call: Call) -> dict[str, Any]:
    return checklist.apply(call.session, call.kind, {**call.args, "command_id": call.command_id}, call.staff, call.now)


_ITEM = {"item_id": s.integer(required=True, label="检查项")}
_ITEM_VERSION = Versioning("refuse", version=lambda item: int(item.version), what="这个检查项")
for spec in (
    CommandSpec(
        "checklist_done",
        EVERYONE,
        by_row(ChecklistItem, "item_id", MISSING_ITEM, claimed_arg=None),
        s.schema(_ITEM, done_on=s.text(max_len=32), note=s.text(max_len=4000), evidence=s.objects(max_items=50)),
        _handler,
        BY_HANDLER,
    ),
    CommandSpec(
        "checklist_signoff",
        REVIEWERS,
        _record_target,
        s.schema(record_id=s.integer(required=True, label="检查记录"), note=s.text(max_len=4000)),
        _handler,
        BY_HANDLER,
    ),
    CommandSpec(
        "checklist_item_save",
        ADMINISTRATORS,
        by_row(ChecklistItem, "item_id", MISSING_ITEM, required=False),
        s.schema(
            s.BASE,
            item_id=s.integer(),
            account=s.text(max_len=64),
            title=s.text(max_len=400),
            period=s.text(max_len=32),
            owner=s.text(max_len=200),
            how=s.text(max_len=4000),
            due_on=s.text(max_len=32),
        ),
        _handler,
        BY_HANDLER,
        versioning=_ITEM_VERSION,
    ),
    CommandSpec(
        "checklist_item_archive",
        ADMINISTRATORS,
        by_row(ChecklistItem, "item_id", MISSING_ITEM, claimed_arg=None),
        s.schema(s.BASE, _ITEM, archived=s.boolean()),
        _handler,
        BY_HANDLER,
        versioning=_ITEM_VERSION,
    ),
    CommandSpec(
        "checklist_install",
        ADMINISTRATORS,
        by_account_arg(),
        s.schema(account=s.text(max_len=64)),
        _handler,
        BY_HANDLER,
    ),
):
    register(spec)
