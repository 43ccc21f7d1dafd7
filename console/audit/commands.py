"""`wxconsole audit verify|list|export`: check the operation log's hash chain, read it, or hand an
inspector a copy in Excel or CSV.

`verify` exits 0 when the chain is whole and 1 when it is not, naming the first entry that fails, so it
can run from a scheduled task. An export is itself recorded in the log (actor "cli").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from console.paths import default_db_url


def _open(db_url: str) -> Any:
    from console.store.database import open_database

    return open_database(db_url)


def _verify(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from console.audit.chain import action_name, beijing_time, verify
    from console.store.models import AuditEntry

    db = _open(args.db)
    try:
        with db.session() as session:
            verdict = verify(session)
            if verdict.ok:
                print(verdict.reason)
                return 0
            print(f"操作日志校验未通过：{verdict.reason}。")
            entry = None
            if verdict.first_broken is not None:
                try:
                    entry = session.get(AuditEntry, verdict.first_broken)
                except (SQLAlchemyError, ValueError, TypeError):  # a row tampered beyond reading
                    entry = None
            if entry is not None:
                print(
                    f"第 {entry.id} 条：时间 {beijing_time(entry.at, seconds=True)}（北京时间），"
                    f"操作人 {entry.actor}，操作 {action_name(entry.action)}（{entry.action}）"
                    + (f"，对象 {entry.target}" if entry.target else "")
                    + "。"
                )
            print(f"此前的 {verdict.checked} 条记录校验通过。")
            return 1
    finally:
        db.dispose()


def _list(args: argparse.Namespace) -> int:
    from console.audit.chain import describe, entries
    from console.timeutil import iso

    db = _open(args.db)
    try:
        with db.session() as session:
            rows = entries(session, limit=args.limit, action=args.action, actor=args.actor)
            if args.json:
                data = [
                    {
                        "id": entry.id,
                        "at": iso(entry.at),
                        "actor": entry.actor,
                        "action": entry.action,
                        "target": entry.target,
                        "detail": entry.detail,
                        "prev_hash": entry.prev_hash,
                        "hash": entry.hash,
                    }
                    for entry in rows
                ]
                print(json.dumps(data, ensure_ascii=False, indent=1))
                return 0
            if not rows:
                print("操作日志中没有记录。")
            for entry in rows:
                print(f"#{entry.id} {describe(entry)}")
    finally:
        db.dispose()
    return 0


def _export(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from console.audit.chain import record
    from console.audit.export import ExportError, export_log
    from console.store.models import AuditEntry

    db = _open(args.db)
    try:
        with db.session() as session:
            rows = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        try:
            written = export_log(rows, args.out)
        except ExportError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"无法写入 {args.out}：{exc.strerror or exc}", file=sys.stderr)
            return 2
        with db.session() as session:
            record(session, "cli", "export", "audit", file=args.out.name, entries=written)
    finally:
        db.dispose()
    print(f"已导出 {written} 条操作日志到 {args.out}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `audit` to wxconsole's subcommands (cli.py calls this)."""
    db_help = "数据库 URL（默认 WXCONSOLE_DB 或数据目录中的 SQLite）"
    audit = sub.add_parser("audit", help="操作日志：校验、查看与导出").add_subparsers(dest="action", required=True)
    check = audit.add_parser("verify", help="校验操作日志的哈希链（被改动或删除时返回 1）")
    check.add_argument("--db", default=default_db_url(), help=db_help)
    check.set_defaults(func=_verify)
    show = audit.add_parser("list", help="列出最近的操作日志（最新的在前）")
    show.add_argument("--limit", type=int, default=50, metavar="N", help="最多列出 N 条（默认 50）")
    show.add_argument("--action", metavar="ACTION", help="只列出这种操作，如 approve、sign_in")
    show.add_argument("--actor", metavar="LOGIN", help="只列出这个人的操作")
    show.add_argument("--json", action="store_true", help="输出 JSON")
    show.add_argument("--db", default=default_db_url(), help=db_help)
    show.set_defaults(func=_list)
    out = audit.add_parser("export", help="把全部操作日志导出为 Excel（.xlsx）或 CSV 文件")
    out.add_argument("--out", type=Path, required=True, metavar="FILE", help=".xlsx 或 .csv")
    out.add_argument("--db", default=default_db_url(), help=db_help)
    out.set_defaults(func=_export)
