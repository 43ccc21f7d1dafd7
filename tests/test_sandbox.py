"""The sandbox as a real HTTP server: WeChat's token and 客服 rules, and pushes a wechatpy hub accepts."""

import asyncio
import base64
import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
import xmltodict
from aiohttp import web
from wechatpy import WeChatClient
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidSignatureException, WeChatClientException
from wechatpy.utils import check_signature

from console.sandbox import (
    FollowerSimulator,
    SandboxAccount,
    SandboxState,
    WeChatApiError,
    build_push,
    create_app,
    push,
    random_account,
)
from console.sandbox.questions import NICKNAMES, QUESTIONS

HOUR = 3600


@dataclass
class Received:
    """One push as the stand-in hub saw it."""

    appid: str
    query: dict[str, str]
    raw: bytes
    message: dict[str, Any]
    encrypted: bool


@dataclass
class Hub:
    """A tiny callback receiver that verifies pushes with wechatpy, like the real hub will."""

    url: str = ""
    accounts: dict[str, SandboxAccount] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, request: web.Request) -> web.Response:
        appid = request.match_info["appid"]
        acc = self.accounts[appid]
        q = dict(request.query)
        raw = await request.read()
        try:
            check_signature(acc.token, q["signature"], q["timestamp"], q["nonce"])
            encrypted = q.get("encrypt_type") == "aes"
            if encrypted:
                crypto = WeChatCrypto(acc.token, acc.aes_key, acc.appid)
                xml = crypto.decrypt_message(raw, q["msg_signature"], q["timestamp"], q["nonce"])
            else:
                xml = raw.decode("utf-8")
            message = xmltodict.parse(xml)["xml"]
        except (InvalidSignatureException, KeyError, ValueError) as exc:
            self.rejected.append(repr(exc))
            return web.Response(status=403, text="bad signature")
        self.received.append(Received(appid, q, raw, message, encrypted))
        self.arrived.set()
        return web.Response(text="success")


@dataclass
class Env:
    state: SandboxState
    url: str
    hub: Hub
    http: aiohttp.ClientSession

    async def account(self, safe_mode: bool = True) -> SandboxAccount:
        """Register a fresh account through the control API, and teach the hub its credentials."""
        appid = "wx" + random_account("x", "x").secret[:16]
        acc = random_account(appid, f"{self.hub.url}/wechat/{appid}", safe_mode=safe_mode)
        async with self.http.post(f"{self.url}/sandbox/accounts", json=acc.as_json()) as resp:
            assert resp.status == 200, await resp.text()
        self.hub.accounts[appid] = acc
        return acc

    async def token(self, acc: SandboxAccount) -> str:
        body = await self.get_token(acc.appid, acc.secret)
        return body["access_token"]

    async def get_token(self, appid: str, secret: str, grant_type: str = "client_credential") -> dict:
        params = {"grant_type": grant_type, "appid": appid, "secret": secret}
        async with self.http.get(f"{self.url}/cgi-bin/token", params=params) as resp:
            assert resp.status == 200
            return await resp.json()

    async def send(self, token: str | None, openid: str, content: str = "您好，已收到。") -> dict:
        body = {"touser": openid, "msgtype": "text", "text": {"content": content}}
        return await self.send_raw(token, data=body)

    async def send_raw(self, token: str | None, *, data: Any = None, raw: bytes | None = None) -> dict:
        params = {"access_token": token} if token is not None else {}
        kwargs: dict[str, Any] = {"data": raw} if raw is not None else {"json": data}
        url = f"{self.url}/cgi-bin/message/custom/send"
        async with self.http.post(url, params=params, **kwargs) as resp:
            assert resp.status == 200
            return await resp.json()

    async def push(self, acc: SandboxAccount, openid: str, **body: Any) -> dict:
        async with self.http.post(
            f"{self.url}/sandbox/push", json={"appid": acc.appid, "openid": openid, **body}
        ) as resp:
            assert resp.status == 200, await resp.text()
            return await resp.json()

    async def sent(self, acc: SandboxAccount, openid: str | None = None) -> list[dict]:
        params = {"appid": acc.appid, **({"openid": openid} if openid else {})}
        async with self.http.get(f"{self.url}/sandbox/sent", params=params) as resp:
            assert resp.status == 200
            return await resp.json()

    async def advance(self, seconds: float) -> None:
        async with self.http.post(f"{self.url}/sandbox/clock", json={"advance": seconds}) as resp:
            assert resp.status == 200


