"""Materials, drafts, publishing and mass sends in the sandbox, through the real Gateway over HTTP on
loopback: WeChat's checks and errcodes, the asynchronous jobs followed by polling and by the signed (and
encrypted) job-finished pushes, the mass-send quota on the China calendar, and clientmsgid making a retry
after a lost answer send once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
import requests
from aiohttp import web

from console.runtime import ServerThread
from console.sandbox import SandboxAccount, SandboxState, create_app, random_account
from console.sandbox.media import png_bytes
from console.sandbox.publishing import CHINA
from console.secrets import AccountSecrets, Vault
from console.secrets.memory import MemoryKeyring
from console.wechat.callback import open_callback
from console.wechat.errors import NETWORK_ERROR, WeChatError, describe
from console.wechat.gateway import Gateway, MassSent

SETTLE = 5.0


@dataclass
class Receiver:
    """A stand-in hub: verifies and opens every push with the hub's own open_callback."""

    accounts: dict[str, SandboxAccount] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle(self, request: web.Request) -> web.Response:
        acc = self.accounts[request.match_info["appid"]]
        secrets = AccountSecrets(acc.secret, acc.token, acc.aes_key)
        message = open_callback(acc.appid, secrets, acc.safe_mode, dict(request.query), await request.read())
        with self.lock:
            self.events.append({"appid": acc.appid, "encrypted": request.query.get("encrypt_type") == "aes", **message})
        return web.Response(text="success")

    def of(self, appid: str, event: str) -> list[dict[str, Any]]:
        with self.lock:
            return [e for e in self.events if e["appid"] == appid and e.get("Event") == event]


@dataclass
class World:
    state: SandboxState
    url: str
    hub_url: str
    receiver: Receiver
    vault: Vault
    gateway: Gateway

    def account(self, safe_mode: bool = True, account_type: str = "subscription", followers: int = 3) -> SandboxAccount:
        """A fresh account registered through the control API, known to the receiver and the vault."""
        appid = "wx" + random_account("x", "x").secret[:16]
        acc = random_account(appid, f"{self.hub_url}/wechat/{appid}", safe_mode, account_type)
        resp = requests.post(f"{self.url}/sandbox/accounts", json=acc.as_json(), timeout=10)
        assert resp.status_code == 200, resp.text
        assert resp.json()["account_type"] == account_type
        self.receiver.accounts[appid] = acc
        self.vault.put(appid, AccountSecrets(acc.secret, acc.token, acc.aes_key))
        for n in range(followers):
            self.state.record_interaction(appid, f"oFollower{n:04d}" + "x" * 15, "subscribe")
        return acc

    def control(self, path: str, body: dict[str, Any]) -> requests.Response:
        return requests.post(f"{self.url}{path}", json=body, timeout=10)

    def listing(self, path: str, appid: str) -> list[dict[str, Any]]:
        resp = requests.get(f"{self.url}{path}", params={"appid": appid}, timeout=10)
        assert resp.status_code == 200, resp.text
        return resp.json()

    def cover(self, appid: str) -> str:
        media_id, _url = self.gateway.add_image_material(appid, png_bytes(appid), "cover.png")
        return media_id

    def draft(self, appid: str, title: str = "县政府关于春节期间安全工作的通知", count: int = 1) -> str:
        thumb = self.cover(appid)
        return self.gateway.draft_add(appid, [article(thumb, f"{title}（{i + 1}）") for i in range(count)])

    def advance_to(self, when: datetime) -> None:
        """Move the sandbox clock forward to a China-time moment."""
        seconds = when.timestamp() - self.state.clock.now()
        assert seconds > 0
        assert self.control("/sandbox/clock", {"advance": seconds}).status_code == 200


def article(thumb: str, title: str = "县政府关于春节期间安全工作的通知", **extra: Any) -> dict[str, Any]:
    return {
        "title": title,
        "author": "县融媒体",
        "digest": "",
        "content": "<p>各乡镇、各部门：</p><p>春节将至，请做好安全生产工作。</p>",
        "content_source_url": "",
        "thumb_media_id": thumb,
        "need_open_comment": 0,
        "only_fans_can_comment": 0,
        **extra,
    }


