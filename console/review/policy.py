"""Which replies wait for a supervisor, per account. An administrator picks one rule (all, none, the
ones the 错敏词 check flagged, the first answer to a new follower, or conversations with given labels),
how many review levels articles pass (三审: 1 to 3), and how many an urgent one (突发/辟谣) passes.

The author cannot side-step any of it: the emergency lane never goes below the account's levels minus
one (an author's urgent mark saves at most one level, and only as far as the administrator allows), a
label that puts replies under review is removed by a reviewer only, and a reply is judged by the
labels its conversation had when it was written as well as by those it has now."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from console.refusal import Forbidden
from console.store.database import next_seq
from console.store.models import Conversation, Direction, Message, ReviewPolicy, SendStatus

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


LABEL_KEPT = "这个标签由审核规则指定，只有审核人员可以移除。"


class PolicyError(ValueError):
    """The policy asked for cannot be kept; the words say what to change."""


def policy_for(session: Session, account_id: int) -> ReviewPolicy:
    """The account's policy, or the default (replies need no review, articles one level), not stored."""
    policy = session.scalar(select(ReviewPolicy).where(ReviewPolicy.account_id == account_id))
    if policy is None:
        policy = ReviewPolicy(
            account_id=account_id, replies="none", labels=[], article_levels=1, urgent_levels=1, seq=0, version=0
        )  # version 0: the default, never stored (the first edit's base)
    return policy


def urgent_floor(article_levels: int) -> int:
    """The fewest levels an urgent article (突发/辟谣) may pass: the account's levels minus one, never
    below 1 (1→1, 2→1, 3→2). An author marking a post urgent saves at most one level."""
    return max(1, int(article_levels) - 1)


def urgent_levels_of(policy: ReviewPolicy) -> int:
    """The levels an urgent article passes under this policy: the administrator's choice, held between
    the floor and the article levels whatever a row written before the floor existed says."""
    levels = min(MAX_LEVELS, max(1, int(policy.article_levels or 1)))
    floor = urgent_floor(levels)
    if policy.urgent_levels is None:
        return floor
    return min(levels, max(floor, int(policy.urgent_levels)))


def levels_for_article(policy: ReviewPolicy, urgent: bool) -> int:
    """How many review levels an article passes: the account's article levels, or the urgent lane's."""
    return urgent_levels_of(policy) if urgent else min(MAX_LEVELS, max(1, int(policy.article_levels or 1)))


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


def _is_level(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def set_policy(
    session: Session,
    account_id: int,
    replies: str,
    labels: list[str],
    article_levels: int,
    by: str,
    urgent_levels: int | None = None,
) -> ReviewPolicy:
    """Create or change the account's policy (an administrator's act; the caller checks the role).
    Without `urgent_levels` the lane keeps its setting, held within the new bounds (a new policy: the
    floor)."""
    if replies not in REPLY_RULES:
        raise PolicyError("不认识这条回复审核规则，请从列表中选择。")
    if not _is_level(article_levels) or not 1 <= article_levels <= MAX_LEVELS:
        raise PolicyError(f"文章审核级数应为 1 到 {MAX_LEVELS} 级（三审即 3 级）。")
    floor = urgent_floor(article_levels)
    if urgent_levels is not None and (not _is_level(urgent_levels) or not floor <= urgent_levels <= article_levels):
        if floor == article_levels:
            raise PolicyError(f"文章按 {article_levels} 级审核时，突发/辟谣也须经 {floor} 级审核。")
        raise PolicyError(
            f"突发/辟谣的审核级数应为 {floor} 到 {article_levels} 级：紧急通道最多少审一级，不能少于 {floor} 级。"
        )
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
    if urgent_levels is None:  # kept, within the new bounds (more review rather than less)
        kept = policy.urgent_levels
        urgent_levels = min(article_levels, max(floor, kept)) if _is_level(kept) else floor
    policy.article_levels = article_levels
    policy.urgent_levels = urgent_levels
    policy.updated_by = by
    policy.version = 1 if policy.id is None else (policy.version or 0) + 1  # the base for the next edit
    policy.seq = next_seq(session)
    session.flush()
    return policy


def check_label_removal(session: Session, conversation: Conversation, removed: list[str], reviewer: bool) -> None:
    """A declared rule for the command path, run before the label handler: labels that put the
    conversation's replies under review (a "labels" policy) are removed by a reviewer (supervisor or
    administrator) only; otherwise an operator could drop the label and answer unreviewed."""
    if reviewer or not removed:
        return
    policy = policy_for(session, conversation.account_id)
    if policy.replies != "labels":
        return
    kept = set(policy.labels or []) & {name for name in (conversation.labels or "").split("|") if name}
    if any(str(name).strip() in kept for name in removed):
        raise Forbidden(LABEL_KEPT)


def labels_for_review(current: list[str], seen_when_written: list[str] | None) -> list[str]:
    """The labels a reply is judged by: those the conversation has now and those the desk saw when the
    reply was written (a desk may add to the set, never take from it), so a label removed between
    writing and sending does not let the reply past review."""
    names = [str(name) for name in current]
    for name in seen_when_written or []:
        name = str(name).strip()
        if name and name not in names:
            names.append(name)
    return names
