"""Review as commands on the hub (applied once by id, like every desk command): an operator's reply
the account's policy holds, and the supervisors' decisions on it — approve (with or without edits),
send back with a comment, and the author's resubmit or withdraw. Who decides is the signed-in
colleague; a step this person may not take is refused as forbidden (the API answers 403)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.review import queue
from console.review.policy import (
    PolicyError,
    first_reply,
    policy_for,
    reply_needs_review,
    set_policy,
    urgent_levels_of,
)
from console.screening import text_hash
from console.store.models import Account, Conversation, ReviewItem, ReviewPolicy, ScreenEvent, Staff

REVIEW_KINDS = ("review_approve", "review_send_back", "review_resubmit", "review_withdraw", "review_policy")


@dataclass(frozen=True)
class Decision:
    item: ReviewItem | None  # None for a change of policy
    result: dict[str, Any]
    send: bool = False  # approved at the last level: the reply goes out now
    action: str = ""  # for the audit log


def hold_reason(
    session: Session,
    conversation: Conversation,
    *,
    reviewer: bool,
    asked: bool,
    hits: list[dict[str, Any]],
    labels: list[str],
) -> str | None:
    """Why this reply must wait for a supervisor, or None. A supervisor's own reply goes; an operator's
    asking for review (a 错敏词 block they cannot fix themselves) always waits."""
    blocked = any(hit.get("blocking") for hit in hits)
    if asked:
        return "经办人申请审核放行（错敏词检查拦截）" if blocked else "经办人申请审核"
    if reviewer:
        return None
    policy = policy_for(session, conversation.account_id)
    return reply_needs_review(
        policy, has_hits=bool(hits), first_reply=first_reply(session, conversation.id), labels=labels
    )


def staff_of(session: Session, staff_id: int | None) -> Staff:
    staff = session.get(Staff, staff_id) if staff_id is not None else None
    if staff is None:
        raise queue.ReviewRefused("审核操作需要先登录。", forbidden=True)
    return staff


def _policy(session: Session, args: dict[str, Any], staff: Staff) -> Decision:
    """An administrator sets which replies of an account wait for review, the article levels and the
    urgent lane's levels (突发/辟谣: between the article levels minus one and the article levels)."""
    appid = str(args.get("account") or "")
    account = session.scalar(select(Account).where(Account.appid == appid))
    if account is None:
        raise queue.ReviewRefused(f"没有公众号 {appid}。", forbidden=False)
    was = _policy_view(policy_for(session, account.id))
    urgent = args.get("urgent_levels")
    try:
        policy = set_policy(
            session,
            account.id,
            str(args.get("replies") or "none"),
            [str(label) for label in args.get("labels") or []],
            int(args.get("article_levels") or 1),
            staff.name,
            urgent_levels=None if urgent is None else int(urgent),  # typed by the kind's schema
        )
    except (PolicyError, ValueError) as exc:
        raise queue.ReviewRefused(str(exc), forbidden=False) from exc
    now_is = _policy_view(policy)
    return Decision(None, {"account": appid, "before": was, "after": now_is}, action="policy_change")


def _policy_view(policy: ReviewPolicy) -> dict[str, Any]:
    return {
        "replies": policy.replies,
        "labels": list(policy.labels or []),
        "article_levels": policy.article_levels,
        "urgent_levels": urgent_levels_of(policy),
    }


def decide(session: Session, kind: str, args: dict[str, Any], staff: Staff, now: datetime) -> Decision:
    if kind == "review_policy":
        return _policy(session, args, staff)
    try:
        item_id = int(args["item_id"])
    except (KeyError, TypeError, ValueError) as exc:
        raise queue.ReviewRefused("没有指明要审核的内容。", forbidden=False) from exc
    if kind == "review_approve":
        edited = args.get("edited_text")
        edited = None if edited is None else str(edited)
        level = args.get("level")
        if level is not None:
            item = queue.approve_level(session, item_id, staff, int(level), now, edited, str(args.get("note") or ""))
        else:
            item = queue.approve(session, item_id, staff, now, edited, str(args.get("note") or ""))
        approval = item.approvals[-1] if item.approvals else {}
        action = "approve_edited" if approval.get("edited") else "approve"
        result = {"item_id": item.id, "state": item.state, "level": approval.get("level")}
        if item.state == queue.APPROVED and item.kind == "reply" and any(h.get("blocking") for h in item.hits):
            # The supervisor's approval is the pass the 错敏词 check asked for: on record as such.
            session.add(
                ScreenEvent(
                    outcome="overridden",
                    what="reply",
                    account_id=item.account_id,
                    conversation_id=item.conversation_id,
                    text_hash=text_hash(item.content),
                    hits=[h for h in item.hits if h.get("blocking")],
                    operator=item.author_name,
                    supervisor=staff.name,
                    reason="审核通过" + (f"：{args.get('note')}" if args.get("note") else ""),
                    created_at=now,
                )
            )
        return Decision(item, result, send=item.state == queue.APPROVED and item.kind == "reply", action=action)
    if kind == "review_send_back":
        item = queue.send_back(session, item_id, staff, str(args.get("comment") or ""), now)
        return Decision(item, {"item_id": item.id, "state": item.state}, action="send_back")
    if kind == "review_resubmit":
        item = queue.resubmit(session, item_id, staff, str(args.get("text") or ""), now)
        return Decision(item, {"item_id": item.id, "state": item.state}, action="resubmit")
    item = queue.withdraw(session, item_id, staff, now)
    return Decision(item, {"item_id": item.id, "state": item.state}, action="withdraw")
