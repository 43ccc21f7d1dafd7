"""The desktops' write side: operators' commands (reply, status, assign, labels, note, snooze), each
applied once by its client-made id, and the presence reports behind the reply lock."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from console.hub.auth_api import seat_of
from console.hub.context import HubContext, context
from console.inbox import commands
from console.publishing.lifecycle import POST_KINDS
from console.replies.sending import deliver
from console.review.commands import REVIEW_KINDS
from console.store.database import Database
from console.store.models import CommandState, Conversation, Message, Post, ReviewItem
from console.sync.wire import to_wire


def _rows(
    db: Database, message_id: int | None, conversation_id: int, item_id: int | None = None, post_id: int | None = None
) -> dict[str, Any]:
    with db.session() as session:
        out: dict[str, Any] = {}
        if post_id is not None:
            post = session.get(Post, post_id)
            if post is not None:
                out["post"] = to_wire(post)
        if item_id is not None:
            item = session.get(ReviewItem, item_id)
            if item is not None:
                out["review_item"] = to_wire(item)
                conversation_id = conversation_id or (item.conversation_id or 0)
        conversation = session.get(Conversation, conversation_id)
        if conversation is not None:
            out["conversation"] = to_wire(conversation)
        if message_id is not None:
            message = session.get(Message, message_id)
            if message is not None:
                out["message"] = to_wire(message)
        return out


async def _body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError as exc:
        raise web.HTTPBadRequest(text="expected a JSON body") from exc
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="expected a JSON object")
    return body


async def _run(
    ctx: HubContext, command_id: str, kind: str, conversation_id: int, args: dict[str, Any], seat: commands.Seat
) -> tuple[commands.Outcome, dict[str, Any]]:
    if not 8 <= len(command_id) <= 64:
        raise web.HTTPBadRequest(text="command_id must be 8 to 64 characters")
    try:
        outcome = await asyncio.to_thread(
            commands.apply,
            ctx.db,
            ctx.presence,
            command_id,
            kind,
            conversation_id,
            args,
            seat,
            ctx.clock(),
            ctx.screener,
        )
    except ValueError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from exc
    if outcome.fresh:
        ctx.feed.notify()
        if kind in POST_KINDS or kind in REVIEW_KINDS:
            ctx.publish_wake.set()  # an approved or publish-now post goes to WeChat without waiting
    if outcome.deliver is not None:
        await asyncio.to_thread(deliver, ctx.db, ctx.gateway, outcome.deliver)
        ctx.feed.notify()
    item_id = outcome.result.get("held") or outcome.result.get("item_id") or outcome.result.get("review_item")
    post_id = outcome.result.get("post_id") if kind in POST_KINDS else None
    rows = await asyncio.to_thread(_rows, ctx.db, outcome.result.get("message_id"), conversation_id, item_id, post_id)
    return outcome, rows


async def command(request: web.Request) -> web.Response:
    """`POST /api/commands` {command_id, kind, conversation_id, args}: applied once, in the name of the
    signed-in colleague.
    200 with the changed rows, or 422 with the reason and the conversation as the hub has it, so a
    desktop can take back what it showed ahead of time."""
    ctx = context(request)
    body = await _body(request)
    try:
        command_id, kind = str(body["command_id"]), str(body["kind"])
        conversation_id = int(body["conversation_id"])
        args = body.get("args") or {}
        if not isinstance(args, dict):
            raise TypeError("args")
    except (KeyError, ValueError, TypeError) as exc:
        raise web.HTTPBadRequest(text="expected command_id, kind, conversation_id, args") from exc
    seat = seat_of(request)
    outcome, rows = await _run(ctx, command_id, kind, conversation_id, args, seat)
    status = 200 if outcome.state == CommandState.APPLIED else (403 if outcome.result.get("forbidden") else 422)
    answer = {"state": outcome.state, "result": outcome.result, "error": outcome.error, **rows}
    return web.json_response(answer, status=status)


async def reply(request: web.Request) -> web.Response:
    """`POST /api/replies` {command_id, conversation_id, content}: one reply, for scripts."""
    ctx = context(request)
    body = await _body(request)
    try:
        command_id = str(body["command_id"])
        conversation_id = int(body["conversation_id"])
        content = str(body["content"])
    except (ValueError, KeyError, TypeError) as exc:
        raise web.HTTPBadRequest(text="expected JSON with command_id, conversation_id, content") from exc
    outcome, rows = await _run(ctx, command_id, "reply", conversation_id, {"content": content}, seat_of(request))
    if outcome.state != CommandState.APPLIED:
        return web.json_response({"error": outcome.error}, status=403 if outcome.result.get("forbidden") else 422)
    if "held" in outcome.result:
        return web.json_response({"held": outcome.result["held"], "reason": outcome.result["reason"]}, status=202)
    return web.json_response({"message": rows["message"]})


async def presence(request: web.Request) -> web.Response:
    """`POST /api/presence` {conversation_id, typing, take_over}: what the signed-in colleague has open."""
    ctx = context(request)
    body = await _body(request)
    try:
        conversation_id = None if body.get("conversation_id") is None else int(body["conversation_id"])
    except (ValueError, TypeError) as exc:
        raise web.HTTPBadRequest(text="expected conversation_id") from exc
    seat = seat_of(request)
    login, name = str(seat.login), str(seat.name)
    if body.get("take_over") and conversation_id is not None:
        ctx.presence.take_over(conversation_id, login, name)
        changed = True
    else:
        changed = ctx.presence.report(login, name, conversation_id, bool(body.get("typing")))
    if changed:
        ctx.feed.notify()
    return web.json_response(ctx.presence.snapshot())


def add_routes(app: web.Application) -> None:
    app.router.add_post("/api/replies", reply)
    app.router.add_post("/api/commands", command)
    app.router.add_post("/api/presence", presence)
