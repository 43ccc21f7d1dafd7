"""The database: migrated by Alembic from the first table, SQLite in WAL mode, the URL injectable."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect

from console.paths import default_db_url
from console.store.database import Database, StoreError, next_seq, open_database


def test_fresh_database_is_migrated_to_head_in_wal_mode(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'a.db'}")
    assert db.current_revision() == db.head_revision() is not None
    tables = set(inspect(db.engine).get_table_names())
    assert {"account", "follower", "conversation", "message", "note", "staff", "alembic_version"} <= tables
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    db.dispose()
    assert sqlite3.connect(tmp_path / "a.db").execute("pragma journal_mode").fetchone()[0] == "wal"


def test_change_counter_orders_writes(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'a.db'}")
    with db.session() as session:
        first, second = next_seq(session), next_seq(session)
    with db.session() as session:
        third = next_seq(session)
    assert first < second < third


def test_a_failed_transaction_leaves_no_trace(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'a.db'}")
    with pytest.raises(RuntimeError), db.session() as session:
        next_seq(session)
        raise RuntimeError("crash in the middle")
    with db.session() as session:
        assert next_seq(session) == 1


def test_database_url_comes_from_the_environment(monkeypatch, tmp_path, _isolated_home):
    assert default_db_url() == f"sqlite:///{_isolated_home / 'hub.db'}"
    monkeypatch.setenv("WXCONSOLE_DB", f"sqlite:///{tmp_path / 'team.db'}")
    assert default_db_url() == f"sqlite:///{tmp_path / 'team.db'}"


def test_unusable_location_is_said_in_words(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="无法创建数据目录"):
        Database(f"sqlite:///{blocker / 'sub' / 'hub.db'}")
