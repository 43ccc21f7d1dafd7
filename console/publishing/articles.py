"""A post (图文消息) as the desk writes it: a list of one to eight articles, the lead first.

An article is a plain dict, because it travels as JSON between desk and hub and is stored in a JSON column:
``{"title", "author", "digest", "cover", "body", "original", "source_url", "comments"}``. Images are asset
refs (``asset:<sha256>``) until publishing, when `to_wechat` swaps in what WeChat returned for the uploads.

The rules are WeChat's for draft/add (title up to 64 characters, author up to 8, digest up to 120, body text
under 20,000 characters, a cover for every article) so a post the desk calls ready is one WeChat accepts;
`check_ready` says the same in words for the editor's status line, without raising.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from console.publishing.html import ASSET_REF, clean_html, image_refs, is_http_url, text_of

MAX_ARTICLES = 8
TITLE_MAX = 64
AUTHOR_MAX = 8
DIGEST_MAX = 120
BODY_MAX_CHARS = 20000
BODY_MAX_BYTES = 1_000_000  # WeChat: content under 1 MB as well as under 20,000 characters
SOURCE_URL_MAX = 1024
ASSET_REF_SRC = re.compile(r'src="asset:([0-9a-f]{64})"')  # as clean_html writes an image

FIELD_NAMES = {
    "title": "标题",
    "author": "作者",
    "digest": "摘要",
    "cover": "封面",
    "body": "正文",
    "original": "原创",
    "source_url": "原文链接",
    "comments": "留言",
}
TEXT_FIELDS = ("title", "author", "digest", "cover", "body", "source_url")
FLAG_FIELDS = ("original", "comments")


class ArticleError(ValueError):
    """What is wrong, in words naming the article (第 2 篇) and the field; `index` is 0-based (None: the
    post as a whole) and `field` the dict key, so an editor can take the cursor there."""

    def __init__(self, message: str, index: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.index = index
        self.field = field


def blank_article() -> dict[str, Any]:
    return {
        "title": "",
        "author": "",
        "digest": "",
        "cover": "",
        "body": "",
        "original": False,
        "source_url": "",
        "comments": False,
    }


def _which(index: int) -> str:
    return f"第 {index + 1} 篇"


def _check_article(index: int, raw: Any) -> tuple[dict[str, Any], list[ArticleError]]:
    """The article normalised (known keys only, strings stripped, body cleaned) and every problem found."""
    which = _which(index)
    article = blank_article()
    problems: list[ArticleError] = []

    def problem(field: str, message: str) -> None:
        problems.append(ArticleError(message, index, field))

    if not isinstance(raw, Mapping):
        problem("title", f"{which}的格式不对（应为一篇图文的各项内容）")
        return article, problems
    for field in TEXT_FIELDS:
        value = raw.get(field, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            problem(field, f"{which}的{FIELD_NAMES[field]}应为文字")
            continue
        article[field] = value if field == "body" else value.strip()
    for field in FLAG_FIELDS:
        value = raw.get(field, False)
        if not isinstance(value, bool):
            problem(field, f"{which}的“{FIELD_NAMES[field]}”应为是或否")
            continue
        article[field] = value

    article["body"] = clean_html(article["body"])
    title, author, digest = article["title"], article["author"], article["digest"]
    if not title:
        problem("title", f"{which}还没有标题")
    elif len(title) > TITLE_MAX:
        problem("title", f"{which}的标题有 {len(title)} 字，不能超过 {TITLE_MAX} 字")
    if len(author) > AUTHOR_MAX:
        problem("author", f"{which}的作者有 {len(author)} 字，不能超过 {AUTHOR_MAX} 字")
    if len(digest) > DIGEST_MAX:
        problem("digest", f"{which}的摘要有 {len(digest)} 字，不能超过 {DIGEST_MAX} 字")
    cover = article["cover"].lower()
    article["cover"] = cover
    if not cover:
        problem("cover", f"{which}还没有封面图片")
    elif not ASSET_REF.fullmatch(cover):
        problem("cover", f"{which}的封面图片无效，请重新选择")
    text = text_of(article["body"])
    if not text.strip():
        problem("body", f"{which}的正文还是空的")
    elif len(text) > BODY_MAX_CHARS:
        problem("body", f"{which}的正文有 {len(text)} 字，不能超过 {BODY_MAX_CHARS} 字")
    elif len(article["body"].encode("utf-8")) > BODY_MAX_BYTES:
        problem("body", f"{which}的正文排版内容太多（超过 1 MB），请减少格式或拆成几篇")
    url = article["source_url"]
    if url and (not is_http_url(url) or len(url) > SOURCE_URL_MAX):
        problem("source_url", f"{which}的原文链接应是以 http:// 或 https:// 开头的完整网址")
    return article, problems


def _check_post(raw: Any) -> Iterator[tuple[dict[str, Any] | None, list[ArticleError]]]:
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes):
        yield None, [ArticleError("图文消息的格式不对（应为一组文章）")]
        return
    if not raw:
        yield None, [ArticleError("图文消息至少要有一篇文章")]
        return
    if len(raw) > MAX_ARTICLES:
        yield None, [ArticleError(f"一条图文消息最多 {MAX_ARTICLES} 篇，现在有 {len(raw)} 篇")]
    for index, item in enumerate(raw[:MAX_ARTICLES]):
        yield _check_article(index, item)


def clean_articles(raw: Any) -> list[dict[str, Any]]:
    """A post's articles validated and normalised; raises ArticleError on the first problem."""
    articles: list[dict[str, Any]] = []
    for article, problems in _check_post(raw):
        if problems:
            raise problems[0]
        if article is not None:
            articles.append(article)
    return articles


