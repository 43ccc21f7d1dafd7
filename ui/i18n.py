"""The interface language. The source strings are Simplified Chinese; English comes from a Qt translation
(resources/translations/wxconsole_en.ts, compiled to .qm by resources/translations/update.py)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from console.paths import data_dir, resources_dir

log = logging.getLogger(__name__)

CHINESE = "zh_CN"
ENGLISH = "en"
ENV = "WXCONSOLE_LANG"
CATALOG = "wxconsole_en"
_ATTR = "_wxconsole_translator"  # the installed QTranslator, kept on the application so it stays alive


def wanted_language(language: str | None = None) -> str:
    """The argument, else `WXCONSOLE_LANG`, else the system locale; reduced to "en" or "zh_CN"."""
    name = (language or os.environ.get(ENV) or QLocale.system().name() or "").strip().lower()
    return ENGLISH if name.startswith("en") else CHINESE  # Chinese, "C" and anything unknown: the source text


def _lrelease() -> str | None:
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        candidate = Path(sys.executable).parent / name
        if candidate.exists():
            return str(candidate)
    return shutil.which("pyside6-lrelease")


def _build(ts: Path, qm: Path) -> bool:
    """Compile the .ts into the data dir (a fresh clone has no .qm: it is built, not committed)."""
    tool = _lrelease()
    if tool is None:
        log.warning("cannot build %s: pyside6-lrelease not found", qm.name)
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("cannot build %s: %s", qm.name, exc)
        return False
    return qm.exists()


def catalog_path() -> Path | None:
    """The English .qm to load: the shipped one, else one built from the .ts (rebuilt when the .ts is newer)."""
    folder = resources_dir() / "translations"
    shipped, ts = folder / f"{CATALOG}.qm", folder / f"{CATALOG}.ts"
    if not ts.exists():
        return shipped if shipped.exists() else None
    ts_time = ts.stat().st_mtime
    if shipped.exists() and shipped.stat().st_mtime >= ts_time:
        return shipped
    built = data_dir() / "translations" / f"{CATALOG}.qm"
    if built.exists() and built.stat().st_mtime >= ts_time:
        return built
    if _build(ts, built):
        return built
    return shipped if shipped.exists() else None  # stale beats none


def remove_translator(app: QCoreApplication) -> None:
    translator = getattr(app, _ATTR, None)
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
        setattr(app, _ATTR, None)


def install_translator(app: QCoreApplication, language: str | None = None) -> str:
    """Install the interface language before any window is built. Returns the language actually installed:
    "en", or "zh_CN" (no translator: the source strings) when Chinese was asked for or English is unavailable."""
    remove_translator(app)
    if wanted_language(language) != ENGLISH:
        return CHINESE
    path = catalog_path()
    translator = QTranslator(app)
    if path is None or not translator.load(str(path)):
        log.warning("English translation not available (%s); using Chinese", path)
        return CHINESE
    QCoreApplication.installTranslator(translator)
    setattr(app, _ATTR, translator)
    return ENGLISH
