"""The HTTP face of the sandbox: WeChat's /cgi-bin endpoints plus a /sandbox control API.

WeChat answers API errors with HTTP 200 and an errcode body, so the /cgi-bin routes do too; only the
control API (which WeChat does not have) uses HTTP status codes for bad requests.
"""

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
from aiohttp import web

from console.sandbox import errors
from console.sandbox.autoreply import validate_autoreply_info
from console.sandbox.errors import WeChatApiError
from console.sandbox.follower_messages import message_from_json
from console.sandbox.followers import push
from console.sandbox.media import StoredMedia
from console.sandbox.state import SandboxAccount, SandboxState

STATE_KEY = web.AppKey("sandbox_state", SandboxState)
SESSION_KEY = web.AppKey("sandbox_session", aiohttp.ClientSession)

_ACCOUNT_FIELDS = ("appid", "secret", "token", "aes_key", "original_id", "hub_url")


def _wechat_json(body: Any) -> web.Response:
    """JSON the way WeChat sends it: UTF-8 Chinese left unescaped."""
    return web.json_response(body, dumps=lambda obj: json.dumps(obj, ensure_ascii=False))


def _bad_request(reason: str, status: int = 400) -> web.Response:
    """Control-API refusal; the sandbox's own errors, not WeChat's."""
    return web.json_response({"error": reason}, status=status)


async def get_token(request: web.Request) -> web.Response:
    """GET /cgi-bin/token — client_credential grant."""
    state = request.app[STATE_KEY]
    q = request.query
    try:
        if q.get("grant_type") != "client_credential":
            raise WeChatApiError.of(errors.GRANT_TYPE_INVALID)
        if not q.get("appid"):
            raise WeChatApiError.of(errors.APPID_MISSING)
        if not q.get("secret"):
            raise WeChatApiError.of(errors.SECRET_MISSING)
        token, expires_in = state.issue_token(q["appid"], q["secret"])
    except WeChatApiError as exc:
        return _wechat_json(exc.as_json())
    return _wechat_json({"access_token": token, "expires_in": expires_in})


def _parse_custom_send(raw: bytes) -> tuple[str, str]:
    """(touser, content) of a text 客服 message body, or the errcode WeChat gives for a bad body."""
    if not raw.strip():
        raise WeChatApiError.of(errors.POST_DATA_EMPTY)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise WeChatApiError.of(errors.DATA_FORMAT_ERROR) from None
    if not isinstance(data, dict):
        raise WeChatApiError.of(errors.DATA_FORMAT_ERROR)
    touser = data.get("touser")
    if not isinstance(touser, str) or not touser:
        raise WeChatApiError.of(errors.OPENID_INVALID)
    if data.get("msgtype") != "text":
        raise WeChatApiError.of(errors.MSGTYPE_INVALID)
    text = data.get("text")
    if not isinstance(text, dict):
        raise WeChatApiError.of(errors.DATA_FORMAT_ERROR)
    content = text.get("content")
    if not isinstance(content, str) or not content:
        raise WeChatApiError.of(errors.CONTENT_EMPTY)
    return touser, content


async def custom_send(request: web.Request) -> web.Response:
    """POST /cgi-bin/message/custom/send — text 客服 messages, under the window rules."""
    state = request.app[STATE_KEY]
    try:
        appid = state.check_token(request.query.get("access_token"))
        touser, content = _parse_custom_send(await request.read())
        state.deliver(appid, touser, content)
    except WeChatApiError as exc:
        return _wechat_json(exc.as_json())
    return _wechat_json({"errcode": 0, "errmsg": "ok"})


async def current_autoreply_info(request: web.Request) -> web.Response:
    """GET /cgi-bin/get_current_autoreply_info — the auto-reply set up in WeChat's admin pages."""
    state = request.app[STATE_KEY]
    try:
        appid = state.check_token(request.query.get("access_token"))
    except WeChatApiError as exc:
        return _wechat_json(exc.as_json())
    return _wechat_json(state.account(appid).autoreply)


