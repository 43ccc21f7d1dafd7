"""`GET /api/media/{message_id}[?thumb=1]`: the picture, voice note or video a follower sent.

WeChat keeps a follower's media for 3 days and counts every download against the account's API quota,
so the hub fetches each media id from WeChat once, keeps the file for good under
`data_dir()/media/<appid>/`, and serves every seat from there. Concurrent requests for a file not yet
cached share one download. `prefetch` does the same without a request, for the callback to call as soon
as a media message arrives, before the 3 days run out.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from console.files import write_atomically
from console.hub.auth_api import STAFF
from console.hub.context import CONTEXT, HubContext, context
from console.hub.delivery import wechat_call
from console.paths import data_dir
from console.secrets import MissingSecrets, SecretsUnavailable
from console.staff.access import Seat
from console.store.database import Database
from console.store.models import Message
from console.sync.media import content_type_for, extension_for, find_cached
from console.wechat.errors import WeChatError

log = logging.getLogger(__name__)

NO_MESSAGE = "消息不存在，可能已被删除。"
NO_MEDIA = "这条消息没有可下载的图片、语音或视频。"
NO_THUMB = "这条消息没有视频封面。"
NO_SECRETS = "服务端读不到该公众号的密钥，无法从微信下载文件。请管理员检查密钥存储。"

_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,128}")


def _safe_name(text: str) -> str:
    """WeChat's ids are URL-safe already; anything else is hashed so it can never name a path."""
    if _SAFE_NAME.fullmatch(text) and not text.startswith("sha256-"):
        return text
    return "sha256-" + hashlib.sha256(text.encode("utf-8")).hexdigest()


class NoMedia(LookupError):
    """No such message, or nothing to download in it; `str(exc)` is the reason in words."""


@dataclass(frozen=True)
class MediaRef:
    """Which file of which account: media ids are only meaningful to the account that received them."""

    appid: str
    media_id: str


@dataclass(frozen=True)
class Served:
    """A file ready to send: on disk (path), or only in memory when it could not be cached (data)."""

    content_type: str
    path: Path | None = None
    data: bytes = b""


def media_ref(db: Database, message_id: int, thumb: bool = False, seat: Seat | None = None) -> MediaRef:
    """The account and media id of a message (ThumbMediaId with thumb), or NoMedia. A message of an
    account `seat` may not see is "no such message" (console.staff.access), never a hint that it exists."""
    with db.session() as session:
        message = session.get(Message, message_id)
        if message is None or (seat is not None and not seat.may(message.account.appid)):
            raise NoMedia(NO_MESSAGE)
        payload = message.payload or {}
        media_id = payload.get("ThumbMediaId" if thumb else "MediaId")
        if not isinstance(media_id, str) or not media_id:
            raise NoMedia(NO_THUMB if thumb else NO_MEDIA)
        return MediaRef(message.account.appid, media_id)


