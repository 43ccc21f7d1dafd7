"""The HTTP face of the sandbox: WeChat's /cgi-bin endpoints plus a /sandbox control API.

WeChat answers API errors with HTTP 200 and an errcode body, so the /cgi-bin routes do too; only the
control API (which WeChat does not have) uses HTTP status codes for bad requests.
"""

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from typing import Any

import aiohttp
from aiohttp import web

from console.sandbox import errors, latency
from console.sandbox.autoreply import validate_autoreply_info
from console.sandbox.errors import WeChatApiError
from console.sandbox.follower_messages import message_from_json
from console.sandbox.followers import push
from console.sandbox.job_events import run_mass_job, run_publish_job
from console.sandbox.media import StoredMedia
from console.sandbox.publishing import IMAGE_PATH, INVALID_FILE_SIZE, MEDIA_DATA_MISSING, PUBLISH_FAULTS
from console.sandbox.state import SandboxAccount, SandboxState

log = logging.getLogger(__name__)

STATE_KEY = web.AppKey("sandbox_state", SandboxState)
SESSION_KEY = web.AppKey("sandbox_session", aiohttp.ClientSession)
JOBS_KEY: web.AppKey[set[asyncio.Task[None]]] = web.AppKey("sandbox_jobs")  # running publish/mass jobs
MAX_UPLOAD = 64 * 1024 * 1024  # well above WeChat's 10 MB material limit, so WeChat's own errcode answers

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
        await state.failures.before_token()
        token, expires_in = state.issue_token(q["appid"], q["secret"])
        state.failures.token_issued(q["appid"])
    except WeChatApiError as exc:
        return _wechat_json(exc.as_json())
    return _wechat_json({"access_token": token, "expires_in": expires_in})


def _wechat_object(raw: bytes) -> dict[str, Any]:
    """A JSON object body as WeChat reads it: 44002 when empty, 47001 when not a JSON object."""
    if not raw.strip():
        raise WeChatApiError.of(errors.POST_DATA_EMPTY)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise WeChatApiError.of(errors.DATA_FORMAT_ERROR) from None
    if not isinstance(data, dict):
        raise WeChatApiError.of(errors.DATA_FORMAT_ERROR)
    return data


def _parse_custom_send(raw: bytes) -> tuple[str, str]:
    """(touser, content) of a text 客服 message body, or the errcode WeChat gives for a bad body."""
    data = _wechat_object(raw)
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
        forced = state.failures.forced_errcode()
        if forced is not None:
            raise WeChatApiError(forced, "forced by /sandbox/failures")
        appid = state.check_token(request.query.get("access_token"))
        touser, content = _parse_custom_send(await request.read())
        state.deliver(appid, touser, content)
    except WeChatApiError as exc:
        return _wechat_json(exc.as_json())
    return await state.failures.after_delivery(request, _wechat_json({"errcode": 0, "errmsg": "ok"}))


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


# --- materials, drafts, publishing, mass sends -------------------------------------------------------

CgiAction = Callable[[web.Request, SandboxState, str], Awaitable[dict[str, Any]]]


def _cgi(action: CgiAction) -> Callable[[web.Request], Awaitable[web.Response]]:
    """A /cgi-bin handler: check the access_token, run `action` for its appid, answer its JSON or the
    errcode body WeChat would send."""

    async def handle(request: web.Request) -> web.Response:
        state = request.app[STATE_KEY]
        try:
            appid = state.check_token(request.query.get("access_token"))
            answer = await action(request, state, appid)
        except WeChatApiError as exc:
            return _wechat_json(exc.as_json())
        return _wechat_json(answer)

    handle.__doc__ = action.__doc__
    return handle


def _start_job(app: web.Application, job: Coroutine[Any, Any, None]) -> None:
    """Run a publish/mass job in the background, kept referenced until done and cancelled on shutdown."""
    tasks = app[JOBS_KEY]
    task = asyncio.get_running_loop().create_task(job)
    tasks.add(task)

    def done(finished: asyncio.Task[None]) -> None:
        tasks.discard(finished)
        if not finished.cancelled() and finished.exception() is not None:
            log.error("sandbox job failed", exc_info=finished.exception())

    task.add_done_callback(done)


async def _uploaded_media(request: web.Request) -> bytes:
    """The bytes of the multipart field "media", or 41005 as WeChat answers a call without a file."""
    if not request.content_type.startswith("multipart/"):
        raise WeChatApiError.of(MEDIA_DATA_MISSING)
    try:
        form = await request.post()
    except web.HTTPRequestEntityTooLarge:
        raise WeChatApiError.of(INVALID_FILE_SIZE) from None
    media = form.get("media")
    if not isinstance(media, web.FileField):
        raise WeChatApiError.of(MEDIA_DATA_MISSING)
    return media.file.read()


