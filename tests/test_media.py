"""Messages of every kind, end to end: the sandbox pushes pictures, voice, video, locations and links;
the hub stores each as what it is, fetches its file from WeChat as soon as it arrives (WeChat deletes it
after 3 days) and keeps it; the desktop keeps its own copy. Expired or unknown media and messages without
a file give a reason in Chinese."""

from __future__ import annotations

import asyncio
import logging
import shutil
import struct
import time
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from console.hub import media_api
from console.hub.app import create_hub_app
from console.sandbox import create_app
from console.sandbox.follower_messages import FollowerMessage, Image, Link, Location, Video, Voice
from console.sandbox.media import MEDIA_LIFETIME
from console.sync.media import OFFLINE_REASON, MediaCache, MediaUnavailable
from console.wechat.errors import describe
from tests.conftest import PLAIN_APPID, SAFE_APPID
from tests.helpers import SCRIPT, stored

OPENID = "oTESTmedia00000000000000000001"
EXPIRED_REASON = describe(40007)
SETTLE_SECONDS = 5.0


def media_url(world, message_id: int, thumb: bool = False) -> str:
    return f"{world.hub_url}/api/media/{message_id}" + ("?thumb=1" if thumb else "")


def last_message(world):
    return stored(world)[-1]


def hub_files(world, appid: str) -> list[Path]:
    """What the hub has cached for appid (DemoWorld keeps the hub's media in its own folder)."""
    folder = world.home / "media" / appid
    return sorted(folder.iterdir()) if folder.exists() else []


def wait_until(condition: Callable[[], object], what: str, timeout: float = SETTLE_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.02)


def settle(world) -> None:
    """Wait for the hub's background work: the media prefetch it starts after storing a push."""
    wait_until(lambda: not world.hub.background, "the hub's media prefetch to finish")


def push_while_wechat_is_unreachable(world, appid: str, message: FollowerMessage) -> None:
    """The push reaches the hub but WeChat's API does not answer, so the prefetch fails; then it is back."""
    port = int(world.sandbox_url.rsplit(":", 1)[1])
    world.servers.unserve(world.sandbox_url)
    try:
        assert [status for status, _ in world.push(appid, OPENID, message=message)] == [200]
        settle(world)
    finally:
        world.servers.serve(create_app(world.state), port=port)


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
    settle(world)
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
    media_ids = {m.payload["MediaId"] for m in rows if "MediaId" in m.payload}
    assert len(media_ids) == 5 and media_ids <= set(world.state.media.fetches)  # each fetched on arrival


def test_location_without_label_shows_coordinates(world):
    world.push(PLAIN_APPID, OPENID, message=Location(34.3, 108.7, ""))
    assert last_message(world).content == "[位置] 34.300000, 108.700000"


# --- the hub fetches on arrival, once, and keeps the file --------------------------------------------------


def test_image_is_cached_on_arrival_and_never_fetched_again(world, tmp_path: Path):
    world.push(SAFE_APPID, OPENID, message=Image())
    message = last_message(world)
    sent = world.state.media.get(SAFE_APPID, message.payload["MediaId"])

    # Nobody asked for it: the hub fetched it right after storing the push.
    wait_until(lambda: hub_files(world, SAFE_APPID), "the hub to cache the picture")
    settle(world)
    cached = hub_files(world, SAFE_APPID)
    assert [p.name for p in cached] == [f"{sent.media_id}.png"] and cached[0].read_bytes() == sent.data
    assert world.state.media.fetches == [sent.media_id]

    for _ in range(2):
        answer = requests.get(headers=world.auth(*SCRIPT), url=media_url(world, message.id), timeout=30)
        assert answer.status_code == 200, answer.text
        assert answer.headers["Content-Type"] == "image/png"
        assert answer.content == sent.data and png_size(answer.content) == (64, 64)

    async def on_the_desktop() -> Path:
        cache = MediaCache(tmp_path / "desk", world.hub_url, token=lambda: world.token("script", "脚本"))
        try:
            return await cache.fetch(message.id)
        finally:
            await cache.close()

    assert asyncio.run(on_the_desktop()).read_bytes() == sent.data
    assert world.state.media.fetches == [sent.media_id]  # served from the hub's cache, WeChat not asked

    world.advance_clock(MEDIA_LIFETIME + 60)  # WeChat has deleted it by now; the hub still has it
    assert requests.get(headers=world.auth(*SCRIPT), url=media_url(world, message.id), timeout=30).content == sent.data
    assert world.state.media.fetches == [sent.media_id]


