"""What a follower can send an account, as values: text, image, voice, video, location, link.

`push(message=Image())` reads better than a dozen keyword arguments, and the control API turns the
same shapes from JSON. Media kinds make their file in the sandbox's MediaStore when rendered (WeChat
holds it from the moment the follower sends it); passing an explicit media_id instead puts that id in
the XML without storing anything, which is how tests stand for an id WeChat does not know.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from console.sandbox.media import MediaStore
from console.sandbox.messages import image_xml, link_xml, location_xml, text_xml, video_xml, voice_xml


@dataclass(frozen=True)
class Text:
    content: str

    msg_type = "text"


@dataclass(frozen=True)
class Image:
    media_id: str | None = None

    msg_type = "image"


@dataclass(frozen=True)
class Voice:
    """recognition: WeChat's speech-to-text of the note (None: the account has recognition off)."""

    recognition: str | None = None
    media_id: str | None = None

    msg_type = "voice"


@dataclass(frozen=True)
class Video:
    """short: a clip shot in the chat (MsgType shortvideo) rather than a video from the album."""

    short: bool = False
    media_id: str | None = None
    thumb_media_id: str | None = None

    @property
    def msg_type(self) -> str:
        return "shortvideo" if self.short else "video"


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    label: str
    scale: int = 15

    msg_type = "location"


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    description: str = ""

    msg_type = "link"


FollowerMessage = Text | Image | Voice | Video | Location | Link


def pic_url(media_id: str) -> str:
    """A PicUrl shaped like WeChat's CDN address; the console downloads by MediaId, never by this."""
    return f"http://mmbiz.qpic.cn/mmbiz_jpg/{hashlib.sha1(media_id.encode()).hexdigest()}/0"


def _media(store: MediaStore, appid: str, given: str | None, kind: str) -> str:
    return given if given is not None else store.receive(appid, kind).media_id


def render(
    message: FollowerMessage,
    store: MediaStore,
    appid: str,
    original_id: str,
    openid: str,
    create_time: int,
    msg_id: int,
) -> str:
    """The XML WeChat would push for this message, storing any media it carries."""
    head = (original_id, openid, create_time)
    match message:
        case Text(content=content):
            return text_xml(*head, content, msg_id)
        case Image(media_id=given):
            media_id = _media(store, appid, given, "image")
            return image_xml(*head, pic_url(media_id), media_id, msg_id)
        case Voice(recognition=recognition, media_id=given):
            return voice_xml(*head, _media(store, appid, given, "voice"), msg_id, "amr", recognition)
        case Video(short=short, media_id=given, thumb_media_id=given_thumb):
            media_id = _media(store, appid, given, "video")
            thumb = _media(store, appid, given_thumb, "thumb")
            return video_xml(*head, media_id, thumb, msg_id, short=short)
        case Location(latitude=lat, longitude=lng, label=label, scale=scale):
            return location_xml(*head, lat, lng, scale, label, msg_id)
        case Link(title=title, url=url, description=description):
            return link_xml(*head, title, description, url, msg_id)
    raise TypeError(f"not a follower message: {message!r}")


def _str(data: dict[str, Any], name: str, required: bool = False) -> str | None:
    value = data.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value):
        raise ValueError(f"message.{name} must be a {'non-empty ' if required else ''}string")
    return value


def _number(data: dict[str, Any], name: str) -> float:
    value = data.get(name)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError(f"message.{name} must be a number")
    return float(value)


def message_from_json(data: Any) -> FollowerMessage:
    """The control API's {"type": "image" | "voice" | …, …fields} as a message, or ValueError."""
    if not isinstance(data, dict):
        raise ValueError("message must be a JSON object")
    kind = data.get("type")
    if kind == "text":
        return Text(_str(data, "content", required=True) or "")
    if kind == "image":
        return Image(_str(data, "media_id"))
    if kind == "voice":
        return Voice(_str(data, "recognition"), _str(data, "media_id"))
    if kind in ("video", "shortvideo"):
        return Video(kind == "shortvideo", _str(data, "media_id"), _str(data, "thumb_media_id"))
    if kind == "location":
        scale = data.get("scale", 15)
        if not isinstance(scale, int) or isinstance(scale, bool):
            raise ValueError("message.scale must be an integer")
        latitude, longitude = _number(data, "latitude"), _number(data, "longitude")
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValueError("message.latitude/longitude out of range")
        return Location(latitude, longitude, _str(data, "label") or "", scale)
    if kind == "link":
        return Link(
            _str(data, "title", required=True) or "",
            _str(data, "url", required=True) or "",
            _str(data, "description") or "",
        )
    raise ValueError("message.type must be one of text, image, voice, video, shortvideo, location, link")
