"""安全清单: periods roll over on the calendar, the default list installs once, desks mark items done with
evidence and supervisors sign them off, and the console marks what it can check itself from its own
evidence (never a secret in a record, an audit entry or a log). Real SQLite, real key-store objects."""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from console.checklist import views
from console.checklist.backup import KEEP, latest_backup, make_backup, register
from console.checklist.commands import CHECKLIST_KINDS, ChecklistRefused, apply
from console.checklist.defaults import (
    ChecklistFileError,
    DefaultItem,
    install,
    load_defaults,
    office_file,
    shipped_file,
)
from console.checklist.periods import (
    PERIOD_TEXT,
    PERIODS,
    STATE_TEXT,
    first_due,
    label,
    next_due,
    period_of,
    state,
)
from console.checklist.self_checks import AUTO_CHECKS, SYSTEM_DOER, run_self_checks
from console.secrets import AccountSecrets, Vault
from console.secrets.memory import MemoryKeyring
from console.store.database import Database, open_database
from console.store.models import (
    Account,
    AuditEntry,
    ChecklistItem,
    ChecklistRecord,
    Conversation,
    Direction,
    Follower,
    Message,
    ReplyRule,
    Staff,
)

APP_A = "wxaaaa0000aaaa0000"
APP_B = "wxbbbb0000bbbb0000"
SECRET = "f0e1d2c3b4a5968778695a4b3c2d1e0f"
TOKEN = "CountyToken2026"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
NOW = datetime(2026, 3, 28, 2, 0)  # naive UTC: 10:00 on 28 March 2026 in China (Q1)
SHA = "ab" * 32


# ---- periods ----


def test_a_quarterly_item_done_late_in_march_is_due_by_the_end_of_june():
    done = date(2026, 3, 28)
    assert period_of("quarterly", done) == (date(2026, 1, 1), date(2026, 3, 31))
    due = next_due("quarterly", done)
    assert due == date(2026, 6, 30)
    assert state(due, done, date(2026, 5, 1), True) == "ok"
    assert state(due, done, date(2026, 6, 20), True) == "due_soon"
    assert state(due, done, date(2026, 6, 30), True) == "due_soon"
    assert state(due, done, date(2026, 7, 1), True) == "overdue"
    assert STATE_TEXT["overdue"] == "已逾期"
    # Done on the first day of Q2 counts for Q2, so it is next due by the end of Q3; Q4 rolls into the new year.
    assert next_due("quarterly", date(2026, 4, 1)) == date(2026, 9, 30)
    assert next_due("quarterly", date(2026, 11, 5)) == date(2027, 3, 31)


def test_monthly_across_february_yearly_and_once():
    assert next_due("monthly", date(2026, 1, 15)) == date(2026, 2, 28)
    assert next_due("monthly", date(2028, 1, 31)) == date(2028, 2, 29)  # leap year
    assert next_due("monthly", date(2026, 12, 3)) == date(2027, 1, 31)
    assert next_due("yearly", date(2026, 5, 1)) == date(2027, 12, 31)
    assert next_due("once", date(2026, 5, 1)) is None
    assert state(None, date(2026, 5, 1), date(2030, 1, 1), True) == "ok"  # a one-off done is never late
    assert first_due("monthly", date(2026, 2, 10)) == date(2026, 2, 28)
    assert first_due("quarterly", date(2026, 2, 10)) == date(2026, 3, 31)
    assert first_due("yearly", date(2026, 2, 10)) == date(2026, 12, 31)
    assert first_due("once", date(2026, 2, 10)) == date(2026, 3, 12)
    assert label("quarterly", date(2026, 3, 28)) == "2026年第1季度"
    assert label("monthly", date(2026, 3, 28)) == "2026年3月"
    assert label("yearly", date(2026, 3, 28)) == "2026年"
    assert [PERIOD_TEXT[p] for p in PERIODS] == ["一次性", "每月", "每季度", "每年"]


