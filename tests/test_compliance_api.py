"""The security checklist, the account register, the inspection panel and the quarterly report through
the real hub: an administrator installs the default checklist, an operator records a check with a file
as evidence, a supervisor (never the doer) signs it off, the hub marks the items it can check itself
from its own evidence, and the panel and the report come from the hub with no secret in them."""

from __future__ import annotations

import hashlib
import io
import subprocess
import uuid
from datetime import timedelta

import openpyxl
import pytest
import requests
from sqlalchemy import select

from console.checklist.self_checks import run_self_checks
from console.store.database import next_seq
from console.store.models import Account, AuditEntry, ChecklistItem, ChecklistRecord, Role
from console.workcal.hours import china_today
from tests.conftest import SAFE_APPID

OPERATOR = ("wangfang", "王芳", (Role.OPERATOR,))
SUPERVISOR = ("liqiang", "李强", (Role.OPERATOR, Role.SUPERVISOR))
ADMIN = ("admin1", "管理员", (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR))


def command(world, who, kind, args):
    return requests.post(
        f"{world.hub_url}/api/commands",
        json={"command_id": uuid.uuid4().hex, "kind": kind, "conversation_id": 0, "args": args},
        headers=world.auth(*who),
        timeout=30,
    )


@pytest.fixture
def installed(world):
    for who in (OPERATOR, SUPERVISOR, ADMIN):
        world.staff(*who)
    answer = command(world, ADMIN, "checklist_install", {"account": SAFE_APPID})
    assert answer.status_code == 200, answer.text
    assert answer.json()["result"]["installed"] >= 10
    with world.hub.db.session() as session:
        return {item.key: item.id for item in session.scalars(select(ChecklistItem))}


def test_a_check_with_evidence_is_signed_off_by_a_supervisor_not_the_doer(world, installed):
    refused = command(world, OPERATOR, "checklist_install", {"account": SAFE_APPID})
    assert refused.status_code == 403
    proof = "管理员绑定截图：共 2 名管理员，均为在岗人员。".encode()
    sha = hashlib.sha256(proof).hexdigest()
    put = requests.put(
        f"{world.hub_url}/api/evidence/{sha}",
        params={"name": "绑定复核.txt"},
        data=proof,
        headers=world.auth(*OPERATOR),
        timeout=30,
    )
    assert put.status_code == 200, put.text
    item_id = next(i for key, i in installed.items() if "bind" in key or "admin" in key)
    done = command(
        world,
        OPERATOR,
        "checklist_done",
        {
            "item_id": item_id,
            "note": "已核对管理员和运营者绑定",
            "evidence": [{"kind": "file", "ref": f"evidence:{sha}", "name": "绑定复核.txt"}],
        },
    )
    assert done.status_code == 200, done.text
    record_id = done.json()["result"]["record_id"]
    assert command(world, OPERATOR, "checklist_signoff", {"record_id": record_id}).status_code == 403
    signed = command(world, SUPERVISOR, "checklist_signoff", {"record_id": record_id})
    assert signed.status_code == 200, signed.text
    with world.hub.db.session() as session:
        record = session.get(ChecklistRecord, record_id)
        assert record.signed_off_by == "李强" and record.evidence[0]["ref"] == f"evidence:{sha}"
        item = session.get(ChecklistItem, item_id)
        assert item.due_on is not None and item.due_on > china_today(world.hub.clock())
    fetched = requests.get(f"{world.hub_url}/api/evidence/{sha}", headers=world.auth(*SUPERVISOR), timeout=30)
    assert fetched.content == proof
    forged = requests.put(
        f"{world.hub_url}/api/evidence/{'0' * 64}",
        params={"name": "x.txt"},
        data=proof,
        headers=world.auth(*OPERATOR),
        timeout=30,
    )
    assert forged.status_code == 422


