"""The desktop's local copy of what the hub holds: it opens instantly, reads offline, and is filled
by applying the hub's change batches in order. Blocking; the window calls it from a worker thread."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import select

from console.inbox import views
from console.store.database import Database
from console.store.models import SyncCounter
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
        """Upsert every row of one batch and advance the cursor, in one transaction. Returns rows applied."""
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
            counter = session.get(SyncCounter, CURSOR)
            if counter is None:
                session.add(SyncCounter(name=CURSOR, value=int(batch["cursor"])))
            else:
                counter.value = max(counter.value, int(batch["cursor"]))
        return count

    def conversations(self) -> list[views.ConversationRow]:
        with self.db.session() as session:
            return views.conversations(session)

    def messages(self, conversation_id: int) -> list[views.MessageRow]:
        with self.db.session() as session:
            return views.messages(session, conversation_id)
