"""Signing in and staying signed in.

A password is checked against its argon2 hash; five wrong passwords in a row lock the account for
15 minutes (a right password during the lock is refused too). An unknown login costs the same argon2
verification as a known one and gets the same words, so neither the answer nor its timing tells
which logins exist. A desk then holds a random token; the hub keeps only its SHA-256, so a copy of the
database lets nobody in. A session ends 12 hours after its last use and 7 days after sign-in at the
latest.

These functions work inside the caller's unit of work. Catch `SignInRefused` *inside* it (and write
the audit entry there): the failure count is part of the same transaction, and an exception that
escapes `Database.session()` rolls it back."""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from console.staff.passwords import check_password, hash_password, needs_rehash
from console.store.models import Staff, StaffCredential, StaffSession
from console.timeutil import utcnow

MAX_FAILURES = 5
LOCK_MINUTES = 15
IDLE_HOURS = 12
MAX_DAYS = 7
TOUCH_SECONDS = 60  # last_seen_at is written at most this often, not on every request

WRONG = "登录名或密码不正确。"
INACTIVE = "这个账号已停用，请联系管理员。"


def locked_message(minutes: int = LOCK_MINUTES) -> str:
    return f"账号已锁定，请 {minutes} 分钟后再试，或请管理员解锁。"


class SignInRefused(ValueError):
    """Sign-in refused; str() is what the colleague reads. The fields are for the caller's audit log:
    `reason` is "unknown" (no such login, or no password set), "password", "locked" or "inactive";
    `locked` is whether the account is locked now, `just_locked` whether this attempt locked it."""

    def __init__(
        self,
        message: str,
        reason: str,
        staff_id: int | None = None,
        locked: bool = False,
        just_locked: bool = False,
        attempts_left: int | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.staff_id = staff_id
        self.locked = locked
        self.just_locked = just_locked
        self.attempts_left = attempts_left


@dataclass(frozen=True)
class SignedIn:
    token: str  # hand to the desk once; the hub keeps only token_hash(token)
    staff: Staff
    expires_at: datetime  # naive UTC; moves later with use, never past created + MAX_DAYS


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@cache
def _dummy_hash() -> str:
    """A hash nobody knows the password of, so an unknown login costs one verification too."""
    return hash_password(secrets.token_urlsafe(32))


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


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
        raise SignInRefused(WRONG, "unknown", staff.id if staff is not None else None)

    if credential.locked_until is not None and credential.locked_until <= now:
        credential.failed_logins, credential.locked_until = 0, None  # the lock ran out: a fresh start
    matches = check_password(credential.password_hash, password)  # also while locked: same timing
    if credential.locked_until is not None:
        minutes = _minutes_left(credential.locked_until, now)
        raise SignInRefused(locked_message(minutes), "locked", staff.id, locked=True)
    if not matches:
        credential.failed_logins = (credential.failed_logins or 0) + 1
        left = MAX_FAILURES - credential.failed_logins
        if left <= 0:
            credential.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            message = f"{WRONG}已连续错误 {MAX_FAILURES} 次，{locked_message()}"
            raise SignInRefused(message, "password", staff.id, locked=True, just_locked=True, attempts_left=0)
        hint = f"再错 {left} 次将锁定 {LOCK_MINUTES} 分钟。" if left <= 2 else ""
        raise SignInRefused(WRONG + hint, "password", staff.id, attempts_left=left)
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
