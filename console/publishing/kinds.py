"""Posts as commands, declared. Anyone writes, submits and plans posts of the accounts they hold (the
account is the stored post's; a new post's is the one the desk names); a post is deleted by its author
or a reviewer; only administrators set an account's publishing times. A stale edit of a post is kept as
a 冲突副本 beside the colleague's; a stale delete, or a stale edit of the publishing times, is refused (409).
A post's version is its content version (a review decision such as 退回修改 leaves it alone), the plan's
the account's `plan_version`."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from console.audit import record
from console.commands import schema as s
from console.commands.account_parts import account_part
from console.commands.registry import (
    ADMINISTRATORS,
    EVERYONE,
    Call,
    CommandSpec,
    Target,
    Versioning,
    appid_of,
    known_appid,
    register,
)
from console.publishing import lifecycle
from console.refusal import Forbidden, NotApplicable
from console.review.commands import Decision
from console.review.kinds import DECIDED
from console.store.models import Post

_ACTIONS = {
    "post_save": "post_save",
    "post_submit": "post_submit",
    "post_schedule": "post_schedule",
    "post_publish_now": "publish_now",
    "post_decide": "post_decide",
    "post_delete": "post_delete",
}
MISSING = "找不到这篇图文，可能已被删除。"


def _post_target(required: bool) -> Any:
    def locate(session: Session, args: dict[str, Any], conversation_id: int) -> Target:
        post_id = args.get("post_id")
        post = session.get(Post, post_id) if post_id else None
        if post is not None and post.state == lifecycle.DELETED:
            if required:
                raise NotApplicable(MISSING)
            # Saved after a colleague deleted it: a new draft (冲突副本) in the account it was in, unless named.
            return Target(
                (
                    known_appid(session, args.get("account"))
                    if args.get("account")
                    else appid_of(session, post.account_id),
                )
            )
        if post is None:
            if required:
                raise NotApplicable(MISSING)
            return Target((known_appid(session, args.get("account")),))
        appids: list[str | None] = [appid_of(session, post.account_id)]
        if args.get("account") and args["account"] != appids[0]:
            appids.append(known_appid(session, args["account"]))
        return Target(tuple(appids), post)

    return locate


def _handler(call: Call) -> dict[str, Any]:
    args = {**call.args, "command_id": call.command_id}
    if call.stale:  # the lifecycle keeps a stale edit as a conflicted copy when it sees an old base
        args["base_seq"] = -1
    result = lifecycle.apply(call.session, call.kind, args, call.staff, call.gate, call.now)
    call.wake_publisher = True  # an approved or publish-now post goes to WeChat without waiting
    return result


def _author_or_reviewer(call: Call) -> None:
    post = call.target.row
    if post is not None and post.created_by != call.seat.staff_id and not call.seat.reviewer:
        raise Forbidden("只有撰稿人或审核人可以删除这篇图文。")


def _audit(call: Call, result: dict[str, Any]) -> None:
    """Plans, submissions and deletions of posts are on the record; an urgent one says so, as the
    emergency lane must be accounted for afterwards."""
    actor = call.seat.login or "system"
    if call.kind == "publishing_plan":
        target = f"account:{result.get('account')}"
        record(call.session, actor, "plan_change", target, before=result.get("before"), after=result.get("after"))
        return
    action = _ACTIONS[call.kind]
    if call.kind == "post_submit" and result.get("urgent"):
        action = "urgent_submit"
    keys = ("state", "levels", "before", "after", "mode", "urgent_by", "urgent_at")
    detail: dict[str, Any] = {k: result[k] for k in keys if k in result}
    if call.kind == "post_save":
        articles = call.args.get("articles") or [{}]
        detail = {"title": articles[0].get("title", ""), "conflict": bool(result.get("conflict"))}
    if call.kind == "post_decide":
        detail["decision"] = call.args.get("decision")
    record(call.session, actor, action, f"post:{result.get('post_id')}", after=detail)


def _on_review(call: Call, decision: Decision) -> None:
    if decision.item is not None and decision.item.kind == "article":
        lifecycle.on_review(call.session, decision.item, call.now)


DECIDED.append(_on_review)

_POST = {"post_id": s.integer(label="图文")}
_WHEN = {"scheduled_at": s.text(max_len=64), "mode": s.text(max_len=16)}
_SAVE = s.schema(
    s.BASE,
    s.OVERRIDE,
    _POST,
    _WHEN,
    account=s.text(max_len=64),
    articles=s.objects(max_items=8),
    urgent=s.boolean(),
)
for spec in (
    CommandSpec(
        "post_save",
        EVERYONE,
        _post_target(False),
        _SAVE,
        _handler,
        _audit,
        versioning=Versioning("copy", version=lambda post: int(post.version), what="这篇图文"),
    ),
    CommandSpec(
        "post_submit",
        EVERYONE,
        _post_target(True),
        s.schema(s.OVERRIDE, _POST, urgent=s.boolean()),
        _handler,
        _audit,
    ),
    CommandSpec("post_schedule", EVERYONE, _post_target(True), s.schema(_POST, _WHEN), _handler, _audit),
    CommandSpec(
        "post_publish_now",
        EVERYONE,
        _post_target(True),
        s.schema(_POST, mode=s.text(max_len=16), confirmed_not_published=s.boolean()),
        _handler,
        _audit,
    ),
    CommandSpec(
        "post_decide",
        EVERYONE,
        _post_target(True),
        s.schema(_POST, _WHEN, decision=s.text(max_len=16)),
        _handler,
        _audit,
    ),
    CommandSpec(
        "post_delete",
        EVERYONE,
        _post_target(True),
        s.schema(s.BASE, _POST),
        _handler,
        _audit,
        checks=(_author_or_reviewer,),
        versioning=Versioning("refuse", version=lambda post: int(post.version), what="这篇图文"),
    ),
    CommandSpec(
        "publishing_plan",
        ADMINISTRATORS,
        account_part(),
        s.schema(s.BASE, account=s.text(required=True, max_len=64), plan=s.obj(required=True)),
        _handler,
        _audit,
        versioning=Versioning("refuse", version=lambda account: int(account.plan_version), what="这个公众号的发布时段"),
    ),
):
    register(spec)
