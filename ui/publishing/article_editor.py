"""图文编辑: one post (the lead and up to seven more articles) with its fields, a rich-text body, the phone
preview beside it and the 错敏词 check of every field under it.

The editor holds what is typed and says when it changed (`changed`, for the page's autosave) and what keeps
the post from WeChat (`problems`); saving, review and publishing belong to the page. The body is Qt rich text
while typed and WeChat-compatible HTML (console.publishing.html) whenever it leaves the editor; images are
stored through an `AssetSource` and named in the document by their ref (asset:<sha256>), so the HTML that
leaves names exactly the bytes that will be uploaded.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from console.publishing import articles as posts
from console.publishing.html import clean_html
from console.screening import Hit, HitKind, ScreenResult
from ui.format import tr
from ui.forms import hint_label, restyle, show_status, status_line
from ui.publishing.preview import PhonePreview, load_image
from ui.replies.screen_check import BLOCKING_BACKGROUND, BLOCKING_COLOR, WARNING_COLOR
from ui.replies.screen_panel import ScreenPanel

UPDATE_AFTER_MS = 300  # preview, status and 错敏词 check follow the typing this long after the last key
EDITOR_IMAGE_WIDTH = 560  # pictures in the body box are shown at most this wide (the HTML keeps no size)
COVER_SIZE = QSize(188, 80)  # 2.35:1, the lead's cover shape in the chat list
IMAGE_FILTER = "图片 (*.png *.jpg *.jpeg *.gif)"
HEADING_LEVEL = 2
QUOTE_MARGIN = 40  # what Qt itself gives a <blockquote>; html.clean_html turns it back into one

CheckFunction = Callable[[str], Sequence[Any]]  # text → hits (dicts as hub/API send them, or Hit)

STYLE = f"""
#editorStatus {{ border-radius: 4px; padding: 6px 8px; }}
#editorStatus[state="error"] {{ background: #fdecea; color: #a32014; }}
#editorStatus[state="ok"] {{ background: #edf7ef; color: #1e7b34; }}
#editorStatus[state="notice"] {{ background: #fff4e5; color: #8a4b00; border: 1px solid #f5c77e; }}
#articleList {{ border: 1px solid #dcdfe6; }}
#articleList::item {{ padding: 6px 4px; }}
#articleList::item:selected {{ background: #fbe9ec; color: #1d2129; }}
#articleBody {{ border: 1px solid #c0c4cc; border-radius: 4px; padding: 6px; }}
#coverThumb {{ border: 1px dashed #c0c4cc; background: #f7f8fa; color: #7a7f87; }}
#fieldCounter {{ color: #7a7f87; }}
#fieldCounter[over="true"] {{ color: {BLOCKING_COLOR}; font-weight: bold; }}
#bodyTools QToolButton {{ padding: 3px 8px; }}
#bodyTools QToolButton:checked {{ background: #fbe9ec; border: 1px solid #e0a3ad; border-radius: 3px; }}
"""


class AssetSource(Protocol):
    """Where the editor keeps pictures: console.publishing.asset_files.LocalAssets, or the page's own."""

    def put(self, data: bytes, filename: str) -> str: ...  # the ref, "asset:<sha256>"; ValueError if refused

    def path(self, ref: str) -> Path | None: ...  # a local file to show, if there is one


def hit_from(raw: Any, text: str) -> Hit | None:
    """A hit as console.screening makes it, from a Hit or the dict the hub sends (matched or word)."""
    if isinstance(raw, Hit):
        return raw
    if not isinstance(raw, Mapping):
        return None
    try:
        start, end = int(raw["start"]), int(raw["end"])
    except (KeyError, TypeError, ValueError):
        return None
    try:
        kind = HitKind(raw.get("kind", HitKind.SENSITIVE))
    except ValueError:
        kind = HitKind.SENSITIVE
    matched = raw.get("matched") or raw.get("word") or text[start:end]
    suggestion = raw.get("suggestion")
    return Hit(
        start,
        end,
        kind,
        str(matched),
        str(raw.get("reason") or ""),
        str(suggestion) if suggestion is not None else None,
        bool(raw.get("blocking")),
    )


def _article_from(raw: Any) -> dict[str, Any]:
    """A stored article as the editor holds it: the known fields of the right type, other keys kept."""
    article = dict(raw) if isinstance(raw, Mapping) else {}
    base = posts.blank_article()
    for field, default in base.items():
        if not isinstance(article.get(field), type(default)):
            article[field] = default
    return article


