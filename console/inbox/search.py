"""Search over messages, internal notes and follower remarks/nicknames, through the FTS5 index that
migration 0003 keeps in step (see console/store/search_index.py for the tokens and query rules).

One code path for the window (results as you type) and `wxconsole search`: every query is an index
lookup that reads at most `limit` rows per kind, never a scan of the message table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select, text
from sqlalchemy.orm import Session, selectinload

from console.store.models import Conversation, Follower, Message, Note
from console.store.search_index import Phrase, fts_expression, highlight, highlight_phrases, parse_query

HitKind = Literal["message", "note", "follower"]
FOLLOWER_SEPARATOR = " · "


class SearchUnavailable(RuntimeError):
    """The database has no search index (only SQLite has one so far)."""


@dataclass(frozen=True)
class SearchHit:
    """One found row. `spans` are (start, end) character offsets into `text` to highlight."""

    kind: HitKind
    id: int  # message.id, note.id or follower.id, by kind
    conversation_id: int | None  # None: a follower who never wrote (no conversation yet)
    text: str
    created_at: datetime  # followers: last_seen_at, their latest activity
    spans: tuple[tuple[int, int], ...]


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of `text` matched by `query`, by the index's own rules; for any text the UI shows."""
    return highlight(text, query)


def follower_text(remark: str | None, nickname: str | None) -> str:
    """What a follower hit shows, and exactly what search_follower indexed (remark, then nickname)."""
    return FOLLOWER_SEPARATOR.join(part for part in (remark, nickname) if part)


def _require_index(session: Session) -> None:
    if session.get_bind().dialect.name != "sqlite":
        raise SearchUnavailable(
            "全文检索目前只支持 SQLite 数据库，PostgreSQL 的检索将在后续版本提供。"
            " (Full-text search needs the SQLite store for now.)"
        )


# Each query names the FTS table first in a CROSS JOIN, which SQLite never reorders: the index drives,
# newest rowid first (FTS5 walks its doclists backwards for ORDER BY rowid DESC), and LIMIT stops it.
_MESSAGES = """
SELECT m.id, m.conversation_id, m.content, m.created_at
FROM search_message AS f CROSS JOIN message AS m ON m.id = f.rowid
WHERE f.search_message MATCH :match {account} ORDER BY f.rowid DESC LIMIT :limit"""
_NOTES = """
SELECT n.id, n.conversation_id, n.body, n.created_at
FROM search_note AS f CROSS JOIN note AS n ON n.id = f.rowid {join}
WHERE f.search_note MATCH :match {account} ORDER BY f.rowid DESC LIMIT :limit"""
_FOLLOWERS = """
SELECT p.id, c.id, p.remark, p.nickname, p.last_seen_at
FROM search_follower AS f CROSS JOIN follower AS p ON p.id = f.rowid
LEFT JOIN conversation AS c ON c.follower_id = p.id
WHERE f.search_follower MATCH :match {account} ORDER BY f.rowid DESC LIMIT :limit"""


_MessageFields = tuple[int, int, str, datetime]


def _messages(session: Session, match: str, limit: int, account_id: int | None) -> list[_MessageFields]:
    """(id, conversation_id, content, created_at) of the newest matching messages."""
    sql = _MESSAGES.format(account="AND m.account_id = :account" if account_id is not None else "")
    typed = text(sql).columns(Message.id, Message.conversation_id, Message.content, Message.created_at)
    result = session.execute(typed, {"match": match, "limit": limit, "account": account_id})
    return [(row[0], row[1], row[2], row[3]) for row in result]


def search_messages(session: Session, query: str, limit: int = 200, *, account_id: int | None = None) -> list[Message]:
    """Messages matching `query`, newest first (by id, the order they were stored), at most `limit`."""
    _require_index(session)
    phrases = parse_query(query)
    if not phrases or limit <= 0:
        return []
    ids = [row[0] for row in _messages(session, fts_expression(phrases), limit, account_id)]
    if not ids:
        return []
    found = session.scalars(
        select(Message)
        .where(Message.id.in_(ids))
        .options(selectinload(Message.account), selectinload(Message.follower))
    ).all()
    by_id = {m.id: m for m in found}
    return [by_id[i] for i in ids if i in by_id]


def _message_hits(session: Session, phrases: list[Phrase], limit: int, account_id: int | None) -> list[SearchHit]:
    rows = _messages(session, fts_expression(phrases), limit, account_id)
    return [SearchHit("message", i, c, t, at, tuple(highlight_phrases(t, phrases))) for i, c, t, at in rows]


def _note_hits(session: Session, phrases: list[Phrase], limit: int, account_id: int | None) -> list[SearchHit]:
    sql = _NOTES.format(
        join="JOIN conversation AS c ON c.id = n.conversation_id" if account_id is not None else "",
        account="AND c.account_id = :account" if account_id is not None else "",
    )
    typed = text(sql).columns(Note.id, Note.conversation_id, Note.body, Note.created_at)
    rows = session.execute(typed, {"match": fts_expression(phrases), "limit": limit, "account": account_id})
    return [SearchHit("note", i, c, t, at, tuple(highlight_phrases(t, phrases))) for i, c, t, at in rows]


def _follower_hits(session: Session, phrases: list[Phrase], limit: int, account_id: int | None) -> list[SearchHit]:
    sql = _FOLLOWERS.format(account="AND p.account_id = :account" if account_id is not None else "")
    typed = text(sql).columns(Follower.id, Conversation.id, Follower.remark, Follower.nickname, Follower.last_seen_at)
    rows = session.execute(typed, {"match": fts_expression(phrases), "limit": limit, "account": account_id})
    hits = []
    for i, c, remark, nickname, at in rows:
        shown = follower_text(remark, nickname)
        hits.append(SearchHit("follower", i, c, shown, at, tuple(highlight_phrases(shown, phrases))))
    return hits


def search(session: Session, query: str, *, limit: int = 200, account_id: int | None = None) -> list[SearchHit]:
    """Messages, notes and followers matching `query` (terms ANDed, the last one a prefix while typing),
    newest first, at most `limit`. Blank or punctuation-only queries find nothing, without error.

    Each kind contributes its newest `limit` matches by id (ids grow as rows are stored, so the index
    can stop early instead of sorting every match of a common word); the union is then ordered by time.
    """
    _require_index(session)
    phrases = parse_query(query)
    if not phrases or limit <= 0:
        return []
    hits = [
        *_message_hits(session, phrases, limit, account_id),
        *_note_hits(session, phrases, limit, account_id),
        *_follower_hits(session, phrases, limit, account_id),
    ]
    hits.sort(key=lambda h: (h.created_at, h.id), reverse=True)
    return hits[:limit]