def test_a_done_record_without_a_sign_off_is_unsigned_until_a_supervisor_signs():
    due = date(2026, 6, 30)
    assert state(due, date(2026, 3, 28), date(2026, 4, 1), False) == "unsigned"
    assert state(due, date(2026, 3, 28), date(2026, 4, 1), True) == "ok"
    assert state(due, None, date(2026, 4, 1), None) == "ok"  # never done, not yet due
    assert state(due, date(2026, 3, 28), date(2026, 7, 2), False) == "overdue"  # lateness first


# ---- the world ----


@dataclass
class World:
    db: Database
    a: int
    b: int


def _staff(session, login, name, roles, accounts=None) -> None:
    session.add(Staff(login=login, name=name, roles="|" + "|".join(roles) + "|", accounts=accounts, seq=0))


@pytest.fixture
def w(tmp_path) -> World:
    db = open_database(f"sqlite:///{tmp_path / 'hub.db'}")
    with db.session() as session:
        a = Account(appid=APP_A, name="某县发布", safe_mode=True, original_id="gh_0123456789ab", seq=0)
        b = Account(appid=APP_B, name="某县人社", safe_mode=False, original_id=None, seq=0)
        session.add_all([a, b])
        _staff(session, "wangfang", "王芳", ["operator"], [APP_A])
        _staff(session, "zhaoli", "赵丽", ["operator"], [APP_B])
        _staff(session, "liqiang", "李强", ["supervisor"], [APP_A])
        _staff(session, "liuyang", "刘洋", ["operator", "supervisor"], None)
        _staff(session, "chengang", "陈刚", ["administrator"], None)
        session.flush()
        world = World(db, a.id, b.id)
    yield world
    db.dispose()


def staff(session, login) -> Staff:
    return session.scalar(select(Staff).where(Staff.login == login))


def run(w: World, kind: str, args: dict, login: str, now: datetime = NOW) -> dict:
    with w.db.session() as session:
        return apply(session, kind, args, staff(session, login), now)


def refused(w: World, kind: str, args: dict, login: str, now: datetime = NOW) -> ChecklistRefused:
    with pytest.raises(ChecklistRefused) as caught:
        run(w, kind, args, login, now)
    return caught.value


def forbidden_by_path(w: World, kind: str, args: dict, login: str) -> bool:
    """Whether the one command path refuses this colleague (403): role and account are declared with
    the kind (console.checklist.kinds), not checked by the checklist's handlers."""
    from console.command_path import apply
    from console.inbox.presence import PresenceBoard
    from console.staff.access import Seat

    with w.db.session() as session:
        seat = Seat.of(staff(session, login))
    outcome = apply(w.db, PresenceBoard(), uuid.uuid4().hex, kind, 0, args, seat, NOW)
    return outcome.status == 403


def item_id(w: World, key: str, account: int | None = None) -> int:
    with w.db.session() as session:
        return session.scalar(
            select(ChecklistItem.id).where(ChecklistItem.key == key, ChecklistItem.account_id == (account or w.a))
        )


def item(w: World, ident: int) -> ChecklistItem:
    with w.db.session() as session:
        return session.get(ChecklistItem, ident)


def records_of(w: World, ident: int) -> list[ChecklistRecord]:
    with w.db.session() as session:
        return list(session.scalars(select(ChecklistRecord).where(ChecklistRecord.item_id == ident)))


def installed(w: World, appid: str = APP_A, now: datetime = NOW) -> None:
    assert run(w, "checklist_install", {"account": appid}, "chengang", now)["installed"] == 12


# ---- the default list ----


def test_the_shipped_list_is_valid_and_names_what_offices_are_asked_for():
    defaults = load_defaults(shipped_file())
    assert len(defaults) == 12
    by_key = {d.key: d for d in defaults}
    assert len(by_key) == 12
    autos = {d.auto: d.period for d in defaults if d.auto}
    assert autos == {"secrets": "yearly", "safe_mode": "quarterly", "backup": "monthly", "channel": "monthly"}
    assert set(autos) == set(AUTO_CHECKS)
    titles = [d.title for d in defaults]
    assert "群发保护已开启" in titles and "离职人员权限清理" in titles
    # What is checked in 微信公众平台 says where to look there.
    platform = {"operator_binding", "leaver_access", "app_secret", "ip_whitelist", "mass_send_protection"}
    platform |= {"login_protection", "https_safe_mode", "subject_register"}
    assert all("“设置" in by_key[key].how for key in platform)


