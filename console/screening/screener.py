"""The 错敏词 check: one pass of an Aho–Corasick automaton over the text finds every listed word, wrong
term, leader name and title at once, however long the lists grow; personal data is found by patterns.

Each hit carries offsets into the original text (folding keeps one character per character), a plain
Chinese reason and, where there is one, the corrected text, so the composer can underline the word in
place and offer the fix with one click.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

import ahocorasick

from console.screening import patterns
from console.screening.leaders import NameSpan, check_titles, title_vocabulary
from console.screening.lists import Leader, SensitiveWord, TermFix, WordLists, load_wordlists
from console.screening.normalize import fold


class HitKind(StrEnum):
    SENSITIVE = "sensitive"
    WRONG_TERM = "wrong_term"
    LEADER_TITLE = "leader_title"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    BANK_CARD = "bank_card"


@dataclass(frozen=True)
class Hit:
    """One finding; `text[start:end]` is `matched`, and `suggestion` replaces exactly that span."""

    start: int
    end: int
    kind: HitKind
    matched: str
    reason: str
    suggestion: str | None
    blocking: bool


@dataclass(frozen=True)
class ScreenResult:
    text: str
    hits: tuple[Hit, ...]

    @property
    def blocked(self) -> bool:
        """Any blocking hit: the send waits until it is fixed or a supervisor passes it."""
        return any(hit.blocking for hit in self.hits)

    @property
    def blocking_hits(self) -> tuple[Hit, ...]:
        return tuple(hit for hit in self.hits if hit.blocking)

    @property
    def clean(self) -> bool:
        return not self.hits


_PERSONAL_REASONS = {
    patterns.ID_NUMBER: "疑似公民身份号码（校验位有效）：公开发布会泄露个人信息，请删除或打码",
    patterns.BANK_CARD: "疑似银行卡号（校验位有效）：公开发布会泄露个人信息，请删除或打码",
    patterns.PHONE: "疑似手机号码：如不是可公开的工作电话，请删除或打码，不要公开群众的个人号码",
}
_PERSONAL_KINDS = {
    patterns.ID_NUMBER: (HitKind.ID_NUMBER, True),
    patterns.BANK_CARD: (HitKind.BANK_CARD, True),
    patterns.PHONE: (HitKind.PHONE, False),  # offices publish duty mobiles; a warning, not a block
}

_T = TypeVar("_T")
_Payload = SensitiveWord | TermFix | Leader | str  # str: a title form


class Screener:
    """Built once from the word lists (rebuild it when an admin saves a list); `check` is then cheap."""

    def __init__(self, lists: WordLists) -> None:
        self.lists = lists
        entries: dict[str, list[_Payload]] = {}
        for word in lists.sensitive.values():
            entries.setdefault(fold(word.word), []).append(word)
        for term in lists.terms.values():
            entries.setdefault(fold(term.wrong), []).append(term)
        for leader in lists.leaders.values():
            entries.setdefault(fold(leader.name), []).append(leader)
        if lists.leaders:  # titles matter only next to a listed name
            for title in title_vocabulary(lists.leaders):
                entries.setdefault(fold(title), []).append(title)
        self._automaton: ahocorasick.Automaton | None = None
        entries.pop("", None)
        if entries:
            automaton = ahocorasick.Automaton()
            for key, payloads in entries.items():
                automaton.add_word(key, (key, tuple(payloads)))
            automaton.make_automaton()
            self._automaton = automaton

    @classmethod
    def from_files(cls, shipped: Path | None = None, office: Path | None = None) -> Screener:
        """The shipped lists merged with the office's own (see resources/wordlists/README.md)."""
        return cls(load_wordlists(shipped, office))

    @property
    def problems(self) -> list[str]:
        """Lines of the word lists that could not be read, for Settings to show."""
        return self.lists.problems

    def screen(self, text: str) -> ScreenResult:
        return ScreenResult(text, tuple(self.check(text)))

    def check(self, text: str) -> list[Hit]:
        """Every hit in `text`, ordered by position."""
        folded = fold(text)
        hits: list[Hit] = []
        sensitive: list[tuple[int, int, SensitiveWord]] = []
        terms: list[tuple[int, int, TermFix]] = []
        names: list[tuple[int, int, Leader]] = []
        longest_ending: dict[int, int] = {}
        longest_starting: dict[int, int] = {}
        if self._automaton is not None:
            for last, (key, payloads) in self._automaton.iter(folded):
                start, end = last - len(key) + 1, last + 1
                for payload in payloads:
                    if isinstance(payload, SensitiveWord):
                        sensitive.append((start, end, payload))
                    elif isinstance(payload, TermFix):
                        if not _inside_correct_form(folded, start, payload):
                            terms.append((start, end, payload))
                    elif isinstance(payload, Leader):
                        names.append((start, end, payload))
                    else:
                        if start < longest_ending.get(end, end):
                            longest_ending[end] = start
                        if end > longest_starting.get(start, start):
                            longest_starting[start] = end
        for start, end, word in sensitive:
            hits.append(Hit(start, end, HitKind.SENSITIVE, text[start:end], word.reason, None, word.blocking))
        for start, end, term in _leftmost_longest(terms):
            reason = f"{term.reason}：应为“{term.correct}”"
            hits.append(Hit(start, end, HitKind.WRONG_TERM, text[start:end], reason, term.correct, term.blocking))
        spans = [NameSpan(start, end, leader) for start, end, leader in _leftmost_longest(names)]
        for issue in check_titles(folded, spans, longest_ending, longest_starting):
            wrong = "、".join(f"“{title}”" for title in issue.found)
            reason = f"领导职务有误：{issue.leader.name}的现任职务是“{issue.leader.title}”，文中写作{wrong}"
            hits.append(
                Hit(
                    issue.start,
                    issue.end,
                    HitKind.LEADER_TITLE,
                    text[issue.start : issue.end],
                    reason,
                    issue.suggestion,
                    True,
                )
            )
        for found in patterns.find_personal_data(folded):
            kind, blocking = _PERSONAL_KINDS[found.kind]
            hits.append(
                Hit(
                    found.start,
                    found.end,
                    kind,
                    text[found.start : found.end],
                    _PERSONAL_REASONS[found.kind],
                    found.masked.upper() if found.kind == patterns.ID_NUMBER else found.masked,  # 校验码 X
                    blocking,
                )
            )
        hits.sort(key=lambda hit: (hit.start, -hit.end, hit.kind))
        return hits


