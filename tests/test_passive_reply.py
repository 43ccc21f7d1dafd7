"""Passive replies: the hub's XML answer to a push, rendered and encrypted as WeChat expects, and the
sandbox delivering it to the follower the way WeChat does — once per message, outside the 客服 quota,
and never when the signature, addressee or XML is wrong."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
import xmltodict
from aiohttp import web
from wechatpy.crypto import WeChatCrypto

from console.replies.passive import MAX_TEXT_BYTES, PassiveReplyError, encrypt_reply, render_reply
from console.replies.rules import Reply
from console.sandbox import SandboxAccount, SandboxState, create_app, push, random_account
from console.sandbox.errors import WeChatApiError
from console.sandbox.passive import SERVICE_FAULT
from console.secrets import AccountSecrets
from console.wechat.callback import open_callback

OPENID = "oPASSIVEfollower00000000001"
ORIGINAL_ID = "gh_0123456789ab"
APPID = "wx0a1b2c3d4e5f6a7b"


def _secrets(acc: SandboxAccount) -> AccountSecrets:
    return AccountSecrets(acc.secret, acc.token, acc.aes_key)


# --- rendering and encryption (pure) ----------------------------------------------------------------------


def test_text_reply_has_wechats_exact_layout() -> None:
    xml = render_reply(Reply.of_text("请携带身份证到人社窗口办理。"), OPENID, ORIGINAL_ID, 1700000000)
    assert xml == (
        f"<xml><ToUserName><![CDATA[{OPENID}]]></ToUserName>"
        f"<FromUserName><![CDATA[{ORIGINAL_ID}]]></FromUserName>"
        "<CreateTime>1700000000</CreateTime>"
        "<MsgType><![CDATA[text]]></MsgType>"
        "<Content><![CDATA[请携带身份证到人社窗口办理。]]></Content></xml>"
    )


def test_image_and_news_layouts() -> None:
    image = xmltodict.parse(render_reply(Reply.of_image("MEDIA_123"), OPENID, ORIGINAL_ID, 1))["xml"]
    assert list(image) == ["ToUserName", "FromUserName", "CreateTime", "MsgType", "Image"]
    assert image["MsgType"] == "image" and image["Image"] == {"MediaId": "MEDIA_123"}

    reply = Reply.of_news(
        "社保卡补办指南", "材料与地点", "https://mp.weixin.qq.com/s/abc", "https://mmbiz.qpic.cn/c.jpg"
    )
    xml = render_reply(reply, OPENID, ORIGINAL_ID, 1)
    assert "<ArticleCount>1</ArticleCount><Articles><item><Title>" in xml
    news = xmltodict.parse(xml)["xml"]
    assert list(news) == ["ToUserName", "FromUserName", "CreateTime", "MsgType", "ArticleCount", "Articles"]
    assert news["MsgType"] == "news" and news["ArticleCount"] == "1"
    item = news["Articles"]["item"]
    assert list(item) == ["Title", "Description", "PicUrl", "Url"]
    assert item == {
        "Title": "社保卡补办指南",
        "Description": "材料与地点",
        "PicUrl": "https://mmbiz.qpic.cn/c.jpg",
        "Url": "https://mp.weixin.qq.com/s/abc",
    }


def test_cdata_terminator_in_text_cannot_break_out() -> None:
    hostile = "a]]><MsgType>image</MsgType>]]>b<![CDATA[c"
    parsed = xmltodict.parse(render_reply(Reply.of_text(hostile), OPENID, ORIGINAL_ID, 1))["xml"]
    assert parsed["Content"] == hostile and parsed["MsgType"] == "text"


def test_text_over_2048_bytes_is_refused() -> None:
    exactly = "办" * 682 + "ab"  # 682 × 3 + 2 = 2048 bytes
    assert len(exactly.encode("utf-8")) == MAX_TEXT_BYTES
    render_reply(Reply.of_text(exactly), OPENID, ORIGINAL_ID, 1)
    with pytest.raises(PassiveReplyError):
        render_reply(Reply.of_text(exactly + "c"), OPENID, ORIGINAL_ID, 1)
    assert issubclass(PassiveReplyError, ValueError)
    for empty in (Reply.of_text(""), Reply.of_image(""), Reply.of_news("", "", "")):
        with pytest.raises(PassiveReplyError):
            render_reply(empty, OPENID, ORIGINAL_ID, 1)


def test_encrypted_envelope_opens_with_wechatpy() -> None:
    acc = random_account(APPID, "http://127.0.0.1:1/wechat")
    xml = render_reply(Reply.of_text("您好，已收到。"), OPENID, acc.original_id, 1700000000)
    envelope = encrypt_reply(xml, APPID, _secrets(acc), "1700000001", "123456789")
    outer = xmltodict.parse(envelope)["xml"]
    assert list(outer) == ["Encrypt", "MsgSignature", "TimeStamp", "Nonce"]
    assert outer["TimeStamp"] == "1700000001" and outer["Nonce"] == "123456789"
    assert envelope.startswith("<xml><Encrypt><![CDATA[") and "<TimeStamp>1700000001</TimeStamp>" in envelope
    crypto = WeChatCrypto(acc.token, acc.aes_key, APPID)  # an independent implementation of the envelope
    assert crypto.decrypt_message(envelope, outer["MsgSignature"], "1700000001", "123456789") == xml
    with pytest.raises(PassiveReplyError):
        encrypt_reply(xml, APPID, AccountSecrets(acc.secret, acc.token, ""), "1700000001", "1")


# --- the sandbox receiving passive replies ---------------------------------------------------------------


@dataclass
class ReplyingHub:
    """A stand-in hub that opens each push with the hub's own code and answers with a passive reply.

    `mode` picks how it answers: "good", "bad_signature", "wrong_openid", "malformed", "plaintext" (a
    plaintext reply even to an encrypted push), "success", "slow" or "raw" (answer `raw` as is).
    """

    url: str = ""
    accounts: dict[str, SandboxAccount] = field(default_factory=dict)
    reply: Reply = field(default_factory=lambda: Reply.of_text("您好，社保卡补办请携带身份证到政务服务中心二楼。"))
    mode: str = "good"
    raw: str = ""
    pushes: int = 0

    async def handle(self, request: web.Request) -> web.Response:
        acc = self.accounts[request.match_info["appid"]]
        message = open_callback(acc.appid, _secrets(acc), acc.safe_mode, request.query, await request.read())
        self.pushes += 1
        if self.mode == "success":
            return web.Response(text="success")
        if self.mode == "raw":
            return web.Response(text=self.raw)
        to_user = "oSOMEONEelse0000000000000000" if self.mode == "wrong_openid" else message["FromUserName"]
        xml = render_reply(self.reply, to_user, message["ToUserName"], int(time.time()))
        if self.mode == "malformed":
            xml = xml[: len(xml) // 2]
        encrypted = request.query.get("encrypt_type") == "aes"
        if not encrypted or self.mode == "plaintext":
            return web.Response(text=xml, content_type="text/xml")
        timestamp, nonce = str(int(time.time())), "987654321"
        envelope = encrypt_reply(xml, acc.appid, _secrets(acc), timestamp, nonce)
        if self.mode == "bad_signature":
            good = xmltodict.parse(envelope)["xml"]["MsgSignature"]
            envelope = envelope.replace(good, "0" * 40)
        return web.Response(text=envelope, content_type="text/xml")


@dataclass
class Env:
    state: SandboxState
    url: str
    hub: ReplyingHub
    http: aiohttp.ClientSession

    def account(self, safe_mode: bool = True) -> SandboxAccount:
        appid = "wx" + random_account("x", "x").secret[:16]
        acc = random_account(appid, f"{self.hub.url}/wechat/{appid}", safe_mode=safe_mode)
        self.state.add_account(acc)
        self.hub.accounts[appid] = acc
        return acc

    async def push(self, acc: SandboxAccount, openid: str = OPENID, **kwargs: Any) -> list[tuple[int, str]]:
        kwargs.setdefault("content", "社保卡丢了怎么补办？")
        return await push(self.http, self.state, acc.appid, openid, **kwargs)

    def passive(self, acc: SandboxAccount) -> list[tuple[str, str]]:
        return [(m.msgtype, m.content) for m in self.state.sent_to(acc.appid, via="passive")]


async def _serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    return runner, f"http://{host}:{port}"


@pytest_asyncio.fixture
async def env() -> AsyncIterator[Env]:
    hub = ReplyingHub()
    hub_app = web.Application()
    hub_app.router.add_post("/wechat/{appid}", hub.handle)
    hub_runner, hub.url = await _serve(hub_app)
    state = SandboxState()
    sandbox_runner, url = await _serve(create_app(state))
    async with aiohttp.ClientSession() as http:
        yield Env(state, url, hub, http)
    await sandbox_runner.cleanup()
    await hub_runner.cleanup()


@pytest.mark.asyncio
async def test_correct_encrypted_reply_reaches_the_follower_inside_5_seconds(env: Env) -> None:
    acc = env.account(safe_mode=True)
    [(status, body)] = await env.push(acc)
    assert status == 200 and "<Encrypt>" in body and "<MsgSignature>" in body  # raw answer, as today
    assert env.passive(acc) == [("text", "您好，社保卡补办请携带身份证到政务服务中心二楼。")]
    [sent] = env.state.sent_to(acc.appid, OPENID)
    assert sent.via == "passive" and sent.openid == OPENID
    assert env.state.passive_errors == []
    [answer] = env.state.answers
    assert answer.passive == "delivered" and answer.status == 200 and answer.attempt == 0
    assert 0 <= answer.seconds < 5

    async with env.http.get(f"{env.url}/sandbox/sent", params={"appid": acc.appid}) as resp:
        listed = await resp.json()
    assert [(m["via"], m["msgtype"], m["content"]) for m in listed] == [
        ("passive", "text", "您好，社保卡补办请携带身份证到政务服务中心二楼。")
    ]
    async with env.http.get(f"{env.url}/sandbox/sent", params={"appid": acc.appid, "via": "custom"}) as resp:
        assert await resp.json() == []
    async with env.http.get(f"{env.url}/sandbox/answers", params={"appid": acc.appid}) as resp:
        answers = await resp.json()
    assert [a["passive"] for a in answers["answers"]] == ["delivered"] and answers["passive_errors"] == []


@pytest.mark.asyncio
async def test_plaintext_account_gets_plaintext_reply(env: Env) -> None:
    acc = env.account(safe_mode=False)
    [(status, body)] = await env.push(acc)
    assert status == 200 and body.startswith("<xml><ToUserName>")
    assert env.passive(acc) == [("text", "您好，社保卡补办请携带身份证到政务服务中心二楼。")]


@pytest.mark.asyncio
async def test_image_and_news_replies_are_recorded(env: Env) -> None:
    acc = env.account()
    env.hub.reply = Reply.of_image("IMG_MEDIA_ID_1")
    await env.push(acc)
    env.hub.reply = Reply.of_news("办事指南", "46 项业务", "https://mp.weixin.qq.com/s/guide", "https://x/c.jpg")
    await env.push(acc, content="办事指南")
    assert env.passive(acc) == [("image", "IMG_MEDIA_ID_1"), ("news", "办事指南\nhttps://mp.weixin.qq.com/s/guide")]


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("bad_signature", "MsgSignature"),
        ("wrong_openid", "ToUserName"),
        ("malformed", "XML"),
        ("plaintext", "plaintext reply"),
    ],
)
@pytest.mark.asyncio
async def test_invalid_reply_is_refused_and_explained(env: Env, mode: str, reason: str) -> None:
    acc = env.account(safe_mode=True)
    env.hub.mode = mode
    [(status, body)] = await env.push(acc)
    assert status == 200 and body  # the raw answer is still returned
    assert env.state.sent == []
    [error] = env.state.passive_errors
    assert reason in error and acc.appid in error and OPENID in error
    assert env.state.answers[0].passive == "refused"
    assert SERVICE_FAULT == "该公众号提供的服务出现故障"


@pytest.mark.asyncio
async def test_wrong_sender_and_over_long_text_are_refused(env: Env) -> None:
    acc = env.account(safe_mode=False)
    env.hub.mode = "raw"
    long_text = "办" * 683  # 2049 bytes
    env.hub.raw = render_reply(Reply.of_text("好"), OPENID, "gh_notthisaccount", 1)
    await env.push(acc)
    env.hub.raw = render_reply(Reply.of_text("好"), OPENID, acc.original_id, 1).replace("好", long_text)
    await env.push(acc)
    env.hub.raw = "<xml><ToUserName>x</ToUserName>"
    await env.push(acc)
    assert env.state.sent == []
    assert len(env.state.passive_errors) == 3
    assert "FromUserName" in env.state.passive_errors[0] and "2049 bytes" in env.state.passive_errors[1]


@pytest.mark.asyncio
async def test_success_and_empty_answers_deliver_nothing(env: Env) -> None:
    acc = env.account()
    env.hub.mode = "success"
    assert await env.push(acc) == [(200, "success")]
    env.hub.mode, env.hub.raw = "raw", ""
    assert await env.push(acc) == [(200, "")]
    assert env.state.sent == [] and env.state.passive_errors == []
    assert [a.passive for a in env.state.answers] == ["none", "none"]


@pytest.mark.asyncio
async def test_push_delivered_four_times_gets_one_passive_reply(env: Env) -> None:
    acc = env.account(safe_mode=True)
    deliveries = await env.push(acc, retries=3)
    assert [status for status, _ in deliveries] == [200] * 4 and env.hub.pushes == 4
    assert len(env.passive(acc)) == 1
    assert [a.passive for a in env.state.answers] == ["delivered", "ignored", "ignored", "ignored"]
    assert [a.attempt for a in env.state.answers] == [0, 1, 2, 3]
    assert env.state.passive_errors == []

    async with env.http.post(
        f"{env.url}/sandbox/push", json={"appid": acc.appid, "openid": OPENID, "content": "再问一次", "retries": 2}
    ) as resp:
        assert resp.status == 200
        body = await resp.json()
    assert [set(d) for d in body["deliveries"]] == [{"status", "body"}] * 3  # the HTTP answer is unchanged
    assert len(env.passive(acc)) == 2  # a new message may have its own reply


@pytest.mark.asyncio
async def test_passive_replies_do_not_consume_the_customer_service_quota(env: Env) -> None:
    acc = env.account()
    await env.push(acc, retries=2)
    assert len(env.passive(acc)) == 1
    for n in range(5):  # a follower's message allows 5 客服 messages, passive reply or not
        env.state.deliver(acc.appid, OPENID, f"第{n + 1}条")
    with pytest.raises(WeChatApiError) as refused:
        env.state.deliver(acc.appid, OPENID, "第6条")
    assert refused.value.errcode == 45047
    assert [m.via for m in env.state.sent_to(acc.appid, OPENID)] == ["passive"] + ["custom"] * 5
    assert len(env.state.sent_to(acc.appid, OPENID, via="custom")) == 5


@pytest.mark.asyncio
async def test_reply_to_unsubscribe_is_not_delivered(env: Env) -> None:
    acc = env.account()
    await env.push(acc, content=None, event="unsubscribe")
    assert env.state.sent == []
    assert env.state.answers[0].passive == "refused" and "not delivered" in env.state.passive_errors[0]
