"""What the calendar shows, read from a database (the desk's replica or the hub's): posts in a span of
days, each account's rhythm (days since the last post, empty weekends and holidays ahead, planned gaps)
and what is left of WeChat's 群发 quota on each day. No Qt; the calendar page turns these into cells."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.publishing import quota
from console.publishing.lifecycle import DELETED, MODE_TEXT, STATE_TEXT, quota_refusal
from console.publishing.rhythm import Rhythm, assess
from console.publishing.slots import PlanError, PublishingPlan
from console.store.models import Account, Post, PostState
from console.workcal.holidays import HolidayTable
from console.workcal.hours import from_china, to_china

MOVABLE = {
    PostState.DRAFT,
    PostState.REVIEW,
    PostState.RETURNED,
    PostState.APPROVED,
    PostState.QUEUED,
    PostState.FAILED,
    PostState.UNSURE,
}


@dataclass(frozen=True)
class PostRow:
    id: int
    appid: str
    account_name: str
    account_type: str
    title: str
    state: str
    state_text: str
    mode: str
    mode_text: str
    when: datetime | None  # naive UTC: published_at once out, else scheduled_at
    urgent: bool
    error_text: str | None
    author_name: str
    review_item_id: int | None
    seq: int
    article_urls: list[str]
    articles: list[dict[str, Any]]

    @property
    def movable(self) -> bool:
        return self.state in MOVABLE

    @property
    def local_when(self) -> datetime | None:
        return None if self.when is None else to_china(self.when)


@dataclass(frozen=True)
class AccountPlan:
    appid: str
    name: str
    account_type: str
    plan: PublishingPlan
    rhythm: Rhythm


def _row(post: Post, account: Account) -> PostRow:
    when = post.published_at if post.state == PostState.PUBLISHED and post.published_at else post.scheduled_at
    return PostRow(
        id=post.id,
        appid=account.appid,
        account_name=account.name,
        account_type=account.account_type,
        title=post.title or "（无标题）",
        state=post.state,
        state_text=STATE_TEXT.get(post.state, post.state),
        mode=post.mode,
        mode_text=MODE_TEXT.get(post.mode, post.mode),
        when=when,
        urgent=bool(post.urgent),
        error_text=post.error_text,
        author_name=post.author_name,
        review_item_id=post.review_item_id,
        seq=post.seq,
        article_urls=list(post.article_urls or []),
        articles=list(post.articles or []),
    )


def posts_between(session: Session, first: date, last: date, appid: str | None = None) -> list[PostRow]:
    """Posts planned or published on China dates first..last (inclusive), for one account or all."""
    start = from_china(datetime.combine(first, datetime.min.time()))
    end = from_china(datetime.combine(last + timedelta(days=1), datetime.min.time()))
    query = (
        select(Post, Account)
        .join(Account, Account.id == Post.account_id)
        .where(Post.state != DELETED)
        .where(
            ((Post.scheduled_at >= start) & (Post.scheduled_at < end))
            | ((Post.published_at >= start) & (Post.published_at < end))
        )
    )
    if appid:
        query = query.where(Account.appid == appid)
    rows = [_row(post, account) for post, account in session.execute(query).all()]
    rows = [r for r in rows if r.when is not None and start <= r.when < end]
    return sorted(rows, key=lambda r: (r.when or datetime.min, r.id))


def unplanned(session: Session, appid: str | None = None, limit: int = 200) -> list[PostRow]:
    """Posts not yet on the calendar (drafts and approved posts without a time): the page's side list."""
    query = (
        select(Post, Account)
        .join(Account, Account.id == Post.account_id)
        .where(Post.state.not_in([DELETED, PostState.PUBLISHED]), Post.scheduled_at.is_(None))
        .order_by(Post.urgent.desc(), Post.updated_at.desc())
        .limit(limit)
    )
    if appid:
        query = query.where(Account.appid == appid)
    return [_row(post, account) for post, account in session.execute(query).all()]


