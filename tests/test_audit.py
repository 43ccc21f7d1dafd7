"""The operation log: every entry chained to the one before by its hash, so an edit, a deletion (in the
middle or at the end) or a renumbering is found by `verify` and named by its id; secrets never reach
the log nor an export; concurrent writers still leave one unbroken chain."""

from __future__ import annotations

import csv
import json
import threading
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text

from console.audit.chain import GENESIS, describe, entries, record, verify
from console.audit.export import ExportError, export_log
from console.cli import main
from console.store.database import open_database
from console.store.models import AuditEntry, SyncCounter


@pytest.fixture
def hub(tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    db = open_database(url)
    yield url, db
    db.dispose()


def fill(db, n=5):
    for i in range(1, n + 1):
        with db.session() as session:
            record(session, "li", "approve", f"reply:{i}", before={"state": "pending"}, after={"state": "approved"})


def raw(db, sql, **params):
    with db.engine.begin() as conn:
        conn.execute(text(sql), params)


def test_entries_chain_and_verify(hub):
    _url, db = hub
    with db.session() as session:
        assert verify(session).ok  # first run: nothing yet, counter absent
        first = record(session, "li", "sign_in")
        second = record(session, "li", "approve", "reply:12", before=None, after={"state": "approved"}, note="好")
    assert (first.id, second.id) == (1, 2)
    assert first.prev_hash == GENESIS and second.prev_hash == first.hash
    assert second.detail == {"after": {"state": "approved"}, "note": "好"}  # None values left out
    with db.session() as session:
        verdict = verify(session)
        assert session.scalar(select(SyncCounter.value).where(SyncCounter.name == "audit")) == 2
        newest = entries(session)
    assert verdict.ok and verdict.checked == 2 and verdict.first_broken is None
    assert verdict.reason == "操作日志完整：共 2 条，哈希链校验通过。"
    assert [e.id for e in newest] == [2, 1]


def test_entries_filters_and_pages(hub):
    _url, db = hub
    fill(db, 5)
    with db.session() as session:
        record(session, "wang", "sign_in")
    with db.session() as session:
        assert [e.id for e in entries(session, limit=2)] == [6, 5]
        assert [e.id for e in entries(session, limit=2, before_id=5)] == [4, 3]
        assert [e.id for e in entries(session, action="sign_in")] == [6]
        assert len(entries(session, actor="li")) == 5


def test_describe_in_chinese_beijing_time(hub):
    _url, db = hub
    with db.session() as session:
        approve = record(session, "李强", "approve", "reply:12", at=datetime(2026, 11, 26, 9, 5))
        unknown = record(session, "system", "reindex", "", at=datetime(2026, 11, 26, 9, 5))
        sign_in = record(session, "李强", "sign_in", at=datetime(2026, 11, 26, 9, 5))
    assert describe(approve) == "2026-11-26 17:05 李强 通过了回复 #12"
    assert describe(unknown) == "2026-11-26 17:05 系统 reindex"
    assert describe(sign_in) == "2026-11-26 17:05 李强 登录了工作台"


def test_edited_detail_is_named(hub):
    _url, db = hub
    fill(db, 5)
    raw(db, "UPDATE audit_entry SET detail = :d WHERE id = 3", d=json.dumps({"after": {"state": "returned"}}))
    with db.session() as session:
        verdict = verify(session)
    assert not verdict.ok and verdict.first_broken == 3 and verdict.checked == 2
    assert verdict.reason == "第 3 条记录的内容被改动过（哈希不符）"


@pytest.mark.parametrize(
    ("column", "value"),
    [("actor", "wang"), ("at", "2026-01-01 00:00:00.000000"), ("action", "send_back"), ("target", "reply:99")],
)
def test_changed_field_is_caught(hub, column, value):
    _url, db = hub
    fill(db, 4)
    raw(db, f"UPDATE audit_entry SET {column} = :v WHERE id = 2", v=value)
    with db.session() as session:
        verdict = verify(session)
    assert not verdict.ok and verdict.first_broken == 2
    assert "第 2 条记录的内容被改动过" in verdict.reason


def test_middle_deletion_names_the_next_entry(hub):
    _url, db = hub
    fill(db, 5)
    raw(db, "DELETE FROM audit_entry WHERE id = 3")
    with db.session() as session:
        verdict = verify(session)
    assert not verdict.ok and verdict.first_broken == 4
    assert verdict.reason == "第 4 条之前的记录被删除（第 3 条缺失）"


def test_deletion_and_renumbering_is_caught(hub):
    _url, db = hub
    fill(db, 5)
    raw(db, "DELETE FROM audit_entry WHERE id = 3")
    raw(db, "UPDATE audit_entry SET id = id - 1 WHERE id > 3")
    raw(db, "UPDATE sync_counter SET value = 4 WHERE name = 'audit'")
    with db.session() as session:
        verdict = verify(session)
    assert not verdict.ok and verdict.first_broken == 3


def test_relinked_entry_is_caught(hub):
    """An edited entry whose hash was recomputed still breaks the link to the next one."""
    from console.audit.chain import entry_hash

    _url, db = hub
    fill(db, 4)
    with db.session() as session:
        entry = session.get(AuditEntry, 2)
        assert entry is not None
        entry.actor = "wang"
        entry.hash = entry_hash(2, entry.at, "wang", entry.action, entry.target, entry.detail, entry.prev_hash)
    with db.session() as session:
        verdict = verify(session)
    assert not verdict.ok and verdict.first_broken == 3
    assert verdict.reason == "第 3 条记录与前一条没有衔接（前一条的哈希不符）"


def test_deleted_last_entry_is_caught_by_the_count(hub):
    _url, db = hub
    fill(db, 5)
    raw(db, "DELETE FROM audit_entry WHERE id = 5")
    with db.session() as session:
        verdict = verify(session)
    assert not verdict.ok and verdict.checked == 4 and verdict.first_broken == 5
    assert verdict.reason == "记录少了 1 条（最后一条被删除）"


def test_secrets_never_stored_nor_exported(hub, tmp_path):
    _url, db = hub
    with db.session() as session:
        record(
            session,
            "admin",
            "secret_change",
            "account:wx1111aaaa2222bbbb",
            before={"app_secret": "0ldS3cr3t", "name": "某县发布"},
            after={"app_secret": "S3cr3t", "Token": "T0k3n", "nested": [{"EncodingAESKey": "A3sK3y"}]},
            password="P4ssw0rd",
        )
    with db.engine.connect() as conn:
        stored = conn.execute(text("SELECT detail FROM audit_entry")).scalar_one()
    for secret in ("S3cr3t", "T0k3n", "A3sK3y", "P4ssw0rd"):
        assert secret not in stored
    detail = json.loads(stored)
    assert detail["after"]["app_secret"] == "***" and detail["password"] == "***"  # the key stays: it changed
    assert detail["before"]["name"] == "某县发布"
    with db.session() as session:
        rows = entries(session)
        assert verify(session).ok
    xlsx, csv_path = tmp_path / "log.xlsx", tmp_path / "log.csv"
    export_log(rows, xlsx)
    export_log(rows, csv_path)
    book = load_workbook(xlsx)
    sheet = book["操作日志"]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row]
    assert cells[:7] == ["编号", "时间（北京时间）", "操作人", "操作", "对象", "详情", "哈希"]
    raw_csv = csv_path.read_bytes()
    assert raw_csv.startswith(b"\xef\xbb\xbf")
    for secret in ("S3cr3t", "T0k3n", "A3sK3y", "P4ssw0rd"):
        assert all(secret not in cell for cell in cells)
        assert secret.encode() not in raw_csv
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][0] == "编号" and lines[1][2] == "admin" and "某县发布" in lines[1][5]


