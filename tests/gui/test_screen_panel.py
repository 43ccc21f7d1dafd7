"""The 错敏词 check under a text box as an operator meets it: a wrong leader title, an ID number and a sensitive
word are underlined where they stand and listed with their reasons; one click corrects a word and Ctrl+Z
brings it back; a clean text shows the green pass line; a pass by a supervisor is offered only for what
blocks the send, and the pass dialog wants a supervisor and a real reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from console.screening import HitKind, Screener
from ui.replies import OverrideDialog, attach
from ui.replies.screen_check import hit_tooltip, qt_position


def valid_id(first17: str) -> str:
    """GB 11643: the weighted sum of the first 17 digits mod 11 picks the check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(digit) * weight for digit, weight in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


ID_NUMBER = valid_id("11010519900307257")
# the emoji first: Qt counts it as two positions, Python as one; the underlines must still sit on the words
TEXT = f"😀李某某副县长强调：申请人身份证号{ID_NUMBER}，材料属内部资料。"
CLEAN = "您好，社保卡补办请到县政务服务中心三楼人社窗口办理，咨询电话0910-1234567。"


def write_lists(folder: Path, sensitive: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sensitive.txt").write_text(sensitive, encoding="utf-8")
    (folder / "terms.tsv").write_text("工商局\t市场监督管理局\t机构名称已变更\n", encoding="utf-8")
    (folder / "leaders.tsv").write_text("李某某\t县委副书记、县长\n", encoding="utf-8")
    return folder


@pytest.fixture
def screener(tmp_path: Path) -> Screener:
    shipped = write_lists(tmp_path / "lists", "内部资料\t禁用\t内部资料不得公开发布\n瞎子\t慎用\t可能是蔑称\n")
    return Screener.from_files(shipped=shipped, office=tmp_path / "office")


@pytest.fixture
def box(qtbot, screener):
    """A text box with the check under it, as a composer would lay it out."""
    window = QWidget()
    window.resize(640, 360)
    editor = QPlainTextEdit()
    check, panel = attach(editor, screener)
    layout = QVBoxLayout(window)
    layout.addWidget(editor)
    layout.addWidget(panel)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, editor, check, panel


def type_text(qtbot, editor, check, text: str):
    """Type (non-ASCII, so inserted rather than key-clicked) and wait for the check after the pause."""
    with qtbot.waitSignal(check.checked, timeout=2000) as signal:
        editor.insertPlainText(text)
        assert check.pending  # not on every keystroke: after typing stops
    return signal.args[0]


def visible(widget, window) -> bool:
    return widget.isVisibleTo(window)


def test_three_hits_marked_in_place_and_listed_with_reasons(box, qtbot):
    window, editor, check, panel = box
    assert not visible(panel, window)  # nothing typed, nothing shown

    result = type_text(qtbot, editor, check, TEXT)

    assert [hit.kind for hit in result.hits] == [HitKind.LEADER_TITLE, HitKind.ID_NUMBER, HitKind.SENSITIVE]
    leader, id_number, sensitive = result.hits
    assert leader.matched == "副县长" and leader.suggestion == "县长"
    assert "李某某的现任职务是“县委副书记、县长”" in leader.reason
    assert id_number.matched == ID_NUMBER and "公民身份号码" in id_number.reason
    assert sensitive.reason == "内部资料不得公开发布" and sensitive.suggestion is None

    selections = editor.extraSelections()
    assert len(selections) == 3
    assert [s.cursor.selectedText() for s in selections] == ["副县长", ID_NUMBER, "内部资料"]
    assert selections[0].cursor.selectionStart() == qt_position(TEXT, leader.start) == leader.start + 1
    for selection in selections:  # all three block the send: red wavy underline on light red
        assert selection.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
        assert selection.format.underlineColor().name() == "#d93026"
        assert selection.format.background().color().name() == "#fde8e7"

    assert visible(panel, window)
    assert panel.summary.text() == "发现 3 处必须修改"
    assert [row.hit for row in panel.rows] == list(result.hits)
    texts = [row.label.text() for row in panel.rows]
    assert "“副县长”" in texts[0] and "领导职务有误" in texts[0]
    assert "公民身份号码" in texts[1] and "内部资料不得公开发布" in texts[2]
    assert panel.rows[0].fix_button.text() == "改为“县长”"
    assert panel.rows[1].fix_button.text() == f"改为“{id_number.suggestion}”"
    assert panel.rows[2].fix_button is None  # nothing to offer for a sensitive word: rewrite it
    assert visible(panel.fix_all_button, window) and visible(panel.override_button, window)


@pytest.mark.qt_log_ignore("does not support raise")  # the offscreen platform, showing the tooltip
def test_hover_shows_reason_and_suggestion(box, qtbot):
    window, editor, check, panel = box
    type_text(qtbot, editor, check, TEXT)
    cursor = QTextCursor(editor.document())
    cursor.setPosition(qt_position(TEXT, TEXT.index("副县长")) + 1)  # inside 副县长
    point = editor.cursorRect(cursor).center() + QPoint(2, 0)
    hits = check.hits_at(point)
    assert [hit.matched for hit in hits] == ["副县长"]
    tip = hit_tooltip(hits)
    assert "必须修改" in tip and "领导职务有误" in tip and "建议改为“县长”" in tip
    cursor.setPosition(1 + TEXT.index("强调") + 1)
    assert check.hits_at(editor.cursorRect(cursor).center()) == []  # plain words have no tooltip

    event = QHelpEvent(QEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), event)
    qtbot.waitUntil(lambda: "领导职务有误" in QToolTip.text(), timeout=2000)
    QToolTip.hideText()


