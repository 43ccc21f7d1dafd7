"""The XML bodies WeChat POSTs to an account's callback URL, byte for byte in WeChat's layout.

The hub parses these with wechatpy/xmltodict, so the field order and CDATA wrapping follow what the
real service sends rather than whatever a generic XML serializer would produce.
"""

import secrets


def cdata(text: str) -> str:
    """Wrap text in CDATA, splitting any "]]>" so user text cannot break out of the section."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def new_msg_id() -> int:
    """A 64-bit MsgId of the size WeChat uses (19 digits), unique enough for dedup tests."""
    return secrets.randbits(62) | (1 << 62)


def _head(original_id: str, openid: str, create_time: int, msg_type: str) -> str:
    """The four elements every push starts with, in WeChat's order."""
    return (
        f"<xml><ToUserName>{cdata(original_id)}</ToUserName>"
        f"<FromUserName>{cdata(openid)}</FromUserName>"
        f"<CreateTime>{create_time}</CreateTime>"
        f"<MsgType>{cdata(msg_type)}</MsgType>"
    )


def text_xml(original_id: str, openid: str, create_time: int, content: str, msg_id: int) -> str:
    """A follower's text message."""
    return (
        _head(original_id, openid, create_time, "text")
        + f"<Content>{cdata(content)}</Content>"
        + f"<MsgId>{msg_id}</MsgId></xml>"
    )


def image_xml(original_id: str, openid: str, create_time: int, pic_url: str, media_id: str, msg_id: int) -> str:
    """A picture: PicUrl for a quick look, MediaId to download it through media/get."""
    return (
        _head(original_id, openid, create_time, "image")
        + f"<PicUrl>{cdata(pic_url)}</PicUrl>"
        + f"<MediaId>{cdata(media_id)}</MediaId>"
        + f"<MsgId>{msg_id}</MsgId></xml>"
    )


def voice_xml(
    original_id: str,
    openid: str,
    create_time: int,
    media_id: str,
    msg_id: int,
    voice_format: str = "amr",
    recognition: str | None = None,
) -> str:
    """A voice note; Recognition (WeChat's speech-to-text) is present only when the account enabled it."""
    heard = f"<Recognition>{cdata(recognition)}</Recognition>" if recognition is not None else ""
    return (
        _head(original_id, openid, create_time, "voice")
        + f"<MediaId>{cdata(media_id)}</MediaId>"
        + f"<Format>{cdata(voice_format)}</Format>"
        + heard
        + f"<MsgId>{msg_id}</MsgId></xml>"
    )


def video_xml(
    original_id: str,
    openid: str,
    create_time: int,
    media_id: str,
    thumb_media_id: str,
    msg_id: int,
    short: bool = False,
) -> str:
    """A video (MsgType video) or a short video shot in the chat (MsgType shortvideo); same fields."""
    return (
        _head(original_id, openid, create_time, "shortvideo" if short else "video")
        + f"<MediaId>{cdata(media_id)}</MediaId>"
        + f"<ThumbMediaId>{cdata(thumb_media_id)}</ThumbMediaId>"
        + f"<MsgId>{msg_id}</MsgId></xml>"
    )


def location_xml(
    original_id: str,
    openid: str,
    create_time: int,
    latitude: float,
    longitude: float,
    scale: int,
    label: str,
    msg_id: int,
) -> str:
    """A shared location: Location_X is the latitude, Location_Y the longitude (WeChat's naming)."""
    return (
        _head(original_id, openid, create_time, "location")
        + f"<Location_X>{latitude:.6f}</Location_X>"
        + f"<Location_Y>{longitude:.6f}</Location_Y>"
        + f"<Scale>{scale}</Scale>"
        + f"<Label>{cdata(label)}</Label>"
        + f"<MsgId>{msg_id}</MsgId></xml>"
    )


def link_xml(
    original_id: str, openid: str, create_time: int, title: str, description: str, url: str, msg_id: int
) -> str:
    """A shared link (an article forwarded from elsewhere in WeChat)."""
    return (
        _head(original_id, openid, create_time, "link")
        + f"<Title>{cdata(title)}</Title>"
        + f"<Description>{cdata(description)}</Description>"
        + f"<Url>{cdata(url)}</Url>"
        + f"<MsgId>{msg_id}</MsgId></xml>"
    )


def event_xml(original_id: str, openid: str, create_time: int, event: str, event_key: str | None) -> str:
    """An event push (subscribe, unsubscribe, CLICK…); events carry no MsgId, EventKey may be empty."""
    return (
        _head(original_id, openid, create_time, "event")
        + f"<Event>{cdata(event)}</Event>"
        + f"<EventKey>{cdata(event_key or '')}</EventKey></xml>"
    )


def event_head(original_id: str, openid: str, create_time: int, event: str) -> str:
    """The opening of an event push up to <Event>, for events whose body is not an EventKey (job results);
    the caller appends the event's own elements and "</xml>"."""
    return _head(original_id, openid, create_time, "event") + f"<Event>{cdata(event)}</Event>"


def encrypted_xml(original_id: str, encrypt: str) -> str:
    """The safe-mode envelope: only the recipient and the ciphertext travel in clear."""
    return f"<xml><ToUserName>{cdata(original_id)}</ToUserName><Encrypt>{cdata(encrypt)}</Encrypt></xml>"
