"""A solo office runs no separate hub: the desktop starts one in its own process, and the window
connects to it and shows what reaches it."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlencode

import keyring
import requests

from console.accounts import add_account
from console.sandbox import SandboxState, build_push, random_account
from console.secrets import AccountSecrets, Vault
from console.store.database import open_database
from console.sync.credentials import SERVICE
from ui.app import Console, replica_url, start_embedded_hub

APPID = "wx5555eeee6666ffff"


def test_desktop_with_no_hub_configured_runs_its_own(qloop, qtbot, tmp_path, monkeypatch):
    """…and on its first run the desk creates the first administrator, signs in, and keeps only the
    session token, in the key store."""
    asked = []

    async def first_run(dialog):
        asked.append(type(dialog).__name__)
        dialog.login.setText("wangfang")
        dialog.name.setText("王芳")
        dialog.password.setText("Zhengwu-2026")
        dialog.again.setText("Zhengwu-2026")
        return True

    monkeypatch.setattr("ui.session.run_dialog", first_run)
    db_url = f"sqlite:///{tmp_path / 'solo.db'}"
    account = random_account(APPID, "unused", safe_mode=True)
    db = open_database(db_url)
    add_account(
        db,
        Vault(),
        APPID,
        "某县发布",
        "subscription",
        AccountSecrets(account.secret, account.token, account.aes_key),
        True,
    )
    db.dispose()
    servers, hub_url = start_embedded_hub(db_url)
    assert hub_url.startswith("http://127.0.0.1:")
    assert requests.get(f"{hub_url}/healthz", timeout=5).json()["ok"] is True
    console = Console(hub_url, replica_url(f"embedded:{db_url}"))
    qtbot.addWidget(console.window)
    state = SandboxState()
    state.add_account(account)

    async def scenario():
        console.start()
        deadline = time.monotonic() + 15
        query, body = build_push(state, APPID, "oSOLOfollower000000000000001", content="公积金怎么提取？")
        status = await asyncio.to_thread(
            lambda: requests.post(f"{hub_url}/wechat/{APPID}?{urlencode(query)}", data=body, timeout=10).status_code
        )
        assert status == 200
        while console.window.inbox.conversations.rowCount() == 0:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.02)
        assert console.window.inbox.conversations.row_at(0).preview == "公积金怎么提取？"
        assert console.window.connection.text() == "已连接服务端"
        assert asked == ["FirstAdminDialog"]
        assert console.window.who.text() == "已登录：王芳（管理员、审核）"
        token = keyring.get_password(SERVICE, hub_url)
        assert token and token == console.inbox.client.token
        assert keyring.get_password(SERVICE, "wangfang") is None  # the password is kept nowhere
        await console.stop()

    try:
        qloop.run_until_complete(scenario())
    finally:
        servers.stop()
    # The same hub database always maps to the same replica, whatever port the hub got this time.
    assert replica_url(f"embedded:{db_url}") == replica_url(f"embedded:{db_url}")
    assert replica_url(f"embedded:{db_url}") != replica_url(hub_url)
