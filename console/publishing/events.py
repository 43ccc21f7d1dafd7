"""WeChat's job-finished pushes for publishing: PUBLISHJOBFINISH (freepublish) and MASSSENDJOBFINISH
(群发). They arrive at the account's callback URL like any push and end the post's 发布中 state; the
worker polls for the ones that never arrive (the hub was down, or WeChat gave up)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.publishing.worker import PUBLISH_FAILURES, finish_post, publish_urls
from console.store.models import Post

log = logging.getLogger(__name__)

JOB_EVENTS = ("PUBLISHJOBFINISH", "MASSSENDJOBFINISH")


def apply_job_event(session: Session, account_id: int, fields: dict[str, Any], now: datetime) -> int | None:
    """Apply one job event; the post it finished (None when it is not ours or already finished)."""
    event = str(fields.get("Event") or "")
    if event == "PUBLISHJOBFINISH":
        info = fields.get("PublishEventInfo")
        if not isinstance(info, dict):
            return None
        post = _post(session, account_id, Post.publish_id, info.get("publish_id"))
        try:
            status = int(info.get("publish_status", -1))
        except (TypeError, ValueError):
            return None
        if status == 1:
            return None
        ok = status == 0
        why = "" if ok else PUBLISH_FAILURES.get(status, f"发布失败（状态 {status}）")
        return post.id if post is not None and finish_post(session, post, ok, publish_urls(info), why, now) else None
    if event == "MASSSENDJOBFINISH":
        post = _post(session, account_id, Post.msg_id, fields.get("MsgID") or fields.get("MsgId"))
        words = str(fields.get("Status") or "")
        ok = words.replace(" ", "") == "sendsuccess"
        why = "" if ok else f"微信报告群发失败（{words}），请到公众平台查看原因。"
        return post.id if post is not None and finish_post(session, post, ok, mass_urls(fields), why, now) else None
    return None


def _post(session: Session, account_id: int, column: Any, value: Any) -> Post | None:
    if value in (None, ""):
        return None
    post = session.scalar(select(Post).where(Post.account_id == account_id, column == str(value)))
    if post is None:
        log.info("job event for %s matches no post of account %s", value, account_id)
    return post


def mass_urls(fields: dict[str, Any]) -> list[str]:
    result = fields.get("ArticleUrlResult") or {}
    listing = result.get("ResultList") if isinstance(result, dict) else None
    items = (listing or {}).get("item") if isinstance(listing, dict) else None
    if isinstance(items, dict):
        items = [items]
    return [str(i.get("ArticleUrl")) for i in items or [] if isinstance(i, dict) and i.get("ArticleUrl")]
