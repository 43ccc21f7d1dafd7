"""The demo's publishing history and plan: what each account published over the last weeks (so the
calendar's rhythm alarms have something real to judge — one account near the inspection's two-week
line), and the coming posts in every state, among them an urgent rebuttal (辟谣) waiting for review."""

from __future__ import annotations

import struct
import zlib
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from console.publishing.articles import blank_article, content_hash
from console.store.database import Database, next_seq
from console.store.models import Account, Post, PostState, Staff
from console.workcal.hours import from_china, to_china

# (days ago, China time, title) per account, newest last. The third account's last post is 12 days old.
HISTORY: dict[int, list[tuple[int, str, str]]] = {
    0: [
        (9, "08:00", "我县召开2026年冬季安全生产工作会议"),
        (6, "08:00", "县城区供暖管网检修完成，今起全面供暖"),
        (3, "10:00", "“我们的节日”迎新春文化惠民活动报名开始"),
        (1, "08:00", "关于做好冬季道路交通安全的提示"),
    ],
    1: [
        (15, "08:00", "2026年度城乡居民养老保险集中缴费通知"),
        (8, "08:00", "灵活就业人员参保登记指南"),
        (4, "08:00", "县人社局冬季专场招聘会岗位信息"),
    ],
    2: [
        (20, "08:00", "医保电子凭证激活使用指南"),
        (12, "08:00", "2027年度城乡居民医保集中缴费开始"),
    ],
}
# (days ahead, China time, title, state, mode, urgent) per account.
PLAN: dict[int, list[tuple[int, str, str, str, str, bool]]] = {
    0: [
        (1, "08:00", "县政务服务中心元旦假期办公安排", PostState.APPROVED, "publish", False),
        (2, "08:00", "寒假学生安全教育提示", PostState.REVIEW, "mass", False),
        (4, "10:00", "周末文化活动预告", PostState.DRAFT, "publish", False),
    ],
    1: [
        (3, "08:00", "社保卡线上办理流程图解", PostState.APPROVED, "mass", False),
    ],
    2: [],
}
UNPLANNED = [(0, "辟谣：网传“医保卡余额年底清零”不实", PostState.REVIEW, True)]


def cover_png() -> bytes:
    """A small real PNG (a blue band) to stand for the demo's cover pictures."""
    width, height = 90, 40
    rows = b"".join(b"\x00" + bytes([30, 111, 235]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _article(title: str, author: str, cover: str) -> dict:
    article = blank_article()
    article.update(
        {
            "title": title,
            "author": author,
            "cover": cover,
            "body": f"<p>{title}。</p><p>详情请咨询县政务服务中心，电话 0000-1234567。</p>",
        }
    )
    return article


def seed_posts(db: Database, now: datetime, cover: str) -> list[tuple[int, bool]]:
    """Insert the demo's posts (nothing if posts exist). Returns the (post id, urgent) of those the
    caller should submit for review, as an operator would."""
    today = to_china(now).date()
    made = 0
    to_submit: list[tuple[int, bool]] = []
    with db.session() as session:
        if session.scalar(select(Post.id).limit(1)) is not None:
            return []
        accounts = list(session.scalars(select(Account).order_by(Account.id)))
        author = session.scalar(select(Staff).where(Staff.login == "seat-demo0003"))
        author_name = author.name if author is not None else "张敏"

        def add(account: Account, title: str, state: str, mode: str, when: datetime | None, urgent: bool) -> None:
            nonlocal made
            articles = [_article(title, account.name[:8], cover)]
            post = Post(
                account_id=account.id,
                title=title,
                articles=articles,
                content_hash=content_hash(articles),
                mode=mode,
                urgent=urgent,
                state=PostState.DRAFT if state == PostState.REVIEW else state,
                author_name=author_name,
                created_by=author.id if author is not None else None,
                article_urls=[],
                created_at=now,
                updated_at=now,
                seq=next_seq(session),
            )
            if state == PostState.PUBLISHED:
                post.published_at = when
                post.article_urls = [f"https://mp.weixin.qq.com/s/demo{account.id}{made:04d}"]
            else:
                post.scheduled_at = when
            session.add(post)
            session.flush()
            if state == PostState.REVIEW:
                to_submit.append((post.id, urgent))
            made += 1

        def at(day: date, clock: str) -> datetime:
            hour, minute = (int(part) for part in clock.split(":"))
            return from_china(datetime.combine(day, time(hour, minute)))

        for index, account in enumerate(accounts):
            for days_ago, clock, title in HISTORY.get(index, []):
                add(account, title, PostState.PUBLISHED, "mass", at(today - timedelta(days=days_ago), clock), False)
            for ahead, clock, title, state, mode, urgent in PLAN.get(index, []):
                add(account, title, state, mode, at(today + timedelta(days=ahead), clock), urgent)
        for index, title, state, urgent in UNPLANNED:
            if index < len(accounts):
                add(accounts[-1], title, state, "publish", None, urgent)
    return to_submit
