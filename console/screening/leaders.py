"""Leaders' names with the wrong title — a serious wording error in a government account.

Chinese official writing puts the title right before the name (`县委副书记、县长李某某`), speech-like
text puts it after (`李某某县长强调`). So a title is looked for adjacent to the name: first before it
(with every title of a `、`-joined chain), else right after it. Looking further away would pin one
person's title on the next person in `县委书记张某某、县长李某某`.

A title in the text is accepted when it is one of the leader's titles or a shortened form that keeps
the rank: `县长` for `县委副书记、县长`, `副县长` for `常务副县长`; dropping 副 or 代 changes the rank.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.screening.lists import Leader

_LEVELS = ("县", "市", "区", "镇", "乡", "州", "省", "旗", "盟", "街道")
_ROLES = (
    "书记", "副书记", "常委", "委员", "主任", "副主任", "常务副主任", "局长", "副局长", "部长", "副部长",
    "主席", "副主席", "秘书长", "副秘书长", "院长", "副院长", "检察长", "副检察长", "政委", "队长",
    "副队长", "所长", "副所长", "站长", "副站长", "调研员", "一级调研员", "二级调研员", "三级调研员",
    "四级调研员", "主任科员", "党组书记", "党组副书记", "党组成员", "党委书记", "党委副书记", "党委委员",
    "党工委书记", "党工委副书记", "纪委书记", "监委主任",
)  # fmt: skip
_RANK_PREFIXES = ("副", "代")
_BEFORE_GAP = " \u3000"
_AFTER_GAP = " \u3000（("
_MAX_AFTER_GAP = 2


def title_vocabulary(leaders: dict[str, Leader]) -> set[str]:
    """Every title form the check recognises next to a name: generic roles, level-prefixed heads and
    party posts, and every title written in the office's leaders list."""
    vocabulary = set(_ROLES)
    for level in _LEVELS:
        vocabulary.update({f"{level}长", f"副{level}长", f"常务副{level}长", f"代{level}长"})
        for post in ("书记", "副书记", "常委"):
            vocabulary.update({f"{level}委{post}", f"{level}党委{post}", f"{level}党工委{post}"})
    for leader in leaders.values():
        vocabulary.update(leader.titles)
    return vocabulary


def title_fits(found: str, leader: Leader) -> bool:
    for title in leader.titles:
        if title == found:
            return True
        if title.endswith(found) and not title[: -len(found)].endswith(_RANK_PREFIXES):
            return True
    return False


def closest_title(found: str, leader: Leader) -> str:
    """The leader's title that shares most characters with the wrong one (ties: the last, usually the
    government post) — the natural correction of `李某某副县长` is `李某某县长`, not the whole chain."""
    best = leader.titles[-1]
    best_score = len(set(best) & set(found))
    for title in reversed(leader.titles):
        score = len(set(title) & set(found))
        if score > best_score:
            best, best_score = title, score
    return best


@dataclass(frozen=True)
class TitleIssue:
    start: int
    end: int
    leader: Leader
    found: tuple[str, ...]  # the wrong titles as written
    suggestion: str


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    leader: Leader


def check_titles(
    text: str,
    names: list[NameSpan],
    longest_ending: dict[int, int],
    longest_starting: dict[int, int],
) -> list[TitleIssue]:
    """Wrong titles next to the leaders' names found in `text`.

    `longest_ending[e]` is the start of the longest title ending at offset e; `longest_starting[s]` the
    end of the longest title starting at s (both from the screener's single automaton pass).
    """
    name_starts = {name.start for name in names}
    issues: list[TitleIssue] = []
    for name in names:
        chain = _titles_before(text, name.start, longest_ending)
        if chain:
            wrong = tuple(text[s:e] for s, e in chain if not title_fits(text[s:e], name.leader))
            if wrong:  # the whole chain is replaced, so the suggestion never duplicates a right title
                issues.append(TitleIssue(chain[0][0], chain[-1][1], name.leader, wrong, name.leader.title))
            continue
        after = _title_after(text, name.end, longest_starting, name_starts)
        if after is not None:
            title = text[after[0] : after[1]]
            if not title_fits(title, name.leader):
                issues.append(TitleIssue(after[0], after[1], name.leader, (title,), closest_title(title, name.leader)))
    return issues


def _titles_before(text: str, name_start: int, longest_ending: dict[int, int]) -> list[tuple[int, int]]:
    """Spans of the titles right before the name, following a `、` chain leftwards; in text order."""
    end = name_start
    while end > 0 and text[end - 1] in _BEFORE_GAP:
        end -= 1
    chain: list[tuple[int, int]] = []
    while end in longest_ending:
        start = longest_ending[end]
        chain.append((start, end))
        if start > 0 and text[start - 1] == "、":
            end = start - 1
        else:
            break
    chain.reverse()
    return chain


def _title_after(
    text: str, name_end: int, longest_starting: dict[int, int], name_starts: set[int]
) -> tuple[int, int] | None:
    start = name_end
    while start < len(text) and start - name_end < _MAX_AFTER_GAP and text[start] in _AFTER_GAP:
        start += 1
    end = longest_starting.get(start)
    if end is None:
        return None
    following = end
    while following < len(text) and text[following] in _BEFORE_GAP:
        following += 1
    if following in name_starts:
        return None  # `张某某 副县长李某某`: the title belongs to the next name
    return start, end