async def _serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    return runner, f"http://{host}:{port}"


@pytest_asyncio.fixture
async def env() -> AsyncIterator[Env]:
    hub = Hub()
    hub_app = web.Application()
    hub_app.router.add_post("/wechat/{appid}", hub.handle)
    hub_runner, hub.url = await _serve(hub_app)
    state = SandboxState()
    sandbox_runner, url = await _serve(create_app(state))
    async with aiohttp.ClientSession() as http:
        yield Env(state, url, hub, http)
    await sandbox_runner.cleanup()
    await hub_runner.cleanup()


def _openid(n: int = 0) -> str:
    return f"oTest{n:04d}" + "x" * 19


# --- accounts -------------------------------------------------------------------------------------------


def test_random_account_has_wechat_shaped_credentials() -> None:
    acc = random_account("wx0123456789abcdef", "http://127.0.0.1:8600/wechat/wx0123456789abcdef")
    assert len(acc.aes_key) == 43 and acc.aes_key.isalnum()
    assert len(base64.b64decode(acc.aes_key + "=")) == 32
    assert len(acc.secret) == 32 and int(acc.secret, 16) >= 0
    assert len(acc.token) == 32 and acc.token.isalnum()
    assert acc.original_id.startswith("gh_") and len(acc.original_id) == 15
    assert acc.safe_mode is True
    WeChatCrypto(acc.token, acc.aes_key, acc.appid)  # wechatpy accepts the key


@pytest.mark.asyncio
async def test_control_api_rejects_bad_aes_key(env: Env) -> None:
    acc = random_account("wxbadkey", "http://127.0.0.1:1/wechat/wxbadkey")
    body = {**acc.as_json(), "aes_key": "short"}
    async with env.http.post(f"{env.url}/sandbox/accounts", json=body) as resp:
        assert resp.status == 400
    assert "wxbadkey" not in env.state.accounts


# --- access tokens --------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_token_issue_and_credential_errors(env: Env) -> None:
    acc = await env.account()
    ok = await env.get_token(acc.appid, acc.secret)
    assert len(ok["access_token"]) >= 64 and ok["expires_in"] == 7200
    assert env.state.check_token(ok["access_token"]) == acc.appid

    assert (await env.get_token(acc.appid, "0" * 32))["errcode"] == 40125
    assert (await env.get_token("wxnosuchapp", acc.secret))["errcode"] == 40013
    bad_grant = await env.get_token(acc.appid, acc.secret, grant_type="password")
    assert bad_grant == {"errcode": 40002, "errmsg": "invalid grant_type"}


@pytest.mark.asyncio
async def test_token_expires_after_7200_seconds(env: Env) -> None:
    acc = await env.account()
    openid = _openid()
    await env.push(acc, openid, content="在吗")
    token = await env.token(acc)
    await env.advance(7199)
    assert (await env.send(token, openid))["errcode"] == 0
    await env.advance(2)
    assert await env.send(token, openid) == {"errcode": 42001, "errmsg": "access_token expired"}


@pytest.mark.asyncio
async def test_new_token_keeps_previous_valid_for_five_minutes(env: Env) -> None:
    acc = await env.account()
    openid = _openid()
    await env.push(acc, openid, content="在吗")
    old = await env.token(acc)
    new = await env.token(acc)
    assert old != new
    assert (await env.send(old, openid))["errcode"] == 0
    await env.advance(299)
    assert (await env.send(old, openid))["errcode"] == 0
    await env.advance(2)
    assert await env.send(old, openid) == {
        "errcode": 40001,
        "errmsg": "invalid credential, access_token is invalid or not latest",
    }
    assert (await env.send(new, openid))["errcode"] == 0


