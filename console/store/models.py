"""The tables. Every synced row carries `seq`, bumped on each change, so a desktop can pull "what
changed since my cursor" with one indexed range scan per table."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from console.timeutil import utcnow


class Base(DeclarativeBase):
    pass


class AccountType(StrEnum):
    SUBSCRIPTION = "subscription"  # 订阅号
    SERVICE = "service"  # 服务号


class Direction(StrEnum):
    INBOUND = "in"
    OUTBOUND = "out"


class SendStatus(StrEnum):
    PENDING = "pending"  # recorded, not yet handed to WeChat
    SENDING = "sending"  # handed to WeChat, answer not yet recorded
    SENT = "sent"
    FAILED = "failed"
    # Handed to WeChat with no answer we can trust (dropped, timed out, hub stopped mid-send): it may
    # be on the follower's phone. Never re-sent by itself; a person checks and confirms a resend.
    UNKNOWN = "unknown"


class ConversationStatus(StrEnum):
    NEW = "new"  # 新消息
    OPEN = "open"  # 处理中
    REVIEW = "review"  # 待审核
    REPLIED = "replied"  # 已回复
    CLOSED = "closed"  # 已关闭
    SNOOZED = "snoozed"  # 稍后处理


class CommandState(StrEnum):
    QUEUED = "queued"  # desktop outbox: waiting for the hub
    APPLIED = "applied"
    REFUSED = "refused"


class SyncCounter(Base):
    """One row per counter; bumping it inside the writing transaction orders changes by commit."""

    __tablename__ = "sync_counter"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Account(Base):
    """A 公众号. Its secrets live in the key store under `appid`, never here."""

    __tablename__ = "account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    appid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    account_type: Mapped[str] = mapped_column(String(16), default=AccountType.SUBSCRIPTION)
    original_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    safe_mode: Mapped[bool] = mapped_column(Boolean, default=True)
    # What reply templates and rules fill in for this account: {"窗口电话": "…", "办公时间": "…"}.
    reply_values: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    # When this account publishes and what counts as too long a gap (console.publishing.slots), or None
    # for the defaults.
    publishing: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    # 账号台账: responsible unit, person in charge, operators, contact, verification, date opened, update
    # target (console.compliance.register); None until an administrator fills it in.
    register: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    # Content versions of the three parts edited apart (a stale edit is refused, never applied silently;
    # `seq` is the sync cursor, bumped by any change): reply values, the register, the publishing plan.
    values_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    register_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    plan_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)


class Role(StrEnum):
    OPERATOR = "operator"  # 编辑/运营
    SUPERVISOR = "supervisor"  # 审核
    ADMINISTRATOR = "administrator"


def has_role(roles: str | None, role: Role) -> bool:
    """Whether a stored roles string ("|operator|supervisor|") holds `role`."""
    return f"|{role.value}|" in (roles or "")


class Staff(Base):
    """A colleague who can be assigned a conversation. Sign-in and roles come with the review work;
    until then a desktop names its seat and registers it here."""

    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Role names wrapped in bars ("|operator|supervisor|"), as labels are.
    roles: Mapped[str] = mapped_column(String(64), default="|operator|")
    # Appids this colleague may work on, or None for every account.
    accounts: Mapped[list | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)

    def has_role(self, role: Role) -> bool:
        return has_role(self.roles, role)


class Label(Base):
    """An office-wide label (社保, 投诉, 咨询…) operators put on conversations."""

    __tablename__ = "label"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    color: Mapped[str] = mapped_column(String(9), default="#5b8def")
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)


class Follower(Base):
    __tablename__ = "follower"
    __table_args__ = (UniqueConstraint("account_id", "openid"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    openid: Mapped[str] = mapped_column(String(64))
    nickname: Mapped[str | None] = mapped_column(String(100), nullable=True)
    remark: Mapped[str | None] = mapped_column(String(200), nullable=True)
    subscribed: Mapped[bool] = mapped_column(Boolean, default=True)
    first_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)

    account: Mapped[Account] = relationship()


class Conversation(Base):
    """One per follower of one account: the thread an operator works on."""

    __tablename__ = "conversation"
    __table_args__ = (
        # The inbox lists newest first under any one filter; each index serves one filter's scan.
        Index("ix_conversation_recent", "last_message_at", "id"),
        Index("ix_conversation_status_recent", "status", "last_message_at", "id"),
        Index("ix_conversation_account_recent", "account_id", "last_message_at", "id"),
        Index("ix_conversation_assignee_recent", "assignee_id", "last_message_at", "id"),
        Index("ix_conversation_waiting", "waiting_since", "id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    follower_id: Mapped[int] = mapped_column(ForeignKey("follower.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=ConversationStatus.NEW)
    last_message_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # When the follower last wrote and how (message or event): WeChat's 客服 window starts there.
    last_inbound_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_inbound_kind: Mapped[str | None] = mapped_column(String(16), nullable=True)
    preview: Mapped[str] = mapped_column(String(200), default="")
    # The oldest inbound message nobody has answered yet: the response timer runs from here.
    waiting_since: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # 客服 messages sent since last_inbound_at (WeChat allows 5 after a message, 3 after an event).
    window_used: Mapped[int] = mapped_column(Integer, default=0)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    # Label names wrapped in bars ("|社保|投诉|") so one LIKE finds a label without a join table to sync.
    labels: Mapped[str] = mapped_column(String(500), default="")
    snoozed_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    snooze_until_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)

    account: Mapped[Account] = relationship()
    follower: Mapped[Follower] = relationship()


class Note(Base):
    """An internal note on a conversation: colleagues read it, the follower never does."""

    __tablename__ = "note"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id"), index=True)
    author_name: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    command_id: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)


class Command(Base):
    """Hub side: every desktop command applied (or refused) once, by its client-made id, so a retry
    after a dropped connection returns the first answer instead of acting twice."""

    __tablename__ = "command"
    command_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    conversation_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    seat: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # SHA-256 of kind, conversation and arguments: the same id with other content is refused (409).
    fingerprint: Mapped[str | None] = mapped_column(String(64), nullable=True)
    state: Mapped[str] = mapped_column(String(16))
    result: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Outbox(Base):
    """Desktop side: what the operator did while the hub was out of reach, applied in order later."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    command_id: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    conversation_id: Mapped[int] = mapped_column(Integer, index=True)
    args: Mapped[dict] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), default=CommandState.QUEUED)
    error_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Draft(Base):
    """Desktop side: the unsent text of each conversation, saved as it is typed."""

    __tablename__ = "draft"
    conversation_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body: Mapped[str] = mapped_column(Text, default="")
    # Why a queued reply came back (window closed, a colleague answered…), shown beside the draft.
    notice: Mapped[str | None] = mapped_column(Text, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Message(Base):
    """Inbound (from a follower) or outbound (our reply), with WeChat's ids and our send status."""

    __tablename__ = "message"
    __table_args__ = (
        # WeChat retries a push up to three times; this key makes the second copy impossible.
        UniqueConstraint("account_id", "dedupe_key"),
        Index("ix_message_conversation_time", "conversation_id", "created_at"),
        Index("ix_message_account_received", "account_id", "received_at"),  # the panel's week of messages
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id"))
    follower_id: Mapped[int] = mapped_column(ForeignKey("follower.id"))
    direction: Mapped[str] = mapped_column(String(4))
    msg_type: Mapped[str] = mapped_column(String(16))
    event: Mapped[str | None] = mapped_column(String(32), nullable=True)
    content: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    msgid: Mapped[str | None] = mapped_column(String(32), nullable=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(128), nullable=True)
    # Client-made id of the reply command, so a retried command never sends twice.
    command_id: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    error_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Who sent an outbound message (a seat's name), so colleagues see who answered.
    author_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)

    account: Mapped[Account] = relationship()
    follower: Mapped[Follower] = relationship()


class ReplyTemplate(Base):
    """常用回复: tested wording an operator inserts and edits before sending. `account_id` None: shared
    by every account."""

    __tablename__ = "reply_template"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    title: Mapped[str] = mapped_column(String(60))
    body: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32), default="")
    tags: Mapped[list] = mapped_column(JSON, default=list)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    usage_count: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # bumped by content edits only
    updated_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)


