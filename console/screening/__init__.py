"""The 错敏词 check run before anything leaves the console: sensitive words, wrong or outdated official
terms, leaders with the wrong title, and personal data (a serious wording error or a leak is a single
veto in the state inspection of government accounts)."""

from __future__ import annotations

from console.screening.lists import Leader, SensitiveWord, TermFix, WordLists, load_wordlists, office_dir
from console.screening.override import Override, needs_override, text_hash
from console.screening.screener import Hit, HitKind, Screener, ScreenResult, apply_suggestions

__all__ = [
    "Hit",
    "HitKind",
    "Leader",
    "Override",
    "ScreenResult",
    "Screener",
    "SensitiveWord",
    "TermFix",
    "WordLists",
    "apply_suggestions",
    "load_wordlists",
    "needs_override",
    "office_dir",
    "text_hash",
]
