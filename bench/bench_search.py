"""Search benchmark: N messages (default 1,000,000) over ~50,000 followers in a temp SQLite file built by
the real migrations, then one- and two-character searches through `search()` (the window's code path,
limit 200) against LIKE scans of the same data in the same run.

    .venv/bin/python bench/bench_search.py [--messages N] [--followers N] [--repeat R] [--compare-prefix]

Rows go in with executemany inside one transaction on a connection of the product's own engine, so the
search triggers (and wx_bigrams) index every row as the hub would; the build time includes that.
Two LIKE baselines on the message table alone, newest first like the window: "LIKE scan, all matches"
reads every match (what a scan costs for a count, an export, or any word once the limit is not hit);
"LIKE, newest 200 only" stops at the 200th match: its best case, cheap for a word in every fiftieth
message, a full scan for a word that is rare or absent. Every word's match count is checked against the
scan's, so the run also shows that the index finds exactly what LIKE finds.
`--compare-prefix` also builds the message index without prefix='1' and times one-character queries on
both, to show what the prefix index buys (and costs in file size).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from console.inbox.search import search  # noqa: E402
from console.sandbox.questions import NICKNAMES, QUESTIONS  # noqa: E402
from console.store.database import Database, open_database  # noqa: E402
from console.store.search_index import match_expression  # noqa: E402

TWO_CHAR = [
    "社保", "医保", "户口", "路灯", "公积", "报销", "迁移", "护照", "疫苗", "低保",
    "养老", "居住", "房产", "预约", "窗口", "驾驶", "残疾", "停水", "噪音", "学区",
]  # fmt: skip
ONE_CHAR = ["医", "户", "灯", "保", "证", "卡", "税", "水", "车", "学", "的", "您"]
ABSENT = ["台风", "地震", "洪水", "冰雹", "山火"]  # an emergency nobody wrote about: LIKE reads everything
EXTRA = {  # not part of the goal; shown so the README has the other shapes of query too
    "3+ chars (phrase)": ["社保卡", "公积金", "医保报销", "不动产登记"],
    "2 terms (AND)": ["社保 补办", "户口 材料", "路灯 小区", "医保 异地"],
    "phone prefix": ["138", "1391", "0913"],
}

MORE_QUESTIONS = [
    "我们小区门口的路灯坏了好几天了，晚上特别黑，什么时候能修",
    "公积金贷款最多能贷多少，利率是多少",
    "我们村停水三天了，有没有人管",
    "楼下饭店晚上噪音太大，打了电话没人处理",
    "孩子上初中的学区是怎么划分的",
    "垃圾好几天没人清运了，味道很大",
    "冬天供暖什么时候开始，温度不达标找谁",
    "燃气表坏了找哪个部门",
    "城乡居民养老保险一年交多少档次",
    "异地就医备案在手机上怎么操作",
    "医保报销需要发票原件吗",
    "农村宅基地可以办不动产登记吗",
    "个人所得税汇算清缴在哪里办",
    "车辆年检可以在外地做吗",
    "电动车上牌要带什么",
]
TOWNS = ["城关镇", "东关街道", "西关街道", "河口镇", "石门镇", "杨家镇", "柳林乡", "新集镇", "三岔乡", "南河镇"]
VILLAGES = ["东村", "西村", "新庄村", "王家湾", "李家坪", "上河村", "下河村", "石桥村", "柏树村", "红星社区"]
DEPTS = ["人社局", "医保局", "公安局", "住建局", "民政局", "教育局", "卫健委", "城管局", "市场监管局", "税务局"]
TOPICS = ["社保卡补办", "医保报销", "户口迁移", "公积金提取", "居住证办理", "不动产登记", "养老金认证", "新生儿落户"]
PREFIXES = ["", "", "", "你好，", "您好，", "请问", "麻烦问一下，", "我想咨询一下，", "工作人员你好，"]
SUFFIXES = ["", "", "", "谢谢", "，谢谢！", "？？", "，急！", "，在线等", "。"]
SHORT = ["好的", "谢谢", "收到", "明白了", "好的谢谢", "还是不行", "人呢？", "在吗", "知道了", "👍", "嗯嗯", "太感谢了"]
EVENTS = ["[图片]", "[语音]", "[关注了公众号]", "[点击菜单]", "[位置]", "[链接]"]
REMARKS = ["低保户", "残疾人家属", "多次反映路灯问题", "人大代表", "媒体记者", "退休教师", "网格员", "企业联络员"]
NOTES = [
    "已转{dept}核实",
    "电话回访，群众表示满意",
    "需要跟进，三个工作日内回复",
    "重复咨询，已按口径答复",
    "已告知到政务服务中心办理",
]


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def follower_message(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.70:
        q = rng.choice(QUESTIONS if rng.random() < 0.7 else MORE_QUESTIONS)
        if rng.random() < 0.2:
            q = f"我是{rng.choice(TOWNS)}{rng.choice(VILLAGES)}的，{q}"
        return f"{rng.choice(PREFIXES)}{q}{rng.choice(SUFFIXES)}"
    if r < 0.85:
        return rng.choice(SHORT)
    if r < 0.93:
        return rng.choice(EVENTS)
    return f"我的电话是{phone(rng)}，{rng.choice(['请回电', '麻烦联系我', '打不通的话发短信'])}"


def reply_message(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.35:
        return (
            f"您好，{rng.choice(TOPICS)}请携带身份证原件到县政务服务中心{rng.randint(1, 40)}号窗口办理，"
            f"咨询电话0913-{rng.randrange(10**7):07d}。"
        )
    if r < 0.6:
        return f"您好，您反映的问题已转{rng.choice(DEPTS)}处理，我们会在{rng.randint(1, 5)}个工作日内答复。"
    if r < 0.75:
        return "您好，办公时间为周一至周五 8:30-12:00，14:30-17:30，法定节假日休息。"
    if r < 0.9:
        return "收到，我们马上核实。"
    return "感谢您的关注！回复“社保”“医保”“户口”可查看常见问题。"


def build(db: Database, n_messages: int, n_followers: int, seed: int = 7) -> float:
    """Fill the store; returns seconds spent inserting (triggers indexing every row included)."""
    rng = random.Random(seed)
    t0 = datetime(2024, 1, 1, 8, 0)
    span = timedelta(days=730) / max(n_messages, 1)
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    raw = db.engine.raw_connection()  # a connection of the product's engine: pragmas and wx_bigrams set
    con = raw.driver_connection
    assert con is not None
    started = time.perf_counter()
    seq = 0
    accounts = ["某县发布", "某县人社", "某县医保", "某县公安", "某县融媒体中心", "某县政务服务"]
    rows_a = []
    for i, name in enumerate(accounts, start=1):
        seq += 1
        rows_a.append((i, f"wxbench{i:011d}", name, "subscription", 1, t0.strftime(fmt), seq))
    con.executemany(
        "INSERT INTO account (id, appid, name, account_type, safe_mode, created_at, seq) VALUES (?,?,?,?,?,?,?)", rows_a
    )
    followers = []
    for i in range(1, n_followers + 1):
        seq += 1
        nick = (
            rng.choice(NICKNAMES) if rng.random() < 0.6 else rng.choice(["平安是福", "快乐每一天", "A杨大爷", "清风"])
        )
        remark = rng.choice(REMARKS) if rng.random() < 0.08 else None
        at = t0.strftime(fmt)
        followers.append((i, rng.randint(1, len(accounts)), f"obench{i:022d}", nick, remark, 1, at, at, seq))
    con.executemany(
        "INSERT INTO follower (id, account_id, openid, nickname, remark, subscribed, first_seen_at, last_seen_at, seq)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        followers,
    )
    con.executemany(
        "INSERT INTO conversation (id, account_id, follower_id, status, last_message_at, preview, seq)"
        " VALUES (?,?,?,'replied',?,'',?)",
        [(f[0], f[1], f[0], f[6], f[8]) for f in followers],
    )
    account_of = [0] + [f[1] for f in followers]
    batch: list[tuple[object, ...]] = []
    for i in range(1, n_messages + 1):
        seq += 1
        conv = rng.randint(1, n_followers)
        at = (t0 + span * i).strftime(fmt)
        if rng.random() < 0.6:
            inbound = ("in", "text", follower_message(rng), f"{i}", f"m{i}", None)
            batch.append((i, account_of[conv], conv, conv, *inbound, at, seq))
        else:
            outbound = ("out", "text", reply_message(rng), None, None, "sent")
            batch.append((i, account_of[conv], conv, conv, *outbound, at, seq))
        if len(batch) == 50_000 or i == n_messages:
            con.executemany(
                "INSERT INTO message (id, account_id, conversation_id, follower_id, direction, msg_type, content,"
                " msgid, dedupe_key, status, created_at, received_at, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(*r[:11], r[10], r[11]) for r in batch],
            )
            batch.clear()
    notes = []
    for i in range(1, n_messages // 50 + 1):
        seq += 1
        body = rng.choice(NOTES).format(dept=rng.choice(DEPTS))
        notes.append((i, rng.randint(1, n_followers), "值班编辑", body, (t0 + span * i * 50).strftime(fmt), seq))
    con.executemany(
        "INSERT INTO note (id, conversation_id, author_name, body, created_at, seq) VALUES (?,?,?,?,?,?)", notes
    )
    con.execute("UPDATE sync_counter SET value = ? WHERE name = 'changes'", (seq,))
    con.commit()
    elapsed = time.perf_counter() - started
    raw.close()
    return elapsed


def timed(fn, repeat: int) -> tuple[list[float], object]:  # noqa: ANN001
    """Times in ms of `repeat` runs after one warm-up run (the window searches a store it already has
    open, so the page cache is warm), and the last run's result."""
    result = fn()
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        out.append((time.perf_counter() - t) * 1000)
    return out, result