class ReplyRule(Base):
    """A keyword rule, the follow welcome or the fallback reply, answered by the hub inside WeChat's
    5 seconds. `keywords`, `windows` and `reply` hold the shapes of console.replies.codec."""

    __tablename__ = "reply_rule"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16), default="keyword")
    mode: Mapped[str] = mapped_column(String(16), default="contains")
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    windows: Mapped[list] = mapped_column(JSON, default=list)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    reply: Mapped[dict] = mapped_column(JSON, default=dict)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)  # kept so desktops learn of the deletion
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # bumped by content edits only
    updated_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)


class ScreenEvent(Base):
    """Hub side: a text the 错敏词 check stopped, or a supervisor passed with a reason. Never edited;
    the inspection panel counts these per quarter."""

    __tablename__ = "screen_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16))  # blocked | overridden
    what: Mapped[str] = mapped_column(String(16))  # reply | template | rule
    account_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    conversation_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text_hash: Mapped[str] = mapped_column(String(64))
    hits: Mapped[list] = mapped_column(JSON)
    operator: Mapped[str | None] = mapped_column(String(100), nullable=True)
    supervisor: Mapped[str | None] = mapped_column(String(100), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    command_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class StaffCredential(Base):
    """Hub only, never synced: a colleague's password hash (argon2) and the lockout state."""

    __tablename__ = "staff_credential"
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class StaffSession(Base):
    """Hub only: a signed-in desk. The token itself is never stored, only its SHA-256."""

    __tablename__ = "staff_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class ReviewPolicy(Base):
    """Per account, set by an administrator: which replies wait for a supervisor, and how many review
    levels articles pass (三审三校: 1 to 3)."""

    __tablename__ = "review_policy"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), unique=True)
    replies: Mapped[str] = mapped_column(String(16), default="none")  # all | none | screened | first | labels
    labels: Mapped[list] = mapped_column(JSON, default=list)  # with replies == "labels"
    article_levels: Mapped[int] = mapped_column(Integer, default=1)
    # The emergency lane (突发/辟谣): the levels an urgent article passes, set by the administrator between
    # the floor (article_levels minus one, never below 1: console.review.policy.urgent_floor) and article_levels.
    urgent_levels: Mapped[int] = mapped_column(Integer, default=1)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # bumped by content edits only
    updated_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)


