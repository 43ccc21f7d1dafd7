"""The desktops' API: pull changes since a cursor (long-poll), push a reply command."""

from __future__ import annotations

import asyncio
import ipaddress
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler

from console.hub.context import context
from console.replies.sending import ReplyRefused, deliver, record_reply
from console.store.database import Database
from console.store.models import Message
from console.sync.wire import changes_since, to_wire

MAX_WAIT = 30.0


def _int(request: web.Request, name: str, default: int) -> int:
    try:
        return int(request.query.get(name, default))
    except ValueError as exc:
        raise web.HTTPBadRequest(text=f"{name} must be a number") from exc


def _changes(db: Database, cursor: int, limit: int) -> dict[str, Any]:
    with db.session() as session:
        return changes_since(session, cursor, limit)


async def changes(request: web.Request) -> web.Response:
    """`GET /api/changes?cursor=N&wait=S`: answers at once if anything changed, else within S seconds."""
    ctx = context(request)
    cursor = _int(request, "cursor", 0)
    limit = max(1, min(_int(request, "limit", 500), 2000))
    wait = max(0.0, min(float(_int(request, "wait", 0)), MAX_WAIT))
    mark = ctx.feed.mark()
    result = await asyncio.to_thread(_changes, ctx.db, cursor, limit)
    if result["cursor"] == cursor and wait > 0:
        await ctx.feed.wait(wait, mark)
        result = await asyncio.to_thread(_changes, ctx.db, cursor, limit)
    return web.json_response(result)


def _message(db: Database, message_id: int) -> dict[str, Any]:
    with db.session() as session:
        message = session.get(Message, message_id)
        assert message is not None
        return to_wire(message)


async def reply(request: web.Request) -> web.Response:
    """`POST /api/replies` {command_id, conversation_id, content}: stored, sent once, result returned."""
    ctx = context(request)
    try:
        body = await request.json()
        command_id = str(body["command_id"])
        conversation_id = int(body["conversation_id"])
        content = str(body["content"])
    except (ValueError, KeyError, TypeError) as exc:
        raise web.HTTPBadRequest(text="expected JSON with command_id, conversation_id, content") from exc
    if not 8 <= len(command_id) <= 64:
        raise web.HTTPBadRequest(text="command_id must be 8 to 64 characters")
    try:
        message_id, created = await asyncio.to_thread(record_reply, ctx.db, command_id, conversation_id, content)
    except ReplyRefused as exc:
        return web.json_response({"error": str(exc)}, status=422)
    if created:
        ctx.feed.notify()
        await asyncio.to_thread(deliver, ctx.db, ctx.gateway, message_id)
        ctx.feed.notify()
    return web.json_response({"message": await asyncio.to_thread(_message, ctx.db, message_id)})


def _loopback(remote: str | None) -> bool:
    try:
        return remote is not None and ipaddress.ip_address(remote).is_loopback
    except ValueError:
        return False


@web.middleware
async def desktops_only_from_loopback(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Until staff sign-in exists, the desktops' API answers this machine only: the callback URL must
    face the internet, the reply API must not. Put a reverse proxy in front of /wechat/ only."""
    if request.path.startswith("/api/") and not context(request).remote_desktops and not _loopback(request.remote):
        return web.json_response({"error": "此服务端只接受本机桌面端的连接。"}, status=403)
    return await handler(request)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/changes", changes)
    app.router.add_post("/api/replies", reply)
