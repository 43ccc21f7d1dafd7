"""Numbers a desk would never send, in the query string and in the scripts' reply route: a 4xx in words,
never a 500 (SQLite holds 64-bit integers; Python's do not stop there)."""

from __future__ import annotations

import uuid

import pytest
import requests

from console.store.models import Role

ADMIN = ("bq-admin", "陈刚", (Role.ADMINISTRATOR,))
HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "path",
    [
        f"/api/changes?cursor={HUGE}",
        f"/api/changes?limit={HUGE}",
        f"/api/changes?presence={HUGE}",
        "/api/changes?cursor=1e9",
        f"/api/audit?before={HUGE}",
        "/api/audit?limit=abc",
        f"/api/media/{HUGE}",
        "/api/reports/quarterly?quarter=2026Q9",
        "/api/compliance?quarter=x",
    ],
)
def test_impossible_query_numbers_are_a_4xx(world, path):
    answer = requests.get(f"{world.hub_url}{path}", headers=world.auth(*ADMIN), timeout=30)
    assert 400 <= answer.status_code < 500, answer.text
    assert answer.text.strip()


@pytest.mark.parametrize("conversation_id", [int(HUGE), -1, 0, "12", None, 1.5])
def test_a_scripts_reply_to_an_impossible_conversation_is_a_400(world, conversation_id):
    body = {"command_id": uuid.uuid4().hex, "conversation_id": conversation_id, "content": "您好"}
    answer = requests.post(f"{world.hub_url}/api/replies", json=body, headers=world.auth(*ADMIN), timeout=30)
    assert answer.status_code == 400, answer.text
