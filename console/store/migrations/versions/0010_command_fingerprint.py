"""a command id is bound to what it asked: each applied or refused command keeps a fingerprint of its
kind, conversation and arguments, so the same id sent again with other content, or by another colleague,
is refused (409) instead of answered with the first outcome; command kinds get room for longer names.

And one meaning of "no accounts": until now a colleague stored without accounts (NULL) worked on every
account; from now on that is none (administrators: all). Colleagues stored so keep what they had: they
are given every account the hub has at the upgrade, written out, so nobody loses their work silently
and nobody gains an account added later without an administrator saying so.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 05:00:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No other table points at `command`, so SQLite's batch copy is safe here.
    with op.batch_alter_table("command") as batch:
        batch.add_column(sa.Column("fingerprint", sa.String(length=64), nullable=True))
        batch.alter_column("kind", type_=sa.String(length=32), existing_type=sa.String(length=16))
    bind = op.get_bind()
    appids = [row[0] for row in bind.execute(sa.text("SELECT appid FROM account ORDER BY id"))]
    bind.execute(
        sa.text("UPDATE staff SET accounts = :accounts WHERE accounts IS NULL AND roles NOT LIKE :admin"),
        {"accounts": json.dumps(appids, ensure_ascii=False), "admin": "%|administrator|%"},
    )


def downgrade() -> None:
    with op.batch_alter_table("command") as batch:
        batch.drop_column("fingerprint")
        batch.alter_column("kind", type_=sa.String(length=16), existing_type=sa.String(length=32))
