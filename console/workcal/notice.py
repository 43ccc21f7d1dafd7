"""Read the State Council's yearly holiday notice (国务院办公厅关于XXXX年部分节假日安排的通知) as published.

Why parse prose: the notice is the only authoritative source and offices receive it as text (a web page,
a forwarded document, a PDF). Staff paste it into a text file; we read each numbered item
("二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、
2月28日（周六）上班。") and cross-check what the notice itself repeats — the weekday in brackets and the
"共N天" count — so a wrong year or a mangled copy is refused with a message naming the item, rather than
silently producing a wrong calendar.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from console.workcal.holidays import YearTable, office_file

_NUM = "一二三四五六七八九十"
_ENUM = rf"(?:[{_NUM}]{{1,3}}[、.]|\([{_NUM}]{{1,3}}\))"
_HEADER = re.compile(rf"^(?P<enum>{_ENUM})?\s*(?P<name>[^:()\d,;。]{{1,20}}):(?P<body>.*)$", re.S)
_LINE_HEADER = re.compile(rf"^(?:{_ENUM}|(?:元旦|春节|清明|劳动节|端午|中秋|国庆)[^:]{{0,12}}:)")
_DATE = re.compile(r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?:\((?P<note>[^()]*)\))?")
_RANGE_SEP = re.compile(r"^\s*(?:至|到|-|–|—|~|〜)\s*$")
_WEEKDAY = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_NAMES = "一二三四五六日"
_COUNT = re.compile(r"共(\d{1,2})天")
_TITLE = re.compile(r"国务院办公厅关于(\d{4})年部分节假日安排的通知")
_DOC_NO = re.compile(r"国办发明电[〔\[(]\d{4}[〕\])]\d{1,3}号")
_YEAR_HINTS = (re.compile(r"(\d{4})年部分节假日安排"), re.compile(r"现将(\d{4})年"))
_MAX_RANGE_DAYS = 15
_FALLBACK_NAME = "节假日"
_NOTHING = "没有读到任何放假日期。请把通知正文完整复制进来（包括“一、元旦：1月1日……放假”这样的各条）。"


class NoticeError(ValueError):
    """The text could not be read as a holiday notice; the Chinese message says which item and why."""


@dataclass
class _Item:
    """One numbered item of the notice (一、元旦：…) with the sentences that follow it."""

    name: str
    sentences: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        body = "。".join(self.sentences)
        return body if self.name == _FALLBACK_NAME else f"{self.name}:{body}"


def parse_notice(text: str, year: int | None = None) -> YearTable:
    """The notice's holidays and make-up workdays; `year` is needed only when the title is missing."""
    norm = _normalise(text)
    if "放假" not in norm or not _DATE.search(norm):
        raise NoticeError(_NOTHING)
    year = _year(norm, year)
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    for item in _items(norm):
        found_before = len(holidays) + len(workdays)
        context: list[date] = []
        for sentence in item.sentences:
            _read_sentence(sentence, item, year, context, holidays, workdays)
        if len(holidays) + len(workdays) == found_before and item.name != _FALLBACK_NAME:
            raise NoticeError(
                f"读不出这一条的日期：“{_quote(item.text)}”。日期应写成“1月1日”“2月15日至23日”这样的阿拉伯数字。"
            )
    if not holidays:
        raise NoticeError(_NOTHING)
    both = sorted(set(holidays) & set(workdays))
    if both:
        raise NoticeError(f"{_md(both[0])}既被写成放假又被写成上班，请检查复制的文字。")
    return YearTable(year=year, holidays=holidays, workdays=workdays, source=_source(norm, year))


