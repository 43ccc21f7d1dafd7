"""How long the inspection panel (合规检查) and the quarterly self-check report take on a large office's year.

Data (defaults): 30 accounts, one year of history each, in a real SQLite file built by the migrations:
about one published post a day per account (a few accounts gone quiet for 1 to 18 days, so every level of
the since-last-post line shows), a review item with its 撰稿/审核/审签 lines for nearly every post, about 50
follower conversations a day across the office with a few messages each (the recent ones and a stale few
still waiting for an answer), a few thousand 错敏词 events, keyword and fallback rules, and the default
security checklist installed per account with a year of records (some items overdue).

Measured, each in a fresh session as the hub opens one per request:
- `panel(...)` for every account, current quarter (what the 合规检查 page computes on every request),
  and the time of each of its six lines summed over the accounts, with the SQL statements one call issues;
- `quarterly_report(...)` (PDF + Excel) for one finished quarter, written to a temp dir;
- baseline in the same process: every post, every waiting conversation and every checklist item loaded
  through the ORM, days-since-last-post, oldest unanswered and overdue items computed in Python loops.
  The run fails unless the baseline and the panel agree on all three figures for every account.

    .venv/bin/python bench/bench_compliance.py [--accounts 30] [--days 365] [--runs 15] [--report-runs 3]
                                               [--per-day 50] [--paras 4]

Article bodies are short by default (2 to 4 paragraphs, a few hundred 字): the file is about 96 MiB, of
which messages and their search index are ~40. `--paras 8` gives longer bodies and a larger file.

Nothing but local files: the data dir (WXCONSOLE_HOME) is pointed at the temp dir, so the office's own
holiday or checklist files never change the numbers. "Now" is fixed: Thursday 2026-11-26 10:00 China time.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, func, insert, select, text, update  # noqa: E402

from console.checklist.defaults import install, load_defaults  # noqa: E402
from console.checklist.periods import next_due, period_of  # noqa: E402
from console.compliance.panel import (  # noqa: E402
    _channel,
    _checklist,
    _oldest_unanswered,
    _review,
    _screening,
    current_quarter,
    measured_at,
    panel,
    quarter_window,
)
from console.compliance.register import clean_register  # noqa: E402
from console.compliance.report import quarterly_report  # noqa: E402
from console.publishing.board import account_plans  # noqa: E402
from console.store.database import open_database  # noqa: E402
from console.store.models import (  # noqa: E402
    Account,
    ChecklistItem,
    ChecklistRecord,
    Conversation,
    Follower,
    Message,
    Post,
    PostState,
    ReplyRule,
    ReviewItem,
    ReviewPolicy,
    ScreenEvent,
    Staff,
)
from console.workcal.holidays import HolidayTable  # noqa: E402
from console.workcal.hours import OfficeHours, china_today, from_china, to_china, working_seconds  # noqa: E402

TODAY = date(2026, 11, 26)  # a Thursday in 2026Q4
NOW = from_china(datetime(2026, 11, 26, 10, 0))
REPORT_QUARTER = "2026Q3"  # a finished quarter: what an office files, three full months of posts

CHARS = (
    "社保医卡补办查询公积金户口证明身份居住驾驶违章缴费养老失业工伤生育低保救助残疾退役军人就业创业"
    "培训招聘考试报名成绩录取学校入学转学教育资助营业执照注册登记税务发票退税不动产房产证交易抵押"
    "县委政府召开会议部署推进工作落实乡村振兴安全生产防汛抗旱森林防火疫情防控文明城市创建环境整治"
    "通知公告政策解读办事指南便民服务窗口时间地址电话咨询预约材料流程办理结果公示监督举报投诉建议"
)
DEPARTMENTS = ("发布", "人社", "医保", "公安", "教育", "税务", "住建", "农业", "卫健", "民政", "应急", "文旅")
WRITER, REVIEWERS = "张撰稿", ("王审核", "钱复审", "赵审签")


def paragraphs(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        sentences = ["".join(rng.choices(CHARS, k=rng.randint(12, 30))) for _ in range(rng.randint(3, 6))]
        out.append("，".join(sentences) + "。")
    return out


def seed(db, accounts: int, days: int, per_day: int, rng: random.Random, paras: int = 4) -> None:
    """Everything the panel and the report read, bulk-inserted in one transaction."""
    start = TODAY - timedelta(days=days)
    pool = paragraphs(rng, 400)
    with db.session() as session:
        # Accounts, two thirds with their register filled in.
        for n in range(accounts):
            register = None
            if n % 3 != 2:
                register = clean_register(
                    {
                        "unit": f"某县{DEPARTMENTS[n % len(DEPARTMENTS)]}局",
                        "owner": "刘主任",
                        "owner_phone": f"0910-{1234500 + n}",
                        "operators": ["张三", "李四"],
                        "verified": "已认证（政府）",
                        "opened_on": "2018-05-20",
                        "frequency": "每周不少于3篇",
                    }
                )
            session.add(
                Account(
                    appid=f"wxbench{n:011d}",
                    name=f"某县{DEPARTMENTS[n % len(DEPARTMENTS)]}{n}",
                    account_type="service" if n % 3 else "subscription",
                    register=register,
                    seq=0,
                )
            )
        writer = Staff(login="writer", name=WRITER, roles="|operator|")
        session.add(writer)
        for k, name in enumerate(REVIEWERS):
            session.add(Staff(login=f"reviewer{k}", name=name, roles="|supervisor|"))
        session.flush()
        ids = list(session.scalars(select(Account.id).order_by(Account.id)))
        levels = {}
        for n, account_id in enumerate(ids):
            levels[account_id] = (3, 2, 1, 1)[n % 4]
            if n % 4 < 2:
                session.add(ReviewPolicy(account_id=account_id, article_levels=levels[account_id], urgent_levels=1))

        # Posts: one a day (one day in ten skipped), each account quiet for its last 0 to 18 days; a review
        # item for nearly every one (a few short of a level or a signature); a few planned ahead.
        posts, items = [], []
        for n, account_id in enumerate(ids):
            quiet = (n * 7) % 19
            for d in range(days + 1):
                day = start + timedelta(days=d)
                if day > TODAY - timedelta(days=quiet) or rng.random() < 0.1:
                    continue
                when = from_china(
                    datetime.combine(day, datetime.min.time()) + timedelta(minutes=rng.randint(540, 1080))
                )
                post_id = len(posts) + 1
                title = "".join(rng.choices(CHARS, k=rng.randint(8, 20)))
                articles = [
                    {
                        "title": title if a == 0 else "".join(rng.choices(CHARS, k=12)),
                        "author": WRITER,
                        "digest": pool[(post_id + a) % len(pool)][:54],
                        "cover": f"sha256:{hashlib.sha256(f'{post_id}-{a}'.encode()).hexdigest()}",
                        "body": "".join(
                            f"<p>{p}</p>" for p in rng.sample(pool, rng.randint(max(1, paras // 2), paras))
                        ),
                        "original": False,
                        "source_url": "",
                        "comments": True,
                    }
                    for a in range(1 if d % 3 else 2)
                ]
                review_id = None
                roll = rng.random()
                if roll > 0.03:  # 3% published without any review record
                    required = levels[account_id] if roll > 0.06 else max(1, levels[account_id] - 1)
                    done = required if roll > 0.09 else required - 1
                    review_id = len(items) + 1
                    at = (when - timedelta(hours=3)).isoformat()
                    items.append(
                        {
                            "id": review_id,
                            "kind": "article",
                            "account_id": account_id,
                            "target_id": post_id,
                            "author_id": writer.id,
                            "author_name": WRITER,
                            "content": articles[0]["body"][:300],
                            "versions": [{"text": title, "by": WRITER, "at": at, "note": "提交"}],
                            "levels_required": required,
                            "levels_done": done,
                            "approvals": [
                                {"level": k + 1, "by": REVIEWERS[k if required == 3 else (0, 2)[k]], "at": at}
                                for k in range(done)
                            ],
                            "state": "sent",
                            "urgent": False,
                            "reason": "图文发布前审核",
                            "hits": [],
                            "created_at": when - timedelta(hours=5),
                            "updated_at": when - timedelta(hours=1),
                            "seq": 0,
                        }
                    )
                posts.append(
                    {
                        "id": post_id,
                        "account_id": account_id,
                        "title": title,
                        "articles": articles,
                        "mode": "mass" if d % 5 == 0 else "publish",
                        "urgent": rng.random() < 0.02,
                        "state": PostState.PUBLISHED,
                        "review_item_id": review_id,
                        "scheduled_at": when,
                        "published_at": when,
                        "content_hash": hashlib.sha256(title.encode()).hexdigest(),
                        "article_urls": [f"https://mp.weixin.qq.com/s/bench{post_id}"],
                        "author_name": WRITER,
                        "created_at": when - timedelta(days=1),
                        "updated_at": when,
                        "seq": 0,
                    }
                )
            for ahead in (1, 3, 6):
                when = from_china(datetime.combine(TODAY + timedelta(days=ahead), datetime.min.time()))
                posts.append(
                    {
                        "id": len(posts) + 1,
                        "account_id": account_id,
                        "title": "排期中的图文",
                        "articles": [],
                        "mode": "publish",
                        "urgent": False,
                        "state": PostState.QUEUED,
                        "scheduled_at": when + timedelta(hours=10),
                        "content_hash": "",
                        "article_urls": [],
                        "author_name": WRITER,
                        "created_at": NOW,
                        "updated_at": NOW,
                        "seq": 0,
                    }
                )
        session.execute(insert(ReviewItem), items)
        session.execute(insert(Post), posts)

        # Conversations: `per_day` new followers write in each day, a few messages back and forth; the
        # last two weeks' threads often still wait for an answer, older ones rarely (the stale ones).
        followers, conversations, messages = [], [], []
        for d in range(days + 1):
            day = start + timedelta(days=d)
            for _ in range(per_day):
                account_id = rng.choice(ids)
                cid = len(conversations) + 1
                first = from_china(
                    datetime.combine(day, datetime.min.time()) + timedelta(minutes=rng.randint(420, 1380))
                )
                if first > NOW:
                    continue
                recent = (TODAY - day).days <= 14
                waits = rng.random() < (0.3 if recent else 0.01)
                count = rng.randint(1, 5)
                if waits and count % 2 == 0:
                    count -= 1  # waiting: the follower wrote last
                elif not waits and count % 2 == 1:
                    count += 1  # answered: we wrote last
                moment, last_inbound, waiting = first, first, None
                for k in range(count):
                    if moment > NOW:
                        break
                    inbound = k % 2 == 0
                    mid = len(messages) + 1
                    messages.append(
                        {
                            "id": mid,
                            "account_id": account_id,
                            "conversation_id": cid,
                            "follower_id": cid,
                            "direction": "in" if inbound else "out",
                            "msg_type": "text",
                            "content": "".join(rng.choices(CHARS, k=rng.randint(10, 80))),
                            "msgid": str(7_000_000_000 + mid) if inbound else None,
                            "dedupe_key": f"msgid:{7_000_000_000 + mid}" if inbound else None,
                            "status": None if inbound else "sent",
                            "author_name": None if inbound else "李四",
                            "created_at": moment,
                            "received_at": moment,
                            "sent_at": None if inbound else moment,
                            "seq": 0,
                        }
                    )
                    if inbound:
                        last_inbound = moment
                        waiting = waiting or moment
                    else:
                        waiting = None
                    last = moment
                    moment += timedelta(minutes=rng.randint(10, 2880))
                followers.append(
                    {
                        "id": cid,
                        "account_id": account_id,
                        "openid": f"obench{cid:022d}",
                        "nickname": "".join(rng.choices(CHARS, k=3)),
                        "subscribed": True,
                        "first_seen_at": first,
                        "last_seen_at": last,
                        "seq": 0,
                    }
                )
                conversations.append(
                    {
                        "id": cid,
                        "account_id": account_id,
                        "follower_id": cid,
                        "status": "new" if waiting else "replied",
                        "last_message_at": last,
                        "last_inbound_at": last_inbound,
                        "last_inbound_kind": "message",
                        "preview": messages[-1]["content"][:60],
                        "waiting_since": waiting,
                        "labels": "",
                        "seq": 0,
                    }
                )
        session.execute(insert(Follower), followers)
        session.execute(insert(Conversation), conversations)
        session.execute(insert(Message), messages)

        # Rules: a few keyword rules per account, a fallback for most; some disabled or deleted.
        rules = []
        for n, account_id in enumerate([None, None, *ids]):
            for k in range(rng.randint(2, 8)):
                rules.append(
                    {
                        "account_id": account_id,
                        "name": f"关键词{k}",
                        "kind": "keyword",
                        "keywords": [{"text": "".join(rng.choices(CHARS, k=2)), "mode": "contains"}],
                        "reply": {"kind": "text", "text": pool[k]},
                        "enabled": k != 3,
                        "deleted": k == 5,
                    }
                )
            if account_id is not None and n % 7 != 3:
                rules.append(
                    {"account_id": account_id, "name": "兜底回复", "kind": "fallback", "reply": {"kind": "text"}}
                )
        session.execute(insert(ReplyRule), rules)

        # 错敏词 events: a few thousand over the year, one in seven passed by a supervisor.
        events = []
        for k in range(max(1, round(3000 * accounts / 30 * days / 365))):
            overridden = rng.random() < 0.15
            events.append(
                {
                    "outcome": "overridden" if overridden else "blocked",
                    "what": rng.choice(("reply", "reply", "reply", "template", "rule")),
                    "account_id": rng.choice(ids),
                    "conversation_id": rng.randint(1, max(1, len(conversations))),
                    "text_hash": hashlib.sha256(str(k).encode()).hexdigest(),
                    "hits": [{"word": "".join(rng.choices(CHARS, k=2)), "kind": "sensitive"}],
                    "operator": "李四",
                    "supervisor": "赵审签" if overridden else None,
                    "reason": "经核实为政策原文用语" if overridden else None,
                    "created_at": from_china(
                        datetime.combine(start, datetime.min.time()) + timedelta(minutes=rng.randint(0, days * 1440))
                    ),
                }
            )
        session.execute(insert(ScreenEvent), events)

        # The security checklist: the default list installed a year ago, then done period by period
        # (usually on time, sometimes late, some not yet), each time with a record.
        defaults = load_defaults()
        for account in session.scalars(select(Account).order_by(Account.id)):
            install(session, account, start, "bench", defaults)
        diligence = {account_id: 0.6 + 0.38 * rng.random() for account_id in ids}
        changes, records = [], []
        for item in session.scalars(select(ChecklistItem).order_by(ChecklistItem.id)):
            due, last_done = item.due_on, None
            while due is not None:
                first_day = period_of(item.period, due)[0] if item.period != "once" else start
                if rng.random() < diligence[item.account_id]:
                    done_on = first_day + timedelta(days=rng.randint(0, (due - first_day).days))
                else:
                    done_on = due + timedelta(days=rng.randint(1, 60))
                if done_on > TODAY:
                    break
                signed = rng.random() < 0.8
                records.append(
                    {
                        "item_id": item.id,
                        "account_id": item.account_id,
                        "done_on": done_on,
                        "done_by": "张三",
                        "note": f"已按要求完成“{item.title}”，截图存档。",
                        "evidence": [{"kind": "file", "ref": f"sha256:{len(records):064x}", "name": "截图.png"}],
                        "signed_off_by": "刘主任" if signed else None,
                        "signed_off_at": from_china(datetime.combine(done_on, datetime.min.time())) if signed else None,
                        "created_at": from_china(datetime.combine(done_on, datetime.min.time())),
                        "seq": 0,
                    }
                )
                last_done, due = done_on, next_due(item.period, done_on)
            changes.append(
                {
                    "id": item.id,
                    "due_on": due,
                    "last_done_on": last_done,
                    "archived": item.key == "ip_whitelist" and item.account_id % 5 == 0,
                }
            )
        session.execute(update(ChecklistItem), changes)
        session.execute(insert(ChecklistRecord), records)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def row_counts(db) -> dict[str, int]:
    tables = (
        Account,
        Post,
        ReviewItem,
        Follower,
        Conversation,
        Message,
        ReplyRule,
        ScreenEvent,
        ChecklistItem,
        ChecklistRecord,
    )
    with db.session() as session:
        counts = {m.__tablename__: int(session.scalar(select(func.count()).select_from(m)) or 0) for m in tables}
        counts["conversation (waiting)"] = int(
            session.scalar(select(func.count(Conversation.id)).where(Conversation.waiting_since.is_not(None))) or 0
        )
    return counts


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
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, help="new conversations a day, all accounts (default 50 per 30)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--report-runs", type=int, default=3)
    parser.add_argument("--paras", type=int, default=4, help="most paragraphs in an article body (about 100 字 each)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-compliance-"))
    os.environ["WXCONSOLE_HOME"] = str(folder / "home")  # no office holiday/checklist files from this machine
    try:
        run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, folder: Path) -> None:
    db = open_database(f"sqlite:///{folder / 'hub.db'}")
    t0 = time.perf_counter()
    if args.per_day is None:
        args.per_day = max(1, round(50 * args.accounts / 30))
    seed(db, args.accounts, args.days, max(1, args.per_day), random.Random(args.seed), max(1, args.paras))
    seeded = time.perf_counter() - t0
    counts = row_counts(db)
    size = db.path.stat().st_size / 2**20

    table, hours = HolidayTable.load(), OfficeHours()
    assert table.covers(TODAY.year), "the shipped holiday table should cover 2026"
    quarter = current_quarter(china_today(NOW))
    start, end = quarter_window(quarter)
    at = measured_at(NOW, quarter)
    today = china_today(at)
    until = min(end, at + timedelta(seconds=1))

    statements = [0]

    def count_statement(*_args) -> None:
        statements[0] += 1

    event.listen(db.engine, "before_cursor_execute", count_statement)

    def whole_panel():
        with db.session() as session:
            return panel(session, NOW, table, hours)

    lines: dict[str, list[float]] = defaultdict(list)

    def by_line() -> None:
        """The panel's loop, each line timed separately and summed over the accounts."""
        spent: dict[str, float] = defaultdict(float)
        with db.session() as session:
            t = time.perf_counter()
            accounts = list(session.scalars(select(Account).order_by(Account.id)))
            account_plans(session, today, table)
            spent["since_last_post (account_plans)"] += time.perf_counter() - t
            for account in accounts:
                for name, fn in (
                    ("channel (messages 7 days, rules)", lambda a: _channel(session, a, at)),
                    ("oldest_unanswered", lambda a: _oldest_unanswered(session, a, at, table, hours)),
                    ("screening (quarter's events)", lambda a: _screening(session, a, start, until)),
                    ("review (quarter's posts + items)", lambda a: _review(session, a, start, until)),
                    ("checklist (overdue items)", lambda a: _checklist(session, a, today)),
                ):
                    t = time.perf_counter()
                    fn(account)
                    spent[name] += time.perf_counter() - t
        for name, seconds in spent.items():
            lines[name].append(seconds * 1000)

    def baseline() -> dict[str, tuple[int | None, float, int]]:
        """Everything through the ORM, the three figures in Python loops."""
        with db.session() as session:
            accounts = session.scalars(select(Account).order_by(Account.id)).all()
            posts = session.scalars(select(Post)).all()
            waiting = session.scalars(select(Conversation).where(Conversation.waiting_since.is_not(None))).all()
            items = session.scalars(select(ChecklistItem)).all()
        last: dict[int, date] = {}
        for post in posts:
            if post.state == PostState.PUBLISHED and post.published_at is not None:
                day = to_china(post.published_at).date()
                if day <= today and (post.account_id not in last or day > last[post.account_id]):
                    last[post.account_id] = day
        oldest: dict[int, datetime] = {}
        for conversation in waiting:
            since = conversation.waiting_since
            if since is not None and since <= at:
                if conversation.account_id not in oldest or since < oldest[conversation.account_id]:
                    oldest[conversation.account_id] = since
        overdue: dict[int, int] = defaultdict(int)
        for item in items:
            if not item.archived and item.due_on is not None and item.due_on < today:
                overdue[item.account_id] += 1
        out = {}
        for account in accounts:
            days_since = (today - last[account.id]).days if account.id in last else None
            wait = 0.0
            if account.id in oldest:
                wait = round(working_seconds(oldest[account.id], at, table, hours) / hours.day_seconds, 2)
            out[account.appid] = (days_since, wait, overdue[account.id])
        return out

    # Warm up, count statements, and check the baseline computes what the panel shows.
    statements[0] = 0
    panels = whole_panel()
    panel_statements = statements[0]
    naive = baseline()
    assert len(panels) == args.accounts
    for p in panels:
        figures = (p.line("since_last_post").figure, p.line("oldest_unanswered").figure, p.line("checklist").figure)
        assert figures == naive[p.appid], (p.appid, figures, naive[p.appid])
    levels = {
        key: sum(1 for p in panels if p.line(key).level != "ok") for key in (line.key for line in panels[0].lines)
    }

    results = {
        f"panel(), {args.accounts} accounts, {quarter}": timed(whole_panel, args.runs),
        "baseline: ORM + Python (3 of the 6 figures)": timed(baseline, args.runs),
    }
    for _ in range(args.runs):
        by_line()

    out_dir = folder / "report"

    def report() -> None:
        with db.session() as session:
            quarterly_report(session, REPORT_QUARTER, out_dir, table, hours, NOW, ("f0e1d2c3b4a5968778695a4b3c2d1e0f",))

    statements[0] = 0
    report()
    report_statements = statements[0]
    results[f"quarterly_report(), {REPORT_QUARTER}, PDF + Excel"] = timed(report, args.report_runs)
    pdf, xlsx = sorted(out_dir.glob("*.pdf"))[0], sorted(out_dir.glob("*.xlsx"))[0]

    with db.engine.connect() as conn:
        sqlite_version = conn.execute(text("select sqlite_version()")).scalar()
    print(
        f"{args.accounts} accounts, {args.days} days, {args.per_day} conversations/day; seeded in {seeded:.1f} s; "
        f"SQLite {sqlite_version}, file {size:.1f} MiB"
    )
    for name, n in counts.items():
        print(f"  {name:<24} {n:>9,}")
    print(f"panel lines not ok (of {args.accounts}): " + ", ".join(f"{k} {n}" for k, n in levels.items()))
    print(
        f"SQL statements: panel() {panel_statements}, quarterly_report() {report_statements}; "
        f"report files: PDF {pdf.stat().st_size / 1024:.0f} KiB, Excel {xlsx.stat().st_size / 1024:.0f} KiB"
    )
    print()
    width = max(len(name) for name in [*results, *lines]) + 2
    print(f"{'measured':<{width}} {'runs':>5} {'median ms':>10} {'max ms':>10}")
    for name, values in results.items():
        print(f"{name:<{width}} {len(values):>5} {statistics.median(values):>10.1f} {max(values):>10.1f}")
    print("panel() by line, summed over the accounts:")
    for name, values in lines.items():
        print(f"  {name:<{width - 2}} {len(values):>5} {statistics.median(values):>10.1f} {max(values):>10.1f}")
    whole = statistics.median(results[f"panel(), {args.accounts} accounts, {quarter}"])
    naive_ms = statistics.median(results["baseline: ORM + Python (3 of the 6 figures)"])
    same = sum(
        statistics.median(lines[name])
        for name in ("since_last_post (account_plans)", "oldest_unanswered", "checklist (overdue items)")
    )
    print()
    print(f"baseline / whole panel (6 figures): {naive_ms / whole:.1f}x")
    print(
        f"baseline / the panel's same 3 lines (since_last_post + oldest_unanswered + checklist): {naive_ms / same:.1f}x"
    )


if __name__ == "__main__":
    main()
