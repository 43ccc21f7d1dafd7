"""Where the product keeps its files, in one place so tests and packaging can move them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "wxconsole"


def data_dir() -> Path:
    """The user data dir; `WXCONSOLE_HOME` moves it (tests, portable installs)."""
    override = os.environ.get("WXCONSOLE_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_url() -> str:
    """`WXCONSOLE_DB` if set, else the hub database in the data dir."""
    return os.environ.get("WXCONSOLE_DB") or f"sqlite:///{data_dir() / 'hub.db'}"


def resources_dir() -> Path:
    """The shipped resources: beside the source tree, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