def read_notice_file(path: Path) -> str:
    """Notice text from a file: UTF-8 (with or without BOM) or, as Windows Notepad saves it, GBK/GB18030."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NoticeError(f"{path} 不是文本文件（既不是 UTF-8 也不是 GBK 编码）")


def import_notice(source: str | Path, year: int | None = None) -> YearTable:
    """Parse notice text (or a file holding it) and save it as the office's table for that year.

    A str is taken as a file path only when it names an existing file; anything else is notice text.
    The saved file (`holidays.office_file(year)`) replaces an earlier import of the same year.
    """
    if isinstance(source, Path) or ("\n" not in source and len(source) < 1024 and Path(source).is_file()):
        text = read_notice_file(Path(source))
    else:
        text = source
    table = parse_notice(text, year)
    table.save(office_file(table.year))
    return table


def _normalise(text: str) -> str:
    """Full-width to half-width (NFKC), drop layout whitespace, keep item boundaries.

    Lines are joined without a separator because a PDF copy wraps mid-sentence; a 。 is put back only
    where the next line starts a new item, so a list pasted without full stops still splits correctly.
    """
    text = unicodedata.normalize("NFKC", text).replace("\u3000", " ")
    out = ""
    for raw in text.splitlines():
        line = re.sub(r"\s+", "", raw)
        if not line:
            continue
        if out and not out.endswith("。") and _LINE_HEADER.match(line):
            out += "。"
        out += line
    # Commas inside brackets ("（农历除夕，周二）") must not split a clause.
    return re.sub(r"\([^()]*\)", lambda m: re.sub(r"[,;]", "、", m.group(0)), out)


def _year(norm: str, given: int | None) -> int:
    found: int | None = None
    for hint in _YEAR_HINTS:
        match = hint.search(norm)
        if match:
            found = int(match.group(1))
            break
    if given is not None:
        if found is not None and found != given:
            raise NoticeError(f"通知写的是{found}年的安排，却指定了{given}年。请去掉年份参数或改为{found}。")
        return given
    if found is None:
        raise NoticeError(
            "读不出这是哪一年的通知：请连同标题（“国务院办公厅关于XXXX年部分节假日安排的通知”）一起复制，或指定年份。"
        )
    return found


def _source(norm: str, year: int) -> str:
    title = _TITLE.search(norm)
    name = title.group(0) if title else f"{year}年部分节假日安排（导入的通知）"
    doc = _DOC_NO.search(norm)
    return f"{name}（{doc.group(0)}）" if doc else name


def _items(norm: str) -> list[_Item]:
    """Numbered items with their follow-on sentences; text before the first item (title, preamble that
    quotes dates such as "自2025年1月1日起") is ignored. Without any numbered item every sentence counts."""
    items: list[_Item] = []
    loose = _Item(_FALLBACK_NAME)
    for sentence in (s for s in norm.split("。") if s):
        header = _HEADER.match(sentence)
        if header and (header.group("enum") or _looks_like_festival(header.group("name"))):
            items.append(_Item(header.group("name"), [header.group("body")]))
        elif items:
            items[-1].sentences.append(sentence)
        else:
            loose.sentences.append(sentence)
    return items or [loose]


def _looks_like_festival(name: str) -> bool:
    return "节" in name or "元旦" in name


def _read_sentence(
    sentence: str,
    item: _Item,
    year: int,
    context: list[date],
    holidays: dict[date, str],
    workdays: dict[date, str],
) -> None:
    """Each clause either says 放假 (days off) or 上班 (worked days); anything else (共N天, 鼓励…休息,
    与周末连休) carries no dates for us. `context` is the last date read, for "至23日" and "、28日"."""
    off_here = 0
    for clause in re.split(r"[,;]", sentence):
        working = "上班" in clause or "补班" in clause
        if not working and "放假" not in clause:
            continue
        days = _clause_days(clause, item, year, context)
        target = workdays if working else holidays
        for day in days:
            if working and day.weekday() < 5:
                raise NoticeError(
                    f"“{_quote(item.text)}”：{_md(day)}是{year}年的周{_WEEKDAY_NAMES[day.weekday()]}，"
                    "本来就是工作日，不会写成调休上班——年份可能不对。"
                )
            target[day] = item.name
        if not working:
            off_here += len(days)
    count = _COUNT.search(sentence)
    if count and off_here and int(count.group(1)) != off_here:
        raise NoticeError(
            f"“{_quote(item.text)}”写着共{count.group(1)}天，但读出的放假日期是{off_here}天，请检查复制的文字。"
        )


def _clause_days(clause: str, item: _Item, year: int, context: list[date]) -> list[date]:
    matches = list(_DATE.finditer(clause))
    days: list[date] = []
    i = 0
    while i < len(matches):
        start = _resolve(matches[i], item, year, context, None)
        if i + 1 < len(matches) and _RANGE_SEP.match(clause[matches[i].end() : matches[i + 1].start()]):
            end = _resolve(matches[i + 1], item, year, context, start)
            if not 0 <= (end - start).days < _MAX_RANGE_DAYS:
                raise NoticeError(f"“{_quote(item.text)}”：{_md(start)}至{_md(end)}不是一个合理的放假区间。")
            days.extend(start + timedelta(days=n) for n in range((end - start).days + 1))
            i += 2
        else:
            days.append(start)
            i += 1
    return days


def _resolve(match: re.Match[str], item: _Item, year: int, context: list[date], range_start: date | None) -> date:
    """A written date as a real one: a missing month or year comes from the date before it in the same
    item; a range end earlier than its start is in the next year (12月31日至1月2日)."""
    previous = range_start or (context[-1] if context else None)
    y_text, m_text = match.group("y"), match.group("m")
    if m_text is None and previous is None:
        raise NoticeError(f"“{_quote(item.text)}”：“{match.group(0)}”缺少月份。")
    month = int(m_text) if m_text else previous.month if previous else 0
    if y_text:
        the_year = int(y_text)
    elif m_text is None and previous is not None:
        the_year = previous.year
    else:
        the_year = year
    try:
        day = date(the_year, month, int(match.group("d")))
        if range_start is not None and not y_text and day < range_start:
            day = day.replace(year=day.year + 1)
    except ValueError as exc:
        raise NoticeError(f"“{_quote(item.text)}”：“{match.group(0)}”不是有效日期。") from exc
    if abs(day.year - year) > 1:
        raise NoticeError(f"“{_quote(item.text)}”：{day.isoformat()}不在{year}年前后。")
    _check_weekday(day, match.group("note"), item, year)
    context.append(day)
    return day


def _check_weekday(day: date, note: str | None, item: _Item, year: int) -> None:
    """The notice writes the weekday beside most dates; a mismatch means the year (or the copy) is wrong."""
    weekday = _WEEKDAY.search(note or "")
    if weekday and _WEEKDAYS[weekday.group(1)] != day.weekday():
        raise NoticeError(
            f"“{_quote(item.text)}”：{_md(day)}标注为周{weekday.group(1)}，但{day.year}年的这一天是"
            f"周{_WEEKDAY_NAMES[day.weekday()]}。是不是年份不对（现在按{year}年读）？"
        )


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def _quote(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
