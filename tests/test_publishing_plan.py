"""Each account's publishing times (发布时段), gap target and late-send rule, set by an administrator
through the hub: stored, on record in the operation log, sent to every desk, and used by the calendar's
placing and the rhythm; refused with the reason for anyone else and for a setting that cannot work."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from console.publishing.board import plan_of
from console.store.models import Account, AuditEntry
from console.sync.wire import changes_since
from tests.conftest import PLAIN_APPID, SAFE_APPID
from tests.test_publishing import ADMIN, OPERATOR, command

PLAN = {
    "slots": [{"days": [0, 2, 4], "time": "07:30"}, {"days": [6], "time": "18:00"}],
    "gap_target": 3,
    "late": "publish",
    "late_minutes": 30,
}


def account(world, appid: str = SAFE_APPID) -> Account:
    with world.hub.db.session() as session:
        found = session.scalar(select(Account).where(Account.appid == appid))
        session.expunge(found)
        return found


def test_an_administrator_sets_the_times_and_the_calendar_places_by_them(world):
    world.staff(*ADMIN)
    answer = command(world, ADMIN, "publishing_plan", {"account": SAFE_APPID, "plan": PLAN, "base_version": 1})
    assert answer.status_code == 200, answer.text
    assert answer.json()["result"]["plan"] == "周一、周三、周五 07:30，周日 18:00"

    plan = plan_of(account(world))
    assert (plan.gap_target, plan.late, plan.late_minutes) == (3, "publish", 30)
    monday, tuesday, sunday = date(2026, 12, 7), date(2026, 12, 8), date(2026, 12, 13)
    assert plan.place(monday) == time(7, 30)
    assert plan.place(sunday, keep=time(9, 0)) == time(18, 0)
    assert plan.slot_times(tuesday) == []
    assert account(world, PLAIN_APPID).publishing is None  # the other account keeps the default

    with world.hub.db.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "plan_change")).one()
        assert entry.actor == ADMIN[0] and entry.target == f"account:{SAFE_APPID}"
        assert entry.detail["after"]["slots"][0] == {"days": [0, 2, 4], "time": "07:30"}
        assert "before" not in entry.detail  # the account had no setting of its own
        synced = changes_since(session, 0, limit=1000)
    [row] = [a for a in synced["accounts"] if a["appid"] == SAFE_APPID]
    assert row["publishing"]["late"] == "publish"  # desks get it with the account


def test_a_second_change_keeps_what_it_replaced_on_record(world):
    world.staff(*ADMIN)
    first = command(world, ADMIN, "publishing_plan", {"account": SAFE_APPID, "plan": PLAN, "base_version": 1})
    assert first.status_code == 200
    changed = {
        "account": SAFE_APPID,
        "plan": {**PLAN, "gap_target": 5},
        "base_version": first.json()["result"]["version"],
    }
    assert command(world, ADMIN, "publishing_plan", changed).status_code == 200
    assert plan_of(account(world)).gap_target == 5
    with world.hub.db.session() as session:
        last = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "plan_change").order_by(AuditEntry.id.desc())
        ).first()
        assert last.detail["before"]["gap_target"] == 3 and last.detail["after"]["gap_target"] == 5


def test_an_operator_is_refused_and_nothing_changes(world):
    world.staff(*OPERATOR)
    answer = command(world, OPERATOR, "publishing_plan", {"account": SAFE_APPID, "plan": PLAN})
    assert answer.status_code == 403
    assert "管理员" in answer.json()["error"]
    assert account(world).publishing is None


def test_a_setting_that_cannot_work_is_refused_with_the_reason(world):
    world.staff(*ADMIN)
    cases = [
        ({"slots": []}, "至少要设置一个"),
        ({"slots": [{"days": [0], "time": "25:00"}]}, "25:00"),
        ({"slots": [{"days": [7], "time": "08:00"}]}, "周日"),
        ({"gap_target": 20}, "1 到 13 天"),
        ({"late": "sometimes"}, "late"),
    ]
    for plan, words in cases:
        answer = command(world, ADMIN, "publishing_plan", {"account": SAFE_APPID, "plan": plan, "base_version": 1})
        assert answer.status_code == 422, (plan, answer.text)
        error = answer.json()["error"]
        assert error.startswith("发布时段设置有误") and words in error, (plan, error)
    answer = command(world, ADMIN, "publishing_plan", {"account": "wxnosuchaccount000", "plan": PLAN})
    assert answer.status_code == 422 and "没有公众号" in answer.json()["error"]
    assert account(world).publishing is None
