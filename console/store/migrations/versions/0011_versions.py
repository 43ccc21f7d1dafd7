"""versions wherever two edits can meet: templates, rules, posts, checklist items and review policies get
a content `version`, and an account its three separately edited parts (reply values, register, publishing
plan). `seq` stays the sync cursor (bumped by a use count or a review state change too), so comparing an
edit's base against it made spurious 冲突副本; a version moves only when the content is edited. Every
existing row starts at 1, on the hub and on each desk's replica alike.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-09 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COLUMNS = (
    ("reply_template", "version"),
    ("reply_rule", "version"),
    ("post", "version"),
    ("checklist_item", "version"),
    ("review_policy", "version"),
    ("account", "values_version"),
    ("account", "register_version"),
    ("account", "plan_version"),
)


def upgrade() -> None:
    # ALTER in place, like 0009 (a batch copy would recreate tables other tables point at).
    for table, column in COLUMNS:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table, column in reversed(COLUMNS):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
