"""The passive reply: the XML the hub answers a push with, which WeChat then delivers to the follower.

A passive reply costs nothing from the 客服 window, but WeChat takes only one per message and only inside
its 5-second wait. The layouts are WeChat's own (field order, CDATA), and a safe-mode account's reply
travels in the encrypted envelope, signed like a push: sha1 over the sorted token, timestamp, nonce and
ciphertext. Everything here is pure.
"""

from __future__ import annotations

import base64
import binascii

from wechatpy.crypto import PrpCrypto

from console.replies.rules import Reply, ReplyKind
from console.secrets import AccountSecrets
from console.wechat.callback import sign

MAX_TEXT_BYTES = 2048  # WeChat's limit on a text reply's Content, in UTF-8 bytes


class PassiveReplyError(ValueError):
    """A reply WeChat would not deliver (too long, empty, no key to encrypt with): answer "success" instead."""


def cdata(text: str) -> str:
    """Text in CDATA, with any "]]>" split across two sections so the text cannot end the section early."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _head(openid: str, original_id: str, create_time: int, msg_type: str) -> str:
    return (
        f"<xml><ToUserName>{cdata(openid)}</ToUserName>"
        f"<FromUserName>{cdata(original_id)}</FromUserName>"
        f"<CreateTime>{int(create_time)}</CreateTime>"
        f"<MsgType>{cdata(msg_type)}</MsgType>"
    )


def render_reply(reply: Reply, openid: str, original_id: str, create_time: int) -> str:
    """The reply's XML: to the follower (openid), from the account (its original id, gh_…).

    Raises PassiveReplyError for a reply WeChat would refuse: text empty or over 2048 bytes, an image
    without a media id, news without a title or link.
    """
    if not openid or not original_id:
        raise PassiveReplyError("回复缺少粉丝 openid 或公众号原始 ID。")
    if reply.kind is ReplyKind.TEXT:
        if not reply.text:
            raise PassiveReplyError("回复内容为空。")
        size = len(reply.text.encode("utf-8"))
        if size > MAX_TEXT_BYTES:
            raise PassiveReplyError(f"文字回复有 {size} 字节，超过微信 {MAX_TEXT_BYTES} 字节的上限。")
        return _head(openid, original_id, create_time, "text") + f"<Content>{cdata(reply.text)}</Content></xml>"
    if reply.kind is ReplyKind.IMAGE:
        if not reply.media_id:
            raise PassiveReplyError("图片回复没有素材 media_id。")
        return (
            _head(openid, original_id, create_time, "image")
            + f"<Image><MediaId>{cdata(reply.media_id)}</MediaId></Image></xml>"
        )
    news = reply.news
    if news is None or not news.title or not news.url:
        raise PassiveReplyError("图文回复缺少标题或链接。")
    return (
        _head(openid, original_id, create_time, "news")
        + "<ArticleCount>1</ArticleCount><Articles><item>"
        + f"<Title>{cdata(news.title)}</Title>"
        + f"<Description>{cdata(news.description)}</Description>"
        + f"<PicUrl>{cdata(news.picurl)}</PicUrl>"
        + f"<Url>{cdata(news.url)}</Url>"
        + "</item></Articles></xml>"
    )


def encrypt_reply(xml: str, appid: str, secrets: AccountSecrets, timestamp: str, nonce: str) -> str:
    """The safe-mode envelope around a rendered reply, signed with the account's token."""
    if not timestamp.isdigit() or not nonce:
        raise PassiveReplyError("加密回复需要数字时间戳和随机串。")
    if not secrets.aes_key:
        raise PassiveReplyError("该账号没有 EncodingAESKey，无法加密回复。")
    try:
        key = base64.b64decode(secrets.aes_key + "=")
    except (binascii.Error, ValueError) as exc:
        raise PassiveReplyError("EncodingAESKey 无效。") from exc
    if len(key) != 32:
        raise PassiveReplyError("EncodingAESKey 无效。")
    encrypt = PrpCrypto(key).encrypt(xml, appid).decode("ascii")
    signature = sign(secrets.token, timestamp, nonce, encrypt)
    return (
        f"<xml><Encrypt>{cdata(encrypt)}</Encrypt>"
        f"<MsgSignature>{cdata(signature)}</MsgSignature>"
        f"<TimeStamp>{timestamp}</TimeStamp>"
        f"<Nonce>{cdata(nonce)}</Nonce></xml>"
    )
