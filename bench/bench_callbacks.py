"""WeChat callbacks end to end: a real hub on 127.0.0.1 (SQLite file, one safe-mode account, 10,000
stored keyword rules) answering signed, AES-encrypted pushes with encrypted passive replies, against a
bare aiohttp handler that reads the body and answers "success", both driven the same way in one run.

    .venv/bin/python bench/bench_callbacks.py [--rules 10000] [--messages 5000] [--concurrency 16]
        [--followers N] [--hub-threads N] [--seed 7] [--quick] [--profile]

The rules go in through the `rules_import` command (as a desktop or the CLI stores them); the hub
loads and compiles them on the first callback, which is timed on its own (the warm-up). The pushes are
built beforehand by the sandbox (`build_push`: WeChat's signature, msg_signature and AES envelope), so
the client's signing and encryption stay out of the measurement. Each follower writes several times;
exactly one of a follower's messages matches no rule and gets the fallback (a second one within 30
minutes would get "success": the fallback is sent once), the others hit a keyword rule — so every push
must be answered 200 with an encrypted passive reply, and after the run each reply is opened as WeChat
opens it and checked against the rule the same RuleSet picks in this process.

The hub is served from a ServerThread (its own loop and thread) and stores every push in SQLite (one
transaction per push, the automatic reply included). The client runs on the main thread's loop, in the
same process: it shares the interpreter lock with the hub, so the CPU it uses is reported beside the
results. `--profile` adds two unmeasured rounds with fresh followers: one push at a time with the
handler's steps timed (and its SQL statements counted), then the measured concurrency with the hub's
threads sampled (py-spy style, from inside the process).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402
from yarl import URL  # noqa: E402

from console import command_path as commands  # noqa: E402
from console.accounts import add_account  # noqa: E402
from console.hub.serve import build_hub  # noqa: E402
from console.inbox.presence import PresenceBoard  # noqa: E402
from console.replies.codec import rule_from_dict  # noqa: E402
from console.replies.rules import MatchMode, RuleKind, RuleSet  # noqa: E402
from console.runtime import ServerThread  # noqa: E402
from console.sandbox.followers import build_push  # noqa: E402
from console.sandbox.passive import PassiveReplyRefused, read_passive_reply  # noqa: E402
from console.sandbox.state import SandboxState, random_account  # noqa: E402
from console.secrets import AccountSecrets, Vault  # noqa: E402
from console.secrets.memory import MemoryKeyring  # noqa: E402
from console.store.models import CommandState  # noqa: E402
from console.timeutil import utcnow  # noqa: E402

GOAL_RATE = 1000.0  # callbacks per second
GOAL_P99_MS = 50.0
APPID = "wx5f1c2a9b3d7e4f60"
IMPORT_CHUNK = 1000

# Characters of everyday government-service questions (as in bench_rules.py): keywords are drawn from them.
CHARS = (
    "社保医卡补办查询公积金户口证明身份居住驾驶违章缴费养老失业工伤生育低保救助残疾退役军人就业创业"
    "培训招聘考试报名成绩录取学校入学转学教育资助营业执照注册登记税务发票退税不动产房产证交易抵押"
    "婚姻结婚离婚出生死亡殡葬疫苗接种核酸门诊住院报销异地备案慢病药品电费水费燃气暖气物业投诉举报"
    "咨询热线地址时间电话流程材料窗口预约网上大厅政务服务中心办理需要多久什么怎么哪里可以能否请问"
    "县乡镇村街道社区城区农村土地承包宅基地补贴种粮农机扶贫乡村振兴旅游景区门票天气交通公交停车"
)
PREFIXES = ["", "", "您好，", "你好，", "请问", "请问一下", "麻烦问下，", "工作人员您好，我想问", "我家里"]
SUFFIXES = ["", "", "？", "怎么弄", "在哪里办", "要带什么", "，谢谢！", "，急", "多久能好？", "呢"]
# Messages that hit no rule: chit-chat and complaints in words outside CHARS (checked against the rules anyway).
SMALL_TALK = [
    "在吗",
    "有人吗？",
    "你好",
    "早上好",
    "我反映个情况：楼下那盏灯坏了好几天了",
    "昨天打了好多次都没人接",
    "为啥还没有消息",
    "我妈让我来问一下",
    "好的谢谢",
    "收到",
    "你们几点下班",
    "上次说的那个事怎样了",
    "我不太会用手机，能打字说吗",
    "小孩的那个事",
    "谢谢你们的耐心解答",
]
REPLY_TAILS = [
    "请携带本人身份证原件到县政务服务中心一楼{n}号窗口办理，工作日 8:30–17:30。",
    "可在“某县政务服务”小程序网上办理，材料齐全的 3 个工作日内办结；咨询电话 0910-12345{n:02d}。",
    "需要准备：身份证、户口簿和申请表（窗口领取或网站下载），办理进度可拨打 0910-12345{n:02d} 查询。",
    "办理流程和所需材料见菜单“办事指南”，也可到所在乡镇便民服务中心代办。",
]
FALLBACK_TEXT = (
    "您好，您的留言已收到，工作人员会在工作时间（{办公时间}，法定节假日除外）内答复您。急事请拨打 0910-1234500。"
)
FALLBACK_PREFIX = "您好，您的留言已收到"
WELCOME_TEXT = "{称呼}，欢迎关注！回复“社保卡”“医保报销”“办事指南”可查看常见问题；直接留言，工作人员会在工作时间答复。"
OUT_OF_HOURS = [
    {"days": [0, 1, 2, 3, 4], "start": "00:00", "end": "08:30"},
    {"days": [0, 1, 2, 3, 4], "start": "17:30", "end": "00:00"},
    {"days": [5, 6], "start": "00:00", "end": "00:00"},
]


# -- data -------------------------------------------------------------------------------------------
def distinct_keywords(count: int, rng: random.Random) -> list[str]:
    """`count` different keywords of 2–4 characters of CHARS (mostly 2–3, as people write them)."""
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen["".join(rng.choices(CHARS, k=rng.choices((2, 3, 4), (4, 4, 2))[0]))] = None
    return list(seen)


def build_rules(count: int, appid: str, rng: random.Random) -> list[dict[str, Any]]:
    """Rules in the codec's shape: ~79% contains, ~20% exact, ~1% regex; 1–3 keywords each, all keywords
    distinct; priorities 0–9 (most 0); 30% for this account, the rest for every account; 5% only outside
    office hours; 2% disabled. Plus a welcome and a fallback."""
    counts = [rng.choices((1, 2, 3), (5, 3, 2))[0] for _ in range(count)]
    pool = iter(distinct_keywords(sum(counts), rng))
    rules: list[dict[str, Any]] = []
    for number, n_keywords in enumerate(counts, start=1):
        roll = rng.random()
        mode = "regex" if roll < 0.01 else "exact" if roll < 0.21 else "contains"
        keywords = [next(pool) for _ in range(n_keywords)]
        if mode == "regex":
            keywords = [f"{k[:2]}.{{0,6}}(多久|怎么办|在哪|要什么)" for k in keywords]
        tail = rng.choice(REPLY_TAILS).format(n=number % 100)
        rules.append(
            {
                "account": appid if rng.random() < 0.3 else None,
                "name": f"{keywords[0][:12]}（{number}）",
                "kind": "keyword",
                "mode": mode,
                "keywords": keywords,
                "priority": rng.choices(range(10), (50, 10, 8, 7, 6, 5, 5, 4, 3, 2))[0],
                "windows": OUT_OF_HOURS if rng.random() < 0.05 else [],
                "enabled": rng.random() > 0.02,
                "reply": {"kind": "text", "text": f"关于“{keywords[0]}”（第 {number} 条）：{tail}"},
            }
        )
    rules.append({"name": "关注欢迎语", "kind": "welcome", "reply": {"kind": "text", "text": WELCOME_TEXT}})
    rules.append({"name": "兜底回复", "kind": "fallback", "reply": {"kind": "text", "text": FALLBACK_TEXT}})
    return rules


@dataclass
class Push:
    openid: str
    text: str
    url: URL
    body: bytes
    expected: str  # the reply text the rules give (the fallback's prefix for a fallback)
    fallback: bool


def reference_rules(rules: list[dict[str, Any]]) -> RuleSet:
    """The rules compiled in this process, numbered as the import stores them (ids 1, 2, … in order)."""
    return RuleSet(rule_from_dict({**data, "id": number}) for number, data in enumerate(rules, start=1))


def build_messages(
    ruleset: RuleSet, count: int, followers: int, rng: random.Random
) -> list[tuple[str, str, str, bool]]:
    """(openid, text, expected reply, fallback?) per message: follower i % followers writes message i;
    one of each follower's messages hits no rule, the others hit one (the rule `ruleset` picks now)."""
    now = utcnow()
    live = [r for r in ruleset.rules if r.kind is RuleKind.KEYWORD and r.mode is not MatchMode.REGEX and r.enabled]
    openids = [f"o{uuid.UUID(int=rng.getrandbits(128)).hex[:27]}" for _ in range(followers)]
    fallback_slot = {f: rng.randrange(len(range(f, count, followers))) for f in range(min(followers, count))}
    out = []
    for i in range(count):
        follower = i % followers
        if fallback_slot[follower] == i // followers:
            for _ in range(100):
                text = rng.choice(SMALL_TALK) + rng.choice(["", "", "？", "。", "！", "…"])
                if ruleset.match(APPID, text, now) is None:
                    break
            else:
                raise SystemExit("could not make a message that hits no rule")
            out.append((openids[follower], text, FALLBACK_PREFIX, True))
            continue
        while True:
            keyword = rng.choice(rng.choice(live).keywords)
            roll = rng.random()
            if roll < 0.15:
                text = keyword  # a bare keyword, as followers often send
            else:
                text = f"{rng.choice(PREFIXES)}{keyword}{rng.choice(SUFFIXES)}"
            match = ruleset.match(APPID, text, now)
            if match is not None:
                break
        out.append((openids[follower], text, match.rule.reply.text, False))
    return out


