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


def text_xml(original_id: str, openid: str, create_time: int, content: str, msg_id: int) -> str:
    """A follower's text message."""
    return (
        f"<xml><ToUserName>{cdata(original_id)}</ToUserName>"
        f"<FromUserName>{cdata(openid)}</FromUserName>"
        f"<CreateTime>{create_time}</CreateTime>"
        f"<MsgType>{cdata('text')}</MsgType>"
        f"<Content>{cdata(content)}</Content>"
        f"<MsgId>{msg_id}</MsgId></xml>"
    )


def event_xml(original_id: str, openid: str, create_time: int, event: str, event_key: str | None) -> str:
    """An event push (subscribe, unsubscribe, CLICK…); events carry no MsgId, EventKey may be empty."""
    return (
        f"<xml><ToUserName>{cdata(original_id)}</ToUserName>"
        f"<FromUserName>{cdata(openid)}</FromUserName>"
        f"<CreateTime>{create_time}</CreateTime>"
        f"<MsgType>{cdata('event')}</MsgType>"
        f"<Event>{cdata(event)}</Event>"
        f"<EventKey>{cdata(event_key or '')}</EventKey></xml>"
    )


def encrypted_xml(original_id: str, encrypt: str) -> str:
    """The safe-mode envelope: only the recipient and the ciphertext travel in clear."""
    return f"<xml><ToUserName>{cdata(original_id)}</ToUserName><Encrypt>{cdata(encrypt)}</Encrypt></xml>"
