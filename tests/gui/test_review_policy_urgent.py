"""审核规则 on an administrator's desk: the urgent lane's levels (突发/辟谣) are shown and set per account,
within what the hub allows (the article levels minus one, never below 1, up to the article levels), and
what is saved is what the hub keeps."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable

import pytest
import requests
from sqlalchemy import select

from console.settings import Settings
from console.store.models import ReviewPolicy, Role
from tests.conftest import SAFE_APPID
from ui.app import Console

ADMIN_ROLES = (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR)


async def _until(condition: Callable[[], object], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.05)


@pytest.fixture
def admin_desk(world, qloop, qtbot, tmp_path):
    desk = Console(
        world.hub_url,
        f"sqlite:///{tmp_path / 'replica-admin.db'}",
        Settings(seat_login="urgent-admin", seat_name="陈刚"),
        password=world.staff("urgent-admin", "陈刚", ADMIN_ROLES),
    )
    qtbot.addWidget(desk.window)
    yield desk
    qloop.run_until_complete(desk.stop())


def test_the_urgent_levels_follow_the_article_levels_and_are_saved(world, admin_desk, qloop):
    def stored():
        with world.hub.db.session() as session:
            policy = session.scalar(select(ReviewPolicy))
            return None if policy is None else (policy.article_levels, policy.urgent_levels)

    def colleague(args):
        body = {"command_id": uuid.uuid4().hex, "kind": "review_policy", "conversation_id": 0}
        body["args"] = {"account": SAFE_APPID, "replies": "none", **args}
        headers = world.auth("urgent-admin2", "赵敏", ADMIN_ROLES)
        return requests.post(f"{world.hub_url}/api/commands", json=body, headers=headers, timeout=30)

    async def scenario():
        admin_desk.start()
        page = admin_desk.window.review_page
        await _until(lambda: SAFE_APPID in page.policy_rows)
        row = page.policy_rows[SAFE_APPID]
        assert row.urgent.value() == 1 and not row.urgent.isEnabled()  # one level: nothing to save
        row.levels.setValue(3)
        assert (row.urgent.minimum(), row.urgent.maximum(), row.urgent.value()) == (2, 3, 2)
        assert row.urgent.isEnabled() and row.save.isEnabled()
        row.urgent.setValue(1)  # below the floor: the box does not go there
        assert row.urgent.value() == 2
        row.urgent.setValue(3)
        row.save.click()
        await _until(lambda: stored() == (3, 3))
        await _until(lambda: page.policy_status.text() == "审核规则已保存。")
        await _until(lambda: not row.save.isEnabled())  # what the hub keeps is what the row shows

        row.levels.setValue(2)  # the lane comes down with the levels
        assert (row.urgent.minimum(), row.urgent.maximum(), row.urgent.value()) == (1, 2, 2)
        row.urgent.setValue(1)
        row.save.click()  # a second save, against the version the page showed
        await _until(lambda: stored() == (2, 1))
        await _until(lambda: not row.save.isEnabled())

        # A colleague changes it while this administrator is choosing: their save is refused in words and
        # the row shows what the hub keeps, never the colleague's change silently overwritten.
        seen = row.version
        row.levels.setValue(3)
        answer = await asyncio.to_thread(colleague, {"article_levels": 1, "base_version": seen})
        assert answer.status_code == 200, answer.text
        await _until(lambda: row.latest[4] != seen)
        row.save.click()
        await _until(lambda: "同事修改" in page.policy_status.text())
        assert (row.levels.value(), row.urgent.value(), row.save.isEnabled()) == (1, 1, False)
        assert stored() == (1, 1)

    qloop.run_until_complete(scenario())