@pytest.mark.asyncio
async def test_missing_and_unknown_token(env: Env) -> None:
    assert (await env.send(None, _openid()))["errcode"] == 41001
    assert (await env.send("not-a-token", _openid()))["errcode"] == 40001


@pytest.mark.asyncio
async def test_wechatpy_client_against_sandbox(env: Env) -> None:
    acc = await env.account()
    openid = _openid()
    await env.push(acc, openid, content="社保卡怎么补办")
    api_base = env.url + "/cgi-bin/"

    class SandboxClient(WeChatClient):
        API_BASE_URL = api_base

        def fetch_access_token(self) -> dict:
            return self._fetch_access_token(
                url=self.API_BASE_URL + "token",
                params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
            )

    def scenario() -> tuple[dict, int]:
        client = SandboxClient(acc.appid, acc.secret)
        first = client.message.send_text(openid, "请携带身份证到社保窗口办理。")
        bad = SandboxClient(acc.appid, "f" * 32)
        try:
            bad.fetch_access_token()
        except WeChatClientException as exc:
            return first, exc.errcode
        raise AssertionError("wrong secret was accepted")

    result, errcode = await asyncio.to_thread(scenario)
    assert result == {"errcode": 0, "errmsg": "ok"}
    assert errcode == 40125
    assert [m["content"] for m in await env.sent(acc, openid)] == ["请携带身份证到社保窗口办理。"]

    # When the sandbox clock passes expiry, wechatpy's cached token earns 42001 and the client
    # refreshes and retries on its own — the behaviour the console relies on.
    def after_expiry() -> tuple[str, dict]:
        client = SandboxClient(acc.appid, acc.secret)
        client.fetch_access_token()
        stale = client.access_token
        env.state.clock.advance(7201)
        return stale, client.message.send_text(openid, "第二条")

    stale, second = await asyncio.to_thread(after_expiry)
    assert second == {"errcode": 0, "errmsg": "ok"}
    with pytest.raises(WeChatApiError) as expired:
        env.state.check_token(stale)
    assert expired.value.errcode == 42001
    assert [m["content"] for m in await env.sent(acc, openid)] == ["请携带身份证到社保窗口办理。", "第二条"]


# --- 客服 message window ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_text_opens_48_hour_window(env: Env) -> None:
    acc = await env.account()
    openid = _openid()
    await env.push(acc, openid, content="公积金怎么提取？")
    token = await env.token(acc)
    assert (await env.send(token, openid, "您好，公积金提取请带身份证。"))["errcode"] == 0
    sent = await env.sent(acc, openid)
    assert [(m["openid"], m["msgtype"], m["content"]) for m in sent] == [
        (openid, "text", "您好，公积金提取请带身份证。")
    ]
    assert sent[0]["at"] == pytest.approx(env.state.clock.now(), abs=5)

    await env.advance(47 * HOUR)
    token = await env.token(acc)
    assert (await env.send(token, openid))["errcode"] == 0
    await env.advance(HOUR + 60)
    token = await env.token(acc)
    assert await env.send(token, openid) == {
        "errcode": 45015,
        "errmsg": "response out of time limit or subscription is canceled",
    }
    assert len(await env.sent(acc, openid)) == 2


@pytest.mark.asyncio
async def test_sixth_message_in_window_is_refused_until_follower_writes_again(env: Env) -> None:
    acc = await env.account()
    openid = _openid()
    await env.push(acc, openid, content="医保报销怎么办")
    token = await env.token(acc)
    for i in range(5):
        assert (await env.send(token, openid, f"第{i + 1}条"))["errcode"] == 0
    assert await env.send(token, openid, "第6条") == {"errcode": 45047, "errmsg": "out of response count limit"}
    assert len(await env.sent(acc, openid)) == 5

    await env.push(acc, openid, content="还有一个问题")  # latest interaction replaces the window
    assert (await env.send(token, openid, "请讲"))["errcode"] == 0


