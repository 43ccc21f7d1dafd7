"""Reply templates (常用回复) at the operator's fingertips: variables filled in for the account and the
follower, and a search that takes what operators actually type — a few characters of the title, or its
pinyin initials ("sb" for 社保, "ylbx" for 养老保险), or full pinyin without tones ("shebao").

Variables are written in braces: {称呼} (the follower's remark or nickname, else "您"), {日期} (today,
"2026年11月26日"), {办公时间}, and any value the account defines ({窗口电话}, {办公地址}…). A variable with
no value stays in the text as written, and is reported, so the operator sees it and fills it in.

`TemplateIndex` prepares every template's searchable strings once; a search then scans a few joined
strings with str.find and one regex (C loops), touching Python code only for templates that match, so
thousands of templates answer within a keystroke.
"""

from __future__ import annotations

import heapq
import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from pypinyin import Style, lazy_pinyin, pinyin

from console.replies.codec import Template
from console.screening.normalize import fold

NICKNAME = "称呼"
DATE = "日期"
OFFICE_HOURS = "办公时间"
WINDOW_PHONE = "窗口电话"
BUILTIN_VARIABLES = (NICKNAME, DATE, OFFICE_HOURS, WINDOW_PHONE)
# No name known: {称呼} is left out, so "{称呼}您好" reads "您好" (never "您您好").
DEFAULT_NICKNAME = ""

# {name}: a name starts with a letter (Chinese counts) or "_", so "{1}", "{ }" and a lone "{" stay text
_VARIABLE = re.compile(r"\{([^\W\d]\w{0,19})\}")


@dataclass(frozen=True)
class VariableValues:
    """What the variables stand for, for one account and one follower."""

    nickname: str | None
    today: date
    office_hours: str = ""
    account_values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Filled:
    """The text with every known variable replaced; `missing` names those left as written, in order."""

    text: str
    missing: tuple[str, ...] = ()


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def variables_in(body: str) -> list[str]:
    """The variable names a body uses, each once, in order of first use."""
    return list(dict.fromkeys(match[1] for match in _VARIABLE.finditer(body)))


def fill(body: str, values: VariableValues) -> Filled:
    """{称呼} and {日期} always have a value; {办公时间} is `office_hours` unless the account defines its
    own; every other name comes from the account's values. A blank value counts as no value."""
    known: dict[str, str] = {OFFICE_HOURS: values.office_hours}
    known.update(values.account_values)
    nickname = (values.nickname or "").strip()
    known[NICKNAME] = nickname or DEFAULT_NICKNAME
    known[DATE] = chinese_date(values.today)
    missing: dict[str, None] = {}

    def replace(match: re.Match[str]) -> str:
        value = known.get(match[1])
        if match[1] == NICKNAME:
            return value or ""  # no name known is not a gap to fill: the text reads on without it
        if value is None or not value.strip():
            missing[match[1]] = None
            return match[0]
        return value

    return Filled(_VARIABLE.sub(replace, body), tuple(missing))


# ---- search ----

_SEP = "\x00"  # between the entries of a joined string; removed from the text itself
_GROUP = "\x01"  # between a template's category and tags
_SYLLABLE = "|"  # before each syllable of full pinyin
_VARIANTS_MAX = 32  # readings combinations kept per title before falling back to one change at a time
_PINYIN_QUERY = re.compile(r"[a-z0-9]+")
_QUERY_DROP = re.compile(r"[\s'’\x00\x01|]+")


@cache
def _readings(char: str) -> tuple[str, ...]:
    """Every toneless reading of one character ("行" → xing, hang, heng); a letter or digit is itself;
    anything else (punctuation, spaces) has none."""
    if char.isascii():
        return (char.lower(),) if char.isalnum() else ()
    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    readings = [reading.lower() for group in found for reading in group if reading.isascii() and reading.isalpha()]
    return tuple(dict.fromkeys(readings))


@cache
def _initials(char: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(reading[0] for reading in _readings(char)))


