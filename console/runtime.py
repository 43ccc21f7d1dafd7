"""A private asyncio loop in a daemon thread that serves aiohttp apps on loopback: the embedded hub
of a solo desktop, the demo's sandbox and hub, and the test fixtures. Keeps servers off the GUI thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

from aiohttp import web

T = TypeVar("T")


class ServerThread:
    def __init__(self, name: str = "wxconsole-servers") -> None:
        self.loop = asyncio.new_event_loop()
        self._runners: list[web.AppRunner] = []
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def call(self, coro: Coroutine[Any, Any, T], timeout: float | None = 30) -> T:
        """Run a coroutine on the server loop and wait for its result (from another thread)."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def submit(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def serve(self, app: web.Application, host: str = "127.0.0.1", port: int = 0) -> str:
        """Start `app` and return its base URL (port 0: any free port)."""
        return self.call(self._serve(app, host, port))

    async def _serve(self, app: web.Application, host: str, port: int) -> str:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runners.append(runner)
        bound = runner.addresses[0]
        return f"http://{host}:{bound[1]}"

    def unserve(self, url: str) -> None:
        """Stop the one app served at `url` (a hub outage while the rest keeps running)."""
        port = int(url.rsplit(":", 1)[1])

        async def _cleanup() -> None:
            for runner in [r for r in self._runners if r.addresses and r.addresses[0][1] == port]:
                self._runners.remove(runner)
                await runner.cleanup()

        self.call(_cleanup(), timeout=15)

    def stop(self) -> None:
        if not self.loop.is_running():
            return

        async def _cleanup() -> None:
            for runner in reversed(self._runners):
                await runner.cleanup()
            self._runners.clear()

        try:
            self.call(_cleanup(), timeout=15)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(timeout=5)
