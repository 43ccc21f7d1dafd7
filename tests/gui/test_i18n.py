"""English as the second language: every interface string is translated, and the window follows the choice."""

from __future__ import annotations

import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from console.paths import resources_dir
from ui.i18n import install_translator, remove_translator

TRANSLATIONS = resources_dir() / "translations"


def _update_module():
    spec = importlib.util.spec_from_file_location("wxconsole_translations_update", TRANSLATIONS / "update.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def language(qapp):
    """Install a language for one test; always back to the source strings (Chinese) afterwards."""

    def install(name: str) -> str:
        return install_translator(qapp, name)

    yield install
    remove_translator(qapp)  # QCoreApplication.removeTranslator: later tests see the Chinese source strings


def test_every_string_has_an_english_translation():
    update = _update_module()
    collected = update.collect()
    assert "收件箱" in collected and "新消息" in collected  # the collector itself works
    translations = {}
    for message in ET.parse(TRANSLATIONS / "wxconsole_en.ts").getroot().iter("message"):
        node = message.find("translation")
        translations[message.findtext("source")] = (node.text or "", node.get("type"))
    missing = [s for s in collected if s not in translations]
    unfinished = [s for s in collected if s in translations and translations[s][1] in ("unfinished", "vanished")]
    empty = [s for s in collected if s in translations and not translations[s][0].strip()]
    hint = "run `python resources/translations/update.py` and translate the new strings"
    assert not missing, f"not in wxconsole_en.ts ({hint}): {missing}"
    assert not unfinished, f"unfinished in wxconsole_en.ts: {unfinished}"
    assert not empty, f"empty translations: {empty}"


def test_english_window(language):
    from ui.main_window import MainWindow

    assert language("en") == "en"
    assert QCoreApplication.translate("wxconsole", "发送失败：") == "Not sent: "
    window = MainWindow()
    try:
        assert window.nav.item(0).text() == "Inbox"
        assert window.windowTitle() == "Government WeChat Console"
        assert [window.nav.item(i).text() for i in range(1, 8)] == [
            "Review",
            "Calendar",
            "Templates",
            "Security checklist",
            "Compliance",
            "Figures",
            "Settings",
        ]
    finally:
        window.close()
        window.deleteLater()


def test_chinese_window(language):
    from ui.main_window import MainWindow

    language("en")
    assert language("zh_CN") == "zh_CN"  # switching back removes the English translator
    window = MainWindow()
    try:
        assert window.nav.item(0).text() == "收件箱"
        assert window.windowTitle() == "政务微信工作台"
    finally:
        window.close()
        window.deleteLater()


def test_language_from_environment(language, monkeypatch):
    monkeypatch.setenv("WXCONSOLE_LANG", "en_GB")
    assert language(None) == "en"
    assert QCoreApplication.translate("wxconsole", "收件箱") == "Inbox"
    monkeypatch.setenv("WXCONSOLE_LANG", "zh_TW")
    assert language(None) == "zh_CN"
    assert QCoreApplication.translate("wxconsole", "收件箱") == "收件箱"


def test_fresh_clone_builds_the_catalog(language, monkeypatch, tmp_path: Path, _isolated_home: Path):
    """No .qm beside the .ts (a fresh clone): the translation is compiled into the data dir and loaded."""
    import ui.i18n as i18n

    fake = tmp_path / "resources"
    (fake / "translations").mkdir(parents=True)
    (fake / "translations" / "wxconsole_en.ts").write_bytes((TRANSLATIONS / "wxconsole_en.ts").read_bytes())
    monkeypatch.setattr(i18n, "resources_dir", lambda: fake)
    assert language("en") == "en"
    assert (_isolated_home / "translations" / "wxconsole_en.qm").exists()
    assert not (fake / "translations" / "wxconsole_en.qm").exists()
    assert QCoreApplication.translate("wxconsole", "收件箱") == "Inbox"
