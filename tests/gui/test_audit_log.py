"""The 操作日志 view on a supervisor's desk: the hub's entries with the chain's verdict, an export that
opens in Excel and is itself on record, and a red verdict naming the entry once a row is edited."""

from __future__ import annotations

import openpyxl
import requests
from sqlalchemy import select, text

from console.store.models import AuditEntry, Role
from console.sync.client import HubClient
from ui.review.audit_log import AuditLogView

SUPERVISOR = ("liqiang", "李强", (Role.OPERATOR, Role.SUPERVISOR))


def test_log_shows_verifies_exports_and_flags_tampering(world, qloop, qtbot, tmp_path):
    password = world.staff(*SUPERVISOR)
    requests.post(f"{world.hub_url}/api/sign-in", json={"login": "liqiang", "password": password}, timeout=30)
    client = HubClient(world.hub_url, world.token(*SUPERVISOR))
    view = AuditLogView(client)
    qtbot.addWidget(view)

    async def scenario():
        assert await view.load()
        assert "校验通过" in view.verdict.text()
        assert any(row["action"].startswith("登录") for row in view.rows)
        out = tmp_path / "操作日志.xlsx"
        assert await view.export_to(out) == len(view.rows)
        sheet = openpyxl.load_workbook(out).active
        assert sheet.max_row == len(view.rows) + 1 and sheet.cell(1, 3).value == "操作人"
        with world.hub.db.session() as session:
            assert session.scalar(select(AuditEntry).where(AuditEntry.action == "export")) is not None
            first = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id))
        with world.hub.db.engine.begin() as connection:
            connection.execute(text("UPDATE audit_entry SET target = 'x' WHERE id = :id"), {"id": first})
        assert await view.load()
        assert "日志被改动过" in view.verdict.text() and f"第 {first} 条" in view.verdict.text()
        await client.close()

    qloop.run_until_complete(scenario())


def test_operators_cannot_read_the_log(world):
    answer = requests.get(f"{world.hub_url}/api/audit", headers=world.auth("wangfang", "王芳"), timeout=10)
    assert answer.status_code == 403