def check_ready(articles: Any) -> list[str]:
    """Every problem that keeps the post from WeChat, in words (empty: ready). Never raises."""
    return [str(problem) for _, problems in _check_post(articles) for problem in problems]


# ---- reading a post without validating it -------------------------------------------------------------


def _items(articles: Any) -> list[Mapping[str, Any]]:
    if not isinstance(articles, Sequence) or isinstance(articles, str | bytes):
        return []
    return [item for item in articles if isinstance(item, Mapping)]


def _text(article: Mapping[str, Any], field: str) -> str:
    value = article.get(field, "")
    return value if isinstance(value, str) else ""


def text_parts(articles: Any) -> list[tuple[int, str, str]]:
    """(article index, field, text) for each non-empty text a reader sees, in reading order: what
    `plain_text` joins, so an offset into it can be traced back to its field."""
    parts: list[tuple[int, str, str]] = []
    for index, article in enumerate(_items(articles)):
        for field in ("title", "author", "digest"):
            text = _text(article, field).strip()
            if text:
                parts.append((index, field, text))
        body = text_of(_text(article, "body"))
        if body:
            parts.append((index, "body", body))
    return parts


PART_SEPARATOR = "\n"


def plain_text(articles: Any) -> str:
    """Titles, authors, digests and body text, one per line: for the 错敏词 check and the review queue."""
    return PART_SEPARATOR.join(text for _, _, text in text_parts(articles))


def _sha(ref: str) -> str | None:
    match = ASSET_REF.fullmatch(ref.strip().lower())
    return match.group(1) if match else None


def asset_refs(articles: Any) -> list[str]:
    """Every image the post uses as a ref ("asset:<sha256>", lower-case): each article's cover, then its body
    images, each once."""
    found: list[str] = []
    for article in _items(articles):
        for ref in [_text(article, "cover"), *image_refs(clean_html(_text(article, "body")))]:
            sha = _sha(ref)
            if sha is not None:
                found.append(f"asset:{sha}")
    return list(dict.fromkeys(found))


def lead_title(articles: Any) -> str:
    items = _items(articles)
    return _text(items[0], "title").strip() if items else ""


def _lookup(mapping: Mapping[str, str], sha: str) -> str | None:
    """Maps are keyed by the bare sha256; the full ref is accepted too."""
    return mapping.get(sha) or mapping.get(f"asset:{sha}")


def to_wechat(articles: Any, cover_media: Mapping[str, str], image_urls: Mapping[str, str]) -> list[dict[str, Any]]:
    """The articles as draft/add wants them: covers as the uploaded materials' media_id (`cover_media`,
    sha256 → media_id), body images as the URLs uploadimg returned (`image_urls`, sha256 → URL). The digest
    goes only with a single-article post (WeChat ignores it otherwise). There is no field for 原创: that
    declaration is made on the WeChat platform. Raises ArticleError for an invalid post or an image not
    uploaded yet."""
    cleaned = clean_articles(articles)
    result: list[dict[str, Any]] = []
    for index, article in enumerate(cleaned):
        cover_sha = _sha(article["cover"]) or ""
        thumb = _lookup(cover_media, cover_sha)
        if not thumb:
            raise ArticleError(f"{_which(index)}的封面图片还没有上传到微信", index, "cover")

        def swap(match: Any, index: int = index) -> str:
            url = _lookup(image_urls, match.group(1))
            if not url:
                raise ArticleError(f"{_which(index)}正文中有图片还没有上传到微信", index, "body")
            return f'src="{url}"'

        content = ASSET_REF_SRC.sub(swap, article["body"])
        item: dict[str, Any] = {
            "title": article["title"],
            "author": article["author"],
            "content": content,
            "content_source_url": article["source_url"],
            "thumb_media_id": thumb,
            "need_open_comment": 1 if article["comments"] else 0,
            "only_fans_can_comment": 0,
        }
        if len(cleaned) == 1:
            item["digest"] = article["digest"]
        result.append(item)
    return result


def _canonical(article: Mapping[str, Any]) -> dict[str, Any]:
    canonical = blank_article()
    for field in TEXT_FIELDS:
        value = article.get(field, "")
        canonical[field] = value.strip() if isinstance(value, str) and field != "body" else value
    for field in FLAG_FIELDS:
        canonical[field] = article.get(field, False)
    if isinstance(canonical["body"], str):
        canonical["body"] = clean_html(canonical["body"])
    return canonical


def content_hash(articles: Any) -> str:
    """sha256 of the post's content in a canonical form (known fields only, body cleaned): equal hashes,
    same article for WeChat, so a stored draft whose hash differs is stale."""
    canonical = [_canonical(article) for article in _items(articles)]
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
