"""search index: FTS5 over message content, note bodies and follower remarks/nicknames

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 09:00:00

One contentless FTS5 table per searched table (search_message, search_note, search_follower), rowid =
the row's id, one column `body` holding `wx_bigrams(...)` tokens (console/store/search_index.py).

Why contentless (content=''), not external content: the text already lives in message/note/follower,
and an external-content table would need a view computing wx_bigrams() just so FTS5 could re-read it for
'rebuild' or highlight(), neither of which we use (spans come from the Python tokenizer, which maps
bigrams back to characters). Contentless keeps only the inverted index; a row is removed with FTS5's
'delete' command fed the old text re-tokenized by the same deterministic function, which the triggers do.
columnsize=0 drops the per-row token counts that only bm25 ranking needs (results are newest first).
prefix='1' adds a one-character prefix index: what one-character queries (医) read.

Other dialects (PostgreSQL) get nothing here; search raises SearchUnavailable there.
The triggers live on message, note and follower: a later migration that recreates one of those tables
(batch_alter_table "move and copy") drops its triggers and must create them again — a test checks
that they exist at head.
"""

import sqlalchemy as sa
from alembic import op

from console.store.search_index import register_sqlite_functions

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# (fts table, source table, SQL producing the body from a row alias, columns whose change re-indexes)
_SOURCES = (
    ("search_message", "message", "wx_bigrams({r}.content)", "content"),
    ("search_note", "note", "wx_bigrams({r}.body)", "body"),
    ("search_follower", "follower", "wx_bigrams({r}.remark, {r}.nickname)", "remark, nickname"),
)


def _changed(columns: str) -> str:
    return " OR ".join(f"old.{c} IS NOT new.{c}" for c in ["id", *columns.split(", ")])


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    # The engine's connect hook registers wx_bigrams already; registering here too keeps the migration
    # correct even if it ever runs on a connection made some other way.
    register_sqlite_functions(bind.connection.driver_connection)
    for fts, table, body, columns in _SOURCES:
        old, new = body.format(r="old"), body.format(r="new")
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(body, content='', columnsize=0, tokenize='ascii', prefix='1')"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, body) VALUES (new.id, {new}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, body) VALUES ('delete', old.id, {old}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF id, {columns} ON {table} "
            f"WHEN {_changed(columns)} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, body) VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {fts}(rowid, body) VALUES (new.id, {new}); END"
        )
        # Rows stored before this version.
        op.execute(sa.text(f"INSERT INTO {fts}(rowid, body) SELECT id, {body.format(r=table)} FROM {table}"))


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for fts, _table, _body, _columns in _SOURCES:
        for suffix in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
