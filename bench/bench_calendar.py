"""How long the calendar takes to read what it shows, on a large office's history.

Data: 30 accounts, two years of posts (one a day each, every fifth a mass send): 21,900 posts in a real
SQLite file. Measured: one month's posts (`posts_between`), every account's rhythm (`account_plans`,
which scans each account's dates) and one account's quota for the 42 days of the month grid
(`quota_left`) — what one calendar refresh reads. Baseline in the same process: load every post through
the ORM and pick the month's in Python, as a first version might.

    .venv/bin/python bench/bench_calendar.py [--accounts 30] [--days 730]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from console.publishing import board
from console.store.database import open_database
from console.store.models import Account, Post, PostState
from console.workcal.holidays import HolidayTable
from console.workcal.hours import to_china


def seed(db, accounts: int, days: int, today: date) -> int:
    with db.session() as session:
        for n in range(accounts):
            kind = "service" if n % 3 else "subscription"
            session.add(Account(appid=f"wxbench{n:011d}", name=f"账号{n}", account_type=kind, seq=0))
        session.flush()
        ids = list(session.scalars(select(Account.id)))
        rows = []
        start = datetime.combine(today - timedelta(days=days - 30), datetime.min.time())
        for account_id in ids:
            for d in range(days):
                when = start + timedelta(days=d, hours=0)
                past = when.date() < today
                rows.append(
                    {
                        "account_id": account_id,
                        "title": f"第{d}天的图文",
                        "articles": [],
                        "mode": "mass" if d % 5 == 0 else "publish",
                        "urgent": False,
                        "state": PostState.PUBLISHED if past else PostState.QUEUED,
                        "scheduled_at": when,
                        "published_at": when if past else None,
                        "content_hash": "",
                        "article_urls": [],
                        "author_name": "王芳",
                        "created_at": when,
                        "updated_at": when,
                        "seq": 0,
                    }
                )
        session.execute(insert(Post), rows)
        return len(rows)


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=30)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-calendar-"))
    db = open_database(f"sqlite:///{folder / 'hub.db'}")
    today = date(2026, 11, 26)
    count = seed(db, args.accounts, args.days, today)
    table = HolidayTable.load()
    first, last = date(2026, 10, 26), date(2026, 12, 6)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    appid = "wxbench00000000000"

    def refresh() -> None:
        with db.session() as session:
            board.posts_between(session, first, last, None)
            board.account_plans(session, today, table)
            board.quota_left(session, appid, days)

    def month_only() -> None:
        with db.session() as session:
            board.posts_between(session, first, last, None)

    def baseline() -> None:
        with db.session() as session:
            rows = session.scalars(select(Post)).all()
            [p for p in rows if p.scheduled_at is not None and first <= to_china(p.scheduled_at).date() <= last]

    refresh()
    results = {
        "one calendar refresh (month + every rhythm + quota)": timed(refresh, args.runs),
        "the month's posts (posts_between)": timed(month_only, args.runs),
        "baseline: every post through the ORM, filtered in Python": timed(baseline, max(3, args.runs // 4)),
    }
    print(
        f"{count:,} posts, {args.accounts} accounts, {args.days} days; SQLite {db.path.stat().st_size / 2**20:.0f} MiB"
    )
    for name, values in results.items():
        print(f"{name}: median {statistics.median(values):.1f} ms, max {max(values):.1f} ms")
    ratio = statistics.median(results["baseline: every post through the ORM, filtered in Python"]) / statistics.median(
        results["the month's posts (posts_between)"]
    )
    print(f"month read vs baseline: {ratio:.0f}x")


if __name__ == "__main__":
    main()
