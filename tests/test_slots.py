"""Per-account publishing times: the stored setting, placing dropped items, upcoming slots, late sends."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from console.publishing.slots import DEFAULT, PlanError, PublishingPlan, Slot, late_decision

MONDAY = date(2026, 11, 23)
SETTING: dict[str, Any] = {
    "slots": [{"days": [0, 2, 4], "time": "07:30"}, {"days": [0], "time": "18:00"}, {"days": [6], "time": "09:00"}],
    "gap_target": 5,
    "late": "publish",
    "late_minutes": 30,
}


def test_json_round_trip() -> None:
    plan = PublishingPlan.from_json(SETTING)
    assert plan.slots == (
        Slot((0, 2, 4), time(7, 30)),
        Slot((0,), time(18, 0)),
        Slot((6,), time(9, 0)),
    )
    assert (plan.gap_target, plan.late, plan.late_minutes) == (5, "publish", 30)
    assert plan.to_json() == SETTING
    assert PublishingPlan.from_json(plan.to_json()) == plan


@pytest.mark.parametrize("empty", [None, {}])
def test_defaults(empty: dict[str, Any] | None) -> None:
    plan = PublishingPlan.from_json(empty)
    assert plan == DEFAULT
    assert plan.to_json() == {
        "slots": [{"days": [0, 1, 2, 3, 4], "time": "08:00"}, {"days": [5], "time": "10:00"}],
        "gap_target": 7,
        "late": "ask",
        "late_minutes": 120,
    }
    assert plan.describe() == "工作日 08:00，周六 10:00"


def test_missing_keys_take_defaults() -> None:
    plan = PublishingPlan.from_json({"late": "publish"})
    assert plan.slots == DEFAULT.slots and plan.gap_target == 7 and plan.late == "publish"


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ([], "JSON 对象"),
        ({"slots": "08:00"}, "slots"),
        ({"slots": []}, "slots"),
        ({"slots": ["08:00"]}, "slots 第1项"),
        ({"slots": [{"days": [0], "time": "8点"}]}, "time"),
        ({"slots": [{"days": [0], "time": "24:00"}]}, "不存在"),
        ({"slots": [{"days": [0], "time": None}]}, "time"),
        ({"slots": [{"days": [7], "time": "08:00"}]}, "days"),
        ({"slots": [{"days": [], "time": "08:00"}]}, "days"),
        ({"slots": [{"days": "0", "time": "08:00"}]}, "days"),
        ({"slots": [{"days": [True], "time": "08:00"}]}, "days"),
        ({"gap_target": 0}, "gap_target"),
        ({"gap_target": 14}, "gap_target"),
        ({"gap_target": "7"}, "gap_target"),
        ({"late": "skip"}, "late"),
        ({"late_minutes": -1}, "late_minutes"),
        ({"late_minutes": 2.5}, "late_minutes"),
    ],
)
def test_invalid_settings_refused(setting: Any, words: str) -> None:
    with pytest.raises(PlanError, match=words) as caught:
        PublishingPlan.from_json(setting)
    assert isinstance(caught.value, ValueError)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.value))  # the message is Chinese


def test_full_width_colon_and_single_digit_hour_accepted() -> None:
    plan = PublishingPlan.from_json({"slots": [{"days": [1], "time": "7：05"}]})
    assert plan.slots[0].time == time(7, 5)


def test_slot_times_and_describe() -> None:
    plan = PublishingPlan.from_json(SETTING)
    assert plan.slot_times(MONDAY) == [time(7, 30), time(18, 0)]
    assert plan.slot_times(MONDAY + timedelta(days=1)) == []
    assert plan.describe() == "周一、周三、周五 07:30，周一 18:00，周日 09:00"
    both = PublishingPlan((Slot((5, 6), time(9, 0)), Slot((5, 6), time(8, 0))))
    assert both.describe() == "周末 08:00、09:00"


def test_place_across_a_week() -> None:
    plan = PublishingPlan.from_json(SETTING)
    tuesday, wednesday, saturday, sunday = (MONDAY + timedelta(days=n) for n in (1, 2, 5, 6))
    assert plan.place(MONDAY) == time(7, 30)
    assert plan.place(MONDAY, keep=time(18, 0)) == time(18, 0)  # already a Monday slot
    assert plan.place(wednesday, keep=time(18, 0)) == time(7, 30)  # not a Wednesday slot
    assert plan.place(sunday, keep=time(7, 30)) == time(9, 0)
    assert plan.place(tuesday, keep=time(15, 0)) == time(15, 0)  # no slot on Tuesday: keep
    assert plan.place(saturday) == time(8, 0)  # no slot, nothing to keep


def test_next_slots_across_a_week() -> None:
    plan = PublishingPlan.from_json(SETTING)
    after = datetime.combine(MONDAY, time(7, 30))  # exactly at a slot: that one is not "after"
    assert plan.next_slots(after, 5) == [
        datetime(2026, 11, 23, 18, 0),
        datetime(2026, 11, 25, 7, 30),
        datetime(2026, 11, 27, 7, 30),
        datetime(2026, 11, 29, 9, 0),
        datetime(2026, 11, 30, 7, 30),
    ]
    assert plan.next_slots(after, 0) == []
    assert DEFAULT.next_slots(datetime(2026, 11, 28, 10, 1), 2) == [
        datetime(2026, 11, 30, 8, 0),
        datetime(2026, 12, 1, 8, 0),
    ]


SCHEDULED = datetime(2026, 11, 26, 0, 0)  # 08:00 in China


def test_late_decision() -> None:
    ask = PublishingPlan.from_json({"late": "ask", "late_minutes": 120})
    assert late_decision(ask, SCHEDULED, SCHEDULED - timedelta(minutes=1)) == "on_time"
    assert late_decision(ask, SCHEDULED, SCHEDULED + timedelta(minutes=2)) == "on_time"
    assert late_decision(ask, SCHEDULED, SCHEDULED + timedelta(minutes=30)) == "catch_up"
    assert late_decision(ask, SCHEDULED, SCHEDULED + timedelta(minutes=120)) == "catch_up"
    assert late_decision(ask, SCHEDULED, SCHEDULED + timedelta(minutes=121)) == "ask"
    always = PublishingPlan.from_json({"late": "publish", "late_minutes": 0})
    assert late_decision(always, SCHEDULED, SCHEDULED + timedelta(hours=9)) == "catch_up"


def test_late_decision_accepts_aware_now() -> None:
    ask = PublishingPlan.from_json({"late": "ask", "late_minutes": 60})
    assert late_decision(ask, SCHEDULED, (SCHEDULED + timedelta(hours=3)).replace(tzinfo=UTC)) == "ask"
