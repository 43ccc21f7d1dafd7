"""The office's wording as commands, declared: templates, keyword rules and account values.

Who: anyone keeps templates for the accounts they work on; keyword rules and account values answer
followers with no person in between, so reviewers (supervisors, administrators) keep them. Which
account: the stored row's, and the one a desk names when it moves or creates a row — both must be the
colleague's. A row for every account (no account) is an administrator's to write, though anyone may
count a use of it. A stale edit of a template or rule is kept as a 冲突副本 beside the colleague's; a stale
archive, delete or values edit is refused (409). Versions are the rows' content versions, never `seq` (a
colleague counting a template's use moves `seq`, not the version)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from console.audit import record
from console.commands import schema as s
from console.commands.account_parts import account_part
from console.commands.registry import (
    EVERYONE,
    REVIEWERS,
    Call,
    CommandSpec,
    Target,
    Versioning,
    appid_of,
    by_account_arg,
    by_row,
    known_appid,
    register,
)
from console.refusal import BadInput, NotApplicable
from console.replies import library
from console.store.models import ReplyRule, ReplyTemplate

_AUDIT_ACTION = {
    "template_save": "template_change",
    "template_archive": "template_change",
    "templates_import": "template_change",
    "rule_save": "rule_change",
    "rule_delete": "rule_change",
    "rules_import": "rule_change",
    "values_save": "template_change",
}


def _audit_target(call: Call, result: dict[str, Any]) -> str:
    """The row the entry is about (template:N, rule:N, account:appid), so the log can be shown to whoever
    may see that row's account (console.hub.audit_api); imports name the account they went to."""
    if result.get("template_id"):
        return f"template:{result['template_id']}"
    if result.get("rule_id"):
        return f"rule:{result['rule_id']}"
    appid = call.args.get("account")
    return f"account:{appid}" if appid else call.kind


def _audit(call: Call, result: dict[str, Any]) -> None:
    actor = call.seat.login or "system"
    target = _audit_target(call, result)
    for event in call.gate.passed:
        record(call.session, actor, "override", target, reason=event.reason, hits=event.hits)
    after = {k: v for k, v in call.args.items() if k not in ("override", "base_seq", "base_version")}
    record(call.session, actor, _AUDIT_ACTION[call.kind], target, after={"kind": call.kind, **after})


def _library(call: Call) -> dict[str, Any]:
    args = dict(call.args)
    if call.stale:  # the library keeps a stale edit as a conflicted copy when it sees an old base
        args["base_seq"] = -1
    return library.apply(call.session, call.kind, args, call.author, call.gate, call.now)


def _rule_target(session: Session, args: dict[str, Any], conversation_id: int) -> Target:
    rule = args.get("rule") or {}
    claimed = rule.get("account")
    if claimed is not None and not isinstance(claimed, str):
        raise BadInput("规则所属公众号格式不对。")
    rule_id = rule.get("id")
    if rule_id in (None, 0, ""):
        return Target((known_appid(session, claimed, required=False),))
    if isinstance(rule_id, bool) or not isinstance(rule_id, int) or not 0 < rule_id < 2**62:
        raise BadInput("规则编号格式不对。")
    row = session.get(ReplyRule, rule_id)
    if row is None or row.deleted:
        raise NotApplicable("找不到这条规则，可能已被同事删除。")
    appids: list[str | None] = [appid_of(session, row.account_id)]
    moved = known_appid(session, claimed, required=False)
    if moved != appids[0]:
        appids.append(moved)
    return Target(tuple(appids), row)


def _template_target(required: bool) -> Any:
    return by_row(ReplyTemplate, "id", "找不到这个模板，可能已被同事删除。", required=required)


_TEMPLATE = s.schema(
    s.BASE,
    s.OVERRIDE,
    id=s.integer(),
    account=s.text(max_len=64),
    title=s.text(max_len=200),
    body=s.text(max_len=20_000),
    category=s.text(max_len=100),
    tags=s.texts(max_items=30, max_len=50),
    archived=s.boolean(),
)


def _version(row: Any) -> int:
    return int(row.version)


_COPY = Versioning("copy", version=_version, what="这个模板")
_RULE_COPY = Versioning("copy", version=_version, what="这条规则")
_VALUES = Versioning("refuse", version=lambda account: int(account.values_version), what="这个公众号的账号变量")

for spec in (
    CommandSpec("template_save", EVERYONE, _template_target(False), _TEMPLATE, _library, _audit, versioning=_COPY),
    CommandSpec(
        "template_archive",
        EVERYONE,
        _template_target(True),
        s.schema(s.BASE, id=s.integer(required=True), archived=s.boolean()),
        _library,
        _audit,
        versioning=Versioning("refuse", version=_version, what="这个模板"),
    ),
    CommandSpec(
        "template_used",
        EVERYONE,
        _template_target(True),
        s.schema(id=s.integer(required=True)),
        _library,
        None,  # a use count, not a change of wording
        global_roles=EVERYONE,
    ),
    CommandSpec(
        "templates_import",
        EVERYONE,
        by_account_arg(required=False),
        s.schema(s.OVERRIDE, templates=s.objects(max_items=2000), account=s.text(max_len=64)),
        _library,
        _audit,
    ),
    CommandSpec(
        "rule_save",
        REVIEWERS,
        _rule_target,
        s.schema(s.BASE, s.OVERRIDE, rule=s.obj(required=True, label="规则")),
        _library,
        _audit,
        versioning=_RULE_COPY,
    ),
    CommandSpec(
        "rule_delete",
        REVIEWERS,
        by_row(ReplyRule, "id", "找不到这条规则，可能已被同事删除。", claimed_arg=None, gone=lambda row: row.deleted),
        s.schema(s.BASE, id=s.integer(required=True)),
        _library,
        _audit,
        versioning=Versioning("refuse", version=_version, what="这条规则"),
    ),
    CommandSpec(
        "rules_import",
        REVIEWERS,
        by_account_arg(required=False),
        s.schema(s.OVERRIDE, rules=s.objects(max_items=20_000), account=s.text(max_len=64), replace=s.boolean()),
        _library,
        _audit,
    ),
    CommandSpec(
        "values_save",
        REVIEWERS,
        account_part(),
        s.schema(s.BASE, s.OVERRIDE, account=s.text(required=True, max_len=64), values=s.obj(required=True)),
        _library,
        _audit,
        versioning=_VALUES,
    ),
):
    register(spec)