@pytest.mark.asyncio
async def test_subscribe_opens_one_minute_window_of_three(env: Env) -> None:
    acc = await env.account()
    token = await env.token(acc)
    a, b = _openid(1), _openid(2)
    await env.push(acc, a, event="subscribe")
    await env.push(acc, b, event="subscribe")
    for _ in range(3):
        assert (await env.send(token, a, "欢迎关注"))["errcode"] == 0
    assert (await env.send(token, a, "第四条"))["errcode"] == 45047

    assert (await env.send(token, b, "欢迎关注"))["errcode"] == 0
    await env.advance(61)
    assert (await env.send(token, b, "一分钟后"))["errcode"] == 45015


@pytest.mark.asyncio
async def test_message_window_replaced_by_later_click(env: Env) -> None:
    acc = await env.account()
    token = await env.token(acc)
    openid = _openid()
    await env.push(acc, openid, content="办事时间？")
    await env.push(acc, openid, event="CLICK", event_key="MENU_HOURS")
    await env.advance(61)
    assert (await env.send(token, openid))["errcode"] == 45015
    received = env.hub.received[-1].message
    assert (received["MsgType"], received["Event"], received["EventKey"]) == ("event", "CLICK", "MENU_HOURS")


@pytest.mark.asyncio
async def test_unknown_and_unsubscribed_followers(env: Env) -> None:
    acc = await env.account()
    token = await env.token(acc)
    assert await env.send(token, _openid(9)) == {"errcode": 40003, "errmsg": "invalid openid"}
    openid = _openid()
    await env.push(acc, openid, content="你好")
    await env.push(acc, openid, event="unsubscribe")
    assert (await env.send(token, openid))["errcode"] == 45015
    other = await env.account()
    assert (await env.send(await env.token(other), openid))["errcode"] == 40003  # openids are per account


@pytest.mark.asyncio
async def test_content_limits_and_malformed_bodies(env: Env) -> None:
    acc = await env.account()
    token = await env.token(acc)
    openid = _openid()
    await env.push(acc, openid, content="你好")
    too_long = "办" * 683  # 2049 bytes in UTF-8
    assert await env.send(token, openid, too_long) == {"errcode": 45002, "errmsg": "content size out of limit"}
    assert (await env.send(token, openid, "办" * 682))["errcode"] == 0
    assert (await env.send_raw(token, raw=b""))["errcode"] == 44002
    assert (await env.send_raw(token, raw=b"{touser: oops"))["errcode"] == 47001
    image = {"touser": openid, "msgtype": "image", "image": {"media_id": "m"}}
    assert (await env.send_raw(token, data=image))["errcode"] == 40008
    assert [m["content"] for m in await env.sent(acc)] == ["办" * 682]


# --- pushes to the hub ----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_plaintext_push_is_signed_and_parses(env: Env) -> None:
    acc = await env.account(safe_mode=False)
    openid = _openid()
    reply = await env.push(acc, openid, content="户口迁移要带什么材料？<>&]]>")
    assert reply == {"deliveries": [{"status": 200, "body": "success"}]}
    [got] = env.hub.received
    assert not got.encrypted and "encrypt_type" not in got.query and got.query["openid"] == openid
    msg = got.message
    assert msg["ToUserName"] == acc.original_id and msg["FromUserName"] == openid
    assert msg["MsgType"] == "text" and msg["Content"] == "户口迁移要带什么材料？<>&]]>"
    assert 0 < int(msg["MsgId"]) < 2**64
    assert abs(int(msg["CreateTime"]) - env.state.clock.now()) < 5


@pytest.mark.asyncio
async def test_aes_push_decrypts_with_wechatpy(env: Env) -> None:
    acc = await env.account(safe_mode=True)
    openid = _openid()
    await env.advance(49 * HOUR)
    await env.push(acc, openid, content="居住证怎么办理")
    [got] = env.hub.received
    assert got.encrypted
    envelope = xmltodict.parse(got.raw)["xml"]
    assert set(envelope) == {"ToUserName", "Encrypt"} and envelope["ToUserName"] == acc.original_id
    assert got.message["Content"] == "居住证怎么办理" and got.message["FromUserName"] == openid
    assert abs(int(got.message["CreateTime"]) - env.state.clock.now()) < 5  # sandbox time in the XML

    await env.push(acc, openid, content="明文也行吗", plaintext=True)
    assert not env.hub.received[-1].encrypted and env.hub.received[-1].message["Content"] == "明文也行吗"


