"""Access tokens under WeChat's rules: 7200 s lifetime, and a 5-minute grace for the superseded token.

The grace period matters because several processes may share one appid; WeChat keeps the previous
token usable for five minutes after a new one is issued so they can catch up. After that it is simply
unknown to WeChat (40001), which differs from natural expiry (42001).
"""

import secrets
from dataclasses import dataclass

from console.sandbox import errors
from console.sandbox.clock import SandboxClock
from console.sandbox.errors import WeChatApiError

TOKEN_LIFETIME = 7200
SUPERSEDED_GRACE = 300


@dataclass
class IssuedToken:
    """One token as the sandbox remembers it; revoked_at is set once a newer token exists."""

    appid: str
    expires_at: float
    revoked_at: float | None = None


class TokenBook:
    """Issues and validates access tokens against the sandbox clock."""

    def __init__(self, clock: SandboxClock) -> None:
        self._clock = clock
        self._tokens: dict[str, IssuedToken] = {}

    def issue(self, appid: str) -> tuple[str, int]:
        """New token for appid; older ones stay valid for SUPERSEDED_GRACE seconds more, at most."""
        now = self._clock.now()
        deadline = now + SUPERSEDED_GRACE
        for issued in self._tokens.values():
            if issued.appid == appid and (issued.revoked_at is None or issued.revoked_at > deadline):
                issued.revoked_at = deadline
        token = secrets.token_urlsafe(96)
        self._tokens[token] = IssuedToken(appid=appid, expires_at=now + TOKEN_LIFETIME)
        return token, TOKEN_LIFETIME

    def check(self, token: str | None) -> str:
        """The appid the token belongs to, or the WeChatApiError WeChat would answer."""
        if not token:
            raise WeChatApiError.of(errors.ACCESS_TOKEN_MISSING)
        issued = self._tokens.get(token)
        if issued is None:
            raise WeChatApiError.of(errors.ACCESS_TOKEN_INVALID)
        now = self._clock.now()
        revoked = issued.revoked_at is not None and now >= issued.revoked_at
        expired = now >= issued.expires_at
        if expired and (issued.revoked_at is None or issued.expires_at <= issued.revoked_at):
            raise WeChatApiError.of(errors.ACCESS_TOKEN_EXPIRED)
        if revoked:
            raise WeChatApiError.of(errors.ACCESS_TOKEN_INVALID)
        return issued.appid
