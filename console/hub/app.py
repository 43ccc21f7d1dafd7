"""The hub's aiohttp application. Handlers stay thin: blocking work (database, WeChat API) runs in
worker threads so one slow call never holds up WeChat's 5-second callback budget."""

from __future__ import annotations

import asyncio

from aiohttp import web

from console import __version__
from console.hub import callback, sync_api
from console.hub.context import CONTEXT, HubContext
from console.replies.sending import deliver, pending_replies, recover_interrupted
from console.wechat.callback import MAX_BODY


async def _healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True, "version": __version__})


async def _on_startup(app: web.Application) -> None:
    ctx = app[CONTEXT]
    await asyncio.to_thread(recover_interrupted, ctx.db)
    for message_id in await asyncio.to_thread(pending_replies, ctx.db):
        await asyncio.to_thread(deliver, ctx.db, ctx.gateway, message_id)
    ctx.feed.notify()


async def _on_shutdown(app: web.Application) -> None:
    app[CONTEXT].feed.close()


def create_hub_app(ctx: HubContext) -> web.Application:
    # A little above MAX_BODY so an oversized push reaches our handler and gets a 400, not a 413.
    app = web.Application(client_max_size=MAX_BODY * 4, middlewares=[sync_api.desktops_only_from_loopback])
    app[CONTEXT] = ctx
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/wechat/{appid}", callback.server_check)
    app.router.add_post("/wechat/{appid}", callback.push)
    sync_api.add_routes(app)
    app.on_startup.append(_on_startup)
    app.on_shutdown.append(_on_shutdown)
    return app
