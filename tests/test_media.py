"""Messages of every kind, end to end: the sandbox pushes pictures, voice, video, locations and links;
the hub stores each as what it is, fetches its file from WeChat once and keeps it; the desktop keeps its
own copy. Expired or unknown media and messages without a file give a reason in Chinese."""

from __future__ import annotations

import asyncio
import struct
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from aiohttp import web

from console.hub import media_api, serve
from console.paths import data_dir
from console.sandbox.follower_messages import Image, Link, Location, Video, Voice
from console.sandbox.media import MEDIA_LIFETIME
from console.sync.media import OFFLINE_REASON, MediaCache, MediaUnavailable
from console.wechat.errors import describe
from tests.conftest import PLAIN_APPID, SAFE_APPID
from tests.helpers import stored

OPENID = "oTESTmedia00000000000000000001"
EXPIRED_REASON = describe(40007)


@pytest.fixture(autouse=True)
def hub_apps(monkeypatch: pytest.MonkeyPatch) -> list[web.Application]:
    """Make sure every hub built in the test serves /api/media (add_routes is idempotent, so this is a
    no-op once console/hub/app.py registers it), and remember the apps for prefetch."""
    apps: list[web.Application] = []
    original = serve.create_hub_app

    def create_with_media(ctx):
        app = original(ctx)
        media_api.add_routes(app)
        apps.append(app)
        return app

    monkeypatch.setattr(serve, "create_hub_app", create_with_media)
    return apps


def media_url(world, message_id: int, thumb: bool = False) -> str:
    return f"{world.hub_url}/api/media/{message_id}" + ("?thumb=1" if thumb else "")


def last_message(world):
    return stored(world)[-1]


