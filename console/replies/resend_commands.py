"""`reply_resend` {message_id, confirm: true}: send again a reply whose outcome is unknown
(不确定是否已送达), after the colleague checked that the follower did not get it and confirmed knowing
that the follower may get it twice. The account is the stored reply's, never one a desk names; the
confirmation is part of the arguments, so a desk (or script) cannot resend by accident; the resend and
its link to the original are on the record."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from console.audit import record
from console.commands.registry import EVERYONE, Call, CommandSpec, Target, appid_of, register
from console.commands.schema import Arg, integer, schema
from console.refusal import NotApplicable
from console.replies.sending import resend_audit_detail, resend_unknown
from console.store.models import Conversation, Direction, Message

KIND = "reply_resend"


def _locate(session: Session, args: dict[str, Any], conversation_id: int) -> Target:
    """The reply's own account and conversation, whatever conversation the desk names."""
    message = session.get(Message, int(args["message_id"]))
    if message is None or message.direction != Direction.OUTBOUND:
        raise NotApplicable("找不到这条回复，可能已被删除。")
    conversation = session.get(Conversation, message.conversation_id)
    return Target((appid_of(session, message.account_id),), message, conversation)


def _handle(call: Call) -> dict[str, Any]:
    message_id, confirm = int(call.args["message_id"]), call.args["confirm"]
    original, again = resend_unknown(call.session, message_id, confirm, call.author)  # ReplyRefused: 422
    call.deliver = again.id
    return {"message_id": again.id, "resend_of": original.id}


def _audit(call: Call, result: dict[str, Any]) -> None:
    original = call.session.get(Message, result["resend_of"])
    again = call.session.get(Message, result["message_id"])
    assert original is not None and again is not None
    actor = call.seat.login or "system"
    record(
        call.session, actor, "send", f"conversation:{again.conversation_id}", after=resend_audit_detail(original, again)
    )


SPEC = register(
    CommandSpec(
        kind=KIND,
        roles=EVERYONE,
        locate=_locate,
        schema=schema(
            message_id=integer(required=True, label="回复"),
            confirm=Arg("boolean", required=True, nullable=False, label="确认再次发送"),
        ),
        handler=_handle,
        audit=_audit,
    )
)
