"""The desk's session token, kept in the system key store (Windows Credential Manager, the desktop's
secret service) under the hub's address — never the password, never a plain file. With no key store
the token lives in memory for this run only, and the desk says that the next start will ask again."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from console.secrets import SecretsUnavailable
from console.secrets.vault import resolve_backend

SERVICE = "wxconsole-session"
NO_KEYRING = (
    "这台电脑没有可用的系统密钥存储，登录状态只保存到关闭窗口为止，下次启动需要重新登录。"
    "（Windows 自带凭据管理器；Linux 桌面请安装并启用 gnome-keyring 或 KWallet。）"
)


class TokenStore:
    """`backend`: a given key store (the demo keeps its throwaway sessions in memory); by default the
    same one account secrets use (the system's, or the encrypted file a server is configured with)."""

    def __init__(self, hub_url: str, backend: KeyringBackend | None = None) -> None:
        self.hub_url = hub_url.rstrip("/")
        self._backend = backend
        self.problem: str | None = None  # why the token could not be kept, in words

    def _store(self) -> KeyringBackend | None:
        if self._backend is None:
            try:
                self._backend = resolve_backend()
            except SecretsUnavailable:
                self.problem = NO_KEYRING
                return None
        return self._backend

    def get(self) -> str | None:
        store = self._store()
        try:
            return store.get_password(SERVICE, self.hub_url) if store is not None else None
        except (NoKeyringError, KeyringError):
            self.problem = NO_KEYRING
            return None

    def set(self, token: str) -> bool:
        """Keep the token; False (and `problem` set) when there is no key store."""
        store = self._store()
        if store is None:
            return False
        try:
            store.set_password(SERVICE, self.hub_url, token)
        except (NoKeyringError, KeyringError):
            self.problem = NO_KEYRING
            return False
        self.problem = None
        return True

    def delete(self) -> None:
        store = self._store()
        try:
            if store is not None:
                store.delete_password(SERVICE, self.hub_url)
        except (NoKeyringError, PasswordDeleteError, KeyringError):
            pass
