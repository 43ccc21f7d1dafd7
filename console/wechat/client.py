"""wechatpy's client with its base URL taken from configuration, so the sandbox on loopback and
api.weixin.qq.com are reached by the same code."""

from __future__ import annotations

from typing import Any

from wechatpy import WeChatClient

WECHAT_API = "https://api.weixin.qq.com"


class ConfiguredClient(WeChatClient):
    def __init__(self, appid: str, secret: str, api_base: str = WECHAT_API, timeout: float = 10.0) -> None:
        super().__init__(appid, secret, timeout=timeout)
        self.API_BASE_URL = api_base.rstrip("/") + "/cgi-bin/"

    def fetch_access_token(self) -> dict[str, Any]:
        return self._fetch_access_token(
            url=self.API_BASE_URL + "token",
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
        )
