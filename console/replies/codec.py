"""The one JSON shape of keyword rules and reply templates: what the database rows hold, what the sync
wire carries, what the CLI prints and what import/export files contain.

A rule:

    {"id": 12, "account": "wx…" | None, "name": "社保卡补办", "kind": "keyword", "mode": "contains",
     "keywords": ["社保卡", "补办"], "priority": 0,
     "windows": [{"days": [0, 1, 2, 3, 4], "start": "08:30", "end": "17:30"}], "enabled": true,
     "reply": {"kind": "text", "text": "…"}}

`account` None means every account; `windows` empty means always active. A template:

    {"id": 3, "account": None, "title": "社保卡补办", "body": "{称呼}您好，…", "category": "社保",
     "tags": ["社保", "补办"], "archived": false, "usage_count": 0}

Reading either checks every field and raises `RuleFormatError` / `TemplateFormatError` (both
ValueError) whose message, in plain Chinese, names the rule or template (and the row, if given) and what
to fix. Time windows are also read from and written as human text for spreadsheets (`parse_windows_text`
reads what `TimeWindow.describe()` writes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from enum import StrEnum
from typing import Any, TypeVar

from console.replies.rules import MODE_NAMES, MatchMode, Reply, ReplyKind, Rule, RuleKind, TimeWindow

RULE_NAME_MAX = 100
TITLE_MAX = 60
BODY_MAX = 2000
CATEGORY_MAX = 32
TAGS_MAX = 10
TAG_MAX = 16

KIND_NAMES: dict[RuleKind, str] = {
    RuleKind.KEYWORD: "关键词",
    RuleKind.WELCOME: "关注欢迎语",
    RuleKind.FALLBACK: "兜底回复",
}
REPLY_KIND_NAMES: dict[ReplyKind, str] = {ReplyKind.TEXT: "文字", ReplyKind.IMAGE: "图片", ReplyKind.NEWS: "图文"}
_E = TypeVar("_E", bound=StrEnum)
ALWAYS_TEXT = "始终生效"  # what Rule.describe_windows() writes for "no windows"


class _FormatError(ValueError):
    """`problem` says what is wrong and how to fix it; `name` and `row` say where (either may be None)."""

    what = ""

    def __init__(self, problem: str, *, name: str | None = None, row: int | None = None) -> None:
        self.problem = problem
        self.name = name
        self.row = row
        super().__init__(self.located(f"第 {row} 行" if row is not None else None))

    def located(self, where: str | None) -> str:
        """The message with `where` ("第 3 条") in front instead of the row: for callers that number
        items their own way."""
        parts = [part for part in (where, f"{self.what}“{self.name}”" if self.name else None) if part]
        return f"{'，'.join(parts)}：{self.problem}" if parts else self.problem


class RuleFormatError(_FormatError):
    what = "规则"


class TemplateFormatError(_FormatError):
    what = "模板"


@dataclass(frozen=True)
class Template:
    """A reply template (常用回复). `account` is an appid, or None when every account shares it; `id` 0
    means not stored yet."""

    id: int
    account: str | None
    title: str
    body: str
    category: str = ""
    tags: Sequence[str] = ()
    archived: bool = False
    usage_count: int = 0

    def __post_init__(self) -> None:
        tags = (self.tags,) if isinstance(self.tags, str) else tuple(self.tags)
        object.__setattr__(self, "tags", tags)


# ---- replies ----


def reply_to_dict(reply: Reply) -> dict[str, Any]:
    if reply.kind is ReplyKind.IMAGE:
        return {"kind": "image", "media_id": reply.media_id}
    if reply.kind is ReplyKind.NEWS:
        news = reply.news
        return {
            "kind": "news",
            "title": news.title if news else "",
            "description": news.description if news else "",
            "url": news.url if news else "",
            "picurl": news.picurl if news else "",
        }
    return {"kind": "text", "text": reply.text}


def reply_from_dict(data: Any) -> Reply:
    """RuleFormatError (without a rule name) when the reply is malformed."""
    if not isinstance(data, Mapping):
        raise RuleFormatError('缺少回复内容，回复应写成 {"kind": "text", "text": "回复的文字"} 这样的对象。')
    kind = _enum(ReplyKind, data.get("kind", "text"), "回复类型", REPLY_KIND_NAMES, RuleFormatError)
    if kind is ReplyKind.TEXT:
        return Reply.of_text(_string(data, "text", "回复内容", RuleFormatError))
    if kind is ReplyKind.IMAGE:
        return Reply.of_image(_string(data, "media_id", "图片素材ID", RuleFormatError).strip())
    url = _string(data, "url", "图文链接", RuleFormatError).strip()
    if not url:
        raise RuleFormatError("图文回复缺少文章链接，请填写以 http:// 或 https:// 开头的链接。")
    picurl = _string(data, "picurl", "封面图片链接", RuleFormatError).strip()
    for label, link in (("图文链接", url), ("封面图片链接", picurl)):
        if link and not re.match(r"https?://\S+$", link, re.IGNORECASE):
            raise RuleFormatError(f"{label}“{link}”不是有效的网址，应以 http:// 或 https:// 开头且不含空格。")
    return Reply.of_news(
        _string(data, "title", "图文标题", RuleFormatError).strip(),
        _string(data, "description", "图文摘要", RuleFormatError).strip(),
        url,
        picurl,
    )


# ---- time windows ----


def windows_to_list(windows: Iterable[TimeWindow]) -> list[dict[str, Any]]:
    return [
        {"days": sorted(window.weekdays), "start": f"{window.start:%H:%M}", "end": f"{window.end:%H:%M}"}
        for window in windows
    ]


def windows_from_list(data: Any) -> tuple[TimeWindow, ...]:
    """RuleFormatError (without a rule name) when a window is malformed. An end of "24:00" is midnight."""
    if data is None:
        return ()
    if not isinstance(data, list | tuple):
        raise RuleFormatError(
            '生效时段应是一个列表，例如 [{"days": [0, 1, 2, 3, 4], "start": "08:30", "end": "17:30"}]；'
            "始终生效请写 []。"
        )
    windows = []
    for number, item in enumerate(data, start=1):
        where = f"第 {number} 个生效时段" if len(data) > 1 else "生效时段"
        if not isinstance(item, Mapping):
            raise RuleFormatError(f'{where}应写成 {{"days": [0, 1, 2, 3, 4], "start": "08:30", "end": "17:30"}}。')
        days = item.get("days")
        if not isinstance(days, list | tuple):
            raise RuleFormatError(f"{where}缺少星期（days），应是 0（周一）到 6（周日）的列表，例如 [0, 1, 2, 3, 4]。")
        for day in days:
            if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
                raise RuleFormatError(f"{where}的星期“{day}”超出范围，应是 0（周一）到 6（周日）之间的整数。")
        start = _clock(item.get("start"), f"{where}的开始时间", allow_24=False)
        end = _clock(item.get("end"), f"{where}的结束时间", allow_24=True)
        windows.append(TimeWindow(frozenset(days), start, end))
    return tuple(windows)


def _clock(value: Any, label: str, *, allow_24: bool) -> time:
    match = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", value) if isinstance(value, str) else None
    if match is not None:
        hour, minute = int(match[1]), int(match[2])
        if allow_24 and (hour, minute) == (24, 0):
            return time(0, 0)
        if hour <= 23 and minute <= 59:
            return time(hour, minute)
    shown = "（空）" if value in (None, "") else f"“{value}”"
    extra = "，结束时间可写 24:00" if allow_24 else ""
    raise RuleFormatError(f"{label}{shown}不是 HH:MM 格式的时间，应写成 08:30 这样（00:00 到 23:59{extra}）。")


_DAY_NAMES = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
_DAY_NAMES.update({str(number): number - 1 for number in range(1, 8)})
_DAY = r"(?:周|星期|礼拜)([一二三四五六日天七1-7])"
_DAY_RANGE = re.compile(rf"{_DAY}(?:\s*(?:至|到|-|–|—|~|～)\s*(?:周|星期|礼拜)?([一二三四五六日天七1-7]))?")
_SPAN = r"全天|\d{1,2}[:：]\d{2}\s*(?:-|–|—|~|～|至|到)\s*(?:次日)?\s*\d{1,2}[:：]\d{2}"
_SEGMENT = re.compile(rf"(?P<days>.*?)\s*(?P<span>{_SPAN})?")
_SPAN_PARTS = re.compile(r"(\d{1,2}[:：]\d{2})\s*(?:-|–|—|~|～|至|到)\s*(次日)?\s*(\d{1,2}[:：]\d{2})")
_DAY_WORDS = {
    "每天": range(7),
    "每日": range(7),
    "全周": range(7),
    "天天": range(7),
    "工作日": range(5),
    "周末": range(5, 7),
}
_NO_DAYS = {"（未选星期）", "(未选星期)", "未选星期"}
_WINDOWS_EXAMPLE = "应写成“周一至周五 08:30-17:30”“每天 全天”或“周五 17:30-次日08:30”这样，多个时段用“；”分开"


def parse_windows_text(text: str) -> tuple[TimeWindow, ...]:
    """Windows from the words `TimeWindow.describe()` writes, joined by "；" (or ";" or new lines):
    "周一至周五 08:30–17:30；周六 全天", "每天 17:30–次日08:30", "周一、周三 17:30–24:00". A hyphen works
    like the en dash; days alone mean the whole day, a time span alone means every day. Empty text or
    "始终生效" is no windows (always active). RuleFormatError says what could not be read.

    `describe()` writes every whole-day window as "全天", so a window whose start equals its end comes
    back as 00:00–00:00, and seconds are not kept."""
    text = text.strip()
    if not text or text == ALWAYS_TEXT:
        return ()
    windows = []
    for segment in re.split(r"[；;\n\r]+", text):
        segment = segment.strip()
        if not segment:
            continue
        match = _SEGMENT.fullmatch(segment)
        assert match is not None  # the days group takes anything
        days = _parse_days(match["days"], segment)
        start, end = _parse_span(match["span"], segment)
        windows.append(TimeWindow(days, start, end))
    return tuple(windows)


def _parse_days(text: str, segment: str) -> frozenset[int]:
    text = text.strip()
    if not text:
        return frozenset(range(7))
    if text in _NO_DAYS:
        return frozenset()
    days: set[int] = set()
    for part in re.split(r"[、，,/\s]+", text):
        if not part:
            continue
        if part in _DAY_WORDS:
            days.update(_DAY_WORDS[part])
            continue
        match = _DAY_RANGE.fullmatch(part)
        if match is None:
            raise RuleFormatError(f"生效时段“{segment}”中的“{part}”不是星期，{_WINDOWS_EXAMPLE}。")
        first = _DAY_NAMES[match[1]]
        last = _DAY_NAMES[match[2]] if match[2] else first
        days.update((first + step) % 7 for step in range((last - first) % 7 + 1))
    return frozenset(days)


def _parse_span(span: str | None, segment: str) -> tuple[time, time]:
    if span is None or span == "全天":
        return time(0, 0), time(0, 0)
    match = _SPAN_PARTS.fullmatch(span)
    assert match is not None
    try:
        start = _clock(match[1], "开始时间", allow_24=False)
        end = _clock(match[3], "结束时间", allow_24=True)
    except RuleFormatError as exc:
        raise RuleFormatError(f"生效时段“{segment}”的{exc.problem}") from None
    if match[2] and start < end and end != time(0, 0):
        raise RuleFormatError(f"生效时段“{segment}”超过 24 小时：跨天的时段结束时间应早于开始时间。")
    return start, end


# ---- rules ----


def rule_to_dict(rule: Rule, appid: str | None) -> dict[str, Any]:
    """`appid` is the rule's account as the shape names it (None: every account)."""
    return {
        "id": rule.id,
        "account": appid,
        "name": rule.name,
        "kind": rule.kind.value,
        "mode": rule.mode.value,
        "keywords": list(rule.keywords),
        "priority": rule.priority,
        "windows": windows_to_list(rule.windows),
        "enabled": rule.enabled,
        "reply": reply_to_dict(rule.reply),
    }