def prebuild(state: SandboxState, url: str, messages: list[tuple[str, str, str, bool]], first_id: int) -> list[Push]:
    """Sign and encrypt every push now, as WeChat would send them; the URL with its query encoded once."""
    pushes = []
    for number, (openid, text, expected, fallback) in enumerate(messages):
        query, body = build_push(state, APPID, openid, content=text, msg_id=first_id + number)
        pushes.append(Push(openid, text, URL(f"{url}?{urlencode(query)}", encoded=True), body, expected, fallback))
    return pushes


# -- the run ----------------------------------------------------------------------------------------
@dataclass
class Run:
    latencies_ms: list[float] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    client_cpu_s: float = 0.0
    process_cpu_s: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.seconds

    def pct(self, p: int) -> float:
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[p - 1]


async def drive(pushes: list[Push], concurrency: int) -> Run:
    """Send every push, `concurrency` at a time over kept-alive connections; each latency from the send
    to the last byte of the answer."""
    run = Run(latencies_ms=[0.0] * len(pushes), bodies=[""] * len(pushes), statuses=[0] * len(pushes), errors=Counter())
    headers = {"Content-Type": "text/xml"}
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        next_index = iter(range(len(pushes)))

        async def worker() -> None:
            for i in next_index:
                push = pushes[i]
                began = time.perf_counter()
                try:
                    async with session.post(push.url, data=push.body, headers=headers) as resp:
                        raw = await resp.read()
                        run.statuses[i] = resp.status
                except (aiohttp.ClientError, TimeoutError) as exc:
                    run.errors[type(exc).__name__] += 1
                    raw = b""
                run.latencies_ms[i] = (time.perf_counter() - began) * 1000
                run.bodies[i] = raw.decode("utf-8", errors="replace")

        cpu, proc, began = time.thread_time(), time.process_time(), time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        run.seconds = time.perf_counter() - began
        run.client_cpu_s = time.thread_time() - cpu
        run.process_cpu_s = time.process_time() - proc
    return run


