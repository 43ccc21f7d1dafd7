"""Keyword rules: which automatic reply a follower's message gets, decided inside WeChat's 5-second limit.

An office may hold thousands of rules across its accounts, so `RuleSet` compiles them once: exact
keywords into a hash table (an exact rule matches only the whole message), contains keywords into one
Aho–Corasick automaton (one pass over the message finds every keyword in it, however many rules there
are), regular expressions compiled and tried only while they could still beat the best rule found.

The winner is the rule with the highest priority; at equal priority exact beats contains beats regex
(the more specific wording wins), then the lower id (the older rule). Only enabled rules of that account
or of all accounts count, and only while one of their time windows is open in China time.

`explain` and `lint` serve the rule tester: why a rule fired, why the others lost, and which rules can
never fire or answer with a reply too short to help — the "simple and empty" replies of the study.
`match_by_loop` is the same decision as a plain loop: the specification the index must agree with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, timezone
from enum import StrEnum

import ahocorasick

from console.screening.normalize import fold, fold_width

CHINA = timezone(timedelta(hours=8), "北京时间")  # no daylight saving in China: a fixed offset is exact
SHORT_REPLY_CHARS = 10
_EXACT_TRIM = " \t\r\n?？!！。.,，~～…"
_WEEKDAYS = "一二三四五六日"


class MatchMode(StrEnum):
    EXACT = "exact"
    CONTAINS = "contains"
    REGEX = "regex"


class RuleKind(StrEnum):
    KEYWORD = "keyword"
    WELCOME = "welcome"  # sent on subscribe
    FALLBACK = "fallback"  # sent when no keyword rule matches


class ReplyKind(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    NEWS = "news"


_MODE_RANK = {MatchMode.EXACT: 0, MatchMode.CONTAINS: 1, MatchMode.REGEX: 2}
MODE_NAMES = {MatchMode.EXACT: "完全匹配", MatchMode.CONTAINS: "包含匹配", MatchMode.REGEX: "正则匹配"}


@dataclass(frozen=True)
class NewsLink:
    title: str
    description: str
    url: str
    picurl: str = ""


@dataclass(frozen=True)
class Reply:
    """What the follower gets: text, an image already uploaded (media_id), or a link to an article."""

    kind: ReplyKind = ReplyKind.TEXT
    text: str = ""
    media_id: str = ""
    news: NewsLink | None = None

    @classmethod
    def of_text(cls, text: str) -> Reply:
        return cls(ReplyKind.TEXT, text=text)

    @classmethod
    def of_image(cls, media_id: str) -> Reply:
        return cls(ReplyKind.IMAGE, media_id=media_id)

    @classmethod
    def of_news(cls, title: str, description: str, url: str, picurl: str = "") -> Reply:
        return cls(ReplyKind.NEWS, news=NewsLink(title, description, url, picurl))


@dataclass(frozen=True)
class TimeWindow:
    """Weekdays (0 = Monday … 6 = Sunday) and a time span in China time. `start == end` is the whole day;
    `start > end` runs overnight and belongs to the weekday it starts on (Friday 17:30–08:30 covers
    Saturday 07:00)."""

    weekdays: frozenset[int]
    start: time
    end: time

    def __post_init__(self) -> None:
        if not all(isinstance(day, int) and 0 <= day <= 6 for day in self.weekdays):
            raise ValueError("星期只能是 0（周一）到 6（周日）。")

    @classmethod
    def of(cls, weekdays: Iterable[int], start: time | str, end: time | str) -> TimeWindow:
        """`TimeWindow.of(range(5), "08:30", "17:30")`."""
        return cls(frozenset(weekdays), _as_time(start), _as_time(end))

    def active(self, local: datetime) -> bool:
        """`local` is China time."""
        now, day = local.time().replace(tzinfo=None), local.weekday()
        if self.start == self.end:
            return day in self.weekdays
        if self.start < self.end:
            return day in self.weekdays and self.start <= now < self.end
        return (day in self.weekdays and now >= self.start) or ((day - 1) % 7 in self.weekdays and now < self.end)

    def describe(self) -> str:
        if self.start == self.end:
            span = "全天"
        elif self.start < self.end:
            span = f"{self.start:%H:%M}–{self.end:%H:%M}"
        elif self.end == time(0, 0):
            span = f"{self.start:%H:%M}–24:00"
        else:
            span = f"{self.start:%H:%M}–次日{self.end:%H:%M}"
        return f"{_describe_days(self.weekdays)} {span}"


def outside_office_hours(
    start: time = time(8, 30), end: time = time(17, 30), workdays: Iterable[int] = range(5)
) -> tuple[TimeWindow, ...]:
    """Windows for "only outside office hours": workday nights and mornings, and the whole weekend.
    Statutory holidays and 调休 days come from the working-day calendar, not from here."""
    days = frozenset(workdays)
    windows = [TimeWindow(days, time(0, 0), start), TimeWindow(days, end, time(0, 0))]
    if rest := frozenset(range(7)) - days:
        windows.append(TimeWindow(rest, time(0, 0), time(0, 0)))
    return tuple(windows)


def office_hours(
    start: time = time(8, 30), end: time = time(17, 30), workdays: Iterable[int] = range(5)
) -> tuple[TimeWindow, ...]:
    return (TimeWindow(frozenset(workdays), start, end),)


@dataclass(frozen=True)
class Rule:
    """One automatic reply. `account` is an appid, or None for every account. An empty `windows` means
    always active. Keywords and windows may be given as lists; they are kept as tuples."""

    id: int
    name: str
    reply: Reply
    keywords: Sequence[str] = ()
    mode: MatchMode = MatchMode.CONTAINS
    priority: int = 0
    account: str | None = None
    windows: Sequence[TimeWindow] = ()
    enabled: bool = True
    kind: RuleKind = RuleKind.KEYWORD

    def __post_init__(self) -> None:
        keywords = (self.keywords,) if isinstance(self.keywords, str) else tuple(self.keywords)
        object.__setattr__(self, "keywords", keywords)
        object.__setattr__(self, "windows", tuple(self.windows))
        object.__setattr__(self, "mode", MatchMode(self.mode))
        object.__setattr__(self, "kind", RuleKind(self.kind))

    def applies_to(self, appid: str) -> bool:
        return self.account is None or self.account == appid

    def active_at(self, local: datetime) -> bool:
        return not self.windows or any(window.active(local) for window in self.windows)

    def describe_windows(self) -> str:
        return "；".join(window.describe() for window in self.windows) if self.windows else "始终生效"


@dataclass(frozen=True)
class Match:
    """The winning rule; `keyword` is the first of its keywords or patterns (in the order written) that
    matched."""

    rule: Rule
    keyword: str | None
    mode: MatchMode | None


class Verdict(StrEnum):
    WON = "won"
    LOWER_PRIORITY = "lower_priority"
    WEAKER_MODE = "weaker_mode"
    HIGHER_ID = "higher_id"
    OUTSIDE_WINDOW = "outside_window"
    DISABLED = "disabled"


@dataclass(frozen=True)
class Candidate:
    """A rule whose keyword matched the message, and why it won or lost (`reason`, in Chinese)."""

    rule: Rule
    keyword: str
    mode: MatchMode
    verdict: Verdict
    reason: str

    @property
    def won(self) -> bool:
        return self.verdict is Verdict.WON


class LintCode(StrEnum):
    SHADOWED = "shadowed"
    INVALID_REGEX = "invalid_regex"
    NO_KEYWORDS = "no_keywords"
    NEVER_ACTIVE = "never_active"
    EMPTY_REPLY = "empty_reply"
    SHORT_REPLY = "short_reply"


@dataclass(frozen=True)
class LintWarning:
    """A problem with one rule (named LintWarning, not Warning, to keep the builtin usable)."""

    rule_id: int
    code: LintCode
    message: str
    other_rule_ids: tuple[int, ...] = ()


def china_time(at: datetime) -> datetime:
    """Aware China time from an aware datetime or a naive UTC one (how the store keeps times)."""
    return (at if at.tzinfo is not None else at.replace(tzinfo=UTC)).astimezone(CHINA)


def keyword_key(keyword: str, mode: MatchMode) -> str:
    """The form a keyword is indexed under; an exact keyword ignores surrounding spaces and end
    punctuation, as followers type "社保？" for "社保"."""
    folded = fold(keyword)
    return folded.strip(_EXACT_TRIM) if mode is MatchMode.EXACT else folded.strip()


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A regex rule runs on the folded message: width-fold the pattern too and ignore case. (Lower-
    casing the pattern itself would turn \\D into \\d.)"""
    return re.compile(fold_width(pattern), re.IGNORECASE)


