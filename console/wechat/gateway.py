"""Calls to the WeChat API: one client (so one access_token) per account, errcodes mapped to
WeChatError, bounded retries with back-off for "system busy". Blocking: the hub runs it in a thread."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import requests
from wechatpy.exceptions import WeChatClientException

from console.secrets import Vault
from console.wechat.client import WECHAT_API, ConfiguredClient
from console.wechat.errors import NETWORK_ERROR, WeChatError

log = logging.getLogger(__name__)

BUSY_CODES = {-1}
BUSY_ATTEMPTS = 3


class Gateway:
    def __init__(self, vault: Vault, api_base: str = WECHAT_API, backoff: float = 0.5) -> None:
        self.vault = vault
        self.api_base = api_base
        self.backoff = backoff
        self._clients: dict[str, ConfiguredClient] = {}
        self._lock = threading.Lock()

    def client(self, appid: str) -> ConfiguredClient:
        with self._lock:
            client = self._clients.get(appid)
            if client is None:
                secrets = self.vault.get(appid)
                client = ConfiguredClient(appid, secrets.app_secret, self.api_base)
                self._clients[appid] = client
            return client

    def _call(self, appid: str, action: Callable[[ConfiguredClient], Any]) -> Any:
        client = self.client(appid)
        for attempt in range(1, BUSY_ATTEMPTS + 1):
            try:
                return action(client)
            except WeChatClientException as exc:
                code = int(exc.errcode) if exc.errcode is not None else NETWORK_ERROR
                if code in BUSY_CODES and attempt < BUSY_ATTEMPTS:
                    time.sleep(self.backoff * 2 ** (attempt - 1))
                    continue
                log.warning("WeChat refused a call for %s: errcode %s", appid, code)
                raise WeChatError(code, str(exc.errmsg or "")) from exc
            except requests.RequestException as exc:
                log.warning("WeChat unreachable for %s: %s", appid, type(exc).__name__)
                raise WeChatError(NETWORK_ERROR, type(exc).__name__) from exc
        raise AssertionError("unreachable")

    def send_text(self, appid: str, openid: str, content: str) -> None:
        """客服 text message. Raises WeChatError with the reason in words."""
        self._call(appid, lambda c: c.message.send_text(openid, content))

    def current_autoreply_info(self, appid: str) -> dict[str, Any]:
        """The auto-reply set up in WeChat's admin pages (get_current_autoreply_info), in WeChat's shape:
        the two switches, add_friend_autoreply_info, message_default_autoreply_info and
        keyword_autoreply_info. See console.replies.wechat_import to turn it into rules."""
        answer = self._call(appid, lambda c: c.message.get_autoreply_info())
        if not isinstance(answer, dict):
            raise WeChatError(NETWORK_ERROR, "get_current_autoreply_info answered something other than JSON")
        return answer

    def fetch_media(self, appid: str, media_id: str) -> tuple[bytes, str]:
        """Temporary media a follower sent (picture, voice, video, video thumbnail): (bytes, content type).

        WeChat answers media/get with the file itself, except for video, where it answers JSON
        {"video_url": …} and the file is fetched from there. An errcode body (40007: unknown or
        expired — WeChat keeps media 3 days) raises WeChatError with the reason, as every call does.
        """

        def download(client: ConfiguredClient) -> requests.Response:
            answer = client.media.download(media_id)
            if isinstance(answer, dict):  # wechatpy decoded JSON without an errcode: a video's URL
                video_url = answer.get("video_url")
                if not isinstance(video_url, str) or not video_url:
                    raise WeChatClientException(answer.get("errcode", 0), "media/get answered JSON without a file")
                answer = requests.get(video_url, timeout=client.timeout)
                answer.raise_for_status()
            return answer

        response = self._call(appid, download)
        content_type = response.headers.get("Content-Type", "application/octet-stream").split(";")[0].strip()
        return response.content, content_type or "application/octet-stream"
