"""wechatpy's client with its base URL taken from configuration, so the sandbox on loopback and
api.weixin.qq.com are reached by the same code, and with the three things wechatpy leaves open:

- every call has a timeout, the token fetch included (wechatpy's own fetch waits for ever);
- one token fetch per account at a time: callers that find the token stale while another thread is
  fetching wait for that fetch and use its token (ten replies in flight at an expiry → one fetch);
- an answer saying the token is invalid or expired (40001/40014/42001) is retried once after a refresh,
  then raised like any other errcode — wechatpy itself refetches and retries without end, which against
  a WeChat answering 40001 for ever ends in a RecursionError.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import requests
from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException

WECHAT_API = "https://api.weixin.qq.com"
CALL_TIMEOUT = 10.0  # seconds for one WeChat call (connect and read each)
TOKEN_CODES = frozenset({40001, 40014, 42001})  # the token is not (or no longer) good: refresh, retry once
TOKEN_EARLY = 60  # refresh this many seconds before WeChat's expiry, as wechatpy does

log = logging.getLogger(__name__)


class TokenUnavailable(WeChatClientException):
    """The token could not be fetched (no answer, timeout, garbled answer): the call it was for never
    went out, so nothing reached WeChat and the caller may say "retry"."""

    def __init__(self, why: str) -> None:
        super().__init__(None, why)


class ConfiguredClient(WeChatClient):
    def __init__(self, appid: str, secret: str, api_base: str = WECHAT_API, timeout: float = CALL_TIMEOUT) -> None:
        super().__init__(appid, secret, timeout=timeout, auto_retry=False)
        self.API_BASE_URL = api_base.rstrip("/") + "/cgi-bin/"
        self._token_lock = threading.Lock()
        self.token_fetches = 0  # how many times this client asked WeChat for a token (for the log and tests)
        self._fetches_done = 0  # fetches finished, successful or not: who waited for which one
        self._last_fetch_failed = False

    # --- the token -------------------------------------------------------------------------------

    def _current(self) -> str | None:
        """The stored token while it is still good for a while, else None."""
        token = self.session.get(self.access_token_key)
        expires_at = self.expires_at
        if token and (not expires_at or expires_at - time.time() > TOKEN_EARLY):
            return str(token)
        return None

    @property
    def access_token(self) -> str:
        return self._current() or self.refresh_token(stale=None)

    def refresh_token(self, stale: str | None) -> str:
        """A fresh token. `stale` is the token the caller found wanting (None: none or expired here):
        if another thread replaced it while this one waited for the lock, that token is used as is."""
        waited_from = self._fetches_done
        with self._token_lock:
            current = self._current()
            if current is not None and current != stale:
                return current
            if self._fetches_done != waited_from and self._last_fetch_failed:
                # The fetch this caller waited for failed just now: share its failure rather than each
                # waiting caller asking a hanging endpoint again, one timeout after another.
                raise TokenUnavailable("the token fetch it waited for failed")
            try:
                self.fetch_access_token()
            except Exception as exc:
                self._fetches_done += 1
                self._last_fetch_failed = True
                if isinstance(exc, requests.RequestException):
                    log.warning("WeChat's token endpoint did not answer for %s: %s", self.appid, type(exc).__name__)
                    raise TokenUnavailable(type(exc).__name__) from exc
                raise
            self._fetches_done += 1
            self._last_fetch_failed = False
            token = self.session.get(self.access_token_key)
            if not token:
                raise TokenUnavailable("token answered without access_token")
            return str(token)

    def fetch_access_token(self) -> dict[str, Any]:
        """GET /cgi-bin/token, with the client's timeout. Callers go through refresh_token."""
        self.token_fetches += 1
        log.info("fetching a WeChat access token for %s", self.appid)
        url = self.API_BASE_URL + "token"
        params = {"grant_type": "client_credential", "appid": self.appid, "secret": self.secret}
        response = self._http.get(url=url, params=params, timeout=self.timeout)
        response.raise_for_status()
        try:
            result = response.json()
        except ValueError as exc:
            raise TokenUnavailable("token answered something other than JSON") from exc
        if not isinstance(result, dict):
            raise TokenUnavailable("token answered something other than a JSON object")
        if result.get("errcode"):
            raise WeChatClientException(result["errcode"], result.get("errmsg", ""), client=self, response=response)
        access_token = result.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise TokenUnavailable("token answered without access_token")
        expires_in = int(result.get("expires_in") or 7200)
        self.session.set(self.access_token_key, access_token, expires_in)
        self.expires_at = int(time.time()) + expires_in
        return result

    # --- every call --------------------------------------------------------------------------------

    def _request(self, method: str, url_or_endpoint: str, **kwargs: Any) -> Any:
        """One call with a token; on a token errcode, one refresh and one more try, never more."""
        given = kwargs.get("params")
        if isinstance(given, dict) and "access_token" in given:  # the caller chose the token: as is
            return super()._request(method, url_or_endpoint, **kwargs)
        token = self.access_token
        try:
            return super()._request(method, url_or_endpoint, **self._with_token(kwargs, token))
        except WeChatClientException as exc:
            if exc.errcode is None or int(exc.errcode) not in TOKEN_CODES:
                raise
            log.info("WeChat refused the token for %s (errcode %s): refreshing once", self.appid, exc.errcode)
        token = self.refresh_token(stale=token)
        return super()._request(method, url_or_endpoint, **self._with_token(kwargs, token))

    @staticmethod
    def _with_token(kwargs: dict[str, Any], token: str) -> dict[str, Any]:
        """The call's arguments with its own copy of the params, carrying `token`."""
        params = kwargs.get("params")
        copied = dict(kwargs)
        copied["params"] = {**(params if isinstance(params, dict) else {}), "access_token": token}
        return copied
