"""The 操作日志 for supervisors and administrators: the entries (newest first, paged), whether the hash
chain holds, and an export that is itself on record."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web
from sqlalchemy import select

from console.audit import action_name, record, verify
from console.audit.chain import actor_name, beijing_time, target_text
from console.hub.auth_api import seat_of
from console.hub.context import context
from console.hub.sync_api import query_int
from console.hub.visibility import audit_filter, request_seat
from console.staff.access import Seat
from console.store.database import Database
from console.store.models import AuditEntry


def _entry(entry: Any) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": beijing_time(entry.at, seconds=True),
        "actor": actor_name(entry.actor),
        "action": action_name(entry.action),
        "target": target_text(entry.target),
        "detail": entry.detail,
        "hash": entry.hash,
    }


def _read(db: Database, limit: int, before: int | None, export_by: str | None, seat: Seat) -> dict[str, Any]:
    """Newest first, only the entries `seat` may read (console.hub.visibility.audit_filter); the chain is
    verified whole either way."""
    with db.session() as session:
        verdict = verify(session)
        query = select(AuditEntry).where(audit_filter(session, seat)).order_by(AuditEntry.id.desc()).limit(limit)
        if before is not None:
            query = query.where(AuditEntry.id < before)
        rows = [_entry(e) for e in session.scalars(query)]
        if export_by is not None:
            record(session, export_by, "export", "audit", rows=len(rows))
        return {"entries": rows, "ok": verdict.ok, "checked": verdict.checked, "reason": verdict.reason}


async def audit_log(request: web.Request) -> web.Response:
    """`GET /api/audit?limit=N&before=ID&export=1`: reviewers only (console.hub.route_roles)."""
    seat = seat_of(request)
    limit = max(1, min(query_int(request, "limit", 200), 5000))
    before = query_int(request, "before", 0) or None
    export_by = seat.login if request.query.get("export") == "1" else None
    answer = await asyncio.to_thread(_read, context(request).db, limit, before, export_by, request_seat(request))
    return web.json_response(answer)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/audit", audit_log)
