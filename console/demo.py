"""The demo world: sandbox + hub on loopback with seeded accounts and followers who keep writing.
Its secrets are generated per run and kept in memory only; its files live in a throwaway folder."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

import aiohttp
from sqlalchemy import select

from console.accounts import add_account
from console.hub.serve import build_hub
from console.runtime import ServerThread
from console.sandbox import FollowerSimulator, SandboxState, create_app, random_account
from console.sandbox.simulator import SimulatedMessage
from console.sandbox.state import SentMessage
from console.secrets import AccountSecrets, Vault
from console.secrets.memory import MemoryKeyring
from console.store.models import Follower

DEMO_ACCOUNTS = [
    ("wx5f1c2a9b3d7e4f60", "某县发布", "subscription"),
    ("wx8a3e6b1c9d2f4a71", "某县人社", "service"),
    ("wx2b7d9e4f1a6c3b82", "某县医保", "service"),
]


class DemoWorld:
    def __init__(self, home: Path | None = None, seed: int = 2019) -> None:
        self._own_home = home is None
        self.home = home or Path(tempfile.mkdtemp(prefix="wxconsole-demo-"))
        self.servers = ServerThread("wxconsole-demo")
        self.state = SandboxState()
        self.sandbox_url = self.servers.serve(create_app(self.state))
        self.vault = Vault(MemoryKeyring())
        self.hub, app = build_hub(f"sqlite:///{self.home / 'hub.db'}", self.vault, self.sandbox_url)
        self.hub_url = self.servers.serve(app)
        for appid, name, kind in DEMO_ACCOUNTS:
            account = random_account(appid, f"{self.hub_url}/wechat/{appid}", safe_mode=True)
            self.state.add_account(account)
            secrets = AccountSecrets(account.secret, account.token, account.aes_key)
            add_account(self.hub.db, self.vault, appid, name, kind, secrets, True, account.original_id)
        self.simulator: FollowerSimulator = self.servers.call(self._simulator(seed))
        self._stop = asyncio.Event()

    async def _simulator(self, seed: int) -> FollowerSimulator:
        self._http = aiohttp.ClientSession()
        return FollowerSimulator(self.state, self._http, [a[0] for a in DEMO_ACCOUNTS], seed=seed)

    def _label_followers(self) -> None:
        """Give new followers the 备注名 an operator would set, so the demo reads naturally."""
        with self.hub.db.session() as session:
            for follower in session.scalars(select(Follower).where(Follower.remark.is_(None))):
                nickname = self.state.nicknames.get(follower.openid)
                if nickname:
                    follower.remark = nickname

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
        for _ in range(messages):
            self.step()

    def keep_writing(self, interval: float = 20.0) -> None:
        async def _run() -> None:
            while True:
                await asyncio.sleep(interval)
                await self._step()

        self._writer = self.servers.submit(_run())

    def advance_clock(self, seconds: float) -> None:
        self.state.clock.advance(seconds)

    def sent_to(self, appid: str, openid: str | None = None) -> list[SentMessage]:
        return self.state.sent_to(appid, openid)

    def close(self) -> None:
        writer = getattr(self, "_writer", None)
        if writer is not None:
            writer.cancel()
        self.servers.call(self._http.close())
        self.servers.stop()
        self.hub.db.dispose()
        if self._own_home:
            shutil.rmtree(self.home, ignore_errors=True)