def test_install_is_idempotent_and_keeps_an_item_the_office_retired(w):
    installed(w)
    first = item(w, item_id(w, "operator_binding"))
    assert first.due_on == date(2026, 3, 31) and first.period == "quarterly"  # end of the current quarter
    assert item(w, item_id(w, "backup")).due_on == date(2026, 3, 31)  # monthly: end of March
    assert item(w, item_id(w, "app_secret")).auto == "secrets"
    run(w, "checklist_item_archive", {"item_id": item_id(w, "ip_whitelist")}, "chengang")
    assert run(w, "checklist_install", {"account": APP_A}, "chengang")["installed"] == 0
    with w.db.session() as session:
        assert session.query(ChecklistItem).filter_by(account_id=w.a).count() == 12
        assert session.get(ChecklistItem, item_id(w, "ip_whitelist")).archived
        # Each install and change is on the audit log.
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["checklist_change"] * 3


def test_only_an_administrator_installs_or_changes_the_list(w):
    assert forbidden_by_path(w, "checklist_install", {"account": APP_A}, "liqiang")
    assert forbidden_by_path(w, "checklist_item_save", {"account": APP_A, "title": "x", "period": "yearly"}, "wangfang")
    assert "没有公众号" in str(refused(w, "checklist_install", {"account": "wxnope"}, "chengang"))


def test_the_office_own_list_wins_and_a_broken_file_names_the_item(w):
    own = office_file()
    own.write_text(
        json.dumps(
            [
                {
                    "key": "seal",
                    "title": "公章与账号材料保管",
                    "period": "yearly",
                    "how": "核对保管登记簿。",
                    "auto": None,
                }
            ]
        ),
        encoding="utf-8",
    )
    assert load_defaults() == [DefaultItem("seal", "公章与账号材料保管", "yearly", "核对保管登记簿。", None)]
    assert run(w, "checklist_install", {"account": APP_B}, "chengang")["installed"] == 1

    own.write_text(
        json.dumps({"items": [{"key": "seal", "title": "公章保管", "period": "weekly", "how": "看一看。"}]}),
        encoding="utf-8",
    )
    with pytest.raises(ChecklistFileError) as caught:
        load_defaults()
    assert "第 1 项“公章保管”" in str(caught.value) and "period" in str(caught.value)
    # Through the command the same words come back, and nothing is half installed.
    message = str(refused(w, "checklist_install", {"account": APP_A}, "chengang"))
    assert "公章保管" in message
    with w.db.session() as session:
        assert session.query(ChecklistItem).filter_by(account_id=w.a).count() == 0

    own.write_text('{"items": [\n  {"key": "a",}\n]}', encoding="utf-8")
    with pytest.raises(ChecklistFileError, match="第 2 行"):
        load_defaults()
    own.write_text(json.dumps([{"key": "x", "title": "某项", "period": "yearly", "how": "…", "auto": "magic"}]))
    with pytest.raises(ChecklistFileError, match="“某项”.*magic"):
        load_defaults()
    own.write_text(json.dumps([{"key": "x", "title": "某项", "period": "yearly", "how": ""}]))
    with pytest.raises(ChecklistFileError, match="how"):
        load_defaults()


def test_install_function_takes_the_defaults_given(w):
    with w.db.session() as session:
        account = session.get(Account, w.b)
        mine = [DefaultItem("k1", "一项", "once", "做一次。", None)]
        assert install(session, account, date(2026, 3, 1), "陈刚", mine) == 1
        assert install(session, account, date(2026, 3, 1), "陈刚", mine) == 0
        row = session.scalar(select(ChecklistItem).where(ChecklistItem.account_id == w.b))
        assert row.due_on == date(2026, 3, 31) and row.seq > 0


# ---- desks mark items done; supervisors sign off ----


