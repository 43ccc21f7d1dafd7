"""`wxconsole rules import|export` and `wxconsole templates import|export`: an office keeps its wording
in a file (JSON or Excel) and moves it between hubs.

Imports go through the same library commands as the desktop (checked, screened for 错敏词, all or
nothing, recorded once), so a file cannot put a wrong word into an automatic reply either. Without
`--out`, an export prints JSON to standard output for scripts.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path
from typing import Any

from console.paths import default_db_url


def _open(db_url: str) -> Any:
    from console.store.database import open_database

    return open_database(db_url)


def _apply(db_url: str, kind: str, args: dict[str, Any], apply: Any) -> int:
    from console.inbox.presence import PresenceBoard
    from console.screening import Screener
    from console.staff.access import Seat
    from console.store.models import CommandState

    db = _open(db_url)
    try:
        outcome = apply(
            db,
            PresenceBoard(),
            uuid.uuid4().hex,
            kind,
            0,
            args,
            Seat.system("cli", "命令行导入"),
            screener=Screener.from_files(),
        )
    finally:
        db.dispose()
    if outcome.state != CommandState.APPLIED:
        print(f"导入失败，没有做任何改动：{outcome.error}", file=sys.stderr)
        return 1
    ids = outcome.result.get("rule_ids") or outcome.result.get("template_ids") or []
    what = "条规则" if kind == "rules_import" else "个模板"
    print(f"已导入 {len(ids)} {what}。")
    return 0


def _rules_import(args: argparse.Namespace) -> int:
    from console.replies.transfer import TransferError, import_rules

    try:
        rules = import_rules(args.file, account=args.account)
    except (TransferError, OSError) as exc:
        print(f"无法读取 {args.file}：{exc}", file=sys.stderr)
        return 2
    args_ = {"account": args.account, "replace": args.replace, "rules": rules}
    return _apply(args.db, "rules_import", args_, args.apply)


def _templates_import(args: argparse.Namespace) -> int:
    from console.replies.transfer import TransferError, import_templates

    try:
        templates = import_templates(args.file, account=args.account)
    except (TransferError, OSError) as exc:
        print(f"无法读取 {args.file}：{exc}", file=sys.stderr)
        return 2
    return _apply(args.db, "templates_import", {"account": args.account, "templates": templates}, args.apply)


def _export(args: argparse.Namespace, what: str) -> int:
    from console.replies import library, transfer

    db = _open(args.db)
    try:
        with db.session() as session:
            try:
                if what == "rules":
                    rows = library.stored_rules(session, args.account)
                else:
                    rows = library.stored_templates(session, args.account, archived=args.archived)
            except library.LibraryRefused as exc:
                print(str(exc), file=sys.stderr)
                return 2
    finally:
        db.dispose()
    if args.out is None:
        key = "rules" if what == "rules" else "templates"
        document = {"format": f"wxconsole-{key}", "version": 1, key: rows}
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    if what == "rules":
        transfer.export_rules(rows, args.out)
    else:
        transfer.export_templates(rows, args.out)
    print(f"已导出 {len(rows)} {'条规则' if what == 'rules' else '个模板'}到 {args.out}")
    return 0


def register(sub: argparse._SubParsersAction, apply: Any) -> None:
    """Add `rules` and `templates` to wxconsole's subcommands (cli.py calls this with the command path's
    `apply`, which sits above the features and so is handed in, not imported)."""
    db_help = "数据库 URL（默认 WXCONSOLE_DB 或数据目录中的 SQLite）"
    rules = sub.add_parser("rules", help="关键词自动回复规则的导入导出").add_subparsers(dest="action", required=True)
    imp = rules.add_parser("import", help="从 JSON 或 Excel 文件导入规则")
    imp.add_argument("file", type=Path, metavar="FILE", help=".json 或 .xlsx")
    imp.add_argument("--account", metavar="APPID", help="导入到这个公众号（不填则按文件中的账号）")
    imp.add_argument("--replace", action="store_true", help="先删除该账号现有的规则")
    imp.add_argument("--db", default=default_db_url(), help=db_help)
    imp.set_defaults(func=_rules_import, apply=apply)
    exp = rules.add_parser("export", help="导出规则（不加 --out 则输出 JSON）")
    exp.add_argument("--account", metavar="APPID", help="只导出这个公众号的规则和通用规则")
    exp.add_argument("--out", type=Path, help="写入文件：.json 或 .xlsx")
    exp.add_argument("--db", default=default_db_url(), help=db_help)
    exp.set_defaults(func=lambda a: _export(a, "rules"))

    templates = sub.add_parser("templates", help="常用回复模板的导入导出").add_subparsers(dest="action", required=True)
    imp = templates.add_parser("import", help="从 JSON 或 Excel 文件导入模板")
    imp.add_argument("file", type=Path, metavar="FILE", help=".json 或 .xlsx")
    imp.add_argument("--account", metavar="APPID", help="导入为这个公众号的模板（不填则按文件）")
    imp.add_argument("--db", default=default_db_url(), help=db_help)
    imp.set_defaults(func=_templates_import, apply=apply)
    exp = templates.add_parser("export", help="导出模板（不加 --out 则输出 JSON）")
    exp.add_argument("--account", metavar="APPID", help="只导出这个公众号的模板和通用模板")
    exp.add_argument("--archived", action="store_true", help="也导出已归档的模板")
    exp.add_argument("--out", type=Path, help="写入文件：.json 或 .xlsx")
    exp.add_argument("--db", default=default_db_url(), help=db_help)
    exp.set_defaults(func=lambda a: _export(a, "templates"))