def test_prefetch_again_is_free_and_skips_messages_without_media(world):
    world.push(PLAIN_APPID, OPENID, message=Image())
    world.push(PLAIN_APPID, OPENID, content="没有图片的消息")
    settle(world)
    image, text = stored(world)
    assert len(world.state.media.fetches) == 1  # the picture only: a text push starts no prefetch
    app = create_hub_app(world.hub)  # a second app over the same hub, so the same media folder
    assert world.servers.call(media_api.prefetch(app, image.id)) is True
    assert world.servers.call(media_api.prefetch(app, text.id)) is False
    assert len(world.state.media.fetches) == 1


def test_different_pictures_look_different(world):
    world.push(PLAIN_APPID, OPENID, message=Image())
    world.push(PLAIN_APPID, OPENID, message=Image())
    settle(world)
    a, b = (
        requests.get(headers=world.auth(*SCRIPT), url=media_url(world, m.id), timeout=30).content for m in stored(world)
    )
    assert a != b and png_size(a) == png_size(b) == (64, 64)


def test_simultaneous_requests_share_one_download(world):
    world.push(PLAIN_APPID, OPENID, message=Image())
    url = media_url(world, last_message(world).id)

    def six_at_once() -> None:
        with ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(lambda _: requests.get(url, headers=world.auth(*SCRIPT), timeout=30), range(6)))
        assert {a.status_code for a in answers} == {200} and len({a.content for a in answers}) == 1

    six_at_once()  # racing the hub's own prefetch: they share its download or read its file
    settle(world)
    assert len(world.state.media.fetches) == 1

    shutil.rmtree(world.home / "media" / PLAIN_APPID)  # the hub's cache is lost (a restore without it)
    six_at_once()  # the file is still at WeChat: fetched again, once for all six
    assert len(world.state.media.fetches) == 2


def test_voice_and_video_with_their_types(world):
    world.push(PLAIN_APPID, OPENID, message=Voice(recognition="在吗"))
    world.push(PLAIN_APPID, OPENID, message=Video())
    settle(world)
    voice, video = stored(world)
    assert {voice.payload["MediaId"], video.payload["MediaId"]} <= set(world.state.media.fetches)  # on arrival

    answer = requests.get(headers=world.auth(*SCRIPT), url=media_url(world, voice.id), timeout=30)
    assert answer.headers["Content-Type"] == "audio/amr" and answer.content.startswith(b"#!AMR\n")

    # WeChat answers a video's media/get with {"video_url"}; the gateway follows it to the file.
    answer = requests.get(headers=world.auth(*SCRIPT), url=media_url(world, video.id), timeout=30)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"] == "video/mp4" and answer.content[4:8] == b"ftyp"
    thumb = requests.get(headers=world.auth(*SCRIPT), url=media_url(world, video.id, thumb=True), timeout=30)
    assert thumb.headers["Content-Type"] == "image/png" and png_size(thumb.content) == (64, 64)
    assert {p.suffix for p in hub_files(world, PLAIN_APPID)} == {".amr", ".mp4", ".png"}


# --- reasons, in Chinese --------------------------------------------------------------------------------


def test_expired_media_gives_wechats_reason_but_cached_media_survives(world):
    world.push(SAFE_APPID, OPENID, message=Image())
    settle(world)
    push_while_wechat_is_unreachable(world, SAFE_APPID, Image())  # so the hub could not fetch it early
    seen, late = stored(world)
    assert [p.name for p in hub_files(world, SAFE_APPID)] == [f"{seen.payload['MediaId']}.png"]

    world.advance_clock(MEDIA_LIFETIME + 1)  # the access token has long expired too: wechatpy refreshes it
    answer = requests.get(headers=world.auth(*SCRIPT), url=media_url(world, late.id), timeout=30)
    assert answer.status_code == 502
    assert answer.json() == {"error": EXPIRED_REASON, "errcode": 40007}
    assert "3 天" in EXPIRED_REASON
    assert (
        requests.get(headers=world.auth(*SCRIPT), url=media_url(world, seen.id), timeout=30).status_code == 200
    )  # nobody had opened it


