"""What keeps a web browser out of the desks' API (`/api/`).

The hub listens on loopback, and "only this machine" is not "only our desks": any web page open in a
colleague's browser can send requests to 127.0.0.1. A desk is a plain HTTP client; a browser is not,
and these checks tell them apart:

- **Host** must be one of the hub's own names: 127.0.0.1, localhost or ::1 with the hub's port, the
  address the request arrived on, the names given with `wxconsole hub --public-name` and, with
  `--remote-desktops`, this machine's host name. A DNS-rebinding page (evil.example resolving to
  127.0.0.1) carries its own name in Host, so it is refused.
- **Origin**, when present, must be the hub's own (a desk sends none; a browser always does on a
  POST). `Sec-Fetch-Site: cross-site` or `same-site` (another port of localhost) is refused too.
- **Content-Type**: a body must be `application/json`, which a page can only send after a CORS
  preflight the hub never answers. The two binary uploads (`PUT /api/evidence/…`, `PUT /api/assets/…`)
  take any type but the three a page may send without asking (text/plain and the form types).
- **Size and depth**: a JSON body has a size limit (small before sign-in) and at most MAX_DEPTH levels
  of nesting, checked on the raw text before any parser recurses into it. `json_body` reads, limits,
  parses and type-checks a body to an object, with a 400 in words.

Refusals are 403 (415 for a wrong content type, 413 for too large, 400 for unreadable JSON) with
words, never a traceback."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import re
import socket
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler
from yarl import URL

from console.hub.context import CONTEXT

MAX_JSON_BYTES = 10 * 1024 * 1024  # a post of 8 articles, each up to WeChat's 1 MB, fits
MAX_OPEN_JSON_BYTES = 64 * 1024  # before sign-in (sign-in, first administrator): a few short fields
MAX_UPLOAD_BYTES = 21 * 1024 * 1024  # the uploads' own handlers keep to their limits (20 MB, 10 MB)
MAX_DEPTH = 32
OPEN_BODIES = {"/api/sign-in", "/api/first-admin"}
UPLOADS = re.compile(r"^/api/(evidence|assets)/[^/]+$")
SIMPLE_TYPES = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}

FOREIGN_HOST = (
    "服务端拒绝了这个请求：请求中的服务端地址“{host}”不是这台服务端的地址。"
    "请在桌面端填写服务端本身的地址（例如 http://127.0.0.1:8600）；"
    "若经反向代理或域名访问，请在启动服务端时用 --public-name 写明这个域名。"
)
FOREIGN_ORIGIN = "服务端不接受来自网页的请求（来源：{origin}）。请使用政务微信工作台桌面端。"
NOT_JSON = "服务端只接受 JSON 格式的请求内容（Content-Type: application/json）。请使用政务微信工作台桌面端。"
NOT_UPLOAD = "上传文件时请求内容的类型不对，服务端不接受网页表单或纯文本上传。请使用政务微信工作台桌面端上传。"
TOO_LARGE = "请求内容太大（超过 {size}），服务端没有接收。请减少内容后再试，例如把图文拆成几条。"
TOO_DEEP = f"请求内容的层次太深（超过 {MAX_DEPTH} 层），服务端没有接收。"
UNREADABLE = "请求内容不是有效的 JSON，服务端无法读取。"
NOT_OBJECT = "请求内容应是一个 JSON 对象（{…}）。"

_CHECKED = web.RequestKey("json_checked", bool)
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


@dataclass(frozen=True)
class HostNames:
    """The names a request's Host may carry besides loopback and the address it arrived on.
    `names` are bare host names (any port: typically a reverse proxy in front), `with_ports` are
    (name, port) pairs given as `name:port`."""

    names: frozenset[str] = frozenset()
    with_ports: frozenset[tuple[str, int]] = field(default_factory=frozenset)

    @classmethod
    def parse(cls, given: tuple[str, ...] | list[str], remote_desktops: bool = False) -> HostNames:
        names: set[str] = set()
        with_ports: set[tuple[str, int]] = set()
        for item in given:
            host, port = _split_host(item.strip())
            if host is None:
                raise ValueError(
                    f"“{item}”不是有效的服务端名称，请写成 hub.example.gov.cn 或 hub.example.gov.cn:8600。"
                )
            if port is None:
                names.add(host)
            else:
                with_ports.add((host, port))
        if remote_desktops:
            names.update(_own_names())
        return cls(frozenset(names), frozenset(with_ports))


@cache
def _own_names() -> frozenset[str]:
    """This machine's host name, as desks on the office network may call it."""
    name = socket.gethostname().strip().lower().rstrip(".")
    return frozenset({name} if name else set())


def _split_host(value: str) -> tuple[str | None, int | None]:
    """("host", port or None) of a Host header value; (None, None) when it cannot be read."""
    if not value or any(ch in value for ch in "/?#@ \t"):
        return None, None
    try:
        url = URL(f"http://{value}")
        host = url.host
    except ValueError:
        return None, None
    if not host:
        return None, None
    return host.lower(), url.explicit_port


def _local_address(request: web.Request) -> tuple[str | None, int | None]:
    """The address and port the request arrived on (None when the transport does not say)."""
    transport = request.transport
    sockname = transport.get_extra_info("sockname") if transport is not None else None
    if isinstance(sockname, tuple) and len(sockname) >= 2:
        return str(sockname[0]).lower(), int(sockname[1])
    return None, None


def _same_address(a: str, b: str) -> bool:
    try:
        return ipaddress.ip_address(a) == ipaddress.ip_address(b)
    except ValueError:
        return False


