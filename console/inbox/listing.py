"""Messages as scripts read them: `wxconsole messages` and `wxconsole search` print the same fields the
same way (JSON for scripts, one line each for people)."""

from __future__ import annotations

import json
import sys
from typing import Any

from console.store.models import Message
from console.timeutil import iso


def message_to_json(message: Message) -> dict[str, Any]:
    """The admin/script view of one message (`wxconsole messages --json`)."""
    return {
        "appid": message.account.appid,
        "openid": message.follower.openid,
        "msgid": message.msgid,
        "type": f"event:{message.event}" if message.event else message.msg_type,
        "content": message.content,
        "direction": message.direction,
        "status": message.status,
        "created_at": iso(message.created_at),
    }


def print_messages(rows: list[dict], as_json: bool) -> None:
    """`messages` and `search` print the same fields the same way."""
    if as_json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return
    for row in rows:
        arrow = "→" if row["direction"] == "out" else "←"
        print(f"{row['created_at']} {row['appid']} {arrow} {row['openid']}: {row['content']} {row['status'] or ''}")
