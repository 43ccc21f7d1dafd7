"""The full-text index's tokenizer and query language, shared by SQLite triggers, searches and highlights.

Why not a built-in FTS5 tokenizer: `unicode61` makes a whole run of Chinese one token (社保卡补办 is a
single "word"), and `trigram` (SQLite 3.40) finds nothing for queries under three characters, while most
Chinese words people search for are two (社保, 医保, 户口) and one (医) must work too. Python's sqlite3 cannot
register an FTS5 tokenizer, so we tokenize in Python instead and store pre-tokenized text: the SQL function
`wx_bigrams(text, ...)` turns text into space-separated tokens, and the FTS5 tables use the `ascii`
tokenizer, which only splits on those spaces (every non-ASCII byte is a token character to it) and so
keeps our tokens exactly as made.

Tokens, over text folded by NFKC + casefold (full-width ＳＢ１２ → sb12):
- a run of CJK characters emits at every position i the bigram run[i:i+2], and the run's final character
  alone, so positions stay consecutive: 社保卡 → 社保 保卡 卡;
- a run of other letters/digits is one whole word: 13812345678, wx1234abcd;
- everything else (punctuation, spaces, emoji) separates runs and is not indexed.

Queries: whitespace-separated terms are ANDed; a term is one FTS5 phrase of its runs' tokens. A CJK run
of two characters is one token, of three or more a phrase of consecutive bigrams, of one a prefix token
(`"医"*`), which matches every bigram starting with 医 and the run-final 医 of 就医. The last term's final
Latin/digit word is a prefix too, so results follow typing. The tables carry `prefix='1'`: FTS5 counts
prefix lengths in characters (fts5_index.c converts them with CharlenToBytelen), so this is an index of
every token's first character — the unigram index a one-character query needs (see bench/bench_search.py).

The token stream is part of the schema: contentless tables delete a row by re-tokenizing its old text,
so changing anything here needs a migration that empties the search tables and backfills them again
(tests pin the output of `index_text`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

FUNCTION_NAME = "wx_bigrams"

# Characters that are written without spaces and get bigrams: kana, bopomofo, hangul and CJK ideographs
# (with 々〆〇). Ranges skip the CJK punctuation blocks, so every member is a letter or number.
_CJK = (
    "\u1100-\u11ff\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3041-\u3096\u309d-\u309f"
    "\u30a1-\u30fa\u30fc-\u30ff\u3105-\u312f\u3131-\u318e\u31a0-\u31bf\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\U00020000-\U0003ffff"
)
# A CJK run, or a run of any other letter/digit ([^\W_] is "alphanumeric" in Python's re).
_RUNS = re.compile(f"(?P<cjk>[{_CJK}]+)|(?P<word>[^\\W_{_CJK}]+)")


@dataclass(frozen=True)
class Token:
    """One indexed token and where it sits in the folded text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Phrase:
    """One query term: tokens that must stand at consecutive positions; the last may be a prefix."""

    tokens: tuple[str, ...]
    prefix: bool
    # Set when the term is one CJK run: then the phrase matches exactly where this text occurs (bigrams of
    # one run are consecutive only inside it, and every character starts a bigram or ends its run), so a
    # highlight can use str.find instead of tokenizing.
    substring: str | None = None

    def fts(self) -> str:
        """FTS5 syntax. Tokens never hold a quote or an operator character, and quoting keeps AND/OR/NEAR
        plain words."""
        return '"' + " ".join(self.tokens) + '"' + ("*" if self.prefix else "")


class _FoldedChars(dict[str, str]):
    """Per-character fold, memoized (a text uses a few thousand distinct characters at most)."""

    def __missing__(self, ch: str) -> str:
        folded = self[ch] = unicodedata.normalize("NFKC", ch).casefold()
        return folded


_FOLDED = _FoldedChars()


def fold(text: str) -> str:
    """NFKC + casefold, character by character (so offsets can be mapped back, see `fold_with_origin`).
    Casefold has no context rules and every character of NFKC-normal text is NFKC-normal alone, so the
    whole-string fast path gives the same result."""
    if unicodedata.is_normalized("NFKC", text):
        return text.casefold()
    return "".join(map(_FOLDED.__getitem__, text))


