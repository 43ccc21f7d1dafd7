"""Keyword rules and reply templates as files an office can keep, edit and carry to another hub.

Two formats, chosen by the file's suffix:

- `.json`: `{"format": "wxconsole-rules", "version": 1, "rules": [...]}` (or "wxconsole-templates" with
  "templates"), each item in the shape of console.replies.codec.
- `.xlsx`: one sheet, "关键词规则" or "常用回复", with Chinese headers and Chinese values (类型 关键词,
  匹配方式 包含匹配, 启用 是/否, 生效时段 "周一至周五 08:30–17:30"…), for staff who edit in Excel or WPS.
  Columns are found by their header, so they may be reordered, and the optional ones left out.

Import checks every row through the codec and reports up to 10 bad rows at once, each with its row
number, so the file can be fixed in one go; empty spreadsheet rows are skipped. Import returns the
codec's dicts (`id` None when the file gives none). Export writes the file atomically: an interrupted
export never leaves half a file behind.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from console.files import write_atomically
from console.replies.codec import (
    KIND_NAMES,
    REPLY_KIND_NAMES,
    RuleFormatError,
    TemplateFormatError,
    parse_windows_text,
    rule_from_dict,
    rule_to_dict,
    template_from_dict,
    template_to_dict,
    windows_to_list,
)
from console.replies.rules import MODE_NAMES, MatchMode, ReplyKind, RuleKind
from console.sheets import write_sheet

RULES_FORMAT = "wxconsole-rules"
TEMPLATES_FORMAT = "wxconsole-templates"
VERSION = 1
RULES_SHEET = "关键词规则"
TEMPLATES_SHEET = "常用回复"
MAX_LISTED = 10

RULE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("编号", 8),
    ("名称", 24),
    ("类型", 12),
    ("账号", 22),
    ("匹配方式", 11),
    ("关键词", 24),
    ("优先级", 8),
    ("生效时段", 30),
    ("启用", 6),
    ("回复类型", 9),
    ("回复内容", 50),
    ("图片素材ID", 24),
    ("图文标题", 24),
    ("图文摘要", 30),
    ("图文链接", 36),
    ("封面图片链接", 36),
)
TEMPLATE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("编号", 8),
    ("标题", 28),
    ("分类", 12),
    ("标签", 20),
    ("账号", 22),
    ("正文", 70),
    ("已归档", 8),
    ("使用次数", 9),
)
_WRAPPED = {"关键词", "生效时段", "回复内容", "图文摘要", "正文"}
_RULE_REQUIRED = ("名称", "关键词")
_TEMPLATE_REQUIRED = ("标题", "正文")
_YES, _NO = "是", "否"
_TRUE_WORDS = {"是", "启用", "开启", "已归档", "归档", "true", "yes", "y", "1", "√", "✓"}
_FALSE_WORDS = {"否", "停用", "关闭", "未归档", "false", "no", "n", "0", "×", "✗"}
_KIND_ALIASES = {"欢迎语": RuleKind.WELCOME, "关注回复": RuleKind.WELCOME, "兜底": RuleKind.FALLBACK}
_REPLY_ALIASES = {"文本": ReplyKind.TEXT, "文章": ReplyKind.NEWS}
_ALL_ACCOUNTS = {"全部账号", "全部", "所有账号"}
_E = TypeVar("_E", bound=StrEnum)


class TransferError(ValueError):
    """The file cannot be imported (or exported); the message says why, in Chinese. `problems` holds
    every bad row's message when rows were at fault (the message lists the first 10)."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


# ---- public ----


def export_rules(rules: Iterable[Mapping[str, Any]], path: Path) -> None:
    """Rules in the codec's shape to `path` (.json or .xlsx). RuleFormatError if a rule is malformed;
    OSError if the file cannot be written."""
    suffix = _suffix(path, "导出")
    normal = [_normal_rule(data) for data in rules]
    if suffix == ".json":
        _write_json(path, {"format": RULES_FORMAT, "version": VERSION, "rules": normal})
    else:
        _write_xlsx(path, RULES_SHEET, RULE_COLUMNS, [_rule_cells(data) for data in normal], _RULE_CHOICES)


