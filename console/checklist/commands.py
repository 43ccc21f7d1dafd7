"""The checklist's hub commands, sent by desks like every other change (console.inbox.commands applies
each once by its client-made id, in one transaction with its audit entry).

Who may do what follows the office's roles: anyone working on the account registers a check as done
(with a note or a file as proof: an inspection asks "how do you know", not "did you"); a supervisor or
an administrator who did not do it signs it off (nobody approves their own work); only an administrator
changes the list itself. A step this person may not take is refused as forbidden (the hub answers 403);
a step nobody could take as asked is refused plainly (422)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.audit import record as audit_record
from console.checklist.defaults import MAX_HOW, MAX_TITLE, ChecklistFileError, install
from console.checklist.periods import PERIOD_TEXT, PERIODS, first_due, next_due
from console.refusal import NotApplicable
from console.store.database import next_seq
from console.store.models import Account, ChecklistItem, ChecklistRecord, Staff
from console.workcal.hours import china_today

CHECKLIST_KINDS = (
    "checklist_done",
    "checklist_signoff",
    "checklist_item_save",
    "checklist_item_archive",
    "checklist_install",
)
MAX_NOTE = 2000
MAX_OWNER = 100
MAX_FILES = 20
MAX_FILE_NAME = 200
_EVIDENCE_REF = re.compile(r"^evidence:[0-9a-f]{64}$")


class ChecklistRefused(NotApplicable):
    """The step cannot be taken; `forbidden` True when it is this person who may not take it."""


Handler = Callable[[Session, dict[str, Any], Staff, datetime], dict[str, Any]]


# ---- shared checks ----


def _item(session: Session, args: dict[str, Any]) -> ChecklistItem:
    try:
        item = session.get(ChecklistItem, int(args.get("item_id") or 0))
    except (TypeError, ValueError):
        item = None
    if item is None:
        raise ChecklistRefused("找不到这个检查项，可能已被管理员删除。")
    return item


def _account_of_item(session: Session, item: ChecklistItem) -> Account:
    account = session.get(Account, item.account_id)
    if account is None:
        raise ChecklistRefused("找不到这个检查项所属的公众号。")
    return account


def _account(session: Session, appid: Any) -> Account:
    account = session.scalar(select(Account).where(Account.appid == str(appid or "")))
    if account is None:
        raise ChecklistRefused("请选择公众号。" if not appid else f"没有公众号 {appid}，请先登记这个账号。")
    return account


def _date(value: Any, what: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ChecklistRefused(f"{what}格式不对，应为“2026-03-28”这样的日期。") from exc


def _text(args: dict[str, Any], name: str, limit: int, what: str) -> str:
    value = str(args.get(name) or "").strip()
    if len(value) > limit:
        raise ChecklistRefused(f"{what}最长 {limit} 字。")
    return value


def _files(raw: Any) -> list[dict[str, str]]:
    """Desks attach files only (uploaded first, named by their SHA-256); "auto" evidence is the console's
    own and is never accepted from a desk."""
    if raw in (None, ""):
        return []
    if not isinstance(raw, list):
        raise ChecklistRefused("佐证材料格式不对。")
    if len(raw) > MAX_FILES:
        raise ChecklistRefused(f"一次最多附 {MAX_FILES} 个佐证文件。")
    files = []
    for entry in raw:
        if not isinstance(entry, dict) or entry.get("kind") != "file":
            raise ChecklistRefused("只能附上传的文件作为佐证材料。")
        ref = str(entry.get("ref") or "")
        if not _EVIDENCE_REF.match(ref):
            raise ChecklistRefused("佐证文件还没有上传完成，请稍后重试。")
        name = str(entry.get("name") or "").strip()[:MAX_FILE_NAME] or "佐证材料"
        files.append({"kind": "file", "ref": ref, "name": name})
    return files


def _item_state(item: ChecklistItem) -> dict[str, Any]:
    return {
        "title": item.title,
        "period": item.period,
        "owner": item.owner,
        "due_on": item.due_on.isoformat() if item.due_on else None,
        "archived": item.archived,
    }


# ---- commands ----


def _done(session: Session, args: dict[str, Any], staff: Staff, now: datetime) -> dict[str, Any]:
    item = _item(session, args)
    account = _account_of_item(session, item)
    if item.archived:
        raise ChecklistRefused(f"检查项“{item.title}”已停用，不能再登记完成。")
    today = china_today(now)
    done_on = _date(args["done_on"], "完成日期") if args.get("done_on") else today
    if done_on > today:
        raise ChecklistRefused("完成日期不能晚于今天。")
    note = _text(args, "note", MAX_NOTE, "检查情况")
    files = _files(args.get("evidence"))
    if not note and not files:
        raise ChecklistRefused("请写明检查结果或附上截图等佐证材料。")
    entry = ChecklistRecord(
        item_id=item.id,
        account_id=account.id,
        done_on=done_on,
        done_by=staff.name,
        note=note,
        evidence=files,
        command_id=str(args["command_id"]) if args.get("command_id") else None,
        created_at=now,
        seq=next_seq(session),
    )
    session.add(entry)
    # A check written up late (an earlier date than the last one) is kept, but never moves the due date back.
    if item.last_done_on is None or done_on >= item.last_done_on:
        item.last_done_on = done_on
        item.due_on = next_due(item.period, done_on)
    item.updated_by, item.updated_at, item.seq = staff.name, now, next_seq(session)
    session.flush()
    audit_record(
        session,
        staff.login,
        "checklist_done",
        f"checklist:{item.id}",
        after={
            "record_id": entry.id,
            "account": account.appid,
            "title": item.title,
            "done_on": done_on.isoformat(),
            "note": note,
            "files": [f["name"] for f in files],
        },
        at=now,
    )
    return {
        "item_id": item.id,
        "record_id": entry.id,
        "due_on": item.due_on.isoformat() if item.due_on else None,
    }


def _signoff(session: Session, args: dict[str, Any], staff: Staff, now: datetime) -> dict[str, Any]:
    try:
        entry = session.get(ChecklistRecord, int(args.get("record_id") or 0))
    except (TypeError, ValueError):
        entry = None
    if entry is None:
        raise ChecklistRefused("找不到这条检查记录。")
    item = _item(session, {"item_id": entry.item_id})
    account = _account_of_item(session, item)
    # done_by holds the doer's name (records are shown by name); a namesake is refused too, which errs safe.
    if entry.done_by in (staff.name, staff.login):
        raise ChecklistRefused("不能签核自己登记的检查，请由另一位审核人员或管理员签核。", forbidden=True)
    if entry.signed_off_by:
        raise ChecklistRefused(f"这条记录已由{entry.signed_off_by}签核。")
    entry.signed_off_by, entry.signed_off_at, entry.seq = staff.name, now, next_seq(session)
    audit_record(
        session,
        staff.login,
        "checklist_signoff",
        f"checklist:{item.id}",
        after={"record_id": entry.id, "account": account.appid, "title": item.title, "done_by": entry.done_by},
        at=now,
    )
    return {"item_id": item.id, "record_id": entry.id, "signed_off_by": staff.name}


def _item_save(session: Session, args: dict[str, Any], staff: Staff, now: datetime) -> dict[str, Any]:
    item = _item(session, args) if args.get("item_id") else None
    account = _account(session, args.get("account"))
    if item is not None and item.account_id != account.id:
        raise ChecklistRefused("检查项不能改到另一个公众号下，请在那个公众号新建。")
    title = _text(args, "title", MAX_TITLE, "标题")
    if not title:
        raise ChecklistRefused("请填写检查项标题。")
    period = str(args.get("period") or "")
    if period not in PERIODS:
        raise ChecklistRefused(f"请选择检查周期：{'、'.join(PERIOD_TEXT[p] for p in PERIODS)}。")
    owner = _text(args, "owner", MAX_OWNER, "责任人")
    how = _text(args, "how", MAX_HOW, "检查方法")
    due_on = _date(args["due_on"], "截止日期") if args.get("due_on") else None
    before = None if item is None else _item_state(item)
    if item is None:
        item = ChecklistItem(account_id=account.id, key="", auto=None, archived=False, last_done_on=None)
        session.add(item)
    period_changed = item.period != period
    item.title, item.period, item.owner, item.how = title, period, owner, how
    if due_on is not None:
        item.due_on = due_on
    elif before is None or period_changed:
        item.due_on = next_due(period, item.last_done_on) if item.last_done_on else first_due(period, china_today(now))
    item.version = 1 if before is None else (item.version or 0) + 1  # an edit of the item (done/sign-off: not)
    item.updated_by, item.updated_at, item.seq = staff.name, now, next_seq(session)
    session.flush()
    audit_record(
        session,
        staff.login,
        "checklist_change",
        f"checklist:{item.id}",
        before=before,
        after={"account": account.appid, **_item_state(item)},
        at=now,
    )
    return {"item_id": item.id, "due_on": item.due_on.isoformat() if item.due_on else None, "version": item.version}


def _item_archive(session: Session, args: dict[str, Any], staff: Staff, now: datetime) -> dict[str, Any]:
    item = _item(session, args)
    before = _item_state(item)
    item.archived = bool(args.get("archived", True))
    item.version = (item.version or 0) + 1
    item.updated_by, item.updated_at, item.seq = staff.name, now, next_seq(session)
    audit_record(
        session, staff.login, "checklist_change", f"checklist:{item.id}", before=before, after=_item_state(item), at=now
    )
    return {"item_id": item.id, "archived": item.archived, "version": item.version}


def _install(session: Session, args: dict[str, Any], staff: Staff, now: datetime) -> dict[str, Any]:
    account = _account(session, args.get("account"))
    try:
        created = install(session, account, china_today(now), staff.name)
    except ChecklistFileError as exc:
        raise ChecklistRefused(str(exc)) from exc
    audit_record(
        session, staff.login, "checklist_change", f"account:{account.appid}", after={"installed": created}, at=now
    )
    return {"account": account.appid, "installed": created}


HANDLERS: dict[str, Handler] = {
    "checklist_done": _done,
    "checklist_signoff": _signoff,
    "checklist_item_save": _item_save,
    "checklist_item_archive": _item_archive,
    "checklist_install": _install,
}


def apply(session: Session, kind: str, args: dict[str, Any], staff: Staff, now: datetime) -> dict[str, Any]:
    """Run one checklist command inside the caller's transaction (`now` naive UTC); ChecklistRefused says
    no, with `forbidden` set when it is this person who may not."""
    handler = HANDLERS.get(kind)
    if handler is None:
        raise ChecklistRefused(f"未知的安全清单操作：{kind}")
    return handler(session, args, staff, now)
