"""Text folding shared by the 错敏词 check and keyword rules.

Followers and staff type on phones with full-width input modes, so "ＥＴＣ" and "etc" must match the same
word. Every fold here maps one character to exactly one character, so an offset found in the folded
text is the same offset in the original text: a hit can be highlighted in place without a position map.
"""

from __future__ import annotations

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII block → ASCII
_WIDTH[0x3000] = 0x20  # ideographic space → space
_CASE = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
_FOLD = {**_WIDTH, **{k: _CASE.get(v, v) for k, v in _WIDTH.items()}, **_CASE}


def fold_width(text: str) -> str:
    """Full-width Latin letters, digits, punctuation and the ideographic space → half-width."""
    return text.translate(_WIDTH)


def fold(text: str) -> str:
    """`fold_width`, then Latin A–Z → a–z. Only ASCII letters change case: `str.lower` would also
    touch other scripts and `str.casefold` can change a text's length (ß → ss), breaking offsets."""
    return text.translate(_FOLD)
