"""`wxconsole sandbox`: the sandbox as its own process, for a hub run by hand. Its accounts come from
a JSON file, or are generated and written (owner-only) to the data dir for `account add` to read."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import aiohttp
from aiohttp import web

from console.paths import data_dir
from console.sandbox.demo_accounts import DEMO_ACCOUNTS
from console.sandbox.server import create_app
from console.sandbox.simulator import FollowerSimulator
from console.sandbox.state import SandboxAccount, SandboxState, random_account


def load_accounts(path: Path, hub: str) -> list[SandboxAccount]:
    accounts = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        item.setdefault("hub_url", f"{hub.rstrip('/')}/wechat/{item['appid']}")
        item.setdefault("original_id", "gh_" + item["appid"][-12:])
        accounts.append(SandboxAccount(**item))
    return accounts


def generate_accounts(hub: str) -> tuple[list[SandboxAccount], Path]:
    accounts = [random_account(appid, f"{hub.rstrip('/')}/wechat/{appid}") for appid, _n, _t in DEMO_ACCOUNTS]
    path = data_dir() / "sandbox-accounts.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump([a.as_json() for a in accounts], out, ensure_ascii=False, indent=1)
    return accounts, path


async def _serve(host: str, port: int, state: SandboxState, interval: float) -> None:
    runner = web.AppRunner(create_app(state), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    print(f"wxconsole sandbox: http://{host}:{port}  (Ctrl+C 停止)", flush=True)
    stop = asyncio.Event()
    try:
        if interval > 0:
            async with aiohttp.ClientSession() as session:
                await FollowerSimulator(state, session, list(state.accounts)).run(interval, stop)
        else:
            await stop.wait()
    finally:
        await runner.cleanup()


def run_sandbox(host: str, port: int, hub: str, accounts_file: Path | None, interval: float) -> int:
    state = SandboxState()
    if accounts_file is not None:
        accounts = load_accounts(accounts_file, hub)
    else:
        accounts, path = generate_accounts(hub)
        print(f"已生成沙箱公众号，密钥在 {path}（仅本人可读），可用 `wxconsole account add` 录入服务端。")
    for account in accounts:
        state.add_account(account)
    asyncio.run(_serve(host, port, state, interval))
    return 0