def _origin(request: web.Request) -> str:
    return str(request.url.origin())


async def upload_article_image(request: web.Request, state: SandboxState, appid: str) -> dict[str, Any]:
    """POST /cgi-bin/media/uploadimg — a picture for an article's body (jpg/png under 1 MB) → {"url"}."""
    image = state.publishing.upload_article_image(appid, await _uploaded_media(request), _origin(request))
    return {"url": image.url}


async def add_material(request: web.Request, state: SandboxState, appid: str) -> dict[str, Any]:
    """POST /cgi-bin/material/add_material?type=image — a permanent image material → {"media_id", "url"}."""
    data = await _uploaded_media(request)
    material = state.publishing.add_material(appid, request.query.get("type"), data, _origin(request))
    return {"media_id": material.media_id, "url": material.image.url}


async def draft_add(request: web.Request, state: SandboxState, appid: str) -> dict[str, Any]:
    """POST /cgi-bin/draft/add {"articles": [...]} → {"media_id"}."""
    draft = state.publishing.add_draft(appid, _wechat_object(await request.read()))
    return {"media_id": draft.media_id}


async def draft_update(request: web.Request, state: SandboxState, appid: str) -> dict[str, Any]:
    """POST /cgi-bin/draft/update {"media_id", "index", "articles": {one article}}."""
    state.publishing.update_draft(appid, _wechat_object(await request.read()))
    return {"errcode": 0, "errmsg": "ok"}


async def draft_get(request: web.Request, state: SandboxState, appid: str) -> dict[str, Any]:
    """POST /cgi-bin/draft/get {"media_id"} → {"news_item": [...]}."""
    draft = state.publishing.draft(appid, _wechat_object(await request.read()).get("media_id"))
    return {"news_item": [dict(a) for a in draft.articles]}


async def draft_delete(request: web.Request, state: SandboxState, appid: str) -> dict[str, Any]:
    """POST /cgi-bin/draft/delete {"media_id"}."""
    state.publishing.delete_draft(appid, _wechat_object(await request.read()).get("media_id"))
    return {"errcode": 0, "errmsg": "ok"}


async def draft_count(request: web.Request, state: SandboxState, appid: str) -> dict[str, Any]:
    """GET /cgi-bin/draft/count → {"total_count"}."""
    return {"total_count": len(state.publishing.drafts_of(appid))}


async def publish_submit(request: web.Request, state: SandboxState, appid: str) -> dict[str, Any]:
    """POST /cgi-bin/freepublish/submit {"media_id"} → {"publish_id", "msg_data_id"}; the job finishes
    after PublishingDesk.job_delay seconds and pushes PUBLISHJOBFINISH."""
    desk = state.publishing
    job = desk.submit_publish(appid, _wechat_object(await request.read()).get("media_id"))
    _start_job(request.app, run_publish_job(request.app[SESSION_KEY], state, job.publish_id, desk.job_delay))
    return {"errcode": 0, "errmsg": "ok", "publish_id": job.publish_id, "msg_data_id": job.msg_data_id}


async def publish_get(request: web.Request, state: SandboxState, appid: str) -> dict[str, Any]:
    """POST /cgi-bin/freepublish/get {"publish_id"} → the job's publish_status (1 while publishing)."""
    return state.publishing.publish_job(appid, _wechat_object(await request.read()).get("publish_id")).as_wechat()


async def mass_sendall(request: web.Request, state: SandboxState, appid: str) -> dict[str, Any]:
    """POST /cgi-bin/message/mass/sendall — a draft to every follower, under the quota and clientmsgid
    rules; the job finishes after PublishingDesk.job_delay seconds and pushes MASSSENDJOBFINISH."""
    desk = state.publishing
    account = state.account(appid)
    body = _wechat_object(await request.read())
    send = desk.mass_send(appid, account.account_type, state.follower_count(appid), body)
    _start_job(request.app, run_mass_job(request.app[SESSION_KEY], state, send.msg_id, desk.job_delay))
    return {
        "errcode": 0,
        "errmsg": "send job submission success",
        "msg_id": send.msg_id,
        "msg_data_id": send.msg_data_id,
    }


async def mass_get(request: web.Request, state: SandboxState, appid: str) -> dict[str, Any]:
    """POST /cgi-bin/message/mass/get {"msg_id"} → {"msg_id", "msg_status"}."""
    send = state.publishing.mass_job(appid, _wechat_object(await request.read()).get("msg_id"))
    return {"msg_id": send.msg_id, "msg_status": send.status}