class HubMediaCache:
    """Files by (appid, media id) under root, and the downloads in flight.

    root None means `data_dir()/media`, resolved on first use so WXCONSOLE_HOME set later still counts.
    """

    def __init__(self, root: Path | None = None) -> None:
        self._root = root
        self._inflight: dict[MediaRef, asyncio.Task[Served]] = {}

    @property
    def root(self) -> Path:
        return self._root if self._root is not None else data_dir() / "media"

    def _folder(self, ref: MediaRef) -> Path:
        return self.root / _safe_name(ref.appid)

    def find(self, ref: MediaRef) -> Served | None:
        path = find_cached(self._folder(ref), _safe_name(ref.media_id))
        return Served(content_type_for(path), path) if path is not None else None

    def store(self, ref: MediaRef, data: bytes, content_type: str) -> Served:
        """Keep the file; if the disk refuses, still hand out the bytes (and try again next time)."""
        path = self._folder(ref) / f"{_safe_name(ref.media_id)}.{extension_for(content_type)}"
        try:
            write_atomically(path, data)
        except OSError as exc:
            log.warning("media for %s not cached: %s", ref.appid, exc)
            return Served(content_type, None, data)
        return Served(content_type_for(path), path)

    async def get(self, ctx: HubContext, ref: MediaRef) -> Served:
        """From disk, else downloaded from WeChat once however many ask at the same time.

        Raises WeChatError (e.g. 40007 expired) or MissingSecrets/SecretsUnavailable.
        """
        cached = await asyncio.to_thread(self.find, ref)
        if cached is not None:
            return cached
        task = self._inflight.get(ref)
        if task is None:
            task = asyncio.ensure_future(self._download(ctx, ref))
            self._inflight[ref] = task
            task.add_done_callback(lambda done: self._finished(ref, done))
        # Shielded: a desktop that gives up must not cancel the download others are waiting for.
        return await asyncio.shield(task)

    def _finished(self, ref: MediaRef, task: asyncio.Task[Served]) -> None:
        self._inflight.pop(ref, None)
        if not task.cancelled():
            task.exception()  # retrieved here, so an error nobody awaited any more is not logged as lost

    async def _download(self, ctx: HubContext, ref: MediaRef) -> Served:
        cached = await asyncio.to_thread(self.find, ref)  # another download may have just finished
        if cached is not None:
            return cached
        data, content_type = await wechat_call(ctx, ctx.gateway.fetch_media, ref.appid, ref.media_id)
        return await asyncio.to_thread(self.store, ref, data, content_type)


MEDIA_CACHE = web.AppKey("media_cache", HubMediaCache)


def _error(status: int, reason: str, errcode: int | None = None) -> web.Response:
    body: dict[str, object] = {"error": reason}
    if errcode is not None:
        body["errcode"] = errcode
    return web.json_response(body, status=status)


async def media(request: web.Request) -> web.StreamResponse:
    """The file with its content type; 404 no message/no media, 502 WeChat refused, 503 no secrets."""
    ctx, cache = context(request), request.app[MEDIA_CACHE]
    raw = request.match_info["message_id"]
    # A row id is a positive 64-bit integer to SQLite; a longer one overflows it (a 500 before), so any
    # id that cannot be a row's is "no such message", like a number that is one no row has.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        return _error(404, NO_MESSAGE)
    message_id = int(raw)
    thumb = request.query.get("thumb", "") in ("1", "true", "yes")
    try:
        ref = await asyncio.to_thread(media_ref, ctx.db, message_id, thumb, Seat.from_view(request[STAFF]))
        served = await cache.get(ctx, ref)
    except NoMedia as exc:
        return _error(404, str(exc))
    except WeChatError as exc:
        return _error(502, exc.reason, exc.errcode)
    except (MissingSecrets, SecretsUnavailable):
        return _error(503, NO_SECRETS)
    headers = {
        "Content-Type": served.content_type,
        # A message's file never changes, so a browser-like client may keep it.
        "Cache-Control": "private, max-age=86400",
    }
    if served.path is not None:
        return web.FileResponse(served.path, headers=headers)
    return web.Response(body=served.data, headers=headers)


async def prefetch(app: web.Application, message_id: int) -> bool:
    """Cache a new message's file now, while WeChat still has it.

    True when the file is on disk afterwards; False when the message has nothing to download or the
    download failed. Failures are logged, never raised, so the caller can fire and forget.
    """
    ctx, cache = app[CONTEXT], app[MEDIA_CACHE]
    try:
        ref = await asyncio.to_thread(media_ref, ctx.db, message_id)
        served = await cache.get(ctx, ref)
    except NoMedia:
        return False
    except (WeChatError, MissingSecrets, SecretsUnavailable) as exc:
        log.warning("could not prefetch media of message %s: %s", message_id, exc)
        return False
    return served.path is not None


def add_routes(app: web.Application, root: Path | None = None) -> None:
    """Register the route and the cache (files under root, default data_dir()/media). Idempotent."""
    if MEDIA_CACHE in app:
        return
    app[MEDIA_CACHE] = HubMediaCache(root)
    app.router.add_get("/api/media/{message_id}", media)
