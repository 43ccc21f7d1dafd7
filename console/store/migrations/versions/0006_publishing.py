"""publishing: posts (图文消息) through review, WeChat's draft box and publishing; article images and
what was uploaded to WeChat (hub only); each account's publishing plan; the emergency lane in review

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 11:47:21.338780
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "asset",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("articles", sa.JSON(), nullable=False),
        sa.Column("mode", sa.String(length=8), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("review_item_id", sa.Integer(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("wechat_media_id", sa.String(length=128), nullable=True),
        sa.Column("wechat_hash", sa.String(length=64), nullable=True),
        sa.Column("clientmsgid", sa.String(length=64), nullable=True),
        sa.Column("publish_id", sa.String(length=64), nullable=True),
        sa.Column("msg_id", sa.String(length=64), nullable=True),
        sa.Column("article_urls", sa.JSON(), nullable=False),
        sa.Column("error_text", sa.Text(), nullable=True),
        sa.Column("attempted_at", sa.DateTime(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("author_name", sa.String(length=100), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["staff.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("clientmsgid"),
    )
    op.create_index("ix_post_account_id", "post", ["account_id"], unique=False)
    op.create_index("ix_post_seq", "post", ["seq"], unique=False)
    op.create_index("ix_post_state_scheduled", "post", ["state", "scheduled_at"], unique=False)

    op.create_table(
        "wechat_upload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("media_id", sa.String(length=128), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "sha256", "kind"),
    )
    op.create_table(
        "post_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("appid", sa.String(length=32), nullable=False),
        sa.Column("articles", sa.JSON(), nullable=False),
        sa.Column("mode", sa.String(length=8), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("base_seq", sa.BigInteger(), nullable=True),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.Column("notice", sa.Text(), nullable=True),
        sa.Column("command_id", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("post_id"),
    )
    # ALTER in place, like 0004 and 0005 (a batch copy would recreate tables other tables point at).
    op.add_column("account", sa.Column("publishing", sa.JSON(), nullable=True))
    op.add_column("review_item", sa.Column("urgent", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("review_policy", sa.Column("urgent_levels", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    op.execute("ALTER TABLE review_policy DROP COLUMN urgent_levels")
    op.execute("ALTER TABLE review_item DROP COLUMN urgent")
    op.execute("ALTER TABLE account DROP COLUMN publishing")
    op.drop_table("post_draft")
    op.drop_table("wechat_upload")
    op.drop_index("ix_post_state_scheduled", table_name="post")
    op.drop_index("ix_post_seq", table_name="post")
    op.drop_index("ix_post_account_id", table_name="post")
    op.drop_table("post")
    op.drop_table("asset")
