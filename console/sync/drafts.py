"""Unsent text, per conversation, saved as it is typed into the desktop's replica (opened durable, so
each save is on disk when it returns): a crash or a power cut loses at most the last second."""

from __future__ import annotations

from dataclasses import dataclass

from console.store.database import Database
from console.store.models import Draft
from console.timeutil import utcnow


@dataclass(frozen=True)
class DraftText:
    body: str
    notice: str | None  # why a queued reply came back, if it did


class Drafts:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, conversation_id: int, body: str) -> None:
        with self.db.session() as session:
            draft = session.get(Draft, conversation_id)
            if draft is None:
                session.add(Draft(conversation_id=conversation_id, body=body, updated_at=utcnow()))
            elif draft.body != body:
                draft.body, draft.updated_at = body, utcnow()

    def load(self, conversation_id: int) -> DraftText:
        with self.db.session() as session:
            draft = session.get(Draft, conversation_id)
            return DraftText(draft.body, draft.notice) if draft is not None else DraftText("", None)

    def clear_notice(self, conversation_id: int) -> None:
        with self.db.session() as session:
            draft = session.get(Draft, conversation_id)
            if draft is not None:
                draft.notice = None
