"""The desktops' API: pull changes since a cursor (long-poll), with who-is-where and the hub's clock."""

from __future__ import annotations

import asyncio
import ipaddress
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler
from sqlalchemy import select

from console.hub.auth_api import STAFF
from console.hub.context import context
from console.staff.access import Seat, account_filter, visible_account_ids
from console.store.database import Database
from console.store.models import Conversation
from console.sync.wire import KEYS, changes_since
from console.timeutil import iso

MAX_WAIT = 30.0


def query_int(request: web.Request, name: str, default: int) -> int:
    """A whole number from the query string, within what the database can hold, or a 400 in words."""
    try:
        value = int(request.query.get(name, default))
    except ValueError as exc:
        raise web.HTTPBadRequest(text=f"参数 {name} 应为整数。") from exc
    if not -(2**62) < value < 2**62:
        raise web.HTTPBadRequest(text=f"参数 {name} 超出范围。")
    return value


def _changes(db: Database, cursor: int, limit: int, seat: Seat) -> dict[str, Any]:
    with db.session() as session:
        return changes_since(session, cursor, limit, seat)


def visible_presence(db: Database, seat: Seat, snapshot: dict[str, Any]) -> dict[str, Any]:
    """Who is where, only in the conversations this seat may see (another account's are left out)."""
    conversations = snapshot.get("conversations") or {}
    if seat.sees_all or not conversations:
        return snapshot
    wanted = [int(key) for key in conversations]
    with db.session() as session:
        ids = visible_account_ids(session, seat)
        shown = set(
            session.scalars(
                select(Conversation.id).where(Conversation.id.in_(wanted), account_filter(Conversation.account_id, ids))
            )
        )
    return {**snapshot, "conversations": {k: v for k, v in conversations.items() if int(k) in shown}}


def _rows_in(result: dict[str, Any]) -> bool:
    return any(result.get(key) for key in KEYS.values())


async def changes(request: web.Request) -> web.Response:
    """`GET /api/changes?cursor=N&wait=S&presence=V`: answers at once if rows changed (or who-is-where
    changed since presence version V), else within S seconds. It carries the hub's clock, so a desktop
    whose own clock is off still shows WeChat's window right.

    Only rows of the accounts the signed-in colleague may see (console.staff.access), and the scope the
    desk may hold; a change to another account's rows moves the cursor on without waking the desk."""
    ctx = context(request)
    seat = Seat.from_view(request[STAFF])
    cursor = query_int(request, "cursor", 0)
    limit = max(1, min(query_int(request, "limit", 500), 2000))
    wait = max(0.0, min(float(query_int(request, "wait", 0)), MAX_WAIT))
    presence = query_int(request, "presence", ctx.presence.version)  # absent: rows only
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    mark = ctx.feed.mark()
    result = await asyncio.to_thread(_changes, ctx.db, cursor, limit, seat)
    while not _rows_in(result) and presence == ctx.presence.version and not ctx.feed.closed:
        remaining = deadline - loop.time()
        if remaining <= 0:
            break
        await ctx.feed.wait(remaining, mark)
        mark = ctx.feed.mark()
        result = await asyncio.to_thread(_changes, ctx.db, cursor, limit, seat)
    result["presence"] = await asyncio.to_thread(visible_presence, ctx.db, seat, ctx.presence.snapshot())
    result["now"] = iso(ctx.clock())
    return web.json_response(result)


def _loopback(remote: str | None) -> bool:
    try:
        return remote is not None and ipaddress.ip_address(remote).is_loopback
    except ValueError:
        return False


@web.middleware
async def desktops_only_from_loopback(request: web.Request, handler: Handler) -> web.StreamResponse:
    """By default the desktops' API answers this machine only (desks elsewhere need `--remote-desktops`,
    and every call needs a signed-in colleague either way): the callback URL must face the internet, the
    desks' API need not. Put a reverse proxy in front of /wechat/ only."""
    if request.path.startswith("/api/") and not context(request).remote_desktops and not _loopback(request.remote):
        return web.json_response({"error": "此服务端只接受本机桌面端的连接。"}, status=403)
    return await handler(request)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/changes", changes)
