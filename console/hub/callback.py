"""`/wechat/<appid>`: WeChat's server check and its pushes. Stores first and answers at once: with the
automatic reply the rules chose (encrypted for a safe-mode account), or `success`. A forged or stale
(replayed) push gets 403 and a garbled one 400, and neither stores anything. A push the database cannot
take now (disk full, locked) gets 503, so WeChat tries again; its retry is stored once."""

from __future__ import annotations

import asyncio
import logging
import secrets as random_secrets
import time
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from console.hub import media_api
from console.hub.context import HubContext, context
from console.inbox.ingest import Ingested, dedupe_key, ingest
from console.publishing.events import JOB_EVENTS, apply_job_event
from console.replies.autoreply import AutoReply, already_answered, answer
from console.replies.passive import PassiveReplyError, encrypt_reply, render_reply
from console.replies.rulebook import RuleBook
from console.secrets import AccountSecrets, MissingSecrets, SecretsUnavailable
from console.store.database import Database
from console.store.models import Account
from console.wechat.callback import (
    MAX_BODY,
    ForgedCallback,
    MalformedCallback,
    StaleCallback,
    echo,
    open_callback,
)

log = logging.getLogger(__name__)


def _account(db: Database, appid: str) -> Account | None:
    with db.session() as session:
        return session.scalar(select(Account).where(Account.appid == appid))


async def _account_and_secrets(request: web.Request) -> tuple[Account, AccountSecrets]:
    ctx = context(request)
    appid = request.match_info["appid"]
    try:
        account = await asyncio.to_thread(_account, ctx.db, appid)
    except OperationalError as exc:
        raise _not_now(appid, "checked", exc) from None
    if account is None:
        raise web.HTTPNotFound(text="unknown account")
    try:
        secrets = await asyncio.to_thread(ctx.vault.get, appid)
    except (MissingSecrets, SecretsUnavailable) as exc:
        log.error("callback for %s cannot be verified: %s", appid, type(exc).__name__)
        raise web.HTTPServiceUnavailable(text="secrets unavailable") from exc
    return account, secrets


def _now(ctx: HubContext) -> float:
    """The hub's clock as a Unix time, for the freshness of signed timestamps (the demo's and the
    tests' hub follow the sandbox's clock, which also signs the sandbox's pushes)."""
    return ctx.clock().replace(tzinfo=UTC).timestamp()


async def server_check(request: web.Request) -> web.Response:
    _account_row, secrets = await _account_and_secrets(request)
    try:
        return web.Response(text=echo(secrets.token, request.query, _now(context(request))))
    except StaleCallback as exc:
        log.warning("refused a stale server check for %s: %s", request.match_info["appid"], exc)
        raise web.HTTPForbidden(text="stale timestamp") from exc
    except ForgedCallback as exc:
        raise web.HTTPForbidden(text="invalid signature") from exc


@dataclass(frozen=True)
class Stored:
    ingested: Ingested
    auto: AutoReply | None
    post_id: int | None = None  # a post a publishing job event finished


def _store(db: Database, rulebook: RuleBook, account_id: int, fields: dict[str, Any], now: Any) -> Stored:
    """Store the push and, in the same transaction, the automatic reply to it (or find the one stored
    for an earlier copy of this push)."""
    with db.session() as session:
        account = session.get(Account, account_id)  # already looked up by appid to verify the push
        assert account is not None
        if fields.get("Event") in JOB_EVENTS:
            return Stored(Ingested(None, duplicate=False), None, apply_job_event(session, account.id, fields, now))
        ingested = ingest(session, account, fields)
        if ingested.duplicate:
            return Stored(ingested, already_answered(session, account.id, dedupe_key(fields)))
        if ingested.message_id is None:
            return Stored(ingested, None)
        ruleset = rulebook.current(session)
        return Stored(ingested, answer(session, ruleset, account, ingested.message_id, fields, now, ingested=ingested))


def _not_now(appid: str, what: str, exc: OperationalError) -> web.HTTPServiceUnavailable:
    """Disk full, database locked, unreadable file: nothing was stored (the transaction rolled back).
    WeChat retries a push that did not get 200, so the answer is "not now", and the log says what
    happened in one line, in SQLite's own words ("database or disk is full"), without the SQL."""
    reason = str(exc.orig).splitlines()[0] if exc.orig is not None else type(exc).__name__
    log.error("push for %s not %s, WeChat will retry it: %s", appid, what, reason)
    return web.HTTPServiceUnavailable(text="cannot store the message now")


def _passive(
    account: Account, secrets: AccountSecrets, fields: dict[str, Any], auto: AutoReply, encrypted: bool
) -> str:
    xml = render_reply(
        auto.reply,
        str(fields["FromUserName"]),
        str(fields.get("ToUserName") or account.original_id or ""),
        int(time.time()),
    )
    if not encrypted:
        return xml
    nonce = str(random_secrets.randbelow(9 * 10**9) + 10**9)
    return encrypt_reply(xml, account.appid, secrets, str(int(time.time())), nonce)


async def push(request: web.Request) -> web.Response:
    ctx = context(request)
    account, secrets = await _account_and_secrets(request)
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise web.HTTPBadRequest(text="body too large")
    body = await request.content.read(MAX_BODY + 1)
    try:
        fields = open_callback(account.appid, secrets, account.safe_mode, request.query, body, _now(ctx))
    except StaleCallback as exc:
        log.warning("refused a stale (replayed?) push for %s from %s: %s", account.appid, request.remote, exc)
        raise web.HTTPForbidden(text="stale timestamp") from exc
    except ForgedCallback as exc:
        log.warning("refused a forged push for %s from %s", account.appid, request.remote)
        raise web.HTTPForbidden(text="invalid signature") from exc
    except MalformedCallback as exc:
        log.warning("refused a malformed push for %s: %s", account.appid, exc)
        raise web.HTTPBadRequest(text="malformed message") from exc
    # One writer thread for pushes: SQLite takes one writer at a time, and threads queueing on its lock
    # back off and sleep, which turns a burst into seconds of tail latency against WeChat's 5 seconds.
    loop = asyncio.get_running_loop()
    try:
        stored = await loop.run_in_executor(ctx.writer, _store, ctx.db, ctx.rulebook, account.id, fields, ctx.clock())
    except OperationalError as exc:
        raise _not_now(account.appid, "stored", exc) from None
    result = stored.ingested
    if stored.post_id is not None:
        ctx.feed.notify()
    if result.message_id is not None:
        ctx.feed.notify()
        if fields.get("MediaId"):
            # WeChat deletes a follower's media after 3 days: fetch it now, after answering WeChat.
            task = asyncio.create_task(media_api.prefetch(request.app, result.message_id))
            ctx.background.add(task)
            task.add_done_callback(ctx.background.discard)
    if stored.auto is not None:
        try:
            answer = _passive(account, secrets, fields, stored.auto, request.query.get("encrypt_type") == "aes")
        except PassiveReplyError as exc:
            log.error("automatic reply %s for %s not sent: %s", stored.auto.rule_id, account.appid, exc)
        else:
            return web.Response(text=answer, content_type="application/xml")
    return web.Response(text="success")