def png_size(data: bytes) -> tuple[int, int]:
    """Walk the PNG chunks, checking every CRC and that the pixels inflate to the declared size."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        tag, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(tag + body) & 0xFFFFFFFF
        chunks[tag] = body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (8, 2)
    assert len(zlib.decompress(chunks[b"IDAT"])) == height * (1 + 3 * width)
    return width, height


# --- every kind stored as what it is ----------------------------------------------------------------------


@pytest.mark.parametrize("appid", [PLAIN_APPID, SAFE_APPID], ids=["plaintext", "aes"])
def test_every_kind_is_stored_as_what_it_is(world, appid):
    world.push(appid, OPENID, event="subscribe")
    world.push(appid, OPENID, message=Image())
    world.push(appid, OPENID, message=Voice(recognition="社保卡丢了怎么补办"))
    world.push(appid, OPENID, message=Voice())
    world.push(appid, OPENID, message=Video())
    world.push(appid, OPENID, message=Video(short=True))
    world.push(appid, OPENID, message=Location(34.329512, 108.708971, "某县政务服务中心"))
    world.push(appid, OPENID, message=Link("关于医保缴费的通知", "https://mp.weixin.qq.com/s/abc", "缴费时间"))
    world.push(appid, OPENID, event="CLICK", event_key="MENU_GUIDE")
    world.push(appid, OPENID, content="路灯坏了")
    rows = stored(world)
    assert [(m.msg_type, m.event, m.content) for m in rows] == [
        ("event", "subscribe", "[关注了公众号]"),
        ("image", None, "[图片]"),
        ("voice", None, "[语音] 社保卡丢了怎么补办"),
        ("voice", None, "[语音]"),
        ("video", None, "[视频]"),
        ("shortvideo", None, "[小视频]"),
        ("location", None, "[位置] 某县政务服务中心"),
        ("link", None, "[链接] 关于医保缴费的通知"),
        ("event", "CLICK", "[点击菜单] MENU_GUIDE"),
        ("text", None, "路灯坏了"),
    ]
    image, voice, _, video, short, location, link = rows[1:8]
    assert image.payload["PicUrl"].startswith("http://") and len(image.payload["MediaId"]) == 64
    assert voice.payload["Format"] == "amr" and voice.payload["MediaId"]
    assert video.payload["ThumbMediaId"] and short.payload["ThumbMediaId"] != video.payload["ThumbMediaId"]
    assert (location.payload["Location_X"], location.payload["Location_Y"]) == ("34.329512", "108.708971")
    assert location.payload["Scale"] == "15"
    assert (link.payload["Url"], link.payload["Description"]) == ("https://mp.weixin.qq.com/s/abc", "缴费时间")
    assert all(m.msgid for m in rows[1:8])


def test_location_without_label_shows_coordinates(world):
    world.push(PLAIN_APPID, OPENID, message=Location(34.3, 108.7, ""))
    assert last_message(world).content == "[位置] 34.300000, 108.700000"


# --- the hub fetches once and keeps the file ------------------------------------------------------------


def test_image_is_fetched_once_through_the_hub_and_cached(world):
    world.push(SAFE_APPID, OPENID, message=Image())
    message = last_message(world)
    sent = world.state.media.get(SAFE_APPID, message.payload["MediaId"])

    first = requests.get(media_url(world, message.id), timeout=30)
    assert first.status_code == 200, first.text
    assert first.headers["Content-Type"] == "image/png"
    assert first.content == sent.data and png_size(first.content) == (64, 64)
    assert world.state.media.fetches == [sent.media_id]
    cached = list((data_dir() / "media" / SAFE_APPID).iterdir())
    assert [p.name for p in cached] == [f"{sent.media_id}.png"] and cached[0].read_bytes() == sent.data

    again = requests.get(media_url(world, message.id), timeout=30)
    assert (again.status_code, again.content) == (200, sent.data)
    assert world.state.media.fetches == [sent.media_id]  # served from the hub's cache, WeChat not asked


def test_different_pictures_look_different(world):
    world.push(PLAIN_APPID, OPENID, message=Image())
    world.push(PLAIN_APPID, OPENID, message=Image())
    a, b = (requests.get(media_url(world, m.id), timeout=30).content for m in stored(world))
    assert a != b and png_size(a) == png_size(b) == (64, 64)


def test_simultaneous_requests_share_one_download(world):
    world.push(PLAIN_APPID, OPENID, message=Image())
    url = media_url(world, last_message(world).id)
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _: requests.get(url, timeout=30), range(6)))
    assert {a.status_code for a in answers} == {200} and len({a.content for a in answers}) == 1
    assert len(world.state.media.fetches) == 1


def test_voice_and_video_with_their_types(world):
    world.push(PLAIN_APPID, OPENID, message=Voice(recognition="在吗"))
    world.push(PLAIN_APPID, OPENID, message=Video())
    voice, video = stored(world)

    answer = requests.get(media_url(world, voice.id), timeout=30)
    assert answer.headers["Content-Type"] == "audio/amr" and answer.content.startswith(b"#!AMR\n")

    # WeChat answers a video's media/get with {"video_url"}; the gateway follows it to the file.
    answer = requests.get(media_url(world, video.id), timeout=30)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"] == "video/mp4" and answer.content[4:8] == b"ftyp"
    thumb = requests.get(media_url(world, video.id, thumb=True), timeout=30)
    assert thumb.headers["Content-Type"] == "image/png" and png_size(thumb.content) == (64, 64)
    assert {p.suffix for p in (data_dir() / "media" / PLAIN_APPID).iterdir()} == {".amr", ".mp4", ".png"}


def test_prefetch_caches_before_anyone_asks(world, hub_apps):
    world.push(PLAIN_APPID, OPENID, message=Image())
    world.push(PLAIN_APPID, OPENID, content="没有图片的消息")
    image, text = stored(world)
    app = hub_apps[-1]
    assert world.servers.call(media_api.prefetch(app, image.id)) is True
    assert world.servers.call(media_api.prefetch(app, text.id)) is False
    assert len(world.state.media.fetches) == 1
    world.advance_clock(MEDIA_LIFETIME + 60)  # WeChat has deleted it by now; the hub still has it
    assert requests.get(media_url(world, image.id), timeout=30).status_code == 200
    assert len(world.state.media.fetches) == 1


# --- reasons, in Chinese --------------------------------------------------------------------------------


def test_expired_media_gives_wechats_reason_but_cached_media_survives(world):
    world.push(SAFE_APPID, OPENID, message=Image())
    world.push(SAFE_APPID, OPENID, message=Image())
    seen, late = stored(world)
    assert requests.get(media_url(world, seen.id), timeout=30).status_code == 200

    world.advance_clock(MEDIA_LIFETIME + 1)  # the access token has long expired too: wechatpy refreshes it
    answer = requests.get(media_url(world, late.id), timeout=30)
    assert answer.status_code == 502
    assert answer.json() == {"error": EXPIRED_REASON, "errcode": 40007}
    assert "3 天" in EXPIRED_REASON
    assert requests.get(media_url(world, seen.id), timeout=30).status_code == 200


def test_unknown_media_id_gives_wechats_reason(world):
    world.push(PLAIN_APPID, OPENID, message=Image(media_id="NoSuchMediaId_0123456789"))
    answer = requests.get(media_url(world, last_message(world).id), timeout=30)
    assert (answer.status_code, answer.json()["error"]) == (502, EXPIRED_REASON)
    assert not (data_dir() / "media" / PLAIN_APPID).exists() or not any((data_dir() / "media" / PLAIN_APPID).iterdir())


def test_media_of_another_account_is_unknown_to_wechat(world):
    world.push(PLAIN_APPID, OPENID, message=Image())
    foreign = last_message(world).payload["MediaId"]
    world.push(SAFE_APPID, OPENID, message=Image(media_id=foreign))
    answer = requests.get(media_url(world, last_message(world).id), timeout=30)
    assert answer.status_code == 502 and answer.json()["errcode"] == 40007


def test_messages_without_media_give_404(world):
    world.push(PLAIN_APPID, OPENID, content="请问办事大厅几点下班")
    world.push(PLAIN_APPID, OPENID, message=Location(34.33, 108.70, "某县汽车站"))
    world.push(PLAIN_APPID, OPENID, message=Image())
    text, location, image = stored(world)
    for message_id in (text.id, location.id):
        answer = requests.get(media_url(world, message_id), timeout=30)
        assert (answer.status_code, answer.json()) == (404, {"error": media_api.NO_MEDIA})
    answer = requests.get(media_url(world, image.id, thumb=True), timeout=30)
    assert (answer.status_code, answer.json()) == (404, {"error": media_api.NO_THUMB})
    for missing in ("999999", "abc"):
        answer = requests.get(f"{world.hub_url}/api/media/{missing}", timeout=30)
        assert (answer.status_code, answer.json()) == (404, {"error": media_api.NO_MESSAGE})
    assert world.state.media.fetches == []


# --- the desktop's own copy -----------------------------------------------------------------------------


def test_desktop_cache_downloads_once_and_works_offline(world, tmp_path: Path):
    world.push(SAFE_APPID, OPENID, message=Image())
    world.push(SAFE_APPID, OPENID, message=Voice())
    world.push(SAFE_APPID, OPENID, message=Image())
    image, voice, never_opened = stored(world)
    picture = world.state.media.get(SAFE_APPID, image.payload["MediaId"]).data
    root = tmp_path / "desktop-media"

    async def online() -> tuple[Path, Path, Path]:
        cache = MediaCache(root, world.hub_url)
        try:
            assert cache.cached(image.id) is None
            first = await cache.fetch(image.id)
            second = await cache.fetch(image.id)
            sound = await cache.fetch(voice.id)
        finally:
            await cache.close()
        return first, second, sound

    first, second, sound = asyncio.run(online())
    assert first == second == root / f"{image.id}.png" and first.read_bytes() == picture
    assert sound == root / f"{voice.id}.amr" and sound.read_bytes().startswith(b"#!AMR\n")
    assert sorted(p.name for p in root.iterdir()) == sorted([first.name, sound.name])  # no temp files left

    world.stop_servers()  # the hub is gone: what was opened before still opens, the rest says why not

    async def offline() -> tuple[Path, MediaUnavailable]:
        cache = MediaCache(root, world.hub_url)
        try:
            again = await cache.fetch(image.id)
            with pytest.raises(MediaUnavailable) as refused:
                await cache.fetch(never_opened.id)
        finally:
            await cache.close()
        return again, refused.value

    again, refused = asyncio.run(offline())
    assert again == first
    assert str(refused) == OFFLINE_REASON and refused.offline and refused.errcode is None


def test_desktop_cache_passes_on_the_hubs_reason(world, tmp_path: Path):
    world.push(PLAIN_APPID, OPENID, message=Image())
    world.push(PLAIN_APPID, OPENID, content="纯文字")
    image, text = stored(world)
    world.advance_clock(MEDIA_LIFETIME + 1)

    async def attempt(message_id: int) -> MediaUnavailable:
        cache = MediaCache(tmp_path / "desk", world.hub_url)
        try:
            with pytest.raises(MediaUnavailable) as refused:
                await cache.fetch(message_id)
        finally:
            await cache.close()
        return refused.value

    expired = asyncio.run(attempt(image.id))
    assert (str(expired), expired.errcode, expired.offline) == (EXPIRED_REASON, 40007, False)
    nothing = asyncio.run(attempt(text.id))
    assert (str(nothing), nothing.errcode) == (media_api.NO_MEDIA, None)
    assert not (tmp_path / "desk").exists() or not any((tmp_path / "desk").iterdir())
