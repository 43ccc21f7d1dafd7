"""Publishing at the desk: the article editor (图文编辑) and its phone preview. Widgets only show and emit;
the page saves, submits for review and publishes."""

from __future__ import annotations

from ui.publishing.article_editor import ArticleEditor, AssetSource
from ui.publishing.preview import PhonePreview

__all__ = ["ArticleEditor", "AssetSource", "PhonePreview"]