async def image_file(request: web.Request) -> web.Response:
    """GET /sandbox/img/{appid}/{name} — an uploaded picture, as WeChat's CDN serves it (no token)."""
    image = request.app[STATE_KEY].publishing.image(request.match_info["appid"], request.match_info["name"])
    if image is None:
        raise web.HTTPNotFound()
    return web.Response(body=image.data, headers={"Content-Type": image.content_type})


@web.middleware
async def _drop_armed_answers(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Process a call in full, then cut the connection instead of answering when its path was armed
    in `state.drops` (once): the caller sees a dropped connection although WeChat did the work."""
    response = await handler(request)
    drops = request.app[STATE_KEY].drops
    if request.path in drops:
        drops.discard(request.path)
        if request.transport is not None:
            request.transport.close()
    return response


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
    """POST /sandbox/accounts — register an account (fields as SandboxAccount; account_type is
    "subscription" (default) or "service")."""
    try:
        data = await _json_object(request)
        missing = [f for f in _ACCOUNT_FIELDS if not isinstance(data.get(f), str) or not data[f]]
        if missing:
            raise ValueError(f"missing or non-string fields: {', '.join(missing)}")
        account_type = data.get("account_type", "subscription")
        if not isinstance(account_type, str):
            raise ValueError("account_type must be a string")
        acc = SandboxAccount(
            **{f: data[f] for f in _ACCOUNT_FIELDS},
            safe_mode=bool(data.get("safe_mode", True)),
            account_type=account_type,
        )
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


def _known_appid(request: web.Request) -> str:
    """The ?appid= of a control-API listing, or HTTPBadRequest / HTTPNotFound."""
    appid = request.query.get("appid")
    if not appid:
        raise web.HTTPBadRequest(text=json.dumps({"error": "appid is required"}), content_type="application/json")
    if appid not in request.app[STATE_KEY].accounts:
        raise web.HTTPNotFound(text=json.dumps({"error": f"unknown appid {appid!r}"}), content_type="application/json")
    return appid


async def list_mass(request: web.Request) -> web.Response:
    """GET /sandbox/mass?appid=.. — every mass send WeChat accepted (and so sent), oldest first."""
    appid = _known_appid(request)
    return _wechat_json([m.as_json() for m in request.app[STATE_KEY].publishing.mass_of(appid)])


async def list_published(request: web.Request) -> web.Response:
    """GET /sandbox/published?appid=.. — every publish job, with its status and article links."""
    appid = _known_appid(request)
    jobs = request.app[STATE_KEY].publishing.jobs.values()
    return _wechat_json([j.as_json() for j in jobs if j.appid == appid])


async def list_drafts(request: web.Request) -> web.Response:
    """GET /sandbox/drafts?appid=.. — the draft box, in draft/batchget's item shape."""
    appid = _known_appid(request)
    return _wechat_json([d.as_json() for d in request.app[STATE_KEY].publishing.drafts_of(appid)])


async def arm_fault(request: web.Request) -> web.Response:
    """POST /sandbox/faults — fail or cut the next call, once:
    {"appid", "publish_status": 2|3|4} fails appid's next publish job;
    {"appid", "mass_status": "send fail" | "err(N)"} fails appid's next mass job;
    {"drop": "/cgi-bin/..."} processes the next call to that path in full but cuts the connection
    instead of answering. Answers the body as armed."""
    state = request.app[STATE_KEY]
    try:
        data = await _json_object(request)
        drop, appid = data.get("drop"), data.get("appid")
        publish_status, mass_status = data.get("publish_status"), data.get("mass_status")
        if sum(x is not None for x in (drop, publish_status, mass_status)) != 1:
            raise ValueError("give exactly one of drop, publish_status or mass_status")
        if drop is not None:
            if not isinstance(drop, str) or not drop.startswith("/cgi-bin/"):
                raise ValueError("drop must be a /cgi-bin/ path")
            state.drops.add(drop)
            return web.json_response({"drop": drop})
        if not isinstance(appid, str) or not appid:
            raise ValueError("appid is required")
        if appid not in state.accounts:
            return _bad_request(f"unknown appid {appid!r}", status=404)
        if publish_status is not None:
            if publish_status not in PUBLISH_FAULTS or isinstance(publish_status, bool):
                raise ValueError(f"publish_status must be one of {sorted(PUBLISH_FAULTS)}")
            state.publishing.arm_publish_fault(appid, int(publish_status))
            return web.json_response({"appid": appid, "publish_status": publish_status})
        if not isinstance(mass_status, str):
            raise ValueError("mass_status must be a string")
        state.publishing.arm_mass_fault(appid, mass_status)
    except ValueError as exc:
        return _bad_request(str(exc))
    return web.json_response({"appid": appid, "mass_status": mass_status})


async def arm_failures(request: web.Request) -> web.Response:
    """POST /sandbox/failures — WeChat failing until cleared (see console.sandbox.failures):
    {"send": "drop"|"late"|"ok", "times": n, "late_seconds": s, "token_hang": s, "errcode": 40001|null}
    or {"clear": true}. GET answers the modes and the counters (tokens issued, 客服 calls seen)."""
    failures = request.app[STATE_KEY].failures
    if request.method == "POST":
        try:
            data = await _json_object(request)
            if data.get("clear"):
                failures.clear()
            failures.arm({k: v for k, v in data.items() if k != "clear"})
        except ValueError as exc:
            return _bad_request(str(exc))
    return web.json_response(failures.as_json())


async def configure_jobs(request: web.Request) -> web.Response:
    """POST /sandbox/jobs {"events": bool, "delay": seconds} (either or both) — whether finished jobs
    push their event to the hub, and how long (real seconds) a job takes. Answers the settings."""
    desk = request.app[STATE_KEY].publishing
    try:
        data = await _json_object(request)
        events, delay = data.get("events"), data.get("delay")
        if events is not None and not isinstance(events, bool):
            raise ValueError("events must be true or false")
        if delay is not None and (not isinstance(delay, int | float) or isinstance(delay, bool) or delay < 0):
            raise ValueError("delay must be a number of seconds >= 0")
    except ValueError as exc:
        return _bad_request(str(exc))
    if events is not None:
        desk.push_events = events
    if delay is not None:
        desk.job_delay = float(delay)
    return web.json_response({"events": desk.push_events, "delay": desk.job_delay})


async def _job_tasks(app: web.Application) -> AsyncIterator[None]:
    """Background jobs of this app; unfinished ones are cancelled at shutdown (before the session closes)."""
    running: set[asyncio.Task[None]] = set()
    app[JOBS_KEY] = running
    yield
    tasks = list(running)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def _client_session(app: web.Application) -> AsyncIterator[None]:
    """One outgoing session per app for pushes to hubs, closed with the app."""
    app[SESSION_KEY] = aiohttp.ClientSession()
    yield
    await app[SESSION_KEY].close()


def create_app(state: SandboxState) -> web.Application:
    """The sandbox application; run it with AppRunner on 127.0.0.1."""
    app = web.Application(client_max_size=MAX_UPLOAD, middlewares=[_drop_armed_answers])
    app[STATE_KEY] = state
    app.cleanup_ctx.append(_client_session)
    app.cleanup_ctx.append(_job_tasks)  # cleaned up first: jobs stop before their session closes
    app.router.add_get("/cgi-bin/token", get_token)
    app.router.add_post("/cgi-bin/message/custom/send", custom_send)
    app.router.add_get("/cgi-bin/media/get", media_get)
    app.router.add_get("/cgi-bin/get_current_autoreply_info", current_autoreply_info)
    app.router.add_post("/cgi-bin/media/uploadimg", _cgi(upload_article_image))
    app.router.add_post("/cgi-bin/material/add_material", _cgi(add_material))
    app.router.add_post("/cgi-bin/draft/add", _cgi(draft_add))
    app.router.add_post("/cgi-bin/draft/update", _cgi(draft_update))
    app.router.add_post("/cgi-bin/draft/get", _cgi(draft_get))
    app.router.add_post("/cgi-bin/draft/delete", _cgi(draft_delete))
    app.router.add_get("/cgi-bin/draft/count", _cgi(draft_count))
    app.router.add_post("/cgi-bin/freepublish/submit", _cgi(publish_submit))
    app.router.add_post("/cgi-bin/freepublish/get", _cgi(publish_get))
    app.router.add_post("/cgi-bin/message/mass/sendall", _cgi(mass_sendall))
    app.router.add_post("/cgi-bin/message/mass/get", _cgi(mass_get))
    app.router.add_get("/sandbox/video/{appid}/{media_id}", video_download, name="sandbox_video")
    app.router.add_get(IMAGE_PATH + "/{appid}/{name}", image_file)
    app.router.add_post("/sandbox/accounts", add_account)
    app.router.add_post("/sandbox/push", push_message)
    app.router.add_get("/sandbox/sent", list_sent)
    app.router.add_get("/sandbox/answers", list_answers)
    app.router.add_post("/sandbox/autoreply", set_autoreply)
    app.router.add_post("/sandbox/clock", advance_clock)
    app.router.add_get("/sandbox/mass", list_mass)
    app.router.add_get("/sandbox/published", list_published)
    app.router.add_get("/sandbox/drafts", list_drafts)
    app.router.add_post("/sandbox/faults", arm_fault)
    app.router.add_route("*", "/sandbox/failures", arm_failures)
    app.router.add_post("/sandbox/jobs", configure_jobs)
    latency.install(app)  # a slow WeChat on demand (POST /sandbox/latency)
    return app
