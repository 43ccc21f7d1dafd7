"""Reading a hub's passive reply the way WeChat does: the body of its HTTP answer to a push.

An empty body or "success" means "no reply". Anything else must be a reply WeChat can deliver: for an
encrypted push, the safe-mode envelope signed with the account's token and encrypted for its appid;
addressed to the follower who wrote, from the account's original id; a text no longer than 2048 bytes.
Otherwise WeChat shows the follower "该公众号提供的服务出现故障" and delivers nothing.

The checks are the sandbox's own (hashlib, wechatpy's AES primitive, xmltodict) and never borrow the
hub's code in console/wechat, so a hub that signs or lays out replies wrongly cannot agree with itself.
"""

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

import xmltodict
from wechatpy.crypto import PrpCrypto
from wechatpy.exceptions import InvalidAppIdException

from console.sandbox.state import MAX_TEXT_BYTES, SandboxAccount

SERVICE_FAULT = "该公众号提供的服务出现故障"  # what WeChat shows the follower instead of an invalid reply
NO_REPLY = frozenset({"", "success"})
MAX_NEWS_ARTICLES = 8


class PassiveReplyRefused(Exception):
    """The hub answered something WeChat would not deliver; str() is the reason."""


@dataclass(frozen=True)
class PassiveReply:
    """A reply WeChat accepted: msgtype text/image/news; content is the text, the media id, or for news
    the first article's title and link on two lines."""

    msgtype: str
    content: str


def is_no_reply(body: str) -> bool:
    """Whether a hub's answer means "nothing to say" rather than a reply."""
    return body.strip() in NO_REPLY


def _sign(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode("utf-8")).hexdigest()


def _xml_root(text: str | bytes, what: str) -> dict[str, Any]:
    try:
        doc = xmltodict.parse(text, disable_entities=True)
    except Exception as exc:  # expat and encoding errors alike: not XML WeChat can read
        raise PassiveReplyRefused(f"{what} is not well-formed XML") from exc
    root = doc.get("xml") if isinstance(doc, dict) else None
    if not isinstance(root, dict):
        raise PassiveReplyRefused(f"{what} has no <xml> root")
    return root


def _text(fields: dict[str, Any], name: str, where: str = "reply") -> str:
    value = fields.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PassiveReplyRefused(f"{where} <{name}> is not text")
    return value


def _open_envelope(account: SandboxAccount, body: str) -> str:
    """The plaintext XML inside a safe-mode reply, after checking its signature and appid."""
    outer = _xml_root(body, "encrypted reply")
    encrypt, signature = _text(outer, "Encrypt"), _text(outer, "MsgSignature")
    timestamp, nonce = _text(outer, "TimeStamp"), _text(outer, "Nonce")
    if not encrypt:
        raise PassiveReplyRefused("safe-mode reply without <Encrypt> (a plaintext reply to an encrypted push)")
    if not signature or not timestamp or not nonce:
        raise PassiveReplyRefused("encrypted reply lacks MsgSignature, TimeStamp or Nonce")
    if not hmac.compare_digest(_sign(account.token, timestamp, nonce, encrypt), signature.lower()):
        raise PassiveReplyRefused("MsgSignature does not match the account's token")
    try:
        plain = PrpCrypto(account.aes_key_bytes()).decrypt(encrypt, account.appid)
    except InvalidAppIdException as exc:
        raise PassiveReplyRefused("reply encrypted for another appid") from exc
    except Exception as exc:  # bad base64, padding, truncated ciphertext
        raise PassiveReplyRefused("encrypted reply cannot be decrypted with the account's key") from exc
    return plain if isinstance(plain, str) else plain.decode("utf-8")


def _news_content(message: dict[str, Any], reply_to_event: bool) -> str:
    articles = message.get("Articles")
    items = articles.get("item") if isinstance(articles, dict) else None
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list) or not items or not all(isinstance(item, dict) for item in items):
        raise PassiveReplyRefused("news reply without <Articles><item>")
    count = _text(message, "ArticleCount")
    if not count.isdigit() or int(count) != len(items):
        raise PassiveReplyRefused(f"ArticleCount {count!r} does not match {len(items)} <item>")
    limit = MAX_NEWS_ARTICLES if reply_to_event else 1
    if len(items) > limit:
        raise PassiveReplyRefused(f"news reply with {len(items)} articles; WeChat allows {limit} here")
    first = items[0]
    title, url = _text(first, "Title", "article"), _text(first, "Url", "article")
    for item in items:
        for name in ("Description", "PicUrl"):
            _text(item, name, "article")
    if not title:
        raise PassiveReplyRefused("news article without a Title")
    return f"{title}\n{url}"


def read_passive_reply(
    account: SandboxAccount, openid: str, body: str, *, encrypted: bool, reply_to_event: bool = False
) -> PassiveReply:
    """The reply in a hub's answer (not "success"/empty), or PassiveReplyRefused with the reason.

    `encrypted` is whether the push was encrypted (then the reply must be too); `reply_to_event` allows
    up to 8 news articles, where a reply to a follower's message may carry only one.
    """
    xml = _open_envelope(account, body) if encrypted else body
    message = _xml_root(xml, "reply")
    if "Encrypt" in message and not encrypted:
        raise PassiveReplyRefused("encrypted reply to a plaintext push")
    to_user, from_user = _text(message, "ToUserName"), _text(message, "FromUserName")
    if to_user != openid:
        raise PassiveReplyRefused(f"ToUserName {to_user!r} is not the follower {openid!r}")
    if from_user != account.original_id:
        raise PassiveReplyRefused(f"FromUserName {from_user!r} is not the account's original id")
    if not _text(message, "CreateTime").isdigit():
        raise PassiveReplyRefused("CreateTime missing or not a number")
    msgtype = _text(message, "MsgType")
    if msgtype == "text":
        content = _text(message, "Content")
        if not content:
            raise PassiveReplyRefused("text reply with empty Content")
        size = len(content.encode("utf-8"))
        if size > MAX_TEXT_BYTES:
            raise PassiveReplyRefused(f"text reply of {size} bytes exceeds WeChat's {MAX_TEXT_BYTES}")
        return PassiveReply("text", content)
    if msgtype == "image":
        image = message.get("Image")
        media_id = _text(image, "MediaId", "image") if isinstance(image, dict) else ""
        if not media_id:
            raise PassiveReplyRefused("image reply without <Image><MediaId>")
        return PassiveReply("image", media_id)
    if msgtype == "news":
        return PassiveReply("news", _news_content(message, reply_to_event))
    raise PassiveReplyRefused(f"MsgType {msgtype!r} is not a reply the sandbox delivers (text, image, news)")
