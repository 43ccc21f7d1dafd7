"""Finishing publish and mass-send jobs, and the events WeChat pushes when they finish.

WeChat answers freepublish/submit and message/mass/sendall at once and does the work later; when a job
ends it pushes PUBLISHJOBFINISH or MASSSENDJOBFINISH to the account's callback URL, signed (and
AES-encrypted for a safe-mode account) exactly like a follower's message, and retries a delivery that
fails up to three times in all. A hub that was down simply misses the event, which is why hubs also poll
freepublish/get and message/mass/get; `PublishingDesk.push_events = False` makes the sandbox behave like
that missed push every time.

The XML follows WeChat's documentation: element order, CDATA where WeChat uses it, a repeated
<fail_idx> per failed article, FromUserName the 群发助手's openid.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time

import aiohttp

from console.sandbox.followers import HUB_TIMEOUT, _encrypt, sign
from console.sandbox.messages import cdata, encrypted_xml, event_head
from console.sandbox.publishing import PUBLISH_OK, MassSend, PublishJob, helper_openid
from console.sandbox.state import HubAnswer, SandboxState

log = logging.getLogger(__name__)

DELIVERY_ATTEMPTS = 3  # WeChat's first try plus two retries


def publish_event_xml(original_id: str, openid: str, create_time: int, job: PublishJob) -> str:
    """PUBLISHJOBFINISH: article_id and the permanent links on success, fail_idx on failure."""
    info = f"<publish_id>{job.publish_id}</publish_id><publish_status>{job.status}</publish_status>"
    if job.status == PUBLISH_OK:
        items = "".join(
            f"<item><idx>{i}</idx><article_url>{cdata(url)}</article_url></item>"
            for i, url in enumerate(job.article_urls, 1)
        )
        info += (
            f"<article_id>{cdata(job.article_id or '')}</article_id>"
            f"<article_detail><count>{len(job.article_urls)}</count>{items}</article_detail>"
        )
    else:
        info += "".join(f"<fail_idx>{i}</fail_idx>" for i in job.fail_idx)
    return (
        event_head(original_id, openid, create_time, "PUBLISHJOBFINISH")
        + f"<PublishEventInfo>{info}</PublishEventInfo></xml>"
    )


def mass_event_xml(original_id: str, openid: str, create_time: int, send: MassSend) -> str:
    """MASSSENDJOBFINISH: the <Status>, the counts, and each article's link (none when it failed).

    CopyrightCheckResult says the articles were not judged reprints (CheckState 1), which is what an
    office's own articles get.
    """
    items = "".join(
        f"<item><ArticleIdx>{i}</ArticleIdx><ArticleUrl>{cdata(url)}</ArticleUrl></item>"
        for i, url in enumerate(send.article_urls, 1)
    )
    return (
        event_head(original_id, openid, create_time, "MASSSENDJOBFINISH")
        + f"<MsgID>{send.msg_id}</MsgID>"
        + f"<Status>{cdata(send.event_status or '')}</Status>"
        + f"<TotalCount>{send.total_count}</TotalCount>"
        + f"<FilterCount>{send.total_count}</FilterCount>"
        + f"<SentCount>{send.sent_count}</SentCount>"
        + f"<ErrorCount>{send.error_count}</ErrorCount>"
        + "<CopyrightCheckResult><Count>0</Count><ResultList></ResultList><CheckState>1</CheckState>"
        + "</CopyrightCheckResult>"
        + f"<ArticleUrlResult><Count>{len(send.article_urls)}</Count><ResultList>{items}</ResultList>"
        + "</ArticleUrlResult></xml>"
    )


def envelope(state: SandboxState, appid: str, openid: str, xml: str) -> tuple[dict[str, str], bytes]:
    """Query string and body of a push carrying xml, signed and (safe mode) encrypted as
    followers.build_push does for a follower's message, with the same primitives."""
    account = state.account(appid)
    timestamp = str(int(state.clock.now()))  # WeChat's now: hubs reject stale signatures
    nonce = str(secrets.randbelow(9 * 10**9) + 10**9)
    query = {"signature": sign(account.token, timestamp, nonce), "timestamp": timestamp, "nonce": nonce}
    query["openid"] = openid
    if not account.safe_mode:
        return query, xml.encode("utf-8")
    encrypt = _encrypt(account.aes_key_bytes(), xml, appid)
    query["encrypt_type"] = "aes"
    query["msg_signature"] = sign(account.token, timestamp, nonce, encrypt)
    return query, encrypted_xml(account.original_id, encrypt).encode("utf-8")


async def deliver_event(session: aiohttp.ClientSession, state: SandboxState, appid: str, xml: str) -> bool:
    """Push one job event to appid's hub; up to DELIVERY_ATTEMPTS tries until one answers HTTP 200.

    Each answered delivery is timed into `state.answers`; WeChat ignores any passive reply to a job
    event. Returns whether the hub took it; a hub that never did has missed the event for good.
    """
    account = state.account(appid)
    openid = helper_openid(appid)
    query, body = envelope(state, appid, openid, xml)
    for attempt in range(DELIVERY_ATTEMPTS):
        started = time.monotonic()
        try:
            async with session.post(
                account.hub_url, params=query, data=body, headers={"Content-Type": "text/xml"}, timeout=HUB_TIMEOUT
            ) as resp:
                await resp.read()
                status = resp.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.info("job event for %s not delivered (try %d): %r", appid, attempt + 1, exc)
            continue
        state.answers.append(HubAnswer(appid, openid, attempt, status, time.monotonic() - started))
        if status == 200:
            return True
    return False


async def run_publish_job(session: aiohttp.ClientSession, state: SandboxState, publish_id: str, delay: float) -> None:
    """Let the job take `delay` seconds, finish it, and push PUBLISHJOBFINISH unless events are off."""
    await asyncio.sleep(delay)
    job = state.publishing.finish_publish(publish_id)
    if state.publishing.push_events:
        account = state.account(job.appid)
        xml = publish_event_xml(account.original_id, helper_openid(job.appid), int(state.clock.now()), job)
        await deliver_event(session, state, job.appid, xml)


async def run_mass_job(session: aiohttp.ClientSession, state: SandboxState, msg_id: int, delay: float) -> None:
    """Let the send take `delay` seconds, finish it, and push MASSSENDJOBFINISH unless events are off."""
    await asyncio.sleep(delay)
    send = state.publishing.finish_mass(msg_id)
    if state.publishing.push_events:
        account = state.account(send.appid)
        xml = mass_event_xml(account.original_id, helper_openid(send.appid), int(state.clock.now()), send)
        await deliver_event(session, state, send.appid, xml)
