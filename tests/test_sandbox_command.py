"""`wxconsole sandbox --port N --hub URL` runs the WeChat stand-in as its own process: generated
accounts are written owner-only for `account add`, and the API answers by WeChat's rules."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time

import requests

from tests.test_hub_process import free_port


def test_sandbox_command_serves_tokens_for_its_generated_accounts(tmp_path):
    port = free_port()
    env = {**os.environ, "WXCONSOLE_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "console.cli", "sandbox", "--port", str(port), "--hub", "http://127.0.0.1:1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                requests.get(f"{base}/cgi-bin/token", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        accounts_file = tmp_path / "home" / "sandbox-accounts.json"
        assert stat.S_IMODE(accounts_file.stat().st_mode) == 0o600
        accounts = json.loads(accounts_file.read_text(encoding="utf-8"))
        first = accounts[0]
        assert first["hub_url"] == f"http://127.0.0.1:1/wechat/{first['appid']}"
        good = requests.get(
            f"{base}/cgi-bin/token",
            params={"grant_type": "client_credential", "appid": first["appid"], "secret": first["secret"]},
            timeout=5,
        ).json()
        assert good["expires_in"] == 7200 and len(good["access_token"]) >= 64
        bad = requests.get(
            f"{base}/cgi-bin/token",
            params={"grant_type": "client_credential", "appid": first["appid"], "secret": "wrong"},
            timeout=5,
        ).json()
        assert bad["errcode"] == 40125
    finally:
        proc.terminate()
        output = proc.communicate(timeout=15)[0]
    assert all(a["secret"] not in output and a["aes_key"] not in output for a in accounts)
