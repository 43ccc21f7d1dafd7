"""The desktop's connection to its hub. Every failure becomes one of two errors the window can word:
the hub could not be reached (work stays local), or the hub refused (with its reason)."""

from __future__ import annotations

import hashlib
from typing import Any

import aiohttp

# Uploads say what they are: the hub refuses the types a web page may send without asking (text, forms).
BINARY = "application/octet-stream"


class HubUnreachable(ConnectionError):
    """No answer from the hub: offline, hub stopped, or network down."""


class HubBusy(HubUnreachable):
    """The hub answered but could not keep the work now (disk full, database locked: 503). Nothing was
    applied; the desk keeps the command and tries again, and shows the hub's words meanwhile."""


class HubRefused(RuntimeError):
    """The hub answered and said no; `str(exc)` is the reason in words, `answer` the whole reply."""

    def __init__(self, reason: str, answer: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.answer = answer or {}


class NotSignedIn(HubRefused):
    """The hub wants a signed-in colleague: no token, or the session expired or was ended."""


class HubClient:
    def __init__(self, base_url: str, token: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token  # the session token from sign-in (kept in the key store, never on disk)
        self._session: aiohttp.ClientSession | None = None

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None, sock_connect=5))
        return self._session

    async def _request(
        self, method: str, path: str, timeout: float, content_type: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        headers = self.headers()
        if content_type:
            headers["Content-Type"] = content_type
        try:
            async with self._http().request(
                method,
                self.base_url + path,
                timeout=aiohttp.ClientTimeout(total=timeout, sock_connect=5),
                headers=headers,
                **kwargs,
            ) as response:
                if response.status == 503 and response.content_type == "application/json":
                    words = (await response.json(content_type=None) or {}).get("error")
                    raise HubBusy(str(words or "服务端暂时无法保存，稍后会自动重试。"))
                if response.status >= 500:
                    raise HubUnreachable(f"hub answered {response.status}")
                data = await response.json(content_type=None) if response.content_type == "application/json" else {}
                if response.status == 401:
                    reason = data.get("error") if isinstance(data, dict) else None
                    raise NotSignedIn(reason or "请先登录。", data if isinstance(data, dict) else {})
                if response.status >= 400:
                    reason = data.get("error") if isinstance(data, dict) else None
                    raise HubRefused(
                        reason or f"服务端拒绝了请求（{response.status}）", data if isinstance(data, dict) else {}
                    )
                return data
        except HubUnreachable:  # already said in words (a ConnectionError, so an OSError too)
            raise
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise HubUnreachable(str(exc) or type(exc).__name__) from exc

    async def changes(self, cursor: int, wait: float = 0, presence: int | None = None) -> dict[str, Any]:
        params = {"cursor": str(cursor), "wait": str(int(wait))}
        if presence is not None:
            params["presence"] = str(presence)
        return await self._request("GET", "/api/changes", timeout=wait + 15, params=params)

    async def sign_in(self, login: str, password: str) -> dict[str, Any]:
        """{token, staff, expires_at}; keeps the token for the calls that follow."""
        answer = await self._request("POST", "/api/sign-in", timeout=20, json={"login": login, "password": password})
        self.token = str(answer["token"])
        return answer

    async def sign_out(self) -> None:
        if self.token:
            try:
                await self._request("POST", "/api/sign-out", timeout=10)
            finally:
                self.token = None

    async def me(self) -> dict[str, Any]:
        return (await self._request("GET", "/api/me", timeout=10))["staff"]

    async def status(self) -> dict[str, Any]:
        return await self._request("GET", "/api/status", timeout=10)

    async def first_admin(self, login: str, name: str, password: str, setup_code: str) -> dict[str, Any]:
        """Create the hub's first administrator; `setup_code` is the one-time code shown at the hub machine."""
        body = {"login": login, "name": name, "password": password, "setup_code": setup_code}
        return await self._request("POST", "/api/first-admin", timeout=20, json=body)

    async def command(self, command_id: str, kind: str, conversation_id: int, args: dict[str, Any]) -> dict[str, Any]:
        """Apply one command; HubRefused carries the hub's reason and its answer (`exc.answer`)."""
        body = {"command_id": command_id, "kind": kind, "conversation_id": conversation_id, "args": args}
        return await self._request("POST", "/api/commands", timeout=60, json=body)

    async def presence(self, conversation_id: int | None, typing: bool, take_over: bool = False) -> dict[str, Any]:
        body = {"conversation_id": conversation_id, "typing": typing, "take_over": take_over}
        return await self._request("POST", "/api/presence", timeout=10, json=body)

    async def reply(self, command_id: str, conversation_id: int, content: str) -> dict[str, Any]:
        body = {"command_id": command_id, "conversation_id": conversation_id, "content": content}
        data = await self._request("POST", "/api/replies", timeout=60, json=body)
        return data["message"]

    async def wordlists(self) -> dict[str, Any]:
        """The office's own 错敏词 lists as text, and the lines the hub could not read."""
        return await self._request("GET", "/api/wordlists", timeout=15)

    async def save_wordlists(self, files: dict[str, str], base_version: int | None) -> dict[str, Any]:
        """Save from `base_version` (the lists' version last read); a stale one is refused (409)."""
        body = {"files": files, "base_version": base_version}
        return await self._request("PUT", "/api/wordlists", timeout=30, json=body)

    async def import_wechat_rules(self, command_id: str, appid: str, replace: bool) -> dict[str, Any]:
        """Read an account's auto-reply setup from WeChat into rules; `notes` says what did not carry over."""
        body = {"command_id": command_id, "account": appid, "replace": replace}
        return await self._request("POST", "/api/rules/import-wechat", timeout=60, json=body)

    async def audit(self, limit: int = 200, export: bool = False) -> dict[str, Any]:
        """The 操作日志 (newest first) and whether its hash chain holds; `export` puts the export on record."""
        params = {"limit": str(limit), **({"export": "1"} if export else {})}
        return await self._request("GET", "/api/audit", timeout=30, params=params)

    async def missing_assets(self, refs: list[str]) -> list[str]:
        """Which article pictures ("asset:<sha256>") the hub does not have yet."""
        answer = await self._request("POST", "/api/assets/missing", timeout=30, json={"refs": refs})
        return [str(ref) for ref in answer.get("missing") or []]

    async def put_asset(self, ref: str, data: bytes) -> None:
        sha = ref.removeprefix("asset:")
        await self._request("PUT", f"/api/assets/{sha}", timeout=120, content_type=BINARY, data=data)

    async def get_asset(self, ref: str) -> bytes:
        """A picture a colleague put in an article (raises HubUnreachable / HubRefused)."""
        return await self._download(f"/api/assets/{ref.removeprefix('asset:')}", "服务端没有这张图片")

    async def put_evidence(self, data: bytes, name: str) -> str:
        """A file attached to a checklist item as evidence; answers its ref ("evidence:<sha256>")."""
        sha = hashlib.sha256(data).hexdigest()
        answer = await self._request(
            "PUT", f"/api/evidence/{sha}", timeout=120, content_type=BINARY, data=data, params={"name": name}
        )
        return str(answer.get("ref") or f"evidence:{sha}")

    async def get_evidence(self, ref: str) -> bytes:
        return await self._download(f"/api/evidence/{ref.removeprefix('evidence:')}", "服务端没有这份佐证材料")

    async def compliance(self, quarter: str | None = None) -> list[dict[str, Any]]:
        """The inspection panel per account, as the hub computes it."""
        params = {"quarter": quarter} if quarter else {}
        answer = await self._request("GET", "/api/compliance", timeout=60, params=params)
        return list(answer.get("panel") or [])

    async def quarterly_report(self, quarter: str, fmt: str) -> bytes:
        """The quarterly self-check report (fmt "pdf" or "xlsx"), made on the hub."""
        params = {"quarter": quarter, "format": fmt}
        return await self._download("/api/reports/quarterly", "服务端没能生成报告", params=params, timeout=300)

    async def _download(
        self, path: str, missing: str, params: dict[str, str] | None = None, timeout: float = 120
    ) -> bytes:
        """A file from the hub (not JSON): its bytes, or NotSignedIn / HubRefused / HubUnreachable."""
        try:
            async with self._http().get(
                self.base_url + path,
                params=params or {},
                timeout=aiohttp.ClientTimeout(total=timeout, sock_connect=5),
                headers=self.headers(),
            ) as response:
                if response.status == 401:
                    raise NotSignedIn("请先登录。", {})
                if response.status >= 400:
                    raise HubRefused(f"{missing}（{response.status}）", {})
                return await response.read()
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise HubUnreachable(str(exc) or type(exc).__name__) from exc

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
