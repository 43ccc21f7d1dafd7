"""WeChat's push to the callback URL: check the signature(s) and their freshness, decrypt safe-mode
bodies, parse the XML. Everything here is pure; the hub maps the two failures to 403 (forged or stale)
and 400 (malformed)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Mapping
from typing import Any

import xmltodict
from wechatpy.crypto import PrpCrypto
from wechatpy.exceptions import InvalidAppIdException

from console.secrets import AccountSecrets

MAX_BODY = 64 * 1024  # WeChat's pushes are a few KB; anything this large is not from WeChat
# WeChat signs each push with the time it sends it. A signed query older (or newer) than this is a
# replay of a captured push, or a forgery with a leaked token and an old timestamp: refused.
FRESHNESS = 10 * 60
# CreateTime is seconds since 1970 in at most ten digits; anything else cannot be a date we can store.
_CREATE_TIME = re.compile(r"[0-9]{1,10}")
MAX_CREATE_TIME = 2**32 - 1  # 2106: past it a "time" is garbage, not a date


class ForgedCallback(Exception):
    """Signature missing or wrong: not from WeChat."""


class StaleCallback(ForgedCallback):
    """Signed correctly, but with a timestamp outside the freshness window: a replay, not WeChat now."""


class MalformedCallback(Exception):
    """Signed, or claiming to be, but not a message we can read."""


def sign(*parts: str) -> str:
    """WeChat's signature: sha1 of the sorted parts concatenated."""
    return hashlib.sha1("".join(sorted(parts)).encode("utf-8")).hexdigest()


def _check(expected: str, given: str | None) -> None:
    if not given or not hmac.compare_digest(expected, given.lower()):
        raise ForgedCallback("signature mismatch")


def verify_query(token: str, query: Mapping[str, str]) -> None:
    timestamp, nonce = query.get("timestamp", ""), query.get("nonce", "")
    if not timestamp or not nonce:
        raise ForgedCallback("timestamp or nonce missing")
    _check(sign(token, timestamp, nonce), query.get("signature"))


def check_fresh(query: Mapping[str, str], now: float, window: float = FRESHNESS) -> None:
    """The signed timestamp is within `window` seconds of `now` (the hub's clock), either way."""
    raw = query.get("timestamp", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        raise StaleCallback("timestamp is not a time")
    if abs(int(raw) - now) > window:
        raise StaleCallback(f"timestamp {raw} is {int(now) - int(raw)} s away from now")


def _parse_xml(body: bytes | str) -> dict[str, Any]:
    try:
        doc = xmltodict.parse(body, disable_entities=True)
    except Exception as exc:  # expat errors, encoding errors: all mean "not WeChat XML"
        raise MalformedCallback("body is not XML") from exc
    root = doc.get("xml") if isinstance(doc, dict) else None
    if not isinstance(root, dict):
        raise MalformedCallback("no <xml> root")
    return root


def open_callback(
    appid: str,
    secrets: AccountSecrets,
    safe_mode: bool,
    query: Mapping[str, str],
    body: bytes,
    now: float | None = None,
) -> dict[str, Any]:
    """Verify and decode one push; returns the message's fields as a dict of strings. With `now`
    (the hub always gives it) a timestamp outside the freshness window is refused as stale."""
    verify_query(secrets.token, query)
    if now is not None:
        check_fresh(query, now)
    if len(body) > MAX_BODY:
        raise MalformedCallback("body too large")
    encrypted = query.get("encrypt_type") == "aes"
    if safe_mode and not encrypted:
        raise ForgedCallback("plaintext push to a safe-mode account")
    outer = _parse_xml(body)
    if encrypted:
        encrypt = outer.get("Encrypt")
        if not isinstance(encrypt, str) or not secrets.aes_key:
            raise MalformedCallback("no Encrypt element")
        _check(sign(secrets.token, query["timestamp"], query["nonce"], encrypt), query.get("msg_signature"))
        try:
            key = base64.b64decode(secrets.aes_key + "=")
            plain = PrpCrypto(key).decrypt(encrypt, appid)
        except InvalidAppIdException as exc:
            raise ForgedCallback("encrypted for another appid") from exc
        except Exception as exc:  # bad padding, bad base64, truncated ciphertext
            raise MalformedCallback("cannot decrypt") from exc
        message = _parse_xml(plain)
    else:
        message = outer
    for required in ("FromUserName", "CreateTime", "MsgType"):
        if not isinstance(message.get(required), str):
            raise MalformedCallback(f"{required} missing")
    created = message["CreateTime"]
    if not _CREATE_TIME.fullmatch(created) or int(created) > MAX_CREATE_TIME:
        raise MalformedCallback("CreateTime not a time")
    return message


def echo(token: str, query: Mapping[str, str], now: float | None = None) -> str:
    """Answer WeChat's server check (GET with echostr); with `now`, only a fresh one."""
    verify_query(token, query)
    if now is not None:
        check_fresh(query, now)
    return query.get("echostr", "")