def import_rules(path: Path, account: str | None = None) -> list[dict[str, Any]]:
    """The rules in `path` (.json or .xlsx), checked, in the codec's shape. With `account`, every rule
    belongs to that account whatever the file says. TransferError says what is wrong; OSError if the
    file cannot be read."""
    return _import(path, account, _RULES)


def export_templates(templates: Iterable[Mapping[str, Any]], path: Path) -> None:
    """Templates in the codec's shape to `path` (.json or .xlsx). TemplateFormatError if one is
    malformed; OSError if the file cannot be written."""
    suffix = _suffix(path, "导出")
    normal = [_normal_template(data) for data in templates]
    if suffix == ".json":
        _write_json(path, {"format": TEMPLATES_FORMAT, "version": VERSION, "templates": normal})
    else:
        rows = [_template_cells(data) for data in normal]
        _write_xlsx(path, TEMPLATES_SHEET, TEMPLATE_COLUMNS, rows, _TEMPLATE_CHOICES)


def import_templates(path: Path, account: str | None = None) -> list[dict[str, Any]]:
    """The templates in `path` (.json or .xlsx), checked, in the codec's shape; see `import_rules`."""
    return _import(path, account, _TEMPLATES)


# ---- kinds of file ----


class _Kind:
    """What differs between rules and templates."""

    def __init__(
        self,
        *,
        format: str,
        key: str,
        sheet: str,
        columns: tuple[tuple[str, int], ...],
        required: tuple[str, ...],
        noun: str,
        normalize: Callable[[Mapping[str, Any], int | None], dict[str, Any]],
        from_cells: Callable[[dict[str, Any]], dict[str, Any]],
        error: type[RuleFormatError] | type[TemplateFormatError],
    ) -> None:
        self.format, self.key, self.sheet, self.columns, self.required = format, key, sheet, columns, required
        self.noun, self.normalize, self.from_cells, self.error = noun, normalize, from_cells, error


def _import(path: Path, account: str | None, kind: _Kind) -> list[dict[str, Any]]:
    suffix = _suffix(path, "导入")
    if suffix == ".json":
        items: list[tuple[int, Any]] = _read_json(path, kind)
        unit = "条"  # the n-th item of the list
    else:
        items = list(_read_xlsx(path, kind))
        unit = "行"  # the sheet's own row number, header included
    results: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, item in items:
        try:
            data = kind.from_cells(item) if suffix == ".xlsx" else item
            if not isinstance(data, Mapping):
                raise kind.error(f"{kind.noun}应写成一个对象（{{…}}），现在是“{_shorten(item)}”。")
            if account is not None:
                data = {**data, "account": account}
            results.append(kind.normalize(data, number))
        except (RuleFormatError, TemplateFormatError) as exc:
            problems.append(exc.located(f"第 {number} {unit}"))
    if problems:
        listed = "\n".join(problems[:MAX_LISTED])
        rest = len(problems) - MAX_LISTED
        more = f"\n……另有 {rest} {unit}有错误未列出。" if rest > 0 else ""
        raise TransferError(
            f"文件中有 {len(problems)} {unit}{kind.noun}有错误，请改正后重新导入（本次没有导入任何内容）：\n"
            f"{listed}{more}",
            problems,
        )
    return results


def _suffix(path: Path, verb: str) -> str:
    suffix = path.suffix.lower()
    if suffix in (".json", ".xlsx"):
        return suffix
    if suffix in (".xls", ".et", ".csv", ".ods"):
        raise TransferError(f"不支持 {suffix} 文件，请在 Excel 或 WPS 中另存为 .xlsx 格式后再{verb}。")
    raise TransferError(f"只能{verb} .json 或 .xlsx 文件，“{path.name}”不是。")


# ---- JSON ----