def test_export_refuses_other_suffixes(tmp_path):
    with pytest.raises(ExportError):
        export_log([], tmp_path / "log.xls")


def test_cli_verify_list_export(hub, tmp_path, capsys):
    url, db = hub
    assert main(["audit", "verify", "--db", url]) == 0  # empty log
    fill(db, 3)
    assert main(["audit", "verify", "--db", url]) == 0
    assert "操作日志完整：共 3 条，哈希链校验通过。" in capsys.readouterr().out

    assert main(["audit", "list", "--db", url, "--json", "--limit", "2"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in listed] == [3, 2]
    assert main(["audit", "list", "--db", url]) == 0
    assert "通过了回复 #3" in capsys.readouterr().out

    out = tmp_path / "audit.xlsx"
    assert main(["audit", "export", "--db", url, "--out", str(out)]) == 0
    assert "已导出 3 条" in capsys.readouterr().out
    assert load_workbook(out)["操作日志"].max_row == 4
    with db.session() as session:
        assert entries(session, limit=1)[0].action == "export"  # the export is itself recorded

    raw(db, "UPDATE audit_entry SET actor = 'wang' WHERE id = 2")
    assert main(["audit", "verify", "--db", url]) == 1
    printed = capsys.readouterr().out
    assert "第 2 条记录的内容被改动过（哈希不符）" in printed
    assert "第 2 条：" in printed and "wang" in printed and "approve" in printed


def test_concurrent_appends_keep_one_chain(hub):
    _url, db = hub
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(name):
        try:
            start.wait()
            for i in range(50):
                with db.session() as session:
                    record(session, name, "send", f"conversation:{i}", after={"n": i})
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("li", "wang")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with db.session() as session:
        verdict = verify(session)
        ids = [e.id for e in entries(session, limit=None)]
    assert verdict.ok and verdict.checked == 100
    assert ids == list(range(100, 0, -1))