def wait_until(condition: Callable[[], Any], what: str, timeout: float = SETTLE) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.02)


def china_now(world: World) -> datetime:
    return datetime.fromtimestamp(world.state.clock.now(), CHINA)


@pytest.fixture
def world() -> Iterator[World]:
    servers = ServerThread("test-publishing")
    receiver = Receiver()
    hub_app = web.Application()
    hub_app.router.add_post("/wechat/{appid}", receiver.handle)
    hub_url = servers.serve(hub_app)
    state = SandboxState()
    url = servers.serve(create_app(state))
    vault = Vault(MemoryKeyring())
    yield World(state, url, hub_url, receiver, vault, Gateway(vault, url, backoff=0.01))
    servers.stop()


def refused(call: Callable[[], Any]) -> WeChatError:
    with pytest.raises(WeChatError) as caught:
        call()
    return caught.value


# --- pictures and materials ----------------------------------------------------------------------------


def test_article_image_url_serves_the_uploaded_bytes(world: World) -> None:
    acc = world.account()
    data = png_bytes("正文配图")
    url = world.gateway.upload_article_image(acc.appid, data, "photo.png")
    assert url.startswith(world.url + "/sandbox/img/" + acc.appid + "/")
    got = requests.get(url, timeout=10)
    assert got.status_code == 200 and got.content == data
    assert got.headers["Content-Type"] == "image/png"


def test_article_image_must_be_small_jpg_or_png(world: World) -> None:
    acc = world.account()
    gif = b"GIF89a" + b"\x00" * 64
    assert refused(lambda: world.gateway.upload_article_image(acc.appid, gif, "a.gif")).errcode == 40005
    big = png_bytes("x")[:8] + b"\x00" * (1024 * 1024)
    error = refused(lambda: world.gateway.upload_article_image(acc.appid, big, "big.png"))
    assert error.errcode == 40006 and "1 MB" in error.reason
    # a permanent material may be larger (10 MB) and a GIF
    media_id, url = world.gateway.add_image_material(acc.appid, gif, "a.gif")
    assert media_id and requests.get(url, timeout=10).content == gif


def test_material_of_other_types_is_refused(world: World) -> None:
    acc = world.account()
    token = world.gateway.client(acc.appid).access_token
    resp = requests.post(
        f"{world.url}/cgi-bin/material/add_material",
        params={"access_token": token, "type": "voice"},
        files={"media": ("a.amr", b"#!AMR\n", "audio/amr")},
        timeout=10,
    )
    assert resp.json() == {"errcode": 40004, "errmsg": "invalid media type"}


def test_publishing_calls_check_the_access_token(world: World) -> None:
    acc = world.account()
    resp = requests.get(f"{world.url}/cgi-bin/draft/count", timeout=10)
    assert resp.json()["errcode"] == 41001
    resp = requests.post(f"{world.url}/cgi-bin/draft/add", params={"access_token": "nope"}, json={}, timeout=10)
    assert resp.json()["errcode"] == 40001
    assert world.gateway.client(acc.appid).draft.count() == {"total_count": 0}


# --- the draft box --------------------------------------------------------------------------------------


