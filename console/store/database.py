"""Engine, sessions and migrations. The URL is injected, so every test gets a fresh database and a
team can point the same code at PostgreSQL."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from console.store.models import SyncCounter

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def json_text(value: object) -> str:
    """JSON columns keep Chinese as Chinese: "\\u53d1\\u5e03" is six bytes a character against three,
    which doubled the size of articles and review items (read back the same either way)."""
    return json.dumps(value, ensure_ascii=False)


class StoreError(Exception):
    """A problem of the environment (disk full, locked or unreadable file), said in plain words."""


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
    # The search index's triggers call wx_bigrams; without it every write to message/note/follower fails.
    from console.store.search_index import register_sqlite_functions

    register_sqlite_functions(dbapi_connection)


def _sqlite_durable(dbapi_connection: object, _record: object) -> None:
    """Every commit reaches the disk before it returns: a draft typed before a power cut survives it."""
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_manual_begin(dbapi_connection: object, _record: object) -> None:
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]  # SQLAlchemy's "begin" emits BEGIN


def _sqlite_begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


class Database:
    """An engine plus a session factory; `session()` is a unit of work that commits or rolls back."""

    def __init__(self, url: str, durable: bool = False, writers: bool = False) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            try:
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"无法创建数据目录 {Path(parsed.database).parent}：{exc.strerror}") from exc
        self.engine = create_engine(url, future=True, json_serializer=json_text)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            if durable:
                event.listen(self.engine, "connect", _sqlite_durable)
            if writers:
                # Several threads write (the hub): each transaction takes SQLite's write lock when it
                # begins, so a transaction that read first and writes later queues on busy_timeout
                # instead of failing at once with "database is locked" when another commit came between.
                event.listen(self.engine, "connect", _sqlite_manual_begin)
                event.listen(self.engine, "begin", _sqlite_begin_immediate)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        parsed = make_url(self.url)
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            return Path(parsed.database)
        return None

    @contextmanager
    def session(self) -> Iterator[Session]:
        session = self._factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def head_revision(self) -> str | None:
        return ScriptDirectory.from_config(alembic_config(self.engine)).get_current_head()

    def migrate(self) -> None:
        """Bring the schema to head; back up an existing SQLite file first, as a migration may fail."""
        cfg = alembic_config(self.engine)
        head = self.head_revision()
        current = self.current_revision()
        if current == head:
            return
        path = self.path
        if current is not None and path is not None and path.exists():
            shutil.copy2(path, path.with_name(f"{path.name}.before-{head}.bak"))
        command.upgrade(cfg, "head")

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, durable: bool = False, writers: bool = False) -> Database:
    """Open and migrate; the one way the product gets a database. `durable` for a desktop's replica,
    where drafts are written as they are typed; `writers` for the hub, where several threads write."""
    db = Database(url, durable, writers)
    db.migrate()
    return db


def next_seq(session: Session) -> int:
    """Bump the change counter inside the caller's transaction (row lock orders concurrent writers)."""
    result = session.execute(
        update(SyncCounter)
        .where(SyncCounter.name == "changes")
        .values(value=SyncCounter.value + 1)
        .returning(SyncCounter.value)
    )
    return int(result.scalar_one())
