"""Calls to the WeChat API: one client (so one access_token) per account, errcodes mapped to
WeChatError, bounded retries with back-off for "system busy", a timeout on every call. Blocking: the
hub runs it on its own pool of WeChat threads (console.hub.delivery), never on the callbacks' threads.

A failed call is one of two things, and a 客服 message must tell them apart: certainly not done
(connection refused, name not found, connect timeout, token not obtained, an errcode answer) — say
"retry" — or perhaps done (the connection dropped after the request went out, the answer timed out or
came garbled) — say "不确定是否已送达" and let a person check, because sending again may put the
message on the follower's phone twice."""

from __future__ import annotations

import logging
import mimetypes
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from wechatpy.exceptions import WeChatClientException

from console.secrets import Vault
from console.wechat.client import CALL_TIMEOUT, WECHAT_API, ConfiguredClient, TokenUnavailable
from console.wechat.errors import NETWORK_ERROR, OutcomeUnknown, WeChatError

log = logging.getLogger(__name__)

BUSY_CODES = {-1}
BUSY_ATTEMPTS = 3
CLIENTMSGID_EXISTS = 45065  # mass send: this clientmsgid was already sent in the last 24 h


@dataclass(frozen=True)
class MassSent:
    """A mass send WeChat accepted. repeated: the clientmsgid had been sent already (an earlier call
    whose answer was lost), so nothing new went out and msg_id is that earlier send's."""

    msg_id: str
    msg_data_id: str | None
    repeated: bool


def _upload(filename: str, data: bytes) -> dict[str, tuple[str, bytes, str]]:
    """The multipart "media" field WeChat's upload endpoints read."""
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return {"media": (filename, data, content_type)}


def may_have_arrived(exc: BaseException) -> bool:
    """False only when the request certainly never reached WeChat; every doubt counts as "maybe"."""
    if isinstance(exc, TokenUnavailable):
        return False  # the call waits for its token: it never went out
    if isinstance(exc, requests.ConnectTimeout | requests.exceptions.SSLError):
        return False  # no connection, or no TLS session: no request was written
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return False
    if isinstance(exc, requests.ConnectionError):
        reason = exc.args[0] if exc.args else None
        reason = getattr(reason, "reason", reason)  # urllib3's MaxRetryError wraps the cause
        return not isinstance(reason, NewConnectionError | NameResolutionError | ConnectTimeoutError)
    return True  # read timeout, connection aborted, garbled or non-JSON answer, an HTTP error status


def _dict(answer: Any, endpoint: str) -> dict[str, Any]:
    """wechatpy hands back the raw response when it is not JSON; WeChat always answers JSON here."""
    if not isinstance(answer, dict):
        raise WeChatClientException(None, f"{endpoint} answered something other than JSON")
    return answer


def _text(answer: dict[str, Any], key: str, endpoint: str) -> str:
    value = answer.get(key)
    if value is None or value == "":
        raise WeChatClientException(None, f"{endpoint} answered without {key}")
    return str(value)