def rule_from_dict(data: Any, *, row: int | None = None) -> Rule:
    """The Rule a dict describes (`account` becomes Rule.account, a missing id 0). Keys other than the
    shape's are ignored; missing optional keys take their defaults (keyword rule, contains, no keywords,
    priority 0, always active, enabled). A keyword rule without keywords is allowed: lint reports it."""
    if not isinstance(data, Mapping):
        raise RuleFormatError("规则应写成一个对象（{…}），包含 name、keywords、reply 等字段。", row=row)
    raw_name = data.get("name")
    name = raw_name.strip() if isinstance(raw_name, str) else ""
    try:
        if raw_name is None or not name:
            raise RuleFormatError("缺少规则名称，请填写一个便于辨认的名称。")
        if not isinstance(raw_name, str):
            raise RuleFormatError(f"规则名称“{raw_name}”应是文字。")
        if len(name) > RULE_NAME_MAX:
            raise RuleFormatError(f"规则名称有 {len(name)} 个字，最多 {RULE_NAME_MAX} 个字，请缩短。")
        keywords = data.get("keywords", [])
        if keywords is None:
            keywords = []
        if not isinstance(keywords, list | tuple):
            raise RuleFormatError('关键词应是文字的列表，例如 ["社保", "医保"]。')
        for number, keyword in enumerate(keywords, start=1):
            if not isinstance(keyword, str):
                raise RuleFormatError(f"第 {number} 个关键词“{keyword}”不是文字，关键词应是文字的列表。")
        return Rule(
            id=_integer(data.get("id"), "编号", RuleFormatError, minimum=0),
            name=name,
            reply=reply_from_dict(data.get("reply")),
            keywords=tuple(keywords),
            mode=_enum(MatchMode, data.get("mode", "contains"), "匹配方式", MODE_NAMES, RuleFormatError),
            priority=_integer(data.get("priority", 0), "优先级", RuleFormatError),
            account=_account(data.get("account"), RuleFormatError),
            windows=windows_from_list(data.get("windows")),
            enabled=_boolean(data.get("enabled", True), "启用", RuleFormatError),
            kind=_enum(RuleKind, data.get("kind", "keyword"), "规则类型", KIND_NAMES, RuleFormatError),
        )
    except RuleFormatError as exc:
        raise RuleFormatError(exc.problem, name=name or None, row=row) from None


