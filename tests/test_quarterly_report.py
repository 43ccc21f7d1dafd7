"""The quarterly self-check report (自查报告): a real SQLite database, the shipped holiday table, the PDF
rendered by poppler (pdftoppm, pdftotext) and the workbook read back with openpyxl."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from console.compliance import cli as compliance_cli
from console.compliance import pdf as pdf_module
from console.compliance.pdf import SecretInReport
from console.compliance.register import clean_register
from console.compliance.report import quarterly_report
from console.secrets import AccountSecrets, Vault
from console.secrets.memory import MemoryKeyring
from console.store.database import open_database
from console.store.models import Account, ChecklistItem, ChecklistRecord, Post
from console.workcal.holidays import HolidayTable
from console.workcal.hours import OfficeHours, from_china

APPID = "wx1111aaaa2222bbbb"
OTHER = "wx3333cccc4444dddd"
TODAY = date(2026, 10, 20)
NOW = from_china(datetime(2026, 10, 20, 10, 0))
APP_SECRET = "f0e1d2c3b4a5968778695a4b3c2d1e0f"
TOKEN = "CountyToken2026"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
SECRETS = (APP_SECRET, TOKEN, AES_KEY)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None, reason="poppler-utils not installed"
)


def china(day: date, hour: int = 10) -> datetime:
    return from_china(datetime.combine(day, time(hour)))


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """Two accounts: 某县发布 (registered, last post 11 days ago, two security tasks overdue) and
    某县人社 (nothing published), with their secrets in a key store the report must never show."""
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    database = open_database(url)
    vault = Vault(MemoryKeyring())
    vault.put(APPID, AccountSecrets(APP_SECRET, TOKEN, AES_KEY))
    with database.session() as session:
        register = clean_register(
            {
                "unit": "某县融媒体中心",
                "owner": "刘主任",
                "owner_phone": "0910-1234567",
                "operators": ["张三", "李四"],
                "verified": "已认证（政府）",
                "opened_on": "2018-05-20",
                "frequency": "每周不少于3篇",
            }
        )
        main = Account(appid=APPID, name="某县发布", account_type="subscription", register=register)
        other = Account(appid=OTHER, name="某县人社", account_type="service")
        session.add_all([main, other])
        session.flush()
        session.add(
            Post(account_id=main.id, title="秋收进行时", state="published", published_at=china(date(2026, 10, 9)))
        )
        password = ChecklistItem(
            account_id=main.id, title="更换管理员密码", period="quarterly", owner="张三", due_on=date(2026, 10, 15)
        )
        training = ChecklistItem(
            account_id=main.id, title="年度安全培训", period="yearly", owner="刘主任", due_on=date(2026, 9, 1)
        )
        backup = ChecklistItem(account_id=other.id, title="备份素材", period="monthly", due_on=date(2026, 11, 1))
        session.add_all([password, training, backup])
        session.flush()
        session.add(
            ChecklistRecord(
                item_id=password.id,
                account_id=main.id,
                done_on=date(2026, 7, 14),
                done_by="张三",
                note="已更换密码，新密码由主任保管",
                evidence=[{"kind": "file", "ref": "sha256:abc", "name": "密码更换记录.jpg"}],
                signed_off_by="刘主任",
            )
        )
        session.add(
            ChecklistRecord(
                item_id=backup.id,
                account_id=other.id,
                done_on=date(2026, 10, 2),
                done_by="王五",
                evidence=[{"kind": "auto", "ref": "backup"}],
            )
        )
    database.dispose()
    return url


def make_report(db_url: str, out: Path, secrets=SECRETS) -> tuple[Path, Path]:
    database = open_database(db_url)
    try:
        with database.session() as session:
            return quarterly_report(session, "2026Q4", out, HolidayTable.load(), OfficeHours(), NOW, secrets)
    finally:
        database.dispose()


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def sheet_rows(path: Path, title: str) -> list[tuple]:
    book = load_workbook(path)
    return list(book[title].iter_rows(values_only=True))


def test_excel_holds_the_four_sheets_and_the_figures(db_url, tmp_path):
    pdf, xlsx = make_report(db_url, tmp_path / "out")
    assert (pdf.name, xlsx.name) == ("自查报告-2026Q4.pdf", "自查报告-2026Q4.xlsx")
    book = load_workbook(xlsx)
    assert book.sheetnames == ["账号台账", "检查指标", "安全清单", "问题与整改"]
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.bold

    register = sheet_rows(xlsx, "账号台账")
    assert register[0][:4] == ("账号名称", "AppID", "账号类型", "责任单位")
    assert register[1][:4] == ("某县发布", APPID, "订阅号", "某县融媒体中心")
    assert register[1][6] == "张三、李四"
    assert register[2][:4] == ("某县人社", OTHER, "服务号", None)

    indicators = {(row[0], row[2]): row for row in sheet_rows(xlsx, "检查指标")[1:]}
    since = indicators[("某县发布", "距上次更新")]
    assert since[5] == 11 and since[3] == "提醒"  # day 11: warned, not yet alarmed
    assert "单项否决" in since[6]
    assert indicators[("某县人社", "距上次更新")][3] == "警告"  # never posted
    checklist = indicators[("某县发布", "安全清单")]
    assert checklist[5] == 2 and checklist[3] == "警告"  # one task 49 days overdue
    assert len(indicators) == 12  # two accounts × six lines

    tasks = {row[1]: row for row in sheet_rows(xlsx, "安全清单")[1:]}
    assert tasks["更换管理员密码"][5] == "逾期 5 天"
    assert tasks["更换管理员密码"][6:] == ("2026-07-14", "张三", "刘主任", "密码更换记录.jpg")
    assert tasks["年度安全培训"][5] == "逾期 49 天"
    assert tasks["备份素材"][5] == "本季度已完成"
    assert tasks["备份素材"][8:] == ("未签核", "系统自动检查")

    problems = sheet_rows(xlsx, "问题与整改")
    assert problems[0] == ("序号", "账号", "问题", "等级", "依据", "整改要求", "整改情况")
    texts = [row[2] for row in problems[1:]]
    task_problem = next(t for t in texts if t.startswith("安全清单“更换管理员密码”"))
    assert "逾期 5 天" in task_problem
    assert any(t.startswith("距上次更新") and "11 天" in t for t in texts)
    done = {row[2]: row[6] for row in problems[1:]}
    assert done[task_problem] == "已更换密码，新密码由主任保管"
    assert [row[0] for row in problems[1:]] == list(range(1, len(problems)))


@needs_poppler
def test_pdf_renders_and_names_every_account(db_url, tmp_path):
    pdf, _ = make_report(db_url, tmp_path / "out")
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and pages[0].stat().st_size > 1000
    text = pdf_text(pdf)
    flat = "".join(text.split())
    assert "政务新媒体季度自查报告（2026年第4季度）" in flat
    for words in ("某县发布", "某县人社", "某县融媒体中心", "账号台账", "安全清单", "问题与整改", "填报人", "审核人"):
        assert words in flat, words
    assert "更换管理员密码" in flat


def test_pdf_falls_back_to_the_cid_font(db_url, tmp_path, monkeypatch):
    # poppler renders STSong-Light only with poppler-data installed, so this checks the file, not pixels.
    monkeypatch.setattr(pdf_module, "_font_name", None)
    monkeypatch.setattr(pdf_module, "FONT_FILES", (tmp_path / "missing.ttc",))
    pdf, _ = make_report(db_url, tmp_path / "out")
    assert pdf_module._font_name == "STSong-Light"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert b"/BaseFont /STSong-Light" in data and b"FontFile2" not in data


@needs_poppler
def test_no_secret_reaches_the_exports(db_url, tmp_path):
    pdf, xlsx = make_report(db_url, tmp_path / "out")
    raw = pdf.read_bytes()
    text = pdf_text(pdf)
    cells = [
        str(value)
        for ws in load_workbook(xlsx).worksheets
        for row in ws.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    with zipfile.ZipFile(xlsx) as archive:
        members = [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    for secret in SECRETS:
        assert secret not in text
        assert secret.encode() not in raw
        assert not any(secret in cell for cell in cells)
        assert not any(secret in member for member in members)


def test_a_secret_pasted_into_the_register_stops_the_report(db_url, tmp_path):
    database = open_database(db_url)
    with database.session() as session:
        account = session.scalar(select(Account).where(Account.appid == APPID))
        account.register = {**account.register, "note": f"后台密钥 {APP_SECRET}"}
    database.dispose()
    out = tmp_path / "out"
    with pytest.raises(SecretInReport):
        make_report(db_url, out)
    assert not out.exists() or not any(out.iterdir())  # nothing half-written
    # In the PDF writer itself, too.
    with pytest.raises(SecretInReport):
        pdf_module.pdf_bytes("标题", [pdf_module.Para(f"令牌 {TOKEN}")], [TOKEN])


def _cli_main():
    """console.cli.main once the lead has wired `register(sub)` in; until then, our own parser."""
    from console import cli

    for action in cli.parser()._actions:
        if isinstance(action, argparse._SubParsersAction) and "report" in action.choices:
            return cli.main

    def main(argv: list[str]) -> int:
        parser = argparse.ArgumentParser(prog="wxconsole")
        compliance_cli.register(parser.add_subparsers(dest="command"))
        args = parser.parse_args(argv)
        return int(args.func(args))

    return main


def test_cli_report_quarterly_writes_both_files(db_url, tmp_path, capsys):
    out = tmp_path / "cli-out"
    main = _cli_main()
    assert main(["report", "quarterly", "--quarter", "2026Q4", "--out", str(out), "--db", db_url]) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(out / "自查报告-2026Q4.pdf"), str(out / "自查报告-2026Q4.xlsx")]
    assert all(Path(p).stat().st_size > 1000 for p in printed)
    assert main(["report", "quarterly", "--quarter", "2026-4", "--out", str(out), "--db", db_url]) == 2
    assert "2026Q4" in capsys.readouterr().err


def test_cli_compliance_json_and_table(db_url, capsys):
    import json

    main = _cli_main()
    assert main(["compliance", "--json", "--db", db_url, "--account", APPID]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["appid"] for r in rows] == [APPID]
    assert {line["key"] for line in rows[0]["lines"]} >= {"since_last_post", "channel", "checklist"}
    assert main(["compliance", "--db", db_url]) == 0
    table = capsys.readouterr().out
    assert "某县发布" in table and "某县人社" in table and "距上次更新" in table
    assert main(["compliance", "--db", db_url, "--account", "wx0000nothere0000"]) == 2


def test_report_for_the_current_quarter_by_default(db_url, tmp_path, capsys):
    out = tmp_path / "default"
    assert _cli_main()(["report", "quarterly", "--out", str(out), "--db", db_url]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and names[0].startswith("自查报告-20") and names[0].endswith(".pdf")


def test_cli_report_checks_the_secrets_in_this_machines_key_store(db_url, tmp_path, capsys):
    """`wxconsole report quarterly` reads the key store the hub uses, so a secret pasted into the register
    stops the report there too, and no file is left."""
    Vault().put(APPID, AccountSecrets(APP_SECRET, TOKEN, AES_KEY))  # this machine's store (the test's in-memory one)
    database = open_database(db_url)
    with database.session() as session:
        account = session.scalar(select(Account).where(Account.appid == APPID))
        account.register = {**account.register, "contact": f"令牌 {TOKEN}"}
    database.dispose()
    out = tmp_path / "cli-secret"
    assert _cli_main()(["report", "quarterly", "--quarter", "2026Q4", "--out", str(out), "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert "未导出" in err and TOKEN not in err  # the message never repeats the secret
    assert not out.exists() or not any(out.iterdir())
