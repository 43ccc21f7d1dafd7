"""WeChat failing the ways a hub must survive, armed by tests and demos through /sandbox/failures.

- a 客服 message delivered to the follower, then the connection cut without an answer ("drop");
- a 客服 message delivered, and the answer sent only after `late_seconds` — past the hub's timeout ("late");
- the token endpoint hanging for `token_hang` seconds before it answers;
- every 客服 message answered with one errcode for ever (e.g. 40001), whatever the token.

Waits end early when the modes are cleared (`clear`), so a test's teardown never waits for a hang.
The counters (tokens issued per appid, 客服 calls seen) let a test check how often the hub asked.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

SEND_MODES = ("ok", "drop", "late")


@dataclass
class FailureModes:
    send: str = "ok"  # what happens after a 客服 message is delivered: "ok", "drop" or "late"
    send_times: int | None = None  # how many more sends the mode applies to (None: until cleared)
    late_seconds: float = 0.0
    token_hang: float = 0.0  # seconds the token endpoint waits before answering
    errcode: int | None = None  # every 客服 message is answered with this errcode (nothing delivered)
    token_issues: Counter[str] = field(default_factory=Counter)  # tokens issued, by appid
    token_requests: int = 0  # calls to the token endpoint, answered or still hanging
    send_calls: int = 0  # 客服 requests that reached the sandbox
    _released: asyncio.Event | None = field(default=None, repr=False)

    def arm(self, data: dict[str, Any]) -> None:
        """Set the modes given in `data` (the control API's body); ValueError for a bad one."""
        send = data.get("send")
        if send is not None and send not in SEND_MODES:
            raise ValueError(f"send must be one of {', '.join(SEND_MODES)}")
        times = data.get("times")
        if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
            raise ValueError("times must be a positive integer")
        seconds = {name: data.get(name) for name in ("late_seconds", "token_hang")}
        for name, value in seconds.items():
            if value is not None and (not isinstance(value, int | float) or isinstance(value, bool) or value < 0):
                raise ValueError(f"{name} must be a number of seconds >= 0")
        errcode = data.get("errcode", ...)
        if errcode is not ... and errcode is not None and (not isinstance(errcode, int) or isinstance(errcode, bool)):
            raise ValueError("errcode must be an integer or null")
        if send is not None:
            self.send, self.send_times = send, times
        for name, value in seconds.items():
            if value is not None:
                setattr(self, name, float(value))
        if errcode is not ...:
            self.errcode = errcode

    def clear(self) -> None:
        """Back to a healthy WeChat; anything waiting in a hang or a late answer goes on at once."""
        self.send, self.send_times, self.late_seconds, self.token_hang, self.errcode = "ok", None, 0.0, 0.0, None
        if self._released is not None:
            self._released.set()
            self._released = None

    def as_json(self) -> dict[str, Any]:
        return {
            "send": self.send,
            "times": self.send_times,
            "late_seconds": self.late_seconds,
            "token_hang": self.token_hang,
            "errcode": self.errcode,
            "token_issues": dict(self.token_issues),
            "token_requests": self.token_requests,
            "send_calls": self.send_calls,
        }

    async def _wait(self, seconds: float) -> None:
        if seconds <= 0:
            return
        if self._released is None:
            self._released = asyncio.Event()
        released = self._released
        try:
            await asyncio.wait_for(released.wait(), seconds)
        except TimeoutError:
            pass

    # --- the hooks server.py calls ---------------------------------------------------------------

    async def before_token(self) -> None:
        """The token endpoint is about to answer: hang first if armed."""
        self.token_requests += 1
        await self._wait(self.token_hang)

    def token_issued(self, appid: str) -> None:
        self.token_issues[appid] += 1

    def forced_errcode(self) -> int | None:
        """The errcode every 客服 message gets now, counting the call; None when healthy."""
        self.send_calls += 1
        return self.errcode

    def _take_send_mode(self) -> str:
        mode = self.send
        if mode != "ok" and self.send_times is not None:
            self.send_times -= 1
            if self.send_times <= 0:
                self.send, self.send_times = "ok", None
        return mode

    async def after_delivery(self, request: web.Request, response: web.Response) -> web.Response:
        """A 客服 message was delivered: answer it, cut the connection, or answer late, as armed."""
        mode = self._take_send_mode()
        if mode == "drop":
            if request.transport is not None:
                request.transport.close()
            return response  # nothing reaches the caller: its connection is gone
        if mode == "late":
            await self._wait(self.late_seconds)
        return response