def test_draft_add_update_get_delete_round_trip(world: World) -> None:
    acc = world.account()
    thumb = world.cover(acc.appid)
    media_id = world.gateway.draft_add(
        acc.appid, [article(thumb, "第一篇"), article(thumb, "第二篇", need_open_comment=1)]
    )
    items = world.gateway.draft_get(acc.appid, media_id)
    assert [i["title"] for i in items] == ["第一篇", "第二篇"]
    assert items[1]["need_open_comment"] == 1 and items[0]["thumb_media_id"] == thumb
    assert items[0]["digest"].startswith("各乡镇、各部门")  # WeChat fills an empty digest from the text
    assert items[0]["thumb_url"].startswith(world.url)
    assert world.gateway.client(acc.appid).draft.count() == {"total_count": 1}

    world.gateway.draft_update(acc.appid, media_id, 1, article(thumb, "第二篇（修改）", author="王科长"))
    items = world.gateway.draft_get(acc.appid, media_id)
    assert [i["title"] for i in items] == ["第一篇", "第二篇（修改）"] and items[1]["author"] == "王科长"
    box = world.listing("/sandbox/drafts", acc.appid)
    assert [d["media_id"] for d in box] == [media_id]
    assert [a["title"] for a in box[0]["content"]["news_item"]] == ["第一篇", "第二篇（修改）"]

    world.gateway.draft_delete(acc.appid, media_id)
    error = refused(lambda: world.gateway.draft_get(acc.appid, media_id))
    assert error.errcode == 40007 and error.reason == describe(40007, publishing=True)
    assert world.listing("/sandbox/drafts", acc.appid) == []


def test_cover_must_be_this_accounts_material(world: World) -> None:
    acc, other = world.account(), world.account()
    foreign = world.cover(other.appid)
    assert refused(lambda: world.gateway.draft_add(acc.appid, [article(foreign)])).errcode == 40007
    assert refused(lambda: world.gateway.draft_add(acc.appid, [article("no-such-media")])).errcode == 40007
    # an article picture's URL is not a material either
    url = world.gateway.upload_article_image(acc.appid, png_bytes("y"), "y.png")
    assert refused(lambda: world.gateway.draft_add(acc.appid, [article(url)])).errcode == 40007


def test_draft_limits_use_wechats_codes(world: World) -> None:
    acc = world.account()
    thumb = world.cover(acc.appid)
    add = world.gateway.draft_add
    assert refused(lambda: add(acc.appid, [article(thumb, "长" * 65)])).errcode == 45003
    assert refused(lambda: add(acc.appid, [article(thumb, author="县融媒体中心编辑部")])).errcode == 45110
    assert refused(lambda: add(acc.appid, [article(thumb, digest="摘" * 121)])).errcode == 45004
    assert refused(lambda: add(acc.appid, [article(thumb, content="字" * 20000)])).errcode == 45002
    assert refused(lambda: add(acc.appid, [article(thumb, title="")])).errcode == 44003
    assert refused(lambda: add(acc.appid, [article(thumb)] * 9)).errcode == 45008
    assert refused(lambda: add(acc.appid, [])).errcode == 44003
    assert add(acc.appid, [article(thumb, "长" * 64)] * 8)


# --- publishing -----------------------------------------------------------------------------------------


def test_publish_is_followed_to_success_and_the_event_arrives(world: World) -> None:
    acc = world.account(safe_mode=True)
    assert world.control("/sandbox/jobs", {"delay": 0.5}).json() == {"events": True, "delay": 0.5}
    media_id = world.draft(acc.appid, count=2)
    publish_id = world.gateway.publish_submit(acc.appid, media_id)
    assert world.gateway.publish_status(acc.appid, publish_id)["publish_status"] == 1

    answer = wait_until(
        lambda: (a := world.gateway.publish_status(acc.appid, publish_id))["publish_status"] == 0 and a,
        "the publish job to finish",
    )
    urls = [item["article_url"] for item in answer["article_detail"]["item"]]
    assert answer["article_detail"]["count"] == 2 and len(urls) == 2
    assert all(u.startswith("https://mp.weixin.qq.com/s/") for u in urls)
    assert answer["article_id"] and answer["fail_idx"] == []
    # published articles leave the draft box
    assert world.listing("/sandbox/drafts", acc.appid) == []
    assert refused(lambda: world.gateway.draft_get(acc.appid, media_id)).errcode == 40007
    [job] = world.listing("/sandbox/published", acc.appid)
    assert job["publish_id"] == publish_id and job["status"] == 0 and job["article_urls"] == urls
    assert job["titles"] == ["县政府关于春节期间安全工作的通知（1）", "县政府关于春节期间安全工作的通知（2）"]

    [event] = wait_until(lambda: world.receiver.of(acc.appid, "PUBLISHJOBFINISH"), "PUBLISHJOBFINISH")
    assert event["encrypted"] is True
    assert event["ToUserName"] == acc.original_id and event["MsgType"] == "event"
    assert event["FromUserName"].startswith("o") and len(event["FromUserName"]) == 28
    info = event["PublishEventInfo"]
    assert info["publish_id"] == publish_id and info["publish_status"] == "0"
    assert info["article_id"] == answer["article_id"]
    assert info["article_detail"]["count"] == "2"
    assert [i["article_url"] for i in info["article_detail"]["item"]] == urls
    assert [i["idx"] for i in info["article_detail"]["item"]] == ["1", "2"]