# ---- templates ----


def template_to_dict(template: Template) -> dict[str, Any]:
    return {
        "id": template.id,
        "account": template.account,
        "title": template.title,
        "body": template.body,
        "category": template.category,
        "tags": list(template.tags),
        "archived": template.archived,
        "usage_count": template.usage_count,
    }


def template_from_dict(data: Any, *, row: int | None = None) -> Template:
    """The Template a dict describes; a missing id is 0. Title, category and tags are trimmed of spaces
    (blank tags dropped); the body is kept as written. Keys other than the shape's are ignored."""
    if not isinstance(data, Mapping):
        raise TemplateFormatError("模板应写成一个对象（{…}），包含 title、body 等字段。", row=row)
    raw_title = data.get("title")
    title = raw_title.strip() if isinstance(raw_title, str) else ""
    err = TemplateFormatError
    try:
        if raw_title is None or not title:
            raise err("缺少标题，请填写一个简短的标题（最多 60 个字）。")
        if not isinstance(raw_title, str):
            raise err(f"标题“{raw_title}”应是文字。")
        if len(title) > TITLE_MAX:
            raise err(f"标题有 {len(title)} 个字，最多 {TITLE_MAX} 个字，请缩短。")
        body = _string(data, "body", "正文", err)
        if not body.strip():
            raise err("正文为空，请填写回复给群众的内容。")
        if len(body) > BODY_MAX:
            raise err(f"正文有 {len(body)} 个字，最多 {BODY_MAX} 个字，请缩短或拆成几个模板。")
        category = _string(data, "category", "分类", err).strip()
        if len(category) > CATEGORY_MAX:
            raise err(f"分类“{category}”超过 {CATEGORY_MAX} 个字，请缩短。")
        raw_tags = data.get("tags")
        if raw_tags is None:
            raw_tags = []
        if not isinstance(raw_tags, list | tuple):
            raise err('标签应是文字的列表，例如 ["社保", "补办"]。')
        tags: list[str] = []
        for tag in raw_tags:
            if not isinstance(tag, str):
                raise err(f"标签“{tag}”不是文字。")
            if (tag := tag.strip()) and tag not in tags:
                tags.append(tag)
        if len(tags) > TAGS_MAX:
            raise err(f"有 {len(tags)} 个标签，最多 {TAGS_MAX} 个，请删去一些。")
        for tag in tags:
            if len(tag) > TAG_MAX:
                raise err(f"标签“{tag}”超过 {TAG_MAX} 个字，请缩短。")
        return Template(
            id=_integer(data.get("id"), "编号", err, minimum=0),
            account=_account(data.get("account"), err),
            title=title,
            body=body,
            category=category,
            tags=tuple(tags),
            archived=_boolean(data.get("archived", False), "已归档", err),
            usage_count=_integer(data.get("usage_count", 0), "使用次数", err, minimum=0),
        )
    except TemplateFormatError as exc:
        raise TemplateFormatError(exc.problem, name=title or None, row=row) from None


