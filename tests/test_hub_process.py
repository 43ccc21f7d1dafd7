"""The README's path for an administrator: `wxconsole account add`, then `wxconsole hub` as its own
process; a genuine signed AES callback is accepted and stored, a forged one refused; `wxconsole
messages --json` shows what was stored."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from urllib.parse import urlencode

import pytest
import requests

from console.sandbox import SandboxState, build_push, random_account
from console.secrets.vault import KEY_ENV
from tests.test_secrets import headless_env, wxconsole

APPID = "wx7777aaaa6666bbbb"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def hub_process(tmp_path):
    env = headless_env(tmp_path / "srv", **{KEY_ENV: "county passphrase for tests"})
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    port = free_port()
    account = random_account(APPID, f"http://127.0.0.1:{port}/wechat/{APPID}", safe_mode=True)
    lines = f"app_secret={account.secret}\ntoken={account.token}\naes_key={account.aes_key}\n"
    added = wxconsole(
        ["account", "add", "--db", db, "--appid", APPID, "--name", "某县发布", "--type", "service"], env, lines
    )
    assert added.returncode == 0, added.stderr
    proc = subprocess.Popen(
        [sys.executable, "-m", "console.cli", "hub", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if requests.get(f"{base}/healthz", timeout=1).ok:
                break
        except requests.ConnectionError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail(proc.stdout.read())
    state = SandboxState()
    state.add_account(account)
    yield base, state, db, env, account
    proc.terminate()
    output = proc.communicate(timeout=15)[0]
    for secret in (account.secret, account.token, account.aes_key):
        assert secret not in output  # the hub's own log never shows a secret


def test_hub_process_accepts_a_genuine_aes_callback_and_refuses_a_forged_one(hub_process):
    base, state, db, env, account = hub_process
    query, body = build_push(state, APPID, "oPROCESSfollower000000000001", content="新生儿落户需要什么材料？")
    url = f"{base}/wechat/{APPID}?{urlencode(query)}"
    assert b"<Encrypt>" in body and "新生儿".encode() not in body  # really encrypted on the wire
    ok = requests.post(url, data=body, timeout=10)
    assert (ok.status_code, ok.text) == (200, "success")
    assert requests.post(url, data=body, timeout=10).text == "success"  # WeChat's retry
    forged = requests.post(
        f"{base}/wechat/{APPID}?{urlencode({**query, 'msg_signature': '0' * 40})}", data=body, timeout=10
    )
    assert forged.status_code == 403

    listed = wxconsole(["messages", "--db", db, "--json"], env)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == 1
    row = rows[0]
    assert set(row) == {"appid", "openid", "msgid", "type", "content", "direction", "status", "created_at"}
    assert row["appid"] == APPID and row["openid"] == "oPROCESSfollower000000000001"
    assert row["type"] == "text" and row["direction"] == "in" and row["content"] == "新生儿落户需要什么材料？"
    assert row["msgid"] and row["created_at"].endswith("+00:00")
    for secret in (account.secret, account.token, account.aes_key):
        assert secret not in listed.stdout
