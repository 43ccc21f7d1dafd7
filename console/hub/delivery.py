"""Every call to WeChat from the hub runs here, on the hub's own small pool of WeChat threads
(HubContext.wechat), never on the threads that store followers' pushes or answer desks: a WeChat that
hangs (its token endpoint for 40 s, a send without an answer) then holds up at most this pool, and a
follower's push is still answered within WeChat's 5 seconds. Each call has its own timeout (the
gateway's), so a stuck call frees its thread.

`deliver_reply` is the one way a reply goes to WeChat (desk replies, approved review items, replies
left pending by a restart): it never raises, and says in words what a colleague should know when the
outcome is not a plain "sent"."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from typing import TypeVar

from console.hub.context import HubContext
from console.replies.sending import Delivery, deliver
from console.store.models import SendStatus
from console.wechat.errors import UNKNOWN_WORDS

log = logging.getLogger(__name__)

T = TypeVar("T")


async def wechat_call(ctx: HubContext, call: Callable[..., T], *args: object) -> T:
    """Run a blocking gateway call (or anything that calls WeChat) on the WeChat pool."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(ctx.wechat, functools.partial(call, *args))


async def deliver_reply(ctx: HubContext, message_id: int) -> Delivery:
    """Hand a stored, pending reply to WeChat and record the outcome; desks hear of it at once.

    Delivery.words is None for a reply sent and stored; otherwise it says what happened (refused by
    WeChat, 不确定是否已送达, or WeChat's outcome known but not stored because the disk is full) — put
    it in the answer to the desk rather than a 500."""
    try:
        delivery = await wechat_call(ctx, deliver, ctx.db, ctx.gateway, message_id)
    except Exception:  # deliver answers for its own failures; anything else is a bug, said as unknown
        log.exception("reply %s: handing it to WeChat failed unexpectedly; outcome unknown", message_id)
        delivery = Delivery(message_id, SendStatus.UNKNOWN, stored=False, words=UNKNOWN_WORDS)
    ctx.feed.notify()
    return delivery
