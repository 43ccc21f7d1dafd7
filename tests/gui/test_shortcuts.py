"""The shortcut sheet is the one list the inbox binds from: every action is shown, no key does two things,
and Esc closes the sheet."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from ui.shortcuts import PLAIN_KEYS, SHORTCUTS, ShortcutSheet, key_for, keys_for, native

ACTIONS = {
    "next": ["J", "Ctrl+Down"],
    "previous": ["K", "Ctrl+Up"],
    "reply": ["R"],
    "note": ["N"],
    "assign": ["A"],
    "close": ["E"],
    "snooze": ["S"],
    "label": ["L"],
    "search": ["Ctrl+F", "/"],
    "send": ["Ctrl+Return"],
    "take_over": ["Ctrl+Shift+T"],
    "shortcut_sheet": ["F1", "?"],
    **{f"page_{n}": [f"Ctrl+{n}"] for n in range(1, 9)},
    "save_settings": ["Ctrl+S"],
}


def test_the_list_is_exactly_the_agreed_keys():
    found: dict[str, list[str]] = {}
    for s in SHORTCUTS:
        found.setdefault(s.action, []).append(s.key)
    assert found == ACTIONS
    for s in SHORTCUTS:
        assert not QKeySequence(s.key).isEmpty(), s.key  # every key string parses
        assert s.description and s.group


def test_no_two_actions_share_a_key():
    owner: dict[str, str] = {}
    for s in SHORTCUTS:
        portable = QKeySequence(s.key).toString(QKeySequence.SequenceFormat.PortableText)
        assert owner.setdefault(portable, s.action) == s.action, f"{s.key} is bound to {owner[portable]} and {s.action}"
    assert len(owner) == len(SHORTCUTS)


def test_key_for():
    assert key_for("next") == QKeySequence("J")
    assert keys_for("next") == [QKeySequence("J"), QKeySequence("Ctrl+Down")]
    assert key_for("send") == QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return)
    assert key_for("page_7") == QKeySequence("Ctrl+7")
    with pytest.raises(KeyError):
        key_for("no_such_action")
    assert {"J", "K", "R", "N", "A", "E", "S", "L", "/", "?"} == PLAIN_KEYS


def test_keys_as_printed_on_the_keyboard():
    assert native("Ctrl+Return") == "Ctrl+Enter"
    assert native("Ctrl+Down") == "Ctrl+↓"
    assert native("Ctrl+Shift+T") == "Ctrl+Shift+T"


def test_sheet_lists_every_action_and_closes_with_esc(qtbot):
    sheet = ShortcutSheet()
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.waitExposed(sheet)
    shown = sheet.descriptions()
    for s in SHORTCUTS:
        assert s.description in shown
    assert len(shown) == len({s.action for s in SHORTCUTS})  # one row per action, both keys in it
    keys_by_text = {text: keys for keys, text in sheet.cells()}
    assert keys_by_text["下一个会话"] == "J 或 Ctrl+↓"
    assert keys_by_text["搜索"] == "Ctrl+F 或 /"
    assert keys_by_text["发送"] == "Ctrl+Enter"
    assert sheet.groups() == ["会话列表", "处理会话", "查找与帮助", "页面与设置"]
    for table in sheet.tables:  # nothing cut off: every row fits without scrolling
        assert table.verticalScrollBar().maximum() == 0
    with qtbot.waitSignal(sheet.rejected, timeout=1000):
        qtbot.keyClick(sheet, Qt.Key.Key_Escape)
    assert not sheet.isVisible()