def test_fix_button_corrects_and_undo_restores(box, qtbot):
    window, editor, check, panel = box
    type_text(qtbot, editor, check, TEXT)

    with qtbot.waitSignal(check.checked, timeout=2000):
        qtbot.mouseClick(panel.rows[0].fix_button, Qt.MouseButton.LeftButton)
    assert editor.toPlainText() == TEXT.replace("副县长", "县长")
    assert len(editor.extraSelections()) == 2
    assert [row.hit.kind for row in panel.rows] == [HitKind.ID_NUMBER, HitKind.SENSITIVE]

    editor.undo()
    assert editor.toPlainText() == TEXT
    check.check_now()
    assert len(editor.extraSelections()) == 3

    with qtbot.waitSignal(check.checked, timeout=2000):
        qtbot.mouseClick(panel.fix_all_button, Qt.MouseButton.LeftButton)
    masked = panel.result.text
    assert "李某某县长强调" in masked and ID_NUMBER not in masked and ID_NUMBER[:4] + "*" * 10 in masked
    assert [row.hit.kind for row in panel.rows] == [HitKind.SENSITIVE]  # only what needs rewriting is left
    assert not visible(panel.fix_all_button, window)
    editor.undo()  # one step undoes the whole correction
    assert editor.toPlainText() == TEXT


def test_fix_of_a_hit_that_moved_since_the_check(box, qtbot, screener):
    window, editor, check, panel = box
    type_text(qtbot, editor, check, TEXT)
    stale = panel.rows[0].hit
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    editor.insertPlainText("通知：")  # typed before the hit; the next check has not run yet
    assert check.pending
    assert check.apply_fix(stale)
    assert editor.toPlainText() == "通知：" + TEXT.replace("副县长", "县长")


def test_clean_text_shows_only_the_pass_line(box, qtbot):
    window, editor, check, panel = box
    type_text(qtbot, editor, check, CLEAN)
    assert visible(panel, window)
    assert panel.state == "clean"
    assert panel.summary.text() == "错敏词检查通过"
    assert not visible(panel.hits_area, window)
    assert not visible(panel.fix_all_button, window) and not visible(panel.override_button, window)
    assert editor.extraSelections() == []

    with qtbot.waitSignal(check.checked, timeout=2000):
        editor.clear()
    assert not visible(panel, window)  # nothing to say about an empty box


