"""`wxconsole search QUERY`: the window's search for scripts and admins, same index, same rules.

`--json` prints the matching messages with exactly the fields of `wxconsole messages --json`
(`message_to_json`), newest first, so a script can switch between the two without a new parser.
"""

from __future__ import annotations

import argparse
import sys

from console.paths import default_db_url


def _search(args: argparse.Namespace) -> int:
    from console.inbox.listing import message_to_json
    from console.inbox.search import SearchUnavailable, search_messages
    from console.store.database import open_database

    db = open_database(args.db)
    try:
        with db.session() as session:
            rows = [message_to_json(m) for m in search_messages(session, args.query, args.limit)]
    except SearchUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        db.dispose()
    from console.inbox.listing import print_messages

    print_messages(rows, args.json)
    return 0


def _positive(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError("必须是正整数")
    return number


def register(sub: argparse._SubParsersAction) -> None:
    """Add `search` to wxconsole's subcommands (cli.py calls this)."""
    p = sub.add_parser("search", help="全文检索消息（与窗口中的搜索相同）")
    p.add_argument("query", metavar="QUERY", help="检索词，空格分隔的词须同时出现，如：社保 补办")
    p.add_argument("--db", default=default_db_url(), help="数据库 URL（默认 WXCONSOLE_DB 或数据目录中的 SQLite）")
    p.add_argument("--json", action="store_true", help="输出 JSON（字段与 messages --json 相同）")
    p.add_argument("--limit", type=_positive, default=200, help="最多列出几条（默认 200，最新的在前）")
    p.set_defaults(func=_search)