# ---- fields ----


def _string(data: Mapping[str, Any], key: str, label: str, error: type[_FormatError]) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise error(f"{label}（{key}）应是文字，现在是“{value}”。")
    return value


def _integer(value: Any, label: str, error: type[_FormatError], *, minimum: int | None = None) -> int:
    if value is None:
        return 0
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise error(f"{label}“{value}”不是整数，请填写整数，例如 0 或 10。")
    if minimum is not None and value < minimum:
        raise error(f"{label}“{value}”不能小于 {minimum}。")
    return value


def _boolean(value: Any, label: str, error: type[_FormatError]) -> bool:
    if not isinstance(value, bool):
        raise error(f"{label}“{value}”应是 true 或 false。")
    return value


def _account(value: Any, error: type[_FormatError]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise error(f"账号“{value}”应是公众号的 AppID（文字），或留空表示全部账号。")
    return value.strip() or None


def _enum(enum: type[_E], value: Any, label: str, names: Mapping[_E, str], error: type[_FormatError]) -> _E:
    if isinstance(value, str):
        try:
            return enum(value.strip().lower())
        except ValueError:
            pass
    choices = [f"{member.value}（{names[member]}）" for member in enum]
    raise error(f"{label}“{value}”无法识别，应为 {'、'.join(choices[:-1])} 或 {choices[-1]}。")