@pytest.mark.asyncio
async def test_retries_deliver_identical_bodies(env: Env) -> None:
    for safe_mode in (True, False):
        acc = await env.account(safe_mode=safe_mode)
        reply = await env.push(acc, _openid(), content="新生儿落户需要什么", retries=3)
        assert [d["status"] for d in reply["deliveries"]] == [200] * 4
        got = [r for r in env.hub.received if r.appid == acc.appid]
        assert len(got) == 4
        assert len({r.raw for r in got}) == 1
        assert len({r.message["MsgId"] for r in got}) == 1


@pytest.mark.asyncio
async def test_push_function_records_window_and_returns_replies(env: Env) -> None:
    acc = await env.account()
    openid = _openid()
    results = await push(env.http, env.state, acc.appid, openid, event="subscribe")
    assert results == [(200, "success")]
    assert env.state.is_subscribed(acc.appid, openid)
    env.state.deliver(acc.appid, openid, "欢迎关注")
    assert [m.content for m in env.state.sent_to(acc.appid, openid)] == ["欢迎关注"]
    event = env.hub.received[0].message
    assert event["MsgType"] == "event" and event["Event"] == "subscribe" and "MsgId" not in event


@pytest.mark.asyncio
async def test_tampered_pushes_fail_verification(env: Env) -> None:
    async def post(acc: SandboxAccount, query: dict[str, str], body: bytes) -> int:
        async with env.http.post(acc.hub_url, params=query, data=body) as resp:
            return resp.status

    plain = await env.account(safe_mode=False)
    query, body = build_push(env.state, plain.appid, _openid(), content="疫苗接种")
    assert await post(plain, query, body) == 200
    forged = {**query, "signature": hashlib.sha1(b"forged").hexdigest()}
    assert await post(plain, forged, body) == 403

    safe = await env.account(safe_mode=True)
    query, body = build_push(env.state, safe.appid, _openid(), content="出入境")
    assert await post(safe, query, body) == 200
    garbled = body.replace(b"<Encrypt><![CDATA[", b"<Encrypt><![CDATA[AAAA")
    assert await post(safe, query, garbled) == 403
    assert len(env.hub.received) == 2 and len(env.hub.rejected) == 2


# --- follower simulator ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_simulator_step_subscribes_then_asks(env: Env) -> None:
    accs = [await env.account(), await env.account(safe_mode=False)]
    sim = FollowerSimulator(env.state, env.http, [a.appid for a in accs], followers_per_account=3, seed=7)
    openids = [o for ids in sim.followers.values() for o in ids]
    assert len(openids) == 6 and all(len(o) == 28 and o.startswith("o") for o in openids)
    assert all(env.state.nicknames[o] in NICKNAMES for o in openids)

    first = await sim.step()
    assert first.subscribed_first and first.content in QUESTIONS
    assert [d[0] for d in first.deliveries] == [200, 200]
    kinds = [(r.message["MsgType"], r.message.get("Event"), r.message.get("Content")) for r in env.hub.received]
    assert kinds == [("event", "subscribe", None), ("text", None, first.content)]
    assert {r.message["FromUserName"] for r in env.hub.received} == {first.openid}

    seen = {(first.appid, first.openid)}
    for _ in range(30):
        step = await sim.step()
        assert step.subscribed_first == ((step.appid, step.openid) not in seen)
        seen.add((step.appid, step.openid))
    texts = [r for r in env.hub.received if r.message["MsgType"] == "text"]
    assert len(texts) == 31 and len(seen) > 1


@pytest.mark.asyncio
async def test_simulator_run_until_stopped(env: Env) -> None:
    acc = await env.account()
    sim = FollowerSimulator(env.state, env.http, [acc.appid], followers_per_account=2, seed=1)
    stop = asyncio.Event()
    task = asyncio.create_task(sim.run(0.01, stop))
    while sum(r.message["MsgType"] == "text" for r in env.hub.received) < 3:
        env.hub.arrived.clear()
        await asyncio.wait_for(env.hub.arrived.wait(), timeout=30)
    stop.set()
    await asyncio.wait_for(task, timeout=30)
    assert task.done() and task.exception() is None


