"""The desktop's connection to its hub. Every failure becomes one of two errors the window can word:
the hub could not be reached (work stays local), or the hub refused (with its reason)."""

from __future__ import annotations

from typing import Any

import aiohttp


class HubUnreachable(ConnectionError):
    """No answer from the hub: offline, hub stopped, or network down."""


class HubRefused(RuntimeError):
    """The hub answered and said no; `str(exc)` is the reason in words."""


class HubClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None, sock_connect=5))
        return self._session

    async def _request(self, method: str, path: str, timeout: float, **kwargs: Any) -> dict[str, Any]:
        try:
            async with self._http().request(
                method, self.base_url + path, timeout=aiohttp.ClientTimeout(total=timeout, sock_connect=5), **kwargs
            ) as response:
                if response.status >= 500:
                    raise HubUnreachable(f"hub answered {response.status}")
                data = await response.json(content_type=None) if response.content_type == "application/json" else {}
                if response.status >= 400:
                    reason = data.get("error") if isinstance(data, dict) else None
                    raise HubRefused(reason or f"服务端拒绝了请求（{response.status}）")
                return data
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise HubUnreachable(str(exc) or type(exc).__name__) from exc

    async def changes(self, cursor: int, wait: float = 0) -> dict[str, Any]:
        params = {"cursor": str(cursor), "wait": str(int(wait))}
        return await self._request("GET", "/api/changes", timeout=wait + 15, params=params)

    async def reply(self, command_id: str, conversation_id: int, content: str) -> dict[str, Any]:
        body = {"command_id": command_id, "conversation_id": conversation_id, "content": content}
        data = await self._request("POST", "/api/replies", timeout=60, json=body)
        return data["message"]

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
