"""How long each follower has waited, in working hours on the Chinese calendar, and whether that is
past the office's limit: the list shows it, the sidebar counts the overdue, the inspection asks."""

from __future__ import annotations

from datetime import datetime

from console.workcal import HolidayTable, OfficeHours, Waiting, measure_wait

CACHE_LIMIT = 20_000


class ResponseClock:
    def __init__(self, table: HolidayTable, hours: OfficeHours, limit_hours: float) -> None:
        self.table = table
        self.hours = hours
        self.limit_seconds = int(limit_hours * 3600)
        self._cache: dict[tuple[datetime, datetime], Waiting] = {}

    def measure(self, waiting_since: datetime, now: datetime) -> Waiting:
        """Counted once per wait per minute: the list asks again on every paint, and a long wait
        walks every day since it began."""
        minute = now.replace(second=0, microsecond=0)
        key = (waiting_since, minute)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            found = self._cache[key] = measure_wait(waiting_since, minute, self.table, self.hours, self.limit_seconds)
        return found

    def overdue(self, waiting_since: list[datetime], now: datetime) -> int:
        """How many of these waits (oldest first) are past the limit; stops at the first that is not."""
        count = 0
        for since in waiting_since:
            if not self.measure(since, now).overdue:
                break
            count += 1
        return count