def _variants(options: Sequence[tuple[str, ...]], usual: Sequence[str] | None, join: str) -> tuple[str, ...]:
    """Every combination of the options (one per character), or when there are too many, the usual
    reading and each one-character change of it."""
    count = 1
    for choice in options:
        count *= len(choice)
    if count <= _VARIANTS_MAX:
        return tuple(join.join(combination) for combination in itertools.product(*options))
    base = list(usual) if usual is not None else [choice[0] for choice in options]
    variants = [join.join(base)]
    for position, choice in enumerate(options):
        for other in choice:
            if other != base[position]:
                variants.append(join.join([*base[:position], other, *base[position + 1 :]]))
    return tuple(dict.fromkeys(variants))


def _usual_readings(chars: str, options: Sequence[tuple[str, ...]]) -> list[str] | None:
    """The readings pypinyin gives in context (phrases: 银行 yin hang) for `chars` (characters that have
    readings), or None if they do not line up with `options`."""
    readings: list[str] = []
    for han, run in itertools.groupby(chars, key=lambda char: not char.isascii()):
        text = "".join(run)
        if han:
            readings.extend(lazy_pinyin(text, style=Style.NORMAL))
        else:
            readings.extend(char.lower() for char in text)
    if len(readings) != len(options) or any(r not in choice for r, choice in zip(readings, options, strict=True)):
        return None
    return readings


