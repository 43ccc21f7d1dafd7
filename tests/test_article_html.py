"""Article HTML and posts as WeChat will take them: what the desk's rich-text box writes comes out as plain
WeChat-compatible HTML with the image refs kept; nothing executable survives whoever wrote the HTML; cleaning
twice changes nothing; a post with a missing cover, an empty body or a bad link is refused with words naming
the article and the field; and publishing swaps each ref for its upload or refuses when one is missing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QImage, QTextCharFormat, QTextCursor, QTextDocument, QTextImageFormat

from console.publishing.articles import (
    ArticleError,
    asset_refs,
    blank_article,
    check_ready,
    clean_articles,
    content_hash,
    lead_title,
    plain_text,
    to_wechat,
)
from console.publishing.asset_files import AssetError, LocalAssets
from console.publishing.html import clean_html, image_refs, text_of

SHA_A = "a" * 64
SHA_B = "b" * 64
SHA_C = "c" * 64


def qt_document_html() -> str:
    """What QTextEdit.toHtml() writes for a short notice: a bold run, an image, a centred line, a link."""
    document = QTextDocument()
    cursor = QTextCursor(document)
    cursor.insertText("集中缴费时间为")
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    cursor.insertText("3月1日至6月30日", bold)
    cursor.insertText("。", QTextCharFormat())
    cursor.insertBlock()
    document.addResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl(f"asset:{SHA_A}"), QImage(4, 4, QImage.Format.Format_RGB32)
    )
    image = QTextImageFormat()
    image.setName(f"asset:{SHA_A}")
    cursor.insertImage(image)
    cursor.insertBlock()
    cursor.insertHtml('<a href="https://rsj.example.gov.cn/a?x=1&amp;y=2">办事指南</a>')
    return document.toHtml()


def test_qt_document_cleans_to_plain_wechat_html(qapp):
    raw = qt_document_html()
    assert "<head>" in raw and "-qt-block-indent" in raw and "font-weight:700" in raw  # really Qt's output
    assert clean_html(raw) == (
        "<p>集中缴费时间为<strong>3月1日至6月30日</strong>。</p>"
        f'<p><img src="asset:{SHA_A}"></p>'
        '<p><a href="https://rsj.example.gov.cn/a?x=1&amp;y=2">办事指南</a></p>'
    )


def test_qt_headings_quotes_and_alignment_survive(qapp):
    document = QTextDocument()
    document.setHtml(
        "<h2>一、缴费时间</h2><blockquote>引用的政策原文</blockquote>"
        '<p style="text-align:center"><span style="color:#c00">红字</span><i>斜体</i><u>下划线</u></p>'
    )
    cleaned = clean_html(document.toHtml())
    assert cleaned == (
        "<h2>一、缴费时间</h2><blockquote><p>引用的政策原文</p></blockquote>"
        '<p style="text-align: center"><span style="color: #cc0000">红字</span><em>斜体</em><u>下划线</u></p>'
    )
    document.setHtml(cleaned)  # and back through Qt: the same HTML again
    assert clean_html(document.toHtml()) == cleaned


def test_scripts_handlers_and_javascript_links_are_removed():
    dirty = (
        '<p onclick="steal()" style="color:red; position:fixed; background:url(javascript:x)">通知'
        "<script>alert(document.cookie)</script>"
        '<img src="x.png" onerror="alert(1)">'
        f'<img src="asset:{SHA_B}" onload="alert(2)" width="9000">'
        '<img src="javascript:alert(3)">'
        '<a href="javascript:alert(4)">点这里</a>'
        '<a href="JaVaScRiPt:alert(5)">再点</a>'
        '<a href="https://mp.weixin.qq.com/s/abc" target="_blank" onmouseover="x()">往期</a>'
        '<iframe src="https://evil.example/"></iframe><style>p{display:none}</style>'
        '<span style="font-size: 18px; -qt-foo: 1; expression(alert(6))">大字</span></p>'
    )
    cleaned = clean_html(dirty)
    assert cleaned == (
        '<p style="color: red">通知'
        f'<img src="asset:{SHA_B}">'
        "点这里再点"
        '<a href="https://mp.weixin.qq.com/s/abc">往期</a>'
        '<span style="font-size: 18px">大字</span></p>'
    )
    for bad in ("script", "onerror", "onload", "onclick", "javascript", "iframe", "alert", "style>", "width"):
        assert bad not in cleaned.lower()


def test_http_images_kept_other_sources_dropped():
    html = '<p><img src="https://mmbiz.qpic.cn/x.png"><img src="data:image/png;base64,AAAA"><img src="/local.png"></p>'
    assert clean_html(html) == '<p><img src="https://mmbiz.qpic.cn/x.png"></p>'


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<p>一</p>\n<p>二<br>三</p>",
        "<b>粗<i>斜</i></b> 未闭合 <p>段落",
        "<div><p style='margin-left:40px'>引用</p><p style='margin-left:40px'>再引</p></div>",
        "<table border=1><tbody><tr><td colspan=2>表</td></tr></tbody></table>",
        "<ul><li>一</li><li><span style='font-weight:600;text-decoration:underline line-through'>二</span></li></ul>",
        "a &lt;script&gt; &amp; &nbsp; b",
        "</p></span><p>stray</div>",
    ],
)
def test_cleaning_is_idempotent(html, qapp):
    once = clean_html(html)
    assert clean_html(once) == once


def test_idempotent_on_qt_output(qapp):
    once = clean_html(qt_document_html())
    assert clean_html(once) == once


def test_text_and_image_refs():
    html = (
        f'<h2>标题</h2><p>第一段<br>换行</p><p><img src="asset:{SHA_A}"></p>'
        f'<p><img src="ASSET:{SHA_B.upper()}"><img src="asset:{SHA_A}"><img src="https://x.cn/p.png"></p>'
        "<script>var hidden = 1;</script><ul><li>甲</li><li>乙</li></ul>"
    )
    assert text_of(html) == "标题\n第一段\n换行\n甲\n乙"
    assert image_refs(html) == [f"asset:{SHA_A}", f"asset:{SHA_B}"]


# ---- posts -----------------------------------------------------------------------------------------


def article(title: str = "县人社局关于2026年度城乡居民养老保险集中缴费的通知", **fields) -> dict:
    base = blank_article()
    base.update(title=title, author="县人社局", cover=f"asset:{SHA_A}", body="<p>请参保群众按时缴费。</p>")
    base.update(fields)
    return base


def test_clean_articles_normalises():
    post = clean_articles(
        [
            article(
                title="  通知  ", digest=" 摘要 ", body='<p style="margin:0" onclick="x">正文</p>', extra="dropped"
            ),
            article(title="次条", cover=f"asset:{SHA_B.upper()}", comments=True, source_url="https://x.cn/a"),
        ]
    )
    assert post[0] == {
        "title": "通知",
        "author": "县人社局",
        "digest": "摘要",
        "cover": f"asset:{SHA_A}",
        "body": "<p>正文</p>",
        "original": False,
        "source_url": "",
        "comments": False,
    }
    assert post[1]["cover"] == f"asset:{SHA_B}" and post[1]["comments"] is True


@pytest.mark.parametrize(
    ("post", "message", "index", "field"),
    [
        ([article(cover="")], "第 1 篇还没有封面图片", 0, "cover"),
        ([article(), article(title="")], "第 2 篇还没有标题", 1, "title"),
        ([article(), article(title="长" * 65)], "第 2 篇的标题有 65 字，不能超过 64 字", 1, "title"),
        ([article(author="县人力资源和社会保障局")], "第 1 篇的作者有 11 字，不能超过 8 字", 0, "author"),
        ([article(digest="摘" * 121)], "第 1 篇的摘要有 121 字，不能超过 120 字", 0, "digest"),
        ([article(), article(), article(body="<p> </p><img src='x'>")], "第 3 篇的正文还是空的", 2, "body"),
        (
            [article(source_url="javascript:alert(1)")],
            "第 1 篇的原文链接应是以 http:// 或 https:// 开头的完整网址",
            0,
            "source_url",
        ),
        ([article(original="yes")], "第 1 篇的“原创”应为是或否", 0, "original"),
        ([article(title=5)], "第 1 篇的标题应为文字", 0, "title"),
        ([article(body="<p>" + "字" * 20001 + "</p>")], "第 1 篇的正文有 20001 字，不能超过 20000 字", 0, "body"),
        ([], "图文消息至少要有一篇文章", None, None),
        ([article()] * 9, "一条图文消息最多 8 篇，现在有 9 篇", None, None),
        ("not a list", "图文消息的格式不对（应为一组文章）", None, None),
    ],
)
def test_clean_articles_errors_name_article_and_field(post, message, index, field):
    with pytest.raises(ArticleError) as caught:
        clean_articles(post)
    assert str(caught.value) == message
    assert (caught.value.index, caught.value.field) == (index, field)
    assert message in check_ready(post)


def test_check_ready_lists_every_problem_without_raising():
    assert check_ready([article()]) == []
    assert check_ready([article(title="", cover=""), article(body="")]) == [
        "第 1 篇还没有标题",
        "第 1 篇还没有封面图片",
        "第 2 篇的正文还是空的",
    ]
    assert check_ready(None) == ["图文消息的格式不对（应为一组文章）"]


def test_plain_text_refs_and_lead_title():
    post = [
        article(title="头条", digest="摘要", body=f'<p>正文一</p><p><img src="asset:{SHA_B}"></p>'),
        article(title="次条", author="", cover=f"asset:{SHA_C}", body=f'<p>正文二<img src="asset:{SHA_A}"></p>'),
    ]
    assert plain_text(post) == "头条\n县人社局\n摘要\n正文一\n次条\n正文二"
    assert asset_refs(post) == [f"asset:{SHA_A}", f"asset:{SHA_B}", f"asset:{SHA_C}"]
    assert lead_title(post) == "头条" and lead_title([]) == ""


def test_to_wechat_swaps_refs_for_uploads():
    post = [
        article(
            digest="单篇摘要", comments=True, source_url="https://x.cn/a", body=f'<p>见图<img src="asset:{SHA_B}"></p>'
        )
    ]
    [item] = to_wechat(post, {SHA_A: "MEDIA_A"}, {SHA_B: "https://mmbiz.qpic.cn/b/0"})
    assert item == {
        "title": "县人社局关于2026年度城乡居民养老保险集中缴费的通知",
        "author": "县人社局",
        "digest": "单篇摘要",
        "content": '<p>见图<img src="https://mmbiz.qpic.cn/b/0"></p>',
        "content_source_url": "https://x.cn/a",
        "thumb_media_id": "MEDIA_A",
        "need_open_comment": 1,
        "only_fans_can_comment": 0,
    }
    two = to_wechat([article(digest="x"), article()], {SHA_A: "MEDIA_A"}, {})
    assert all("digest" not in item for item in two)  # WeChat shows a digest only for a single article
    assert [item["need_open_comment"] for item in two] == [0, 0]


def test_to_wechat_fails_on_a_missing_upload():
    post = [article(), article(cover=f"asset:{SHA_C}", body=f'<p><img src="asset:{SHA_B}"></p><p>文</p>')]
    with pytest.raises(ArticleError, match="第 2 篇的封面图片还没有上传到微信") as caught:
        to_wechat(post, {SHA_A: "MEDIA_A"}, {SHA_B: "https://mmbiz.qpic.cn/b/0"})
    assert (caught.value.index, caught.value.field) == (1, "cover")
    with pytest.raises(ArticleError, match="第 2 篇正文中有图片还没有上传到微信"):
        to_wechat(post, {SHA_A: "MEDIA_A", SHA_C: "MEDIA_C"}, {})
    with pytest.raises(ArticleError, match="第 1 篇还没有封面图片"):
        to_wechat([article(cover="")], {}, {})


def test_content_hash_follows_content_not_form():
    post = [article()]
    same = [dict(article(), body='<p style="margin-top:0px">请参保群众按时缴费。</p>', extra=1)]
    assert content_hash(post) == content_hash(same)
    assert content_hash(post) != content_hash([article(title="改了标题")])
    assert len(content_hash(post)) == 64


def test_local_assets_store_by_hash(tmp_path, qapp):
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xC8102E)
    png = tmp_path / "封面.png"
    image.save(str(png))
    assets = LocalAssets(tmp_path / "assets")
    ref = assets.put_file(png)
    assert ref.startswith("asset:") and len(ref) == 6 + 64
    assert assets.path(ref).suffix == ".png" and assets.read(ref) == png.read_bytes()
    assert assets.put(png.read_bytes(), "again.png") == ref  # stored once
    assert assets.path("asset:" + "0" * 64) is None and assets.path("nonsense") is None
    with pytest.raises(AssetError, match="“说明.pdf”不是 PNG、JPG 或 GIF 图片"):
        assets.put(b"%PDF-1.7", "说明.pdf")
    with pytest.raises(AssetError, match="“大图.jpg”有 10.0 MB，图片不能超过 10 MB"):
        assets.put(b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024), "大图.jpg")