def test_done_records_the_evidence_and_rolls_the_due_date(w):
    installed(w)
    ident = item_id(w, "operator_binding")
    seq_before = item(w, ident).seq
    files = [{"kind": "file", "ref": f"evidence:{SHA}", "name": "人员设置截图.png"}]
    answer = run(
        w, "checklist_done", {"item_id": ident, "note": "已核对 3 名运营者，均在岗。", "evidence": files}, "wangfang"
    )
    assert answer["due_on"] == "2026-06-30"
    row = item(w, ident)
    assert row.last_done_on == date(2026, 3, 28) and row.due_on == date(2026, 6, 30) and row.seq > seq_before
    [entry] = records_of(w, ident)
    assert entry.done_by == "王芳" and entry.evidence == files and entry.signed_off_by is None and entry.seq > 0
    with w.db.session() as session:
        [shown] = [r for r in views.items(session, date(2026, 3, 28), APP_A) if r.id == ident]
        assert shown.state == "unsigned" and shown.state_text == "待签核" and shown.last_record.id == entry.id
        # On 1 July, nobody having checked Q2, it is overdue.
        [late] = [r for r in views.items(session, date(2026, 7, 1), APP_A) if r.id == ident]
        assert late.state == "overdue"
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "checklist_done")).one()
        assert audit.actor == "wangfang" and audit.detail["after"]["files"] == ["人员设置截图.png"]

    # A file alone is enough; an earlier date, written up late, keeps the due date where it is.
    run(w, "checklist_done", {"item_id": ident, "evidence": files, "done_on": "2026-03-01"}, "liuyang")
    assert item(w, ident).due_on == date(2026, 6, 30) and len(records_of(w, ident)) == 2


def test_done_is_refused_without_proof_in_the_future_for_others_and_for_an_archived_item(w):
    installed(w)
    ident = item_id(w, "login_protection")
    assert "佐证材料" in str(refused(w, "checklist_done", {"item_id": ident, "note": "  "}, "wangfang"))
    assert "晚于今天" in str(
        refused(w, "checklist_done", {"item_id": ident, "note": "好", "done_on": "2026-03-29"}, "wangfang")
    )
    assert "格式不对" in str(
        refused(w, "checklist_done", {"item_id": ident, "note": "好", "done_on": "3月"}, "wangfang")
    )
    # A desk cannot pass off its own claim as the console's check, nor attach a file never uploaded.
    forged = [{"kind": "auto", "check": "secrets", "result": {"stored": True}}]
    assert refused(w, "checklist_done", {"item_id": ident, "evidence": forged}, "wangfang")
    not_uploaded = [{"kind": "file", "ref": "C:/截图.png", "name": "截图.png"}]
    assert refused(w, "checklist_done", {"item_id": ident, "evidence": not_uploaded}, "wangfang")
    # Someone who does not work on this account may not.
    assert forbidden_by_path(w, "checklist_done", {"item_id": ident, "note": "已查"}, "zhaoli")
    run(w, "checklist_item_archive", {"item_id": ident}, "chengang")
    assert "已停用" in str(refused(w, "checklist_done", {"item_id": ident, "note": "已查"}, "wangfang"))
    assert records_of(w, ident) == []
    assert "找不到" in str(refused(w, "checklist_done", {"item_id": 9999, "note": "已查"}, "wangfang"))


def test_sign_off_by_a_supervisor_who_did_not_do_it(w):
    installed(w)
    ident = item_id(w, "leaver_access")
    record_id = run(w, "checklist_done", {"item_id": ident, "note": "本季度无人员变动。"}, "liuyang")["record_id"]
    doer = refused(w, "checklist_signoff", {"record_id": record_id}, "liuyang")  # a supervisor, but the doer
    assert doer.forbidden and "自己" in str(doer)
    assert forbidden_by_path(w, "checklist_signoff", {"record_id": record_id}, "wangfang")  # an operator
    answer = run(w, "checklist_signoff", {"record_id": record_id}, "liqiang", NOW + timedelta(hours=1))
    assert answer["signed_off_by"] == "李强"
    [entry] = records_of(w, ident)
    assert entry.signed_off_by == "李强" and entry.signed_off_at == NOW + timedelta(hours=1)
    assert "已由李强签核" in str(refused(w, "checklist_signoff", {"record_id": record_id}, "chengang"))
    with w.db.session() as session:
        [shown] = [r for r in views.items(session, date(2026, 4, 1), APP_A) if r.id == ident]
        assert shown.state == "ok" and shown.last_record.signed_off_by == "李强"
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[-2:] == ["checklist_done", "checklist_signoff"]


