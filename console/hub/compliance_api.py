"""The inspection panel and the quarterly self-check report, computed on the hub (where the 错敏词
events and the audit log live): `GET /api/compliance?quarter=2026Q4[&account=APPID]` answers the panel
as JSON; `GET /api/reports/quarterly?quarter=2026Q4&format=pdf|xlsx` answers the file, and the export is
on the record. Both cover only the accounts the signed-in colleague sees (console.staff.access). The
hub also runs the checklist's own checks (safe mode, secrets, backup, channel) at
start and every few hours, so those items are marked from evidence even when no desk is open."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote

from aiohttp import web
from sqlalchemy import select

from console.audit import record
from console.checklist.backup import default_backup_dir
from console.checklist.self_checks import run_self_checks
from console.compliance.panel import panel_json
from console.compliance.report import quarterly_report
from console.hub.auth_api import STAFF
from console.hub.context import CONTEXT, HubContext, context
from console.settings import load_settings
from console.staff.access import Seat, visible_account_ids
from console.store.models import Account
from console.workcal.holidays import HolidayTable

log = logging.getLogger(__name__)
SELF_CHECK_EVERY = 6 * 3600.0
TABLE = web.AppKey("holiday_table", HolidayTable)


def _quarter(request: web.Request) -> str | None:
    quarter = request.query.get("quarter") or None
    well_formed = quarter is None or (
        len(quarter) == 6 and quarter[:4].isdigit() and quarter[4] == "Q" and quarter[5] in "1234"
    )
    if not well_formed:
        raise web.HTTPBadRequest(text="季度应写作 2026Q4 这样的形式。")
    return quarter


async def compliance(request: web.Request) -> web.Response:
    ctx = context(request)
    quarter = _quarter(request)
    appid = request.query.get("account") or None
    table = request.app[TABLE]
    hours = load_settings().hours()
    seat = Seat.from_view(request[STAFF])

    def read() -> list:
        with ctx.db.session() as session:
            ids = visible_account_ids(session, seat)  # another account's panel is as unknown: not listed
            return panel_json(session, ctx.clock(), table, hours, appid=appid, quarter=quarter, account_ids=ids)

    return web.json_response({"panel": await asyncio.to_thread(read), "quarter": quarter})


async def quarterly(request: web.Request) -> web.Response:
    ctx = context(request)
    quarter = _quarter(request)
    fmt = request.query.get("format", "pdf")
    if fmt not in ("pdf", "xlsx") or quarter is None:
        raise web.HTTPBadRequest(text="需要 quarter=2026Q4 和 format=pdf 或 xlsx。")
    table = request.app[TABLE]
    hours = load_settings().hours()
    staff = request[STAFF]

    def make() -> tuple[str, bytes]:
        hide = _secrets(ctx)
        with tempfile.TemporaryDirectory(prefix="wxconsole-report-") as folder:
            with ctx.db.session() as session:
                ids = visible_account_ids(session, Seat.from_view(staff))  # the accounts this colleague sees
                pdf, xlsx = quarterly_report(session, quarter, Path(folder), table, hours, ctx.clock(), hide, ids)
                record(session, str(staff["login"]), "export", f"report:{quarter}", after={"format": fmt})
            path = pdf if fmt == "pdf" else xlsx
            return path.name, path.read_bytes()

    name, data = await asyncio.to_thread(make)
    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    content_type = "application/pdf" if fmt == "pdf" else xlsx_type
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return web.Response(body=data, headers={"Content-Type": content_type, "Content-Disposition": disposition})


def _secrets(ctx: HubContext) -> list[str]:
    """Every account's secrets, only so the report writer can prove none of them is in the files."""
    with ctx.db.session() as session:
        appids = list(session.scalars(select(Account.appid)))
    return ctx.vault.values_of(appids)


async def _self_checks(app: web.Application) -> None:
    ctx: HubContext = app[CONTEXT]
    while True:
        try:

            def run() -> int:
                with ctx.db.session() as session:
                    outcomes = run_self_checks(session, ctx.vault, default_backup_dir(), ctx.clock())
                    return sum(1 for outcome in outcomes if outcome.recorded)

            if await asyncio.to_thread(run):
                ctx.feed.notify()  # desks hear of items the hub marked from its own evidence
        except Exception:
            log.exception("the checklist's own checks failed; trying again later")
        await asyncio.sleep(SELF_CHECK_EVERY)


async def _loop(app: web.Application) -> AsyncIterator[None]:
    task = asyncio.create_task(_self_checks(app))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def add_routes(app: web.Application) -> None:
    app[TABLE] = HolidayTable.load()
    app.router.add_get("/api/compliance", compliance)
    app.router.add_get("/api/reports/quarterly", quarterly)
    app.cleanup_ctx.append(_loop)