class Gateway:
    def __init__(
        self, vault: Vault, api_base: str = WECHAT_API, backoff: float = 0.5, timeout: float = CALL_TIMEOUT
    ) -> None:
        self.vault = vault
        self.api_base = api_base
        self.backoff = backoff
        self.timeout = timeout  # seconds for each WeChat call, the token fetch included
        self._clients: dict[str, ConfiguredClient] = {}
        self._lock = threading.Lock()

    def client(self, appid: str) -> ConfiguredClient:
        with self._lock:
            client = self._clients.get(appid)
            if client is None:
                secrets = self.vault.get(appid)
                client = ConfiguredClient(appid, secrets.app_secret, self.api_base, self.timeout)
                self._clients[appid] = client
            return client

    def use_timeout(self, seconds: float) -> None:
        """Wait at most `seconds` for each WeChat call from now on (clients already made included)."""
        with self._lock:
            self.timeout = seconds
            for client in self._clients.values():
                client.timeout = seconds

    def _call(
        self,
        appid: str,
        action: Callable[[ConfiguredClient], Any],
        publishing: bool = False,
        unrepeatable: bool = False,
    ) -> Any:
        """Run action with appid's client; publishing=True words errcodes for article calls.

        unrepeatable=True for a call WeChat would carry out twice if asked twice (a 客服 message): a
        failure after which it may have been done raises OutcomeUnknown instead of a "retry" error."""
        client = self.client(appid)
        for attempt in range(1, BUSY_ATTEMPTS + 1):
            try:
                return action(client)
            except WeChatClientException as exc:
                if exc.errcode is None:  # no errcode: no answer we could read, or no token
                    if unrepeatable and may_have_arrived(exc):
                        log.warning("WeChat's answer for %s unreadable (%s): outcome unknown", appid, exc.errmsg)
                        raise OutcomeUnknown(str(exc.errmsg or "")) from exc
                    log.warning("WeChat unreachable for %s: %s", appid, exc.errmsg)
                    raise WeChatError(NETWORK_ERROR, str(exc.errmsg or ""), publishing) from exc
                code = int(exc.errcode)
                if code in BUSY_CODES and attempt < BUSY_ATTEMPTS:
                    time.sleep(self.backoff * 2 ** (attempt - 1))
                    continue
                log.warning("WeChat refused a call for %s: errcode %s", appid, code)
                raise WeChatError(code, str(exc.errmsg or ""), publishing) from exc
            except requests.RequestException as exc:
                if unrepeatable and may_have_arrived(exc):
                    log.warning("no answer from WeChat for %s after sending (%s): outcome unknown", appid, exc)
                    raise OutcomeUnknown(type(exc).__name__) from exc
                log.warning("WeChat unreachable for %s: %s", appid, type(exc).__name__)
                raise WeChatError(NETWORK_ERROR, type(exc).__name__, publishing) from exc
        raise AssertionError("unreachable")

    def send_text(self, appid: str, openid: str, content: str) -> None:
        """客服 text message. Raises WeChatError with the reason in words: OutcomeUnknown when the
        request may have reached WeChat although no answer we can trust came back."""
        self._call(
            appid,
            lambda c: _dict(c.message.send_text(openid, content), "message/custom/send"),
            unrepeatable=True,
        )

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

    # --- materials, drafts, publishing, mass sends ---------------------------------------------------
    # Articles travel as WeChat's own dicts (title, author, digest, content, content_source_url,
    # thumb_media_id, need_open_comment, only_fans_can_comment…), posted as-is rather than through
    # wechatpy's draft helpers, which rebuild each article and drop fields they do not know.

    def _article_call(self, appid: str, action: Callable[[ConfiguredClient], Any]) -> Any:
        return self._call(appid, action, publishing=True)

    def upload_article_image(self, appid: str, data: bytes, filename: str) -> str:
        """A picture for an article's body (media/uploadimg: jpg/png under 1 MB) → its URL, the only
        kind of image URL WeChat keeps in article content."""
        answer = self._article_call(
            appid, lambda c: _dict(c.post("media/uploadimg", files=_upload(filename, data)), "uploadimg")
        )
        return _text(answer, "url", "media/uploadimg")

    def add_image_material(self, appid: str, data: bytes, filename: str) -> tuple[str, str]:
        """A permanent image material (a draft's cover must be one) → (media_id, url)."""

        def add(client: ConfiguredClient) -> dict[str, Any]:
            answer = client.post("material/add_material", params={"type": "image"}, files=_upload(filename, data))
            return _dict(answer, "material/add_material")

        answer = self._article_call(appid, add)
        return _text(answer, "media_id", "material/add_material"), str(answer.get("url") or "")

    def draft_add(self, appid: str, articles: list[dict[str, Any]]) -> str:
        """A new draft of 1–8 articles → its media_id."""
        answer = self._article_call(
            appid, lambda c: _dict(c.post("draft/add", data={"articles": articles}), "draft/add")
        )
        return _text(answer, "media_id", "draft/add")

    def draft_update(self, appid: str, media_id: str, index: int, article: dict[str, Any]) -> None:
        """Replace the article at index (0 = first) of a draft."""
        body = {"media_id": media_id, "index": index, "articles": article}
        self._article_call(appid, lambda c: c.post("draft/update", data=body))

    def draft_get(self, appid: str, media_id: str) -> list[dict[str, Any]]:
        """The draft's articles (news_item), as WeChat holds them."""
        answer = self._article_call(
            appid, lambda c: _dict(c.post("draft/get", data={"media_id": media_id}), "draft/get")
        )
        items = answer.get("news_item")
        if not isinstance(items, list):
            raise WeChatError(NETWORK_ERROR, "draft/get answered without news_item")
        return items

    def draft_delete(self, appid: str, media_id: str) -> None:
        """Remove a draft from the box for good."""
        self._article_call(appid, lambda c: c.post("draft/delete", data={"media_id": media_id}))

    def publish_submit(self, appid: str, media_id: str) -> str:
        """Start publishing a draft (freepublish/submit) → publish_id. Only submitted: the outcome comes
        later as a PUBLISHJOBFINISH push, or by polling publish_status."""
        body = {"media_id": media_id}
        answer = self._article_call(
            appid, lambda c: _dict(c.post("freepublish/submit", data=body), "freepublish/submit")
        )
        return _text(answer, "publish_id", "freepublish/submit")

    def publish_status(self, appid: str, publish_id: str) -> dict[str, Any]:
        """freepublish/get's answer: publish_status (0 published, 1 publishing, 2 原创声明失败, 3 常规失败,
        4 平台审核不通过, 5/6 deleted afterwards), article_id and article_detail when published, fail_idx."""
        body = {"publish_id": publish_id}
        return self._article_call(appid, lambda c: _dict(c.post("freepublish/get", data=body), "freepublish/get"))

    def mass_send(self, appid: str, media_id: str, clientmsgid: str) -> MassSent:
        """Mass send a draft to every follower (message/mass/sendall), idempotent through clientmsgid.

        A mass send cannot be recalled, so a call whose answer was lost must be retried with the same
        clientmsgid: WeChat then answers 45065 with the first send's msg_id and sends nothing, which
        comes back here as MassSent(repeated=True) rather than an error. Every other refusal (45028: no
        quota left) raises WeChatError.
        """
        body = {
            "filter": {"is_to_all": True},
            "mpnews": {"media_id": media_id},
            "msgtype": "mpnews",
            "send_ignore_reprint": 0,
            "clientmsgid": clientmsgid,
        }

        def send(client: ConfiguredClient) -> MassSent:
            try:
                answer = _dict(client.post("message/mass/sendall", data=body), "message/mass/sendall")
            except WeChatClientException as exc:
                if exc.errcode is None or int(exc.errcode) != CLIENTMSGID_EXISTS:
                    raise
                first = _error_body(exc).get("msg_id")  # not in wechatpy's exception; the response has it
                if first is None or first == "":
                    raise
                return MassSent(str(first), None, repeated=True)
            data_id = answer.get("msg_data_id")
            return MassSent(
                _text(answer, "msg_id", "message/mass/sendall"), None if data_id is None else str(data_id), False
            )

        result: MassSent = self._article_call(appid, send)
        return result

    def mass_status(self, appid: str, msg_id: str) -> str:
        """A mass send's msg_status: SEND_SUCCESS, SENDING, SEND_FAIL or DELETE."""
        key: int | str = int(msg_id) if msg_id.isdigit() else msg_id  # WeChat's msg_id is a number
        answer = self._article_call(
            appid, lambda c: _dict(c.post("message/mass/get", data={"msg_id": key}), "message/mass/get")
        )
        return _text(answer, "msg_status", "message/mass/get")


def _error_body(exc: WeChatClientException) -> dict[str, Any]:
    """The JSON body of the response an errcode exception came from ({} if there is none)."""
    response = exc.response
    try:
        body = response.json() if response is not None else None
    except ValueError:
        body = None
    return body if isinstance(body, dict) else {}
