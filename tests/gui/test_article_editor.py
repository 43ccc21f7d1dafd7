"""The article editor as an operator meets it: two articles filled in through the fields, a picture inserted
from a real PNG and a phrase made bold come out as clean HTML with the asset ref; what comes out goes back in
unchanged; the digest is offered only for a single article; a post stops at eight; the phone preview shows
the title and the picture; a blocking 错敏词 hit is listed in red and keeps the post from being ready; and every
edit is announced for the autosave."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextCursor, QTextDocument
from PySide6.QtTest import QTest

from console.publishing.asset_files import LocalAssets
from ui.publishing import ArticleEditor
from ui.publishing.article_editor import EDITOR_IMAGE_WIDTH
from ui.publishing.preview import CONTENT_WIDTH

TITLE = "县人社局关于2026年度城乡居民养老保险集中缴费的通知"
BODY = "集中缴费时间为2026年3月1日至6月30日，请参保群众按时缴费。"


def png(path: Path, width: int = 90, height: int = 38, color: str = "#c8102e") -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path


def word_check(words: dict[str, tuple[str, bool, str | None]]):
    """A 错敏词 check as the hub answers: dict hits with offsets into the text."""
    seen: list[str] = []

    def check(text: str) -> list[dict]:
        seen.append(text)
        hits = []
        for word, (reason, blocking, suggestion) in words.items():
            start = text.find(word)
            while start >= 0:
                hits.append(
                    {
                        "start": start,
                        "end": start + len(word),
                        "kind": "sensitive",
                        "matched": word,
                        "reason": reason,
                        "suggestion": suggestion,
                        "blocking": blocking,
                    }
                )
                start = text.find(word, start + len(word))
        return hits

    check.seen = seen  # type: ignore[attr-defined]
    return check


@pytest.fixture
def assets(tmp_path) -> LocalAssets:
    return LocalAssets(tmp_path / "assets")


@pytest.fixture
def editor(qtbot, assets, qapp) -> ArticleEditor:
    widget = ArticleEditor(assets)
    widget.resize(1300, 820)
    widget.set_post([], account_name="XX县人社局")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def select_in_body(editor: ArticleEditor, text: str) -> None:
    found = editor.body.document().find(text)
    assert not found.isNull()
    editor.body.setTextCursor(found)


def fill_two_articles(editor: ArticleEditor, qtbot, tmp_path: Path) -> str:
    """Type a lead with a bold phrase and a picture, then a second article; returns the picture's ref."""
    editor.title.setFocus()
    editor.title.setText(TITLE)
    QTest.keyClicks(editor.author, "HR")  # ASCII can be typed key by key
    editor.author.insert("办公室")
    assert editor.choose_cover(png(tmp_path / "cover.png"))
    editor.body.setFocus()
    editor.body.insertPlainText(BODY)
    select_in_body(editor, "2026年3月1日至6月30日")
    QTest.keyClick(editor.body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # 加粗 (Ctrl+B)
    cursor = editor.body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.body.setTextCursor(cursor)
    ref = editor.insert_image(png(tmp_path / "photo.png", 640, 360, "#2f6fb0"))
    assert ref and ref.startswith("asset:")
    editor.body.insertPlainText("咨询电话：0910-1234567")

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.current_index() == 1 and editor.title.text() == ""
    editor.title.setText("城乡居民养老保险缴费常见问题解答")
    editor.choose_cover(png(tmp_path / "cover2.png", 40, 40, "#1e7b34"))
    editor.body.insertPlainText("问：可以补缴吗？答：按规定办理。")
    return ref


def test_two_articles_come_out_as_clean_html_and_round_trip(editor, qtbot, tmp_path, assets):
    ref = fill_two_articles(editor, qtbot, tmp_path)
    lead, second = editor.articles()

    assert lead["title"] == TITLE and lead["author"] == "HR办公室"
    assert lead["cover"].startswith("asset:") and assets.path(lead["cover"]) is not None
    body = lead["body"]
    assert "<strong>2026年3月1日至6月30日</strong>" in body
    assert f'<img src="{ref}">' in body
    for qt_noise in ("<html", "<head", "<style", "-qt-", "margin", "font-family", "<body"):
        assert qt_noise not in body
    assert second["title"] == "城乡居民养老保险缴费常见问题解答"
    assert second["body"] == "<p>问：可以补缴吗？答：按规定办理。</p>"
    assert editor.problems() == []  # titles, covers and bodies all there

    again = ArticleEditor(assets)
    qtbot.addWidget(again)
    again.set_post(editor.articles(), account_name="XX县人社局")
    assert again.articles() == editor.articles()
    assert not again.is_dirty()
    # the picture is shown in the body box, resolved from the assets
    image = again.body.document().resource(QTextDocument.ResourceType.ImageResource.value, ref)
    assert isinstance(image, QImage) and image.width() == EDITOR_IMAGE_WIDTH  # 640 wide, shown fitting the box


def test_heading_and_quote_buttons(editor):
    editor.body.insertPlainText("一、缴费时间\n集中缴费期为3月至6月。\n引用的政策原文")
    document = editor.body.document()
    editor.body.setTextCursor(QTextCursor(document.findBlockByNumber(0)))
    editor.heading_action.trigger()
    editor.body.setTextCursor(QTextCursor(document.findBlockByNumber(2)))
    editor.quote_action.trigger()
    body = editor.articles()[0]["body"]
    assert body == "<h2>一、缴费时间</h2><p>集中缴费期为3月至6月。</p><blockquote><p>引用的政策原文</p></blockquote>"
    editor.body.setTextCursor(QTextCursor(document.findBlockByNumber(0)))
    assert editor.heading_action.isChecked()
    editor.heading_action.trigger()  # and off again: nothing left behind
    assert editor.articles()[0]["body"].startswith("<p>一、缴费时间</p>")


def test_digest_only_for_a_single_article(editor, qtbot):
    assert editor.digest.isEnabled() and editor.digest.isVisibleTo(editor)
    editor.digest.setPlainText("单篇时的摘要")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    editor.select_article(0)
    assert not editor.digest.isEnabled() and not editor.digest.isVisibleTo(editor)
    assert "微信只在单篇图文消息中显示摘要" in editor.digest_hint.text()
    assert editor.articles()[0]["digest"] == "单篇时的摘要"  # kept for when the post is single again
    editor.select_article(1)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert len(editor.articles()) == 1 and editor.digest.isEnabled()
    assert editor.digest.toPlainText() == "单篇时的摘要"


def test_eight_articles_at_most_and_reordering(editor, qtbot):
    for number in range(2, 9):
        QTest.keyClick(editor, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        editor.title.setText(f"第{number}篇")
    assert len(editor.articles()) == 8
    assert not editor.add_button.isEnabled()
    editor.add_article()
    assert len(editor.articles()) == 8
    assert "最多 8 篇" in editor.status.text()

    editor.select_article(7)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert [a["title"] for a in editor.articles()][6:] == ["第8篇", "第7篇"]
    assert editor.current_index() == 6 and editor.title.text() == "第8篇"
    assert editor.list.item(6).text().endswith("第8篇")


def test_preview_shows_title_and_resolved_image(editor, qtbot, tmp_path):
    ref = fill_two_articles(editor, qtbot, tmp_path)
    editor.select_article(0)
    preview = editor.preview
    qtbot.waitUntil(lambda: TITLE in preview.text(), timeout=2000)
    assert "XX县人社局" in preview.text() and "集中缴费时间为" in preview.text()
    browser = preview.browser
    assert browser.lineWrapColumnOrWidth() == CONTENT_WIDTH
    assert browser.document().textWidth() == CONTENT_WIDTH
    image = browser.document().resource(QTextDocument.ResourceType.ImageResource.value, ref)
    assert isinstance(image, QImage) and not image.isNull()
    assert image.width() <= CONTENT_WIDTH - 32  # scaled to the phone

    editor.title.setText("改过的标题")
    qtbot.waitUntil(lambda: "改过的标题" in preview.text(), timeout=2000)  # follows the typing

    QTest.keyClick(editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not preview.isVisible()
    QTest.keyClick(editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert preview.isVisible()


def test_blocking_screen_hit_listed_in_red_and_in_problems(editor, qtbot, tmp_path):
    fill_two_articles(editor, qtbot, tmp_path)
    check = word_check({"内部资料": ("内部资料不得公开发布", True, None), "补缴": ("请核实政策表述", False, "补交")})
    editor.set_check(check)
    assert editor.problems() == []  # nothing listed yet

    editor.select_article(1)
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    editor.body.insertPlainText("本文系内部资料。")
    qtbot.waitUntil(lambda: editor.panel.state == "blocked", timeout=2000)
    assert editor.panel.summary.text() == "发现 1 处必须修改、1 处提醒"
    red = [row for row in editor.panel.rows if row.hit.blocking]
    assert len(red) == 1 and "#d93026" in red[0].label.text() and "内部资料不得公开发布" in red[0].label.text()
    assert "第 2 篇正文的“内部资料”必须修改：内部资料不得公开发布" in editor.problems()
    assert "错敏词" in editor.status.text()
    assert [s.cursor.selectedText() for s in editor.body.extraSelections()] == ["补缴", "内部资料"]

    # the warning's one-click fix edits the body; the blocking word must be rewritten by hand
    warning = next(row for row in editor.panel.rows if not row.hit.blocking)
    qtbot.mouseClick(warning.fix_button, Qt.MouseButton.LeftButton)
    assert "可以补交吗" in editor.body.toPlainText()
    select_in_body(editor, "内部资料")
    editor.body.textCursor().insertText("公开信息")
    qtbot.waitUntil(lambda: editor.panel.state == "clean", timeout=2000)
    assert editor.problems() == []


def test_title_hit_fixed_in_the_title(editor, qtbot):
    editor.set_check(word_check({"人社局": ("应写全称", False, "人力资源和社会保障局")}))
    editor.title.setText("县人社局通知")
    qtbot.waitUntil(lambda: editor.panel.state == "warning", timeout=2000)
    assert editor.apply_fix(editor.panel.rows[0].hit)
    assert editor.title.text() == "县人力资源和社会保障局通知"


def test_changed_fires_on_edits_and_dirty_follows(editor, qtbot, tmp_path):
    assert not editor.is_dirty()
    for edit in (
        lambda: editor.title.setText("通知"),
        lambda: editor.body.insertPlainText("正文"),
        lambda: editor.original.setChecked(True),
        lambda: editor.source_url.setText("https://x.cn"),
        lambda: editor.choose_cover(png(tmp_path / "c.png")),
        editor.add_article,
    ):
        with qtbot.waitSignal(editor.changed, timeout=1000):
            edit()
    assert editor.is_dirty()
    editor.mark_saved()
    assert not editor.is_dirty()
    with qtbot.assertNotEmitted(editor.changed):
        editor.set_post([{"title": "另一条"}])
    assert not editor.is_dirty() and editor.title.text() == "另一条"


def test_read_only_post_cannot_be_edited(editor, qtbot):
    editor.set_post([{"title": "已发布", "body": "<p>正文</p>"}], read_only=True)
    assert editor.title.isReadOnly() and editor.body.isReadOnly()
    assert not editor.add_button.isEnabled() and not editor.cover_button.isEnabled()
    assert not editor.bold_action.isEnabled()
    editor.add_article()
    assert len(editor.articles()) == 1


def test_refused_picture_is_explained(editor, tmp_path):
    bad = tmp_path / "通知.pdf"
    bad.write_bytes(b"%PDF-1.7 not an image")
    assert editor.insert_image(bad) is None
    assert "“通知.pdf”不是 PNG、JPG 或 GIF 图片" in editor.status.text()
    assert editor.articles()[0]["body"] == ""