def host_allowed(request: web.Request, extra: HostNames) -> bool:
    host, port = _split_host(request.headers.get("Host", ""))
    if host is None:
        return False
    local_ip, local_port = _local_address(request)
    if host in extra.names or (port is not None and (host, port) in extra.with_ports):
        return True
    ours = host in LOOPBACK_NAMES or (local_ip is not None and _same_address(host, local_ip))
    if not ours:
        return False
    return local_port is None or (port if port is not None else 80) == local_port


def origin_allowed(request: web.Request) -> bool:
    """No Origin (a desk), or the hub's own origin; and no browser saying the page is another site's."""
    if request.headers.get("Sec-Fetch-Site", "").strip().lower() in {"cross-site", "same-site"}:
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    try:
        url = URL(origin.strip())
    except ValueError:
        return False
    if url.scheme not in {"http", "https"} or not url.host or url.path not in {"", "/"}:
        return False  # "null" (a sandboxed page or a file) lands here too
    host, port = _split_host(request.headers.get("Host", ""))
    default = 443 if url.scheme == "https" else 80
    return (url.host.lower(), url.explicit_port or default) == (host, port or default)


def _refuse(status: int, text: str) -> web.Response:
    return web.json_response({"error": text}, status=status)


@cache
def _parsed_names(given: tuple[str, ...], remote_desktops: bool) -> HostNames:
    return HostNames.parse(given, remote_desktops)


def _host_names(request: web.Request) -> HostNames:
    ctx = request.app[CONTEXT]
    return _parsed_names(tuple(ctx.public_names), ctx.remote_desktops)


@web.middleware
async def browsers_refused(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Host, Origin and Content-Type on every `/api/` request (see the module's words)."""
    if not request.path.startswith("/api/"):
        return await handler(request)
    if not host_allowed(request, _host_names(request)):
        shown = request.headers.get("Host", "")[:80] or "（无）"
        return _refuse(403, FOREIGN_HOST.format(host=shown))
    if not origin_allowed(request):
        shown = request.headers.get("Origin", "")[:80] or request.headers.get("Sec-Fetch-Site", "")
        return _refuse(403, FOREIGN_ORIGIN.format(origin=shown))
    if request.body_exists:
        given = request.headers.get("Content-Type")
        mime = request.content_type.lower() if given else ""
        if request.method == "PUT" and UPLOADS.match(request.path):
            # PUT always needs a preflight; the type check keeps a form or text body out all the same.
            if mime in SIMPLE_TYPES:
                return _refuse(415, NOT_UPLOAD)
        elif mime != "application/json":
            return _refuse(415, NOT_JSON)
    return await handler(request)


def _size_words(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def json_limit(path: str) -> int:
    return MAX_OPEN_JSON_BYTES if path in OPEN_BODIES else MAX_JSON_BYTES


def too_deep(text: str | bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON text nests more than `limit` levels, judged on the raw text without parsing it
    (strings are skipped, so brackets inside them do not count). Runs in C but for the final count."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    depth = 0
    for step in map(_STEP.__getitem__, brackets):
        depth += step
        if depth > limit:
            return True
    return False


async def _too_deep(data: bytes) -> bool:
    if len(data) < 256 * 1024:
        return too_deep(data)
    return await asyncio.to_thread(too_deep, data)


@web.middleware
async def bounded_bodies(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Runs after sign-in: reads an `/api/` body up to its route's limit (so nobody unknown makes the
    hub read megabytes) and refuses JSON that nests too deep before any handler parses it."""
    if not request.path.startswith("/api/") or not request.body_exists:
        return await handler(request)
    if request.method == "PUT" and UPLOADS.match(request.path):
        return await handler(request.clone(client_max_size=MAX_UPLOAD_BYTES))
    limit = json_limit(request.path)
    if request.content_length is not None and request.content_length > limit:
        return _refuse(413, TOO_LARGE.format(size=_size_words(limit)))
    bounded = request.clone(client_max_size=limit + 1)
    try:
        data = await bounded.read()
    except web.HTTPRequestEntityTooLarge:
        return _refuse(413, TOO_LARGE.format(size=_size_words(limit)))
    if len(data) > limit:
        return _refuse(413, TOO_LARGE.format(size=_size_words(limit)))
    if await _too_deep(data):
        return _refuse(400, TOO_DEEP)
    bounded[_CHECKED] = True
    return await handler(bounded)


def _bad_request(text: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=json.dumps({"error": text}, ensure_ascii=False), content_type="application/json")


def _too_large(limit: int, actual: int) -> web.HTTPRequestEntityTooLarge:
    words = json.dumps({"error": TOO_LARGE.format(size=_size_words(limit))}, ensure_ascii=False)
    return web.HTTPRequestEntityTooLarge(limit, actual, text=words, content_type="application/json")


async def json_body(request: web.Request) -> dict[str, Any]:
    """The request's JSON object: read within the route's size limit, depth-checked, parsed; any
    problem is an HTTPBadRequest (400; 413 when too large) whose `error` says it in words."""
    limit = json_limit(request.path)
    if request.content_length is not None and request.content_length > limit:
        raise _too_large(limit, request.content_length)
    try:
        data = await request.read()
    except web.HTTPRequestEntityTooLarge as exc:
        raise _too_large(limit, request.content_length or limit + 1) from exc
    if len(data) > limit:
        raise _too_large(limit, len(data))
    if not request.get(_CHECKED) and await _too_deep(data):
        raise _bad_request(TOO_DEEP)
    try:
        body = json.loads(data)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise _bad_request(UNREADABLE) from exc
    if not isinstance(body, dict):
        raise _bad_request(NOT_OBJECT)
    return body
