"""The 错敏词 word lists: the small sample shipped in resources/wordlists plus the office's own files in
the data dir, merged so that the office always has the last word (replace, add, or `!key` to remove).

The formats are documented in resources/wordlists/README.md. A bad line never stops the check: it is
skipped and reported in `WordLists.problems`, because refusing to screen at all would be worse than
screening without one entry, and Settings can show the admin exactly which line to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from console.paths import data_dir, resources_dir

SENSITIVE_FILE = "sensitive.txt"
TERMS_FILE = "terms.tsv"
LEADERS_FILE = "leaders.tsv"

BLOCKING_LEVELS = {"禁用", "拦截", "block"}
WARNING_LEVELS = {"慎用", "提示", "warn"}
TITLE_SEPARATORS = re.compile(r"[、,，/|；;]")


@dataclass(frozen=True)
class SensitiveWord:
    word: str
    reason: str
    blocking: bool = True


@dataclass(frozen=True)
class TermFix:
    wrong: str
    correct: str
    reason: str
    blocking: bool = True


@dataclass(frozen=True)
class Leader:
    """A leader and every title they currently hold; `title` is the full form as written in the list."""

    name: str
    title: str
    titles: tuple[str, ...]


@dataclass
class WordLists:
    sensitive: dict[str, SensitiveWord] = field(default_factory=dict)
    terms: dict[str, TermFix] = field(default_factory=dict)
    leaders: dict[str, Leader] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def shipped_dir() -> Path:
    return resources_dir() / "wordlists"


def office_dir() -> Path:
    """The office's own lists; created on first use so Settings (or an admin's editor) can find it."""
    path = data_dir() / "wordlists"
    path.mkdir(parents=True, exist_ok=True)
    return path


def load_wordlists(shipped: Path | None = None, office: Path | None = None) -> WordLists:
    """Read the shipped lists, then the office's lists over them."""
    lists = WordLists()
    for folder in (shipped or shipped_dir(), office or office_dir()):
        _merge_sensitive(lists, folder / SENSITIVE_FILE)
        _merge_terms(lists, folder / TERMS_FILE)
        _merge_leaders(lists, folder / LEADERS_FILE)
    return lists


def split_titles(title: str) -> tuple[str, ...]:
    """Split a title chain: 县委副书记、县长 → ("县委副书记", "县长")."""
    return tuple(part.strip() for part in TITLE_SEPARATORS.split(title) if part.strip())


def _read_text(path: Path) -> str:
    """UTF-8 (with or without the BOM Notepad adds); older Excel on Chinese Windows saves GB18030."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def _lines(path: Path, lists: WordLists) -> Iterator[tuple[int, list[str]]]:
    """(line number, tab-separated columns) of every entry line; comments and blank lines skipped."""
    if not path.is_file():
        return
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        lists.problems.append(f"{path.name}：无法读取（{exc.__class__.__name__}）")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        yield number, [column.strip() for column in line.rstrip("\r\n").split("\t")]


def _level(value: str, path: Path, number: int, lists: WordLists) -> bool:
    """True for a blocking level. An unknown level blocks: a typo must not let a word through."""
    if not value or value in BLOCKING_LEVELS:
        return True
    if value in WARNING_LEVELS:
        return False
    lists.problems.append(f"{path.name} 第{number}行：未知级别“{value}”，按“禁用”处理")
    return True


def _removal(key: str) -> str | None:
    return key[1:].strip() if key.startswith("!") else None


def _merge_sensitive(lists: WordLists, path: Path) -> None:
    for number, cols in _lines(path, lists):
        removed = _removal(cols[0])
        if removed is not None:
            lists.sensitive.pop(removed, None)
            continue
        word = cols[0]
        level = cols[1] if len(cols) > 1 else ""
        reason = cols[2] if len(cols) > 2 and cols[2] else "敏感词"
        lists.sensitive[word] = SensitiveWord(word, reason, _level(level, path, number, lists))


def _merge_terms(lists: WordLists, path: Path) -> None:
    for number, cols in _lines(path, lists):
        removed = _removal(cols[0])
        if removed is not None:
            lists.terms.pop(removed, None)
            continue
        if len(cols) < 2 or not cols[1]:
            lists.problems.append(f"{path.name} 第{number}行：缺少正确写法，已跳过")
            continue
        wrong, correct = cols[0], cols[1]
        if wrong == correct:
            lists.problems.append(f"{path.name} 第{number}行：错误写法与正确写法相同，已跳过")
            continue
        reason = cols[2] if len(cols) > 2 and cols[2] else "用词不规范"
        level = cols[3] if len(cols) > 3 else ""
        lists.terms[wrong] = TermFix(wrong, correct, reason, _level(level, path, number, lists))


def _merge_leaders(lists: WordLists, path: Path) -> None:
    for number, cols in _lines(path, lists):
        removed = _removal(cols[0])
        if removed is not None:
            lists.leaders.pop(removed, None)
            continue
        titles = split_titles(cols[1]) if len(cols) > 1 else ()
        if not titles:
            lists.problems.append(f"{path.name} 第{number}行：缺少现任职务，已跳过")
            continue
        name = cols[0]
        lists.leaders[name] = Leader(name, cols[1], titles)
