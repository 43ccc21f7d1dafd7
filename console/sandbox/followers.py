"""Pushing follower messages and events to an account's hub exactly as WeChat's servers do.

Signing and encryption go through wechatpy's own primitives so that a hub which verifies with wechatpy
(or with WeChat's reference algorithm) accepts these pushes, and rejects tampered copies. The hub's
answer to each delivery is read as WeChat reads it: a passive reply, if there is one, reaches the
follower (see console.sandbox.passive).
"""

import hashlib
import secrets
import time

import aiohttp
from wechatpy.crypto import PrpCrypto

from console.sandbox.errors import WeChatApiError
from console.sandbox.follower_messages import FollowerMessage, Text, render
from console.sandbox.messages import encrypted_xml, event_xml, new_msg_id
from console.sandbox.passive import PassiveReplyRefused, is_no_reply, read_passive_reply
from console.sandbox.state import HubAnswer, SandboxState

HUB_TIMEOUT = aiohttp.ClientTimeout(total=5.0)  # WeChat gives a callback 5 seconds before retrying


def sign(*parts: str) -> str:
    """WeChat's callback signature: sha1 over the lexically sorted parts, concatenated."""
    return hashlib.sha1("".join(sorted(parts)).encode("utf-8")).hexdigest()


def _encrypt(key: bytes, xml: str, appid: str) -> str:
    """AES-CBC envelope as WeChat builds it (random 16 bytes, length, xml, appid; PKCS#7 to 32)."""
    return PrpCrypto(key).encrypt(xml, appid).decode("ascii")


def _one_of(content: str | None, event: str | None, message: FollowerMessage | None) -> FollowerMessage | None:
    """The message to send (None for an event), after checking exactly one way was chosen."""
    if sum(x is not None for x in (content, event, message)) != 1:
        raise ValueError("give exactly one of content, message or event")
    return Text(content) if content is not None else message


def build_push(
    state: SandboxState,
    appid: str,
    openid: str,
    *,
    content: str | None = None,
    event: str | None = None,
    event_key: str | None = None,
    plaintext: bool = False,
    msg_id: int | None = None,
    message: FollowerMessage | None = None,
) -> tuple[dict[str, str], bytes]:
    """Query string and body of one genuine push, without sending it or touching follower state.

    Exactly one of content (a text message), message (any kind, e.g. Image()) or event must be given.
    A media message stores its file in the sandbox now, as WeChat holds media from the moment it is
    sent, whether or not the push ever reaches the hub. The signature timestamp and CreateTime follow
    the sandbox clock, WeChat's "now": hubs reject timestamps outside a freshness window of their clock.
    """
    message = _one_of(content, event, message)
    account = state.account(appid)
    create_time = int(state.clock.now())
    if message is not None:
        xml = render(message, state.media, appid, account.original_id, openid, create_time, msg_id or new_msg_id())
    else:
        assert event is not None
        xml = event_xml(account.original_id, openid, create_time, event, event_key)
    timestamp = str(create_time)
    nonce = str(secrets.randbelow(9 * 10**9) + 10**9)
    query = {
        "signature": sign(account.token, timestamp, nonce),
        "timestamp": timestamp,
        "nonce": nonce,
        "openid": openid,
    }
    if not account.safe_mode or plaintext:
        return query, xml.encode("utf-8")
    encrypt = _encrypt(account.aes_key_bytes(), xml, appid)
    query["encrypt_type"] = "aes"
    query["msg_signature"] = sign(account.token, timestamp, nonce, encrypt)
    return query, encrypted_xml(account.original_id, encrypt).encode("utf-8")


async def push(
    session: aiohttp.ClientSession,
    state: SandboxState,
    appid: str,
    openid: str,
    *,
    content: str | None = None,
    event: str | None = None,
    event_key: str | None = None,
    retries: int = 0,
    plaintext: bool = False,
    msg_id: int | None = None,
    message: FollowerMessage | None = None,
) -> list[tuple[int, str]]:
    """Deliver one follower message/event to the hub, plus `retries` identical re-deliveries.

    The interaction is recorded first (opening the 客服 window), as WeChat does before it calls the
    hub, so the hub may answer with 客服 messages while handling the push. Returns (status, body) per
    delivery, raw; network errors and the 5 s timeout propagate to the caller.

    Each delivery is also timed and recorded in `state.answers`. An HTTP 200 answer that is neither
    empty nor "success" is a passive reply: if valid it is delivered to the follower (`state.sent`,
    via "passive", outside the 客服 quota), once per message however many deliveries answer with one;
    if invalid its reason goes to `state.passive_errors` and nothing is delivered.
    """
    if retries < 0:
        raise ValueError("retries must be >= 0")
    account = state.account(appid)
    message = _one_of(content, event, message)
    query, body = build_push(
        state, appid, openid, event=event, event_key=event_key, plaintext=plaintext, msg_id=msg_id, message=message
    )
    state.record_interaction(appid, openid, message.msg_type if message is not None else str(event))
    encrypted = query.get("encrypt_type") == "aes"
    replied = False
    results: list[tuple[int, str]] = []
    for attempt in range(retries + 1):
        started = time.monotonic()
        async with session.post(
            account.hub_url,
            params=query,
            data=body,
            headers={"Content-Type": "text/xml"},
            timeout=HUB_TIMEOUT,
        ) as resp:
            raw = await resp.read()
            status = resp.status
        answer = HubAnswer(appid, openid, attempt, status, time.monotonic() - started)
        text = raw.decode("utf-8", errors="replace")
        results.append((status, text))
        if status == 200 and not is_no_reply(text):
            answer.passive = _take_passive_reply(state, appid, openid, text, encrypted, message is None, replied)
            replied = replied or answer.passive == "delivered"
        state.answers.append(answer)
    return results


def _take_passive_reply(
    state: SandboxState, appid: str, openid: str, body: str, encrypted: bool, to_event: bool, replied: bool
) -> str:
    """Read one delivery's passive reply as WeChat would; the outcome for HubAnswer.passive."""
    account = state.account(appid)
    try:
        reply = read_passive_reply(account, openid, body, encrypted=encrypted, reply_to_event=to_event)
    except PassiveReplyRefused as exc:
        state.passive_errors.append(f"{appid} → {openid}: {exc}")
        return "refused"
    if replied:
        return "ignored"  # WeChat delivers one passive reply per message, the first
    try:
        state.deliver_passive(appid, openid, reply.content, reply.msgtype)
    except WeChatApiError as exc:
        state.passive_errors.append(f"{appid} → {openid}: not delivered ({exc.errmsg})")
        return "refused"
    return "delivered"
