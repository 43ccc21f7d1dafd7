"""Review as commands, declared. Supervisors and administrators decide on items of the accounts they
hold (the account is the item's, never one a desk names); authors resubmit or withdraw their own; only
administrators set an account's policy. A decision on an article reaches the post through the hooks the
publishing feature adds to `DECIDED`; an approved reply goes out from here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from console.audit import record
from console.commands import schema as s
from console.commands.registry import (
    ADMINISTRATORS,
    EVERYONE,
    REVIEWERS,
    Call,
    CommandSpec,
    Target,
    Versioning,
    appid_of,
    known_appid,
    register,
)
from console.outbound import new_reply
from console.refusal import NotApplicable
from console.review import queue
from console.review.commands import Decision, decide
from console.review.policy import policy_for
from console.store.models import Account, Conversation, ConversationStatus, ReviewItem, ReviewPolicy

# Called after every decision on an item, inside the command's transaction (publishing adds its own).
DECIDED: list[Callable[[Call, Decision], None]] = []


def _item_target(session: Session, args: dict[str, Any], conversation_id: int) -> Target:
    item = session.get(ReviewItem, args["item_id"])
    if item is None:
        raise NotApplicable("找不到这条审核内容，可能已被删除。")
    return Target((appid_of(session, item.account_id),), item)


def _policy_target(session: Session, args: dict[str, Any], conversation_id: int) -> Target:
    appid = known_appid(session, args.get("account"))
    account_id = session.query(Account.id).filter(Account.appid == appid).scalar()
    row = session.query(ReviewPolicy).filter(ReviewPolicy.account_id == account_id).one_or_none()
    # An account without a stored policy has the default, version 0: the first edit names it as its base too,
    # so two administrators setting a new account's policy at once cannot silently overwrite each other.
    return Target((appid,), row if row is not None else policy_for(session, account_id))


def _decide(call: Call) -> dict[str, Any]:
    decision = decide(call.session, call.kind, call.args, call.staff, call.now)
    result = dict(decision.result)
    for hook in DECIDED:
        hook(call, decision)
    item = decision.item
    if decision.send and item is not None and item.conversation_id is not None:
        conversation = call.session.get(Conversation, item.conversation_id)
        if conversation is None:
            raise NotApplicable("找不到这条回复的会话，可能已被删除。")
        message = new_reply(call.session, conversation, item.content, None, item.author_name)
        if conversation.status in (ConversationStatus.NEW, ConversationStatus.SNOOZED, ConversationStatus.REVIEW):
            conversation.status = ConversationStatus.OPEN
        conversation.seq = message.seq
        queue.mark_sent(call.session, item.id, message.id, call.now)
        call.deliver = message.id
        result["message_id"] = message.id
    call.wake_publisher = True  # an approved post may go to WeChat at once
    result["action"] = decision.action
    if call.kind == "review_policy" and call.target.row is not None:  # the base for the desk's next edit
        account_id = call.target.row.account_id
        result["version"] = policy_for(call.session, account_id).version
    return result


def _audit(call: Call, result: dict[str, Any]) -> None:
    actor = call.seat.login or "system"
    if call.kind == "review_policy":
        record(
            call.session,
            actor,
            "policy_change",
            f"policy:{result.get('account')}",
            before=result.get("before"),
            after=result.get("after"),
        )
        return
    detail = {k: call.args[k] for k in ("edited_text", "comment", "note", "text") if call.args.get(k)}
    if result.get("level") is not None:
        detail["level"] = result["level"]
    record(call.session, actor, str(result.get("action") or call.kind), f"review:{result.get('item_id')}", after=detail)


_ITEM = {"item_id": s.integer(required=True, label="审核内容")}

for spec in (
    CommandSpec(
        "review_approve",
        REVIEWERS,
        _item_target,
        s.schema(_ITEM, edited_text=s.text(max_len=20_000), level=s.integer(), note=s.text(max_len=2000)),
        _decide,
        _audit,
    ),
    CommandSpec(
        "review_send_back", REVIEWERS, _item_target, s.schema(_ITEM, comment=s.text(max_len=2000)), _decide, _audit
    ),
    CommandSpec(
        "review_resubmit", EVERYONE, _item_target, s.schema(_ITEM, text=s.text(max_len=1_000_000)), _decide, _audit
    ),
    CommandSpec("review_withdraw", EVERYONE, _item_target, s.schema(_ITEM), _decide, _audit),
    CommandSpec(
        "review_policy",
        ADMINISTRATORS,
        _policy_target,
        s.schema(
            s.BASE,
            account=s.text(required=True, max_len=64),
            replies=s.text(max_len=32),
            labels=s.texts(max_items=50, max_len=64),
            article_levels=s.integer(),
            urgent_levels=s.integer(),
        ),
        _decide,
        _audit,
        versioning=Versioning("refuse", version=lambda policy: int(policy.version), what="这个公众号的审核规则"),
    ),
):
    register(spec)