class BodyEdit(QTextEdit):
    """The rich-text body: asset: images resolve through the editor's assets, pasted pictures are stored,
    pasted web pages arrive cleaned."""

    def __init__(self, owner: ArticleEditor) -> None:
        super().__init__()
        self.owner = owner
        self._images: dict[str, QImage] = {}

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        ref = name.toString() if isinstance(name, QUrl) else str(name)
        if kind == QTextDocument.ResourceType.ImageResource.value and ref.startswith("asset:"):
            if ref not in self._images:
                image = load_image(self.owner.resolve, ref, EDITOR_IMAGE_WIDTH)
                if image is None:
                    return None
                self._images[ref] = image
            return self._images[ref]
        return super().loadResource(kind, name)

    def remember(self, ref: str, image: QImage) -> None:
        if image.width() > EDITOR_IMAGE_WIDTH:
            image = image.scaledToWidth(EDITOR_IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        self._images[ref] = image
        self.document().addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(ref), image)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasImage() and self.owner.assets is not None and not self.isReadOnly():
            image = QImage(source.imageData())
            if not image.isNull():
                self.owner.insert_image_data(_png_bytes(image), tr("粘贴的图片.png"))
                return
        if source.hasHtml():
            self.textCursor().insertHtml(clean_html(source.html()))
            return
        super().insertFromMimeData(source)


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, b"PNG")
    buffer.close()
    return bytes(data.data())


