"""The desktops' write side: every command goes through the one command path (console.command_path),
in the name of the signed-in colleague, applied once by its client-made id; and the presence reports
behind the reply lock.

An answer carries the rows the command changed so a desk can show them at once — only rows of accounts
this colleague may see, refused commands included (a refusal never shows another account's rows)."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from console.command_path import Outcome, Seat, apply
from console.hub.auth_api import seat_of
from console.hub.context import HubContext, context
from console.hub.delivery import deliver_reply
from console.hub.guard import json_body
from console.hub.sync_api import visible_presence
from console.refusal import Refused
from console.store.database import Database
from console.store.models import Account, CommandState, Conversation, Message, Post, ReviewItem
from console.sync.wire import to_wire


def _rows(
    db: Database,
    seat: Seat,
    message_id: int | None,
    conversation_id: int,
    item_id: int | None = None,
    post_id: int | None = None,
) -> dict[str, Any]:
    with db.session() as session:

        def visible(account_id: int | None) -> bool:
            appid = session.query(Account.appid).filter(Account.id == account_id).scalar()
            return appid is not None and seat.may(appid)

        out: dict[str, Any] = {}
        post = session.get(Post, post_id) if post_id is not None else None
        if post is not None and visible(post.account_id):
            out["post"] = to_wire(post)
        item = session.get(ReviewItem, item_id) if item_id is not None else None
        if item is not None and visible(item.account_id):
            out["review_item"] = to_wire(item)
            conversation_id = conversation_id or (item.conversation_id or 0)
        conversation = session.get(Conversation, conversation_id) if conversation_id > 0 else None
        if conversation is not None and visible(conversation.account_id):
            out["conversation"] = to_wire(conversation)
        message = session.get(Message, message_id) if message_id is not None else None
        if message is not None and visible(message.account_id):
            out["message"] = to_wire(message)
        return out


def _refusal(exc: Refused) -> web.Response:
    return web.json_response({"state": CommandState.REFUSED, "error": str(exc), "result": {}}, status=exc.status)


async def _run(
    ctx: HubContext, command_id: str, kind: str, conversation_id: int, args: dict[str, Any], seat: Seat
) -> tuple[Outcome, dict[str, Any]]:
    outcome = await asyncio.to_thread(
        apply, ctx.db, ctx.presence, command_id, kind, conversation_id, args, seat, ctx.clock(), ctx.screener
    )
    if outcome.fresh:
        ctx.feed.notify()
        if outcome.wake_publisher:
            ctx.publish_wake.set()
    if outcome.deliver is not None:
        delivery = await deliver_reply(ctx, outcome.deliver)
        if delivery.words:
            outcome.result["delivery"] = delivery.words
    result = outcome.result
    item_id = result.get("held") or result.get("item_id") or result.get("review_item")
    post_id = result.get("post_id") if kind.startswith("post_") else None
    rows = await asyncio.to_thread(
        _rows, ctx.db, seat, result.get("message_id"), conversation_id, _int(item_id), _int(post_id)
    )
    return outcome, rows


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _command_fields(body: dict[str, Any]) -> tuple[str, str, int, dict[str, Any]]:
    command_id, kind, conversation_id = body.get("command_id"), body.get("kind"), body.get("conversation_id", 0)
    args = body.get("args") or {}
    if not isinstance(command_id, str) or not isinstance(kind, str):
        raise web.HTTPBadRequest(text="需要 command_id 和 kind（文字）。")
    if isinstance(conversation_id, bool) or not isinstance(conversation_id, int) or not 0 <= conversation_id < 2**62:
        raise web.HTTPBadRequest(text="conversation_id 应为整数。")
    if not isinstance(args, dict):
        raise web.HTTPBadRequest(text="args 应为一个对象。")
    return command_id, kind, conversation_id, args


async def command(request: web.Request) -> web.Response:
    """`POST /api/commands` {command_id, kind, conversation_id, args}: applied once, in the name of the
    signed-in colleague. 200 with the changed rows; or the refusal's status (400 bad arguments, 403 not
    this colleague's, 409 stale or reused id, 422 not now, 503 not kept) with the reason in words."""
    ctx = context(request)
    command_id, kind, conversation_id, args = _command_fields(await json_body(request))
    seat = seat_of(request)
    try:
        outcome, rows = await _run(ctx, command_id, kind, conversation_id, args, seat)
    except Refused as exc:
        return _refusal(exc)
    answer = {"state": outcome.state, "result": outcome.result, "error": outcome.error, **rows}
    return web.json_response(answer, status=outcome.status)


async def reply(request: web.Request) -> web.Response:
    """`POST /api/replies` {command_id, conversation_id, content}: one reply, for scripts."""
    ctx = context(request)
    body = await json_body(request)
    command_id, conversation_id, content = body.get("command_id"), body.get("conversation_id"), body.get("content")
    if not isinstance(command_id, str) or not isinstance(content, str):
        raise web.HTTPBadRequest(text="需要 command_id、conversation_id 和 content。")
    if isinstance(conversation_id, bool) or not isinstance(conversation_id, int) or not 0 < conversation_id < 2**62:
        raise web.HTTPBadRequest(text="conversation_id 应为正整数。")
    try:
        outcome, rows = await _run(ctx, command_id, "reply", conversation_id, {"content": content}, seat_of(request))
    except Refused as exc:
        return web.json_response({"error": str(exc)}, status=exc.status)
    if outcome.state != CommandState.APPLIED:
        return web.json_response({"error": outcome.error}, status=outcome.status)
    if "held" in outcome.result:
        return web.json_response({"held": outcome.result["held"], "reason": outcome.result["reason"]}, status=202)
    return web.json_response({"message": rows.get("message"), "delivery": outcome.result.get("delivery")})


def _may_see_conversation(db: Database, seat: Seat, conversation_id: int) -> bool:
    with db.session() as session:
        conversation = session.get(Conversation, conversation_id)
        return conversation is not None and seat.may(conversation.account.appid)


async def presence(request: web.Request) -> web.Response:
    """`POST /api/presence` {conversation_id, typing, take_over}: what the signed-in colleague has open."""
    ctx = context(request)
    body = await json_body(request)
    conversation_id = body.get("conversation_id")
    if conversation_id is not None and (
        isinstance(conversation_id, bool) or not isinstance(conversation_id, int) or not 0 < conversation_id < 2**62
    ):
        raise web.HTTPBadRequest(text="conversation_id 应为正整数。")
    seat = seat_of(request)
    if conversation_id is not None and not await asyncio.to_thread(
        _may_see_conversation, ctx.db, seat, conversation_id
    ):
        return web.json_response({"error": "您没有处理这个会话所属公众号的权限，请联系管理员。"}, status=403)
    login, name = str(seat.login), str(seat.name)
    if body.get("take_over") and conversation_id is not None:
        ctx.presence.take_over(conversation_id, login, name)
        changed = True
    else:
        changed = ctx.presence.report(login, name, conversation_id, bool(body.get("typing")))
    if changed:
        ctx.feed.notify()
    shown = await asyncio.to_thread(visible_presence, ctx.db, seat, ctx.presence.snapshot())
    return web.json_response(shown)


def add_routes(app: web.Application) -> None:
    app.router.add_post("/api/replies", reply)
    app.router.add_post("/api/commands", command)
    app.router.add_post("/api/presence", presence)
