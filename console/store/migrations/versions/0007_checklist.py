"""security checklist: items per account and each time one was done (evidence, sign-off); the
account register (账号台账)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 12:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checklist_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("how", sa.Text(), nullable=False),
        sa.Column("auto", sa.String(length=32), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("last_done_on", sa.Date(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_checklist_item_account_due", "checklist_item", ["account_id", "due_on"], unique=False)
    op.create_index("ix_checklist_item_seq", "checklist_item", ["seq"], unique=False)
    op.create_table(
        "checklist_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("done_by", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("signed_off_by", sa.String(length=100), nullable=True),
        sa.Column("signed_off_at", sa.DateTime(), nullable=True),
        sa.Column("command_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"]),
        sa.ForeignKeyConstraint(["item_id"], ["checklist_item.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("command_id"),
    )
    op.create_index("ix_checklist_record_item_id", "checklist_record", ["item_id"], unique=False)
    op.create_index("ix_checklist_record_seq", "checklist_record", ["seq"], unique=False)
    op.add_column("account", sa.Column("register", sa.JSON(), nullable=True))  # ALTER in place, like 0004


def downgrade() -> None:
    op.execute("ALTER TABLE account DROP COLUMN register")
    op.drop_index("ix_checklist_record_seq", table_name="checklist_record")
    op.drop_index("ix_checklist_record_item_id", table_name="checklist_record")
    op.drop_table("checklist_record")
    op.drop_index("ix_checklist_item_seq", table_name="checklist_item")
    op.drop_index("ix_checklist_item_account_due", table_name="checklist_item")
    op.drop_table("checklist_item")
