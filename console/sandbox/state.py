"""Everything the sandbox remembers: accounts, tokens, followers' 客服 windows and what was sent to them.

Kept apart from the HTTP layer so tests and the follower simulator can inspect and drive the same rules
the server applies, without going through HTTP.
"""

import base64
import binascii
import secrets
import string
from dataclasses import asdict, dataclass, field
from typing import Any

from console.sandbox import errors
from console.sandbox.autoreply import default_autoreply_info
from console.sandbox.clock import SandboxClock
from console.sandbox.errors import WeChatApiError
from console.sandbox.failures import FailureModes
from console.sandbox.media import MediaStore
from console.sandbox.publishing import PublishingDesk
from console.sandbox.tokens import TokenBook
from console.sandbox.windows import ServiceWindow, window_for

MAX_TEXT_BYTES = 2048
ACCOUNT_TYPES = ("subscription", "service")  # 订阅号 / 服务号: they differ in mass-send quota


@dataclass
class SandboxAccount:
    """One official account as WeChat knows it; hub_url is the full callback URL WeChat pushes to."""

    appid: str
    secret: str
    token: str
    aes_key: str
    original_id: str
    hub_url: str
    safe_mode: bool = True
    # 订阅号 ("subscription") or 服务号 ("service"): WeChat gives them different mass-send quotas.
    account_type: str = "subscription"
    # The auto-reply set up in WeChat's admin pages (get_current_autoreply_info's answer, WeChat's shape).
    autoreply: dict[str, Any] = field(default_factory=default_autoreply_info, repr=False, compare=False)

    def aes_key_bytes(self) -> bytes:
        """The 32-byte AES key, decoded the way WeChat does (EncodingAESKey + "=")."""
        return base64.b64decode(self.aes_key + "=")

    def as_json(self) -> dict[str, Any]:
        """Plain dict for the control API: the credentials and callback URL (not the auto-reply setup)."""
        data = asdict(self)
        del data["autoreply"]
        return data


@dataclass
class SentMessage:
    """A message WeChat delivered to a follower; `at` is sandbox-clock time.

    `via` is "custom" for a 客服 message (the API, under the window rules) or "passive" for a passive
    reply (the hub's answer to a push). A passive news reply's content is the title and link on two lines;
    an image's is its media id.
    """

    appid: str
    openid: str
    msgtype: str
    content: str
    at: float
    via: str = "custom"

    def as_json(self) -> dict[str, Any]:
        """Plain dict for the control API."""
        return asdict(self)


@dataclass
class HubAnswer:
    """One delivery of a push as WeChat saw the hub answer it.

    `seconds` is how long the hub took, from sending the push to reading the whole answer (WeChat gives
    up after 5). `passive` is what became of the answer as a passive reply: "none" (empty, "success", or
    not HTTP 200), "delivered", "ignored" (valid, but this message already had its one reply) or
    "refused" (invalid; the reason is in SandboxState.passive_errors).
    """

    appid: str
    openid: str
    attempt: int
    status: int
    seconds: float
    passive: str = "none"

    def as_json(self) -> dict[str, Any]:
        """Plain dict for the control API."""
        return asdict(self)


@dataclass
class _Follower:
    """Per (appid, openid) facts: still following? which window is open?"""

    subscribed: bool = True
    window: ServiceWindow | None = None


