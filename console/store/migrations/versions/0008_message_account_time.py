"""an index on each account's messages by arrival time: the inspection panel counts the last week's
follower messages of every account, which otherwise reads each account's whole history

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 23:00:00
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_message_account_received", "message", ["account_id", "received_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_message_account_received", table_name="message")