def apply_suggestions(text: str, hits: Iterable[Hit]) -> str:
    """`text` with every hit that has a suggestion replaced by it. Offsets refer to `text` as checked;
    of overlapping hits the first (then longest) wins, the others are left for the next check."""
    pieces: list[str] = []
    position = 0
    for hit in sorted((h for h in hits if h.suggestion is not None), key=lambda h: (h.start, -h.end)):
        if hit.start < position or hit.end > len(text) or text[hit.start : hit.end] != hit.matched:
            continue
        pieces.append(text[position : hit.start])
        pieces.append(hit.suggestion or "")
        position = hit.end
    pieces.append(text[position:])
    return "".join(pieces)


def _inside_correct_form(folded: str, start: int, term: TermFix) -> bool:
    """A wrong form that is part of its correct form where it stands (e.g. an office's entry 人社局 →
    县人社局 inside 县人社局) is not a hit."""
    wrong, correct = fold(term.wrong), fold(term.correct)
    offset = correct.find(wrong)
    while offset != -1:
        if start - offset >= 0 and folded.startswith(correct, start - offset):
            return True
        offset = correct.find(wrong, offset + 1)
    return False


def _leftmost_longest(spans: list[tuple[int, int, _T]]) -> list[tuple[int, int, _T]]:
    """Non-overlapping spans, preferring the earliest start, then the longest (国家卫计委 over 卫计委)."""
    chosen: list[tuple[int, int, _T]] = []
    position = 0
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if span[0] >= position:
            chosen.append(span)
            position = span[1]
    return chosen