def _media_file(item: StoredMedia) -> web.Response:
    """The file the way WeChat serves it: raw bytes, type, and an attachment filename."""
    return web.Response(
        body=item.data,
        headers={
            "Content-Type": item.content_type,
            "Content-disposition": f'attachment; filename="{item.filename}"',
            "Cache-Control": "no-cache, must-revalidate",
        },
    )


async def media_get(request: web.Request) -> web.Response:
    """GET /cgi-bin/media/get — temporary media by id; a video answers {"video_url"} as WeChat does."""
    state = request.app[STATE_KEY]
    try:
        appid = state.check_token(request.query.get("access_token"))
        item = state.media.fetch(appid, request.query.get("media_id"))
    except WeChatApiError as exc:
        return _wechat_json(exc.as_json())
    if item.is_video:
        path = request.app.router["sandbox_video"].url_for(appid=appid, media_id=item.media_id)
        url = request.url.origin().join(path)
        return _wechat_json({"video_url": str(url)})
    return _media_file(item)


async def video_download(request: web.Request) -> web.Response:
    """GET /sandbox/video/{appid}/{media_id} — the DOWN_URL a video's media/get points to (no token)."""
    try:
        item = request.app[STATE_KEY].media.get(request.match_info["appid"], request.match_info["media_id"])
    except WeChatApiError:
        raise web.HTTPNotFound() from None
    return _media_file(item)


async def _json_object(request: web.Request) -> dict[str, Any]:
    """Control-API body as a dict, or ValueError."""
    try:
        data = await request.json()
    except ValueError:
        raise ValueError("body must be JSON") from None
    if not isinstance(data, dict):
        raise ValueError("body must be a JSON object")
    return data


async def add_account(request: web.Request) -> web.Response:
    """POST /sandbox/accounts — register an account (fields as SandboxAccount)."""
    try:
        data = await _json_object(request)
        missing = [f for f in _ACCOUNT_FIELDS if not isinstance(data.get(f), str) or not data[f]]
        if missing:
            raise ValueError(f"missing or non-string fields: {', '.join(missing)}")
        acc = SandboxAccount(**{f: data[f] for f in _ACCOUNT_FIELDS}, safe_mode=bool(data.get("safe_mode", True)))
        request.app[STATE_KEY].add_account(acc)
    except ValueError as exc:
        return _bad_request(str(exc))
    return web.json_response(acc.as_json())


