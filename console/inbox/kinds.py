"""The conversation commands, declared: every role works on conversations of the accounts they hold; the
account is the conversation's, never one a desk names. Labels a review policy names are removed only by
a reviewer (console.review.policy.check_label_removal)."""

from __future__ import annotations

from typing import Any

from console.audit import record
from console.commands import schema as s
from console.commands.registry import EVERYONE, Call, CommandSpec, by_conversation, register
from console.inbox import commands
from console.review.policy import check_label_removal


def _audit_reply(call: Call, result: dict[str, Any]) -> None:
    actor = call.seat.login or "system"
    target = f"conversation:{call.conversation_id}"
    for event in call.gate.passed:
        record(call.session, actor, "override", target, reason=event.reason, hits=event.hits)
    action = "hold" if "held" in result else "send"
    after = {"text": call.args.get("content"), **({"reason": result["reason"]} if "held" in result else {})}
    record(call.session, actor, action, target, after=after)


def _labels_removal(call: Call) -> None:
    check_label_removal(call.session, call.conversation, list(call.args.get("remove") or []), call.seat.reviewer)


_REPLY = s.schema(
    s.OVERRIDE,
    content=s.text(required=True, max_len=20_000, label="回复内容"),
    after_message_id=s.integer(),
    take_over=s.boolean(),
    submit_for_review=s.boolean(),
    review_item=s.integer(),
    labels_seen=s.texts(max_items=50, max_len=64),
)

for spec in (
    CommandSpec("reply", EVERYONE, by_conversation, _REPLY, commands.reply_or_hold, _audit_reply),
    CommandSpec("status", EVERYONE, by_conversation, s.schema(status=s.text(required=True)), commands.set_status, None),
    CommandSpec("assign", EVERYONE, by_conversation, s.schema(staff_id=s.integer()), commands.assign, None),
    CommandSpec(
        "labels",
        EVERYONE,
        by_conversation,
        s.schema(add=s.texts(max_items=20, max_len=64), remove=s.texts(max_items=20, max_len=64)),
        commands.set_labels,
        None,
        checks=(_labels_removal,),
    ),
    CommandSpec(
        "note", EVERYONE, by_conversation, s.schema(body=s.text(required=True, max_len=20_000)), commands.add_note, None
    ),
    CommandSpec(
        "snooze",
        EVERYONE,
        by_conversation,
        s.schema(until=s.text(max_len=64), until_reply=s.boolean()),
        commands.snooze,
        None,
    ),
):
    register(spec)
