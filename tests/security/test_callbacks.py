"""Pushes WeChat never sent (issue 13, point 6): a correctly signed query from 30 days ago or from the
future, a captured push replayed after the freshness window (with its own body or a forged one), in
plaintext and safe (AES) mode, and the server check alike, get 403 and store nothing; an impossible
CreateTime, garbled XML or ciphertext, or a media id too long for SQLite get a 4xx, never a 500."""

from __future__ import annotations

import base64
import os

import pytest
import requests

from console.sandbox import build_push
from console.store.models import Message, Role
from console.wechat.callback import sign
from tests.conftest import PLAIN_APPID, SAFE_APPID

DAY = 24 * 3600
MODES = pytest.mark.parametrize("appid", [PLAIN_APPID, SAFE_APPID], ids=["plaintext", "aes"])
OPENID = "oSECURITYreplay00000000000001"


def count(world) -> int:
    with world.hub.db.session() as session:
        return session.query(Message).count()


def text_xml(world, appid: str, content: str, created: int, msg_id: int = 1234567890123456) -> str:
    original_id = world.state.account(appid).original_id
    return (
        f"<xml><ToUserName><![CDATA[{original_id}]]></ToUserName>"
        f"<FromUserName><![CDATA[{OPENID}]]></FromUserName><CreateTime>{created}</CreateTime>"
        f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>"
        f"<MsgId>{msg_id}</MsgId></xml>"
    )


@MODES
@pytest.mark.parametrize(
    "offset", [-30 * DAY, -11 * 60, 11 * 60, 30 * DAY], ids=["30d-old", "11min-old", "11min-ahead", "30d-ahead"]
)
def test_a_correctly_signed_push_outside_the_window_is_refused(world, pushes, appid, offset):
    query, body = build_push(world.state, appid, OPENID, content="三十天前签名的留言")
    stale = pushes.resign(appid, query, body, pushes.now() + offset)
    answer = pushes.post(appid, stale, body)
    assert answer.status_code == 403
    assert count(world) == 0
    # The same push signed now is taken: only the time was wrong.
    assert pushes.post(appid, pushes.resign(appid, query, body, pushes.now()), body).status_code == 200
    assert count(world) == 1


@MODES
def test_a_push_just_inside_the_window_is_taken(world, pushes, appid):
    query, body = build_push(world.state, appid, OPENID, content="九分钟前签名")
    assert pushes.post(appid, pushes.resign(appid, query, body, pushes.now() - 9 * 60), body).status_code == 200
    assert count(world) == 1


@MODES
def test_a_captured_push_replayed_after_the_window_is_refused(world, pushes, appid):
    query, body = build_push(world.state, appid, OPENID, content="被截获的留言")
    assert pushes.post(appid, query, body).status_code == 200
    assert count(world) == 1
    world.advance_clock(11 * 60)
    assert pushes.post(appid, query, body).status_code == 403
    # A captured query with forged bodies (in plaintext mode the signature does not cover the body).
    for n in range(3):
        forged = text_xml(world, appid, f"伪造的留言{n}", pushes.now(), msg_id=9000 + n)
        forged_query, forged_body = pushes.of(appid, forged)
        replay = {**forged_query, **{k: query[k] for k in ("timestamp", "nonce", "signature")}}
        if "msg_signature" in forged_query:
            replay = pushes.resign(appid, forged_query, forged_body, int(query["timestamp"]))
        assert pushes.post(appid, replay, forged_body).status_code == 403
    assert count(world) == 1


def test_a_timestamp_that_is_no_time_is_refused(world, pushes):
    query, body = build_push(world.state, PLAIN_APPID, OPENID, content="时间戳不是数字")
    token = world.state.account(PLAIN_APPID).token
    for timestamp in ("abc", "-5", "1e9", "١٧٠٠٠٠٠٠٠٠", "9" * 40, " 1700000000"):
        signed = {**query, "timestamp": timestamp, "signature": sign(token, timestamp, query["nonce"])}
        answer = pushes.post(PLAIN_APPID, signed, body)
        assert answer.status_code == 403, (timestamp, answer.status_code)
    assert count(world) == 0


