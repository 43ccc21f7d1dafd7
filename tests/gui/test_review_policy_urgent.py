"""审核规则 on an administrator's desk: the urgent lane's levels (突发/辟谣) are shown and set per account,
within what the hub allows (the article levels minus one, never below 1, up to the article levels), and
what is saved is what the hub keeps."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest
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

    qloop.run_until_complete(scenario())