def _write_json(path: Path, document: dict[str, Any]) -> None:
    write_atomically(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _read_json(path: Path, kind: _Kind) -> list[tuple[int, Any]]:
    raw = path.read_bytes()
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise TransferError(f"“{path.name}”不是 UTF-8 编码的 JSON 文件，无法导入。") from None
    except json.JSONDecodeError as exc:
        raise TransferError(
            f"“{path.name}”不是有效的 JSON 文件（第 {exc.lineno} 行第 {exc.colno} 列附近有错误），无法导入。"
        ) from None
    other = _TEMPLATES if kind is _RULES else _RULES
    found = document.get("format") if isinstance(document, dict) else None
    if found == other.format:
        raise TransferError(f"“{path.name}”是{other.noun}文件，不是{kind.noun}文件，请在“{other.noun}”中导入它。")
    if found != kind.format:
        raise TransferError(
            f"“{path.name}”不是本工作台导出的{kind.noun}文件"
            f'（应以 {{"format": "{kind.format}", "version": 1, "{kind.key}": [...]}} 开头），无法导入。'
        )
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise TransferError(f"“{path.name}”的版本号“{version}”无效，无法导入。")
    if version > VERSION:
        raise TransferError(f"“{path.name}”由更新版本的工作台导出（格式版本 {version}），请先升级本程序再导入。")
    items = document.get(kind.key)
    if not isinstance(items, list):
        raise TransferError(f"“{path.name}”中缺少{kind.noun}列表（“{kind.key}”），无法导入。")
    return list(enumerate(items, start=1))


# ---- Excel ----


def _write_xlsx(
    path: Path,
    sheet: str,
    columns: tuple[tuple[str, int], ...],
    rows: list[list[Any]],
    choices: Mapping[str, Sequence[str]],
) -> None:
    book = Workbook()
    ws = book.active
    assert isinstance(ws, Worksheet)
    ws.title = sheet
    write_sheet(ws, columns, rows, _WRAPPED)
    headers = [header for header, _ in columns]
    last_row = max(len(rows) + 1, 1000)
    for header, options in choices.items():
        letter = get_column_letter(headers.index(header) + 1)
        validation = DataValidation(type="list", formula1=f'"{",".join(options)}"', allow_blank=True)
        validation.error = f"请从下拉列表中选择：{'、'.join(options)}"
        validation.errorTitle = header
        validation.add(f"{letter}2:{letter}{last_row}")
        ws.add_data_validation(validation)
    buffer = BytesIO()
    book.save(buffer)
    write_atomically(path, buffer.getvalue())


def _read_xlsx(path: Path, kind: _Kind) -> list[tuple[int, dict[str, Any]]]:
    try:
        book = load_workbook(path, data_only=True)
    except OSError:
        raise
    except Exception:  # openpyxl raises many kinds of errors on a file that is not a workbook
        raise TransferError(f"“{path.name}”不是有效的 Excel（.xlsx）文件，可能已损坏，无法导入。") from None
    try:
        other = _TEMPLATES if kind is _RULES else _RULES
        if kind.sheet not in book.sheetnames:
            if other.sheet in book.sheetnames:
                raise TransferError(
                    f"“{path.name}”是{other.noun}表格（工作表“{other.sheet}”），不是{kind.noun}表格，"
                    f"请在“{other.noun}”中导入它。"
                )
            present = "、".join(f"“{name}”" for name in book.sheetnames)
            raise TransferError(
                f"“{path.name}”中没有名为“{kind.sheet}”的工作表（现有 {present}）。"
                f"请先导出一份{kind.noun}表格，按它的格式填写后再导入。"
            )
        ws = book[kind.sheet]
        lines = ws.iter_rows(values_only=True)
        header_row = next(lines, ())
        columns: dict[str, int] = {}
        for index, value in enumerate(header_row):
            header = _text(value).strip().strip("*＊").strip()
            if header and header not in columns:
                columns[header] = index
        missing = [header for header in kind.required if header not in columns]
        if missing:
            expected = "、".join(header for header, _ in kind.columns)
            raise TransferError(f"工作表“{kind.sheet}”缺少“{'”“'.join(missing)}”列。第一行应是表头：{expected}。")
        rows: list[tuple[int, dict[str, Any]]] = []
        for number, values in enumerate(lines, start=2):
            cells = {header: values[index] for header, index in columns.items() if index < len(values)}
            if all(_blank(value) for value in cells.values()):
                continue
            rows.append((number, cells))
        return rows
    finally:
        book.close()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    """A cell as text: numbers typed into Excel (a keyword "12345", an id) come back as numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _YES if value else _NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cell_int(value: Any, label: str) -> int | None:
    """None for a blank cell; an int for a whole number (typed or text); else the value unchanged, for
    the codec to report."""
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+\s*", value):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise RuleFormatError(f"{label}“{_text(value)}”不是整数，请填写整数，例如 0 或 10。")


def _cell_bool(value: Any, label: str, default: bool) -> bool:
    if _blank(value):
        return default
    if isinstance(value, bool):
        return value
    word = _text(value).strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise RuleFormatError(f"{label}“{_text(value)}”无法识别，应填“{_YES}”或“{_NO}”。")


def _cell_choice(
    value: Any, label: str, names: Mapping[_E, str], default: _E, aliases: Mapping[str, _E] | None = None
) -> _E:
    word = _text(value).strip()
    if not word:
        return default
    for member, name in names.items():
        if word == name or word.lower() == member.value:
            return member
    if aliases and word in aliases:
        return aliases[word]
    options = list(names.values())
    raise RuleFormatError(f"{label}“{word}”无法识别，应为 {'、'.join(options[:-1])} 或 {options[-1]}。")


def _cell_account(value: Any) -> str | None:
    word = _text(value).strip()
    return None if not word or word in _ALL_ACCOUNTS else word


def _split_keywords(text: str) -> list[str]:
    """One keyword per line; a cell without line breaks may also separate them with "；" or ";"."""
    parts = text.splitlines() if re.search(r"[\r\n]", text) else re.split(r"[；;]", text)
    return [part.strip() for part in parts if part.strip()]


# ---- rules in a sheet ----

_RULE_CHOICES: dict[str, Sequence[str]] = {
    "类型": list(KIND_NAMES.values()),
    "匹配方式": list(MODE_NAMES.values()),
    "启用": [_YES, _NO],
    "回复类型": list(REPLY_KIND_NAMES.values()),
}


def _normal_rule(data: Mapping[str, Any], row: int | None = None) -> dict[str, Any]:
    """Checked by the codec and written back in its shape; an id the data does not give stays None."""
    rule = rule_from_dict(data, row=row)
    return {**rule_to_dict(rule, rule.account), "id": rule.id if data.get("id") is not None else None}


def _rule_cells(data: dict[str, Any]) -> list[Any]:
    """One exported row, in RULE_COLUMNS order, from a rule already normalized by the codec."""
    rule = rule_from_dict(data)
    reply = data["reply"]
    keywords = "\n".join(rule.keywords)
    if len(rule.keywords) == 1 and re.search(r"[；;]", keywords):
        keywords += "\n"  # a line break keeps one keyword containing "；" whole when read back
    return [
        data["id"] or None,
        rule.name,
        KIND_NAMES[rule.kind],
        rule.account or "",
        MODE_NAMES[rule.mode],
        keywords,
        rule.priority,
        rule.describe_windows(),
        _YES if rule.enabled else _NO,
        REPLY_KIND_NAMES[rule.reply.kind],
        reply.get("text", ""),
        reply.get("media_id", ""),
        reply.get("title", ""),
        reply.get("description", ""),
        reply.get("url", ""),
        reply.get("picurl", ""),
    ]


def _rule_from_cells(cells: dict[str, Any]) -> dict[str, Any]:
    """The codec's dict for one sheet row; RuleFormatError (naming the rule) for a value that cannot be read."""
    name = _text(cells.get("名称")).strip()
    try:
        reply_kind = _cell_choice(cells.get("回复类型"), "回复类型", REPLY_KIND_NAMES, ReplyKind.TEXT, _REPLY_ALIASES)
        reply: dict[str, Any]
        if reply_kind is ReplyKind.TEXT:
            reply = {"kind": "text", "text": _text(cells.get("回复内容"))}
        elif reply_kind is ReplyKind.IMAGE:
            reply = {"kind": "image", "media_id": _text(cells.get("图片素材ID")).strip()}
        else:
            reply = {
                "kind": "news",
                "title": _text(cells.get("图文标题")),
                "description": _text(cells.get("图文摘要")),
                "url": _text(cells.get("图文链接")),
                "picurl": _text(cells.get("封面图片链接")),
            }
        return {
            "id": _cell_int(cells.get("编号"), "编号"),
            "account": _cell_account(cells.get("账号")),
            "name": name,
            "kind": _cell_choice(cells.get("类型"), "类型", KIND_NAMES, RuleKind.KEYWORD, _KIND_ALIASES).value,
            "mode": _cell_choice(cells.get("匹配方式"), "匹配方式", MODE_NAMES, MatchMode.CONTAINS).value,
            "keywords": _split_keywords(_text(cells.get("关键词"))),
            "priority": _cell_int(cells.get("优先级"), "优先级") or 0,
            "windows": windows_to_list(parse_windows_text(_text(cells.get("生效时段")))),
            "enabled": _cell_bool(cells.get("启用"), "启用", True),
            "reply": reply,
        }
    except RuleFormatError as exc:
        raise RuleFormatError(exc.problem, name=name or None) from None


# ---- templates in a sheet ----

_TEMPLATE_CHOICES: dict[str, Sequence[str]] = {"已归档": [_YES, _NO]}


def _normal_template(data: Mapping[str, Any], row: int | None = None) -> dict[str, Any]:
    template = template_from_dict(data, row=row)
    return {**template_to_dict(template), "id": template.id if data.get("id") is not None else None}


def _template_cells(data: dict[str, Any]) -> list[Any]:
    return [
        data["id"] or None,
        data["title"],
        data["category"],
        "、".join(data["tags"]),
        data["account"] or "",
        data["body"],
        _YES if data["archived"] else _NO,
        data["usage_count"],
    ]


def _template_from_cells(cells: dict[str, Any]) -> dict[str, Any]:
    title = _text(cells.get("标题")).strip()
    try:
        return {
            "id": _cell_int(cells.get("编号"), "编号"),
            "account": _cell_account(cells.get("账号")),
            "title": title,
            "body": _text(cells.get("正文")),
            "category": _text(cells.get("分类")).strip(),
            "tags": [tag.strip() for tag in re.split(r"[、，,；;\r\n]", _text(cells.get("标签"))) if tag.strip()],
            "archived": _cell_bool(cells.get("已归档"), "已归档", False),
            "usage_count": _cell_int(cells.get("使用次数"), "使用次数") or 0,
        }
    except RuleFormatError as exc:  # the cell readers speak of rules; here the item is a template
        raise TemplateFormatError(exc.problem, name=title or None) from None


_RULES = _Kind(
    format=RULES_FORMAT,
    key="rules",
    sheet=RULES_SHEET,
    columns=RULE_COLUMNS,
    required=_RULE_REQUIRED,
    noun="关键词规则",
    normalize=_normal_rule,
    from_cells=_rule_from_cells,
    error=RuleFormatError,
)
_TEMPLATES = _Kind(
    format=TEMPLATES_FORMAT,
    key="templates",
    sheet=TEMPLATES_SHEET,
    columns=TEMPLATE_COLUMNS,
    required=_TEMPLATE_REQUIRED,
    noun="常用回复",
    normalize=_normal_template,
    from_cells=_template_from_cells,
    error=TemplateFormatError,
)


def _shorten(value: Any, limit: int = 30) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[:limit] + "…"