def test_an_administrator_adds_edits_and_archives_an_office_item(w):
    answer = run(
        w,
        "checklist_item_save",
        {
            "account": APP_B,
            "title": "办事指南链接季度核对",
            "period": "quarterly",
            "owner": "赵丽",
            "how": "逐条点开菜单链接。",
        },
        "chengang",
    )
    ident = answer["item_id"]
    row = item(w, ident)
    assert (row.key, row.auto, row.due_on, row.owner) == ("", None, date(2026, 3, 31), "赵丽")
    run(w, "checklist_done", {"item_id": ident, "note": "链接均可打开。"}, "zhaoli")
    # The period changes: the due date follows from the last time it was done.
    run(
        w,
        "checklist_item_save",
        {"item_id": ident, "account": APP_B, "title": "办事指南链接核对", "period": "monthly"},
        "chengang",
    )
    assert item(w, ident).due_on == date(2026, 4, 30)
    run(
        w,
        "checklist_item_save",
        {"item_id": ident, "account": APP_B, "title": "办事指南链接核对", "period": "monthly", "due_on": "2026-04-15"},
        "chengang",
    )
    assert item(w, ident).due_on == date(2026, 4, 15)
    moved = {"item_id": ident, "account": APP_A, "title": "x", "period": "monthly"}
    assert "另一个公众号" in str(refused(w, "checklist_item_save", moved, "chengang"))
    assert "周期" in str(
        refused(w, "checklist_item_save", {"account": APP_B, "title": "x", "period": "weekly"}, "chengang")
    )
    run(w, "checklist_item_archive", {"item_id": ident}, "chengang")
    with w.db.session() as session:
        assert views.items(session, date(2026, 4, 1), APP_B) == []
        assert len(views.items(session, date(2026, 4, 1), APP_B, archived=True)) == 1
    assert set(CHECKLIST_KINDS) == {
        "checklist_done",
        "checklist_signoff",
        "checklist_item_save",
        "checklist_item_archive",
        "checklist_install",
    }


# ---- the console's own checks ----


def _vault(with_a: bool) -> Vault:
    vault = Vault(MemoryKeyring())
    if with_a:
        vault.put(APP_A, AccountSecrets(SECRET, TOKEN, AES_KEY))
    return vault


def _self_check(w, vault, backup_dir, now=NOW):
    with w.db.session() as session:
        return {(o.appid, o.check): o for o in run_self_checks(session, vault, backup_dir, now)}


