"""How long each follower has waited, in working hours on the Chinese calendar, and whether that is
past the office's limit: the list shows it, the sidebar counts the overdue, the inspection asks."""

from __future__ import annotations

from datetime import datetime

from console.workcal import HolidayTable, OfficeHours, Waiting, measure_wait


class ResponseClock:
    def __init__(self, table: HolidayTable, hours: OfficeHours, limit_hours: float) -> None:
        self.table = table
        self.hours = hours
        self.limit_seconds = int(limit_hours * 3600)

    def measure(self, waiting_since: datetime, now: datetime) -> Waiting:
        return measure_wait(waiting_since, now, self.table, self.hours, self.limit_seconds)

    def overdue(self, waiting_since: list[datetime], now: datetime) -> int:
        """How many of these waits (oldest first) are past the limit; stops at the first that is not."""
        count = 0
        for since in waiting_since:
            if not self.measure(since, now).overdue:
                break
            count += 1
        return count