def post_row(session: Session, post_id: int) -> PostRow | None:
    post = session.get(Post, post_id)
    if post is None or post.state == DELETED:
        return None
    account = session.get(Account, post.account_id)
    return None if account is None else _row(post, account)


def plan_of(account: Account) -> PublishingPlan:
    try:
        return PublishingPlan.from_json(account.publishing)
    except PlanError:
        return PublishingPlan.from_json(None)


def plan_for(session: Session, appid: str) -> PublishingPlan | None:
    """One account's publishing times as this database has them; None for an account it does not know."""
    account = session.scalar(select(Account).where(Account.appid == appid))
    return None if account is None else plan_of(account)


def plan_version_of(session: Session, appid: str) -> int | None:
    """The version of one account's publishing times as this database has them: the base of an edit."""
    return session.scalar(select(Account.plan_version).where(Account.appid == appid))


def account_plans(session: Session, today: date, table: HolidayTable, horizon_days: int = 14) -> list[AccountPlan]:
    """Every account's rhythm on `today` (China date), from what it published and what is planned.

    The rhythm needs only each account's last post up to today and what is planned from today on, so
    that is all that is read: the database gives the latest date per account, not every post ever."""
    day_start = from_china(datetime.combine(today, datetime.min.time()))
    day_end = day_start + timedelta(days=1)
    posted: dict[int, list[date]] = defaultdict(list)
    planned: dict[int, list[date]] = defaultdict(list)
    last = session.execute(
        select(Post.account_id, func.max(Post.published_at))
        .where(Post.state == PostState.PUBLISHED, Post.published_at < day_end)
        .group_by(Post.account_id)
    ).all()
    for account_id, published_at in last:
        if published_at is not None:
            posted[account_id].append(to_china(published_at).date())
    ahead = session.execute(
        select(Post.account_id, Post.scheduled_at).where(
            Post.state.not_in([DELETED, PostState.FAILED, PostState.PUBLISHED]), Post.scheduled_at >= day_start
        )
    ).all()
    for account_id, scheduled_at in ahead:
        if scheduled_at is not None:
            planned[account_id].append(to_china(scheduled_at).date())
    plans = []
    for account in session.scalars(select(Account).order_by(Account.id)):
        plan = plan_of(account)
        rhythm = assess(
            today=today,
            posted=posted[account.id],
            planned=planned[account.id],
            table=table,
            gap_target_days=plan.gap_target,
            horizon_days=horizon_days,
        )
        plans.append(AccountPlan(account.appid, account.name, account.account_type, plan, rhythm))
    return plans


def mass_moments(session: Session, appid: str | None = None) -> dict[str, list[datetime]]:
    """Per account, each mass send sent or planned (not failed), naive UTC: what the quota counts."""
    query = (
        select(Account.appid, Post.scheduled_at, Post.published_at)
        .join(Account, Account.id == Post.account_id)
        .where(Post.mode == "mass", Post.state.not_in([DELETED, PostState.FAILED]))
    )
    if appid:
        query = query.where(Account.appid == appid)
    out: dict[str, list[datetime]] = defaultdict(list)
    for found, scheduled_at, published_at in session.execute(query).all():
        moment = published_at or scheduled_at
        if moment is not None:
            out[found].append(moment)
    return out


def quota_left(session: Session, appid: str, days: list[date]) -> dict[date, quota.QuotaVerdict]:
    """What is left of the 群发 quota on each China date, for one account."""
    account = session.scalar(select(Account).where(Account.appid == appid))
    if account is None:
        return {}
    moments = mass_moments(session, appid).get(appid, [])
    return {day: quota.left(account.account_type, day, moments) for day in days}


def quota_check(session: Session, post_id: int, when_utc: datetime, mode: str) -> str | None:
    """Why planning this post at `when_utc` would break the quota (as the hub will say), or None:
    the desk asks before it sends the command, so the refusal comes before any call."""
    post = session.get(Post, post_id)
    if post is None or mode != "mass":
        return None
    account = session.get(Account, post.account_id)
    if account is None:
        return None
    return quota_refusal(session, post, account, when_utc, mode)
