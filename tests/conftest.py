"""Shared fixtures: real servers on loopback (sandbox + hub) over a fresh database per test, and an
in-memory key store (a headless machine has no keyring; the product itself never falls back)."""

from __future__ import annotations

import os
from pathlib import Path

import keyring
import pytest

from console.secrets.memory import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SAFE_APPID = "wx1111aaaa2222bbbb"
PLAIN_APPID = "wx3333cccc4444dddd"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data dir and key store; nothing touches the developer's own."""
    home = tmp_path / "home"
    monkeypatch.setenv("WXCONSOLE_HOME", str(home))
    monkeypatch.delenv("WXCONSOLE_DB", raising=False)
    monkeypatch.delenv("WXCONSOLE_SECRETS_KEY", raising=False)
    monkeypatch.setenv("WXCONSOLE_LANG", "zh_CN")  # tests read the Chinese interface, whatever the machine
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield home
    keyring.set_keyring(previous)


@pytest.fixture
def world(tmp_path: Path):
    """Sandbox + hub on loopback: one safe-mode (AES) account and one plaintext account."""
    from console.demo import DemoWorld

    w = DemoWorld(home=tmp_path / "world", accounts=[])
    w.add_account(SAFE_APPID, "某县发布", "subscription", safe_mode=True)
    w.add_account(PLAIN_APPID, "某县人社", "service", safe_mode=False)
    yield w
    w.close()