def test_the_server_check_needs_a_fresh_timestamp(world, pushes):
    token = world.state.account(SAFE_APPID).token
    url = f"{world.hub_url}/wechat/{SAFE_APPID}"
    for offset, status in ((-30 * DAY, 403), (30 * DAY, 403), (-11 * 60, 403), (0, 200)):
        query = {"timestamp": str(pushes.now() + offset), "nonce": "12345", "echostr": "6789012345"}
        query["signature"] = sign(token, query["timestamp"], query["nonce"])
        answer = requests.get(url, params=query, timeout=5)
        assert answer.status_code == status, offset
        assert (answer.text == "6789012345") == (status == 200)


@MODES
@pytest.mark.parametrize(
    "created", ["99999999999999", "-1", "1e9", "1700000000.5", "١٧٠٠٠٠٠٠٠٠", "9" * 400, "4294967296", ""]
)
def test_an_impossible_create_time_is_a_4xx_and_nothing_is_stored(world, pushes, appid, created):
    query, body = pushes.of(
        appid, text_xml(world, appid, "时间不对的留言", 0).replace("<CreateTime>0<", f"<CreateTime>{created}<")
    )
    answer = pushes.post(appid, query, body)
    assert 400 <= answer.status_code < 500, answer.status_code
    assert count(world) == 0
    assert requests.get(f"{world.hub_url}/healthz", timeout=5).ok


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<xml>",
        b"<xml><Encrypt><a>1</a></Encrypt></xml>",
        b"<xml><Encrypt>not base64 !!</Encrypt></xml>",
        b"<xml><Encrypt></Encrypt></xml>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><xml><Encrypt>&e;</Encrypt></xml>',
        b"<xml><Encrypt>QUJD</Encrypt><Encrypt>QUJD</Encrypt></xml>",
        "<xml><Encrypt>中文</Encrypt></xml>".encode("gbk"),
    ],
)
def test_malformed_ciphertext_is_a_4xx_and_nothing_is_stored(world, pushes, body):
    query, _ = build_push(world.state, SAFE_APPID, OPENID, content="正常")
    token = world.state.account(SAFE_APPID).token
    try:
        import xmltodict

        encrypt = xmltodict.parse(body)["xml"]["Encrypt"]
    except Exception:
        encrypt = ""
    query["msg_signature"] = sign(
        token, query["timestamp"], query["nonce"], encrypt if isinstance(encrypt, str) else ""
    )
    answer = pushes.post(SAFE_APPID, query, body)
    assert 400 <= answer.status_code < 500, answer.status_code
    assert count(world) == 0


def test_inner_xml_that_is_no_message_is_a_4xx(world, pushes):
    for inner in (
        "not xml at all",
        "<xml></xml>",
        "<other><a>1</a></other>",
        "<xml><FromUserName><a>1</a></FromUserName></xml>",
    ):
        query, body = pushes.of(SAFE_APPID, inner)
        answer = pushes.post(SAFE_APPID, query, body)
        assert 400 <= answer.status_code < 500, (inner, answer.status_code)
    junk = base64.b64encode(os.urandom(64)).decode()
    query, _ = build_push(world.state, SAFE_APPID, OPENID, content="正常")
    query["msg_signature"] = sign(world.state.account(SAFE_APPID).token, query["timestamp"], query["nonce"], junk)
    body = f"<xml><Encrypt><![CDATA[{junk}]]></Encrypt></xml>".encode()
    assert 400 <= pushes.post(SAFE_APPID, query, body).status_code < 500
    assert count(world) == 0


@pytest.mark.parametrize("message_id", ["9" * 20, "18446744073709551616", "9223372036854775808", "-1", "1.5", "١"])
def test_a_media_id_no_row_can_have_is_404(world, message_id):
    headers = world.auth("sec-media-admin", "管理员", (Role.ADMINISTRATOR,))
    answer = requests.get(f"{world.hub_url}/api/media/{message_id}", headers=headers, timeout=5)
    assert answer.status_code == 404
    assert "error" in answer.json()
