"""The encrypted secrets file (keyrings.cryptfile) with each value's key derived once per process.

The file keeps every value with its own salt, and keyrings.cryptfile runs Argon2 (64 MB, 15 passes:
about a second) for every read. A hub that re-reads the file after another process changed it would
pay that again for every value; here the key of a salt already seen is remembered, so only a value
that was really rewritten costs an Argon2 run. The keys live in this process's memory only."""

from __future__ import annotations

import threading
from typing import Any

from keyrings.cryptfile.cryptfile import CryptFileKeyring


class CachedCryptFileKeyring(CryptFileKeyring):
    """CryptFileKeyring whose Argon2 key per (passphrase, salt) is derived once."""

    def __init__(self) -> None:
        super().__init__()
        self._keys: dict[tuple[str, bytes], bytes] = {}
        self._keys_lock = threading.Lock()

    def _create_cipher(self, password: str, salt: bytes, nonce: bytes | None = None) -> Any:
        from argon2.low_level import Type, hash_secret_raw
        from Crypto.Cipher import AES

        aesmode = self._get_mode(self.aesmode)
        if aesmode is None:
            raise ValueError(f"invalid AES mode: {self.aesmode}")
        memo = (password, bytes(salt))
        key = self._keys.get(memo)
        if key is None:
            key = hash_secret_raw(
                secret=password.encode(self.password_encoding),
                salt=salt,
                time_cost=self.time_cost,
                memory_cost=self.memory_cost,
                parallelism=self.parallelism,
                hash_len=16,
                type=Type.ID,
            )
            with self._keys_lock:
                self._keys[memo] = key
        return AES.new(key, aesmode, nonce)