def check_hub(run: Run, pushes: list[Push], state: SandboxState) -> Counter[str]:
    """Every answer as WeChat reads it: 200, an encrypted passive reply for this follower, with the text
    the rules chose."""
    account = state.account(APPID)
    outcome: Counter[str] = Counter()
    for push, status, body in zip(pushes, run.statuses, run.bodies, strict=True):
        if status != 200:
            outcome[f"HTTP {status}" if status else "no answer"] += 1
            continue
        if "<Encrypt>" not in body:
            outcome["200 without <Encrypt>"] += 1
            continue
        try:
            reply = read_passive_reply(account, push.openid, body, encrypted=True)
        except PassiveReplyRefused as exc:
            outcome[f"refused by WeChat: {exc}"] += 1
            continue
        right = reply.content.startswith(push.expected) if push.fallback else reply.content == push.expected
        outcome["ok" if right else "another reply than the rules give"] += 1
    return outcome


def check_bare(run: Run) -> Counter[str]:
    outcome: Counter[str] = Counter()
    for status, body in zip(run.statuses, run.bodies, strict=True):
        outcome["ok" if status == 200 and body == "success" else f"HTTP {status} {body[:20]!r}"] += 1
    return outcome


async def _bare(request: web.Request) -> web.Response:
    await request.read()
    return web.Response(text="success")