# --- messages of every kind and their media ---------------------------------------------------------------


async def _media_get(env: Env, params: dict[str, str]) -> tuple[int, Any, bytes]:
    """Status, headers (case-insensitive) and body of one media/get call."""
    async with env.http.get(f"{env.url}/cgi-bin/media/get", params=params) as resp:
        return resp.status, resp.headers.copy(), await resp.read()


async def _media_error(env: Env, params: dict[str, str]) -> dict:
    """media/get's answer when it is JSON (an error, or a video's URL)."""
    async with env.http.get(f"{env.url}/cgi-bin/media/get", params=params) as resp:
        assert resp.status == 200 and resp.content_type == "application/json"
        return await resp.json()


@pytest.mark.asyncio
async def test_media_messages_parse_with_wechat_field_names(env: Env) -> None:
    from console.sandbox.follower_messages import Image, Link, Location, Video, Voice

    acc = await env.account()
    openid = _openid()
    for message in (
        Image(),
        Voice(recognition="社保卡怎么补办"),
        Video(),
        Video(short=True),
        Location(34.329512, 108.708971, "某县政务服务中心", scale=16),
        Link("关于医保缴费的通知", "https://mp.weixin.qq.com/s/abc", "缴费时间"),
    ):
        assert await push(env.http, env.state, acc.appid, openid, message=message) == [(200, "success")]
    got = [r.message for r in env.hub.received]
    assert [m["MsgType"] for m in got] == ["image", "voice", "video", "shortvideo", "location", "link"]
    image, voice, video, short, location, link = got
    assert set(image) >= {"PicUrl", "MediaId", "MsgId"}
    assert (voice["Format"], voice["Recognition"]) == ("amr", "社保卡怎么补办")
    assert video["MediaId"] != video["ThumbMediaId"] and short["ThumbMediaId"]
    assert (location["Location_X"], location["Location_Y"], location["Scale"], location["Label"]) == (
        "34.329512",
        "108.708971",
        "16",
        "某县政务服务中心",
    )
    assert (link["Title"], link["Description"], link["Url"]) == (
        "关于医保缴费的通知",
        "缴费时间",
        "https://mp.weixin.qq.com/s/abc",
    )
    assert all(m["MsgId"] for m in got) and len({m["MsgId"] for m in got}) == 6
    # A media message opens the 48-hour 客服 window like text does.
    assert (await env.send(await env.token(acc), openid))["errcode"] == 0


@pytest.mark.asyncio
async def test_media_get_serves_files_like_wechat(env: Env) -> None:
    from console.sandbox.follower_messages import Image, Video, Voice

    acc, other = await env.account(), await env.account()
    openid = _openid()
    await push(env.http, env.state, acc.appid, openid, message=Image())
    await push(env.http, env.state, acc.appid, openid, message=Voice())
    await push(env.http, env.state, acc.appid, openid, message=Video())
    image_id, voice_id = env.hub.received[0].message["MediaId"], env.hub.received[1].message["MediaId"]
    video_id = env.hub.received[2].message["MediaId"]
    token = await env.token(acc)

    status, headers, body = await _media_get(env, {"access_token": token, "media_id": image_id})
    assert status == 200 and headers["Content-Type"] == "image/png" and body.startswith(b"\x89PNG\r\n\x1a\n")
    assert headers["Content-disposition"] == f'attachment; filename="{image_id}.png"'
    status, headers, body = await _media_get(env, {"access_token": token, "media_id": voice_id})
    assert headers["Content-Type"] == "audio/amr" and body.startswith(b"#!AMR\n") and len(body) > 6

    video_url = (await _media_error(env, {"access_token": token, "media_id": video_id}))["video_url"]
    async with env.http.get(video_url) as resp:
        assert resp.status == 200 and resp.headers["Content-Type"] == "video/mp4"
        assert (await resp.read())[4:8] == b"ftyp"

    invalid = {"errcode": 40007, "errmsg": "invalid media_id"}
    assert await _media_error(env, {"access_token": token, "media_id": "nope"}) == invalid
    foreign = {"access_token": await env.token(other), "media_id": image_id}
    assert await _media_error(env, foreign) == invalid  # media ids are per account
    assert (await _media_error(env, {"access_token": token}))["errcode"] == 41006
    assert (await _media_error(env, {"media_id": image_id}))["errcode"] == 41001
    assert (await _media_error(env, {"access_token": "x", "media_id": image_id}))["errcode"] == 40001
    assert len(env.state.media.fetches) == 6  # every call with a valid token is counted

    await env.advance(3 * 24 * HOUR - 10)
    token = await env.token(acc)
    assert (await _media_get(env, {"access_token": token, "media_id": image_id}))[0] == 200
    await env.advance(11)  # temporary media lives 3 days
    assert await _media_error(env, {"access_token": token, "media_id": image_id}) == invalid
    async with env.http.get(video_url) as resp:
        assert resp.status == 404


