"""review cannot be side-stepped by the author: who marked a post urgent (突发/辟谣) and when is kept on
the post, and the emergency lane of every stored policy is raised to its floor (an account's article
levels minus one, never below 1), since until now an author's urgent mark cut a 三审 account to 1 level

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ALTER in place, like 0004–0006 (a batch copy would recreate tables other tables point at).
    op.add_column("post", sa.Column("urgent_by", sa.String(length=100), nullable=True))
    op.add_column("post", sa.Column("urgent_at", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE review_policy SET urgent_levels = MAX(1, article_levels - 1) "
        "WHERE urgent_levels < MAX(1, article_levels - 1)"
    )
    op.execute("UPDATE review_policy SET urgent_levels = article_levels WHERE urgent_levels > article_levels")


def downgrade() -> None:
    op.execute("ALTER TABLE post DROP COLUMN urgent_at")
    op.execute("ALTER TABLE post DROP COLUMN urgent_by")
