"""The Chinese working-day calendar: statutory holidays (法定节假日) and make-up workdays (调休上班).

Why a table and not a rule: the dates are decided each year by the State Council's notice
(国务院办公厅关于XXXX年部分节假日安排的通知), published around November for the next year. The product
ships the years it knows and each office can add later years itself (see `console.workcal.notice`).
A year nobody has loaded yet must not stop the product: it is counted with the plain Saturday/Sunday
rule, `covers(year)` says False and `coverage_warning(year)` gives the sentence the UI shows.

One file per year, UTF-8 JSON, in `resources/holidays/` (shipped) and `<data dir>/holidays/` (the
office's own; it wins over the shipped file for the same year)::

    {
      "format": 1,
      "year": 2026,
      "source": "国务院办公厅关于2026年部分节假日安排的通知（…）",
      "holidays": {"2026-01-01": "元旦", "2026-01-02": "元旦", ...},
      "workdays": {"2026-01-04": "元旦", ...}
    }

`holidays` lists every day of each 放假 range of the notice (weekend days inside a range included),
`workdays` the weekend days declared workdays (…上班); the value is the festival's name as the notice
writes it. A plain list of dates is accepted too (the name is then unknown). Other keys (`note`) are
ignored. A date may lie outside `year` (e.g. the 2019 notice's 元旦 began 2018-12-30).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from console import paths
from console.files import write_atomically

log = logging.getLogger(__name__)

Kind = Literal["workday", "weekend", "holiday", "makeup_workday"]
Origin = Literal["shipped", "office"]

SUBDIR = "holidays"
FORMAT = 1


class HolidayDataError(ValueError):
    """A year file that cannot be used (bad JSON, wrong dates); the message is Chinese and names the file."""


def shipped_dir() -> Path:
    """Year files that come with the product."""
    return paths.resources_dir() / SUBDIR


def office_dir() -> Path:
    """Year files the office imported itself; created on demand."""
    return paths.data_dir() / SUBDIR


def office_file(year: int) -> Path:
    return office_dir() / f"{year}.json"


@dataclass(frozen=True)
class YearTable:
    """One year's notice: which days are off (放假) and which weekend days are worked (调休上班)."""

    year: int
    holidays: Mapping[date, str]
    workdays: Mapping[date, str]
    source: str = ""

    def __post_init__(self) -> None:
        both = sorted(set(self.holidays) & set(self.workdays))
        if both:
            raise HolidayDataError(f"{self.year}年的安排自相矛盾：{both[0].isoformat()} 既是放假日又是上班日")

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "year": self.year,
            "source": self.source,
            "holidays": {d.isoformat(): name for d, name in sorted(self.holidays.items())},
            "workdays": {d.isoformat(): name for d, name in sorted(self.workdays.items())},
        }

    @classmethod
    def from_json(cls, data: Any, where: str = "") -> YearTable:
        """Read the format above; every problem becomes a `HolidayDataError` naming `where`."""
        prefix = f"{where}：" if where else ""
        if not isinstance(data, dict):
            raise HolidayDataError(f"{prefix}内容应是一个 JSON 对象")
        year = data.get("year")
        if not isinstance(year, int) or not 1949 < year < 2200:
            raise HolidayDataError(f"{prefix}缺少有效的 year（年份）")
        source = data.get("source", "")
        return cls(
            year=year,
            holidays=_read_days(data.get("holidays", {}), f"{prefix}holidays"),
            workdays=_read_days(data.get("workdays", {}), f"{prefix}workdays"),
            source=source if isinstance(source, str) else "",
        )

    @classmethod
    def load(cls, path: Path) -> YearTable:
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise HolidayDataError(f"无法读取节假日文件 {path}：{exc}") from exc
        table = cls.from_json(data, str(path))
        if path.stem.isdigit() and int(path.stem) != table.year:
            raise HolidayDataError(f"{path}：文件名是{path.stem}年，内容却是{table.year}年")
        return table

    def save(self, path: Path) -> None:
        """Write atomically, so a full disk or a crash leaves the previous file intact."""
        write_atomically(path, json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n")


def _read_days(value: Any, where: str) -> dict[date, str]:
    items: Iterable[tuple[Any, Any]]
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((v, "") for v in value)
    else:
        raise HolidayDataError(f"{where} 应是日期列表或“日期: 节日名”对象")
    days: dict[date, str] = {}
    for raw, name in items:
        try:
            day = date.fromisoformat(str(raw))
        except ValueError as exc:
            raise HolidayDataError(f"{where} 中的日期“{raw}”不是 YYYY-MM-DD 格式") from exc
        days[day] = name if isinstance(name, str) else ""
    return days


@dataclass
class HolidayTable:
    """All known years merged; answers "is this China-local date a workday?" for any date.

    Lookups are two dict probes, so timers can ask once per day over long spans.
    """

    tables: dict[int, YearTable] = field(default_factory=dict)
    origins: dict[int, Origin] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._holidays: dict[date, str] = {}
        self._workdays: dict[date, str] = {}
        # Out-of-year dates first, so a year's own file always has the last word on its own dates.
        ordered = sorted(self.tables.values(), key=lambda t: t.year)
        for in_year in (False, True):
            for table in ordered:
                for day, name in table.holidays.items():
                    if (day.year == table.year) is in_year:
                        self._workdays.pop(day, None)
                        self._holidays[day] = name
                for day, name in table.workdays.items():
                    if (day.year == table.year) is in_year:
                        self._holidays.pop(day, None)
                        self._workdays[day] = name

    @classmethod
    def from_years(cls, tables: Iterable[YearTable]) -> HolidayTable:
        return cls(tables={t.year: t for t in tables})

    @classmethod
    def load(cls, shipped: Path | None = None, office: Path | None = None) -> HolidayTable:
        """Shipped files, then the office's own. A broken file is skipped and reported in `problems`,
        never raised: a bad import must not stop the inbox from counting."""
        tables: dict[int, YearTable] = {}
        origins: dict[int, Origin] = {}
        problems: list[str] = []
        sources: tuple[tuple[Path, Origin], ...] = (
            (shipped if shipped is not None else shipped_dir(), "shipped"),
            (office if office is not None else office_dir(), "office"),
        )
        for folder, origin in sources:
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.json")):
                try:
                    table = YearTable.load(path)
                except HolidayDataError as exc:
                    log.warning("%s", exc)
                    problems.append(str(exc))
                    continue
                tables[table.year] = table
                origins[table.year] = origin
        return cls(tables=tables, origins=origins, problems=problems)

    def years(self) -> list[int]:
        return sorted(self.tables)

    def covers(self, year: int) -> bool:
        return year in self.tables

    def year_table(self, year: int) -> YearTable | None:
        return self.tables.get(year)

    def kind(self, day: date) -> Kind:
        day = _as_date(day)
        if day in self._holidays:
            return "holiday"
        if day in self._workdays:
            return "makeup_workday"
        return "weekend" if day.weekday() >= 5 else "workday"

    def is_workday(self, day: date) -> bool:
        day = _as_date(day)
        if day in self._holidays:
            return False
        return day in self._workdays or day.weekday() < 5

    def name(self, day: date) -> str | None:
        """The festival a holiday or make-up workday belongs to (e.g. 春节), if the table names it."""
        day = _as_date(day)
        return self._holidays.get(day) or self._workdays.get(day) or None

    def uncovered_years(self, first: date, last: date) -> list[int]:
        """Years between two dates that are counted by the weekend rule only."""
        return [y for y in range(_as_date(first).year, _as_date(last).year + 1) if y not in self.tables]

    def coverage_warning(self, year: int) -> str | None:
        """The sentence the UI shows when a year falls back to weekends; None when the year is covered."""
        if self.covers(year):
            return None
        return f"没有{year}年的节假日安排，请导入国务院通知"


def _as_date(day: date) -> date:
    """A datetime is a date subclass but never equal to one; reduce it so lookups match."""
    return day.date() if isinstance(day, datetime) else day
