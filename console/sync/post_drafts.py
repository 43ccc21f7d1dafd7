"""Posts being written on this desk, saved as they are typed into the durable replica: an article
survives a crash, a power cut, or a day without network. Each draft is sent to the hub as a post_save
command when the hub is reachable; the command's id is kept with the draft until the hub answers, so a
lost answer is retried with the same id and never makes a second post.

Each draft carries the post's content version it started from (`base_seq` holds Post.version): after each
save it takes the version the hub's answer gave, and a draft with nothing unsent follows the synced post,
so the author's saves in a row, and a revision after 退回修改 (which does not move the version), never meet
themselves as a 冲突副本; only a colleague's edit in between does."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from console.store.database import Database
from console.store.models import Post, PostDraft
from console.timeutil import iso, utcnow


@dataclass(frozen=True)
class LocalPost:
    id: int  # the draft's local id
    post_id: int | None
    appid: str
    articles: list[dict[str, Any]]
    mode: str
    scheduled_at: datetime | None
    urgent: bool
    dirty: bool
    notice: str | None


@dataclass(frozen=True)
class Sending:
    local_id: int
    command_id: str
    args: dict[str, Any]
    stamp: datetime  # the draft's updated_at when it was sent: a later edit keeps it dirty


def _local(row: PostDraft) -> LocalPost:
    return LocalPost(
        row.id,
        row.post_id,
        row.appid,
        list(row.articles or []),
        row.mode,
        row.scheduled_at,
        bool(row.urgent),
        bool(row.dirty),
        row.notice,
    )


class PostDrafts:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(
        self,
        local_id: int | None,
        *,
        appid: str,
        articles: list[dict[str, Any]],
        mode: str = "publish",
        scheduled_at: datetime | None = None,
        urgent: bool = False,
        post_id: int | None = None,
    ) -> int:
        """Keep this version (durably, before returning); the local id to save under next time."""
        with self.db.session() as session:
            row = session.get(PostDraft, local_id) if local_id is not None else None
            if row is None and post_id is not None:
                row = session.scalar(select(PostDraft).where(PostDraft.post_id == post_id))
            synced = session.get(Post, post_id) if post_id is not None else None
            if row is None:
                row = PostDraft(post_id=post_id, base_seq=synced.version if synced is not None else None)
                session.add(row)
            elif not row.dirty and row.command_id is None and synced is not None:
                # Nothing unsent: the editor shows the synced post, so this edit starts from its version
                # (or from this desk's own last save, if the copy here has not caught up with it yet).
                row.base_seq = max(row.base_seq or 0, synced.version)
            row.appid = appid
            row.articles = articles
            row.mode = mode
            row.scheduled_at = scheduled_at
            row.urgent = urgent
            row.dirty = True
            row.updated_at = utcnow()
            session.flush()
            return row.id

    def get(self, local_id: int) -> LocalPost | None:
        with self.db.session() as session:
            row = session.get(PostDraft, local_id)
            return None if row is None else _local(row)

    def for_post(self, post_id: int) -> LocalPost | None:
        """This desk's unsent version of a post, if there is one (it wins over the synced copy)."""
        with self.db.session() as session:
            row = session.scalar(select(PostDraft).where(PostDraft.post_id == post_id))
            return None if row is None or not row.dirty else _local(row)

    def unsent(self) -> list[LocalPost]:
        with self.db.session() as session:
            rows = session.scalars(select(PostDraft).where(PostDraft.dirty.is_(True)).order_by(PostDraft.id))
            return [_local(row) for row in rows]

    def begin(self, local_id: int) -> Sending | None:
        """The post_save to send for this draft (the same command id again if the last answer was lost)."""
        with self.db.session() as session:
            row = session.get(PostDraft, local_id)
            if row is None or not row.dirty:
                return None
            if row.command_id is None:
                row.command_id = uuid.uuid4().hex
            args: dict[str, Any] = {
                "account": row.appid,
                "articles": list(row.articles or []),
                "mode": row.mode,
                "urgent": bool(row.urgent),
            }
            if row.post_id is not None:
                args["post_id"] = row.post_id
                if row.base_seq is not None:
                    args["base_version"] = row.base_seq
            elif row.scheduled_at is not None:
                args["scheduled_at"] = iso(row.scheduled_at)
            return Sending(row.id, row.command_id, args, row.updated_at)

    def settled(self, sending: Sending, result: dict[str, Any]) -> None:
        """The hub kept it: remember the post and its version; clean unless edited meanwhile."""
        with self.db.session() as session:
            row = session.get(PostDraft, sending.local_id)
            if row is None:
                return
            row.command_id = None
            if result.get("post_id") is not None:
                row.post_id = int(result["post_id"])
            if result.get("version") is not None:  # the next save starts from what the hub now holds
                row.base_seq = int(result["version"])
            row.notice = (
                f"{result.get('conflict_with') or '同事'}在您离线时也改了这篇图文，您的版本已另存为“冲突副本”。"
                if result.get("conflict")
                else None
            )
            if row.updated_at == sending.stamp:
                row.dirty = False

    def refused(self, sending: Sending, reason: str) -> None:
        """The hub would not keep it: the text stays here, with the reason beside it."""
        with self.db.session() as session:
            row = session.get(PostDraft, sending.local_id)
            if row is not None:
                row.command_id = None
                row.notice = reason

    def discard(self, local_id: int) -> None:
        with self.db.session() as session:
            row = session.get(PostDraft, local_id)
            if row is not None:
                session.delete(row)