def test_publish_fails_with_the_armed_status(world: World) -> None:
    acc = world.account(safe_mode=False)
    assert world.control("/sandbox/faults", {"appid": acc.appid, "publish_status": 2}).status_code == 200
    media_id = world.draft(acc.appid)
    publish_id = world.gateway.publish_submit(acc.appid, media_id)
    answer = wait_until(
        lambda: (a := world.gateway.publish_status(acc.appid, publish_id))["publish_status"] != 1 and a,
        "the publish job to fail",
    )
    assert answer["publish_status"] == 2 and answer["fail_idx"] == [1] and "article_id" not in answer
    [event] = wait_until(lambda: world.receiver.of(acc.appid, "PUBLISHJOBFINISH"), "PUBLISHJOBFINISH")
    assert event["encrypted"] is False
    info = event["PublishEventInfo"]
    assert info["publish_status"] == "2" and info["fail_idx"] == "1" and "article_id" not in info
    # a failed publish leaves the draft in the box, to be fixed and tried again
    assert [d["media_id"] for d in world.listing("/sandbox/drafts", acc.appid)] == [media_id]

    world.control("/sandbox/faults", {"appid": acc.appid, "publish_status": 3})
    second = world.gateway.publish_submit(acc.appid, media_id)
    answer = wait_until(
        lambda: (a := world.gateway.publish_status(acc.appid, second))["publish_status"] != 1 and a, "failure"
    )
    assert answer["publish_status"] == 3 and answer["fail_idx"] == []  # WeChat names articles for 2 and 4 only
    third = world.gateway.publish_submit(acc.appid, media_id)  # faults are used up: this one succeeds
    wait_until(lambda: world.gateway.publish_status(acc.appid, third)["publish_status"] == 0, "success")


def test_publish_needs_a_draft_and_a_known_publish_id(world: World) -> None:
    acc = world.account()
    assert refused(lambda: world.gateway.publish_submit(acc.appid, "no-such-draft")).errcode == 40007
    assert refused(lambda: world.gateway.publish_status(acc.appid, "123")).errcode == 40007


def test_without_events_the_hub_must_poll(world: World) -> None:
    acc = world.account()
    assert world.control("/sandbox/jobs", {"events": False}).json()["events"] is False
    publish_id = world.gateway.publish_submit(acc.appid, world.draft(acc.appid))
    wait_until(lambda: world.gateway.publish_status(acc.appid, publish_id)["publish_status"] == 0, "publish")
    time.sleep(0.3)
    assert world.receiver.of(acc.appid, "PUBLISHJOBFINISH") == []


# --- mass sends -----------------------------------------------------------------------------------------


