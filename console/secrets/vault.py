"""The key store. A system keyring when there is one; else an encrypted file (keyrings.cryptfile)
unlocked by `WXCONSOLE_SECRETS_KEY`; else a clear stop. Plain-text backends are refused outright.

Secrets are read once per process and kept in memory: unlocking the encrypted file costs Argon2 runs
(seconds), and a hub reading it for every push would miss WeChat's 5 seconds. A secret changed by
`wxconsole account add` in another process is still seen: the file is read again when its size or
time changes (a system keyring, which gives no such sign, is read again after REREAD_AFTER)."""

from __future__ import annotations

import base64
import binascii
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail
from keyring.errors import KeyringError

from console.paths import data_dir

SECRET_FIELDS = ("app_secret", "token", "aes_key")
KEY_ENV = "WXCONSOLE_SECRETS_KEY"

NO_BACKEND_MESSAGE = (
    "找不到可用的密钥存储，账号密钥无法安全保存。\n"
    "请任选其一：\n"
    "  1. 在有桌面的电脑上运行（Windows 凭据管理器、macOS 钥匙串或 Linux 的 GNOME 密钥环/KWallet）；\n"
    f"  2. 在服务器上设置环境变量 {KEY_ENV}（一段足够长的口令，请另行妥善保管），"
    "密钥将加密保存在数据目录的 secrets.cfg 中。\n"
    "No key store is available. Run on a desktop with a system keyring, or set "
    f"{KEY_ENV} to a long passphrase to keep secrets in an encrypted file."
)


class SecretsUnavailable(RuntimeError):
    """No safe place to keep secrets; the message says what to do."""


class MissingSecrets(LookupError):
    """The key store has no secrets for this account."""


class InvalidSecrets(ValueError):
    """Secrets given in a form WeChat would never accept."""


@dataclass(frozen=True)
class AccountSecrets:
    """The three values of an account's developer settings. repr never shows them."""

    app_secret: str = field(repr=False)
    token: str = field(repr=False)
    aes_key: str = field(repr=False)

    def validate(self) -> None:
        if not self.app_secret or not self.token:
            raise InvalidSecrets("AppSecret 和令牌(Token)都不能为空。")
        if not (3 <= len(self.token) <= 32 and self.token.isalnum()):
            raise InvalidSecrets("令牌(Token)应为3到32位英文字母或数字，请与公众号后台“服务器配置”中的一致。")
        if self.aes_key:
            try:
                decoded = base64.b64decode(self.aes_key + "=", validate=True)
            except (binascii.Error, ValueError):
                decoded = b""
            if len(self.aes_key) != 43 or len(decoded) != 32:
                raise InvalidSecrets("消息加解密密钥(EncodingAESKey)应为43位字母和数字，请从公众号后台复制完整。")


def parse_secret_lines(text: str) -> AccountSecrets:
    """`app_secret=…`, `token=…`, `aes_key=…` lines (standard input), blank lines and # comments ignored."""
    values: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        name = name.strip()
        if not sep or name not in SECRET_FIELDS:
            raise InvalidSecrets(f"无法识别的输入行（应为 app_secret=、token= 或 aes_key=）：{name[:20]}")
        values[name] = value.strip()
    missing = [name for name in ("app_secret", "token") if not values.get(name)]
    if missing:
        raise InvalidSecrets(f"缺少：{'、'.join(missing)}")
    return AccountSecrets(values["app_secret"], values["token"], values.get("aes_key", ""))


def _refused(backend: KeyringBackend) -> bool:
    """Backends that are no key store at all (fail), or that would write plain text or prompt."""
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    return isinstance(backend, fail.Keyring) or "cryptfile" in name or "Plaintext" in name


def secrets_file() -> Path:
    return data_dir() / "secrets.cfg"


def resolve_backend() -> KeyringBackend:
    current = keyring.get_keyring()
    candidates = current.backends if isinstance(current, chainer.ChainerBackend) else [current]
    usable = [b for b in candidates if not _refused(b)]
    if usable:
        return usable[0]
    passphrase = os.environ.get(KEY_ENV)
    if passphrase:
        from console.secrets.cryptfile import CachedCryptFileKeyring

        store = CachedCryptFileKeyring()
        store.file_path = str(secrets_file())
        store.keyring_key = passphrase
        return store
    raise SecretsUnavailable(NO_BACKEND_MESSAGE)


