"""What a reviewer's edit (or an author's revision) changed, character by character: Chinese has no
spaces to split words on, so the unit is the character, merged into runs for reading."""

from __future__ import annotations

import html
from difflib import SequenceMatcher

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
DEL_STYLE = "background:#fde2e1;color:#a61b1b;text-decoration:line-through"
INS_STYLE = "background:#dcf5e3;color:#146c35;text-decoration:none"
# A lone unchanged character between two changes (a 的 or a comma) is read as part of the change:
# "删除了甲的乙" beats a confetti of one-character runs.
_ABSORB = 1


def diff_words(old: str, new: str) -> list[tuple[str, str]]:
    """Runs of (op, text), op "equal", "delete" or "insert". The equal and deleted runs spell `old`, the
    equal and inserted runs spell `new`; within a change the deletion comes before the insertion."""
    raw: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            raw.append((EQUAL, old[i1:i2]))
            continue
        if i2 > i1:
            raw.append((DELETE, old[i1:i2]))
        if j2 > j1:
            raw.append((INSERT, new[j1:j2]))
    # Fold short unchanged runs caught between changes into both sides of the change.
    folded: list[tuple[str, str]] = []
    for index, (op, text) in enumerate(raw):
        between = 0 < index < len(raw) - 1 and raw[index - 1][0] != EQUAL and raw[index + 1][0] != EQUAL
        if op == EQUAL and between and len(text) <= _ABSORB and "\n" not in text:
            folded.extend([(DELETE, text), (INSERT, text)])
        else:
            folded.append((op, text))
    return _merge(folded)


def _merge(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Adjacent runs of one op joined; each block of changes as one deletion then one insertion."""
    merged: list[tuple[str, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            merged.append((DELETE, "".join(deleted)))
        if inserted:
            merged.append((INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, text in runs:
        if not text:
            continue
        if op == DELETE:
            deleted.append(text)
        elif op == INSERT:
            inserted.append(text)
        else:
            flush()
            if merged and merged[-1][0] == EQUAL:
                merged[-1] = (EQUAL, merged[-1][1] + text)
            else:
                merged.append((EQUAL, text))
    flush()
    return merged


def _html(text: str) -> str:
    return html.escape(text, quote=True).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def diff_html(old: str, new: str) -> str:
    """The diff as HTML for the review page: deletions struck through in red, insertions in green."""
    parts = []
    for op, text in diff_words(old, new):
        if op == DELETE:
            parts.append(f'<del style="{DEL_STYLE}">{_html(text)}</del>')
        elif op == INSERT:
            parts.append(f'<ins style="{INS_STYLE}">{_html(text)}</ins>')
        else:
            parts.append(_html(text))
    return "".join(parts)
