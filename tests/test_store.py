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


def test_inbox_migration_keeps_rows_and_starts_waiting_timers(tmp_path):
    """A hub from the foundation release upgrades in place: conversations keep their rows, unanswered
    ones get a response timer from the follower's last message, a backup is left beside the file."""
    from alembic import command

    from console.store.database import alembic_config

    path = tmp_path / "old.db"
    db = Database(f"sqlite:///{path}")
    command.upgrade(alembic_config(db.engine), "0001")
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO account (id, appid, name, account_type, safe_mode, created_at, seq) "
            "VALUES (1, 'wx1', '某县发布', 'subscription', 1, '2026-11-01', 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO follower (id, account_id, openid, subscribed, first_seen_at, last_seen_at, seq) "
            "VALUES (1, 1, 'o1', 1, '2026-11-01', '2026-11-01', 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO conversation (id, account_id, follower_id, status, last_message_at, "
            "last_inbound_at, last_inbound_kind, preview, seq) "
            "VALUES (1, 1, 1, 'new', '2026-11-02 09:00', '2026-11-02 09:00', 'message', '社保', 1)"
        )
    db.migrate()
    assert db.current_revision() == db.head_revision()
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT status, waiting_since, window_used, labels FROM conversation").one()
    assert row[0] == "new" and str(row[1]).startswith("2026-11-02 09:00") and row[2] == 0 and row[3] == ""
    assert list(tmp_path.glob("old.db.before-*.bak"))
    db.dispose()


def test_the_migrations_build_exactly_the_tables_the_models_describe(tmp_path):
    """A column added to a model without a migration (or the other way round) fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from console.store.models import Base

    db = open_database(f"sqlite:///{tmp_path / 'hub.db'}")
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "include_name": lambda name, type_, _p: not (type_ == "table" and (name or "").startswith("search_"))
            },
        )
        assert compare_metadata(context, Base.metadata) == []


def test_json_columns_keep_chinese_as_written(tmp_path):
    """Chinese in JSON columns is stored as UTF-8 (3 bytes a character), not as \\uXXXX escapes (6)."""
    from console.store.models import Account

    db = open_database(f"sqlite:///{tmp_path / 'hub.db'}")
    register = {"unit": "某县融媒体中心", "owner": "陈建国"}
    with db.session() as session:
        session.add(
            Account(appid="wx1111aaaa2222bbbb", name="某县发布", account_type="subscription", register=register)
        )
    with db.session() as session:
        assert session.query(Account).one().register == register  # read back the same
    db.dispose()
    raw = sqlite3.connect(tmp_path / "hub.db").execute("SELECT register FROM account").fetchone()[0]
    assert "某县融媒体中心" in raw and "\\u" not in raw
