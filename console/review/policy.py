"""Which replies wait for a supervisor, per account. An administrator picks one rule (all, none, the
ones the 错敏词 check flagged, the first answer to a new follower, or conversations with given labels)
and how many review levels articles pass (三审: 1 to 3)."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from console.store.database import next_seq
from console.store.models import Direction, Message, ReviewPolicy, SendStatus

REPLY_RULES = {
    "all": "所有回复都需审核",
    "none": "回复无需审核",
    "screened": "错敏词检查有提醒或拦截的回复需审核",
    "first": "对新粉丝的第一条回复需审核",
    "labels": "带指定标签的会话的回复需审核",
}
# The author the hub gives its automatic answers (console.replies.autoreply.AUTHOR); they are not a
# colleague's reply, so a follower answered only by them still gets a "first" reply reviewed.
AUTO_AUTHOR = "自动回复"
MAX_LEVELS = 3
MAX_LABELS = 20


class PolicyError(ValueError):
    """The policy asked for cannot be kept; the words say what to change."""


def policy_for(session: Session, account_id: int) -> ReviewPolicy:
    """The account's policy, or the default (replies need no review, articles one level), not stored."""
    policy = session.scalar(select(ReviewPolicy).where(ReviewPolicy.account_id == account_id))
    if policy is None:
        policy = ReviewPolicy(account_id=account_id, replies="none", labels=[], article_levels=1, seq=0)
    return policy


def reply_needs_review(policy: ReviewPolicy, *, has_hits: bool, first_reply: bool, labels: list[str]) -> str | None:
    """Why this reply must wait for a supervisor, in words, or None when it may go at once."""
    mode = policy.replies
    if mode == "all":
        return "本号所有回复都需审核"
    if mode == "screened" and has_hits:
        return "错敏词检查有提醒或拦截"
    if mode == "first" and first_reply:
        return "对新粉丝的第一条回复"
    if mode == "labels":
        wanted = set(policy.labels or [])
        matched = [name for name in labels if name in wanted]
        if matched:
            return f"会话带有需审核的标签：{'、'.join(matched)}"
    return None


def first_reply(session: Session, conversation_id: int) -> bool:
    """True while no colleague has answered this follower: automatic replies and failed sends do not
    count, a reply still on its way does."""
    answered = session.scalar(
        select(Message.id)
        .where(
            Message.conversation_id == conversation_id,
            Message.direction == Direction.OUTBOUND,
            or_(Message.author_name.is_(None), Message.author_name != AUTO_AUTHOR),
            or_(Message.status.is_(None), Message.status != SendStatus.FAILED),
        )
        .limit(1)
    )
    return answered is None


def _clean_labels(labels: list[str]) -> list[str]:
    names: list[str] = []
    for name in labels:
        name = str(name).strip().replace("|", "")[:32]
        if name and name not in names:
            names.append(name)
    return names


def set_policy(
    session: Session, account_id: int, replies: str, labels: list[str], article_levels: int, by: str
) -> ReviewPolicy:
    """Create or change the account's policy (an administrator's act; the caller checks the role)."""
    if replies not in REPLY_RULES:
        raise PolicyError("不认识这条回复审核规则，请从列表中选择。")
    if isinstance(article_levels, bool) or not isinstance(article_levels, int) or not 1 <= article_levels <= MAX_LEVELS:
        raise PolicyError(f"文章审核级数应为 1 到 {MAX_LEVELS} 级（三审即 3 级）。")
    names = _clean_labels(labels)
    if replies == "labels" and not names:
        raise PolicyError("请至少选择一个标签：带这些标签的会话，回复需审核。")
    if len(names) > MAX_LABELS:
        raise PolicyError(f"最多指定 {MAX_LABELS} 个标签。")
    policy = session.scalar(select(ReviewPolicy).where(ReviewPolicy.account_id == account_id))
    if policy is None:
        policy = ReviewPolicy(account_id=account_id)
        session.add(policy)
    policy.replies = replies
    policy.labels = names
    policy.article_levels = article_levels
    policy.updated_by = by
    policy.seq = next_seq(session)
    session.flush()
    return policy
