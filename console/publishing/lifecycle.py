"""What staff do to a post (图文消息), as commands the hub applies once by their client-made id: save a
draft, submit it for review (or through the emergency lane), plan it on the calendar, publish an approved
post now, decide about a post whose time passed while the hub was down, delete a draft; and set an
account's publishing times (an administrator).

The hub, not the desk, is the judge: a plan past WeChat's 群发 quota is refused here whatever the desk
showed, an edit made from an older version than the hub holds is kept as a conflicted copy, and editing
an approved post sends it back through review (what supervisors approved is what goes out).

All functions work in the caller's transaction and bump `seq` on every post they change. A post's content
`version` moves only when its content is saved (post_save) — never by submitting, a review decision
(退回修改 included), planning or publishing — so the author's next save from the version the last answer
gave never meets itself; an account's publishing plan has its own `plan_version`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.publishing import articles as article_rules
from console.publishing.html import clean_html
from console.publishing.quota import check_mass
from console.publishing.slots import PlanError, PublishingPlan
from console.refusal import NotApplicable
from console.review import queue as review_queue
from console.review.policy import levels_for_article, policy_for
from console.screening.gate import ScreenGate
from console.store.database import next_seq
from console.store.models import Account, Post, PostState, Staff
from console.timeutil import iso, parse_iso
from console.workcal.hours import to_china

POST_KINDS = (
    "post_save",
    "post_submit",
    "post_schedule",
    "post_publish_now",
    "post_decide",
    "post_delete",
    "publishing_plan",
)
MODES = ("publish", "mass")
CONFLICT_SUFFIX = "（冲突副本）"
MAX_BODY_BYTES = 1_000_000
DELETED = "deleted"
# States where the content may still change (an edit of an approved post goes back through review).
EDITABLE = {PostState.DRAFT, PostState.RETURNED, PostState.REVIEW, PostState.APPROVED, PostState.QUEUED}
EDITABLE |= {PostState.FAILED}
# States that may be planned on the calendar (moved by drag).
PLANNABLE = EDITABLE | {PostState.UNSURE}
STATE_TEXT = {
    PostState.DRAFT: "草稿",
    PostState.REVIEW: "审核中",
    PostState.RETURNED: "退回修改",
    PostState.APPROVED: "审核通过",
    PostState.QUEUED: "已进草稿箱",
    PostState.PUBLISHING: "发布中",
    PostState.PUBLISHED: "已发布",
    PostState.FAILED: "失败",
    PostState.UNSURE: "待决定",
    DELETED: "已删除",
}
MODE_TEXT = {"publish": "发布", "mass": "群发"}


class PostRefused(NotApplicable):
    """The step cannot be taken. `forbidden` True: this person may not (the hub answers 403)."""


Handler = Callable[[Session, dict[str, Any], Staff, ScreenGate, datetime], dict[str, Any]]


def apply(session: Session, kind: str, args: dict[str, Any], staff: Staff, gate: ScreenGate, now: datetime) -> dict:
    """Apply one post command; the answer is what the desk shows (and the audit log keeps)."""
    return HANDLERS[kind](session, args, staff, gate, now)


# ---- reading the arguments ----


def _post(session: Session, args: dict[str, Any], staff: Staff) -> Post:
    try:
        post_id = int(args["post_id"])
    except (KeyError, TypeError, ValueError) as exc:
        raise PostRefused("没有指明是哪一篇图文。") from exc
    post = session.get(Post, post_id)
    if post is None or post.state == DELETED:
        raise PostRefused("找不到这篇图文，可能已被删除。")
    _check_account(session, staff, post.account_id)
    return post


def _check_account(session: Session, staff: Staff, account_id: int) -> Account:
    """The post's account (who may work on it was settled by the command path, console.publishing.kinds)."""
    account = session.get(Account, account_id)
    if account is None:
        raise PostRefused("找不到这个公众号。")
    return account


def _account_of(session: Session, appid: Any, staff: Staff) -> Account:
    account = session.scalar(select(Account).where(Account.appid == str(appid or "")))
    if account is None:
        raise PostRefused(f"没有公众号 {appid}，请先登记这个账号。")
    return _check_account(session, staff, account.id)


def _mode(value: Any) -> str:
    mode = str(value or "publish")
    if mode not in MODES:
        raise PostRefused("发布方式只能是“发布”或“群发”。")
    return mode


