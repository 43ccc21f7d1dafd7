"""手机预览: the article as a follower's phone shows it, 375 px wide like the common phone screen WeChat lays
out for — large title, the author and account line, the cover, the body — so a heading that wraps badly or a
picture too small to read is seen before the post is sent. Images come through the same resolver as the
editor's, so a picture just inserted shows here too."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget

from console.publishing.html import clean_html
from ui.format import tr

CONTENT_WIDTH = 375  # CSS pixels of a common phone: what WeChat lays an article out for
MARGIN = 16  # WeChat's article padding
IMAGE_WIDTH = CONTENT_WIDTH - 2 * MARGIN
LINK_COLOR = "#576b95"  # WeChat's account-name blue

Resolver = Callable[[str], Path | None]

STYLE = """
#phoneFrame { background: #1d2129; border-radius: 22px; }
#phoneBar { background: #ededed; color: #1d2129; font-size: 15px; padding: 8px 10px;
    border-top-left-radius: 12px; border-top-right-radius: 12px; }
#phoneScreen { background: #ffffff; border: none;
    border-bottom-left-radius: 12px; border-bottom-right-radius: 12px; }
#previewCaption { color: #7a7f87; }
"""


def load_image(resolver: Resolver | None, ref: str, max_width: int) -> QImage | None:
    """The image behind `ref`, no wider than `max_width` (a phone photo is 4000 px wide)."""
    if resolver is None:
        return None
    path = resolver(ref)
    if path is None:
        return None
    image = QImage(str(path))
    if image.isNull():
        return None
    if image.width() > max_width:
        image = image.scaledToWidth(max_width)
    return image


class PhoneBrowser(QTextBrowser):
    """A QTextBrowser laying its text out exactly CONTENT_WIDTH wide and resolving asset: images."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resolver: Resolver | None = None
        self._images: dict[str, QImage] = {}
        self.setObjectName("phoneScreen")
        self.setOpenLinks(False)  # a preview: links are shown, not followed
        self.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
        self.setLineWrapColumnOrWidth(CONTENT_WIDTH)
        self.document().setDocumentMargin(MARGIN)
        scrollbar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        self.setFixedWidth(CONTENT_WIDTH + 2 * self.frameWidth() + scrollbar)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        ref = name.toString() if isinstance(name, QUrl) else str(name)
        if kind == QTextDocument.ResourceType.ImageResource.value and ref.startswith("asset:"):
            if ref not in self._images:
                image = load_image(self.resolver, ref, IMAGE_WIDTH)
                if image is None:
                    return None
                self._images[ref] = image
            return self._images[ref]
        return super().loadResource(kind, name)

    def forget_images(self) -> None:
        self._images.clear()


def article_html(article: Mapping[str, Any], account_name: str, today: date | None = None) -> str:
    """The rich text a phone shows for one article."""
    day = today or date.today()
    title = str(article.get("title") or "").strip()
    author = str(article.get("author") or "").strip()
    cover = str(article.get("cover") or "")
    body = clean_html(str(article.get("body") or ""))
    url = str(article.get("source_url") or "").strip()
    parts = []
    if title:
        parts.append(
            f"<p style='font-size:22px; font-weight:bold; color:#1d2129; line-height:130%'>{escape(title)}</p>"
        )
    else:
        parts.append(f"<p style='font-size:22px; color:#b0b4ba'>{escape(tr('（未填写标题）'))}</p>")
    meta = []
    if article.get("original"):
        meta.append(f"<span style='color:#7a7f87; background-color:#f2f3f5'>&nbsp;{escape(tr('原创'))}&nbsp;</span>")
    if author:
        meta.append(f"<span style='color:#7a7f87'>{escape(author)}</span>")
    meta.append(f"<span style='color:{LINK_COLOR}'>{escape(account_name or tr('公众号名称'))}</span>")
    meta.append(f"<span style='color:#b0b4ba'>{day.year}年{day.month}月{day.day}日</span>")
    parts.append("<p style='font-size:14px'>" + "&nbsp;&nbsp;".join(meta) + "</p>")
    if cover:
        parts.append(f"<p><img src='{escape(cover)}' width='{IMAGE_WIDTH}'></p>")
    if body.strip():
        parts.append(f"<div style='font-size:17px; color:#333333'>{body}</div>")
    else:
        parts.append(f"<p style='font-size:17px; color:#b0b4ba'>{escape(tr('（正文还是空的）'))}</p>")
    if url:
        parts.append(f"<p style='font-size:15px; color:{LINK_COLOR}'>{escape(tr('阅读原文'))}</p>")
    return "<body style='line-height:160%'>" + "".join(parts) + "</body>"


class PhonePreview(QWidget):
    """A phone outline with the account's name on top and the article below, scrolled where it was."""

    def __init__(self, resolver: Resolver | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phonePreview")
        self.setStyleSheet(STYLE)
        self.account_name = ""
        self.caption = QLabel(tr("手机预览"))
        self.caption.setObjectName("previewCaption")
        self.bar = QLabel()
        self.bar.setObjectName("phoneBar")
        self.browser = PhoneBrowser()
        self.browser.resolver = resolver

        frame = QFrame()
        frame.setObjectName("phoneFrame")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(8, 14, 8, 14)
        inner.setSpacing(0)
        inner.addWidget(self.bar)
        inner.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(frame, 1)
        self.show_article({}, "")

    def set_resolver(self, resolver: Resolver | None) -> None:
        self.browser.resolver = resolver
        self.browser.forget_images()

    def show_article(self, article: Mapping[str, Any], account_name: str = "", caption: str = "") -> None:
        """Show `article`; the scroll position stays, so typing at the end does not jump to the top."""
        self.account_name = account_name
        self.bar.setText(account_name or tr("公众号名称"))
        self.caption.setText(caption or tr("手机预览"))
        scrollbar = self.browser.verticalScrollBar()
        position = scrollbar.value()
        self.browser.setHtml(article_html(article, account_name))
        scrollbar.setValue(position)

    def text(self) -> str:
        return self.browser.toPlainText()