def _pinyin_forms(title: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """(initials variants, full pinyin variants with "|" before each syllable, sort key) of a folded title."""
    chars = "".join(char for char in title if _readings(char))
    full = [_readings(char) for char in chars]
    firsts = [_initials(char) for char in chars]
    count_full = count_firsts = 1
    for choice in full:
        count_full *= len(choice)
    for choice in firsts:
        count_firsts *= len(choice)
    usual = _usual_readings(chars, full) if max(count_full, count_firsts) > _VARIANTS_MAX else None
    initials = _variants(firsts, [reading[0] for reading in usual] if usual else None, "")
    spelled = _variants([tuple(_SYLLABLE + r for r in choice) for choice in full], _marked(usual), "")
    return initials, spelled, spelled[0].replace(_SYLLABLE, " ").strip() if spelled else ""


def _marked(readings: list[str] | None) -> list[str] | None:
    return None if readings is None else [_SYLLABLE + reading for reading in readings]


def _clean(text: str) -> str:
    return fold(text).replace(_SEP, " ").replace(_GROUP, " ")


@dataclass(frozen=True)
class _Prepared:
    title: str
    initials: tuple[str, ...]
    spelled: tuple[str, ...]
    labels: str
    body: str
    sort_key: tuple[int, str, str, int]


class _Joined:
    """Many entries in one string, each after a _SEP, owned by a template's rank in a view; the owners'
    entries come in rank order, so a hit can skip the rest of its owner's entries."""

    def __init__(self, entries: Iterable[tuple[int, str]]) -> None:
        parts: list[str] = []
        self.starts: list[int] = []
        self.owners: list[int] = []
        position = 0
        for owner, text in entries:
            self.starts.append(position)
            self.owners.append(owner)
            parts.append(_SEP + text)
            position += len(text) + 1
        self.text = "".join(parts)
        # where the next owner's entries begin, for each entry
        self.skip = [len(self.text)] * len(self.owners)
        for index in range(len(self.owners) - 2, -1, -1):
            same = self.owners[index + 1] == self.owners[index]
            self.skip[index] = self.skip[index + 1] if same else self.starts[index + 1]

    def owners_of(self, locate: Callable[[int], int]) -> Iterator[int]:
        """The owners of the entries `locate(position)` finds (-1: none left), each once."""
        position = 0
        while (hit := locate(position)) >= 0:
            entry = bisect_right(self.starts, hit) - 1
            yield self.owners[entry]
            position = self.skip[entry]

    def containing(self, needle: str) -> Iterator[int]:
        return self.owners_of(lambda position: self.text.find(needle, position))

    def matching(self, pattern: re.Pattern[str]) -> Iterator[int]:
        def locate(position: int) -> int:
            match = pattern.search(self.text, position)
            return -1 if match is None else match.start()

        return self.owners_of(locate)


class _View:
    """The templates one account sees (its own and the shared ones, not archived), most used first."""

    def __init__(self, members: list[int], prepared: Sequence[_Prepared]) -> None:
        self.members = members
        items = [(rank, prepared[index]) for rank, index in enumerate(members)]
        self.titles = _Joined((rank, item.title) for rank, item in items)
        self.initials = _Joined((rank, variant) for rank, item in items for variant in item.initials)
        self.spelled = _Joined((rank, variant) for rank, item in items for variant in item.spelled)
        self.labels = _Joined((rank, item.labels) for rank, item in items)
        self.bodies = _Joined((rank, item.body) for rank, item in items)


class TemplateIndex:
    """Search over a fixed set of templates; build a new index when they change. Each template's search
    strings are prepared here; the joined strings for an account are built on its first search."""

    def __init__(self, templates: Iterable[Template]) -> None:
        self.templates: tuple[Template, ...] = tuple(templates)
        self._prepared = [self._prepare(template) for template in self.templates]
        self._order = sorted(range(len(self.templates)), key=lambda index: self._prepared[index].sort_key)
        self._views: dict[str | None, _View] = {}

    def __len__(self) -> int:
        return len(self.templates)

    def search(self, query: str, account: str | None, limit: int = 20) -> list[Template]:
        """Templates of `account` (an appid; None: only the shared ones) and shared ones, not archived,
        best first: the title starting with the query or with it as pinyin initials (or full pinyin), the
        title containing the query, the initials anywhere in the title, a tag or the category, the body;
        within each, the most used first, then by title (in pinyin order). Letters match either case, and
        full-width letters as half-width. An empty query gives the most used."""
        if limit <= 0:
            return []
        view = self._view(account or None)
        text = _clean(query).strip()
        if not text:
            return [self.templates[index] for index in view.members[:limit]]
        tiers: dict[int, int] = {}  # rank in the view → best tier
        for tier, owners in enumerate(self._tiers(view, text)):
            for owner in owners:
                tiers.setdefault(owner, tier)
            if len(tiers) >= limit:
                break  # every later tier ranks below the ones found
        best = heapq.nsmallest(limit, tiers, key=lambda rank: (tiers[rank], rank))
        return [self.templates[view.members[rank]] for rank in best]

    # ---- internals ----

    @staticmethod
    def _prepare(template: Template) -> _Prepared:
        title = _clean(template.title)
        initials, spelled, spoken = _pinyin_forms(title)
        labels = _GROUP.join(_clean(label) for label in (template.category, *template.tags))
        key = (-template.usage_count, spoken, template.title, template.id)
        return _Prepared(title, initials, spelled, labels, _clean(template.body), key)

    def _view(self, account: str | None) -> _View:
        view = self._views.get(account)
        if view is None:
            members = [
                index
                for index in self._order
                if not self.templates[index].archived and self.templates[index].account in (None, account)
            ]
            view = self._views[account] = _View(members, self._prepared)
        return view

    @staticmethod
    def _tiers(view: _View, text: str) -> Iterator[Iterable[int]]:
        """The owners found at each tier, best tier first (lazily: a tier is scanned only if needed)."""
        letters = _QUERY_DROP.sub("", text)
        spelled = _PINYIN_QUERY.fullmatch(letters) is not None
        flexible = (re.escape(_SYLLABLE) + "?").join(re.escape(char) for char in letters)
        # 0: the title starts with the query, its initials or its full pinyin
        prefix = view.titles.containing(_SEP + text)
        if spelled:
            start = re.compile(re.escape(_SEP + _SYLLABLE) + flexible)
            yield itertools.chain(prefix, view.initials.containing(_SEP + letters), view.spelled.matching(start))
        else:
            yield prefix
        # 1: the title contains the query
        yield view.titles.containing(text)
        # 2: initials or full pinyin anywhere in the title (full pinyin from a syllable's start)
        if spelled:
            anywhere = re.compile(re.escape(_SYLLABLE) + flexible)
            yield itertools.chain(view.initials.containing(letters), view.spelled.matching(anywhere))
        else:
            yield ()
        # 3: a tag or the category; 4: the body
        yield view.labels.containing(text)
        yield view.bodies.containing(text)
