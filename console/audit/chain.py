"""The hash-chained operation log (操作日志): who did what, when, before and after.

Each entry's `hash` is SHA-256 over a canonical JSON of its own fields (id included) and the hash of
the entry before it, so editing any entry, deleting one from the middle, or deleting and renumbering,
breaks the chain from there on. The entry count is also kept in the "audit" SyncCounter row, so a
deleted last entry is caught too.

Appends are serialized: `record` first bumps that counter with an UPDATE (SQLite takes its write lock
at the first write, PostgreSQL locks the row), and only then reads the last entry to chain onto, so
two writers never chain onto the same entry.

Secrets never reach the log: any key naming a secret (app_secret, token, password, aes_key…) keeps its
name but its value is stored as "***".

This makes tampering evident, not impossible: whoever can write the database directly can also
recompute every hash and the counter. Keep an exported copy (or the last hash) elsewhere to anchor it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from typing import Any

from sqlalchemy import Text, cast, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from console.store.models import AuditEntry, SyncCounter
from console.timeutil import utcnow

COUNTER = "audit"
GENESIS = "0" * 64
MASK = "***"
MAX_ACTION = 32
MAX_ACTOR = 100
MAX_TARGET = 200
CHINA = timezone(timedelta(hours=8), "北京时间")

# Matched against the key lowercased with everything but letters and digits removed, so "app_secret",
# "AppSecret", "EncodingAESKey" and "aes-key" are all caught.
SECRET_KEY_PARTS = ("secret", "password", "passwd", "token", "aeskey", "encodingaeskey", "appsecret")

# What each action is called (the 操作 column of the page and of an export).
ACTION_NAMES: dict[str, str] = {
    "sign_in": "登录",
    "sign_in_failed": "登录失败",
    "sign_out": "退出登录",
    "locked": "账号锁定",
    "send": "发送",
    "hold": "暂缓发送",
    "approve": "审核通过",
    "approve_edited": "修改后通过",
    "send_back": "退回修改",
    "override": "错敏词放行",
    "rule_change": "修改自动回复规则",
    "template_change": "修改常用回复",
    "secret_change": "更换密钥",
    "export": "导出",
    "staff_change": "人员变更",
    "policy_change": "修改审核策略",
    "wordlists_change": "修改错敏词词库",
    "post_save": "保存图文",
    "post_submit": "提交图文审核",
    "urgent_submit": "紧急提交（突发/辟谣）",
    "post_schedule": "图文排期",
    "publish_now": "立即发布",
    "post_decide": "处理待决定图文",
    "post_delete": "删除图文",
    "publish_start": "开始发布",
    "published": "发布成功",
    "publish_failed": "发布失败",
    "publish_late": "错过发布时间",
    "publish_unknown": "发布结果不明",
    "checklist_done": "登记安全检查",
    "checklist_signoff": "安全检查签核",
    "checklist_change": "修改安全清单",
    "checklist_auto": "系统自检通过",
    "register_change": "修改账号台账",
    "plan_change": "修改发布时段",
}

# The verb of each action in a one-line description, followed by its object (the target).
ACTION_VERBS: dict[str, str] = {
    "sign_in": "登录了工作台",
    "sign_in_failed": "登录失败",
    "sign_out": "退出了登录",
    "locked": "锁定了",
    "send": "发送了",
    "hold": "暂缓发送",
    "approve": "通过了",
    "approve_edited": "修改后通过了",
    "send_back": "退回了",
    "override": "放行了错敏词提示：",
    "rule_change": "修改了",
    "template_change": "修改了",
    "secret_change": "更换了密钥：",
    "export": "导出了",
    "staff_change": "修改了",
    "policy_change": "修改了",
    "wordlists_change": "修改了",
    "post_save": "保存了",
    "post_submit": "提交审核：",
    "urgent_submit": "紧急提交审核（突发/辟谣）：",
    "post_schedule": "调整了排期：",
    "publish_now": "要求立即发布",
    "post_decide": "处理了",
    "post_delete": "删除了",
    "publish_start": "开始发布",
    "published": "发出了",
    "publish_failed": "未能发出",
    "publish_late": "错过了发布时间：",
    "publish_unknown": "未收到发布结果：",
    "checklist_done": "登记完成了",
    "checklist_signoff": "签核了",
    "checklist_change": "修改了",
    "checklist_auto": "自检通过：",
    "register_change": "修改了",
    "plan_change": "修改了发布时段：",
}
# Actions whose target is not the verb's object: the target follows in brackets.
_TARGET_ASIDE = {"sign_in", "sign_in_failed", "sign_out"}
# The object when an entry names no target.
_DEFAULT_OBJECTS: dict[str, str] = {
    "locked": "账号",
    "send": "回复",
    "hold": "回复",
    "approve": "回复",
    "approve_edited": "回复",
    "send_back": "回复",
    "override": "",
    "rule_change": "自动回复规则",
    "template_change": "常用回复",
    "secret_change": "公众号",
    "export": "数据",
    "staff_change": "人员",
    "policy_change": "审核策略",
    "wordlists_change": "错敏词词库",
}
# "kind:id" targets, in words.
TARGET_NOUNS: dict[str, str] = {
    "reply": "回复",
    "review": "回复",
    "conversation": "会话",
    "message": "消息",
    "rule": "规则",
    "template": "模板",
    "staff": "人员",
    "account": "公众号",
    "policy": "审核策略",
    "article": "文章",
    "post": "图文",
    "checklist": "安全检查项",
    "report": "自查报告",
    "wordlist": "错敏词词库",
    "wordlists": "错敏词词库",
    "file": "文件",
    "audit": "操作日志",
}
ACTOR_NAMES: dict[str, str] = {"system": "系统", "cli": "命令行"}


@dataclass(frozen=True)
class Verdict:
    """What `verify` found. `first_broken` is the id of the first entry that does not verify (for a
    deletion, the first id that is missing at the end or the entry right after the gap); `checked` the
    number of entries that verified before it; `reason` says it in plain Chinese."""

    ok: bool
    checked: int
    first_broken: int | None
    reason: str


# ---- writing ----


def record(
    session: Session,
    actor: str,
    action: str,
    target: str = "",
    *,
    before: Any = None,
    after: Any = None,
    at: datetime | None = None,
    **detail: Any,
) -> AuditEntry:
    """Append one entry in the caller's transaction (it is kept only if the caller commits). `detail`
    holds {"before", "after", **detail} without the None values, secrets masked. `at` defaults to now;
    an aware time is converted to naive UTC."""
    if not action or len(action) > MAX_ACTION:
        raise ValueError(f"audit action must be 1..{MAX_ACTION} characters: {action!r}")
    when = utcnow() if at is None else _naive_utc(at)
    given = {"before": before, "after": after, **detail}
    stored = scrub({key: value for key, value in given.items() if value is not None})
    assert isinstance(stored, dict)
    # The JSON column gives back what json.loads reads; the hash must be over exactly that.
    stored = json.loads(json.dumps(stored, ensure_ascii=False))
    _bump_counter(session)  # the write lock (SQLite) or row lock (PostgreSQL): appends go one at a time
    last = session.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    entry_id = 1 if last is None else int(last.id) + 1
    prev_hash = GENESIS if last is None else str(last.hash)
    entry = AuditEntry(
        id=entry_id,
        at=when,
        actor=actor[:MAX_ACTOR],
        action=action,
        target=(target or "")[:MAX_TARGET],
        detail=stored,
        prev_hash=prev_hash,
    )
    entry.hash = entry_hash(entry_id, when, entry.actor, action, entry.target, stored, prev_hash)
    session.add(entry)
    session.flush()
    return entry


def scrub(value: Any) -> Any:
    """`value` as plain JSON data, with the value of every key that names a secret replaced by "***"
    (None and "" are kept: the log may say a secret was set or cleared, never what it is)."""
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = str(key.value if isinstance(key, Enum) else key)
            out[name] = MASK if is_secret_key(name) and item not in (None, "") else scrub(item)
        return out
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((scrub(item) for item in value), key=lambda item: json.dumps(item, ensure_ascii=False))
    if isinstance(value, Enum):
        return scrub(value.value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        return _naive_utc(value).replace(tzinfo=UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return MASK  # raw bytes in a log are more likely a key than anything a person reads
    return str(value)


def is_secret_key(name: str) -> bool:
    folded = re.sub(r"[^a-z0-9]", "", name.lower())
    return any(part in folded for part in SECRET_KEY_PARTS)


def entry_hash(entry_id: int, at: datetime, actor: str, action: str, target: str, detail: Any, prev_hash: str) -> str:
    """SHA-256 (hex) over the canonical JSON of an entry's fields and the previous entry's hash."""
    document = {
        "id": entry_id,
        "at": _naive_utc(at).isoformat(timespec="microseconds"),
        "actor": actor,
        "action": action,
        "target": target,
        "detail": detail,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def _bump_counter(session: Session) -> int:
    """Count one more entry; insert the counter on the first append (racing first writers both end up
    bumping the one row)."""
    bump = update(SyncCounter).where(SyncCounter.name == COUNTER).values(value=SyncCounter.value + 1)
    value = session.execute(bump.returning(SyncCounter.value)).scalar_one_or_none()
    if value is not None:
        return int(value)
    dialect = session.get_bind().dialect.name
    row = {"name": COUNTER, "value": 0}
    if dialect == "sqlite":
        session.execute(sqlite_insert(SyncCounter).values(row).on_conflict_do_nothing())
    elif dialect == "postgresql":
        session.execute(postgresql_insert(SyncCounter).values(row).on_conflict_do_nothing())
    else:
        session.execute(insert(SyncCounter).values(row))
    return int(session.execute(bump.returning(SyncCounter.value)).scalar_one())


# ---- checking ----


def verify(session: Session) -> Verdict:
    """Walk the log in id order: ids consecutive from 1, each hash recomputed, each entry linked to the
    one before, and as many entries as the counter says."""
    stmt = select(
        AuditEntry.id,
        cast(AuditEntry.at, Text).label("at"),
        AuditEntry.actor,
        AuditEntry.action,
        AuditEntry.target,
        cast(AuditEntry.detail, Text).label("detail"),
        AuditEntry.prev_hash,
        AuditEntry.hash,
    ).order_by(AuditEntry.id)
    checked = 0
    expected_id = 1
    prev_hash = GENESIS
    for row in session.execute(stmt, execution_options={"yield_per": 1000}):
        entry_id = int(row.id)
        if entry_id != expected_id:
            missing = f"第 {expected_id} 条" if entry_id == expected_id + 1 else f"第 {expected_id}–{entry_id - 1} 条"
            return Verdict(False, checked, entry_id, f"第 {entry_id} 条之前的记录被删除（{missing}缺失）")
        try:
            at = _read_time(row.at)
            detail = json.loads(row.detail) if isinstance(row.detail, str) else row.detail
            recomputed = entry_hash(entry_id, at, row.actor, row.action, row.target, detail, row.prev_hash)
        except (TypeError, ValueError):
            return Verdict(False, checked, entry_id, f"第 {entry_id} 条记录的内容被改动过（无法读取）")
        if recomputed != row.hash:
            return Verdict(False, checked, entry_id, f"第 {entry_id} 条记录的内容被改动过（哈希不符）")
        if row.prev_hash != prev_hash:
            return Verdict(False, checked, entry_id, f"第 {entry_id} 条记录与前一条没有衔接（前一条的哈希不符）")
        prev_hash = row.hash
        checked += 1
        expected_id += 1
    counted = session.scalar(select(SyncCounter.value).where(SyncCounter.name == COUNTER)) or 0
    if counted > checked:
        gone = counted - checked
        which = "最后一条被删除" if gone == 1 else f"最后 {gone} 条被删除"
        return Verdict(False, checked, checked + 1, f"记录少了 {gone} 条（{which}）")
    if counted < checked:
        extra = checked - counted
        return Verdict(
            False,
            checked,
            counted + 1,
            f"记录多了 {extra} 条（第 {counted + 1} 条起不是由本程序写入的，可能是事后补写）",
        )
    return Verdict(True, checked, None, f"操作日志完整：共 {checked} 条，哈希链校验通过。")


def _read_time(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a time: {value!r}")
    return _naive_utc(datetime.fromisoformat(value))


def _naive_utc(value: datetime) -> datetime:
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


# ---- reading ----


def entries(
    session: Session,
    limit: int | None = 200,
    before_id: int | None = None,
    action: str | None = None,
    actor: str | None = None,
) -> list[AuditEntry]:
    """Newest first; `before_id` pages back (the entries older than that id); `limit` None for all."""
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc())
    if before_id is not None:
        stmt = stmt.where(AuditEntry.id < before_id)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    if actor:
        stmt = stmt.where(AuditEntry.actor == actor)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def action_name(action: str) -> str:
    """The action in Chinese ("审核通过"); an action this version does not know, as stored."""
    return ACTION_NAMES.get(action, action)


def actor_name(actor: str) -> str:
    return ACTOR_NAMES.get(actor, actor)


def target_text(target: str) -> str:
    """A target in words: "reply:12" → "回复 #12", "staff:li" → "人员 li"; another form, as stored."""
    kind, sep, ident = target.partition(":")
    noun = TARGET_NOUNS.get(kind) if sep else None
    if noun is None or not ident:
        return target
    return f"{noun} #{ident}" if ident.isdigit() else f"{noun} {ident}"


def beijing_time(at: datetime, seconds: bool = False) -> str:
    local = _naive_utc(at).replace(tzinfo=UTC).astimezone(CHINA)
    return local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def describe(entry: AuditEntry) -> str:
    """One line in Chinese, Beijing time: "2026-11-26 17:05 李强 通过了回复 #12"."""
    head = f"{beijing_time(entry.at)} {actor_name(entry.actor)}"
    target = target_text(entry.target or "")
    verb = ACTION_VERBS.get(entry.action)
    if verb is None:
        return f"{head} {entry.action}" + (f" {target}" if target else "")
    if entry.action in _TARGET_ASIDE:
        return f"{head} {verb}" + (f"（{target}）" if target else "")
    return f"{head} {verb}{target or _DEFAULT_OBJECTS.get(entry.action, '')}".rstrip("：")
