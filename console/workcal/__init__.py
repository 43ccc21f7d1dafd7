"""Working days on the Chinese calendar (法定节假日 and 调休) and response timers in working hours.

Pure Python (no Qt): the hub, the inbox and the CLI all count waits the same way.
"""

from __future__ import annotations

from console.workcal.holidays import (
    HolidayDataError,
    HolidayTable,
    Kind,
    YearTable,
    office_dir,
    office_file,
    shipped_dir,
)
from console.workcal.hours import (
    CHINA_TZ,
    OfficeHours,
    OfficeHoursError,
    Waiting,
    add_working_time,
    china_today,
    describe_wait,
    from_china,
    measure_wait,
    to_china,
    working_seconds,
)
from console.workcal.notice import NoticeError, import_notice, parse_notice, read_notice_file

__all__ = [
    "CHINA_TZ",
    "HolidayDataError",
    "HolidayTable",
    "Kind",
    "NoticeError",
    "OfficeHours",
    "OfficeHoursError",
    "Waiting",
    "YearTable",
    "add_working_time",
    "china_today",
    "describe_wait",
    "from_china",
    "import_notice",
    "measure_wait",
    "office_dir",
    "office_file",
    "parse_notice",
    "read_notice_file",
    "shipped_dir",
    "to_china",
    "working_seconds",
]
