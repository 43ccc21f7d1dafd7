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


# --- A property-based fuzz: 2,000 signed (and, for the safe-mode account, encrypted) pushes ----------

FIELDS = [
    "ToUserName", "FromUserName", "CreateTime", "MsgType", "Content", "MsgId", "MsgID", "Event", "EventKey",
    "MediaId", "ThumbMediaId", "PicUrl", "Format", "Recognition", "Location_X", "Location_Y", "Scale",
    "Label", "Title", "Description", "Url", "Ticket", "Latitude", "Longitude", "Precision", "Status",
]  # fmt: skip
MSG_TYPES = ["text", "image", "voice", "video", "shortvideo", "location", "link", "event", "file", "miniprogrampage"]
EVENTS = [
    "subscribe", "unsubscribe", "SCAN", "CLICK", "VIEW", "LOCATION", "MASSSENDJOBFINISH", "PUBLISHJOBFINISH",
    "TEMPLATESENDJOBFINISH", "view_miniprogram", "scancode_push", "kf_create_session",
]  # fmt: skip


def _strategies():
    """Built on first use, so collecting the suite does not need hypothesis unless this test runs."""
    from hypothesis import strategies as st

    numbers = st.one_of(
        st.integers(-(2**70), 2**70),
        st.integers(0, 2**32),
        st.sampled_from([0, -1, 2**31, 2**63, 2**64, 99999999999999, 10**30]),
    ).map(str)
    texts = st.text(max_size=60) | st.text(alphabet="一二三中文留言社保?&<>]]>'\"", max_size=300)
    sized = st.integers(1, 20_000).map(lambda n: "长" * n)
    value = st.one_of(texts, numbers, sized, st.sampled_from(MSG_TYPES + EVENTS + ["", " ", "\t"]))
    nested = st.dictionaries(
        st.sampled_from(["publish_id", "publish_status", "article_id", "item", "a"]), value, max_size=3
    )
    leaf = st.one_of(
        value.map(lambda v: ("text", v)), nested.map(lambda d: ("nested", d)), value.map(lambda v: ("raw", v))
    )
    field_values = st.lists(leaf, min_size=1, max_size=2)  # two values: the element repeated
    fields = st.dictionaries(
        st.sampled_from(FIELDS + ["PublishEventInfo", "ArticleUrlResult", "x"]), field_values, max_size=12
    )

    def mostly(good, anything):
        """Mostly a well-formed value (so pushes get stored and reach the rules), sometimes anything."""
        return st.one_of(
            good.map(lambda v: [("text", v)]), good.map(lambda v: [("text", v)]), st.lists(anything, max_size=2)
        )

    openids = st.text(alphabet="oABCxyz0189-_", min_size=1, max_size=40) | st.text(min_size=1, max_size=40)
    times = st.integers(0, 2**32 - 1).map(str)
    required = st.fixed_dictionaries(
        {
            "FromUserName": mostly(openids, leaf),
            "CreateTime": mostly(times, leaf),
            "MsgType": mostly(st.sampled_from(MSG_TYPES), leaf),
            "Event": st.lists(st.sampled_from(EVENTS).map(lambda v: ("text", v)) | leaf, max_size=1),
        }
    )
    return st.tuples(st.booleans(), required, fields)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _element(name: str, kind: str, value) -> str:
    if kind == "nested":
        inner = "".join(f"<{k}>{_escape(v)}</{k}>" for k, v in value.items())
        return f"<{name}>{inner}</{name}>"
    if kind == "raw":  # unescaped: often not XML at all
        return f"<{name}>{value}</{name}>"
    return f"<{name}><![CDATA[{value.replace(']]>', ']]]]><![CDATA[>')}]]></{name}>"


def _xml(required: dict, fields: dict) -> str:
    parts = [_element(name, kind, value) for name, leaves in {**fields, **required}.items() for kind, value in leaves]
    return "<xml>" + "".join(parts) + "</xml>"


def test_fuzzed_pushes_never_get_a_5xx_and_the_hub_stays_up(world, pushes):
    from hypothesis import HealthCheck, given, settings

    answers: dict[int, int] = {}
    session = requests.Session()

    @settings(
        max_examples=2000,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_strategies())
    def one_push(case) -> None:
        safe, required, fields = case
        appid = SAFE_APPID if safe else PLAIN_APPID
        xml = _xml(required, fields)
        query, body = pushes.of(appid, xml)
        from urllib.parse import urlencode

        answer = session.post(f"{world.hub_url}/wechat/{appid}?{urlencode(query)}", data=body, timeout=10)
        answers[answer.status_code] = answers.get(answer.status_code, 0) + 1
        assert answer.status_code < 500, (answer.status_code, xml[:500])

    one_push()
    assert sum(answers.values()) >= 2000
    assert set(answers) <= {200, 400, 403}, answers
    assert answers.get(200, 0) > 100 and answers.get(400, 0) > 100, answers  # both stored and refused were tried
    assert requests.get(f"{world.hub_url}/healthz", timeout=5).json()["ok"] is True
    world.push(SAFE_APPID, OPENID, content="模糊测试之后的正常留言")
    with world.hub.db.session() as db_session:
        assert db_session.query(Message).filter(Message.content == "模糊测试之后的正常留言").count() == 1