def test_safe_mode_and_secrets_are_marked_from_the_console_own_evidence_once_per_period(w, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    installed(w, APP_A)
    installed(w, APP_B)
    outcomes = _self_check(w, _vault(with_a=True), tmp_path / "no-backups")

    safe_a, safe_b = outcomes[(APP_A, "safe_mode")], outcomes[(APP_B, "safe_mode")]
    assert safe_a.passed and safe_a.recorded and safe_a.period_label == "2026年第1季度"
    assert not safe_b.passed and not safe_b.recorded
    assert "安全模式" in safe_b.reason and "原始ID" in safe_b.reason
    secrets_a, secrets_b = outcomes[(APP_A, "secrets")], outcomes[(APP_B, "secrets")]
    assert secrets_a.passed and secrets_a.recorded
    assert secrets_b.reason == "密钥库中没有该公众号的 AppSecret，请管理员在设置中录入。"

    ident = item_id(w, "https_safe_mode")
    [entry] = records_of(w, ident)
    assert entry.done_by == SYSTEM_DOER and entry.signed_off_by is None and entry.done_on == date(2026, 3, 28)
    [evidence] = entry.evidence
    assert evidence["kind"] == "auto" and evidence["check"] == "safe_mode"
    assert evidence["result"] == {"safe_mode": True, "original_id_set": True}
    assert item(w, ident).due_on == date(2026, 6, 30)
    [secret_entry] = records_of(w, item_id(w, "app_secret"))
    assert secret_entry.evidence[0]["result"] == {"stored": True, "backend": "MemoryKeyring"}
    assert item(w, item_id(w, "app_secret")).due_on == date(2027, 12, 31)
    assert records_of(w, item_id(w, "app_secret", w.b)) == []  # a failure records nothing

    # A second run in the same quarter adds nothing; the next quarter's run records again.
    again = _self_check(w, _vault(with_a=True), tmp_path / "no-backups", NOW + timedelta(days=2))
    assert again[(APP_A, "safe_mode")].passed and not again[(APP_A, "safe_mode")].recorded
    assert len(records_of(w, ident)) == 1
    later = _self_check(w, _vault(with_a=True), tmp_path / "no-backups", datetime(2026, 4, 10, 2))
    assert later[(APP_A, "safe_mode")].recorded and len(records_of(w, ident)) == 2
    assert item(w, ident).due_on == date(2026, 9, 30)
    assert not later[(APP_A, "secrets")].recorded  # yearly: already done in 2026

    with w.db.session() as session:
        audits = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "checklist_auto")))
        assert len(audits) == 3 and {a.actor for a in audits} == {"system"}
        stored = [json.dumps(r.evidence, ensure_ascii=False) + r.note for r in session.scalars(select(ChecklistRecord))]
        stored += [json.dumps(a.detail, ensure_ascii=False) for a in session.scalars(select(AuditEntry))]
    shown = [o.reason + json.dumps(o.result) for o in [*outcomes.values(), *again.values(), *later.values()]]
    for secret in (SECRET, TOKEN, AES_KEY):
        assert all(secret not in text for text in stored + shown + [caplog.text]), secret
    database = (tmp_path / "hub.db").read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("hub.db-*"))
    assert all(secret.encode() not in database for secret in (SECRET, TOKEN, AES_KEY))


def test_the_backup_item_passes_with_a_real_recent_backup_and_fails_on_an_empty_folder(w, tmp_path):
    installed(w)
    empty = tmp_path / "empty"
    empty.mkdir()
    failed = _self_check(w, None, empty)[(APP_A, "backup")]
    assert not failed.passed and "没有备份" in failed.reason and "wxconsole backup" in failed.reason
    assert records_of(w, item_id(w, "backup")) == []

    folder = tmp_path / "backups"
    made = make_backup(w.db, folder, NOW - timedelta(days=3))
    passed = _self_check(w, None, folder)[(APP_A, "backup")]
    assert passed.passed and passed.recorded
    [entry] = records_of(w, item_id(w, "backup"))
    result = entry.evidence[0]["result"]
    assert result == {"found": True, "file": made.name, "size": made.stat().st_size, "age_days": 3}
    assert item(w, item_id(w, "backup")).due_on == date(2026, 4, 30)

    # Without a vault (a desk), the secrets check says where to run it, and records nothing.
    assert "服务端" in _self_check(w, None, folder)[(APP_A, "secrets")].reason

    # Forty days on, in May, the same backup is too old.
    stale = _self_check(w, None, folder, NOW + timedelta(days=37))[(APP_A, "backup")]
    assert not stale.passed and "40 天前" in stale.reason