@pytest.mark.asyncio
async def test_control_api_pushes_every_kind(env: Env) -> None:
    acc = await env.account(safe_mode=False)
    openid = _openid()
    bodies = [
        {"message": {"type": "image"}},
        {"message": {"type": "voice", "recognition": "你好"}},
        {"message": {"type": "shortvideo"}},
        {"message": {"type": "location", "latitude": 34.3, "longitude": 108.7, "label": "某县汽车站"}},
        {"message": {"type": "link", "title": "通知", "url": "https://mp.weixin.qq.com/s/x"}},
        {"message": {"type": "text", "content": "文字"}},
    ]
    for body in bodies:
        result = await env.push(acc, openid, **body)
        assert result["deliveries"] == [{"status": 200, "body": "success"}]
    assert [r.message["MsgType"] for r in env.hub.received] == [
        "image",
        "voice",
        "shortvideo",
        "location",
        "link",
        "text",
    ]
    assert env.state.media.get(acc.appid, env.hub.received[0].message["MediaId"]).kind == "image"

    for bad in (
        {"message": {"type": "sticker"}},
        {"message": {"type": "link", "title": "缺少网址"}},
        {"message": {"type": "location", "latitude": "north", "longitude": 1, "label": "x"}},
        {"message": {"type": "image"}, "content": "两种都给"},
        {"message": "image"},
    ):
        async with env.http.post(f"{env.url}/sandbox/push", json={"appid": acc.appid, "openid": openid, **bad}) as r:
            assert r.status == 400, bad
    assert len(env.hub.received) == len(bodies)


@pytest.mark.asyncio
async def test_simulator_sends_every_kind_but_mostly_text(env: Env) -> None:
    acc = await env.account()
    sim = FollowerSimulator(env.state, env.http, [acc.appid], followers_per_account=4, seed=3)
    steps = [await sim.step() for _ in range(200)]
    kinds = [r.message.get("Event") or r.message["MsgType"] for r in env.hub.received]
    counts = {kind: kinds.count(kind) for kind in set(kinds)}
    assert counts["text"] == 200 and {"image", "voice", "location", "link", "CLICK", "subscribe"} <= set(counts)
    assert counts["text"] > 3 * (len(kinds) - counts["text"] - counts["subscribe"])
    # The question always comes right after, so the follower's window is the 48-hour one.
    followed_by = [after for before, after in zip(kinds, kinds[1:], strict=False) if before != "text"]
    assert set(followed_by) == {"text"} and kinds[-1] == "text"
    assert {s.extra for s in steps} >= {None, "image", "voice", "location", "link", "CLICK"}
    assert all(s.extra is None for s in steps if s.subscribed_first)
    token = await env.token(acc)
    for received in env.hub.received:
        if received.message["MsgType"] in ("image", "voice"):
            status, _, _ = await _media_get(env, {"access_token": token, "media_id": received.message["MediaId"]})
            assert status == 200
