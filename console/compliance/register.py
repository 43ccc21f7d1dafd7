"""账号台账: the register an office must keep of each account it runs — responsible unit, person in charge,
operators, contact, verification, when it opened, how often it means to post.

Why here: inspections deduct for "an account's registered owner not matching the unit" and ask for the
register in the self-check report, so it is kept beside the account (`Account.register`) and changed
by command like everything else, by an administrator only, with the change in the operation log.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import audit
from console.refusal import NotApplicable
from console.sheets import Sheet
from console.staff.access import account_filter
from console.store.database import next_seq
from console.store.models import Account, AccountType, Staff
from console.timeutil import utcnow
from console.workcal.hours import china_today

FIELDS: list[tuple[str, str]] = [
    ("unit", "责任单位"),
    ("owner", "负责人"),
    ("owner_phone", "负责人电话"),
    ("operators", "运营人员"),
    ("contact", "联系方式"),
    ("verified", "认证情况"),
    ("opened_on", "开通日期"),
    ("frequency", "更新频率目标"),
    ("note", "备注"),
]
LABELS = dict(FIELDS)
MAX_CHARS: dict[str, int] = {
    "unit": 100,
    "owner": 50,
    "owner_phone": 30,
    "operators": 200,
    "contact": 100,
    "verified": 50,
    "opened_on": 10,
    "frequency": 50,
    "note": 500,
}
# The register rows: the account itself, then the fields, in the order the sheet and the PDF show them.
COLUMNS: list[tuple[str, str]] = [("name", "账号名称"), ("appid", "AppID"), ("type", "账号类型"), *FIELDS]
TYPE_TEXT = {AccountType.SUBSCRIPTION.value: "订阅号", AccountType.SERVICE.value: "服务号"}

REGISTER_KINDS = ("register_save",)
_PHONE = re.compile(r"^[0-9０-９+()（）\- 转、,，;；/]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RegisterError(ValueError):
    """A register value that cannot be kept; the message names the field, in Chinese."""


class RegisterRefused(NotApplicable):
    """The command cannot be applied. `forbidden` True: this person may not (the hub answers 403)."""


def clean_register(raw: Any) -> dict[str, str]:
    """Every field of FIELDS as trimmed text ("" when not filled in), or RegisterError naming the field.

    `operators` may also come as a list of names (joined with "、"), `verified` as true/false
    (已认证/未认证); `opened_on` must be an ISO date (YYYY-MM-DD) not in the future.
    """
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise RegisterError("账号台账应是“字段: 内容”的对象。")
    unknown = [str(key) for key in raw if key not in LABELS]
    if unknown:
        raise RegisterError(f"账号台账没有“{unknown[0]}”这一项，可填：{'、'.join(LABELS.values())}。")
    cleaned: dict[str, str] = {}
    for key, label in FIELDS:
        value = _text(key, label, raw.get(key))
        if len(value) > MAX_CHARS[key]:
            raise RegisterError(f"“{label}”最长 {MAX_CHARS[key]} 字，现在是 {len(value)} 字。")
        cleaned[key] = value
    if cleaned["owner_phone"] and not _PHONE.match(cleaned["owner_phone"]):
        raise RegisterError(f"“{LABELS['owner_phone']}”只能填数字和 - + ( ) 转，例如 0910-1234567 或 13800000000。")
    if cleaned["opened_on"]:
        try:
            opened = date.fromisoformat(cleaned["opened_on"])
        except ValueError:
            raise RegisterError(
                f"“{LABELS['opened_on']}”应写成 年-月-日，例如 2018-05-20，“{cleaned['opened_on']}”不是有效日期。"
            ) from None
        if opened > china_today(utcnow()):
            raise RegisterError(f"“{LABELS['opened_on']}”（{opened.isoformat()}）不能晚于今天。")
        cleaned["opened_on"] = opened.isoformat()
    return cleaned


def _text(key: str, label: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "verified" and isinstance(value, bool):
        return "已认证" if value else "未认证"
    if key == "operators" and isinstance(value, list | tuple):
        if not all(isinstance(name, str) for name in value):
            raise RegisterError(f"“{label}”应是姓名列表或一段文字。")
        return "、".join(name.strip() for name in value if name.strip())
    if not isinstance(value, str):
        raise RegisterError(f"“{label}”应是文字。")
    if _CONTROL.search(value):
        raise RegisterError(f"“{label}”含有不可见的控制字符，请重新输入。")
    return value.strip()


def register_of(account: Account) -> dict[str, str]:
    """The stored register with every field present ("" for what is not filled in)."""
    stored = account.register if isinstance(account.register, dict) else {}
    return {key: str(stored.get(key) or "") for key, _ in FIELDS}


def register_rows(session: Session, account_ids: set[int] | None = None) -> list[dict[str, str]]:
    """One row per account: its name, appid and type (订阅号/服务号), then the register fields. Only the
    accounts in `account_ids` (console.staff.access.visible_account_ids; None for every account)."""
    rows = []
    for account in session.scalars(select(Account).where(account_filter(Account.id, account_ids)).order_by(Account.id)):
        rows.append(
            {
                "name": account.name,
                "appid": account.appid,
                "type": TYPE_TEXT.get(account.account_type, account.account_type),
                **register_of(account),
                "version": str(account.register_version),  # the base of the next edit (not in the sheet)
            }
        )
    return rows


_WIDTHS = {"name": 22, "appid": 22, "type": 10, "operators": 24, "contact": 20, "note": 30}
SHEET = "账号台账"


def register_sheet(rows: list[dict[str, str]]) -> Sheet:
    """The 账号台账 sheet from `register_rows`: in the quarterly report, and exported on its own."""
    return Sheet(
        SHEET,
        [(label, _WIDTHS.get(key, 16)) for key, label in COLUMNS],
        [[row.get(key, "") for key, _ in COLUMNS] for row in rows],
        wrapped={"运营人员", "备注"},
    )


# ---- hub commands (like console.replies.library) ----

Handler = Callable[[Session, dict[str, Any], Staff, datetime], dict[str, Any]]


def _register_save(session: Session, args: dict[str, Any], staff: Staff, now: datetime) -> dict[str, Any]:
    appid = str(args.get("appid") or "")
    if not appid:
        raise RegisterRefused("请选择要填写台账的公众号。")
    account = session.scalar(select(Account).where(Account.appid == appid))
    if account is None:
        raise RegisterRefused(f"没有公众号 {appid}，请先在服务端登记这个账号。")
    try:
        after = clean_register(args.get("register"))
    except RegisterError as exc:
        raise RegisterRefused(str(exc)) from exc
    before = register_of(account) if account.register else None
    account.register = after
    account.register_version = (account.register_version or 0) + 1  # the base for the next edit of the register
    account.seq = next_seq(session)
    audit.record(session, staff.login, "register_change", f"account:{appid}", before=before, after=after, at=now)
    session.flush()
    return {"appid": appid, "register": after, "seq": account.seq, "version": account.register_version}


HANDLERS: dict[str, Handler] = {"register_save": _register_save}


def apply(session: Session, kind: str, args: dict[str, Any], staff: Staff, now: datetime) -> dict[str, Any]:
    """Run one register command inside the caller's transaction; RegisterRefused says no (forbidden for
    anyone but an active administrator)."""
    if kind not in HANDLERS:
        raise RegisterRefused(f"不认识的台账操作：{kind}")
    return HANDLERS[kind](session, args, staff, now)
