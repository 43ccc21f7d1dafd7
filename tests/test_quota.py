"""The mass-send quota counts China dates: 1 per day for 订阅号, 4 per calendar month for 服务号."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from console.publishing.quota import (
    SERVICE_PER_MONTH,
    SUBSCRIPTION_PER_DAY,
    check_mass,
    left,
    period_for,
)


def test_limits_are_wechat_rules() -> None:
    assert SUBSCRIPTION_PER_DAY == 1
    assert SERVICE_PER_MONTH == 4


def test_periods() -> None:
    day = period_for("subscription", date(2026, 11, 26))
    assert (day.start, day.end, day.limit, day.label) == (date(2026, 11, 26), date(2026, 11, 26), 1, "11月26日")
    month = period_for("service", date(2026, 2, 14))
    assert (month.start, month.end, month.limit, month.label) == (date(2026, 2, 1), date(2026, 2, 28), 4, "2026年2月")
    assert period_for("service", date(2026, 12, 31)).end == date(2026, 12, 31)
    with pytest.raises(ValueError, match="公众号类型"):
        period_for("enterprise", date(2026, 11, 26))


def test_subscription_second_send_same_day_refused() -> None:
    verdict = check_mass("subscription", datetime(2026, 11, 26, 0, 0), [datetime(2026, 11, 26, 2, 0)])
    assert not verdict.ok
    assert (verdict.used, verdict.left) == (1, 0)
    assert "订阅号每天只能群发 1 次" in verdict.reason
    assert "11月26日" in verdict.reason
    assert "发布" in verdict.reason and "不占群发次数" in verdict.reason


def test_subscription_pair_across_utc_midnight_is_one_china_day() -> None:
    # 2026-11-25 17:00 UTC is 11-26 01:00 in China; 11-26 00:30 UTC is 11-26 08:30.
    verdict = check_mass("subscription", datetime(2026, 11, 26, 0, 30), [datetime(2026, 11, 25, 17, 0)])
    assert not verdict.ok
    assert verdict.period.label == "11月26日"


def test_subscription_same_utc_day_but_two_china_days_is_fine() -> None:
    # 01:00 UTC is 11-26 09:00 in China; 17:00 UTC the same UTC day is already 11-27 01:00.
    verdict = check_mass("subscription", datetime(2026, 11, 26, 17, 0), [datetime(2026, 11, 26, 1, 0)])
    assert verdict.ok
    assert verdict.reason == ""
    assert verdict.period.label == "11月27日"
    assert (verdict.used, verdict.left) == (0, 1)


def test_service_fifth_in_month_refused_first_of_next_month_fine() -> None:
    november = [datetime(2026, 11, d, 1, 0) for d in (2, 9, 16, 23)]
    fifth = check_mass("service", datetime(2026, 11, 30, 15, 30), november)  # China 11-30 23:30
    assert not fifth.ok
    assert (fifth.used, fifth.left) == (4, 0)
    assert "服务号每月只能群发 4 次" in fifth.reason
    assert "2026年11月" in fifth.reason and "2026年12月" in fifth.reason
    assert "不占群发次数" in fifth.reason

    first_of_december = check_mass("service", datetime(2026, 11, 30, 16, 30), november)  # China 12-01 00:30
    assert first_of_december.ok
    assert first_of_december.period.label == "2026年12月"
    assert first_of_december.used == 0


def test_service_fourth_in_month_allowed() -> None:
    verdict = check_mass("service", datetime(2026, 11, 24, 1, 0), [datetime(2026, 11, d, 1, 0) for d in (2, 9, 16)])
    assert verdict.ok
    assert (verdict.used, verdict.left) == (3, 1)


def test_left_numbers() -> None:
    sends = [datetime(2026, 11, 1, 1, 0), datetime(2026, 11, 10, 1, 0), datetime(2026, 10, 31, 16, 30)]
    # 10-31 16:30 UTC is 11-01 00:30 in China, so all three count for November.
    service = left("service", date(2026, 11, 20), sends)
    assert (service.ok, service.used, service.left, service.period.label) == (True, 3, 1, "2026年11月")
    assert left("service", date(2026, 10, 20), sends).used == 0

    assert left("subscription", date(2026, 11, 2), sends).left == 1
    full = left("subscription", date(2026, 11, 1), sends)
    assert (full.ok, full.used, full.left) == (False, 2, 0)
    assert "订阅号每天只能群发 1 次" in full.reason
