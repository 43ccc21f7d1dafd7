"""`wxconsole holidays import|show`: keep the holiday table current from the command line.

Why a command: the State Council publishes next year's arrangement each November; the administrator
pastes the notice into a text file and imports it, without waiting for a product update.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from console.timeutil import utcnow
from console.workcal.holidays import HolidayTable, YearTable, office_file
from console.workcal.hours import china_today
from console.workcal.notice import NoticeError, parse_notice, read_notice_file

_WEEKDAYS = "一二三四五六日"


def register(sub: argparse._SubParsersAction) -> None:
    """Add `holidays` to the `wxconsole` sub-commands (called from console/cli.py)."""
    holidays = sub.add_parser("holidays", help="节假日安排（法定节假日与调休上班）").add_subparsers(
        dest="action", required=True
    )
    imp = holidays.add_parser("import", help="从国务院办公厅的放假通知全文导入一年的安排")
    imp.add_argument("file", type=Path, help="通知全文的文本文件（UTF-8 或 GBK 编码）")
    imp.add_argument("--year", type=int, default=None, help="年份（通知标题里有年份时可不填）")
    imp.set_defaults(func=_import)

    show = holidays.add_parser("show", help="显示某年的放假与调休上班日期")
    show.add_argument("--year", type=int, default=None, help="年份（默认今年）")
    show.set_defaults(func=_show)


def _import(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        print(f"未导入：找不到文件 {path}", file=sys.stderr)
        return 2
    try:
        table = parse_notice(read_notice_file(path), args.year)
        replaced = office_file(table.year).exists()
        table.save(office_file(table.year))
    except NoticeError as exc:
        print(f"未导入：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"未导入：无法读写文件（{exc}）", file=sys.stderr)
        return 2
    print(
        f"已导入{table.year}年节假日安排（{table.source}）：放假 {len(table.holidays)} 天，"
        f"调休上班 {len(table.workdays)} 天。"
    )
    for line in describe_year(table):
        print(f"  {line}")
    print(f"已保存到 {office_file(table.year)}" + ("（替换了之前导入的安排）" if replaced else ""))
    return 0


def _show(args: argparse.Namespace) -> int:
    year: int = args.year or china_today(utcnow()).year
    calendar = HolidayTable.load()
    for problem in calendar.problems:
        print(f"注意：{problem}", file=sys.stderr)
    table = calendar.year_table(year)
    if table is None:
        print(f"没有{year}年的节假日安排，暂时只按周六、周日休息计算工作时间。")
        print(f"请把《国务院办公厅关于{year}年部分节假日安排的通知》全文复制到一个文本文件，然后运行：")
        print("  wxconsole holidays import 通知.txt")
        known = "、".join(str(y) for y in calendar.years()) or "无"
        print(f"已有安排的年份：{known}")
        return 0
    origin = "本单位导入" if calendar.origins.get(year) == "office" else "随软件提供"
    print(f"{year}年节假日安排（{origin}；{table.source or '来源不详'}）")
    for line in describe_year(table):
        print(f"  {line}")
    print(f"共放假 {len(table.holidays)} 天，调休上班 {len(table.workdays)} 天。")
    return 0


def describe_year(table: YearTable) -> list[str]:
    """One line per festival: its days off as ranges, then its make-up workdays."""
    names: list[str] = []
    # In order of the first day off: 国庆's make-up Sunday (9/20) must not list it before 中秋 (9/25).
    for _when, name in sorted(table.holidays.items()) + sorted(table.workdays.items()):
        if name not in names:
            names.append(name)
    lines = []
    for name in names:
        off = sorted(d for d, n in table.holidays.items() if n == name)
        work = sorted(d for d, n in table.workdays.items() if n == name)
        text = f"{name or '（未注明）'}："
        if off:
            text += f"{'、'.join(_runs(off))}放假，共{len(off)}天"
        if work:
            text += ("；" if off else "") + f"{'、'.join(_day(d) for d in work)}上班"
        lines.append(text)
    return lines


def _runs(days: list[date]) -> list[str]:
    """Consecutive days as "2月15日（周日）至2月23日（周一）"."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return [_day(a) if a == b else f"{_day(a)}至{_day(b)}" for a, b in runs]


def _day(day: date) -> str:
    return f"{day.month}月{day.day}日（周{_WEEKDAYS[day.weekday()]}）"