def test_the_hub_marks_what_it_can_check_itself_from_evidence(world, installed, tmp_path):
    with world.hub.db.session() as session:
        outcomes = run_self_checks(session, world.vault, tmp_path / "no-backups", world.hub.clock())
    by_check = {o.check: o for o in outcomes if o.appid == SAFE_APPID}
    assert by_check["safe_mode"].passed and by_check["secrets"].passed
    assert not by_check["backup"].passed and "备份" in by_check["backup"].reason
    with world.hub.db.session() as session:
        auto = session.scalars(select(ChecklistRecord).where(ChecklistRecord.done_by == "系统自检")).all()
        assert {r.evidence[0]["check"] for r in auto} >= {"safe_mode", "secrets"}
        secrets = world.vault.get(SAFE_APPID)
        blob = repr([r.evidence for r in auto]) + repr([e.detail for e in session.scalars(select(AuditEntry))])
    for value in (secrets.app_secret, secrets.token, secrets.aes_key):
        assert value not in blob


def test_the_register_is_kept_by_an_administrator(world):
    for who in (OPERATOR, ADMIN):
        world.staff(*who)
    entry = {"unit": "某县融媒体中心", "owner": "陈某", "opened_on": "2015-06-01", "frequency": "每周不少于3次"}
    assert command(world, OPERATOR, "register_save", {"account": SAFE_APPID, "register": entry}).status_code == 403
    bad_entry = {**entry, "opened_on": "去年"}
    bad = command(world, ADMIN, "register_save", {"account": SAFE_APPID, "register": bad_entry, "base_version": 1})
    assert bad.status_code == 422 and "开通日期" in bad.json()["error"]
    ok = command(world, ADMIN, "register_save", {"account": SAFE_APPID, "register": entry, "base_version": 1})
    assert ok.status_code == 200, ok.text
    with world.hub.db.session() as session:
        account = session.scalar(select(Account).where(Account.appid == SAFE_APPID))
        assert account.register["unit"] == "某县融媒体中心"


def test_panel_and_report_come_from_the_hub_without_secrets(world, installed, tmp_path):
    with world.hub.db.session() as session:  # one item long overdue
        item = session.get(ChecklistItem, next(iter(installed.values())))
        item.due_on = china_today(world.hub.clock()) - timedelta(days=40)
        item.seq = next_seq(session)
    panel = requests.get(f"{world.hub_url}/api/compliance", headers=world.auth(*OPERATOR), timeout=30)
    assert panel.status_code == 200, panel.text
    accounts = {entry["appid"]: entry for entry in panel.json()["panel"]}
    lines = {line["key"]: line for line in accounts[SAFE_APPID]["lines"]}
    assert lines["since_last_post"]["level"] == "alarm"  # nothing was ever published
    assert lines["checklist"]["level"] == "alarm" and lines["checklist"]["figure"] == 1
    assert all(line["rule"] and line["advice"] for line in lines.values() if line["level"] != "ok")
    quarter = f"{china_today(world.hub.clock()).year}Q{(china_today(world.hub.clock()).month - 1) // 3 + 1}"
    files = {}
    for fmt in ("pdf", "xlsx"):
        answer = requests.get(
            f"{world.hub_url}/api/reports/quarterly",
            params={"quarter": quarter, "format": fmt},
            headers=world.auth(*SUPERVISOR),
            timeout=120,
        )
        assert answer.status_code == 200, answer.text
        files[fmt] = answer.content
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert {"账号台账", "检查指标", "安全清单", "问题与整改"} <= set(book.sheetnames)
    cells = " ".join(
        str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None
    )
    pdf_path = tmp_path / "report.pdf"
    pdf_path.write_bytes(files["pdf"])
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    assert "某县发布" in text and "某县发布" in cells
    secrets = world.vault.get(SAFE_APPID)
    for value in (secrets.app_secret, secrets.token, secrets.aes_key):
        assert value not in text and value not in cells and value.encode() not in files["pdf"]
    with world.hub.db.session() as session:
        exports = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
    assert {e.target for e in exports} == {f"report:{quarter}"}
