"""A slow WeChat on demand: the sandbox waits before answering chosen endpoints, as WeChat does on a
bad day (a custom send taking seconds). Tests use it to show the hub keeps answering pushes and
`/healthz` while its calls to WeChat crawl.

`POST /sandbox/latency {"path": "/cgi-bin/message/custom/send", "seconds": 8}` sets the delay of one
path (0 removes it); `GET /sandbox/latency` lists them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiohttp import web

LATENCY_KEY = web.AppKey("sandbox_latency", dict)  # path → seconds to wait before handling
MAX_DELAY = 600.0


@web.middleware
async def slow_paths(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    delay = request.app[LATENCY_KEY].get(request.path, 0.0)
    if delay > 0:
        await asyncio.sleep(delay)
    return await handler(request)


async def set_latency(request: web.Request) -> web.Response:
    try:
        data = await request.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return web.json_response({"error": "body must be a JSON object"}, status=400)
    path, seconds = data.get("path"), data.get("seconds")
    if not isinstance(path, str) or not path.startswith("/"):
        return web.json_response({"error": "path must be an endpoint path such as /cgi-bin/token"}, status=400)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 <= seconds <= MAX_DELAY:
        return web.json_response({"error": f"seconds must be a number from 0 to {MAX_DELAY:g}"}, status=400)
    delays = request.app[LATENCY_KEY]
    if seconds:
        delays[path] = float(seconds)
    else:
        delays.pop(path, None)
    return web.json_response(delays)


async def list_latency(request: web.Request) -> web.Response:
    return web.json_response(request.app[LATENCY_KEY])


def install(app: web.Application) -> None:
    """Add the delays (none at first) and their control route to a sandbox app being built."""
    app[LATENCY_KEY] = {}
    app.middlewares.append(slow_paths)
    app.router.add_post("/sandbox/latency", set_latency)
    app.router.add_get("/sandbox/latency", list_latency)