def _push_args(data: dict[str, Any]) -> dict[str, Any]:
    """Validated keyword arguments for followers.push, or ValueError.

    A follower's message is {"content": "…"} (text), {"message": {"type": "image", …}} (any kind, see
    follower_messages.message_from_json) or {"event": "CLICK", "event_key": "…"}.
    """
    content, event, message = data.get("content"), data.get("event"), data.get("message")
    if sum(x is not None for x in (content, event, message)) != 1:
        raise ValueError("give exactly one of content, message or event")
    for name in ("content", "event", "event_key"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise ValueError(f"{name} must be a string")
    retries = data.get("retries", 0)
    if not isinstance(retries, int) or isinstance(retries, bool) or not 0 <= retries <= 10:
        raise ValueError("retries must be an integer from 0 to 10")
    msg_id = data.get("msg_id")
    if msg_id is not None and (not isinstance(msg_id, int) or isinstance(msg_id, bool)):
        raise ValueError("msg_id must be an integer")
    return {
        "content": content,
        "message": message_from_json(message) if message is not None else None,
        "event": event,
        "event_key": data.get("event_key"),
        "retries": retries,
        "plaintext": bool(data.get("plaintext", False)),
        "msg_id": msg_id,
    }


async def push_message(request: web.Request) -> web.Response:
    """POST /sandbox/push — a follower sends something; answers the hub's reply to each delivery."""
    state = request.app[STATE_KEY]
    try:
        data = await _json_object(request)
        appid, openid = data.get("appid"), data.get("openid")
        if not isinstance(openid, str) or not openid:
            raise ValueError("openid is required")
        kwargs = _push_args(data)
    except ValueError as exc:
        return _bad_request(str(exc))
    if not isinstance(appid, str) or appid not in state.accounts:
        return _bad_request(f"unknown appid {appid!r}", status=404)
    try:
        results = await push(request.app[SESSION_KEY], state, appid, openid, **kwargs)
    except (aiohttp.ClientError, TimeoutError) as exc:
        return _bad_request(f"hub unreachable: {exc!r}", status=502)
    return _wechat_json({"deliveries": [{"status": status, "body": body} for status, body in results]})


async def list_sent(request: web.Request) -> web.Response:
    """GET /sandbox/sent?appid=..[&openid=..][&via=custom|passive] — what WeChat delivered to followers:
    客服 messages (via "custom") and passive replies (via "passive")."""
    appid = request.query.get("appid")
    if not appid:
        return _bad_request("appid is required")
    via = request.query.get("via") or None
    if via not in (None, "custom", "passive"):
        return _bad_request("via must be custom or passive")
    sent = request.app[STATE_KEY].sent_to(appid, request.query.get("openid") or None, via)
    return _wechat_json([m.as_json() for m in sent])


async def list_answers(request: web.Request) -> web.Response:
    """GET /sandbox/answers?appid=.. — each delivery's timing and passive-reply outcome, and why refused
    passive replies were refused (for every account)."""
    appid = request.query.get("appid")
    if not appid:
        return _bad_request("appid is required")
    state = request.app[STATE_KEY]
    answers = [a.as_json() for a in state.answers if a.appid == appid]
    return _wechat_json({"answers": answers, "passive_errors": list(state.passive_errors)})


async def set_autoreply(request: web.Request) -> web.Response:
    """POST /sandbox/autoreply {"appid": .., "info": {..}} — what the office set up in WeChat's admin
    pages, in get_current_autoreply_info's shape; answered back as stored."""
    state = request.app[STATE_KEY]
    try:
        data = await _json_object(request)
        appid = data.get("appid")
        if not isinstance(appid, str) or not appid:
            raise ValueError("appid is required")
        info = validate_autoreply_info(data.get("info"))
    except ValueError as exc:
        return _bad_request(str(exc))
    if appid not in state.accounts:
        return _bad_request(f"unknown appid {appid!r}", status=404)
    state.accounts[appid].autoreply = info
    return _wechat_json(info)


async def advance_clock(request: web.Request) -> web.Response:
    """POST /sandbox/clock {"advance": seconds} — jump the sandbox clock forward."""
    clock = request.app[STATE_KEY].clock
    try:
        data = await _json_object(request)
        seconds = data.get("advance", 0)
        if not isinstance(seconds, int | float) or isinstance(seconds, bool):
            raise ValueError("advance must be a number of seconds")
        clock.advance(float(seconds))
    except ValueError as exc:
        return _bad_request(str(exc))
    return web.json_response({"now": clock.now()})


async def _client_session(app: web.Application) -> AsyncIterator[None]:
    """One outgoing session per app for pushes to hubs, closed with the app."""
    app[SESSION_KEY] = aiohttp.ClientSession()
    yield
    await app[SESSION_KEY].close()


def create_app(state: SandboxState) -> web.Application:
    """The sandbox application; run it with AppRunner on 127.0.0.1."""
    app = web.Application()
    app[STATE_KEY] = state
    app.cleanup_ctx.append(_client_session)
    app.router.add_get("/cgi-bin/token", get_token)
    app.router.add_post("/cgi-bin/message/custom/send", custom_send)
    app.router.add_get("/cgi-bin/media/get", media_get)
    app.router.add_get("/cgi-bin/get_current_autoreply_info", current_autoreply_info)
    app.router.add_get("/sandbox/video/{appid}/{media_id}", video_download, name="sandbox_video")
    app.router.add_post("/sandbox/accounts", add_account)
    app.router.add_post("/sandbox/push", push_message)
    app.router.add_get("/sandbox/sent", list_sent)
    app.router.add_get("/sandbox/answers", list_answers)
    app.router.add_post("/sandbox/autoreply", set_autoreply)
    app.router.add_post("/sandbox/clock", advance_clock)
    return app
