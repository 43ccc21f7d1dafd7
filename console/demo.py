"""The demo world: sandbox + hub on loopback with seeded accounts and followers who keep writing.
Its secrets are generated per run and kept in memory only; its files live in a throwaway folder."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import threading
import uuid
from datetime import timedelta
from pathlib import Path
from secrets import token_urlsafe
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy import select

from console.accounts import add_account
from console.command_path import Seat, apply
from console.hub.context import HubContext
from console.hub.serve import build_hub
from console.inbox.presence import PresenceBoard
from console.publishing.demo_posts import cover_png, seed_posts
from console.replies.starter import install_starter
from console.runtime import ServerThread
from console.sandbox import FollowerSimulator, SandboxAccount, SandboxState, create_app, push, random_account
from console.sandbox.demo_accounts import DEMO_ACCOUNTS
from console.sandbox.simulator import SimulatedMessage
from console.sandbox.state import SentMessage
from console.secrets import AccountSecrets, Vault
from console.secrets.memory import MemoryKeyring
from console.staff.directory import create_staff, set_accounts
from console.staff.sessions import sign_in
from console.store.database import next_seq
from console.store.models import Account, ChecklistItem, Conversation, Follower, Role, Staff
from console.timeutil import from_epoch
from console.workcal.hours import to_china

DEMO_UNITS = {"某县发布": "某县融媒体中心", "某县人社": "某县人力资源和社会保障局", "某县医保": "某县医疗保障局"}
DEMO_STAFF = [("seat-demo0001", "王芳"), ("seat-demo0002", "李强"), ("seat-demo0003", "张敏")]
# 王芳 (the demo's desk) answers and reviews; 李强 reviews; 张敏 answers, and her first replies wait.
DEMO_REVIEWERS = {"seat-demo0001", "seat-demo0002"}
DEMO_SUPERVISOR = "seat-demo0002"
DEMO_OWNERS = ("王芳", "张敏")  # who answers for each checklist item
DEMO_ADMIN = ("admin", "系统管理员")


class DemoWorld:
    def __init__(
        self, home: Path | None = None, seed: int = 2019, accounts: list[tuple[str, str, str]] | None = None
    ) -> None:
        self._own_home = home is None
        self.home = home or Path(tempfile.mkdtemp(prefix="wxconsole-demo-"))
        self.servers = ServerThread("wxconsole-demo")
        self.state = SandboxState()
        self.sandbox_url = self.servers.serve(create_app(self.state))
        self.vault = Vault(MemoryKeyring())
        self._http: aiohttp.ClientSession = self.servers.call(self._open_http())
        self.hub, app = self._build_hub()
        self.hub_url = self.servers.serve(app)
        self._every_account: set[str] = set()  # logins made without accounts: they follow every account
        accounts = DEMO_ACCOUNTS if accounts is None else accounts
        for appid, name, kind in accounts:
            self.add_account(appid, name, kind, safe_mode=True)
        self._seed = seed
        self._simulator: FollowerSimulator | None = None
        # Demo colleagues' passwords: made per run, kept in memory like the demo's account secrets.
        self.passwords: dict[str, str] = {}
        self._sessions: dict[str, str] = {}
        self._staff_lock = threading.Lock()  # tests sign in from several threads at once

    def _build_hub(self) -> tuple[HubContext, web.Application]:
        ctx, app = build_hub(
            f"sqlite:///{self.home / 'hub.db'}", self.vault, self.sandbox_url, media_root=self.home / "media"
        )
        ctx.clock = lambda: from_epoch(self.state.clock.now())  # one "now" for WeChat and the hub
        ctx.wordlists_dir = self.home / "wordlists"
        return ctx, app

    def stop_hub(self) -> None:
        """The hub goes away (WeChat stays): desktops see it unreachable."""
        self.servers.unserve(self.hub_url)
        self.hub.db.dispose()

    def start_hub(self) -> None:
        """The hub comes back on the same address and database."""
        self.hub, app = self._build_hub()
        port = int(self.hub_url.rsplit(":", 1)[1])
        self.servers.serve(app, port=port)

    def staff(
        self, login: str, name: str, roles: tuple[Role, ...] = (Role.OPERATOR,), accounts: list[str] | None = None
    ) -> str:
        """A colleague who can sign in (made once); returns their password. `accounts` are the appids they
        work on; left out, every account the world has — now and added later — since a colleague with no
        accounts sees none (console.staff.access)."""
        with self._staff_lock:
            return self._staff(login, name, roles, accounts)

    def _staff(self, login: str, name: str, roles: tuple[Role, ...], accounts: list[str] | None) -> str:
        if login not in self.passwords:
            password = "Demo-" + token_urlsafe(12)
            with self.hub.db.session() as session:
                chosen = accounts
                if chosen is None:
                    chosen = list(session.scalars(select(Account.appid).order_by(Account.id)))
                    self._every_account.add(login)
                create_staff(session, login, name, password, list(roles), accounts=chosen)
            self.passwords[login] = password
        return self.passwords[login]

    def token(
        self, login: str, name: str, roles: tuple[Role, ...] = (Role.OPERATOR,), accounts: list[str] | None = None
    ) -> str:
        """A signed-in session for a script or a test talking to the hub's API."""
        password = self.staff(login, name, roles, accounts)
        with self.hub.db.session() as session:
            return sign_in(session, login, password).token

    def auth(
        self, login: str, name: str, roles: tuple[Role, ...] = (Role.OPERATOR,), accounts: list[str] | None = None
    ) -> dict[str, str]:
        """The Authorization header of a session for `login` (made a colleague if new; one session each)."""
        if login not in self._sessions:
            token = self.token(login, name, roles, accounts)
            with self._staff_lock:
                self._sessions.setdefault(login, token)
        return {"Authorization": f"Bearer {self._sessions[login]}"}

    def add_account(self, appid: str, name: str, kind: str, safe_mode: bool = True) -> SandboxAccount:
        """The same account on both sides, as an administrator would set it up in WeChat and the hub."""
        account = random_account(appid, f"{self.hub_url}/wechat/{appid}", safe_mode=safe_mode, account_type=kind)
        self.state.add_account(account)
        secrets = AccountSecrets(account.secret, account.token, account.aes_key)
        add_account(self.hub.db, self.vault, appid, name, kind, secrets, safe_mode, account.original_id)
        if self._every_account:
            with self.hub.db.session() as session:
                for staff in session.scalars(select(Staff).where(Staff.login.in_(self._every_account))):
                    if appid not in (staff.accounts or []):
                        set_accounts(session, staff.id, [*(staff.accounts or []), appid])
        return account

    async def _open_http(self) -> aiohttp.ClientSession:
        return aiohttp.ClientSession()

    @property
    def simulator(self) -> FollowerSimulator:
        """Followers for every account registered so far (made on first use)."""
        if self._simulator is None:
            self._simulator = FollowerSimulator(self.state, self._http, list(self.state.accounts), seed=self._seed)
        return self._simulator

    async def _push(self, appid: str, openid: str, **kwargs: Any) -> list[tuple[int, str]]:
        return await push(self._http, self.state, appid, openid, **kwargs)

    def push(self, appid: str, openid: str, **kwargs: Any) -> list[tuple[int, str]]:
        """A follower's message or event pushed to the hub exactly as WeChat does (see sandbox.push)."""
        return self.servers.call(self._push(appid, openid, **kwargs))

    def _label_followers(self) -> None:
        """Give new followers the 备注名 an operator would set, so the demo reads naturally."""
        with self.hub.db.session() as session:
            for follower in session.scalars(select(Follower).where(Follower.remark.is_(None))):
                nickname = self.state.nicknames.get(follower.openid)
                if nickname:
                    follower.remark = nickname
                    follower.seq = next_seq(session)  # so the desktops pick the change up

    async def _step(self) -> SimulatedMessage:
        message = await self.simulator.step()
        await asyncio.to_thread(self._label_followers)
        return message

    def step(self) -> SimulatedMessage:
        """One follower writes one question (blocking; from any thread but the server loop)."""
        return self.servers.call(self._step())

    async def astep(self) -> SimulatedMessage:
        """The same, awaited from another event loop (the window's)."""
        return await asyncio.wrap_future(self.servers.submit(self._step()))

    def seed(self, messages: int = 10) -> None:
        """Colleagues, the starter rules and templates, followers writing in, and a reply of 张敏's
        waiting in the review queue (某县人社 holds first replies to a new follower)."""
        for login, name in DEMO_STAFF:
            roles = (Role.OPERATOR, Role.SUPERVISOR) if login in DEMO_REVIEWERS else (Role.OPERATOR,)
            self.staff(login, name, roles)
        self.staff(DEMO_ADMIN[0], DEMO_ADMIN[1], (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR))
        with self.hub.db.session() as session:
            accounts = [(a.appid, a.name) for a in session.scalars(select(Account).order_by(Account.id))]
        install_starter(self.hub.db, accounts, apply)
        for _ in range(messages):
            self.step()
        if len(accounts) > 1:
            self._seed_review(accounts[1][0])
        self._seed_posts()
        self._seed_checklist()

    def _seed_checklist(self) -> None:
        """Each account's 账号台账 and its security checklist, one item done and signed, one overdue."""
        board = PresenceBoard()
        admin = self._seat(DEMO_ADMIN[0])
        with self.hub.db.session() as session:
            accounts = [(a.appid, a.name) for a in session.scalars(select(Account).order_by(Account.id))]
        for n, (appid, name) in enumerate(accounts):
            unit = DEMO_UNITS.get(name, name)
            register = {
                "unit": unit,
                "owner": ["陈建国", "刘红", "赵志强"][n % 3],
                "owner_phone": f"0000-12345{n:02d}",
                "operators": "王芳、张敏",
                "contact": f"0000-76543{n:02d}",
                "verified": "已认证",
                "opened_on": ["2014-09-01", "2016-03-15", "2019-11-20"][n % 3],
                "frequency": "每周不少于3次",
            }
            apply(
                self.hub.db,
                board,
                uuid.uuid4().hex,
                "register_save",
                0,
                {"account": appid, "register": register},
                admin,
                self.hub.clock(),
            )
            apply(
                self.hub.db,
                board,
                uuid.uuid4().hex,
                "checklist_install",
                0,
                {"account": appid},
                admin,
                self.hub.clock(),
            )
        with self.hub.db.session() as session:
            items = list(session.scalars(select(ChecklistItem).order_by(ChecklistItem.id)))
            if not items:
                return
            for n, item in enumerate(items):  # the office shares the items out between its two operators
                item.owner, item.seq = DEMO_OWNERS[n % len(DEMO_OWNERS)], next_seq(session)
            overdue = next((i for i in items if i.auto is None and i.period == "yearly"), items[0])
            overdue.due_on = to_china(self.hub.clock()).date() - timedelta(days=12)
            overdue.seq = next_seq(session)
            done = next((i for i in items if i.auto is None and i.period == "quarterly"), items[-1])
            done_id = done.id
        args = {"item_id": done_id, "note": "已核对管理员和运营者微信绑定，共 3 人，均为在岗人员。"}
        answer = apply(
            self.hub.db,
            board,
            uuid.uuid4().hex,
            "checklist_done",
            0,
            args,
            self._seat("seat-demo0003"),
            self.hub.clock(),
        )
        record_id = answer.result.get("record_id")
        if record_id:
            apply(
                self.hub.db,
                board,
                uuid.uuid4().hex,
                "checklist_signoff",
                0,
                {"record_id": record_id},
                self._seat(DEMO_SUPERVISOR),
                self.hub.clock(),
            )

    def _seed_posts(self) -> None:
        """A publishing history and plan (console.publishing.demo_posts); the drafts meant for review are
        submitted by 张敏 as she would, so they wait in the supervisors' queue."""
        publisher = self.hub.publisher
        assert publisher is not None
        cover = publisher.assets.put(cover_png(), "cover.png")
        board = PresenceBoard()
        for post_id, urgent in seed_posts(self.hub.db, self.hub.clock(), cover):
            args = {"post_id": post_id, "urgent": urgent}
            apply(
                self.hub.db,
                board,
                uuid.uuid4().hex,
                "post_submit",
                0,
                args,
                self._seat("seat-demo0003"),
                self.hub.clock(),
            )

    def _seat(self, login: str) -> Seat:
        with self.hub.db.session() as session:
            staff = session.scalar(select(Staff).where(Staff.login == login))
            assert staff is not None
            return Seat.of(staff)

    def _seed_review(self, appid: str) -> None:
        seat = self._seat

        board = PresenceBoard()
        policy = {"account": appid, "replies": "first", "article_levels": 2}
        apply(self.hub.db, board, uuid.uuid4().hex, "review_policy", 0, policy, seat(DEMO_ADMIN[0]), self.hub.clock())
        with self.hub.db.session() as session:
            conversation_id = session.scalar(
                select(Conversation.id)
                .join(Account, Account.id == Conversation.account_id)
                .where(Account.appid == appid)
                .order_by(Conversation.id)
                .limit(1)
            )
        if conversation_id is not None:
            text = "您好，您反映的问题我们已记录，会尽快转交相关科室办理，办理结果会及时告知您。"
            args = {"content": text}
            apply(
                self.hub.db,
                board,
                uuid.uuid4().hex,
                "reply",
                conversation_id,
                args,
                seat("seat-demo0003"),
                self.hub.clock(),
            )

    def keep_writing(self, interval: float = 20.0) -> None:
        async def _run() -> None:
            while True:
                await asyncio.sleep(interval)
                await self._step()

        self._writer = self.servers.submit(_run())

    def advance_clock(self, seconds: float) -> None:
        """Jump WeChat's (and so the hub's) clock; desktops waiting on the hub hear of it at once."""
        self.state.clock.advance(seconds)
        if self.servers.loop.is_running():
            self.servers.loop.call_soon_threadsafe(self.hub.feed.notify)

    def sent_to(self, appid: str, openid: str | None = None, via: str | None = None) -> list[SentMessage]:
        """What WeChat delivered: 客服 messages (via="custom"), passive replies ("passive"), or both."""
        return self.state.sent_to(appid, openid, via)

    def stop_servers(self) -> None:
        """Sandbox and hub go away (a hub outage, as the desktop sees it)."""
        writer = getattr(self, "_writer", None)
        if writer is not None:
            writer.cancel()
        if self.servers.loop.is_running():
            self.servers.call(self._http.close())
            self.servers.stop()

    def close(self) -> None:
        self.stop_servers()
        self.hub.db.dispose()
        if self._own_home:
            shutil.rmtree(self.home, ignore_errors=True)
