"""The one-time setup code (初始设置码) that creating the first administrator needs.

A brand-new hub has nobody to ask, so whoever reached `/api/first-admin` first used to become its
administrator — a web page in any colleague's browser included. Now the hub makes a random code while
it has no administrator, prints it on its terminal (`wxconsole hub`) and keeps it in a file beside its
database that only the hub machine's user can read (mode 0600). Whoever creates the administrator
must give it; it is compared in constant time and deleted once used. The desk that runs the hub in
its own process (a solo office) reads the file itself, so nobody there has to type it."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from pathlib import Path

from sqlalchemy.engine import make_url

from console import paths

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read off a screen and typed by hand
GROUPS, GROUP_LENGTH = 3, 4  # XXXX-XXXX-XXXX: about 59 bits
SUFFIX = ".setup-code"


def setup_code_path(db_url: str) -> Path:
    """Beside a SQLite database file (`hub.db` → `hub.db.setup-code`); else in the data folder."""
    try:
        url = make_url(db_url)
    except Exception:  # noqa: BLE001 - an unusual URL still gets a place to keep its code
        url = None
    if url is not None and url.drivername.startswith("sqlite") and url.database not in (None, "", ":memory:"):
        database = Path(str(url.database))
        return database.with_name(database.name + SUFFIX)
    digest = hashlib.sha256(db_url.encode("utf-8")).hexdigest()[:12]
    return paths.data_dir() / f"hub-{digest}{SUFFIX}"


def normalized(code: str) -> str:
    """What is compared: upper case, without spaces or dashes (so "abcd efgh" reads as "ABCDEFGH")."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


class SetupCode:
    """The code file of one hub. All methods are safe from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def read(self) -> str | None:
        """The current code, or None when there is none (an administrator exists, or it was used)."""
        try:
            text = self.path.read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return text or None

    def ensure(self) -> str:
        """The current code, made (and written with mode 0600) when there is none."""
        with self._lock:
            existing = self.read()
            if existing:
                return existing
            groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
            code = "-".join(groups)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f"{self.path.name}.{secrets.token_hex(4)}.tmp")
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, f"{code}\n".encode())
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temporary, self.path)
            return code

    def matches(self, offered: str) -> bool:
        """Whether `offered` is the current code (constant-time; False when there is none)."""
        current = self.read()
        if not current or not offered:
            return False
        return hmac.compare_digest(normalized(current).encode(), normalized(offered).encode())

    def consume(self) -> None:
        """The code has done its job (the first administrator exists): delete it."""
        with self._lock:
            self.path.unlink(missing_ok=True)