def fold_with_origin(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, for each of its characters, the index of the original character it came from
    (None when that is the identity, the usual case: full-width ，？ and １ fold to one character each)."""
    folded = fold(text)
    if len(folded) == len(text):  # no character folds to none or several, so each maps to itself
        return folded, None
    parts = [_FOLDED[ch] for ch in text]
    origin = [i for i, part in enumerate(parts) for _ in part]
    return "".join(parts), origin


def _runs(folded: str) -> list[tuple[bool, str, int]]:
    """(is_cjk, run, start) for each run of indexable characters."""
    return [(m.lastgroup == "cjk", m.group(), m.start()) for m in _RUNS.finditer(folded)]


def tokens(folded: str) -> list[Token]:
    """The tokens of already folded text, in index order (position = list index)."""
    out: list[Token] = []
    for is_cjk, run, start in _runs(folded):
        if is_cjk:
            out.extend(Token(run[i : i + 2], start + i, start + i + 2) for i in range(len(run) - 1))
            out.append(Token(run[-1], start + len(run) - 1, start + len(run)))
        else:
            out.append(Token(run, start, start + len(run)))
    return out


def index_text(*parts: Any) -> str:
    """The body stored in the index for a row's text (several parts, e.g. remark and nickname, are
    indexed as if separated by a space; None parts are skipped). Backs the SQL function `wx_bigrams`."""
    text = " ".join(str(p) for p in parts if p is not None)
    out: list[str] = []
    for is_cjk, run, _start in _runs(fold(text)):
        if is_cjk:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
            out.append(run[-1])
        else:
            out.append(run)
    return " ".join(out)


def parse_query(query: str) -> list[Phrase]:
    """The phrases of a typed query (ANDed); empty when it holds nothing searchable (blank, punctuation)."""
    terms = fold(query).split()
    phrases: list[Phrase] = []
    for number, term in enumerate(terms):
        last_term = number == len(terms) - 1
        runs = _runs(term)
        toks: list[str] = []
        prefix = False
        for r, (is_cjk, run, _start) in enumerate(runs):
            last_run = r == len(runs) - 1
            if is_cjk:
                toks.extend(run[i : i + 2] for i in range(len(run) - 1))
                if len(run) == 1 or not last_run:
                    # A lone character is a prefix at the end of a term (substring semantics for CJK);
                    # before another run it must be the document run's final character.
                    toks.append(run[-1])
                prefix = last_run and len(run) == 1
            else:
                toks.append(run)
                prefix = last_run and last_term
        if toks:
            single_cjk = len(runs) == 1 and runs[0][0]
            phrases.append(Phrase(tuple(toks), prefix, runs[0][1] if single_cjk else None))
    return phrases


def fts_expression(phrases: list[Phrase]) -> str:
    """The FTS5 MATCH string for parsed phrases (ANDed)."""
    return " AND ".join(p.fts() for p in phrases)


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH string for a typed query, or None when there is nothing to search for."""
    phrases = parse_query(query)
    return fts_expression(phrases) if phrases else None


def _phrase_spans(doc: list[Token], phrase: Phrase) -> list[tuple[int, int]]:
    """Where a phrase matches, the way FTS5 matches it: consecutive tokens, the last maybe a prefix."""
    n = len(phrase.tokens)
    head, last = phrase.tokens[:-1], phrase.tokens[-1]
    spans = []
    for p in range(len(doc) - n + 1):
        if any(doc[p + k].text != head[k] for k in range(n - 1)):
            continue
        final = doc[p + n - 1]
        if phrase.prefix and final.text.startswith(last):
            spans.append((doc[p].start, final.start + len(last)))
        elif final.text == last:
            spans.append((doc[p].start, final.end))
    return spans


def _substring_spans(folded: str, needle: str) -> list[tuple[int, int]]:
    spans = []
    at = folded.find(needle)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = folded.find(needle, at + 1)
    return spans


def highlight_phrases(text: str, phrases: list[Phrase]) -> list[tuple[int, int]]:
    """Character spans (start, end) of `text` that the phrases matched, sorted and merged. It follows the
    index's own tokens and phrase rules, so what lights up is exactly why a row was found."""
    if not phrases or not text:
        return []
    folded, origin = fold_with_origin(text)
    doc: list[Token] | None = None
    found: list[tuple[int, int]] = []
    for phrase in phrases:
        if phrase.substring is not None:
            found += _substring_spans(folded, phrase.substring)
        else:
            doc = tokens(folded) if doc is None else doc
            found += _phrase_spans(doc, phrase)
    if origin is not None:
        found = [(origin[start], origin[end - 1] + 1) for start, end in found]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, query: str) -> list[tuple[int, int]]:
    """`highlight_phrases` for a typed query."""
    return highlight_phrases(text, parse_query(query))


def register_sqlite_functions(dbapi_connection: Any) -> None:
    """Make `wx_bigrams` callable on a sqlite3 connection. Every connection that writes message, note or
    follower rows needs it, because the triggers that keep the index in step call it."""
    dbapi_connection.create_function(FUNCTION_NAME, -1, index_text, deterministic=True)
