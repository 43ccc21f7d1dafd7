"""Article pictures between desks and the hub, and the hub's publishing loop.

`PUT /api/assets/<sha256>` stores a picture a desk put in an article (the name is the SHA-256 of the
bytes, checked here, so a retried upload is harmless); `GET` serves it to other desks. The loop runs
the publishing worker every few seconds and at once when a post command asks for it."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from collections.abc import AsyncIterator
from pathlib import Path

from aiohttp import web

from console import paths
from console.hub.context import CONTEXT, context
from console.hub.delivery import wechat_call
from console.hub.guard import json_body
from console.hub.visibility import named_by_visible_row, request_seat
from console.publishing.asset_files import AssetError, LocalAssets
from console.publishing.worker import Publisher
from console.store.models import Asset, Post

log = logging.getLogger(__name__)

PUBLISH_INTERVAL = 5.0
MAX_ASSET = 10 * 1024 * 1024
_SHA = re.compile(r"^[0-9a-f]{64}$")
ASSETS = web.AppKey("assets", LocalAssets)


def assets_root(media_root: Path | None) -> Path:
    return (media_root or paths.data_dir() / "media") / "assets"


def _sha(request: web.Request) -> str:
    sha = request.match_info["sha"]
    if not _SHA.match(sha):
        raise web.HTTPBadRequest(
            text=json.dumps({"error": "图片编号应为 64 位十六进制 SHA-256。"}), content_type="application/json"
        )
    return sha


async def put_asset(request: web.Request) -> web.Response:
    sha = _sha(request)
    if request.content_length is not None and request.content_length > MAX_ASSET:
        raise web.HTTPRequestEntityTooLarge(max_size=MAX_ASSET, actual_size=request.content_length)
    data = await request.read()
    store = request.app[ASSETS]
    try:
        ref = await asyncio.to_thread(store.put, data, f"{sha}.img")
    except AssetError as exc:
        return web.json_response({"error": str(exc)}, status=422)
    if ref != f"asset:{sha}":
        wrong = store.path(ref)
        if wrong is not None:
            wrong.unlink(missing_ok=True)
        return web.json_response({"error": "图片内容与编号不符（传输中可能损坏），请重新上传。"}, status=422)
    ctx = context(request)
    path = store.path(ref)
    assert path is not None

    def remember() -> None:
        with ctx.db.session() as session:
            if session.get(Asset, sha) is None:
                session.add(Asset(sha256=sha, content_type=_content_type(path), size=len(data)))

    await asyncio.to_thread(remember)
    return web.json_response({"ref": ref, "size": len(data)})


async def get_asset(request: web.Request) -> web.FileResponse:
    """A picture, to a colleague who sees a post using it (another account's: 404 as unknown)."""
    sha = _sha(request)
    path = request.app[ASSETS].path(f"asset:{sha}")
    if path is not None and not await asyncio.to_thread(
        named_by_visible_row, context(request).db, request_seat(request), f"asset:{sha}", Post.articles, Post.account_id
    ):
        path = None
    if path is None:
        raise web.HTTPNotFound(text="服务端没有这张图片。")
    return web.FileResponse(path, headers={"Content-Type": _content_type(path)})


async def has_assets(request: web.Request) -> web.Response:
    """POST /api/assets/missing {"refs": [...]} → the refs the hub does not have yet."""
    data = await json_body(request)
    refs = [str(r) for r in (data.get("refs") or [])] if isinstance(data.get("refs"), list) else []
    store = request.app[ASSETS]
    return web.json_response({"missing": [r for r in refs if store.path(r) is None]})


def _content_type(path: Path) -> str:
    return {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}.get(
        path.suffix.lower(), "application/octet-stream"
    )


async def _publishing(app: web.Application) -> None:
    """Publish on time even when no desk is open; the first pass at start-up catches up after downtime."""
    ctx = app[CONTEXT]
    publisher = ctx.publisher
    assert publisher is not None
    while True:
        try:
            if await wechat_call(ctx, publisher.run_once):
                ctx.feed.notify()
        except Exception:
            log.exception("publishing pass failed; trying again shortly")
        ctx.publish_wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ctx.publish_wake.wait(), PUBLISH_INTERVAL)


async def _loop(app: web.Application) -> AsyncIterator[None]:
    task = asyncio.create_task(_publishing(app))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def add_routes(app: web.Application) -> None:
    ctx = app[CONTEXT]
    store = LocalAssets(assets_root(ctx.media_root))
    app[ASSETS] = store
    if ctx.publisher is None:
        ctx.publisher = Publisher(ctx.db, ctx.gateway, store, clock=lambda: ctx.clock())
    app.router.add_put("/api/assets/{sha}", put_asset)
    app.router.add_get("/api/assets/{sha}", get_asset)
    app.router.add_post("/api/assets/missing", has_assets)
    app.cleanup_ctx.append(_loop)