def test_mass_send_finishes_and_pushes_the_result(world: World) -> None:
    acc = world.account(safe_mode=False, followers=5)
    media_id = world.draft(acc.appid)
    sent = world.gateway.mass_send(acc.appid, media_id, "post-1-mass")
    assert isinstance(sent, MassSent) and sent.repeated is False and sent.msg_id.isdigit() and sent.msg_data_id
    wait_until(lambda: world.gateway.mass_status(acc.appid, sent.msg_id) == "SEND_SUCCESS", "the mass send")

    [event] = wait_until(lambda: world.receiver.of(acc.appid, "MASSSENDJOBFINISH"), "MASSSENDJOBFINISH")
    assert event["MsgID"] == sent.msg_id and event["Status"] == "send success"
    assert (event["TotalCount"], event["FilterCount"], event["SentCount"], event["ErrorCount"]) == ("5", "5", "5", "0")
    result = event["ArticleUrlResult"]
    assert result["Count"] == "1" and result["ResultList"]["item"]["ArticleIdx"] == "1"
    assert result["ResultList"]["item"]["ArticleUrl"].startswith("https://mp.weixin.qq.com/s/")

    [record] = world.listing("/sandbox/mass", acc.appid)
    assert record["msg_id"] == int(sent.msg_id) and record["clientmsgid"] == "post-1-mass"
    assert record["media_id"] == media_id and record["titles"] == ["县政府关于春节期间安全工作的通知（1）"]
    assert world.listing("/sandbox/drafts", acc.appid) == []  # mass sent: out of the draft box


def test_mass_send_fails_with_the_armed_status(world: World) -> None:
    acc = world.account(safe_mode=True, account_type="service")
    assert world.control("/sandbox/faults", {"appid": acc.appid, "mass_status": "err(10001)"}).status_code == 200
    sent = world.gateway.mass_send(acc.appid, world.draft(acc.appid), "fails")
    wait_until(lambda: world.gateway.mass_status(acc.appid, sent.msg_id) == "SEND_FAIL", "the mass send to fail")
    [event] = wait_until(lambda: world.receiver.of(acc.appid, "MASSSENDJOBFINISH"), "MASSSENDJOBFINISH")
    assert event["encrypted"] is True and event["Status"] == "err(10001)"
    assert event["SentCount"] == "0" and event["ArticleUrlResult"]["Count"] == "0"


def test_mass_send_needs_a_draft_in_the_box(world: World) -> None:
    acc = world.account()
    assert refused(lambda: world.gateway.mass_send(acc.appid, "no-such-draft", "x")).errcode == 40007
    assert world.listing("/sandbox/mass", acc.appid) == []