def window_search(db: Database, query: str) -> int:
    with db.session() as s:
        return len(search(s, query, limit=200))


def like_scan(db: Database, word: str, limit: int | None) -> int:
    sql = "SELECT id, conversation_id, content, created_at FROM message WHERE content LIKE :p ORDER BY id DESC"
    with db.session() as s:
        rows = s.execute(text(sql + (" LIMIT :n" if limit else "")), {"p": f"%{word}%", "n": limit}).all()
    return len(rows)


def fts_count(db: Database, word: str) -> int:
    with db.engine.connect() as conn:
        sql = text("SELECT count(*) FROM search_message WHERE search_message MATCH :m")
        return int(conn.execute(sql, {"m": match_expression(word)}).scalar_one())


def stats(ms: list[float]) -> tuple[float, float]:
    ordered = sorted(ms)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def sizes(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")).all()
        except Exception:  # dbstat is a compile-time option
            return {}
    return {str(name): int(size) for name, size in rows}


def compare_prefix(db: Database, repeat: int) -> list[str]:
    """Same index without prefix='1': time one-character queries on both, directly on the FTS tables."""
    lines = []
    with db.engine.begin() as conn:
        started = time.perf_counter()
        conn.execute(
            text("CREATE VIRTUAL TABLE bench_noprefix USING fts5(body, content='', columnsize=0, tokenize='ascii')")
        )
        conn.execute(text("INSERT INTO bench_noprefix(rowid, body) SELECT id, wx_bigrams(content) FROM message"))
        lines.append(f"index without prefix= built from the message table in {time.perf_counter() - started:.1f} s")
    size = sizes(db)
    with_p = sum(v for k, v in size.items() if k.startswith("search_message"))
    without = sum(v for k, v in size.items() if k.startswith("bench_noprefix"))
    if with_p and without:
        lines.append(f"message index size: prefix='1' {with_p / 2**20:.0f} MiB, none {without / 2**20:.0f} MiB")
    for table in ("search_message", "bench_noprefix"):
        ms: list[float] = []
        for ch in ONE_CHAR:
            sql = text(f"SELECT rowid FROM {table} WHERE {table} MATCH :m ORDER BY rowid DESC LIMIT 200")
            with db.engine.connect() as conn:
                params = {"m": match_expression(ch)}
                ms += timed(lambda c=conn, q=sql, p=params: c.execute(q, p).all(), repeat)[0]
        med, p95 = stats(ms)
        lines.append(f"1-char FTS query on {table}: median {med:.1f} ms, p95 {p95:.1f} ms")
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE bench_noprefix"))
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--messages", type=int, default=1_000_000)
    p.add_argument("--followers", type=int, default=50_000)
    p.add_argument("--repeat", type=int, default=5, help="timed runs per query (after one warm-up run)")
    p.add_argument("--compare-prefix", action="store_true")
    p.add_argument("--keep", type=Path, help="build here and keep the file (default: a temp dir, removed)")
    args = p.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench_search_") as tmp:
        path = args.keep or Path(tmp) / "bench.db"
        if path.exists():
            path.unlink()
        db = open_database(f"sqlite:///{path}")
        print(f"building {args.messages:,} messages over {args.followers:,} followers in {path} …", flush=True)
        build_s = build(db, args.messages, args.followers)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db_bytes = path.stat().st_size
        print(f"built in {build_s:.1f} s ({args.messages / build_s:,.0f} messages/s, index included)", flush=True)

        groups = (
            (f"2 chars ({len(TWO_CHAR)} words)", TWO_CHAR),
            (f"1 char ({len(ONE_CHAR)} chars)", ONE_CHAR),
            (f"2 chars in no message ({len(ABSENT)} words)", ABSENT),
        )
        results: list[tuple[str, list[float], list[float], list[float], int]] = []
        for label, words in groups:
            fts: list[float] = []
            like_all: list[float] = []
            like_lim: list[float] = []
            matches: list[int] = []
            for w in words:
                fts += timed(lambda w=w: window_search(db, w), args.repeat)[0]
                ms, found = timed(lambda w=w: like_scan(db, w, None), max(1, args.repeat // 2))
                like_all += ms
                like_lim += timed(lambda w=w: like_scan(db, w, 200), max(1, args.repeat // 2))[0]
                # The index must find what the scan finds, word for word, at this size too.
                assert fts_count(db, w) == found, (w, fts_count(db, w), found)
                matches.append(int(found))  # type: ignore[call-overload]
            results.append((label, fts, like_all, like_lim, int(statistics.median(matches))))
        extra: list[tuple[str, list[float]]] = []
        for label, queries in EXTRA.items():
            ms = []
            for q in queries:
                ms += timed(lambda q=q: window_search(db, q), args.repeat)[0]
            extra.append((label, ms))
        prefix_lines = compare_prefix(db, args.repeat) if args.compare_prefix else []
        index_bytes = sum(v for k, v in sizes(db).items() if k.startswith("search_"))
        db.dispose()

    cpu = f"{cpu_name()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"
    print()
    print(
        f"Search over {args.messages:,} messages, {args.followers:,} followers/conversations, "
        f"{args.messages // 50:,} notes; SQLite {sqlite_version()}, Python {platform.python_version()}"
    )
    print(f"Machine: {cpu}")
    size_note = f"DB file {db_bytes / 2**20:,.0f} MiB"
    if index_bytes:
        size_note += f" (search index {index_bytes / 2**20:,.0f} MiB)"
    print(f"{size_note}; build {build_s:.0f} s with triggers indexing every row")
    print()
    print(
        "| query (through `search()`, limit 200) | FTS median | FTS p95 | LIKE scan, all matches | ratio | "
        "LIKE, newest 200 only: median / p95 | ratio of medians | messages matching (median) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, fts, like_all, like_lim, matched in results:
        f_med, f_p95 = stats(fts)
        a_med, _ = stats(like_all)
        l_med, l_p95 = stats(like_lim)
        print(
            f"| {label} | {f_med:.1f} ms | {f_p95:.1f} ms | {a_med:.0f} ms | {a_med / f_med:.0f}× | "
            f"{l_med:.1f} / {l_p95:.0f} ms | {l_med / f_med:.1f}× | {matched:,} |"
        )
    for label, ms in extra:
        med, p95 = stats(ms)
        print(f"| {label} | {med:.1f} ms | {p95:.1f} ms | | | | | |")
    for line in prefix_lines:
        print(f"- {line}")
    return 0


def sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


if __name__ == "__main__":
    raise SystemExit(main())
