"""`wxconsole report quarterly` (the quarterly self-check report, PDF + Excel) and `wxconsole compliance`
(the inspection panel, as a table or JSON), run against the hub's database.

Neither command opens the key store: a report needs no secret, and a machine without a keyring
backend must still be able to produce it. Office hours come from this computer's settings.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from console.paths import default_db_url

DB_HELP = "数据库 URL（默认 WXCONSOLE_DB 或数据目录中的 SQLite）"


def _calendar() -> tuple[Any, Any]:
    """The holiday table (problems reported, never fatal) and the office hours of this desk's settings."""
    from console.settings import load_settings
    from console.workcal.holidays import HolidayTable

    table = HolidayTable.load()
    for problem in table.problems:
        print(f"注意：{problem}", file=sys.stderr)
    return table, load_settings().hours()


def _quarter(value: str | None, now: Any) -> str:
    from console.compliance.panel import current_quarter, quarter_bounds
    from console.workcal.hours import china_today

    quarter = (value or current_quarter(china_today(now))).strip().upper()
    quarter_bounds(quarter)  # QuarterError for a malformed one
    return quarter


def _report(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from console.compliance.panel import QuarterError
    from console.compliance.pdf import SecretInReport
    from console.compliance.report import quarterly_report
    from console.secrets import Vault
    from console.store.database import open_database
    from console.store.models import Account
    from console.timeutil import utcnow

    now = utcnow()
    try:
        quarter = _quarter(args.quarter, now)
    except QuarterError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    table, hours = _calendar()
    out_dir: Path = args.out if args.out is not None else Path.cwd()
    db = open_database(args.db)
    try:
        with db.session() as session:
            hide = Vault().values_of(session.scalars(select(Account.appid)))
            pdf, xlsx = quarterly_report(session, quarter, out_dir, table, hours, now, hide)
    except SecretInReport as exc:
        print(f"未导出：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"未导出：无法写入 {out_dir}（{exc.strerror or exc}）", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(pdf)
    print(xlsx)
    return 0


def _compliance(args: argparse.Namespace) -> int:
    from console.compliance.panel import QuarterError, panel_json
    from console.store.database import open_database
    from console.timeutil import utcnow

    now = utcnow()
    try:
        quarter = _quarter(args.quarter, now)
    except QuarterError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    table, hours = _calendar()
    db = open_database(args.db)
    try:
        with db.session() as session:
            rows = panel_json(session, now, table, hours, appid=args.account, quarter=quarter)
    finally:
        db.dispose()
    if args.account and not rows:
        print(f"没有公众号 {args.account}。", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print_panel(rows)
    return 0


def print_panel(rows: list[dict[str, Any]]) -> None:
    """The panel as a person reads it in a terminal: one block per account, advice under each problem."""
    if not rows:
        print("尚未登记公众号。")
        return
    print(f"合规检查（{rows[0]['quarter']}，检查时点 {rows[0]['measured_at'].replace('T', ' ')}）")
    for account in rows:
        print()
        print(f"{account['name']}（{account['account_type_text']}，{account['appid']}）  总体：{account['level_text']}")
        width = max(_width(line["title"]) for line in account["lines"])
        for line in account["lines"]:
            pad = " " * (width - _width(line["title"]))
            print(f"  {line['title']}{pad}  {line['level_text']}  {line['value']}")
            if line["level"] != "ok":
                print(f"  {' ' * width}        → {line['advice']}")


def _width(text: str) -> int:
    """Terminal columns: a Chinese character takes two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def register(sub: argparse._SubParsersAction) -> None:
    """Add `report quarterly` and `compliance` to wxconsole's subcommands (cli.py calls this)."""
    report = sub.add_parser("report", help="报告").add_subparsers(dest="action", required=True)
    quarterly = report.add_parser("quarterly", help="季度自查报告（PDF 和 Excel）")
    quarterly.add_argument("--quarter", help="季度，如 2026Q4（默认本季度）")
    quarterly.add_argument("--out", type=Path, metavar="DIR", help="保存到这个文件夹（默认当前文件夹）")
    quarterly.add_argument("--db", default=default_db_url(), help=DB_HELP)
    quarterly.set_defaults(func=_report)

    compliance = sub.add_parser("compliance", help="合规检查：各账号的检查指标")
    compliance.add_argument("--json", action="store_true", help="输出 JSON")
    compliance.add_argument("--account", metavar="APPID", help="只看这个公众号")
    compliance.add_argument("--quarter", help="季度，如 2026Q4（默认本季度）")
    compliance.add_argument("--db", default=default_db_url(), help=DB_HELP)
    compliance.set_defaults(func=_compliance)