def bare_app() -> web.Application:
    app = web.Application()
    app.router.add_post("/wechat/{appid}", _bare)
    return app


async def one(push: Push) -> tuple[float, int, str]:
    async with aiohttp.ClientSession() as session:
        began = time.perf_counter()
        async with session.post(push.url, data=push.body, headers={"Content-Type": "text/xml"}) as resp:
            body = await resp.text()
        return (time.perf_counter() - began) * 1000, resp.status, body


def import_rules(db: Any, rules: list[dict[str, Any]]) -> float:
    began = time.perf_counter()
    seat = commands.Seat("bench", "bench")
    board = PresenceBoard()
    for start in range(0, len(rules), IMPORT_CHUNK):
        chunk = rules[start : start + IMPORT_CHUNK]
        args = {"account": None, "rules": chunk}
        outcome = commands.apply(db, board, uuid.uuid4().hex, "rules_import", 0, args, seat)
        if outcome.state != CommandState.APPLIED:
            raise SystemExit(f"rules_import refused: {outcome.result}")
    return time.perf_counter() - began


# -- profiling (--profile) --------------------------------------------------------------------------
class Sampler:
    """py-spy-like: every `interval` seconds, the Python stack of each hub thread (event loop and worker
    threads) that is not idle, counted by its innermost product function and innermost function. A thread
    inside SQLite or OpenSSL shows as the Python function that called it."""

    IDLE = {("selectors.py", "select"), ("thread.py", "_worker"), ("threading.py", "wait")}

    def __init__(self, exclude: set[int], interval: float = 0.002) -> None:
        self.exclude = exclude | {threading.get_ident()}
        self.interval = interval
        self.samples = 0
        self.busy = 0
        self.where: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    @staticmethod
    def _name(code: Any) -> str:
        parts = Path(code.co_filename).parts
        where = "/".join(parts[parts.index("console") :]) if "console" in parts else parts[-1]
        return f"{where}:{code.co_name}"

    def _run(self) -> None:
        self.exclude.add(threading.get_ident())
        while not self._stop.wait(self.interval):
            self.samples += 1
            for ident, frame in sys._current_frames().items():
                if ident in self.exclude:
                    continue
                leaf = frame.f_code
                if (Path(leaf.co_filename).name, leaf.co_name) in self.IDLE:
                    continue
                stack = []
                f = frame
                while f is not None:
                    stack.append(self._name(f.f_code))
                    f = f.f_back
                self.busy += 1
                ours = next((name for name in stack if name.startswith("console/")), "(no product code)")
                self.where[f"{ours} → {stack[0]}"] += 1


