"""Password hashing (argon2id, argon2-cffi's default parameters) and the office's password rule.

The rule is short on purpose: long enough, not all one kind of character, not the login itself. A
colleague reads the refusal and knows what to change."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
MAX_LENGTH = 256  # hashing cost grows with length; nobody types more

_hasher = PasswordHasher()  # argon2id with the library's (RFC 9106 low-memory) defaults


def hash_password(password: str) -> str:
    """An argon2id hash with a fresh salt; the only form a password is ever stored in."""
    return _hasher.hash(password)


def check_password(password_hash: str, password: str) -> bool:
    """Whether `password` matches; False (never an exception) on a mismatch or an unreadable hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than today's (rehash on the next sign-in)."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


def _kinds(password: str) -> int:
    letters = any(ch.isalpha() for ch in password)
    digits = any(ch.isdigit() for ch in password)
    other = any(not ch.isalpha() and not ch.isdigit() for ch in password)
    return letters + digits + other


def password_problem(password: str, login: str, name: str) -> str | None:
    """What is wrong with a new password, in words that say what to do; None when it will do."""
    if len(password) < MIN_LENGTH:
        return f"密码至少需要 {MIN_LENGTH} 个字符，请设得长一些（例如一句好记的话加几个数字）。"
    if len(password) > MAX_LENGTH:
        return f"密码不能超过 {MAX_LENGTH} 个字符，请设得短一些。"
    if _kinds(password) < 2:
        return "密码需包含字母、数字、符号中的至少两类，请加上数字或符号。"
    lowered = password.casefold()
    if login.strip() and login.strip().casefold() in lowered:
        return "密码不能包含登录名，请换一个别人猜不到的密码。"
    if len(name.strip()) >= 2 and name.strip().casefold() in lowered:
        return "密码不能包含姓名，请换一个别人猜不到的密码。"
    return None
