"""The hub's publishing worker: takes approved posts into WeChat's draft box (uploading their pictures
once), publishes (freepublish) or mass-sends (群发) them at their time whether or not any desk is open,
and follows each job to its end (the job-finished event, or polling when the event never came).

Never twice: a post is marked 发布中 in its own committed transaction before WeChat is called. A mass
send carries a client-made `clientmsgid`, so after a crash or a dropped answer the worker asks again
with the same key and WeChat answers with the first send instead of sending another. freepublish has
no such key: when its answer is lost the post waits for a person (待决定) rather than risk a second
publication. A post whose time passed while the hub was down is published late within the account's
grace, otherwise it waits for a person too.

Blocking (database and WeChat API); the hub runs `run_once` in a thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from console.audit import record
from console.publishing import articles as article_rules
from console.publishing.asset_files import LocalAssets
from console.publishing.lifecycle import local_text, new_clientmsgid, quota_refusal
from console.publishing.slots import PlanError, PublishingPlan, late_decision
from console.review import queue as review_queue
from console.store.database import Database, next_seq
from console.store.models import Account, Post, PostState, ReviewItem, WeChatUpload
from console.timeutil import utcnow
from console.wechat.errors import NETWORK_ERROR, WeChatError
from console.wechat.gateway import Gateway

log = logging.getLogger(__name__)

POLL_AFTER = timedelta(seconds=20)  # ask WeChat about a job whose event has not come by then
CLIENTMSGID_DAYS = 1  # WeChat remembers a clientmsgid for 24 hours
# freepublish/get publish_status → what went wrong, in words (0 success, 1 publishing).
PUBLISH_FAILURES = {
    2: "原创声明失败（可能与已有原创文章相同），请去掉原创声明或修改后重新提交。",
    3: "微信常规审核未通过，请检查文中链接、图片和措辞后重新提交。",
    4: "微信平台审核不通过，请修改内容后重新提交。",
    5: "发布成功后被用户删除。",
    6: "发布成功后被系统封禁，请到公众平台查看原因。",
}
UNKNOWN_OUTCOME = (
    "发布请求已发出，但没有收到微信的答复，不能确定是否已经发出。请到公众平台“发表记录”核对："
    "已发出的请不要重复发布；确认没有发出的，点“立即发布”。"
)


@dataclass
class Publisher:
    db: Database
    gateway: Gateway
    assets: LocalAssets
    clock: Callable[[], datetime] = utcnow
    poll_after: timedelta = POLL_AFTER
    # Posts changed by the last run, so the hub can tell desks at once.
    changed: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def run_once(self) -> bool:
        """One pass over everything due; True if any post changed. Passes never overlap."""
        with self._lock:
            self.changed.clear()
            now = self.clock()
            self.recover(now)
            self.prepare(now)
            self.publish_due(now)
            self.poll(now)
            return bool(self.changed)

    # ---- into WeChat's draft box ----

    def prepare(self, now: datetime) -> None:
        with self.db.session() as session:
            ids = session.scalars(select(Post.id).where(Post.state == PostState.APPROVED).order_by(Post.id)).all()
        for post_id in ids:
            self._prepare_one(post_id, now)

    def _prepare_one(self, post_id: int, now: datetime) -> None:
        with self.db.session() as session:
            post = session.get(Post, post_id)
            if post is None or post.state != PostState.APPROVED:
                return
            account = session.get(Account, post.account_id)
            assert account is not None
            appid, items, media_id, expected = (
                account.appid,
                list(post.articles),
                post.wechat_media_id,
                post.content_hash,
            )
            account_id = account.id
        try:
            covers, images = self._upload_assets(appid, account_id, items)
            wechat_articles = article_rules.to_wechat(items, covers, images)
            media_id = self._put_draft(appid, media_id, wechat_articles)
        except WeChatError as exc:
            if exc.errcode == NETWORK_ERROR or exc.errcode == -1:
                log.warning("post %s not yet in WeChat's draft box: %s", post_id, exc)
                self._note(post_id, f"暂时连不上微信，稍后自动重试放入草稿箱。（{exc.reason}）")
                return
            self._fail(post_id, f"放入公众号草稿箱失败：{exc.reason}", now)
            return
        except (article_rules.ArticleError, FileNotFoundError, ValueError) as exc:
            self._fail(post_id, f"放入公众号草稿箱失败：{exc}", now)
            return
        with self.db.session() as session:
            post = session.get(Post, post_id)
            if post is None:
                return
            post.wechat_media_id = media_id
            post.wechat_hash = expected
            if post.state == PostState.APPROVED and post.content_hash == expected:
                post.state = PostState.QUEUED
                post.error_text = None
            post.seq = next_seq(session)
            post.updated_at = now
        self.changed.add(post_id)

    def _upload_assets(
        self, appid: str, account_id: int, items: list[dict[str, Any]]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """Each cover as permanent material, each body picture by uploadimg — once per account."""
        covers: dict[str, str] = {}
        images: dict[str, str] = {}
        cover_refs = {str(item.get("cover") or "") for item in items} - {""}
        for ref in article_rules.asset_refs(items):
            sha = ref.removeprefix("asset:")
            if ref in cover_refs:
                covers[sha] = self._uploaded(appid, account_id, sha, "cover")
            if any(ref in str(item.get("body") or "") for item in items):
                images[sha] = self._uploaded(appid, account_id, sha, "image")
        return covers, images

    def _uploaded(self, appid: str, account_id: int, sha: str, kind: str) -> str:
        with self.db.session() as session:
            row = session.scalar(
                select(WeChatUpload).where(
                    WeChatUpload.account_id == account_id, WeChatUpload.sha256 == sha, WeChatUpload.kind == kind
                )
            )
            if row is not None:
                return (row.media_id or "") if kind == "cover" else row.url
        path = self.assets.path(f"asset:{sha}")
        if path is None:
            raise FileNotFoundError(f"图片 {sha[:8]} 还没有传到服务端，请在编辑图文的电脑上联网后再保存一次。")
        data = path.read_bytes()
        if kind == "cover":
            media_id, url = self.gateway.add_image_material(appid, data, path.name)
        else:
            media_id, url = None, self.gateway.upload_article_image(appid, data, path.name)
        with self.db.session() as session:
            session.add(WeChatUpload(account_id=account_id, sha256=sha, kind=kind, media_id=media_id, url=url))
        return (media_id or "") if kind == "cover" else url

    def _put_draft(self, appid: str, media_id: str | None, articles: list[dict[str, Any]]) -> str:
        """draft/add, or draft/update of the entry already in the box (kept in sync on edit)."""
        if media_id:
            try:
                current = self.gateway.draft_get(appid, media_id)
            except WeChatError as exc:
                if exc.errcode != 40007:
                    raise
                current = []  # gone from the box (deleted in WeChat's pages): make a new one
            if len(current) == len(articles):
                for index, article in enumerate(articles):
                    self.gateway.draft_update(appid, media_id, index, article)
                return media_id
            if current:
                self.gateway.draft_delete(appid, media_id)
        return self.gateway.draft_add(appid, articles)

    # ---- at the time ----

    def publish_due(self, now: datetime) -> None:
        with self.db.session() as session:
            ids = session.scalars(
                select(Post.id)
                .where(Post.state == PostState.QUEUED, Post.scheduled_at.is_not(None), Post.scheduled_at <= now)
                .order_by(Post.urgent.desc(), Post.scheduled_at, Post.id)
            ).all()
        for post_id in ids:
            claim = self._claim(post_id, now)
            if claim is not None:
                self._send(claim, now)

    def _claim(self, post_id: int, now: datetime) -> _Claim | None:
        """Mark the post 发布中 and commit before WeChat hears of it — or decide it is too late."""
        with self.db.session() as session:
            post = session.get(Post, post_id)
            if post is None or post.state != PostState.QUEUED or post.scheduled_at is None:
                return None
            account = session.get(Account, post.account_id)
            assert account is not None
            try:
                plan = PublishingPlan.from_json(account.publishing)
            except PlanError:
                plan = PublishingPlan.from_json(None)
            if late_decision(plan, post.scheduled_at, now) == "ask":
                late = now - post.scheduled_at
                hours = late.total_seconds() / 3600
                post.state = PostState.UNSURE
                post.error_text = (
                    f"原定 {local_text(post.scheduled_at)} 发布，当时服务端没有运行，已晚了约 {hours:.0f} 小时。"
                    "请决定立即发布、改期，或暂不安排。"
                )
                self._bump(session, post, now)
                record(session, "system", "publish_late", f"post:{post.id}", after={"late_hours": round(hours, 1)})
                return None
            if post.mode == "mass":
                refusal = quota_refusal(session, post, account, now, "mass")
                if refusal:
                    post.state = PostState.FAILED
                    post.error_text = f"没有群发：{refusal}"
                    self._bump(session, post, now)
                    return None
                post.clientmsgid = post.clientmsgid or new_clientmsgid()
            # The claim itself is a conditional update: another hub process on the same database that
            # got here first leaves nothing to claim.
            claimed = session.execute(
                update(Post)
                .where(Post.id == post.id, Post.state == PostState.QUEUED)
                .values(state=PostState.PUBLISHING, attempted_at=now, error_text=None, clientmsgid=post.clientmsgid)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                return None
            session.refresh(post)
            self._bump(session, post, now)
            record(session, "system", "publish_start", f"post:{post.id}", after={"mode": post.mode})
            return _Claim(post.id, account.appid, post.mode, str(post.wechat_media_id), post.clientmsgid)

    def _send(self, claim: _Claim, now: datetime) -> None:
        try:
            if claim.mode == "mass":
                sent = self.gateway.mass_send(claim.appid, claim.media_id, str(claim.clientmsgid))
                self._set(claim.post_id, now, msg_id=str(sent.msg_id))
            else:
                publish_id = self.gateway.publish_submit(claim.appid, claim.media_id)
                self._set(claim.post_id, now, publish_id=str(publish_id))
        except WeChatError as exc:
            if exc.errcode in (NETWORK_ERROR, -1):
                if claim.mode == "mass":
                    log.warning("mass send of post %s unanswered; will ask again with its clientmsgid", claim.post_id)
                    return  # recover() asks again with the same key: WeChat never sends twice
                self._unsure(claim.post_id, UNKNOWN_OUTCOME, now)
                return
            self._fail(claim.post_id, f"{'群发' if claim.mode == 'mass' else '发布'}失败：{exc.reason}", now)

    # ---- after a crash or a lost answer ----

    def recover(self, now: datetime) -> None:
        with self.db.session() as session:
            rows = session.execute(
                select(Post.id, Post.mode, Post.attempted_at, Account.appid, Post.wechat_media_id, Post.clientmsgid)
                .join(Account, Account.id == Post.account_id)
                .where(Post.state == PostState.PUBLISHING, Post.msg_id.is_(None), Post.publish_id.is_(None))
            ).all()
        for post_id, mode, attempted_at, appid, media_id, clientmsgid in rows:
            if mode != "mass" or not clientmsgid:
                self._unsure(post_id, UNKNOWN_OUTCOME, now)
                continue
            if attempted_at is not None and now - attempted_at > timedelta(days=CLIENTMSGID_DAYS):
                self._unsure(post_id, UNKNOWN_OUTCOME, now)
                continue
            self._send(_Claim(post_id, appid, "mass", str(media_id), clientmsgid), now)

    # ---- following the job ----

    def poll(self, now: datetime) -> None:
        with self.db.session() as session:
            rows = session.execute(
                select(Post.id, Post.mode, Post.publish_id, Post.msg_id, Account.appid)
                .join(Account, Account.id == Post.account_id)
                .where(Post.state == PostState.PUBLISHING, Post.attempted_at <= now - self.poll_after)
                .where((Post.publish_id.is_not(None)) | (Post.msg_id.is_not(None)))
            ).all()
        for post_id, mode, publish_id, msg_id, appid in rows:
            try:
                if mode == "mass" and msg_id:
                    mass = self.gateway.mass_status(appid, msg_id)
                    if mass == "SEND_SUCCESS":
                        self.finish(post_id, True, [], "", now)
                    elif mass == "SEND_FAIL":
                        self.finish(post_id, False, [], "微信报告群发失败，请到公众平台查看原因。", now)
                elif publish_id:
                    answer = self.gateway.publish_status(appid, publish_id)
                    status = int(answer.get("publish_status", 1))
                    if status == 0:
                        self.finish(post_id, True, publish_urls(answer), "", now)
                    elif status != 1:
                        self.finish(post_id, False, [], PUBLISH_FAILURES.get(status, f"发布失败（状态 {status}）"), now)
            except WeChatError as exc:
                log.warning("could not follow post %s: %s", post_id, exc)

    def finish(self, post_id: int, ok: bool, urls: list[str], why: str, now: datetime) -> None:
        with self.db.session() as session:
            if finish_post(session, session.get(Post, post_id), ok, urls, why, now):
                self.changed.add(post_id)

    # ---- small steps ----

    def _bump(self, session: Any, post: Post, now: datetime) -> None:
        post.updated_at = now
        post.seq = next_seq(session)
        self.changed.add(post.id)

    def _set(self, post_id: int, now: datetime, **values: Any) -> None:
        with self.db.session() as session:
            post = session.get(Post, post_id)
            if post is None:
                return
            for name, value in values.items():
                setattr(post, name, value)
            self._bump(session, post, now)

    def _note(self, post_id: int, text: str) -> None:
        with self.db.session() as session:
            post = session.get(Post, post_id)
            if post is not None and post.error_text != text:
                post.error_text = text
                post.seq = next_seq(session)
                self.changed.add(post_id)

    def _fail(self, post_id: int, text: str, now: datetime) -> None:
        self._stop(post_id, PostState.FAILED, "publish_failed", text, now)

    def _unsure(self, post_id: int, text: str, now: datetime) -> None:
        self._stop(post_id, PostState.UNSURE, "publish_unknown", text, now)

    def _stop(self, post_id: int, state: PostState, action: str, text: str, now: datetime) -> None:
        """The post waits for a person (failed, or outcome unknown), with the reason, on the record."""
        with self.db.session() as session:
            post = session.get(Post, post_id)
            if post is None:
                return
            post.state = state
            post.error_text = text
            self._bump(session, post, now)
            record(session, "system", action, f"post:{post_id}", after={"reason": text})


@dataclass(frozen=True)
class _Claim:
    post_id: int
    appid: str
    mode: str
    media_id: str
    clientmsgid: str | None


def publish_urls(answer: dict[str, Any]) -> list[str]:
    """The article links in a freepublish/get answer or a PUBLISHJOBFINISH event's article_detail."""
    detail = answer.get("article_detail") or {}
    items = detail.get("item") or [] if isinstance(detail, dict) else []
    if isinstance(items, dict):
        items = [items]
    return [str(item.get("article_url")) for item in items if isinstance(item, dict) and item.get("article_url")]


def finish_post(session: Any, post: Post | None, ok: bool, urls: list[str], why: str, now: datetime) -> bool:
    """A job's end, from its event or from polling (whichever comes first; the second changes nothing)."""
    if post is None or post.state != PostState.PUBLISHING:
        return False
    if ok:
        post.state = PostState.PUBLISHED
        post.published_at = now
        post.article_urls = urls or list(post.article_urls or [])
        post.error_text = None
        if post.review_item_id is not None:
            item = session.get(ReviewItem, post.review_item_id)
            if item is not None and item.state == review_queue.APPROVED:
                review_queue.mark_sent(session, item.id, post.id, now)
    else:
        post.state = PostState.FAILED
        post.error_text = why
    post.updated_at = now
    post.seq = next_seq(session)
    record(
        session,
        "system",
        "published" if ok else "publish_failed",
        f"post:{post.id}",
        after={"mode": post.mode, **({"urls": urls} if ok else {"reason": why})},
    )
    return True
