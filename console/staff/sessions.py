"""Signing in and staying signed in.

A password is checked against its argon2 hash. Every attempt costs exactly one argon2 verification
and gets the same words whether the login exists or not, at every attempt: the answer never says how
many tries are left, and failures are counted per login string for logins nobody has too (in memory,
under a keyed hash), so the hold below looks the same for both. Neither the answer nor its timing
tells which logins exist.

Repeated failures slow a login down, they never shut it for good: from the fifth failure in a row the
login is held for a while (1 minute, then 2, 4, 8, at most 15), and during the hold every attempt is
refused, the right password too, without counting further. An attacker gets a handful of tries an
hour; the colleague waits at most 15 minutes, and an administrator at the hub machine can always lift
the hold at once with `wxconsole staff unlock --login …` (it needs the hub's database, so only someone
at that machine can run it). Why not exempt sign-ins from the hub machine instead: by default every
desk connects over loopback, so an exemption would switch the hold off exactly where the hub runs,
and any program on that machine could then guess passwords at full speed; and an answer that differed
for administrators would tell which logins are administrators. Failures a day older than the last
hold are forgotten.

A desk then holds a random token; the hub keeps only its SHA-256, so a copy of the database lets
nobody in. A session ends 12 hours after its last use and 7 days after sign-in at the latest.

These functions work inside the caller's unit of work. Catch `SignInRefused` *inside* it (and write
the audit entry there): the failure count is part of the same transaction, and an exception that
escapes `Database.session()` rolls it back."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from console.staff.passwords import check_password, hash_password, needs_rehash
from console.store.models import Staff, StaffCredential, StaffSession
from console.timeutil import utcnow

MAX_FAILURES = 5  # failures in a row before a login is held
FIRST_HOLD_MINUTES = 1  # the first hold; each further failure after a hold doubles it
MAX_HOLD_MINUTES = 15
FORGET_AFTER = timedelta(days=1)  # failures this long after the last hold ended are forgotten
IDLE_HOURS = 12
MAX_DAYS = 7
TOUCH_SECONDS = 60  # last_seen_at is written at most this often, not on every request
MAX_STRANGERS = 10_000  # unknown logins whose failures are remembered (the oldest are forgotten first)

WRONG = "登录名或密码不正确。"
INACTIVE = "这个账号已停用，请联系管理员。"
_KEY = secrets.token_bytes(32)  # this process's key for marks of unknown logins; never stored


def held_message(minutes: int) -> str:
    """The words during a hold: the same for every login, known or not."""
    return (
        f"登录失败次数过多，请 {minutes} 分钟后再试。"
        "急需登录时，可请管理员在服务端电脑上运行 wxconsole staff unlock --login 登录名 立即解除。"
    )


def hold_minutes(failures: int) -> int:
    """How long a login is held after its `failures`-th failure in a row (0: not held)."""
    if failures < MAX_FAILURES:
        return 0
    return min(FIRST_HOLD_MINUTES * 2 ** min(failures - MAX_FAILURES, 10), MAX_HOLD_MINUTES)


def stranger_mark(login: str) -> str:
    """What the audit log keeps of a login that is no colleague's (it may be a password typed into
    the wrong field): a short keyed hash, the same for the same string while this hub runs."""
    digest = hmac.new(_KEY, login.strip().lower().encode("utf-8"), hashlib.sha256).hexdigest()
    return f"unknown:{digest[:12]}"


class SignInRefused(ValueError):
    """Sign-in refused; str() is what the colleague reads. The fields are for the caller's audit log:
    `reason` is "unknown" (no such login, or no password set), "password", "locked" or "inactive";
    `staff_id` is None when no colleague has this login; `locked` is whether the login is held now,
    `just_locked` whether this attempt started the hold."""

    def __init__(
        self,
        message: str,
        reason: str,
        staff_id: int | None = None,
        locked: bool = False,
        just_locked: bool = False,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.staff_id = staff_id
        self.locked = locked
        self.just_locked = just_locked


@dataclass(frozen=True)
class SignedIn:
    token: str  # hand to the desk once; the hub keeps only token_hash(token)
    staff: Staff
    expires_at: datetime  # naive UTC; moves later with use, never past created + MAX_DAYS


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


_DUMMY: list[str] = []


def _dummy_hash() -> str:
    """A hash nobody knows the password of, so an unknown login costs one verification too: made
    with today's hashing parameters, so it costs exactly what a colleague's hash costs."""
    if not _DUMMY or needs_rehash(_DUMMY[0]):
        _DUMMY[:] = [hash_password(secrets.token_urlsafe(32))]
    return _DUMMY[0]


def warm_up() -> None:
    """Make the stand-in hash now (the hub calls this at start), so the first unknown login does not
    cost an extra hashing that would tell it apart."""
    _dummy_hash()


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


@dataclass
class _Tally:
    """Failures in a row and the hold, for one login: a credential row's columns, or a stranger's."""

    failures: int
    held_until: datetime | None


def _refuse_or_count(tally: _Tally, matches: bool, staff_id: int | None, reason: str, now: datetime) -> None:
    """One rule for known and unknown logins alike: raise SignInRefused unless `matches` and not held."""
    if tally.held_until is not None and now - tally.held_until > FORGET_AFTER:
        tally.failures, tally.held_until = 0, None
    if tally.held_until is not None and now < tally.held_until:
        raise SignInRefused(held_message(_minutes_left(tally.held_until, now)), "locked", staff_id, locked=True)
    if matches:
        return
    tally.failures += 1
    minutes = hold_minutes(tally.failures)
    if minutes:
        tally.held_until = now + timedelta(minutes=minutes)
        raise SignInRefused(held_message(minutes), reason, staff_id, locked=True, just_locked=True)
    raise SignInRefused(WRONG, reason, staff_id)


class _Strangers:
    """Failure tallies of logins no colleague has, per database, in memory under a keyed hash (the
    string itself is never kept: it may be a password typed into the login field)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tallies: weakref.WeakKeyDictionary[Any, OrderedDict[str, _Tally]] = weakref.WeakKeyDictionary()

    def attempt(self, bind: Any, login: str, staff_id: int | None, now: datetime) -> None:
        mark = stranger_mark(login)
        with self._lock:
            tallies = self._tallies.setdefault(bind, OrderedDict())
            tally = tallies.pop(mark, None) or _Tally(0, None)
            tallies[mark] = tally
            while len(tallies) > MAX_STRANGERS:
                tallies.popitem(last=False)
            _refuse_or_count(tally, False, staff_id, "unknown", now)

    def forget(self) -> None:
        with self._lock:
            self._tallies.clear()