class SandboxState:
    """The sandbox's memory; all time-based rules read `clock`.

    `nicknames` maps openid to a display name (filled by the follower simulator) because the real
    user-info API is not simulated; the demo reads the dict directly. `media` holds what followers
    sent as pictures, voice and video, for /cgi-bin/media/get. `sent` holds what reached followers, 客服
    messages and passive replies alike; `answers` times every delivery of a push to a hub, and
    `passive_errors` says why a hub's passive reply was refused (the follower saw passive.SERVICE_FAULT).
    """

    def __init__(self, clock: SandboxClock | None = None) -> None:
        self.clock = clock or SandboxClock()
        self.accounts: dict[str, SandboxAccount] = {}
        self.sent: list[SentMessage] = []
        self.answers: list[HubAnswer] = []  # every delivery of every push, oldest first
        self.passive_errors: list[str] = []  # why invalid passive replies were refused, oldest first
        self.nicknames: dict[str, str] = {}
        self.tokens = TokenBook(self.clock)
        self.media = MediaStore(self.clock)
        self.publishing = PublishingDesk(self.clock)
        self.drops: set[str] = set()
        self.failures = FailureModes()  # WeChat failing on purpose (drop, late answer, token hang, errcode)
        self._followers: dict[tuple[str, str], _Follower] = {}

    def add_account(self, acc: SandboxAccount) -> None:
        """Register (or replace) an account; rejects an EncodingAESKey WeChat would reject."""
        try:
            key = acc.aes_key_bytes()
        except (binascii.Error, ValueError) as exc:
            raise ValueError(f"aes_key is not valid base64: {exc}") from exc
        if len(acc.aes_key) != 43 or len(key) != 32:
            raise ValueError("aes_key must be 43 characters decoding to 32 bytes")
        if acc.account_type not in ACCOUNT_TYPES:
            raise ValueError(f"account_type must be one of {', '.join(ACCOUNT_TYPES)}")
        self.accounts[acc.appid] = acc

    def account(self, appid: str) -> SandboxAccount:
        """The account, or KeyError naming the unknown appid."""
        try:
            return self.accounts[appid]
        except KeyError:
            raise KeyError(f"unknown appid {appid!r}") from None

    def issue_token(self, appid: str, secret: str) -> tuple[str, int]:
        """Access token for appid/secret, or 40013 / 40125 as WeChat answers."""
        acc = self.accounts.get(appid)
        if acc is None:
            raise WeChatApiError.of(errors.APPID_INVALID)
        if not secrets.compare_digest(acc.secret.encode(), secret.encode()):
            raise WeChatApiError.of(errors.SECRET_INVALID)
        return self.tokens.issue(appid)

    def check_token(self, token: str | None) -> str:
        """The appid owning token, or 41001 / 40001 / 42001."""
        return self.tokens.check(token)

    def record_interaction(self, appid: str, openid: str, kind: str) -> None:
        """Note that a follower did something: kind is a MsgType ("text"…) or an Event ("subscribe"…).

        The sandbox is lenient: any interaction from an unseen openid makes it a follower, except
        unsubscribe, which ends following and closes the window.
        """
        self.account(appid)
        follower = self._followers.setdefault((appid, openid), _Follower())
        if kind == "unsubscribe":
            follower.subscribed = False
            follower.window = None
            return
        follower.subscribed = True
        window = window_for(kind, self.clock.now())
        if window is not None:
            follower.window = window

    def is_subscribed(self, appid: str, openid: str) -> bool:
        """Whether openid currently follows appid (False for never seen)."""
        follower = self._followers.get((appid, openid))
        return follower is not None and follower.subscribed

    def follower_count(self, appid: str) -> int:
        """How many openids follow appid now: who a mass send to everyone reaches."""
        return sum(1 for (owner, _openid), f in self._followers.items() if owner == appid and f.subscribed)

    def deliver(self, appid: str, openid: str, content: str, msgtype: str = "text") -> SentMessage:
        """Accept a 客服 message if WeChat would, consuming one unit of the follower's window."""
        follower = self._followers.get((appid, openid))
        if follower is None:
            raise WeChatApiError.of(errors.OPENID_INVALID)
        if not follower.subscribed:
            raise WeChatApiError.of(errors.OUT_OF_TIME_LIMIT)
        if msgtype == "text" and len(content.encode("utf-8")) > MAX_TEXT_BYTES:
            raise WeChatApiError.of(errors.CONTENT_TOO_LONG)
        now = self.clock.now()
        window = follower.window
        if window is None or now >= window.closes_at:
            raise WeChatApiError.of(errors.OUT_OF_TIME_LIMIT)
        if window.used >= window.quota:
            raise WeChatApiError.of(errors.OUT_OF_COUNT_LIMIT)
        window.used += 1
        message = SentMessage(appid=appid, openid=openid, msgtype=msgtype, content=content, at=now)
        self.sent.append(message)
        return message

    def deliver_passive(self, appid: str, openid: str, content: str, msgtype: str = "text") -> SentMessage:
        """Record a passive reply WeChat delivered; it costs nothing from the 客服 window.

        The caller (followers.push) has already checked the reply; only a follower who unfollowed is
        refused here (WeChat has no one to deliver to), with 45015 as for a 客服 message.
        """
        if not self.is_subscribed(appid, openid):
            raise WeChatApiError.of(errors.OUT_OF_TIME_LIMIT)
        message = SentMessage(appid, openid, msgtype, content, self.clock.now(), via="passive")
        self.sent.append(message)
        return message

    def sent_to(self, appid: str, openid: str | None = None, via: str | None = None) -> list[SentMessage]:
        """Delivered messages for an account, optionally one follower and one way ("custom"/"passive"),
        oldest first."""
        return [
            m
            for m in self.sent
            if m.appid == appid and (openid is None or m.openid == openid) and (via is None or m.via == via)
        ]


_ALNUM = string.ascii_letters + string.digits


def random_account(
    appid: str, hub_url: str, safe_mode: bool = True, account_type: str = "subscription"
) -> SandboxAccount:
    """A fresh account with credentials shaped like WeChat's, for demos and tests."""
    while True:
        # Real EncodingAESKeys are alphanumeric; redraw until base64 happens to avoid "+" and "/".
        aes_key = base64.b64encode(secrets.token_bytes(32)).decode("ascii")[:43]
        if aes_key.isalnum():
            break
    return SandboxAccount(
        appid=appid,
        secret=secrets.token_hex(16),
        token="".join(secrets.choice(_ALNUM) for _ in range(32)),
        aes_key=aes_key,
        original_id="gh_" + secrets.token_hex(6),
        hub_url=hub_url,
        safe_mode=safe_mode,
        account_type=account_type,
    )
