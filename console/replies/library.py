"""The office's shared wording, changed by command like everything else a desktop does: reply templates,
keyword rules, and each account's values ({窗口电话}…). Each command is applied once by its client-made
id (see console.inbox.commands), so an edit queued offline and retried never applies twice.

An edit made from an older version of a row than the hub now holds (its base behind the row's content
`version`; the command path requires the base) is never written over a colleague's change: it is kept as
a conflicted copy beside it (a rule's copy disabled, so two versions never answer at once), and the answer
says so. A version moves only when the wording changes — a use count (template_used) leaves it alone, so
counting a use never makes a colleague's edit look stale. Each answer carries the row's new version, for
the desk's next base.

Anything that will reach followers is screened first: a template's body and a rule's text reply with a
blocking 错敏词 hit are refused unless a supervisor passes them (console.screening.gate)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.refusal import NotApplicable
from console.replies.codec import (
    RuleFormatError,
    TemplateFormatError,
    reply_to_dict,
    rule_from_dict,
    template_from_dict,
    windows_to_list,
)
from console.replies.rules import ReplyKind
from console.screening.gate import ScreenGate
from console.store.database import next_seq
from console.store.models import Account, ReplyRule, ReplyTemplate
from console.timeutil import utcnow

MAX_VALUES = 30
MAX_VALUE_CHARS = 200
CONFLICT_SUFFIX = "（冲突副本）"


class LibraryRefused(NotApplicable):
    """Well formed but not applicable; the words say why."""


Handler = Callable[[Session, dict[str, Any], str, datetime, ScreenGate], dict[str, Any]]


def account_id_of(session: Session, appid: str | None) -> int | None:
    if appid in (None, ""):
        return None
    found = session.scalar(select(Account.id).where(Account.appid == appid))
    if found is None:
        raise LibraryRefused(f"没有公众号 {appid}，请先在服务端登记这个账号。")
    return found


def appid_of(session: Session, account_id: int | None) -> str | None:
    return None if account_id is None else session.scalar(select(Account.appid).where(Account.id == account_id))


def _base(args: dict[str, Any]) -> int | None:
    """The version the edit started from (`base_version`; `base_seq` from older desks)."""
    base = args.get("base_version", args.get("base_seq"))
    return None if base is None else int(base)


def _base_is_stale(row: ReplyTemplate | ReplyRule, args: dict[str, Any]) -> bool:
    base = _base(args)
    return base is not None and base != row.version


def _edited(row: ReplyTemplate | ReplyRule, author: str, now: datetime, session: Session) -> None:
    """The wording changed: a new content version (and a new sync position)."""
    row.version = (row.version or 0) + 1 if row.id is not None else 1
    row.updated_by, row.updated_at, row.seq = author, now, next_seq(session)


# ---- templates ----


def _template_save(session: Session, args: dict[str, Any], author: str, now: datetime, gate: ScreenGate) -> dict:
    try:
        template = template_from_dict({**args, "id": args.get("id")})
    except TemplateFormatError as exc:
        raise LibraryRefused(str(exc)) from exc
    account_id = account_id_of(session, template.account)
    gate.check(session, template.body, "template", args.get("override"), account_id=account_id)
    row = session.get(ReplyTemplate, int(args["id"])) if args.get("id") else None
    answer: dict[str, Any] = {}
    title = template.title
    if row is not None and _base_is_stale(row, args):
        who = row.updated_by or "同事"
        answer["conflict"] = True
        answer["notice"] = (
            f"{who}在您编辑期间修改了模板“{row.title}”，您的版本另存为“{title}{CONFLICT_SUFFIX}”，"
            "两个版本都在，请对照后删掉不要的一个。"
        )
        title = (title + CONFLICT_SUFFIX)[:60]
        row = None
    if row is None:
        row = ReplyTemplate(created_at=now, usage_count=0)
        session.add(row)
    row.account_id = account_id
    row.title, row.body, row.category = title, template.body, template.category
    row.tags = list(template.tags)
    row.archived = template.archived
    _edited(row, author, now, session)
    session.flush()
    answer["template_id"] = row.id
    answer["version"] = row.version
    return answer


def _template_row(session: Session, args: dict[str, Any]) -> ReplyTemplate:
    row = session.get(ReplyTemplate, int(args.get("id", 0)))
    if row is None:
        raise LibraryRefused("找不到这个模板，可能已被同事删除。")
    return row


def _template_archive(session: Session, args: dict[str, Any], author: str, now: datetime, gate: ScreenGate) -> dict:
    row = _template_row(session, args)
    row.archived = bool(args.get("archived", True))
    _edited(row, author, now, session)
    return {"template_id": row.id, "archived": row.archived, "version": row.version}


def _template_used(session: Session, args: dict[str, Any], author: str, now: datetime, gate: ScreenGate) -> dict:
    row = _template_row(session, args)
    row.usage_count += 1
    row.seq = next_seq(session)  # desks learn the count; the content version stays
    return {"template_id": row.id, "usage_count": row.usage_count}


def _templates_import(session: Session, args: dict[str, Any], author: str, now: datetime, gate: ScreenGate) -> dict:
    """Several templates at once, all or nothing; each is added as new (ids in the file are ignored),
    and with `account` every one belongs to that account."""
    templates = args.get("templates")
    if not isinstance(templates, list) or not templates:
        raise LibraryRefused("文件里没有模板。")
    ids = []
    for number, data in enumerate(templates, start=1):
        if not isinstance(data, dict):
            raise LibraryRefused(f"第 {number} 个模板格式不对。")
        item = {**data, "id": None, "base_seq": None, "base_version": None, "override": args.get("override")}
        if args.get("account"):
            item["account"] = args["account"]
        try:
            ids.append(_template_save(session, item, author, now, gate)["template_id"])
        except LibraryRefused as exc:
            raise LibraryRefused(f"第 {number} 个模板“{data.get('title', '')}”：{exc}") from exc
    return {"template_ids": ids}


# ---- rules ----


def _reply_text(reply: dict[str, Any]) -> str:
    if reply.get("kind") == ReplyKind.NEWS:
        return "\n".join(str(reply.get(k) or "") for k in ("title", "description"))
    return str(reply.get("text") or "")


def store_rule(
    session: Session,
    data: dict[str, Any],
    author: str,
    now: datetime,
    gate: ScreenGate,
    override: Any = None,
    base_seq: int | None = None,
    account: str | None = None,
) -> dict[str, Any]:
    """Validate one rule (the codec's dict), screen its reply, and insert or update it. `base_seq`: the
    content version the edit started from (a different one keeps the edit as a disabled copy)."""
    try:
        rule = rule_from_dict(data)
    except RuleFormatError as exc:
        raise LibraryRefused(str(exc)) from exc
    appid = account if account is not None else rule.account
    account_id = account_id_of(session, appid)
    reply = reply_to_dict(rule.reply)
    gate.check(session, _reply_text(reply), "rule", override, account_id=account_id)
    row = session.get(ReplyRule, rule.id) if rule.id else None
    answer: dict[str, Any] = {}
    name, enabled = rule.name, rule.enabled
    if row is not None and base_seq is not None and base_seq != row.version:
        who = row.updated_by or "同事"
        answer["conflict"] = True
        answer["notice"] = (
            f"{who}在您编辑期间修改了规则“{row.name}”，您的版本另存为“{name}{CONFLICT_SUFFIX}”（已停用），"
            "请对照两个版本，启用要保留的一个。"
        )
        name, enabled, row = (name + CONFLICT_SUFFIX)[:100], False, None
    if row is None or row.deleted:
        row = ReplyRule(created_at=now)
        session.add(row)
    row.account_id = account_id
    row.name, row.kind, row.mode = name, rule.kind.value, rule.mode.value
    row.keywords, row.priority = list(rule.keywords), rule.priority
    row.windows, row.enabled, row.reply = windows_to_list(rule.windows), enabled, reply
    row.deleted = False
    _edited(row, author, now, session)
    session.flush()
    answer["rule_id"] = row.id
    answer["version"] = row.version
    return answer


def _rule_save(session: Session, args: dict[str, Any], author: str, now: datetime, gate: ScreenGate) -> dict:
    rule = args.get("rule")
    if not isinstance(rule, dict):
        raise LibraryRefused("没有收到规则内容。")
    return store_rule(session, rule, author, now, gate, args.get("override"), _base(args))


def _rule_delete(session: Session, args: dict[str, Any], author: str, now: datetime, gate: ScreenGate) -> dict:
    row = session.get(ReplyRule, int(args.get("id", 0)))
    if row is None or row.deleted:
        raise LibraryRefused("找不到这条规则，可能已被同事删除。")
    row.deleted, row.enabled = True, False
    _edited(row, author, now, session)
    return {"rule_id": row.id, "version": row.version}


def _rules_import(session: Session, args: dict[str, Any], author: str, now: datetime, gate: ScreenGate) -> dict:
    """Several rules at once (from a file or from WeChat's own setup); all or nothing. With `replace`,
    the account's existing rules are deleted first."""
    rules = args.get("rules")
    if not isinstance(rules, list) or not rules:
        raise LibraryRefused("文件里没有规则。")
    appid = args.get("account") or None
    if args.get("replace"):
        account_id = account_id_of(session, appid)
        for row in session.scalars(select(ReplyRule).where(ReplyRule.account_id == account_id, ~ReplyRule.deleted)):
            row.deleted, row.enabled = True, False
            _edited(row, author, now, session)
    ids = []
    for number, data in enumerate(rules, start=1):
        if not isinstance(data, dict):
            raise LibraryRefused(f"第 {number} 条规则格式不对。")
        try:
            ids.append(
                store_rule(session, {**data, "id": None}, author, now, gate, args.get("override"), account=appid)
            )
        except LibraryRefused as exc:
            raise LibraryRefused(f"第 {number} 条规则“{data.get('name', '')}”：{exc}") from exc
    return {"rule_ids": [answer["rule_id"] for answer in ids]}


# ---- account values ----


def _values_save(session: Session, args: dict[str, Any], author: str, now: datetime, gate: ScreenGate) -> dict:
    account_id = account_id_of(session, args.get("account"))
    account = session.get(Account, account_id) if account_id is not None else None
    if account is None:
        raise LibraryRefused("请选择要设置的公众号。")
    values = args.get("values")
    if not isinstance(values, dict) or len(values) > MAX_VALUES:
        raise LibraryRefused(f"账号变量最多 {MAX_VALUES} 个。")
    clean: dict[str, str] = {}
    for name, value in values.items():
        name, value = str(name).strip().strip("{}"), str(value).strip()
        if not name:
            continue
        if len(value) > MAX_VALUE_CHARS:
            raise LibraryRefused(f"变量“{name}”的内容超过 {MAX_VALUE_CHARS} 字。")
        clean[name] = value
    gate.check(session, "\n".join(clean.values()), "values", args.get("override"), account_id=account_id)
    account.reply_values = clean
    account.values_version = (account.values_version or 0) + 1
    account.seq = next_seq(session)
    return {"values": clean, "version": account.values_version}


HANDLERS: dict[str, Handler] = {
    "template_save": _template_save,
    "template_archive": _template_archive,
    "template_used": _template_used,
    "templates_import": _templates_import,
    "rule_save": _rule_save,
    "rule_delete": _rule_delete,
    "rules_import": _rules_import,
    "values_save": _values_save,
}


def apply(
    session: Session, kind: str, args: dict[str, Any], author: str, gate: ScreenGate, now: datetime | None = None
) -> dict[str, Any]:
    """Run one library command inside the caller's transaction; LibraryRefused (or ScreenBlocked) says no."""
    return HANDLERS[kind](session, args, author, now or utcnow(), gate)


def _appid(session: Session, account_id: int | None, appids: dict[int, str] | None) -> str | None:
    if account_id is None:
        return None
    return (appids or {}).get(account_id) or appid_of(session, account_id)


def rule_dict(session: Session, row: ReplyRule, appids: dict[int, str] | None = None) -> dict[str, Any]:
    """A stored rule in the codec's shape."""
    return {
        "id": row.id,
        "account": _appid(session, row.account_id, appids),
        "name": row.name,
        "kind": row.kind,
        "mode": row.mode,
        "keywords": list(row.keywords or []),
        "priority": row.priority,
        "windows": list(row.windows or []),
        "enabled": row.enabled,
        "reply": dict(row.reply or {}),
    }


def template_dict(session: Session, row: ReplyTemplate, appids: dict[int, str] | None = None) -> dict[str, Any]:
    return {
        "id": row.id,
        "account": _appid(session, row.account_id, appids),
        "title": row.title,
        "body": row.body,
        "category": row.category,
        "tags": list(row.tags or []),
        "archived": row.archived,
        "usage_count": row.usage_count,
    }


def appid_map(session: Session) -> dict[int, str]:
    return {account_id: appid for account_id, appid in session.execute(select(Account.id, Account.appid))}


def stored_rules(session: Session, account: str | None = None) -> list[dict[str, Any]]:
    """Every live rule (of one account and the shared ones, if `account` is given), oldest first."""
    appids = appid_map(session)
    query = select(ReplyRule).where(~ReplyRule.deleted).order_by(ReplyRule.id)
    if account is not None:
        query = query.where((ReplyRule.account_id == account_id_of(session, account)) | ReplyRule.account_id.is_(None))
    return [rule_dict(session, row, appids) for row in session.scalars(query)]


def stored_templates(session: Session, account: str | None = None, archived: bool = True) -> list[dict[str, Any]]:
    appids = appid_map(session)
    query = select(ReplyTemplate).order_by(ReplyTemplate.id)
    if account is not None:
        query = query.where(
            (ReplyTemplate.account_id == account_id_of(session, account)) | ReplyTemplate.account_id.is_(None)
        )
    if not archived:
        query = query.where(~ReplyTemplate.archived)
    return [template_dict(session, row, appids) for row in session.scalars(query)]