def _order(rule: Rule) -> tuple[int, int, int]:
    return -rule.priority, _MODE_RANK[rule.mode], rule.id


def _special_order(rule: Rule) -> tuple[int, int, int]:
    """Welcome and fallback rules have no mode; an account's own beats the all-accounts one."""
    return -rule.priority, 0 if rule.account is not None else 1, rule.id


_Entry = tuple[int, str]  # (rule index, keyword as written)


class RuleSet:
    """Rules compiled for matching. Build once per change of the rules; `match` is then cheap."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self._keys = [_order(rule) for rule in self.rules]
        self._exact: dict[str, list[_Entry]] = {}
        contains: dict[str, list[_Entry]] = {}
        self._regex: list[tuple[int, list[tuple[str, re.Pattern[str]]]]] = []
        self.regex_errors: dict[int, list[tuple[str, str]]] = {}  # rule index → (pattern, error)
        self._special: dict[RuleKind, list[int]] = {RuleKind.WELCOME: [], RuleKind.FALLBACK: []}
        for index, rule in enumerate(self.rules):
            if rule.kind is not RuleKind.KEYWORD:
                self._special[rule.kind].append(index)
                continue
            if rule.mode is MatchMode.REGEX:
                compiled = []
                for pattern in rule.keywords:
                    try:
                        compiled.append((pattern, compile_pattern(pattern)))
                    except re.error as exc:
                        self.regex_errors.setdefault(index, []).append((pattern, str(exc)))
                if compiled:
                    self._regex.append((index, compiled))
                continue
            table = self._exact if rule.mode is MatchMode.EXACT else contains
            for keyword in dict.fromkeys(rule.keywords):
                if key := keyword_key(keyword, rule.mode):
                    table.setdefault(key, []).append((index, keyword))
        self._regex.sort(key=lambda item: self._keys[item[0]])
        # per account (its own patterns and the all-accounts ones), so `match` never scans other accounts'
        self._regex_shared = [item for item in self._regex if self.rules[item[0]].account is None]
        self._regex_by_account: dict[str, list[tuple[int, list[tuple[str, re.Pattern[str]]]]]] = {}
        for item in self._regex:
            account = self.rules[item[0]].account
            if account is not None and account not in self._regex_by_account:
                self._regex_by_account[account] = [
                    other for other in self._regex if self.rules[other[0]].account in (None, account)
                ]
        for kind in self._special:
            self._special[kind].sort(key=lambda index: _special_order(self.rules[index]))
        self._automaton: ahocorasick.Automaton | None = None
        if contains:
            automaton = ahocorasick.Automaton()
            for key, entries in contains.items():
                automaton.add_word(key, tuple(entries))
            automaton.make_automaton()
            self._automaton = automaton

    def __len__(self) -> int:
        return len(self.rules)

    def match(self, appid: str, text: str, at_utc: datetime) -> Match | None:
        """The keyword rule that answers `text` for account `appid` at `at_utc`, or None."""
        folded = fold(text)
        local = china_time(at_utc)
        best: tuple[int, str] | None = None
        best_key: tuple[int, int, int] | None = None
        for index, keyword in self._literal_hits(folded):
            key = self._keys[index]
            if (best_key is None or key < best_key) and self._eligible(index, appid, local):
                best, best_key = (index, keyword), key
        for index, patterns in self._regex_by_account.get(appid, self._regex_shared):
            key = self._keys[index]
            if best_key is not None and key > best_key:
                break  # sorted: no regex rule from here on could win
            if not self._eligible(index, appid, local):
                continue
            pattern = next((source for source, compiled in patterns if compiled.search(folded)), None)
            if pattern is not None:
                best, best_key = (index, pattern), key
                break
        if best is None:
            return None
        rule = self.rules[best[0]]
        return Match(rule, _first_keyword(rule, folded) or best[1], rule.mode)

    def explain(self, appid: str, text: str, at_utc: datetime) -> list[Candidate]:
        """Every rule of this account (or all accounts) whose keyword matched, winner first, each with
        the reason it won or lost."""
        folded = fold(text)
        local = china_time(at_utc)
        found: dict[int, str] = {}
        for index, keyword in self._literal_hits(folded):
            found.setdefault(index, keyword)
        for index, patterns in self._regex:
            pattern = next((source for source, compiled in patterns if compiled.search(folded)), None)
            if pattern is not None:
                found.setdefault(index, pattern)
        in_scope = sorted((i for i in found if self.rules[i].applies_to(appid)), key=lambda i: self._keys[i])
        eligible = [i for i in in_scope if self.rules[i].enabled and self.rules[i].active_at(local)]
        winner = self.rules[eligible[0]] if eligible else None
        candidates = [
            self._candidate(self.rules[i], _first_keyword(self.rules[i], folded) or found[i], winner, local)
            for i in in_scope
        ]
        candidates.sort(key=lambda c: (not c.won, _order(c.rule)))
        return candidates

    def welcome(self, appid: str, at_utc: datetime) -> Rule | None:
        """The reply to a new follower (subscribe event)."""
        return self._special_rule(RuleKind.WELCOME, appid, at_utc)

    def fallback(self, appid: str, at_utc: datetime) -> Rule | None:
        """The reply when no keyword rule matches: office hours and the promise of a human answer."""
        return self._special_rule(RuleKind.FALLBACK, appid, at_utc)

    def lint(self) -> list[LintWarning]:
        """Rules that can never fire, and replies too short to help; ordered by rule id."""
        warnings: list[LintWarning] = []
        for index, rule in enumerate(self.rules):
            warnings.extend(self._lint_reply(rule))
            for pattern, error in self.regex_errors.get(index, []):
                warnings.append(
                    LintWarning(
                        rule.id,
                        LintCode.INVALID_REGEX,
                        f"规则“{rule.name}”的正则表达式“{pattern}”无效（{error}），这个表达式永远不会匹配。",
                    )
                )
            if not rule.enabled:
                continue
            if rule.windows and not any(window.weekdays for window in rule.windows):
                warnings.append(
                    LintWarning(
                        rule.id, LintCode.NEVER_ACTIVE, f"规则“{rule.name}”的生效时段没有选择任何星期，永远不会触发。"
                    )
                )
                continue
            if rule.kind is RuleKind.KEYWORD:
                if not any(keyword_key(k, rule.mode) for k in rule.keywords):
                    warnings.append(
                        LintWarning(rule.id, LintCode.NO_KEYWORDS, f"规则“{rule.name}”没有关键词，永远不会触发。")
                    )
                    continue
                shadow = self._shadowed_keyword_rule(index)
            else:
                shadow = self._shadowed_special_rule(index)
            if shadow is not None:
                warnings.append(shadow)
        warnings.sort(key=lambda w: w.rule_id)
        return warnings

    # ---- internals ----

    def _literal_hits(self, folded: str) -> Iterator[_Entry]:
        exact = self._exact.get(folded.strip(_EXACT_TRIM))
        if exact:
            yield from exact
        if self._automaton is not None:
            for _, entries in self._automaton.iter(folded):
                yield from entries

    def _eligible(self, index: int, appid: str, local: datetime) -> bool:
        rule = self.rules[index]
        return rule.enabled and rule.applies_to(appid) and rule.active_at(local)

    def _special_rule(self, kind: RuleKind, appid: str, at_utc: datetime) -> Rule | None:
        local = china_time(at_utc)
        for index in self._special[kind]:
            if self._eligible(index, appid, local):
                return self.rules[index]
        return None

    def _candidate(self, rule: Rule, keyword: str, winner: Rule | None, local: datetime) -> Candidate:
        hit = f"命中{MODE_NAMES[rule.mode]}“{keyword}”"
        if not rule.enabled:
            return Candidate(rule, keyword, rule.mode, Verdict.DISABLED, f"{hit}，但规则已停用")
        if not rule.active_at(local):
            now = f"周{_WEEKDAYS[local.weekday()]} {local:%H:%M}"
            reason = f"{hit}，但现在（北京时间{now}）不在生效时段（{rule.describe_windows()}）"
            return Candidate(rule, keyword, rule.mode, Verdict.OUTSIDE_WINDOW, reason)
        if winner is None or winner is rule:
            return Candidate(rule, keyword, rule.mode, Verdict.WON, f"{hit}，优先级 {rule.priority}，由这条规则回复")
        other = f"胜出规则“{winner.name}”（#{winner.id}）"
        if rule.priority < winner.priority:
            verdict = Verdict.LOWER_PRIORITY
            reason = f"{hit}，但优先级 {rule.priority} 低于{other}的优先级 {winner.priority}"
        elif _MODE_RANK[rule.mode] > _MODE_RANK[winner.mode]:
            verdict = Verdict.WEAKER_MODE
            reason = (
                f"{hit}，与{other}优先级相同（{rule.priority}），"
                f"但{MODE_NAMES[winner.mode]}优先于{MODE_NAMES[rule.mode]}"
            )
        else:
            verdict = Verdict.HIGHER_ID
            reason = f"{hit}，优先级和匹配方式都与{other}相同，编号较早的规则优先（本规则 #{rule.id}）"
        return Candidate(rule, keyword, rule.mode, verdict, reason)

    def _beats_always(self, winner_index: int, loser_index: int) -> bool:
        """True if the winner takes every message the loser could answer: it ranks higher, is enabled,
        covers the loser's account and is active whenever the loser is (always, or the same windows)."""
        if winner_index == loser_index:
            return False
        winner, loser = self.rules[winner_index], self.rules[loser_index]
        return (
            winner.enabled
            and self._keys[winner_index] < self._keys[loser_index]
            and (winner.account is None or winner.account == loser.account)
            and (not winner.windows or set(winner.windows) == set(loser.windows))
        )

    def _coverers(self, index: int, key: str) -> Iterator[_Entry]:
        """Rules (with their keyword) that match every message the keyword `key` of rule `index` matches."""
        rule = self.rules[index]
        if self._automaton is not None:
            for _, entries in self._automaton.iter(key):  # a contains keyword inside this one
                yield from entries
        if rule.mode is MatchMode.EXACT:
            yield from self._exact.get(key, [])
        for other, patterns in self._regex:
            for source, compiled in patterns:
                # a pattern that matches the empty string matches every message
                if compiled.search("") or (rule.mode is MatchMode.EXACT and compiled.search(key)):
                    yield other, source
                    break

    def _shadowed_keyword_rule(self, index: int) -> LintWarning | None:
        rule = self.rules[index]
        if rule.mode is MatchMode.REGEX:
            return None  # what a pattern can match is not decidable here
        reasons: list[str] = []
        by: list[int] = []
        for keyword in dict.fromkeys(rule.keywords):
            key = keyword_key(keyword, rule.mode)
            if not key:
                continue
            winners = [(o, k) for o, k in self._coverers(index, key) if self._beats_always(o, index)]
            if not winners:
                return None
            other, other_keyword = min(winners, key=lambda entry: self._keys[entry[0]])
            winner = self.rules[other]
            by.append(winner.id)
            reasons.append(
                f"“{keyword}”会先命中规则“{winner.name}”（#{winner.id}，优先级 {winner.priority}，"
                f"{MODE_NAMES[winner.mode]}“{other_keyword}”）"
            )
        message = f"规则“{rule.name}”永远不会触发：" + "；".join(reasons) + "。请调整优先级或关键词。"
        return LintWarning(rule.id, LintCode.SHADOWED, message, tuple(dict.fromkeys(by)))

    def _shadowed_special_rule(self, index: int) -> LintWarning | None:
        rule = self.rules[index]
        for other in self._special[rule.kind]:
            if other == index:
                break  # sorted: only rules before this one can take its place
            winner = self.rules[other]
            if (
                winner.enabled
                and (winner.account is None or winner.account == rule.account)
                and (not winner.windows or set(winner.windows) == set(rule.windows))
            ):
                what = "关注欢迎语" if rule.kind is RuleKind.WELCOME else "兜底回复"
                message = f"{what}“{rule.name}”永远不会发出：总是先用规则“{winner.name}”（#{winner.id}）。"
                return LintWarning(rule.id, LintCode.SHADOWED, message, (winner.id,))
        return None

    @staticmethod
    def _lint_reply(rule: Rule) -> list[LintWarning]:
        reply = rule.reply
        if reply.kind is ReplyKind.IMAGE:
            if not reply.media_id.strip():
                return [LintWarning(rule.id, LintCode.EMPTY_REPLY, f"规则“{rule.name}”的图片回复没有选择图片素材。")]
            return []
        if reply.kind is ReplyKind.NEWS:
            if reply.news is None or not reply.news.title.strip() or not reply.news.url.strip():
                return [LintWarning(rule.id, LintCode.EMPTY_REPLY, f"规则“{rule.name}”的图文回复缺少标题或链接。")]
            return []
        text = reply.text.strip()
        if not text:
            return [LintWarning(rule.id, LintCode.EMPTY_REPLY, f"规则“{rule.name}”的回复内容为空。")]
        if len(text) < SHORT_REPLY_CHARS:
            message = (
                f"规则“{rule.name}”的回复只有 {len(text)} 个字（“{text}”），过于简单，群众得不到实际答复。"
                "建议写明办理地点、时间、所需材料或咨询电话。"
            )
            return [LintWarning(rule.id, LintCode.SHORT_REPLY, message)]
        return []