class StageTimer:
    """Wall time of the push handler's steps, added up: the names `console.hub.callback` calls (and a few
    they call) are swapped for timed wrappers while a round runs, and put back afterwards."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self.statements: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._undo: list[tuple[Any, str, Any]] = []
        self.depth: dict[str, int] = {}

    def _timed(self, name: str, function: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                with self._lock:
                    self.seconds[name] += time.perf_counter() - began
                    self.calls[name] += 1

        return timed

    def patch(self, owner: Any, attribute: str, name: str) -> None:
        own = attribute in vars(owner)  # a class's or module's own name, not a method reached from an instance
        original = getattr(owner, attribute)
        self._undo.append((owner, attribute, original if own else None))
        setattr(owner, attribute, self._timed(name, original))

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        words = statement.split()
        verb = words[0].upper()
        table = {"SELECT": "FROM", "INSERT": "INTO", "UPDATE": "UPDATE", "DELETE": "FROM"}.get(verb)
        where = words[words.index(table) + 1] if table in words[1:] else ""
        with self._lock:
            self.statements[f"{verb} {where}".strip()] += 1

    def install(self, ctx: Any) -> None:
        from sqlalchemy import event
        from sqlalchemy.orm import Session

        from console.hub import callback
        from console.inbox import ingest
        from console.replies import autoreply

        # (where, name, label, depth): in the order printed; depth 1 steps add up with "the rest" to the whole.
        steps = [
            (callback, "_account", "account row by appid (its own session, in a worker thread)", 1),
            (ctx.vault, "get", "secrets (vault, cached)", 1),
            (callback, "open_callback", "verify both signatures, AES-decrypt, parse the XML twice", 1),
            (callback, "_store", "store transaction (`_store`, in a worker thread)", 1),
            (callback, "ingest", "ingest: dedupe check, follower, conversation, message", 2),
            (ingest, "next_seq", "sync counter bump (the first write: takes SQLite's write lock)", 3),
            (ctx.rulebook, "current", "rulebook version query (max(reply_rule.seq))", 2),
            (callback, "answer", "answer: re-read message/conversation/follower, choose, insert the reply", 2),
            (autoreply, "choose", "choose: match, else fallback + its 30-minute check", 3),
            (RuleSet, "match", "RuleSet.match over the compiled rules", 4),
            (Session, "commit", "commit (`Session.commit`, every session: the account row's too)", 2),
            (callback, "_passive", "passive reply: render the XML, AES-encrypt, sign", 1),
        ]
        for owner, attribute, label, depth in steps:
            self.patch(owner, attribute, label)
            self.depth[label] = depth
        event.listen(ctx.db.engine, "before_cursor_execute", self._statement)
        self._undo.append((None, "", lambda: event.remove(ctx.db.engine, "before_cursor_execute", self._statement)))

    def remove(self) -> None:
        for owner, attribute, original in reversed(self._undo):
            if owner is None:
                original()
            elif original is None:
                delattr(owner, attribute)
            else:
                setattr(owner, attribute, original)
        self._undo.clear()


# -- report -----------------------------------------------------------------------------------------
def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs"


def yes(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rules", type=int, help="keyword rules, plus a welcome and a fallback (default 10,000)")
    p.add_argument("--messages", type=int, help="pushes per measured run (default 5,000)")
    p.add_argument("--concurrency", type=int, default=16, help="requests in flight")
    p.add_argument("--followers", type=int, help="followers writing in turn (default: messages / 5)")
    p.add_argument(
        "--hub-threads",
        type=int,
        help="size of the hub loop's default executor, which runs its database work (default: asyncio's, "
        "min(32, CPUs + 4)); an experiment, the product does not set it",
    )
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--quick", action="store_true", help="1,000 rules and 500 messages unless given: a smoke test")
    p.add_argument("--profile", action="store_true", help="then two unmeasured rounds: steps timed, threads sampled")
    args = p.parse_args(argv)
    args.rules = args.rules or (1_000 if args.quick else 10_000)
    args.messages = args.messages or (500 if args.quick else 5_000)
    followers = args.followers or max(1, args.messages // 5)
    rng = random.Random(args.seed)
    wall = time.perf_counter()

    with tempfile.TemporaryDirectory(prefix="bench_callbacks_") as tmp:
        servers = ServerThread("bench-hub")
        if args.hub_threads:
            executor = ThreadPoolExecutor(args.hub_threads, thread_name_prefix="hub-worker")
            servers.loop.call_soon_threadsafe(servers.loop.set_default_executor, executor)
        bare_servers = ServerThread("bench-bare")
        try:
            vault = Vault(MemoryKeyring())
            ctx, app = build_hub(f"sqlite:///{Path(tmp) / 'hub.db'}", vault, "http://127.0.0.1:9", media_root=Path(tmp))
            hub_url = servers.serve(app)
            bare_url = bare_servers.serve(bare_app())
            state = SandboxState()
            account = random_account(APPID, f"{hub_url}/wechat/{APPID}", safe_mode=True)
            state.add_account(account)
            secrets = AccountSecrets(account.secret, account.token, account.aes_key)
            add_account(ctx.db, vault, APPID, "某县人社", "service", secrets, True, account.original_id)

            print(f"generating {args.rules:,} rules and {args.messages:,} messages …", flush=True)
            rules = build_rules(args.rules, APPID, rng)
            began = time.perf_counter()
            ruleset = reference_rules(rules)
            compile_here_ms = (time.perf_counter() - began) * 1000
            messages = build_messages(ruleset, args.messages, followers, rng)
            print(f"importing the rules (rules_import, {IMPORT_CHUNK:,} per command) …", flush=True)
            import_s = import_rules(ctx.db, rules)

            first_id = 6_000_000_000_000_000_000
            hub_pushes = prebuild(state, f"{hub_url}/wechat/{APPID}", messages, first_id)
            bare_pushes = [
                Push(p.openid, p.text, URL(str(p.url).replace(hub_url, bare_url), encoded=True), p.body, "", False)
                for p in hub_pushes
            ]
            # From followers of their own, so the measured followers' one fallback each is still due.
            hits = [m for m in messages if not m[3]][:2]
            warm, warm_next = prebuild(
                state, f"{hub_url}/wechat/{APPID}", [(f"owarmup{n}", *m[1:]) for n, m in enumerate(hits)], 1
            )

            # Warm-up: one callback each; the hub's loads and compiles the rules.
            print("warm-up …", flush=True)
            compile_ms, compile_status, _ = asyncio.run(one(warm))
            second_ms, _, _ = asyncio.run(one(warm_next))
            asyncio.run(one(bare_pushes[0]))

            print(f"baseline: {len(bare_pushes):,} pushes to a bare handler …", flush=True)
            bare = asyncio.run(drive(bare_pushes, args.concurrency))
            print(f"hub: {len(hub_pushes):,} pushes …", flush=True)
            hub = asyncio.run(drive(hub_pushes, args.concurrency))
            hub_check = check_hub(hub, hub_pushes, state)
            bare_check = check_bare(bare)

            sampler = stages = None
            if args.profile:
                # Fresh followers and MsgIds: first one at a time with the steps timed, then the same
                # concurrency as measured with the sampler.
                serial_n = min(args.messages, 1000)  # followers in the same proportion as measured
                serial_followers = max(1, round(serial_n * followers / args.messages))
                extra = build_messages(ruleset, serial_n, serial_followers, random.Random(args.seed + 1))
                print(f"profile: {serial_n:,} pushes one at a time, steps timed (not measured) …", flush=True)
                first_prof = first_id + 10 * args.messages
                serial_pushes = prebuild(state, f"{hub_url}/wechat/{APPID}", extra, first_prof)
                stages = StageTimer()
                stages.install(ctx)
                try:
                    serial = asyncio.run(drive(serial_pushes, 1))
                finally:
                    stages.remove()
                serial_check = check_hub(serial, serial_pushes, state)
                print(f"profile: {len(extra):,} pushes at concurrency {args.concurrency}, sampled …", flush=True)
                extra = build_messages(ruleset, args.messages, followers, random.Random(args.seed + 2))
                prof_pushes = prebuild(state, f"{hub_url}/wechat/{APPID}", extra, first_prof + 10 * args.messages)
                sampler = Sampler({threading.main_thread().ident or 0, bare_servers._thread.ident or 0})
                sampler.start()
                profiled = asyncio.run(drive(prof_pushes, args.concurrency))
                sampler.stop()
                prof_check = check_hub(profiled, prof_pushes, state)

            db_bytes = sum(f.stat().st_size for f in Path(tmp).glob("hub.db*"))
        finally:
            bare_servers.stop()
            servers.stop()
            ctx.db.dispose()

    # -- what was measured
    modes = Counter(r.get("mode", "") if r["kind"] == "keyword" else r["kind"] for r in rules)
    keywords = [k for r in rules for k in r.get("keywords", ())]
    n_fallback = sum(m[3] for m in messages)
    distinct = set(keywords)
    n_bare = sum(1 for m in messages if not m[3] and m[1] in distinct)
    body_bytes = statistics.mean(len(p.body) for p in hub_pushes)
    threads = args.hub_threads or min(32, (os.cpu_count() or 1) + 4)
    print()
    print(
        f"Machine: {machine()}; Python {platform.python_version()}, aiohttp {aiohttp.__version__}, "
        f"SQLite {sqlite3.sqlite_version}; {os.cpu_count()} CPUs."
    )
    print(
        f"Rules: {args.rules:,} keyword rules ({modes['contains']:,} contains, {modes['exact']:,} exact, "
        f"{modes['regex']:,} regex; {len(keywords):,} keywords, {len(distinct):,} distinct, 2–4 characters; "
        f"priorities 0–9) "
        f"+ a welcome and a fallback, stored by rules_import in {import_s:.1f} s."
    )
    print(
        f"Pushes: {len(hub_pushes):,} text messages (AES safe mode, {body_bytes:,.0f} bytes on average) from "
        f"{followers:,} followers in turn; {len(hub_pushes) - n_fallback:,} hit a keyword rule "
        f"({n_bare:,} of them a bare keyword), {n_fallback:,} only the fallback. "
        f"Concurrency {args.concurrency}, one kept-alive connection per request in flight; the hub's database "
        f"work on {threads} worker thread{'s' if threads != 1 else ''}"
        + (" (--hub-threads)." if args.hub_threads else " (asyncio's default executor).")
    )
    print(
        f"Warm-up: the first callback (the hub reads and compiles the {len(rules):,} rules) took "
        f"{compile_ms:,.0f} ms (HTTP {compile_status}; compiling the same rules in this process: "
        f"{compile_here_ms:,.0f} ms), the next one {second_ms:.1f} ms. SQLite file after the run: "
        f"{db_bytes / 2**20:.1f} MiB."
    )
    print()
    hub_server_cpu = (hub.process_cpu_s - hub.client_cpu_s) / len(hub_pushes) * 1e6
    bare_server_cpu = (bare.process_cpu_s - bare.client_cpu_s) / len(bare_pushes) * 1e6
    ok_hub, ok_bare = hub_check["ok"], bare_check["ok"]
    print("| callbacks | hub: verify, decrypt, store, rules, encrypted reply | bare aiohttp | hub / bare | goal | |")
    print("|---|---:|---:|---:|---|---|")
    print(
        f"| throughput | {hub.rate:,.0f} /s | {bare.rate:,.0f} /s | {hub.rate / bare.rate:.2f}× "
        f"| ≥ {GOAL_RATE:,.0f} /s | {yes(hub.rate >= GOAL_RATE)} |"
    )
    for q in (50, 95, 99):
        goal = f"≤ {GOAL_P99_MS:.0f} ms" if q == 99 else ""
        verdict = yes(hub.pct(99) <= GOAL_P99_MS) if q == 99 else ""
        print(
            f"| latency p{q} | {hub.pct(q):.1f} ms | {bare.pct(q):.1f} ms | {hub.pct(q) / bare.pct(q):.1f}× "
            f"| {goal} | {verdict} |"
        )
    print(f"| latency max | {max(hub.latencies_ms):.1f} ms | {max(bare.latencies_ms):.1f} ms | | | |")
    print(
        f"| answered correctly | {ok_hub:,} of {len(hub_pushes):,} | {ok_bare:,} of {len(bare_pushes):,} | | "
        f"all | {yes(ok_hub == len(hub_pushes) and ok_bare == len(bare_pushes))} |"
    )
    print(
        f"| CPU per callback: server side / client side | {hub_server_cpu:,.0f} / "
        f"{hub.client_cpu_s / len(hub_pushes) * 1e6:,.0f} µs | {bare_server_cpu:,.0f} / "
        f"{bare.client_cpu_s / len(bare_pushes) * 1e6:,.0f} µs | | | |"
    )
    failures = {k: v for k, v in hub_check.items() if k != "ok"} | dict(hub.errors)
    if failures or bare.errors or ok_bare != len(bare_pushes):
        print()
        bare_failures = {k: v for k, v in bare_check.items() if k != "ok"} | dict(bare.errors)
        print(f"Failures: hub {failures or 'none'}; bare {bare_failures or 'none'}.")
    print()
    print(
        f"Latency: from sending a push to the last byte of the answer, at the client. CPU: the client's thread "
        f"time vs. the rest of the process (hub loop, its worker threads); client and hub share one "
        f"interpreter lock. Whole run {time.perf_counter() - wall:.0f} s."
    )
    if stages is not None and sampler is not None:
        n = len(serial.latencies_ms)
        whole = statistics.mean(serial.latencies_ms) * 1000
        print()
        print(
            f"Profile 1: {n:,} more pushes one at a time ({serial_check['ok']:,} answered correctly), "
            f"{serial.rate:,.0f} callbacks/s, hub CPU {(serial.process_cpu_s - serial.client_cpu_s) / n * 1e6:,.0f} µs "
            f"per callback. Wall time of each step, per callback (steps nest as indented):"
        )
        print()
        print("| step | µs per callback | share of the whole |")
        print("|---|---:|---:|")
        print(f"| whole callback, at the client | {whole:,.0f} | 100% |")
        named = 0.0
        for label, depth in stages.depth.items():
            per = stages.seconds[label] / n * 1e6
            calls = stages.calls[label] / n
            print(f"| {'— ' * (depth - 1)}{label}, {calls:.2g}× | {per:,.0f} | {per / whole:.0%} |")
            named += per if depth == 1 else 0.0
        rest = whole - named
        print(f"| HTTP, aiohttp, event loop, thread hops, the client (the rest) | {rest:,.0f} | {rest / whole:.0%} |")
        total_statements = sum(stages.statements.values())
        print()
        print(
            f"SQL statements per callback: {total_statements / n:.1f} — "
            + ", ".join(f"{k} {v / n:.2f}" for k, v in stages.statements.most_common())
        )
        busy = sampler.busy or 1
        print()
        print(
            f"Profile 2: {len(extra):,} more pushes at concurrency {args.concurrency} "
            f"({prof_check['ok']:,} answered correctly, {profiled.rate:,.0f} /s, p99 {profiled.pct(99):,.0f} ms), "
            f"the hub's threads sampled every {sampler.interval * 1000:.1f} ms: {busy:,} stacks not idle. Where "
            f"they were (innermost product function → innermost function; a thread in SQLite, waiting for "
            f"its lock or the interpreter lock shows as the Python function that called in):"
        )
        print()
        print("| where | share of busy stacks |")
        print("|---|---:|")
        for name, count in sampler.where.most_common(12):
            print(f"| {name} | {count / busy:.1%} |")
    return 0 if ok_hub == len(hub_pushes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
