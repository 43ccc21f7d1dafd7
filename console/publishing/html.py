"""Article HTML as WeChat accepts it, from what the desk's rich-text box produces.

QTextEdit.toHtml() writes a whole document (head, style sheet, Qt's own `-qt-*` properties, margins on every
paragraph, bold as `<span style="font-weight:700">`). WeChat keeps only plain tags and a few inline styles,
and an article must never carry a script, an event handler or a `javascript:` link, whoever wrote the HTML.
So the body is rebuilt from a whitelist: allowed tags with allowed attributes, Qt's spans turned back into
<strong>/<em>/<u>, a paragraph Qt indents as a quotation turned back into <blockquote>, everything else dropped
(dangerous elements with their content, unknown ones keeping their text). Cleaning clean HTML changes nothing.

Images are `<img src="asset:<sha256>">` until publishing swaps in the URLs WeChat gives for the uploads.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

ASSET_REF = re.compile(r"asset:([0-9a-f]{64})")

BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "section", "table", "tr"})
INLINE_TAGS = frozenset({"span", "strong", "em", "u", "a"})
CELL_TAGS = frozenset({"td", "th"})
VOID_TAGS = frozenset({"br", "img"})
ALLOWED_TAGS = BLOCK_TAGS | INLINE_TAGS | CELL_TAGS | VOID_TAGS
RENAMED = {"b": "strong", "i": "em", "h5": "p", "h6": "p", "pre": "p", "div": "section", "article": "section"}
# dropped with everything inside them (void ones like <embed> need no entry: unknown tags are dropped anyway)
DROPPED = frozenset(
    {"script", "style", "head", "title", "iframe", "object", "noscript", "template", "svg", "math"}
    | {"textarea", "select", "frameset", "applet", "canvas", "audio", "video"}
)
# whitespace between these is layout of the source, not text
CONTAINERS = frozenset({"section", "blockquote", "ul", "ol", "table", "tr"})

_COLOR = re.compile(r"#[0-9a-f]{3,8}|rgba?\(\s*[\d.%\s,]+\)|[a-z]{3,20}")
_SIZE = re.compile(r"\d{1,3}(\.\d{1,2})?(px|pt|em|rem|%)|(xx?-)?(small|large)|medium|smaller|larger")
_ALIGN = frozenset({"left", "right", "center", "justify"})
BLOCKQUOTE_INDENT_PX = 20  # Qt writes a <blockquote> back as a paragraph with a 40px left margin


def _style_value(prop: str, value: str) -> str | None:
    """The value normalised, or None when the property is not allowed or the value is unsafe."""
    value = value.strip().lower()
    if prop in ("color", "background-color"):
        return value if _COLOR.fullmatch(value) and value not in ("transparent", "inherit", "initial") else None
    if prop == "font-weight":
        if value in ("bold", "bolder") or (value.isdigit() and int(value) >= 600):
            return "bold"
        return None  # normal is the default
    if prop == "font-style":
        return "italic" if value in ("italic", "oblique") else None
    if prop == "text-decoration":
        kept = [word for word in value.replace(",", " ").split() if word in ("underline", "line-through")]
        return " ".join(dict.fromkeys(kept)) or None
    if prop == "text-align":
        return value if value in _ALIGN else None
    if prop == "font-size":
        return value if _SIZE.fullmatch(value) else None
    return None


def _parse_style(style: str) -> dict[str, str]:
    """The allowed inline styles of a style attribute, in a fixed order (so cleaning is idempotent)."""
    found: dict[str, str] = {}
    for declaration in style.split(";"):
        prop, colon, value = declaration.partition(":")
        prop = prop.strip().lower()
        if colon and prop:
            found[prop] = value
    styles: dict[str, str] = {}
    for prop in ("color", "background-color", "font-size", "font-weight", "font-style", "text-decoration"):
        if prop in found and (normal := _style_value(prop, found[prop])) is not None:
            styles[prop] = normal
    if "text-align" in found and (align := _style_value("text-align", found["text-align"])) is not None:
        styles["text-align"] = align
    return styles


def _margin_left(style: str) -> float:
    for declaration in style.split(";"):
        prop, _, value = declaration.partition(":")
        if prop.strip().lower() == "margin-left":
            match = re.match(r"\s*(\d+(?:\.\d+)?)px", value)
            return float(match.group(1)) if match else 0.0
    return 0.0


def _style_text(styles: dict[str, str]) -> str:
    return "; ".join(f"{prop}: {value}" for prop, value in styles.items())


def is_http_url(url: str) -> bool:
    """An absolute http(s) URL with a host and nothing that could break out of an attribute or a line."""
    if not url or any(ord(char) < 0x21 or char in "\"'<>\\`" for char in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _image_src(src: str) -> str | None:
    src = src.strip()
    if ASSET_REF.fullmatch(src.lower()):
        return src.lower()
    return src if is_http_url(src) else None


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        # one entry per open source element: (source tag, the closing tags written for it, in order)
        self.stack: list[tuple[str, list[str]]] = []
        self.skipping: list[str] = []  # open DROPPED elements
        self.headings = 0
        self.links = 0
        self.quoted = 0  # paragraphs turned into quotations

    # -- parser callbacks --------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag == self.skipping[-1] or tag in DROPPED:
                self.skipping.append(tag)
            return
        if tag in DROPPED:
            self.skipping.append(tag)
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        tag = RENAMED.get(tag, tag)
        if tag in VOID_TAGS:
            self._void(tag, values)
            return
        closers = self._open(tag, values) if tag in ALLOWED_TAGS else []
        self.stack.append((tag, closers))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or tag in DROPPED:
            return
        tag = RENAMED.get(tag, tag)
        if tag in VOID_TAGS:
            self._void(tag, {name.lower(): (value or "") for name, value in attrs})
        elif tag in ALLOWED_TAGS:  # <p/>: an empty element
            closers = self._open(tag, {name.lower(): (value or "") for name, value in attrs})
            self.out.extend(f"</{name}>" for name in reversed(closers))
            self._after_close(tag, closers)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        tag = RENAMED.get(tag, tag)
        if not any(open_tag == tag for open_tag, _ in self.stack):
            return  # a stray end tag
        while self.stack:
            open_tag, closers = self.stack.pop()
            self.out.extend(f"</{name}>" for name in reversed(closers))
            self._after_close(open_tag, closers)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skipping or not data:
            return
        if not data.strip():
            parent = next((tag for tag, closers in reversed(self.stack) if closers), None)
            if parent is None or parent in CONTAINERS:
                return  # the source's line breaks between blocks
        self.out.append(escape(data, quote=False))

    def close(self) -> None:
        super().close()
        while self.stack:
            open_tag, closers = self.stack.pop()
            self.out.extend(f"</{name}>" for name in reversed(closers))
            self._after_close(open_tag, closers)

    # -- writing -----------------------------------------------------------------------------------
    def _void(self, tag: str, values: dict[str, str]) -> None:
        if tag == "br":
            self.out.append("<br>")
            return
        src = _image_src(values.get("src", ""))
        if src is not None:
            self.out.append(f'<img src="{escape(src)}">')

    def _open(self, tag: str, values: dict[str, str]) -> list[str]:
        """Write the start of an allowed element; returns the tags to close for it (maybe none, maybe more)."""
        style_attr = values.get("style", "")
        styles = _parse_style(style_attr)
        if "align" in values and "text-align" not in styles and values["align"].strip().lower() in _ALIGN:
            styles["text-align"] = values["align"].strip().lower()
        if tag != "p" and tag not in ("h1", "h2", "h3", "h4", "li", "td", "th", "section", "blockquote"):
            styles.pop("text-align", None)
        if self.headings:  # a heading's own size and weight come with the heading
            styles.pop("font-size", None)
            styles.pop("font-weight", None)
        if self.links:  # Qt colours and underlines every link itself
            styles.pop("color", None)
            styles.pop("text-decoration", None)

        if tag == "a":
            href = values.get("href", "").strip()
            if not is_http_url(href):
                return []
            self.links += 1
            self.out.append(f'<a href="{escape(href)}">')
            return ["a"]
        if tag in ("h1", "h2", "h3", "h4"):
            self.headings += 1
        closers: list[str] = []
        if tag == "p" and _margin_left(style_attr) >= BLOCKQUOTE_INDENT_PX and not self._inside("li", "td", "th"):
            self.out.append("<blockquote>")
            closers.append("blockquote")
            self.quoted += 1
        if tag in ("span", "strong", "em", "u"):
            semantic = []
            if tag != "span":
                semantic.append(tag)
            if styles.pop("font-weight", None) == "bold":
                semantic.append("strong")
            if styles.pop("font-style", None) == "italic":
                semantic.append("em")
            decoration = styles.pop("text-decoration", "").split()
            if "underline" in decoration:
                semantic.append("u")
                decoration.remove("underline")
            if decoration:
                styles["text-decoration"] = " ".join(decoration)
            if styles:
                self.out.append(f'<span style="{escape(_style_text(styles))}">')
                closers.append("span")
            for name in dict.fromkeys(semantic):
                self.out.append(f"<{name}>")
                closers.append(name)
            return closers
        attributes = f' style="{escape(_style_text(styles))}"' if styles else ""
        if tag in CELL_TAGS:
            for span in ("colspan", "rowspan"):
                value = values.get(span, "").strip()
                if value.isdigit() and 1 < int(value) < 100:
                    attributes += f' {span}="{int(value)}"'
        self.out.append(f"<{tag}{attributes}>")
        closers.append(tag)
        return closers

    def _after_close(self, tag: str, closers: list[str]) -> None:
        if tag in ("h1", "h2", "h3", "h4") and closers:
            self.headings -= 1
        elif tag == "a" and closers:
            self.links -= 1

    def _inside(self, *tags: str) -> bool:
        return any(closer in tags for _, closers in self.stack for closer in closers)


def clean_html(html: str) -> str:
    """`html` (a fragment or a whole document, e.g. QTextEdit.toHtml()) as WeChat-compatible article HTML."""
    cleaner = _Cleaner()
    cleaner.feed(html)
    cleaner.close()
    text = "".join(cleaner.out)
    return re.sub(r"</blockquote><blockquote>", "", text) if cleaner.quoted else text


class _Text(HTMLParser):
    """The visible text: a line per paragraph, list item or table row."""

    BREAKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "tr", "section", "div"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.images: list[str] = []

    def _break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag in self.BREAKS:
            self._break()
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "img":
            src = _image_src(dict(attrs).get("src") or "")
            if src is not None and src.startswith("asset:"):
                self.images.append(src)
        elif tag in CELL_TAGS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in DROPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED:
            self.skipping = max(0, self.skipping - 1)
        elif not self.skipping and tag in self.BREAKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if not data.strip() and (not self.parts or self.parts[-1].endswith("\n")):
            return  # layout between blocks
        self.parts.append(data)


def _read(html: str) -> _Text:
    reader = _Text()
    reader.feed(html)
    reader.close()
    return reader


def text_of(html: str) -> str:
    """What a reader sees, one line per paragraph (for the 错敏词 check, counting and search)."""
    lines = "".join(_read(html).parts).replace("\xa0", " ").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def image_refs(html: str) -> list[str]:
    """The asset refs ("asset:<sha256>") of the images in `html`, in order, each once."""
    return list(dict.fromkeys(_read(html).images))