def lint(rules: Iterable[Rule]) -> list[LintWarning]:
    return RuleSet(rules).lint()


def match_by_loop(rules: Iterable[Rule], appid: str, text: str, at_utc: datetime) -> Match | None:
    """The plain loop over every rule: slow, obviously right, and the reference `RuleSet.match` is
    tested and benchmarked against."""
    folded = fold(text)
    local = china_time(at_utc)
    best: Match | None = None
    for rule in rules:
        if rule.kind is not RuleKind.KEYWORD or not rule.enabled or not rule.applies_to(appid):
            continue
        if not rule.active_at(local) or (best is not None and _order(best.rule) < _order(rule)):
            continue
        for keyword in rule.keywords:
            key = keyword_key(keyword, rule.mode)
            if rule.mode is MatchMode.EXACT:
                hit = bool(key) and folded.strip(_EXACT_TRIM) == key
            elif rule.mode is MatchMode.CONTAINS:
                hit = bool(key) and key in folded
            else:
                try:
                    hit = compile_pattern(keyword).search(folded) is not None
                except re.error:
                    hit = False
            if hit:
                best = Match(rule, keyword, rule.mode)
                break
    return best


def _first_keyword(rule: Rule, folded: str) -> str | None:
    """The first of a literal rule's keywords, in the order written, found in the folded message: the
    one `Match` reports when several matched (regex rules already try theirs in that order)."""
    if rule.mode is MatchMode.REGEX:
        return None
    for keyword in rule.keywords:
        key = keyword_key(keyword, rule.mode)
        if key and (key in folded if rule.mode is MatchMode.CONTAINS else folded.strip(_EXACT_TRIM) == key):
            return keyword
    return None


def _as_time(value: time | str) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)


def _describe_days(days: frozenset[int]) -> str:
    ordered = sorted(days)
    if len(ordered) == 7:
        return "每天"
    if not ordered:
        return "（未选星期）"
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"周{_WEEKDAYS[ordered[0]]}至周{_WEEKDAYS[ordered[-1]]}"
    return "、".join(f"周{_WEEKDAYS[day]}" for day in ordered)