def test_override_offered_only_for_blocking_hits(box, qtbot):
    window, editor, check, panel = box
    result = type_text(qtbot, editor, check, "请联系13812345678，瞎子")
    assert not result.blocked
    assert panel.summary.text() == "发现 2 处提醒"
    assert panel.state == "warning"
    assert not visible(panel.override_button, window)
    assert visible(panel.fix_all_button, window)  # the mobile number can be masked
    for selection in editor.extraSelections():  # orange underline, no background
        assert selection.format.underlineColor().name() == "#e8710a"
        assert selection.format.background().style() == Qt.BrushStyle.NoBrush

    type_text(qtbot, editor, check, "，内部资料")
    assert panel.summary.text() == "发现 1 处必须修改、2 处提醒"
    assert visible(panel.override_button, window)
    with qtbot.waitSignal(panel.overrideRequested, timeout=1000):
        qtbot.mouseClick(panel.override_button, Qt.MouseButton.LeftButton)


def test_new_word_lists_recheck_at_once(box, qtbot, tmp_path):
    window, editor, check, panel = box
    type_text(qtbot, editor, check, TEXT)
    lenient = Screener.from_files(shipped=write_lists(tmp_path / "lenient", ""), office=tmp_path / "office")
    with qtbot.waitSignal(check.checked, timeout=1000):
        check.set_screener(lenient)
    assert [row.hit.kind for row in panel.rows] == [HitKind.LEADER_TITLE, HitKind.ID_NUMBER]


def test_rich_text_editor_with_text_already_in_it(qtbot, screener):
    """An article editor (QTextEdit) that opens with a draft: checked at once, shown once placed."""
    editor = QTextEdit()
    editor.setPlainText("第一段。\n请到县工商局办理。")
    check, panel = attach(editor, screener)
    assert check.result is not None and [hit.matched for hit in check.result.hits] == ["工商局"]
    assert panel.isHidden()  # not placed yet: never a window of its own
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(editor)
    layout.addWidget(panel)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert panel.isVisible() and panel.summary.text() == "发现 1 处必须修改"
    assert [s.cursor.selectedText() for s in editor.extraSelections()] == ["工商局"]
    assert check.apply_all() == 1
    assert editor.toPlainText() == "第一段。\n请到县市场监督管理局办理。"
    assert panel.state == "clean"


def test_override_dialog_needs_a_supervisor_and_a_reason(qtbot, screener):
    result = screener.screen(TEXT + "请联系13812345678")
    dialog = OverrideDialog(result.hits, [("wangfang", "王芳"), ("liuqiang", "刘强")])
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)

    assert dialog.windowTitle() == "主管放行"
    assert dialog.hit_list.count() == 3  # the blocking hits only, not the mobile-number reminder
    assert dialog.hit_list.item(2).text() == "“内部资料”：内部资料不得公开发布"
    assert not ok.isEnabled()

    dialog.reason.setPlainText("经核实，是公开材料")
    assert not ok.isEnabled()  # no supervisor chosen yet: never a default
    dialog.supervisor.setCurrentIndex(dialog.supervisor.findData("wangfang"))
    assert ok.isEnabled()
    dialog.reason.setPlainText("  同意  ")
    assert not ok.isEnabled()  # 2 characters
    assert "还差 3 个字" in dialog.reason_hint.text()
    dialog.reason.setPlainText("已核实为公开办事电话")
    assert ok.isEnabled()
    assert dialog.values() == ("wangfang", "已核实为公开办事电话")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_override_dialog_without_supervisors(qtbot, screener):
    dialog = OverrideDialog(screener.screen(TEXT).hits, [])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reason.setPlainText("已核实为公开办事电话")
    assert dialog.no_supervisor.isVisible()
    assert dialog.no_supervisor.text() == "本单位还没有设置审核人，请管理员在人员设置中指定。"
    assert not dialog.supervisor.isEnabled()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.accept()  # Enter cannot get round the disabled button
    assert dialog.result() == 0