class ReviewItem(Base):
    """A reply or an article waiting for review, approved, or sent back. `versions` keeps every text
    submitted or edited in review ([{text, by, at, note}]), `approvals` each level's decision."""

    __tablename__ = "review_item"
    __table_args__ = (Index("ix_review_item_state_created", "state", "created_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # reply | article
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    conversation_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    target_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the article, for articles
    author_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    author_name: Mapped[str] = mapped_column(String(100))
    content: Mapped[str] = mapped_column(Text)  # the current version
    versions: Mapped[list] = mapped_column(JSON, default=list)
    levels_required: Mapped[int] = mapped_column(Integer, default=1)
    levels_done: Mapped[int] = mapped_column(Integer, default=0)
    approvals: Mapped[list] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending | approved | returned | sent
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)  # 突发/辟谣: first in every queue
    reason: Mapped[str] = mapped_column(String(200), default="")  # why it needs review, in words
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)  # the supervisor's, when sent back
    hits: Mapped[list] = mapped_column(JSON, default=list)  # the 错敏词 check at submission
    message_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the reply, once sent
    command_id: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)


class AuditEntry(Base):
    """Hub only, append only: who did what, when, before and after. `hash` chains each entry to the one
    before (console.audit), so an edit or a deletion anywhere breaks the chain from there on."""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))  # the staff login, or "system" / "cli"
    action: Mapped[str] = mapped_column(String(32))  # sign_in, send, approve, reject, override, …
    target: Mapped[str] = mapped_column(String(200), default="")  # e.g. "conversation:12", "rule:7"
    detail: Mapped[dict] = mapped_column(JSON, default=dict)  # {"before": …, "after": …, …}
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class PostState(StrEnum):
    DRAFT = "draft"  # 草稿
    REVIEW = "review"  # 审核中
    RETURNED = "returned"  # 退回修改
    APPROVED = "approved"  # 审核通过, not yet in WeChat's draft box
    QUEUED = "queued"  # in WeChat's draft box, waiting for its time (or for someone to publish it)
    PUBLISHING = "publishing"  # handed to WeChat, waiting for the job's result
    PUBLISHED = "published"  # done: published (发布) or mass-sent (群发)
    FAILED = "failed"  # WeChat refused or the job failed; error_text says why
    UNSURE = "unsure"  # needs a person: its time passed while the hub was down, or the outcome is unknown