def test_subscription_account_mass_sends_once_per_china_day(world: World) -> None:
    acc = world.account(account_type="subscription")
    morning = (china_now(world) + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    world.advance_to(morning)
    world.gateway.mass_send(acc.appid, world.draft(acc.appid), "day1-a")
    second = world.draft(acc.appid, "第二条")
    error = refused(lambda: world.gateway.mass_send(acc.appid, second, "day1-b"))
    assert error.errcode == 45028 and "群发次数已用完" in error.reason
    world.advance_to(morning.replace(hour=23, minute=59))
    assert refused(lambda: world.gateway.mass_send(acc.appid, second, "day1-c")).errcode == 45028
    world.advance_to(morning.replace(hour=0, minute=0, second=1) + timedelta(days=1))  # China midnight passed
    assert world.gateway.mass_send(acc.appid, second, "day2-a").repeated is False
    assert [m["clientmsgid"] for m in world.listing("/sandbox/mass", acc.appid)] == ["day1-a", "day2-a"]


def test_service_account_mass_sends_four_times_per_china_month(world: World) -> None:
    acc = world.account(account_type="service")
    now = china_now(world)
    start = (now.replace(day=28) + timedelta(days=5)).replace(day=1, hour=9, minute=0, second=0, microsecond=0)
    world.advance_to(start)  # the 1st of next month, 09:00 China time
    for n in range(4):
        world.gateway.mass_send(acc.appid, world.draft(acc.appid, f"第{n + 1}条"), f"m{n}")
    extra = world.draft(acc.appid, "第五条")
    assert refused(lambda: world.gateway.mass_send(acc.appid, extra, "m4")).errcode == 45028
    world.advance_to(start + timedelta(days=20))  # later the same month: still none
    assert refused(lambda: world.gateway.mass_send(acc.appid, extra, "m4")).errcode == 45028
    next_month = (start.replace(day=28) + timedelta(days=5)).replace(day=1, hour=0, minute=0, second=1)
    world.advance_to(next_month)
    assert world.gateway.mass_send(acc.appid, extra, "m4").repeated is False
    assert len(world.listing("/sandbox/mass", acc.appid)) == 5


def test_retry_after_a_dropped_answer_sends_once(world: World) -> None:
    acc = world.account(account_type="subscription")
    media_id = world.draft(acc.appid)
    assert world.control("/sandbox/faults", {"drop": "/cgi-bin/message/mass/sendall"}).status_code == 200

    error = refused(lambda: world.gateway.mass_send(acc.appid, media_id, "post-7-mass"))
    assert error.errcode == NETWORK_ERROR  # the caller cannot tell whether WeChat sent it…
    [first] = world.listing("/sandbox/mass", acc.appid)  # …but WeChat did
    assert first["clientmsgid"] == "post-7-mass"
    wait_until(lambda: world.gateway.mass_status(acc.appid, str(first["msg_id"])) == "SEND_SUCCESS", "the send")

    # the retry with the same clientmsgid is answered 45065 with the first msg_id, and sends nothing —
    # although the draft has left the box and today's quota is spent
    again = world.gateway.mass_send(acc.appid, media_id, "post-7-mass")
    assert again == MassSent(msg_id=str(first["msg_id"]), msg_data_id=None, repeated=True)
    assert len(world.listing("/sandbox/mass", acc.appid)) == 1
    # a different clientmsgid is a new send, refused by the quota
    assert refused(lambda: world.gateway.mass_send(acc.appid, world.draft(acc.appid), "post-8")).errcode == 45028
    time.sleep(0.3)
    assert len(world.receiver.of(acc.appid, "MASSSENDJOBFINISH")) == 1


def test_clientmsgid_answer_carries_the_first_msg_id(world: World) -> None:
    acc = world.account(account_type="service")
    media_id = world.draft(acc.appid)
    first = world.gateway.mass_send(acc.appid, media_id, "same")
    token = world.gateway.client(acc.appid).access_token
    body = {
        "filter": {"is_to_all": True},
        "mpnews": {"media_id": media_id},
        "msgtype": "mpnews",
        "send_ignore_reprint": 0,
        "clientmsgid": "same",
    }
    resp = requests.post(
        f"{world.url}/cgi-bin/message/mass/sendall", params={"access_token": token}, json=body, timeout=10
    )
    assert resp.status_code == 200
    assert resp.json() == {"errcode": 45065, "errmsg": "clientmsgid exist", "msg_id": int(first.msg_id)}


# --- control API ----------------------------------------------------------------------------------------


def test_control_api_refuses_bad_requests(world: World) -> None:
    acc = world.account()
    assert world.control("/sandbox/faults", {"appid": acc.appid, "publish_status": 0}).status_code == 400
    assert world.control("/sandbox/faults", {"appid": acc.appid, "mass_status": "ok"}).status_code == 400
    assert world.control("/sandbox/faults", {"drop": "/sandbox/push"}).status_code == 400
    assert world.control("/sandbox/faults", {"appid": "wxnosuch", "publish_status": 3}).status_code == 404
    assert world.control("/sandbox/jobs", {"delay": -1}).status_code == 400
    assert world.control("/sandbox/jobs", {"events": "no"}).status_code == 400
    assert requests.get(f"{world.url}/sandbox/mass", timeout=10).status_code == 400
    assert requests.get(f"{world.url}/sandbox/mass", params={"appid": "wxnosuch"}, timeout=10).status_code == 404
    body = {**random_account("wxtype", "http://127.0.0.1:1/").as_json(), "account_type": "enterprise"}
    assert world.control("/sandbox/accounts", body).status_code == 400


def test_material_over_ten_megabytes_is_refused(world: World) -> None:
    acc = world.account()
    huge = png_bytes("z")[:8] + b"\x00" * (10 * 1024 * 1024)
    assert refused(lambda: world.gateway.add_image_material(acc.appid, huge, "huge.png")).errcode == 40006
    assert world.gateway.add_image_material(acc.appid, huge[: 10 * 1024 * 1024], "fits.png")[0]
