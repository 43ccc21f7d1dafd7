"""The desktop's local copy of what the hub holds: it opens instantly, reads offline, and is filled
by applying the hub's change batches in order. Blocking; the window calls it from a worker thread."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import select

from console.inbox import views
from console.inbox.search import SearchHit, search
from console.replies import library
from console.store.database import Database
from console.store.models import (
    Account,
    Conversation,
    ReplyRule,
    ReplyTemplate,
    ReviewItem,
    Role,
    Staff,
    SyncCounter,
)
from console.sync.wire import KEYS, SYNCED, from_wire

CURSOR = "replica_cursor"


class Replica:
    def __init__(self, db: Database) -> None:
        self.db = db
        # The sync loop and a send both write rows; one writer at a time keeps merge's
        # select-then-insert from racing itself.
        self._write = threading.Lock()

    def cursor(self) -> int:
        with self.db.session() as session:
            value = session.scalar(select(SyncCounter.value).where(SyncCounter.name == CURSOR))
            return int(value or 0)

    def apply(self, batch: dict[str, Any]) -> int:
        """Upsert every row of one batch and advance the cursor (if it carries one), in one transaction.
        Returns rows applied."""
        count = 0
        with self._write, self.db.session() as session:
            for model in SYNCED:
                for data in batch.get(KEYS[model], []):
                    current = session.get(model, data["id"])
                    if current is not None and current.seq > data["seq"]:  # type: ignore[attr-defined]
                        continue  # a newer version already arrived by the other path
                    session.merge(from_wire(model, data))
                    count += 1
                session.flush()
            if "cursor" in batch:
                counter = session.get(SyncCounter, CURSOR)
                if counter is None:
                    session.add(SyncCounter(name=CURSOR, value=int(batch["cursor"])))
                else:
                    counter.value = max(counter.value, int(batch["cursor"]))
        return count

    def merge_answer(self, answer: dict[str, Any]) -> int:
        """The rows a command's answer carries (its message, the conversation as the hub has it)."""
        batch: dict[str, Any] = {}
        if answer.get("message"):
            batch["messages"] = [answer["message"]]
        if answer.get("conversation"):
            batch["conversations"] = [answer["conversation"]]
        if answer.get("review_item"):
            batch["review_items"] = [answer["review_item"]]
        if answer.get("post"):
            batch["posts"] = [answer["post"]]
        return self.apply(batch) if batch else 0

    def conversations(self, flt: views.InboxFilter | None = None) -> list[views.ConversationRow]:
        with self.db.session() as session:
            return views.conversations(session, flt)

    def conversation_ids(
        self, flt: views.InboxFilter, after: views.SortKey | None, limit: int
    ) -> list[tuple[int, views.SortKey]]:
        with self.db.session() as session:
            return views.conversation_ids(session, flt, after, limit)

    def conversation_rows(self, ids: list[int]) -> dict[int, views.ConversationRow]:
        with self.db.session() as session:
            return views.conversation_rows(session, ids)

    def count(self, flt: views.InboxFilter) -> int:
        with self.db.session() as session:
            return views.count_conversations(session, flt)

    def messages(self, conversation_id: int) -> list[views.MessageRow]:
        with self.db.session() as session:
            return views.messages(session, conversation_id)

    def choices(self) -> tuple[list[views.Choice], list[views.Choice], list[str]]:
        """Accounts, colleagues and labels, for the filter bar and the assign/label pickers."""
        with self.db.session() as session:
            return views.accounts(session), views.colleagues(session), views.labels(session)

    def oldest_waiting(self, limit: int = 1000) -> list[Any]:
        with self.db.session() as session:
            return views.oldest_waiting(session, limit)

    def latest_message_id(self, conversation_id: int) -> int | None:
        with self.db.session() as session:
            return views.latest_message_id(session, conversation_id)

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Messages, notes and follower remarks matching `query` (the bigram index), newest first."""
        with self.db.session() as session:
            return search(session, query, limit=limit)

    def templates(self, archived: bool = True) -> list[dict[str, Any]]:
        """Every reply template (the codec's dicts), oldest first."""
        with self.db.session() as session:
            return library.stored_templates(session, archived=archived)

    def rules(self) -> list[dict[str, Any]]:
        """Every live keyword rule, welcome and fallback (the codec's dicts)."""
        with self.db.session() as session:
            return library.stored_rules(session)

    def rule_seqs(self) -> dict[int, int]:
        """Each rule's version, sent with an edit so the hub can tell a stale one."""
        with self.db.session() as session:
            return {row.id: row.seq for row in session.execute(select(ReplyRule.id, ReplyRule.seq))}

    def template_seqs(self) -> dict[int, int]:
        with self.db.session() as session:
            return {row.id: row.seq for row in session.execute(select(ReplyTemplate.id, ReplyTemplate.seq))}

    def account_list(self) -> list[tuple[str, str]]:
        """(appid, name) of every account."""
        with self.db.session() as session:
            return [
                (row.appid, row.name)
                for row in session.execute(select(Account.appid, Account.name).order_by(Account.id))
            ]

    def account_values(self) -> dict[str, dict[str, str]]:
        """Each account's template values ({窗口电话}…), by appid."""
        with self.db.session() as session:
            return {a.appid: dict(a.reply_values or {}) for a in session.scalars(select(Account))}

    def supervisors(self) -> list[tuple[str, str]]:
        """(login, name) of the colleagues who may pass a blocked text."""
        with self.db.session() as session:
            staff = session.scalars(select(Staff).where(Staff.active).order_by(Staff.name))
            return [(s.login, s.name) for s in staff if s.has_role(Role.SUPERVISOR) or s.has_role(Role.ADMINISTRATOR)]

    def follower_of(self, conversation_id: int) -> tuple[str, str | None]:
        """(appid, the name to call the follower by) for filling a template in this conversation."""
        with self.db.session() as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation is None:
                return "", None
            follower = conversation.follower
            return conversation.account.appid, follower.remark or follower.nickname

    def returned_reply(self, conversation_id: int, login: str) -> tuple[int, str, str] | None:
        """(item id, text, the supervisor's comment) of this colleague's reply sent back in this
        conversation, the newest, or None."""
        with self.db.session() as session:
            staff_id = session.scalar(select(Staff.id).where(Staff.login == login))
            item = session.scalar(
                select(ReviewItem)
                .where(
                    ReviewItem.conversation_id == conversation_id,
                    ReviewItem.kind == "reply",
                    ReviewItem.state == "returned",
                    ReviewItem.author_id == staff_id,
                )
                .order_by(ReviewItem.updated_at.desc())
                .limit(1)
            )
            return None if item is None else (item.id, item.content, item.comment or "")
