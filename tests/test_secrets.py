"""Secrets live in the key store only: never in the database, never in plain text, never from argv;
with no key store at all the command stops and says what to do."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from console.logs import RedactSecrets
from console.secrets import AccountSecrets, InvalidSecrets, SecretsUnavailable, Vault, parse_secret_lines
from console.secrets.vault import KEY_ENV, resolve_backend, secrets_file

APPID = "wx9999eeee8888ffff"
SECRET = "f0e1d2c3b4a5968778695a4b3c2d1e0f"
TOKEN = "CountyToken2026"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
LINES = f"app_secret={SECRET}\ntoken={TOKEN}\naes_key={AES_KEY}\n"


def headless_env(home: Path, **extra: str) -> dict[str, str]:
    """A child process that sees no system keyring, as on a server."""
    env = {k: v for k, v in os.environ.items() if k != KEY_ENV}
    env.update(WXCONSOLE_HOME=str(home), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", **extra)
    return env


def wxconsole(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "console.cli", *args], input=stdin, env=env, capture_output=True, text=True, timeout=120
    )


def test_account_add_on_a_headless_server_uses_the_encrypted_file(tmp_path):
    home = tmp_path / "srv"
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    env = headless_env(home, **{KEY_ENV: "a long passphrase the county keeps in its safe"})
    result = wxconsole(["account", "add", "--db", db, "--appid", APPID, "--name", "某县发布"], env, LINES)
    assert result.returncode == 0, result.stderr
    assert "已添加" in result.stdout
    # Nothing secret in the database file, the encrypted store, or what the command printed.
    blobs = [
        (tmp_path / "hub.db").read_bytes(),
        (home / "secrets.cfg").read_bytes(),
        result.stdout.encode(),
        result.stderr.encode(),
    ]
    for wal in tmp_path.glob("hub.db-*"):
        blobs.append(wal.read_bytes())
    for secret in (SECRET, TOKEN, AES_KEY):
        assert all(secret.encode() not in blob for blob in blobs), secret
    # The account row exists; the secrets come back only with the passphrase.
    rows = sqlite3.connect(tmp_path / "hub.db").execute("select appid, name, safe_mode from account").fetchall()
    assert rows == [(APPID, "某县发布", 1)]
    check = (
        "import os; from console.secrets import Vault; s = Vault().get(os.environ['APPID']); "
        "print(s.app_secret == os.environ['S'], s.token == os.environ['T'], s.aes_key == os.environ['A'])"
    )
    got = subprocess.run(
        [sys.executable, "-c", check],
        env={**env, "APPID": APPID, "S": SECRET, "T": TOKEN, "A": AES_KEY},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert got.stdout.split() == ["True", "True", "True"], got.stderr


def test_without_any_key_store_the_command_says_what_to_do_and_stores_nothing(tmp_path):
    env = headless_env(tmp_path / "srv")
    db = tmp_path / "hub.db"
    result = wxconsole(
        ["account", "add", "--db", f"sqlite:///{db}", "--appid", APPID, "--name", "某县发布"], env, LINES
    )
    assert result.returncode == 2
    assert KEY_ENV in result.stderr and "密钥存储" in result.stderr
    assert not db.exists()
    assert not (tmp_path / "srv" / "secrets.cfg").exists()


def test_secrets_are_never_taken_from_the_command_line():
    from console.cli import parser

    with pytest.raises(SystemExit):
        parser().parse_args(["account", "add", "--appid", APPID, "--name", "x", "--app-secret", SECRET])


def test_plain_text_keyring_backends_are_refused(monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    class PlaintextKeyring(KeyringBackend):  # named like keyrings.alt's, which writes plain text
        priority = 1

        def get_password(self, service, username):
            return None

        def set_password(self, service, username, password):
            raise AssertionError("must never be used")

        def delete_password(self, service, username):
            return None

    keyring.set_keyring(PlaintextKeyring())
    with pytest.raises(SecretsUnavailable):
        resolve_backend()
    monkeypatch.setenv(KEY_ENV, "passphrase")
    assert "CryptFile" in type(resolve_backend()).__name__
    assert Path(resolve_backend().file_path) == secrets_file()


def test_secret_lines_and_validation():
    parsed = parse_secret_lines(f"# from the admin\n{LINES}\n")
    assert parsed == AccountSecrets(SECRET, TOKEN, AES_KEY)
    assert SECRET not in repr(parsed) and AES_KEY not in repr(parsed)
    with pytest.raises(InvalidSecrets):
        parse_secret_lines("app_secret=x\n")
    with pytest.raises(InvalidSecrets):
        parse_secret_lines("password=x\ntoken=y\napp_secret=z\n")
    with pytest.raises(InvalidSecrets):
        AccountSecrets(SECRET, TOKEN, "too-short").validate()


def test_vault_round_trip_in_the_installed_backend():
    vault = Vault()
    vault.put(APPID, AccountSecrets(SECRET, TOKEN, AES_KEY))
    assert Vault().get(APPID).app_secret == SECRET


def test_log_lines_never_carry_credentials(caplog):
    logger = logging.getLogger("test.redact")
    logger.addFilter(RedactSecrets())
    with caplog.at_level(logging.INFO, logger="test.redact"):
        logger.info("GET /cgi-bin/token?grant_type=client_credential&appid=%s&secret=%s", APPID, SECRET)
        logger.info("POST /cgi-bin/message/custom/send?access_token=%s", "ACCESS123456")
    text = caplog.text
    assert SECRET not in text and "ACCESS123456" not in text and APPID in text


def test_a_secret_change_is_on_the_audit_log_without_the_secret(tmp_path):
    from console.accounts import add_account
    from console.audit import entries
    from console.secrets import AccountSecrets, Vault
    from console.secrets.memory import MemoryKeyring
    from console.store.database import open_database

    db = open_database(f"sqlite:///{tmp_path / 'hub.db'}")
    secret = "S3cretValue0123456789abcdef012345"
    aes = "a" * 43
    add_account(
        db,
        Vault(MemoryKeyring()),
        "wx1111aaaa2222bbbb",
        "某县发布",
        "subscription",
        AccountSecrets(secret, "tokenvalue123", aes),
        True,
    )
    with db.session() as session:
        [entry] = entries(session)
        assert (entry.action, entry.target) == ("secret_change", "account:wx1111aaaa2222bbbb")
        assert secret not in str(entry.detail) and aes not in str(entry.detail)
