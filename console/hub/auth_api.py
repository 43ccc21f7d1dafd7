"""Who is at a desk: sign-in with a password (argon2 on the hub, lockout after repeated failures), a
session token the desk keeps in the system key store, and a middleware that answers every other
`/api/` call only for a signed-in colleague. The hub takes a command's author from the session, never
from what the desk says, so nobody can act in a colleague's name.

On a hub with no administrator yet, `/api/first-admin` creates the first one (and only then), given
the one-time setup code only someone at the hub machine can read (console.staff.setup_code). A failed
sign-in of a login that is nobody's is logged under a mark, never the string itself: it may be a
password typed into the wrong field."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler

from console.audit import record
from console.hub.context import context
from console.hub.guard import json_body
from console.staff.access import Seat
from console.staff.directory import StaffError, create_staff, needs_first_admin, staff_view
from console.staff.sessions import SignedIn, SignInRefused, authenticate, sign_in, sign_out, stranger_mark, warm_up
from console.staff.setup_code import SetupCode
from console.store.database import Database
from console.store.models import Role, Staff
from console.timeutil import utcnow

STAFF = web.RequestKey("staff", dict)  # the signed-in colleague behind a request
OPEN_PATHS = {"/api/sign-in", "/api/status", "/api/first-admin"}
NOT_SIGNED_IN = "请先登录。登录已过期或在别处退出时，也需要重新登录。"
SETUP_CODE_NEEDED = (
    "请在服务端电脑上查看初始设置码，填写后再创建管理员：启动服务端（wxconsole hub）时它显示在窗口中，"
    "也保存在服务端数据库旁的“{file}”文件里。设置码只能用一次。"
)
HAS_ADMIN = "这个服务端已经有管理员了，请用管理员账号登录后添加人员。"
_FIRST_ADMIN = threading.Lock()  # two first-administrator requests at once: one wins, the other is told


def bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() or None if header.startswith("Bearer ") else None


def seat_of(request: web.Request) -> Seat:
    """The signed-in colleague behind this request, as the commands know them."""
    staff: dict[str, Any] = request[STAFF]
    return Seat.from_view(staff)


def _who(db: Database, token: str, now: Any) -> dict[str, Any] | None:
    with db.session() as session:
        staff = authenticate(session, token, now)
        return None if staff is None else {**staff_view(staff), "roles": staff.roles}


@web.middleware
async def signed_in_only(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not request.path.startswith("/api/") or request.path in OPEN_PATHS:
        return await handler(request)
    token = bearer(request)
    ctx = context(request)
    # Sessions run on real time, not the hub's WeChat clock (which the demo and tests move forward).
    staff = await asyncio.to_thread(_who, ctx.db, token, utcnow()) if token else None
    if staff is None:
        return web.json_response({"error": NOT_SIGNED_IN, "sign_in": True}, status=401)
    request[STAFF] = staff
    return await handler(request)


def _sign_in(db: Database, login: str, password: str, now: Any) -> SignedIn | str:
    with db.session() as session:
        try:
            signed = sign_in(session, login, password, now)
        except SignInRefused as exc:
            action = "locked" if exc.locked else "sign_in_failed"
            # Only a colleague's own login is kept as it was typed; anything else may be a password.
            actor = login.strip().lower()[:64] if exc.staff_id is not None else stranger_mark(login)
            record(session, actor, action, f"staff:{exc.staff_id or '?'}")
            return str(exc)
        record(session, signed.staff.login, "sign_in", f"staff:{signed.staff.id}")
        return signed


async def sign_in_route(request: web.Request) -> web.Response:
    """`POST /api/sign-in` {login, password} → {token, staff, expires_at}, or 401 in words."""
    ctx = context(request)
    body = await json_body(request)
    login, password = body.get("login"), body.get("password")
    if not isinstance(login, str) or not isinstance(password, str):
        return web.json_response({"error": "请填写登录名和密码。"}, status=400)
    login = login.strip()
    result = await asyncio.to_thread(_sign_in, ctx.db, login, password, utcnow())
    if isinstance(result, str):
        return web.json_response({"error": result}, status=401)
    staff = {**staff_view(result.staff), "roles": result.staff.roles}
    return web.json_response({"token": result.token, "staff": staff, "expires_at": result.expires_at.isoformat()})


def _sign_out(db: Database, token: str, login: str) -> None:
    with db.session() as session:
        sign_out(session, token)
        record(session, login, "sign_out")


async def sign_out_route(request: web.Request) -> web.Response:
    ctx = context(request)
    await asyncio.to_thread(_sign_out, ctx.db, bearer(request) or "", request[STAFF]["login"])
    return web.json_response({"ok": True})


async def me(request: web.Request) -> web.Response:
    return web.json_response({"staff": request[STAFF]})


def _needs_admin(db: Database) -> bool:
    with db.session() as session:
        return needs_first_admin(session)


async def status(request: web.Request) -> web.Response:
    """`GET /api/status`: whether this hub still needs its first administrator (first run)."""
    return web.json_response({"needs_first_admin": await asyncio.to_thread(_needs_admin, context(request).db)})


def _first_admin(db: Database, setup: SetupCode | None, body: dict[str, str]) -> Staff | tuple[int, str]:
    with _FIRST_ADMIN, db.session() as session:
        if not needs_first_admin(session):
            return 422, HAS_ADMIN
        if setup is None or not setup.matches(body["setup_code"]):
            file = setup.path.name if setup is not None else "*.setup-code"
            if setup is not None:
                setup.ensure()  # whoever sits at the hub machine can read one, even if it was deleted
            return 403, SETUP_CODE_NEEDED.format(file=file)
        login = body["login"]
        try:
            staff = create_staff(
                session, login, body["name"], body["password"], [Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR]
            )
        except StaffError as exc:
            return 422, str(exc)
        record(
            session,
            staff.login,
            "staff_change",
            f"staff:{staff.id}",
            after={"login": staff.login, "roles": staff.roles},
        )
    setup.consume()
    return staff


async def first_admin(request: web.Request) -> web.Response:
    """`POST /api/first-admin` {login, name, password, setup_code}: only while the hub has no
    administrator, and only with the setup code from the hub machine (403 in words without it)."""
    ctx = context(request)
    body = await json_body(request)
    fields = {name: body.get(name, "") for name in ("login", "name", "password", "setup_code")}
    if not all(isinstance(value, str) for value in fields.values()):
        return web.json_response({"error": "请填写登录名、姓名、密码和初始设置码。"}, status=400)
    fields["login"], fields["name"] = fields["login"].strip(), fields["name"].strip()
    result = await asyncio.to_thread(_first_admin, ctx.db, ctx.setup_code, fields)
    if isinstance(result, tuple):
        return web.json_response({"error": result[1]}, status=result[0])
    return web.json_response({"staff": staff_view(result)})


def add_routes(app: web.Application) -> None:
    warm_up()
    app.router.add_post("/api/sign-in", sign_in_route)
    app.router.add_post("/api/sign-out", sign_out_route)
    app.router.add_get("/api/me", me)
    app.router.add_get("/api/status", status)
    app.router.add_post("/api/first-admin", first_admin)