STRANGERS = _Strangers()


def sign_in(session: Session, login: str, password: str, now: datetime | None = None) -> SignedIn:
    """Check the password and open a session, or raise SignInRefused in words."""
    now = now or utcnow()
    wanted = login.strip().lower()
    staff = session.scalar(select(Staff).where(Staff.login == wanted)) if wanted else None
    credential = None
    if staff is not None:
        credential = session.scalar(
            select(StaffCredential).where(StaffCredential.staff_id == staff.id).with_for_update()
        )
    if staff is None or credential is None:
        check_password(_dummy_hash(), password)
        STRANGERS.attempt(session.get_bind(), wanted, staff.id if staff is not None else None, now)
        raise SignInRefused(WRONG, "unknown", staff.id if staff is not None else None)  # (attempt raised already)

    matches = check_password(credential.password_hash, password)  # also while held: same timing
    tally = _Tally(credential.failed_logins or 0, credential.locked_until)
    try:
        _refuse_or_count(tally, matches, staff.id, "password", now)
    finally:
        credential.failed_logins, credential.locked_until = tally.failures, tally.held_until
    if not staff.active:
        raise SignInRefused(INACTIVE, "inactive", staff.id)

    credential.failed_logins, credential.locked_until = 0, None
    if needs_rehash(credential.password_hash):
        credential.password_hash = hash_password(password)
    token = secrets.token_urlsafe(32)
    expires_at = min(now + timedelta(hours=IDLE_HOURS), now + timedelta(days=MAX_DAYS))
    session.add(
        StaffSession(
            token_hash=token_hash(token),
            staff_id=staff.id,
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
            revoked=False,
        )
    )
    session.flush()
    return SignedIn(token, staff, expires_at)


def authenticate(session: Session, token: str, now: datetime | None = None) -> Staff | None:
    """The active colleague behind a token, or None (unknown, signed out, expired, deactivated).
    Use moves the idle expiry on; last_seen_at is written at most once a minute."""
    if not token:
        return None
    now = now or utcnow()
    row = session.get(StaffSession, token_hash(token))
    if row is None or row.revoked or now >= row.expires_at:
        return None
    cap = row.created_at + timedelta(days=MAX_DAYS)
    if now >= cap:
        return None
    staff = session.get(Staff, row.staff_id)
    if staff is None or not staff.active:
        return None
    if now - row.last_seen_at >= timedelta(seconds=TOUCH_SECONDS):
        row.last_seen_at = now
        row.expires_at = min(now + timedelta(hours=IDLE_HOURS), cap)
    return staff


def sign_out(session: Session, token: str) -> bool:
    """End this token's session; False when there was none to end."""
    if not token:
        return False
    result = session.execute(
        update(StaffSession)
        .where(StaffSession.token_hash == token_hash(token), StaffSession.revoked.is_(False))
        .values(revoked=True)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def revoke_all(session: Session, staff_id: int) -> int:
    """End every session of a colleague (password changed, account disabled); how many were open."""
    result = session.execute(
        update(StaffSession)
        .where(StaffSession.staff_id == staff_id, StaffSession.revoked.is_(False))
        .values(revoked=True)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def prune_sessions(session: Session, now: datetime | None = None) -> int:
    """Delete sessions that can never be used again (revoked or expired); how many."""
    now = now or utcnow()
    result = session.execute(
        delete(StaffSession).where(or_(StaffSession.revoked.is_(True), StaffSession.expires_at <= now))
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
