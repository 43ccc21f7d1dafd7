"""The checks the console makes itself, so that these items are marked from evidence, never on trust.

Each check looks at something the console can see for itself — the account's settings, the key store,
the backup folder, the messages and rules it holds — and answers pass or fail with the facts it saw
(never a secret: for the key store only "it is there" and the store's kind). A pass adds a record done
by "系统自检" and rolls the due date, at most once per period (a daily run must not pile up records); a
supervisor still signs it off. A fail adds nothing and says in words what to do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.audit import record as audit_record
from console.checklist.backup import latest_backup
from console.checklist.periods import label, next_due, period_of
from console.replies.rules import RuleKind
from console.secrets import MissingSecrets, SecretsUnavailable, Vault
from console.store.database import next_seq
from console.store.models import Account, ChecklistItem, ChecklistRecord, Direction, Message, ReplyRule
from console.workcal.hours import china_today

SYSTEM_DOER = "系统自检"
BACKUP_MAX_DAYS = 35  # monthly backups, with a few days' grace for a holiday or a late run
CHANNEL_DAYS = 7  # a county account with no follower message in a week has a broken callback, most likely


@dataclass(frozen=True)
class CheckContext:
    """What a check may look at."""

    session: Session
    account: Account
    vault: Vault | None
    backup_dir: Path | None
    now: datetime  # naive UTC


@dataclass(frozen=True)
class CheckResult:
    passed: bool
    result: dict[str, Any]  # the facts seen, kept as evidence: never a secret value
    words: str  # what was found (pass) or what to do about it (fail), in Chinese


@dataclass(frozen=True)
class Outcome:
    """One item's self-check in one run. `recorded`: a record was added (a pass not yet recorded in this
    period); `reason`: the words of the result, e.g. why it failed."""

    item_id: int
    appid: str
    account_name: str
    title: str
    check: str
    passed: bool
    recorded: bool
    reason: str
    period_label: str
    record_id: int | None = None
    result: dict[str, Any] = field(default_factory=dict)


Check = Callable[[CheckContext], CheckResult]


def check_safe_mode(ctx: CheckContext) -> CheckResult:
    account = ctx.account
    missing = []
    if not account.safe_mode:
        missing.append(
            "工作台中该账号未设为安全模式：请在微信公众平台“设置与开发—基本配置—服务器配置”中"
            "把消息加解密方式改为“安全模式”，再在工作台账号设置中同步"
        )
    if not account.original_id:
        missing.append("尚未登记公众号原始ID（gh_ 开头，见“设置—公众号设置—账号详情”），请管理员在账号设置中补录")
    result = {"safe_mode": bool(account.safe_mode), "original_id_set": bool(account.original_id)}
    if missing:
        return CheckResult(False, result, "；".join(missing) + "。")
    return CheckResult(True, result, "消息加解密为安全模式，原始ID已登记。")


def check_secrets(ctx: CheckContext) -> CheckResult:
    if ctx.vault is None:
        return CheckResult(False, {"stored": False}, "这台电脑不保存公众号密钥，请在服务端运行自检。")
    try:
        secrets = ctx.vault.get(ctx.account.appid)
        backend = type(ctx.vault.backend).__name__
    except MissingSecrets:
        return CheckResult(False, {"stored": False}, "密钥库中没有该公众号的 AppSecret，请管理员在设置中录入。")
    except SecretsUnavailable:
        return CheckResult(
            False, {"stored": False}, "无法读取系统密钥库，不能确认 AppSecret 已妥善保存，请管理员检查密钥库设置。"
        )
    if not secrets.app_secret.strip() or not secrets.token.strip():
        return CheckResult(False, {"stored": False}, "密钥库中该公众号的 AppSecret 或令牌为空，请管理员重新录入。")
    return CheckResult(True, {"stored": True, "backend": backend}, f"AppSecret 已保存在系统密钥库（{backend}）中。")


def check_backup(ctx: CheckContext) -> CheckResult:
    folder = ctx.backup_dir
    found = latest_backup(folder) if folder is not None else None
    if found is None:
        where = f"（{folder}）" if folder is not None else ""
        return CheckResult(
            False, {"found": False}, f"备份文件夹{where}中没有备份，请运行 wxconsole backup 或请管理员设置定期备份。"
        )
    path, taken_at = found
    age = max(0, (ctx.now - taken_at).days)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    result = {"found": True, "file": path.name, "size": size, "age_days": age}
    if age >= BACKUP_MAX_DAYS:
        return CheckResult(
            False, result, f"最近一次备份（{path.name}）是 {age} 天前，已超过 {BACKUP_MAX_DAYS} 天，请重新备份。"
        )
    return CheckResult(True, result, f"最近一次备份 {path.name}（{size} 字节）在 {age} 天前。")


def _enabled_rules(session: Session, account_id: int, kind: RuleKind) -> int:
    return int(
        session.scalar(
            select(func.count(ReplyRule.id)).where(
                ReplyRule.kind == kind.value,
                ReplyRule.enabled,
                ~ReplyRule.deleted,
                (ReplyRule.account_id == account_id) | ReplyRule.account_id.is_(None),
            )
        )
        or 0
    )


def check_channel(ctx: CheckContext) -> CheckResult:
    session, account = ctx.session, ctx.account
    since = ctx.now - timedelta(days=CHANNEL_DAYS)
    last = session.scalar(
        select(func.max(Message.created_at)).where(
            Message.account_id == account.id,
            Message.direction == Direction.INBOUND.value,
            Message.msg_type != "event",
        )
    )
    keyword = _enabled_rules(session, account.id, RuleKind.KEYWORD)
    fallback = _enabled_rules(session, account.id, RuleKind.FALLBACK)
    result = {
        "last_message_at": last.isoformat(timespec="seconds") if last else None,
        "keyword_rules": keyword,
        "fallback_rules": fallback,
    }
    missing = []
    if last is None or last < since:
        missing.append(
            f"近 {CHANNEL_DAYS} 天没有收到粉丝留言，消息回调可能中断：请用个人微信向公众号发一条测试留言，"
            "看工作台能否收到"
        )
    if not keyword:
        missing.append("没有启用的关键词自动回复，请在“自动回复”中设置常见问题的关键词回复")
    if not fallback:
        missing.append("没有启用的兜底回复，粉丝问到规则以外的问题时会得不到任何答复，请设置兜底回复")
    if missing:
        return CheckResult(False, result, "；".join(missing) + "。")
    return CheckResult(
        True, result, f"近 {CHANNEL_DAYS} 天收到过粉丝留言，关键词回复 {keyword} 条、兜底回复 {fallback} 条已启用。"
    )


AUTO_CHECKS: dict[str, Check] = {
    "safe_mode": check_safe_mode,
    "secrets": check_secrets,
    "backup": check_backup,
    "channel": check_channel,
}
AUTO_TEXT: dict[str, str] = {
    "safe_mode": "安全模式",
    "secrets": "密钥保存",
    "backup": "数据备份",
    "channel": "互动功能",
}


def _done_in_period(session: Session, item: ChecklistItem, today: date) -> bool:
    """Whether the item already has a record in the period containing today (a one-off: any record)."""
    query = select(ChecklistRecord.id).where(ChecklistRecord.item_id == item.id)
    if item.period != "once":
        first, last = period_of(item.period, today)
        query = query.where(ChecklistRecord.done_on >= first, ChecklistRecord.done_on <= last)
    return session.scalar(query.limit(1)) is not None


def _record_pass(
    session: Session,
    item: ChecklistItem,
    account: Account,
    name: str,
    found: CheckResult,
    now: datetime,
    today: date,
) -> ChecklistRecord:
    """The record of a pass (awaiting a supervisor's sign-off), the item's due date rolled, the audit entry."""
    evidence = {"kind": "auto", "check": name, "result": found.result, "at": now.isoformat(timespec="seconds")}
    entry = ChecklistRecord(
        item_id=item.id,
        account_id=account.id,
        done_on=today,
        done_by=SYSTEM_DOER,
        note=found.words,
        evidence=[evidence],
        created_at=now,
        seq=next_seq(session),
    )
    session.add(entry)
    if item.last_done_on is None or today >= item.last_done_on:
        item.last_done_on = today
        item.due_on = next_due(item.period, today)
    item.updated_by, item.updated_at, item.seq = SYSTEM_DOER, now, next_seq(session)
    session.flush()
    audit_record(
        session,
        "system",
        "checklist_auto",
        f"checklist:{item.id}",
        after={"record_id": entry.id, "account": account.appid, "check": name, "result": found.result},
        at=now,
    )
    return entry


def run_self_checks(session: Session, vault: Vault | None, backup_dir: Path | None, now: datetime) -> list[Outcome]:
    """Run the check of every live item that names one, in the caller's transaction; record the passes
    not yet recorded this period and audit each. `now` is naive UTC; periods are China dates."""
    today = china_today(now)
    rows = session.execute(
        select(ChecklistItem, Account)
        .join(Account, Account.id == ChecklistItem.account_id)
        .where(~ChecklistItem.archived, ChecklistItem.auto.is_not(None))
        .order_by(Account.id, ChecklistItem.id)
    ).all()
    outcomes = []
    for item, account in rows:
        name = str(item.auto)
        about: dict[str, Any] = {
            "item_id": item.id,
            "appid": account.appid,
            "account_name": account.name,
            "title": item.title,
            "check": name,
            "period_label": label(item.period, today),
        }
        check = AUTO_CHECKS.get(name)
        if check is None:
            reason = f"这个版本不认识自动核对项目“{name}”，请人工检查后登记。"
            outcomes.append(Outcome(**about, passed=False, recorded=False, reason=reason))
            continue
        found = check(CheckContext(session, account, vault, backup_dir, now))
        if not found.passed:
            outcomes.append(Outcome(**about, passed=False, recorded=False, reason=found.words, result=found.result))
            continue
        if _done_in_period(session, item, today):
            reason = f"{found.words}（{about['period_label']}已登记，不重复记录）"
            outcomes.append(Outcome(**about, passed=True, recorded=False, reason=reason, result=found.result))
            continue
        entry = _record_pass(session, item, account, name, found, now, today)
        outcomes.append(
            Outcome(**about, passed=True, recorded=True, reason=found.words, record_id=entry.id, result=found.result)
        )
    return outcomes