class ArticleEditor(QWidget):
    changed = Signal()  # any edit by the operator (not set_post): the page autosaves the draft
    overrideRequested = Signal(object)  # ScreenResult with blocking hits: the page asks a supervisor

    def __init__(
        self,
        assets: AssetSource | None = None,
        check: CheckFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("articleEditor")
        self.setStyleSheet(STYLE)
        self.assets = assets
        self.check = check
        self.account_name = ""
        self.read_only = False
        self.screen_result: ScreenResult | None = None
        self._items: list[dict[str, Any]] = [posts.blank_article()]
        self._current = 0
        self._loading = False
        self._saved_hash = ""

        self.status = status_line()

        # -- left: the articles of the post --
        self.list = QListWidget()
        self.list.setObjectName("articleList")
        self.list.setIconSize(QSize(40, 40))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._row_changed)
        self.add_button = QPushButton(tr("新增一篇"))
        self.add_button.setToolTip(tr("在这条图文消息里再加一篇，最多 8 篇 (Ctrl+Shift+N)"))
        self.remove_button = QPushButton(tr("删除"))
        self.remove_button.setToolTip(tr("从这条图文消息中删除所选的一篇"))
        self.up_button = QPushButton(tr("上移"))
        self.down_button = QPushButton(tr("下移"))
        self.up_button.setToolTip(tr("排在第一的是头条，封面显示为大图"))
        self.add_button.clicked.connect(self.add_article)
        self.remove_button.clicked.connect(self.remove_article)
        self.up_button.clicked.connect(lambda: self.move_article(-1))
        self.down_button.clicked.connect(lambda: self.move_article(1))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(tr("本条图文")))
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.add_button)
        row = QHBoxLayout()
        row.addWidget(self.up_button)
        row.addWidget(self.down_button)
        left_layout.addLayout(row)
        left_layout.addWidget(self.remove_button)

        # -- centre: the fields --
        self.title = QLineEdit()
        self.title.setObjectName("articleTitle")
        self.title.setMaxLength(posts.TITLE_MAX)
        self.title.setPlaceholderText(tr("请输入标题"))
        self.title_counter = self._counter()
        self.author = QLineEdit()
        self.author.setObjectName("articleAuthor")
        self.author.setMaxLength(posts.AUTHOR_MAX)
        self.author.setPlaceholderText(tr("选填，如：县人社局"))
        self.digest = QPlainTextEdit()
        self.digest.setObjectName("articleDigest")
        self.digest.setTabChangesFocus(True)
        self.digest.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.digest.setPlaceholderText(tr("选填，不填写则默认抓取正文前 54 个字"))
        self.digest_counter = self._counter()
        self.digest_hint = hint_label()

        self.cover_thumb = QLabel(tr("未选择"))
        self.cover_thumb.setObjectName("coverThumb")
        self.cover_thumb.setFixedSize(COVER_SIZE)
        self.cover_thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover_button = QPushButton(tr("选择图片…"))
        self.cover_button.setToolTip(tr("PNG、JPG 或 GIF，不超过 10 MB；头条封面建议 900×383 像素"))
        self.cover_button.clicked.connect(lambda: self.choose_cover())
        self.cover_clear = QPushButton(tr("移除"))
        self.cover_clear.clicked.connect(lambda: self._set_cover(""))
        self.cover_hint = hint_label()

        self.tools = QToolBar()
        self.tools.setObjectName("bodyTools")
        self.tools.setIconSize(QSize(16, 16))
        self.bold_action = self._tool(tr("加粗"), "Ctrl+B", self._toggle_bold, checkable=True)
        self.italic_action = self._tool(tr("斜体"), "Ctrl+I", self._toggle_italic, checkable=True)
        self.underline_action = self._tool(tr("下划线"), "Ctrl+U", self._toggle_underline, checkable=True)
        self.tools.addSeparator()
        self.heading_action = self._tool(tr("标题"), "Ctrl+Alt+2", self._toggle_heading, checkable=True)
        self.quote_action = self._tool(tr("引用"), "Ctrl+Shift+Q", self._toggle_quote, checkable=True)
        self.tools.addSeparator()
        self.image_action = self._tool(tr("插入图片…"), "", lambda: self.insert_image())

        self.body = BodyEdit(self)
        self.body.setObjectName("articleBody")
        self.body.setAcceptRichText(True)
        self.body.setTabChangesFocus(True)
        self.body.setPlaceholderText(tr("从这里开始写正文"))
        self.body.setMinimumHeight(160)
        for action in self.tools.actions():
            if not action.isSeparator() and not action.shortcut().isEmpty():
                self.body.addAction(action)
        self.body.currentCharFormatChanged.connect(self._format_changed)
        self.body.cursorPositionChanged.connect(self._block_changed)
        self.body_counter = self._counter()

        self.original = QCheckBox(tr("原创"))
        self.original.setToolTip(tr("标记为原创；原创声明还需在微信公众平台上完成"))
        self.comments = QCheckBox(tr("开启留言"))
        self.comments.setToolTip(tr("允许读者在文章下留言"))
        self.source_url = QLineEdit()
        self.source_url.setObjectName("articleSourceUrl")
        self.source_url.setPlaceholderText(tr("选填，以 https:// 开头，显示为文末的“阅读原文”"))

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.title_counter)
        form.addRow(tr("标题"), title_row)
        form.addRow(tr("作者"), self.author)
        digest_box = QVBoxLayout()
        digest_box.setSpacing(2)
        digest_box.addWidget(self.digest)
        digest_line = QHBoxLayout()
        digest_line.addWidget(self.digest_hint, 1)
        digest_line.addWidget(self.digest_counter)
        digest_box.addLayout(digest_line)
        form.addRow(tr("摘要"), digest_box)
        cover_row = QHBoxLayout()
        cover_row.addWidget(self.cover_thumb)
        cover_buttons = QVBoxLayout()
        cover_buttons.addWidget(self.cover_button)
        cover_buttons.addWidget(self.cover_clear)
        cover_buttons.addStretch(1)
        cover_row.addLayout(cover_buttons)
        cover_row.addWidget(self.cover_hint, 1)
        form.addRow(tr("封面"), cover_row)
        body_head = QHBoxLayout()
        body_head.addWidget(QLabel(tr("正文")))
        body_head.addWidget(self.tools, 1)
        body_head.addWidget(self.body_counter)
        options = QHBoxLayout()
        options.addWidget(self.original)
        options.addWidget(self.comments)
        options.addSpacing(12)
        options.addWidget(QLabel(tr("原文链接")))
        options.addWidget(self.source_url, 1)

        self.panel = ScreenPanel()
        self.panel.fixRequested.connect(self.apply_fix)
        self.panel.fixAllRequested.connect(self.apply_all_fixes)
        self.panel.overrideRequested.connect(self._ask_override)

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addLayout(form)
        centre_layout.addLayout(body_head)
        centre_layout.addWidget(self.body, 1)
        centre_layout.addLayout(options)
        centre_layout.addWidget(self.panel)

        # -- right: the phone --
        self.preview = PhonePreview(self.resolve)
        self.preview.setToolTip(tr("手机预览 (Ctrl+Shift+P)"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([180, 560, self.preview.sizeHint().width()])
        left.setMinimumWidth(150)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)

        self._timer = QTimer(self, singleShot=True, interval=UPDATE_AFTER_MS)
        self._timer.timeout.connect(self.refresh)
        for signal in (
            self.title.textChanged,
            self.author.textChanged,
            self.digest.textChanged,
            self.body.textChanged,
            self.source_url.textChanged,
            self.original.toggled,
            self.comments.toggled,
        ):
            signal.connect(self._edited)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (("Ctrl+Shift+P", self.toggle_preview), ("Ctrl+Shift+N", self.add_article)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self.set_post([])

    def _counter(self) -> QLabel:
        label = QLabel()
        label.setObjectName("fieldCounter")
        return label

    def _tool(self, text: str, key: str, slot: Callable[[], object], checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setCheckable(checkable)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            shown = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({shown})")
        action.triggered.connect(lambda _checked=False: slot())
        self.tools.addAction(action)
        return action

    # -- the post ----------------------------------------------------------------------------------------
    def set_post(
        self, articles: Sequence[Mapping[str, Any]], *, account_name: str = "", read_only: bool = False
    ) -> None:
        """Show a post (an empty list: one blank article). Emits nothing: nothing was typed."""
        items = [_article_from(article) for article in list(articles)[: posts.MAX_ARTICLES]]
        self._items = items or [posts.blank_article()]
        self.account_name = account_name
        self.read_only = read_only
        self.body._images.clear()
        self.preview.set_resolver(self.resolve)
        self._current = 0
        self._show(0)
        self._fill_list()
        self._apply_read_only()
        self._saved_hash = posts.content_hash(self.articles())
        self.refresh()

    def articles(self) -> list[dict[str, Any]]:
        """The post as typed, bodies as WeChat-compatible HTML. Never raises; may not be ready (see problems)."""
        self._store()
        return copy.deepcopy(self._items)

    def problems(self) -> list[str]:
        """What keeps the post from WeChat, in words: missing or too long fields, and 错敏词 that must change."""
        current = self.articles()
        found = posts.check_ready(current)
        result = self._screen(current)
        for hit in result.blocking_hits if result is not None else ():
            found.append(
                tr("{where}的“{word}”必须修改：{reason}").format(
                    where=self._where(current, hit.start), word=hit.matched, reason=hit.reason
                )
            )
        return found

    def is_dirty(self) -> bool:
        return posts.content_hash(self.articles()) != self._saved_hash

    def mark_saved(self) -> None:
        self._saved_hash = posts.content_hash(self.articles())

    def set_check(self, check: CheckFunction | None) -> None:
        """New 错敏词 lists (or none): check the whole post again at once."""
        self.check = check
        self.refresh()

    def current_index(self) -> int:
        return self._current

    def select_article(self, index: int) -> None:
        if 0 <= index < len(self._items):
            self.list.setCurrentRow(index)

    # -- articles in the post ------------------------------------------------------------------------------
    def add_article(self) -> None:
        if self.read_only or len(self._items) >= posts.MAX_ARTICLES:
            if len(self._items) >= posts.MAX_ARTICLES:
                show_status(self.status, tr("一条图文消息最多 8 篇"), "error")
            return
        self._store()
        self._items.append(posts.blank_article())
        self._fill_list()
        self.list.setCurrentRow(len(self._items) - 1)
        self.title.setFocus()
        self._edited()

    def remove_article(self) -> None:
        if self.read_only or len(self._items) <= 1:
            return
        self._store()
        index = self._current
        del self._items[index]
        self._current = min(index, len(self._items) - 1)
        self._show(self._current)
        self._fill_list()
        self._edited()

    def move_article(self, step: int) -> None:
        index, target = self._current, self._current + step
        if self.read_only or not 0 <= target < len(self._items):
            return
        self._store()
        self._items[index], self._items[target] = self._items[target], self._items[index]
        self._current = target
        self._fill_list()
        self._edited()

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for index, article in enumerate(self._items):
            self.list.addItem(self._list_item(index, article))
        self.list.setCurrentRow(self._current)
        self.list.blockSignals(False)
        self._update_buttons()

    def _list_item(self, index: int, article: Mapping[str, Any]) -> QListWidgetItem:
        title = str(article.get("title") or "").strip() or tr("（无标题）")
        label = tr("头条") if index == 0 else tr("第 {n} 篇").format(n=index + 1)
        item = QListWidgetItem(f"{label}\n{title}")
        item.setToolTip(title)
        thumb = self._thumbnail(str(article.get("cover") or ""), QSize(40, 40))
        if thumb is not None:
            item.setIcon(QIcon(thumb))
        return item

    def _refresh_list_item(self) -> None:
        item = self.list.item(self._current)
        if item is not None:
            fresh = self._list_item(self._current, self._items[self._current])
            item.setText(fresh.text())
            item.setToolTip(fresh.toolTip())
            item.setIcon(fresh.icon())

    def _row_changed(self, row: int) -> None:
        if row < 0 or row == self._current or row >= len(self._items):
            return
        self._store()
        self._current = row
        self._show(row)
        self._update_buttons()
        self.refresh()

    def _update_buttons(self) -> None:
        editable = not self.read_only
        count = len(self._items)
        self.add_button.setEnabled(editable and count < posts.MAX_ARTICLES)
        self.add_button.setToolTip(
            tr("在这条图文消息里再加一篇，最多 8 篇 (Ctrl+Shift+N)")
            if count < posts.MAX_ARTICLES
            else tr("一条图文消息最多 8 篇")
        )
        self.remove_button.setEnabled(editable and count > 1)
        self.up_button.setEnabled(editable and self._current > 0)
        self.down_button.setEnabled(editable and self._current < count - 1)
        single = count == 1
        self.digest.setEnabled(single and editable)
        self.digest.setVisible(single)
        self.digest_counter.setVisible(single)
        self.digest_hint.setText(
            tr("选填，显示在分享卡片和单篇消息中")
            if single
            else tr("多篇图文不显示摘要：微信只在单篇图文消息中显示摘要，已填写的会保留")
        )
        self.cover_hint.setText(
            tr("头条封面建议 900×383 像素（2.35:1）") if self._current == 0 else tr("次条封面建议 200×200 像素（1:1）")
        )

    # -- between the widgets and the dicts -------------------------------------------------------------
    def _store(self) -> None:
        """The shown article's widgets into its dict."""
        article = self._items[self._current]
        article["title"] = self.title.text()
        article["author"] = self.author.text()
        article["digest"] = self.digest.toPlainText()
        article["body"] = (
            clean_html(self.body.toHtml()) if self.body.toPlainText().strip() or self._has_images() else ""
        )
        article["original"] = self.original.isChecked()
        article["comments"] = self.comments.isChecked()
        article["source_url"] = self.source_url.text().strip()

    def _has_images(self) -> bool:
        return "\ufffc" in self.body.toPlainText()

    def _show(self, index: int) -> None:
        article = self._items[index]
        self._loading = True
        self.title.setText(str(article["title"]))
        self.author.setText(str(article["author"]))
        self.digest.setPlainText(str(article["digest"]))
        self.body.setHtml(str(article["body"]))
        self.body.document().clearUndoRedoStacks()
        self.original.setChecked(bool(article["original"]))
        self.comments.setChecked(bool(article["comments"]))
        self.source_url.setText(str(article["source_url"]))
        self._show_cover(str(article["cover"]))
        self._loading = False
        self._count()

    def _apply_read_only(self) -> None:
        editable = not self.read_only
        for widget in (self.title, self.author, self.source_url):
            widget.setReadOnly(not editable)
        self.digest.setReadOnly(not editable)
        self.body.setReadOnly(not editable)
        for control in (self.original, self.comments, self.tools):
            control.setEnabled(editable)
        for action in self.tools.actions():  # their shortcuts work in the body box whatever the toolbar says
            action.setEnabled(editable)
        self.cover_button.setEnabled(editable and self.assets is not None)
        self.cover_clear.setEnabled(editable)
        self.image_action.setEnabled(editable and self.assets is not None)
        if self.assets is None:
            self.cover_button.setToolTip(tr("没有可用的图片存储，暂不能选择图片"))
        self._update_buttons()

    def _edited(self) -> None:
        if self._loading:
            return
        self._count()
        if self.title.text() != self._items[self._current]["title"]:
            self._items[self._current]["title"] = self.title.text()
            self._refresh_list_item()
        self._timer.start()
        self.changed.emit()

    def _count(self) -> None:
        self._set_counter(self.title_counter, len(self.title.text()), posts.TITLE_MAX)
        self._set_counter(self.digest_counter, len(self.digest.toPlainText().strip()), posts.DIGEST_MAX)
        words = len(self.body.toPlainText().replace("\ufffc", "").strip())
        self.body_counter.setText(tr("{n} 字").format(n=words))
        restyle(self.body_counter, "over", words > posts.BODY_MAX_CHARS)

    @staticmethod
    def _set_counter(label: QLabel, length: int, limit: int) -> None:
        label.setText(f"{length}/{limit}")
        restyle(label, "over", length > limit)

    # -- images ------------------------------------------------------------------------------------------
    def resolve(self, ref: str) -> Path | None:
        """A local file for an asset ref (for showing it), through the editor's assets."""
        if self.assets is None:
            return None
        try:
            return self.assets.path(ref)
        except (OSError, ValueError):
            return None

    def _thumbnail(self, ref: str, size: QSize) -> QPixmap | None:
        path = self.resolve(ref) if ref else None
        if path is None:
            return None
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            return None
        scaled = pixmap.scaled(
            size, Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation
        )
        left, top = (scaled.width() - size.width()) // 2, (scaled.height() - size.height()) // 2
        return scaled.copy(left, top, size.width(), size.height())  # the middle, as WeChat crops a cover

    def _store_file(self, path: Path) -> tuple[str, bytes] | None:
        """Put the picture at `path` into the assets; a refusal is shown and None returned."""
        if self.assets is None:
            return None
        try:
            data = Path(path).read_bytes()
            return self.assets.put(data, Path(path).name), data
        except OSError as error:
            show_status(self.status, tr("无法读取“{name}”：{error}").format(name=Path(path).name, error=error), "error")
        except ValueError as error:
            show_status(self.status, str(error), "error")
        return None

    def _pick_image(self, caption: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, caption, "", tr(IMAGE_FILTER))
        return Path(name) if name else None

    def choose_cover(self, path: Path | None = None) -> str | None:
        """选择图片…: store the picture (asking for it when `path` is None) as this article's cover."""
        if self.read_only:
            return None
        path = path or self._pick_image(tr("选择封面图片"))
        stored = self._store_file(path) if path is not None else None
        if stored is None:
            return None
        self._set_cover(stored[0])
        return stored[0]

    def _set_cover(self, ref: str) -> None:
        if self.read_only:
            return
        self._items[self._current]["cover"] = ref
        self._show_cover(ref)
        self._refresh_list_item()
        self._edited()

    def _show_cover(self, ref: str) -> None:
        thumb = self._thumbnail(ref, COVER_SIZE) if ref else None
        if thumb is not None:
            self.cover_thumb.setPixmap(thumb)
        else:
            self.cover_thumb.setPixmap(QPixmap())
            self.cover_thumb.setText(tr("图片不在本机") if ref else tr("未选择"))
        self.cover_clear.setVisible(bool(ref))

    def insert_image(self, path: Path | None = None) -> str | None:
        """插入图片…: store the picture and put it at the cursor, in a paragraph of its own."""
        if self.read_only:
            return None
        path = path or self._pick_image(tr("插入图片"))
        stored = self._store_file(path) if path is not None else None
        if stored is None:
            return None
        ref, data = stored
        self._insert_ref(ref, QImage.fromData(data))
        return ref

    def insert_image_data(self, data: bytes, filename: str) -> str | None:
        """A pasted picture: stored, then inserted like a chosen file."""
        if self.assets is None or self.read_only:
            return None
        try:
            ref = self.assets.put(data, filename)
        except ValueError as error:
            show_status(self.status, str(error), "error")
            return None
        self._insert_ref(ref, QImage.fromData(data))
        return ref

    def _insert_ref(self, ref: str, image: QImage) -> None:
        if not image.isNull():
            self.body.remember(ref, image)
        cursor = self.body.textCursor()
        cursor.beginEditBlock()
        if cursor.block().length() > 1:  # the block has text: the picture gets its own paragraph
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertBlock()
        image_format = QTextImageFormat()
        image_format.setName(ref)
        cursor.insertImage(image_format)
        cursor.insertBlock()
        cursor.endEditBlock()
        self.body.setTextCursor(cursor)
        self.body.setFocus()

    # -- formatting --------------------------------------------------------------------------------------
    def _merge(self, fmt: QTextCharFormat) -> None:
        """The selection, or what is typed next (a Chinese "word under the cursor" can be a whole sentence)."""
        self.body.mergeCurrentCharFormat(fmt)

    def _toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.bold_action.isChecked()
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt)

    def _toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(self.italic_action.isChecked())
        self._merge(fmt)

    def _toggle_underline(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontUnderline(self.underline_action.isChecked())
        self._merge(fmt)

    def _toggle_heading(self) -> None:
        """标题: the paragraph(s) under the cursor as a subheading (h2), or back to body text."""
        on = self.heading_action.isChecked()
        document = self.body.document()
        cursor = self.body.textCursor()
        cursor.beginEditBlock()
        block_format = QTextBlockFormat()
        block_format.setHeadingLevel(HEADING_LEVEL if on else 0)
        cursor.mergeBlockFormat(block_format)
        block = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.isValid() and not fragment.charFormat().isImageFormat():
                    self._heading_chars(fragment.position(), fragment.length(), on)
                fragments += 1
            if block == last:
                break
            block = block.next()
        cursor.endEditBlock()
        typing = self.body.currentCharFormat()
        self._heading_format(typing, on)
        self.body.setCurrentCharFormat(typing)

    def _heading_chars(self, position: int, length: int, on: bool) -> None:
        cursor = QTextCursor(self.body.document())
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        fmt = cursor.charFormat()
        self._heading_format(fmt, on)
        cursor.setCharFormat(fmt)

    @staticmethod
    def _heading_format(fmt: QTextCharFormat, on: bool) -> None:
        """Large and bold as Qt shows an <h2>, or those two cleared (not set to "normal", which the HTML
        would keep as an explicit size)."""
        if on:
            fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 2)
            fmt.setFontWeight(QFont.Weight.Bold)
        else:
            fmt.clearProperty(QTextFormat.Property.FontSizeAdjustment)
            fmt.clearProperty(QTextFormat.Property.FontWeight)

    def _toggle_quote(self) -> None:
        """引用: the paragraph(s) under the cursor indented as a quotation (a <blockquote> for WeChat)."""
        on = self.quote_action.isChecked()
        block = QTextBlockFormat()
        block.setLeftMargin(QUOTE_MARGIN if on else 0)
        block.setRightMargin(QUOTE_MARGIN if on else 0)
        block.setProperty(QTextFormat.Property.BlockQuoteLevel, 1 if on else 0)
        self.body.textCursor().mergeBlockFormat(block)

    def _format_changed(self, fmt: QTextCharFormat) -> None:
        self.bold_action.setChecked(fmt.fontWeight() >= QFont.Weight.DemiBold.value)
        self.italic_action.setChecked(fmt.fontItalic())
        self.underline_action.setChecked(fmt.fontUnderline())

    def _block_changed(self) -> None:
        block = self.body.textCursor().blockFormat()
        self.heading_action.setChecked(block.headingLevel() > 0)
        self.quote_action.setChecked(block.leftMargin() >= QUOTE_MARGIN / 2)

    # -- preview, status and the 错敏词 check ------------------------------------------------------------
    def toggle_preview(self) -> None:
        self.preview.setVisible(not self.preview.isVisible())
        if self.preview.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Preview, status line and 错敏词 check for the post as it is now (the debounce ends here)."""
        self._timer.stop()
        current = self.articles()
        count = len(current)
        caption = (
            tr("手机预览")
            if count == 1
            else tr("手机预览 · 第 {n}/{count} 篇").format(n=self._current + 1, count=count)
        )
        if self.preview.isVisible() or not self.isVisible():
            self.preview.show_article(current[self._current], self.account_name, caption)
        result = self._screen(current)
        self.screen_result = result
        self.panel.show_result(result)
        if self.read_only:  # shown, not changed
            for button in (self.panel.fix_all_button, self.panel.override_button):
                button.hide()
            for row in self.panel.rows:
                if row.fix_button is not None:
                    row.fix_button.hide()
        self._mark_body(current, result)
        found = posts.check_ready(current)
        blocking = len(result.blocking_hits) if result is not None else 0
        if blocking:
            found.append(tr("有 {n} 处错敏词必须修改").format(n=blocking))
        if found:
            shown = "；".join(found[:4]) + (tr(" 等 {n} 项").format(n=len(found)) if len(found) > 4 else "")
            show_status(self.status, tr("还不能发布：") + shown, "notice")
        else:
            show_status(self.status, tr("内容齐全，可以送审"), "ok")

    def _screen(self, current: list[dict[str, Any]]) -> ScreenResult | None:
        if self.check is None:
            return None
        text = posts.plain_text(current)
        try:
            raw = list(self.check(text))
        except Exception as error:  # a broken word list must not take the editor down
            show_status(self.status, tr("错敏词检查出错：{error}").format(error=error), "error")
            return None
        hits = tuple(
            sorted(
                (hit for hit in (hit_from(item, text) for item in raw) if hit is not None),
                key=lambda hit: (hit.start, -hit.end),
            )
        )
        return ScreenResult(text, hits)

    @staticmethod
    def _locate(current: list[dict[str, Any]], offset: int) -> tuple[int, str, int, str] | None:
        """Where an offset into plain_text falls: (article, field, offset in that field's text, the text)."""
        position = 0
        for index, field, text in posts.text_parts(current):
            if position <= offset <= position + len(text):
                return index, field, offset - position, text
            position += len(text) + len(posts.PART_SEPARATOR)
        return None

    def _where(self, current: list[dict[str, Any]], offset: int) -> str:
        place = self._locate(current, offset)
        if place is None:
            return tr("文中")
        return tr("第 {n} 篇{field}").format(n=place[0] + 1, field=tr(posts.FIELD_NAMES[place[1]]))

    def _body_cursor(self, text: str, offset: int, matched: str) -> QTextCursor | None:
        """The body document's cursor over the `matched` found at `offset` of text_of(body)."""
        if text[offset : offset + len(matched)] != matched or not matched:
            return None
        occurrence = text[:offset].count(matched)
        cursor = QTextCursor(self.body.document())
        for _ in range(occurrence + 1):
            cursor = self.body.document().find(matched, cursor)
            if cursor.isNull():
                return None
        return cursor

    def _mark_body(self, current: list[dict[str, Any]], result: ScreenResult | None) -> None:
        selections = []
        for hit in result.hits if result is not None else ():
            place = self._locate(current, hit.start)
            if place is None or place[0] != self._current or place[1] != "body":
                continue
            cursor = self._body_cursor(place[3], place[2], hit.matched)
            if cursor is None:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(BLOCKING_COLOR if hit.blocking else WARNING_COLOR))
            if hit.blocking:
                fmt.setBackground(QColor(BLOCKING_BACKGROUND))
            selection.format = fmt
            selections.append(selection)
        self.body.setExtraSelections(selections)

    def apply_fix(self, hit: Hit) -> bool:
        """Replace one hit by its suggestion in the field it was found in (one undo step in the body)."""
        if self.read_only or hit.suggestion is None:
            return False
        done = self._fix(self.articles(), hit)
        self.refresh()
        return done

    def apply_all_fixes(self) -> int:
        """Every hit with a suggestion, from the end of the post backwards so earlier offsets stay right."""
        if self.read_only:
            return 0
        result = self._screen(self.articles())
        done, end = 0, None
        for hit in sorted(result.hits if result else (), key=lambda h: (h.start, h.end), reverse=True):
            if hit.suggestion is None or (end is not None and hit.end > end):
                continue
            if self._fix(self.articles(), hit):
                done += 1
                end = hit.start
        self.refresh()
        return done

    def _fix(self, current: list[dict[str, Any]], hit: Hit) -> bool:
        place = self._locate(current, hit.start)
        if place is None or hit.suggestion is None:
            return False
        index, field, offset, text = place
        if text[offset : offset + len(hit.matched)] != hit.matched:
            return False
        if index != self._current:
            self.list.setCurrentRow(index)
        if field == "body":
            cursor = self._body_cursor(text, offset, hit.matched)
            if cursor is None:
                return False
            cursor.insertText(hit.suggestion)
            return True
        widget = {"title": self.title, "author": self.author}.get(field)
        raw = widget.text() if widget is not None else self.digest.toPlainText()
        lead = len(raw) - len(raw.lstrip())  # the part's text is stripped
        start = offset + lead
        if raw[start : start + len(hit.matched)] != hit.matched:
            return False
        fixed = raw[:start] + hit.suggestion + raw[start + len(hit.matched) :]
        if widget is not None:
            widget.setText(fixed)
        else:
            self.digest.setPlainText(fixed)
        return True

    def _ask_override(self) -> None:
        result = self._screen(self.articles())
        if result is not None and result.blocked:
            self.overrideRequested.emit(result)
