"""The desktop's local copy of what the hub holds: it opens instantly, reads offline, and is filled
by applying the hub's change batches in order. Blocking; the window calls it from a worker thread."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from console.inbox import views
from console.inbox.search import SearchHit, search
from console.replies import library
from console.store.database import Database, open_database
from console.store.models import (
    Account,
    ChecklistItem,
    ChecklistRecord,
    Conversation,
    Draft,
    Follower,
    Message,
    Note,
    Outbox,
    Post,
    PostDraft,
    ReplyRule,
    ReplyTemplate,
    ReviewItem,
    ReviewPolicy,
    Role,
    Staff,
    SyncCounter,
)
from console.sync.wire import KEYS, SYNCED, from_wire

CURSOR = "replica_cursor"
SCOPE = "replica_scope"  # a fingerprint of the scope last applied (console.sync.wire.scope_of)


def open_replica(url: str) -> Database:
    """The desk's local copy, opened and migrated; durable, as drafts are written as they are typed."""
    return open_database(url, durable=True)


class Replica:
    def __init__(self, db: Database) -> None:
        self.db = db
        # The sync loop and a send both write rows; one writer at a time keeps merge's
        # select-then-insert from racing itself.
        self._write = threading.Lock()
        # Told the ids of messages dropped with a withdrawn account (the desk's media cache forgets their files).
        self.on_withdrawn: Callable[[list[int]], None] | None = None

    def cursor(self) -> int:
        with self.db.session() as session:
            value = session.scalar(select(SyncCounter.value).where(SyncCounter.name == CURSOR))
            return int(value or 0)

    def apply(self, batch: dict[str, Any]) -> int:
        """Upsert every row of one batch and advance the cursor (if it carries one), in one transaction.
        Returns rows applied. A batch's `scope` (the accounts this desk may hold) changing first drops the
        rows of every account no longer in it, and when one was added starts the cursor again from 0:
        see `_rescope`."""
        count = 0
        withdrawn: list[int] = []
        with self._write, self.db.session() as session:
            restart = False
            if isinstance(batch.get("scope"), dict):
                restart, withdrawn = _rescope(session, batch["scope"])
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
                    session.add(SyncCounter(name=CURSOR, value=0 if restart else int(batch["cursor"])))
                else:
                    counter.value = 0 if restart else max(counter.value, int(batch["cursor"]))
        if withdrawn and self.on_withdrawn is not None:
            self.on_withdrawn(withdrawn)
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

    def rule_versions(self) -> dict[int, int]:
        """Each rule's content version (not its sync seq), sent with an edit so the hub can tell a stale one."""
        with self.db.session() as session:
            return {row.id: row.version for row in session.execute(select(ReplyRule.id, ReplyRule.version))}

    def template_versions(self) -> dict[int, int]:
        """Each template's content version (a colleague counting a use does not move it)."""
        with self.db.session() as session:
            return {row.id: row.version for row in session.execute(select(ReplyTemplate.id, ReplyTemplate.version))}

    def values_versions(self) -> dict[str, int]:
        """Each account's reply values version, by appid: the base of the next values edit."""
        with self.db.session() as session:
            rows = session.execute(select(Account.appid, Account.values_version))
            return {row.appid: row.values_version for row in rows}

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


def _fingerprint(scope: dict[str, Any]) -> int:
    text = "*" if scope.get("all") else "\n".join(sorted(str(a) for a in scope.get("accounts") or []))
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:7], "big")


def _rescope(session: Session, scope: dict[str, Any]) -> tuple[bool, list[int]]:
    """Bring the replica to the accounts its colleague may now see. Returns (start again from cursor 0,
    ids of the messages dropped).

    Why this way: the hub sends only visible rows, so a withdrawn account's rows would otherwise stay on
    the desk for good — they are deleted here, with the desk's own drafts, queued commands and article
    drafts of that account, and the withdrawn appids leave colleagues' account lists. A granted account's
    rows are older than the cursor and would never arrive, so the replica starts again from cursor 0:
    the next batches bring everything visible again (upserts of rows already held change nothing). That
    costs one full pull, only when accounts are added, and only once: the scope's fingerprint is stored,
    so the restart is not repeated while the rows come in. A replica that never synced needs no restart."""
    counter = session.get(SyncCounter, SCOPE)
    mark = _fingerprint(scope)
    if counter is not None and counter.value == mark:
        return False, []
    if counter is None:
        session.add(SyncCounter(name=SCOPE, value=mark))
    else:
        counter.value = mark
    held = {appid: account_id for account_id, appid in session.execute(select(Account.id, Account.appid))}
    allowed = None if scope.get("all") else {str(a) for a in scope.get("accounts") or []}
    gone = [] if allowed is None else [account_id for appid, account_id in held.items() if appid not in allowed]
    dropped = _drop_accounts(session, gone, [appid for appid in held if allowed is not None and appid not in allowed])
    synced = int(session.scalar(select(SyncCounter.value).where(SyncCounter.name == CURSOR)) or 0)
    granted = bool(set(scope.get("accounts") or []) - set(held))
    return synced > 0 and granted, dropped


def _drop_accounts(session: Session, account_ids: list[int], appids: list[str]) -> list[int]:
    """Every row of these accounts, children first (the replica keeps foreign keys)."""
    if not account_ids:
        return []
    conversations = select(Conversation.id).where(Conversation.account_id.in_(account_ids))
    messages = list(session.scalars(select(Message.id).where(Message.account_id.in_(account_ids))))
    items = select(ChecklistItem.id).where(ChecklistItem.account_id.in_(account_ids))
    session.execute(delete(Note).where(Note.conversation_id.in_(conversations)))
    session.execute(delete(Draft).where(Draft.conversation_id.in_(conversations)))
    session.execute(delete(Outbox).where(Outbox.conversation_id.in_(conversations)))
    session.execute(delete(Message).where(Message.account_id.in_(account_ids)))
    session.execute(delete(ReviewItem).where(ReviewItem.account_id.in_(account_ids)))
    session.execute(delete(Conversation).where(Conversation.account_id.in_(account_ids)))
    session.execute(delete(Follower).where(Follower.account_id.in_(account_ids)))
    session.execute(delete(ChecklistRecord).where(ChecklistRecord.item_id.in_(items)))
    session.execute(delete(ChecklistRecord).where(ChecklistRecord.account_id.in_(account_ids)))
    session.execute(delete(ChecklistItem).where(ChecklistItem.account_id.in_(account_ids)))
    for model in (Post, ReviewPolicy, ReplyTemplate, ReplyRule):
        session.execute(delete(model).where(model.account_id.in_(account_ids)))  # type: ignore[attr-defined]
    session.execute(delete(PostDraft).where(PostDraft.appid.in_(appids)))
    session.execute(delete(Account).where(Account.id.in_(account_ids)))
    withdrawn = set(appids)
    for staff in session.scalars(select(Staff).where(Staff.accounts.is_not(None))):
        kept = [a for a in staff.accounts or [] if a not in withdrawn]
        if kept != list(staff.accounts or []):
            session.execute(update(Staff).where(Staff.id == staff.id).values(accounts=kept))
    session.expire_all()
    return messages