def test_unknown_media_id_fails_quietly_on_arrival_and_gives_wechats_reason(world, caplog):
    caplog.set_level(logging.WARNING, logger="console")
    results = world.push(PLAIN_APPID, OPENID, message=Image(media_id="NoSuchMediaId_0123456789"))
    assert results == [(200, "success")]  # WeChat is answered as always
    settle(world)
    message = last_message(world)
    assert world.state.media.fetches == ["NoSuchMediaId_0123456789"]
    assert f"could not prefetch media of message {message.id}" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert hub_files(world, PLAIN_APPID) == []

    answer = requests.get(headers=world.auth(*SCRIPT), url=media_url(world, message.id), timeout=30)
    assert (answer.status_code, answer.json()["error"]) == (502, EXPIRED_REASON)
    assert hub_files(world, PLAIN_APPID) == []


def test_media_of_another_account_is_unknown_to_wechat(world):
    world.push(PLAIN_APPID, OPENID, message=Image())
    foreign = last_message(world).payload["MediaId"]
    world.push(SAFE_APPID, OPENID, message=Image(media_id=foreign))
    settle(world)
    assert hub_files(world, SAFE_APPID) == []
    answer = requests.get(headers=world.auth(*SCRIPT), url=media_url(world, last_message(world).id), timeout=30)
    assert answer.status_code == 502 and answer.json()["errcode"] == 40007


def test_messages_without_media_give_404(world):
    world.push(PLAIN_APPID, OPENID, content="请问办事大厅几点下班")
    world.push(PLAIN_APPID, OPENID, message=Location(34.33, 108.70, "某县汽车站"))
    world.push(PLAIN_APPID, OPENID, message=Image())
    settle(world)
    text, location, image = stored(world)
    assert world.state.media.fetches == [image.payload["MediaId"]]  # the picture, on arrival
    for message_id in (text.id, location.id):
        answer = requests.get(headers=world.auth(*SCRIPT), url=media_url(world, message_id), timeout=30)
        assert (answer.status_code, answer.json()) == (404, {"error": media_api.NO_MEDIA})
    answer = requests.get(headers=world.auth(*SCRIPT), url=media_url(world, image.id, thumb=True), timeout=30)
    assert (answer.status_code, answer.json()) == (404, {"error": media_api.NO_THUMB})
    for missing in ("999999", "abc"):
        answer = requests.get(f"{world.hub_url}/api/media/{missing}", headers=world.auth(*SCRIPT), timeout=30)
        assert (answer.status_code, answer.json()) == (404, {"error": media_api.NO_MESSAGE})
    assert world.state.media.fetches == [image.payload["MediaId"]]  # none of these asked WeChat


# --- the desktop's own copy -----------------------------------------------------------------------------


def test_desktop_cache_downloads_once_and_works_offline(world, tmp_path: Path):
    world.push(SAFE_APPID, OPENID, message=Image())
    world.push(SAFE_APPID, OPENID, message=Voice())
    world.push(SAFE_APPID, OPENID, message=Image())
    settle(world)
    image, voice, never_opened = stored(world)
    picture = world.state.media.get(SAFE_APPID, image.payload["MediaId"]).data
    root = tmp_path / "desktop-media"

    async def online() -> tuple[Path, Path, Path]:
        cache = MediaCache(root, world.hub_url, token=lambda: world.token("script", "脚本"))
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
    assert len(world.state.media.fetches) == 3  # the hub's fetches on arrival, nothing more

    world.stop_servers()  # the hub is gone: what was opened before still opens, the rest says why not

    async def offline() -> tuple[Path, MediaUnavailable]:
        cache = MediaCache(root, world.hub_url, token=lambda: world.token("script", "脚本"))
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
    push_while_wechat_is_unreachable(world, PLAIN_APPID, Image())  # so only WeChat ever had it
    world.push(PLAIN_APPID, OPENID, content="纯文字")
    image, text = stored(world)
    world.advance_clock(MEDIA_LIFETIME + 1)

    async def attempt(message_id: int) -> MediaUnavailable:
        cache = MediaCache(tmp_path / "desk", world.hub_url, token=lambda: world.token("script", "脚本"))
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