Stamp = tuple[int, int, int] | None  # the secrets file's (mtime_ns, size, inode); None: no file
REREAD_AFTER = 300.0  # seconds a system keyring's answer is trusted before it is read again


@dataclass(frozen=True)
class _Cached:
    secrets: AccountSecrets
    stamp: Stamp
    read_at: float  # time.monotonic()


class Vault:
    """Secrets per appid, read once and kept while the store is unchanged. Thread-safe: many threads
    asking at once (a burst of pushes after a restart) wait for one read instead of each unlocking the
    store. The backend is resolved once; pass one in to pin it (tests, demo)."""

    SERVICE = "wxconsole"

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend
        self._cache: dict[str, _Cached] = {}
        self._lock = threading.Lock()  # guards _cache and _backend
        self._reading: dict[str, threading.Lock] = {}  # one reader of the store per appid at a time

    @property
    def backend(self) -> KeyringBackend:
        with self._lock:
            if self._backend is None:
                self._backend = resolve_backend()
            return self._backend

    def _service(self, appid: str) -> str:
        return f"{self.SERVICE}:{appid}"

    def _stamp(self) -> Stamp:
        """What tells that a file-backed store changed; None for a store that is not a file."""
        path = getattr(self.backend, "file_path", None)
        if not isinstance(path, str):
            return None
        try:
            info = os.stat(path)
        except OSError:
            return (0, 0, 0)
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def _fresh(self, appid: str, stamp: Stamp) -> AccountSecrets | None:
        cached = self._cache.get(appid)
        if cached is None or cached.stamp != stamp:
            return None
        if stamp is None and time.monotonic() - cached.read_at > REREAD_AFTER:
            return None
        return cached.secrets

    def put(self, appid: str, secrets: AccountSecrets) -> None:
        secrets.validate()
        with self._reader(appid):
            try:
                for name in SECRET_FIELDS:
                    self.backend.set_password(self._service(appid), name, getattr(secrets, name))
            except KeyringError as exc:
                raise SecretsUnavailable(f"密钥存储拒绝写入：{exc}") from exc
            stamp = self._stamp()
            with self._lock:
                self._cache[appid] = _Cached(secrets, stamp, time.monotonic())

    def _reader(self, appid: str) -> threading.Lock:
        with self._lock:
            return self._reading.setdefault(appid, threading.Lock())

    def get(self, appid: str) -> AccountSecrets:
        stamp = self._stamp()
        with self._lock:
            found = self._fresh(appid, stamp)
        if found is not None:
            return found
        with self._reader(appid):
            stamp = self._stamp()
            with self._lock:
                found = self._fresh(appid, stamp)  # another thread may have read it meanwhile
            if found is not None:
                return found
            secrets = self._read(appid)
            with self._lock:
                self._cache[appid] = _Cached(secrets, stamp, time.monotonic())
            return secrets

    def _read(self, appid: str) -> AccountSecrets:
        try:
            values = {name: self.backend.get_password(self._service(appid), name) for name in SECRET_FIELDS}
        except (KeyringError, ValueError) as exc:
            raise SecretsUnavailable(
                f"无法读取密钥存储（{type(exc).__name__}）。若使用加密文件，请确认 {KEY_ENV} 与保存时相同。"
            ) from exc
        if not values["app_secret"] or not values["token"]:
            raise MissingSecrets(
                f"公众号 {appid} 的密钥不在本机密钥存储中，请用 `wxconsole account add --appid {appid}` 重新录入。"
            )
        return AccountSecrets(values["app_secret"] or "", values["token"] or "", values["aes_key"] or "")

    def values_of(self, appids: Iterable[str]) -> list[str]:
        """Every secret value these accounts have in the store, only so that an export can prove it holds
        none of them; an account whose secrets cannot be read has none to leak and is passed over."""
        values: list[str] = []
        for appid in appids:
            try:
                secrets = self.get(appid)
            except (MissingSecrets, SecretsUnavailable):
                continue
            values += [v for v in (secrets.app_secret, secrets.token, secrets.aes_key) if v]
        return values