def test_the_channel_item_needs_a_recent_follower_message_and_both_kinds_of_rule(w, tmp_path):
    installed(w)
    first = _self_check(w, None, tmp_path)[(APP_A, "channel")]
    assert not first.passed
    assert "近 7 天没有收到粉丝留言" in first.reason and "关键词" in first.reason and "兜底" in first.reason
    with w.db.session() as session:
        follower = Follower(account_id=w.a, openid="oA0000000000000000000001", seq=0)
        session.add(follower)
        session.flush()
        conversation = Conversation(account_id=w.a, follower_id=follower.id, status="new", seq=0)
        session.add(conversation)
        session.flush()
        session.add(
            Message(
                account_id=w.a,
                conversation_id=conversation.id,
                follower_id=follower.id,
                direction=Direction.INBOUND.value,
                msg_type="text",
                content="社保卡怎么补办？",
                created_at=NOW - timedelta(days=2),
                seq=0,
            )
        )
        reply = {"kind": "text", "text": "社保卡补办请携带身份证到县政务服务中心人社窗口办理。"}
        session.add(ReplyRule(account_id=w.a, name="社保卡", kind="keyword", keywords=["社保卡"], reply=reply, seq=0))
        session.add(
            ReplyRule(account_id=w.a, name="兜底", kind="fallback", keywords=[], reply=reply, enabled=False, seq=0)
        )
    still = _self_check(w, None, tmp_path)[(APP_A, "channel")]
    assert not still.passed and still.reason.startswith("没有启用的兜底回复")
    with w.db.session() as session:
        session.scalar(select(ReplyRule).where(ReplyRule.kind == "fallback")).enabled = True
    passed = _self_check(w, None, tmp_path)[(APP_A, "channel")]
    assert passed.passed and passed.recorded
    assert passed.result["keyword_rules"] == 1 and passed.result["fallback_rules"] == 1


# ---- backups ----


def test_make_backup_writes_a_readable_copy_and_keeps_the_newest(w, tmp_path):
    with w.db.session() as session:
        session.add(Account(appid="wxcccc0000cccc0000", name="某县医保", seq=0))
    folder = tmp_path / "backups"
    path = make_backup(w.db.url, folder, NOW)
    assert path.name == "wxconsole-20260328-100000.db"  # China time in the name
    copy = sqlite3.connect(path)
    try:
        names = {row[0] for row in copy.execute("select name from account")}
        assert names == {"某县发布", "某县人社", "某县医保"}
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    finally:
        copy.close()
    assert latest_backup(folder) == (path, NOW)
    for month in range(1, KEEP + 3):
        make_backup(w.db, folder, NOW + timedelta(days=31 * month))
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) == KEEP and path.name not in kept and not any(p.startswith(".") for p in kept)
    assert latest_backup(folder)[1] == NOW + timedelta(days=31 * (KEEP + 2))
    assert latest_backup(tmp_path / "missing") is None


def test_the_backup_command(w, tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="wxconsole")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["backup", "--db", w.db.url, "--to", str(tmp_path / "out")])
    assert args.func(args) == 0
    assert "已备份到" in capsys.readouterr().out
    assert latest_backup(tmp_path / "out") is not None
    args = parser.parse_args(["backup", "--db", "postgresql://hub@localhost/wx", "--to", str(tmp_path / "out")])
    assert args.func(args) == 2
    assert "pg_dump" in capsys.readouterr().err


# ---- views ----


def test_views_list_overdue_first_and_the_records_of_a_quarter(w):
    installed(w, APP_A)
    installed(w, APP_B)
    ident = item_id(w, "operator_binding")
    run(w, "checklist_done", {"item_id": ident, "note": "已核对。"}, "wangfang")
    with w.db.session() as session:
        today = date(2026, 4, 2)  # everything first due 31 March is overdue but the one done
        rows = views.items(session, today)
        assert len(rows) == 24
        overdue = [r for r in rows if r.state == "overdue"]
        assert rows[: len(overdue)] == overdue and ident not in {r.id for r in overdue}
        # Per account: 3 quarterly and 2 monthly items were due by 31 March; the 7 yearly ones by December.
        assert views.overdue_count(session, today) == len(overdue) == 9
        assert views.overdue_count(session, today, APP_A) == 4 and views.overdue_count(session, today, APP_B) == 5
        assert [r.due_on for r in rows[len(overdue) :]] == sorted(r.due_on for r in rows[len(overdue) :])
        [done] = views.records(session, ident)
        assert (done.done_by, done.note, done.appid, done.item_title) == (
            "王芳",
            "已核对。",
            APP_A,
            "管理员和运营者微信绑定复核",
        )
        quarter = views.records_between(session, date(2026, 1, 1), date(2026, 3, 31))
        assert [r.id for r in quarter] == [done.id]
        assert views.records_between(session, date(2026, 1, 1), date(2026, 3, 31), APP_B) == []
        assert views.records_between(session, date(2026, 4, 1), date(2026, 6, 30)) == []