def _when(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return parse_iso(str(value))
    except ValueError as exc:
        raise PostRefused("计划时间看不懂，请重新选择日期和时间。") from exc


def _touch(session: Session, post: Post, staff: Staff, now: datetime) -> None:
    post.updated_by = staff.name
    post.updated_at = now
    post.seq = next_seq(session)


def local_text(moment: datetime) -> str:
    local = to_china(moment)
    return f"{local.month}月{local.day}日 {local:%H:%M}"


# ---- a draft's articles ----

_TEXT_FIELDS = {"title": 64, "author": 8, "digest": 120, "cover": 80, "source_url": 500}


def draft_articles(raw: Any) -> list[dict[str, Any]]:
    """A draft's articles in their stored shape. Lenient — an unfinished draft is kept as it is (the
    strict check, `articles.clean_articles`, comes at submission) — but never more than WeChat takes."""
    if not isinstance(raw, list) or not raw:
        raise PostRefused("图文里至少要有一篇文章。")
    if len(raw) > article_rules.MAX_ARTICLES:
        raise PostRefused(f"一条图文最多 {article_rules.MAX_ARTICLES} 篇文章。")
    items: list[dict[str, Any]] = []
    for n, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            raise PostRefused(f"第 {n} 篇文章的格式不对。")
        item = article_rules.blank_article()
        for name, limit in _TEXT_FIELDS.items():
            item[name] = str(entry.get(name) or "")[: limit * 4]
        body = str(entry.get("body") or "")
        if len(body) > MAX_BODY_BYTES:
            raise PostRefused(f"第 {n} 篇文章正文太长（超过 1 MB），请删减或拆成几篇。")
        item["body"] = clean_html(body) if body else ""
        item["original"] = bool(entry.get("original"))
        item["comments"] = bool(entry.get("comments", True))
        items.append(item)
    return items


# ---- quota ----


def quota_refusal(session: Session, post: Post, account: Account, when: datetime | None, mode: str) -> str | None:
    """Why planning this post as a mass send at `when` would break WeChat's 群发 limit, or None."""
    if mode != "mass" or when is None:
        return None
    others = session.execute(
        select(Post.scheduled_at, Post.published_at).where(
            Post.account_id == account.id,
            Post.mode == "mass",
            Post.id != (post.id or 0),
            Post.state.not_in([PostState.FAILED, DELETED]),
        )
    ).all()
    moments = [m for m in (published or scheduled for scheduled, published in others) if m is not None]
    verdict = check_mass(account.account_type, when, moments)
    return None if verdict.ok else verdict.reason


# ---- the commands ----


def _save(session: Session, args: dict[str, Any], staff: Staff, gate: ScreenGate, now: datetime) -> dict[str, Any]:
    """Keep a draft (new or edited). A draft may hold anything; the checks that stop it come at submit."""
    items = draft_articles(args.get("articles"))
    post = session.get(Post, int(args["post_id"])) if args.get("post_id") else None
    answer: dict[str, Any] = {}
    copy_of: int | None = None
    if post is not None and post.state != DELETED:
        _check_account(session, staff, post.account_id)
        if post.state not in EDITABLE:
            raise PostRefused(f"这篇图文{STATE_TEXT.get(post.state, post.state)}，不能再修改；如需更正请新建一篇。")
        base = args.get("base_version", args.get("base_seq"))
        if base is not None and int(base) != post.version:
            # A colleague changed it since this desk last saw it: keep both, never overwrite theirs.
            answer["conflict"] = True
            answer["conflict_with"] = post.updated_by or "同事"
            copy_of = post.account_id
            post = None
            title_suffix = CONFLICT_SUFFIX
        else:
            title_suffix = ""
    else:
        title_suffix = ""
        if post is not None:  # deleted by a colleague while this was being written: keep it as a new draft
            answer["conflict"] = True
            answer["conflict_with"] = post.updated_by or "同事"
            title_suffix = CONFLICT_SUFFIX
            if not args.get("account"):  # in the account it was in
                copy_of = post.account_id
        post = None
    if post is None:
        if copy_of is not None:
            account = _check_account(session, staff, copy_of)
        else:
            account = _account_of(session, args.get("account"), staff)
        post = Post(
            account_id=account.id,
            state=PostState.DRAFT,
            author_name=staff.name,
            created_by=staff.id,
            created_at=now,
            articles=[],
            article_urls=[],
        )
        if title_suffix:
            items = [{**items[0], "title": (items[0].get("title", "") + title_suffix)[:64]}, *items[1:]]
        session.add(post)
    new_hash = article_rules.content_hash(items)
    changed = new_hash != post.content_hash
    post.articles = items
    post.title = article_rules.lead_title(items)[:100]
    post.content_hash = new_hash
    if "mode" in args:
        post.mode = _mode(args.get("mode"))
    _mark_urgent(post, args, staff, now)
    if changed and post.state in (PostState.REVIEW, PostState.APPROVED, PostState.QUEUED, PostState.FAILED):
        # What supervisors approved is what goes out: a changed text goes back through review.
        _withdraw_review(session, post, now, "撰稿人修改了内容")
        post.state = PostState.DRAFT
        answer["back_to_draft"] = True
    if "scheduled_at" in args and post.id is None:
        when = _when(args.get("scheduled_at"))
        refusal = quota_refusal(session, post, session.get(Account, post.account_id), when, post.mode)
        if refusal:
            raise PostRefused(refusal)
        post.scheduled_at = when
    post.version = (post.version or 0) + 1 if post.id is not None else 1
    _touch(session, post, staff, now)
    session.flush()
    hits = gate.hits(article_rules.plain_text(items))
    answer.update({"post_id": post.id, "state": post.state, "seq": post.seq, "version": post.version, "hits": hits})
    return answer


def _withdraw_review(session: Session, post: Post, now: datetime, why: str) -> None:
    if post.review_item_id is None:
        return
    item = session.get(review_queue.ReviewItem, post.review_item_id)
    if item is not None and item.state in (review_queue.PENDING, review_queue.APPROVED):
        item.state = review_queue.RETURNED
        item.comment = why
        item.updated_at = now
        item.seq = next_seq(session)
    post.review_item_id = None


def _submit(session: Session, args: dict[str, Any], staff: Staff, gate: ScreenGate, now: datetime) -> dict[str, Any]:
    """Into the review queue: the account's article levels, or for an urgent post (突发/辟谣) the fewest
    the policy allows, first in every supervisor's queue."""
    post = _post(session, args, staff)
    if post.state not in (PostState.DRAFT, PostState.RETURNED, PostState.FAILED):
        raise PostRefused(f"这篇图文{STATE_TEXT.get(post.state, post.state)}，不需要再提交审核。")
    try:
        items = article_rules.clean_articles(post.articles)
    except article_rules.ArticleError as exc:
        raise PostRefused(str(exc)) from exc
    text = article_rules.plain_text(items)
    gate.check(session, text, "article", args.get("override"), account_id=post.account_id)
    _mark_urgent(post, args, staff, now)
    if post.urgent and post.urgent_by is None:  # marked before marks were kept: the submitter takes it on
        post.urgent_by, post.urgent_at = staff.name, now
    levels = levels_for_article(policy_for(session, post.account_id), bool(post.urgent))
    item = review_queue.hold_article(
        session, post.account_id, post.id, staff, text, levels, str(args.get("command_id") or "") or None, now
    )
    item.urgent = bool(post.urgent)
    if post.urgent:
        item.reason = f"突发/辟谣，紧急审核（{review_queue.LEVEL_WORDS[levels]}）"
    post.review_item_id = item.id
    post.state = PostState.REVIEW
    post.error_text = None
    _touch(session, post, staff, now)
    answer: dict[str, Any] = {
        "post_id": post.id,
        "state": post.state,
        "review_item": item.id,
        "levels": levels,
        "urgent": post.urgent,
    }
    if post.urgent:  # for the audit entry: who took the emergency lane, and when
        answer.update({"urgent_by": post.urgent_by, "urgent_at": iso(post.urgent_at)})
    return answer


def _mark_urgent(post: Post, args: dict[str, Any], staff: Staff, now: datetime) -> None:
    """Set or clear the urgent mark (突发/辟谣) as the command asks, keeping who set it and when: the
    signed-in colleague, whatever the desk sends."""
    if "urgent" not in args:
        return
    urgent = bool(args.get("urgent"))
    if urgent and not post.urgent:
        post.urgent_by, post.urgent_at = staff.name[:100], now
    elif not urgent:
        post.urgent_by, post.urgent_at = None, None
    post.urgent = urgent


def _schedule(session: Session, args: dict[str, Any], staff: Staff, gate: ScreenGate, now: datetime) -> dict[str, Any]:
    """Plan (or move, or unplan) a post: re-checks WeChat's 群发 quota and says what review still needs."""
    post = _post(session, args, staff)
    if post.state not in PLANNABLE:
        raise PostRefused(f"这篇图文{STATE_TEXT.get(post.state, post.state)}，不能再改时间。")
    account = _check_account(session, staff, post.account_id)
    when = _when(args.get("scheduled_at"))
    mode = _mode(args.get("mode", post.mode))
    if when is not None and when < now - timedelta(minutes=1):
        raise PostRefused(f"{local_text(when)} 已经过去了，请选择以后的时间；要马上发出请用“立即发布”。")
    refusal = quota_refusal(session, post, account, when, mode)
    if refusal:
        raise PostRefused(refusal)
    before = iso(post.scheduled_at)
    post.scheduled_at = when
    post.mode = mode
    if post.state == PostState.UNSURE:
        post.state = (
            PostState.QUEUED if post.wechat_media_id and post.wechat_hash == post.content_hash else (PostState.APPROVED)
        )
        post.error_text = None
    _touch(session, post, staff, now)
    answer: dict[str, Any] = {"post_id": post.id, "before": before, "after": iso(when), "mode": mode}
    if when is not None and post.state in (PostState.DRAFT, PostState.RETURNED, PostState.REVIEW, PostState.FAILED):
        answer["warning"] = "这篇图文还没有审核通过；到时仍未通过的不会发出，请及时提交审核。"
    return answer


def _publish_now(
    session: Session, args: dict[str, Any], staff: Staff, gate: ScreenGate, now: datetime
) -> dict[str, Any]:
    """An approved post goes out at once (the hub's worker takes it within seconds)."""
    post = _post(session, args, staff)
    if post.state not in (PostState.APPROVED, PostState.QUEUED, PostState.UNSURE):
        raise PostRefused(f"这篇图文{STATE_TEXT.get(post.state, post.state)}，只有审核通过的图文才能立即发布。")
    account = _check_account(session, staff, post.account_id)
    mode = _mode(args.get("mode", post.mode))
    refusal = quota_refusal(session, post, account, now, mode)
    if refusal:
        raise PostRefused(refusal)
    if post.state == PostState.UNSURE and post.publish_id is None and post.attempted_at is not None:
        if not args.get("confirmed_not_published"):
            raise PostRefused(
                "上次发布请求没有收到微信的答复，可能已经发出。请先到公众平台“发表记录”核对，确认没有发出后再立即发布。"
            )
    post.mode = mode
    post.scheduled_at = now
    post.state = (
        PostState.QUEUED if post.wechat_media_id and post.wechat_hash == post.content_hash else PostState.APPROVED
    )
    post.attempted_at = None
    post.error_text = None
    if mode == "mass":
        post.clientmsgid = None  # a fresh send, decided by a person: a new key
    _touch(session, post, staff, now)
    return {"post_id": post.id, "state": post.state, "urgent": post.urgent}


def _decide(session: Session, args: dict[str, Any], staff: Staff, gate: ScreenGate, now: datetime) -> dict[str, Any]:
    """For a post the hub could not publish on time (待决定): publish now, move it, or keep it unplanned."""
    post = _post(session, args, staff)
    if post.state != PostState.UNSURE:
        raise PostRefused("这篇图文不需要决定。")
    decision = str(args.get("decision") or "")
    if decision == "publish_now":
        return _publish_now(session, args, staff, gate, now)
    if decision == "reschedule":
        return _schedule(session, args, staff, gate, now)
    if decision == "unplan":
        return _schedule(session, {**args, "scheduled_at": None}, staff, gate, now)
    raise PostRefused("请选择：立即发布、改期，或暂不安排。")


def _delete(session: Session, args: dict[str, Any], staff: Staff, gate: ScreenGate, now: datetime) -> dict[str, Any]:
    post = _post(session, args, staff)
    if post.state in (PostState.PUBLISHING, PostState.PUBLISHED):
        raise PostRefused("已发出或正在发出的图文不能删除。")
    _withdraw_review(session, post, now, "图文已删除")
    post.state = DELETED
    post.scheduled_at = None
    _touch(session, post, staff, now)
    return {"post_id": post.id, "state": post.state}


def _plan(session: Session, args: dict[str, Any], staff: Staff, gate: ScreenGate, now: datetime) -> dict[str, Any]:
    """An administrator sets an account's publishing times (发布时段), its gap target and what the hub does
    with a send it missed; the calendar places dropped posts and the rhythm judges gaps by them."""
    account = _account_of(session, args.get("account"), staff)
    try:
        plan = PublishingPlan.from_json(args.get("plan") or {})
    except PlanError as exc:
        raise PostRefused(f"发布时段设置有误：{exc}") from exc
    before = account.publishing or None
    account.publishing = plan.to_json()
    account.plan_version = (account.plan_version or 0) + 1
    account.seq = next_seq(session)
    return {
        "account": account.appid,
        "before": before,
        "after": account.publishing,
        "plan": plan.describe(),
        "version": account.plan_version,
    }


HANDLERS: dict[str, Handler] = {
    "post_save": _save,
    "post_submit": _submit,
    "post_schedule": _schedule,
    "post_publish_now": _publish_now,
    "post_decide": _decide,
    "post_delete": _delete,
    "publishing_plan": _plan,
}


# ---- review's decisions reach the post ----


def on_review(session: Session, item: review_queue.ReviewItem, now: datetime) -> None:
    """Called after a review decision on an article: approved → ready for WeChat's draft box; sent back
    or withdrawn → the author's again."""
    if item.kind != "article" or item.target_id is None:
        return
    post = session.get(Post, item.target_id)
    if post is None or post.review_item_id != item.id:
        return
    if item.state == review_queue.APPROVED:
        post.state = PostState.APPROVED
    elif item.state == review_queue.RETURNED:
        post.state = PostState.RETURNED
        post.error_text = item.comment
    else:
        return
    post.updated_at = now
    post.seq = next_seq(session)


def new_clientmsgid() -> str:
    return uuid.uuid4().hex
