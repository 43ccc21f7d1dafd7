"""The desktop's connection to its hub. Every failure becomes one of two errors the window can word:
the hub could not be reached (work stays local), or the hub refused (with its reason)."""

from __future__ import annotations

from typing import Any

import aiohttp


class HubUnreachable(ConnectionError):
    """No answer from the hub: offline, hub stopped, or network down."""


class HubRefused(RuntimeError):
    """The hub answered and said no; `str(exc)` is the reason in words, `answer` the whole reply."""

    def __init__(self, reason: str, answer: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.answer = answer or {}


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
                    raise HubRefused(
                        reason or f"服务端拒绝了请求（{response.status}）", data if isinstance(data, dict) else {}
                    )
                return data
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise HubUnreachable(str(exc) or type(exc).__name__) from exc

    async def changes(self, cursor: int, wait: float = 0, presence: int | None = None) -> dict[str, Any]:
        params = {"cursor": str(cursor), "wait": str(int(wait))}
        if presence is not None:
            params["presence"] = str(presence)
        return await self._request("GET", "/api/changes", timeout=wait + 15, params=params)

    async def command(
        self, command_id: str, kind: str, conversation_id: int, args: dict[str, Any], seat: str, seat_name: str
    ) -> dict[str, Any]:
        """Apply one command; HubRefused carries the hub's reason and its answer (`exc.answer`)."""
        body = {
            "command_id": command_id,
            "kind": kind,
            "conversation_id": conversation_id,
            "args": args,
            "seat": seat,
            "seat_name": seat_name,
        }
        return await self._request("POST", "/api/commands", timeout=60, json=body)

    async def presence(
        self, seat: str, name: str, conversation_id: int | None, typing: bool, take_over: bool = False
    ) -> dict[str, Any]:
        body = {
            "seat": seat,
            "name": name,
            "conversation_id": conversation_id,
            "typing": typing,
            "take_over": take_over,
        }
        return await self._request("POST", "/api/presence", timeout=10, json=body)

    async def reply(self, command_id: str, conversation_id: int, content: str) -> dict[str, Any]:
        body = {"command_id": command_id, "conversation_id": conversation_id, "content": content}
        data = await self._request("POST", "/api/replies", timeout=60, json=body)
        return data["message"]

    async def wordlists(self) -> dict[str, Any]:
        """The office's own 错敏词 lists as text, and the lines the hub could not read."""
        return await self._request("GET", "/api/wordlists", timeout=15)

    async def save_wordlists(self, files: dict[str, str]) -> dict[str, Any]:
        return await self._request("PUT", "/api/wordlists", timeout=30, json={"files": files})

    async def import_wechat_rules(
        self, command_id: str, appid: str, replace: bool, seat: str, seat_name: str
    ) -> dict[str, Any]:
        """Read an account's auto-reply setup from WeChat into rules; `notes` says what did not carry over."""
        body = {"command_id": command_id, "account": appid, "replace": replace, "seat": seat, "seat_name": seat_name}
        return await self._request("POST", "/api/rules/import-wechat", timeout=60, json=body)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
