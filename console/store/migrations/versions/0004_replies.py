"""replies: templates, keyword rules, 错敏词 events, staff roles, per-account reply values

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 09:00:00

Columns are added with plain ALTER TABLE ADD COLUMN (no batch copy), so the search triggers made in
0003 on message, note and follower stay as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("staff", sa.Column("roles", sa.String(length=64), nullable=False, server_default="|operator|"))
    op.add_column("account", sa.Column("reply_values", sa.JSON(), nullable=True))
    op.create_table(
        "reply_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=60), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("usage_count", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reply_template_seq", "reply_template", ["seq"])
    op.create_table(
        "reply_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("windows", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("reply", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reply_rule_seq", "reply_rule", ["seq"])
    op.create_table(
        "screen_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("what", sa.String(length=16), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("hits", sa.JSON(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=True),
        sa.Column("supervisor", sa.String(length=100), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("command_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_screen_event_created_at", "screen_event", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_screen_event_created_at", table_name="screen_event")
    op.drop_table("screen_event")
    op.drop_index("ix_reply_rule_seq", table_name="reply_rule")
    op.drop_table("reply_rule")
    op.drop_index("ix_reply_template_seq", table_name="reply_template")
    op.drop_table("reply_template")
    # ALTER TABLE … DROP COLUMN in place (SQLite ≥ 3.35): a batch copy would drop and recreate the
    # tables other tables point at, which foreign keys forbid.
    op.execute("ALTER TABLE account DROP COLUMN reply_values")
    op.execute("ALTER TABLE staff DROP COLUMN roles")