class Post(Base):
    """图文消息: a lead article and up to seven more, planned for a time on the calendar and taken through
    review, WeChat's draft box and publishing (发布) or a mass send (群发). `articles` holds the shapes of
    console.publishing.articles; images are asset refs, uploaded to WeChat only when the draft is made."""

    __tablename__ = "post"
    __table_args__ = (Index("ix_post_state_scheduled", "state", "scheduled_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    title: Mapped[str] = mapped_column(String(100), default="")  # the lead article's, for lists
    articles: Mapped[list] = mapped_column(JSON, default=list)
    mode: Mapped[str] = mapped_column(String(8), default="publish")  # publish (发布) | mass (群发)
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)  # 突发/辟谣: the emergency lane
    # Who marked it urgent (the signed-in colleague's name, never the desk's word) and when: the lane
    # takes fewer review levels, so it must be accounted for afterwards.
    urgent_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    urgent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    state: Mapped[str] = mapped_column(String(16), default=PostState.DRAFT)
    review_item_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # bumped by content edits only
    wechat_media_id: Mapped[str | None] = mapped_column(String(128), nullable=True)  # the draft box entry
    wechat_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)  # content_hash WeChat has
    clientmsgid: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)  # 群发 key
    publish_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    msg_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    article_urls: Mapped[list] = mapped_column(JSON, default=list)
    error_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    author_name: Mapped[str] = mapped_column(String(100), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    updated_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)


class Asset(Base):
    """Hub only: an image an article uses, by the SHA-256 of its bytes (the file lives in the data dir)."""

    __tablename__ = "asset"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class WeChatUpload(Base):
    """Hub only: an asset already uploaded to an account's WeChat (a body image's URL from uploadimg, or a
    cover's permanent material id), so the same picture is never uploaded twice."""

    __tablename__ = "wechat_upload"
    __table_args__ = (UniqueConstraint("account_id", "sha256", "kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # image (uploadimg, body) | cover (material)
    media_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    url: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PostDraft(Base):
    """Desktop side: a post as it is being written, saved as it is typed (the replica is durable), so an
    article survives a crash, a power cut or a day without network. `dirty` until the hub has this
    version; `post_id` once the hub knows the post, `base_seq` the post's content version this edit started
    from (Post.version, not its sync seq)."""

    __tablename__ = "post_draft"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True)
    appid: Mapped[str] = mapped_column(String(32))
    articles: Mapped[list] = mapped_column(JSON, default=list)
    mode: Mapped[str] = mapped_column(String(8), default="publish")
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    base_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    dirty: Mapped[bool] = mapped_column(Boolean, default=True)
    notice: Mapped[str | None] = mapped_column(Text, nullable=True)  # why the hub refused or copied it
    # The post_save in flight: the same id is sent again after a lost answer, so it never makes two posts.
    command_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ChecklistItem(Base):
    """安全清单: one security task of one account — what to check, how often, who, by when. `key` names
    the default item it came from (resources/checklist), "" for an office's own; `auto` names the check
    the console makes itself (safe_mode, secrets, backup…), so the item is marked from evidence."""

    __tablename__ = "checklist_item"
    __table_args__ = (Index("ix_checklist_item_account_due", "account_id", "due_on"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    key: Mapped[str] = mapped_column(String(64), default="")
    title: Mapped[str] = mapped_column(String(200))
    period: Mapped[str] = mapped_column(String(16), default="yearly")  # once | monthly | quarterly | yearly
    owner: Mapped[str] = mapped_column(String(100), default="")
    how: Mapped[str] = mapped_column(Text, default="")
    auto: Mapped[str | None] = mapped_column(String(32), nullable=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # None: done once, not due again
    last_done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # bumped by content edits only
    updated_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)


class ChecklistRecord(Base):
    """One time an item was done: when, by whom, the evidence (a note, files, the console's own check),
    and the supervisor who signed it off. Never edited but for the sign-off."""

    __tablename__ = "checklist_record"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("checklist_item.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    done_on: Mapped[date] = mapped_column(Date)
    done_by: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[list] = mapped_column(JSON, default=list)  # [{kind: file|auto, ref, name, ...}]
    signed_off_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    signed_off_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    command_id: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)
