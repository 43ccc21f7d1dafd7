"""A small A4 PDF writer for reports in Chinese: headings, paragraphs, tables and a signature block.

Why a font is embedded: the report is printed, signed and filed, often on another office's computer,
so the PDF carries its own Chinese glyphs (文泉驿微米黑, a subset). Where that font file is missing we
fall back to Adobe's STSong-Light CID font, which every PDF reader has; the report then still opens
everywhere, it is just not embedded.

Why the secret check lives here: whatever a caller puts into a report, this is the last place that
sees all of its text before it reaches a file, so it refuses to write a PDF containing any value it
was told to hide (AppSecret, token, EncodingAESKey…) rather than trusting every caller to have left
them out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from console.files import write_atomically

log = logging.getLogger(__name__)

FONT_FILES: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
    Path("C:/Windows/Fonts/simhei.ttf"),
)
EMBEDDED_FONT = "WQYMicroHei"
CID_FONT = "STSong-Light"
MARGIN = 18 * mm
_font_name: str | None = None


class SecretInReport(RuntimeError):
    """A value that must never leave the key store was about to be written into a report."""


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: a section, 2: a subsection


@dataclass(frozen=True)
class Para:
    text: str  # plain text; line breaks are kept
    centered: bool = False


@dataclass(frozen=True)
class Grid:
    """A table with a header row repeated on every page; `widths` are shares of the text width."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float] = field(default_factory=tuple)


@dataclass(frozen=True)
class SignatureBlock:
    """Lines to sign by hand: 填报人、审核人、日期."""

    labels: Sequence[str] = ("填报人", "审核人", "日期")


Block = Heading | Para | Grid | SignatureBlock


def block_texts(title: str, blocks: Iterable[Block]) -> list[str]:
    """Every piece of text the PDF will hold."""
    texts = [title]
    for block in blocks:
        if isinstance(block, Heading | Para):
            texts.append(block.text)
        elif isinstance(block, Grid):
            texts.extend(block.headers)
            texts.extend(str(cell) for row in block.rows for cell in row)
        else:
            texts.extend(block.labels)
    return texts


def ensure_no_secrets(texts: Iterable[str], secrets_to_hide: Iterable[str]) -> None:
    """SecretInReport if any non-blank secret occurs in any text; the message never repeats the secret."""
    hidden = [s for s in secrets_to_hide if s and s.strip()]
    if not hidden:
        return
    for text in texts:
        for secret in hidden:
            if secret in text:
                raise SecretInReport("报告中出现了账号密钥，已停止导出。请检查台账、备注等内容中是否粘贴了密钥。")


def chinese_font(font_files: Sequence[Path] | None = None) -> str:
    """Register (once) and name the font the report is set in: an embedded TrueType font when one of
    `font_files` exists, else the STSong-Light CID font."""
    global _font_name
    if _font_name is not None:
        return _font_name
    for path in FONT_FILES if font_files is None else font_files:
        if not path.is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(EMBEDDED_FONT, str(path), subfontIndex=0))
        except Exception as exc:  # reportlab raises TTFError and plain errors for fonts it cannot use
            log.warning("pdf: cannot use font %s: %s", path, exc)
            continue
        _font_name = EMBEDDED_FONT
        return _font_name
    log.warning("pdf: no Chinese TrueType font found, falling back to %s (not embedded)", CID_FONT)
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    _font_name = CID_FONT
    return _font_name


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=26, alignment=TA_CENTER, spaceAfter=6),
        # A heading never ends a page: it stays with the table or text below it.
        "h1": ParagraphStyle(
            "h1", parent=base, fontSize=13.5, leading=20, spaceBefore=10, spaceAfter=5, keepWithNext=1
        ),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11.5, leading=17, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "body": base,
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11.5),
        "head": ParagraphStyle("head", parent=base, fontSize=8.5, leading=11.5, alignment=TA_CENTER),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _grid(block: Grid, styles: dict[str, ParagraphStyle], width: float) -> Table:
    count = len(block.headers)
    shares = list(block.widths) if len(block.widths) == count else [1.0] * count
    total = sum(shares) or 1.0
    data: list[list[Any]] = [[_para(h, styles["head"]) for h in block.headers]]
    data += [[_para(str(cell), styles["cell"]) for cell in row] for row in block.rows]
    if not block.rows:
        data.append([_para("（无）", styles["cell"])] + [""] * (count - 1))
    table = Table(data, colWidths=[width * s / total for s in shares], repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if not block.rows:
        style.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(TableStyle(style))
    return table


def _signatures(block: SignatureBlock, styles: dict[str, ParagraphStyle], width: float) -> Flowable:
    cells = [[_para(f"{label}：", styles["body"]), ""] for label in block.labels]
    table = Table(cells, colWidths=[28 * mm, 70 * mm], rowHeights=[12 * mm] * len(cells), hAlign="RIGHT")
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return KeepTogether([Spacer(1, 8 * mm), table])


def pdf_bytes(title: str, blocks: Sequence[Block], secrets_to_hide: Iterable[str] = ()) -> bytes:
    """The A4 PDF as bytes; SecretInReport (before anything is laid out) if a hidden value is in it."""
    hidden = [s for s in secrets_to_hide if s and s.strip()]
    ensure_no_secrets(block_texts(title, blocks), hidden)
    font = chinese_font()
    styles = _styles(font)
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="",
        creator="政务微信工作台",
    )
    width = doc.width
    story: list[Flowable] = [_para(title, styles["title"])]
    for block in blocks:
        if isinstance(block, Heading):
            story.append(_para(block.text, styles["h1" if block.level <= 1 else "h2"]))
        elif isinstance(block, Para):
            story.append(_para(block.text, styles["center" if block.centered else "body"]))
        elif isinstance(block, Grid):
            story.append(_grid(block, styles, width))
            story.append(Spacer(1, 3 * mm))
        else:
            story.append(_signatures(block, styles, width))

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {document.page} 页")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    data = buffer.getvalue()
    ensure_no_secrets([data.decode("latin-1")], [s for s in hidden if s.isascii()])
    return data


def write_pdf(path: Path, title: str, blocks: Sequence[Block], secrets_to_hide: Iterable[str] = ()) -> None:
    """Write the PDF atomically; SecretInReport leaves no file behind."""
    write_atomically(path, pdf_bytes(title, blocks, secrets_to_hide))
