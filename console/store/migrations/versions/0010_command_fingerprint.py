"""a command id is bound to what it asked: each applied or refused command keeps a fingerprint of its
kind, conversation and arguments, so the same id sent again with other content, or by another colleague,
is refused (409) instead of answered with the first outcome; command kinds get room for longer names

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 05:00:00
"""

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


def downgrade() -> None:
    with op.batch_alter_table("command") as batch:
        batch.drop_column("fingerprint")
        batch.alter_column("kind", type_=sa.String(length=16), existing_type=sa.String(length=32))
