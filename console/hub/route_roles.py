"""The roles a route needs beyond being signed in, declared in one place like the command kinds'
(console.commands.registry): the middleware checks them before any handler runs, and handlers never
check a role themselves. What a colleague may *see* through a route is the access rule's
(console.staff.access), applied by the route's query."""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler

from console.commands.registry import ADMINISTRATORS, REVIEWERS
from console.hub.auth_api import STAFF, seat_of
from console.store.models import Role

# (method, path) → (any of these roles, the words for everyone else)
ROUTE_ROLES: dict[tuple[str, str], tuple[frozenset[Role], str]] = {
    ("GET", "/api/audit"): (REVIEWERS, "只有审核人或管理员可以查看操作日志。"),
    ("PUT", "/api/wordlists"): (ADMINISTRATORS, "错敏词词表适用于所有公众号，只有管理员可以修改。"),
}


@web.middleware
async def roles_declared(request: web.Request, handler: Handler) -> web.StreamResponse:
    rule = ROUTE_ROLES.get((request.method, request.path))
    if rule is not None and STAFF in request:
        roles, words = rule
        seat = seat_of(request)
        if not any(seat.has_role(role) for role in roles):
            return web.json_response({"error": words}, status=403)
    return await handler(request)
