"""Rules and templates as files: the codec's shape and its checks, time windows as words, JSON and Excel
round trips, bad rows reported by number, files of the wrong kind refused, and the account override."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from console.replies.codec import (
    RuleFormatError,
    Template,
    TemplateFormatError,
    parse_windows_text,
    reply_from_dict,
    reply_to_dict,
    rule_from_dict,
    rule_to_dict,
    template_from_dict,
    template_to_dict,
    windows_from_list,
    windows_to_list,
)
from console.replies.rules import (
    MatchMode,
    Reply,
    Rule,
    RuleKind,
    TimeWindow,
    office_hours,
    outside_office_hours,
)
from console.replies.transfer import (
    RULE_COLUMNS,
    TEMPLATE_COLUMNS,
    TransferError,
    export_rules,
    export_templates,
    import_rules,
    import_templates,
)

A = "wx1111aaaa2222bbbb"
B = "wx3333cccc4444dddd"
LONG = "社保卡补办请携带身份证到县政务服务中心三楼人社窗口办理，咨询电话0910-1234567。"

RULES = [
    Rule(
        1,
        "社保卡补办",
        Reply.of_text(LONG),
        ["社保卡", "补办"],
        MatchMode.CONTAINS,
        5,
        A,
        office_hours(),
    ),
    Rule(2, "身份证号", Reply.of_image("MEDIA_id-123"), [r"^\d{17}[\dXx]$"], MatchMode.REGEX, 0, None),
    Rule(
        3,
        "办事指南",
        Reply.of_news("办事指南", "县政务服务事项一览", "https://mp.weixin.qq.com/s/abc", "https://img.example/c.jpg"),
        ["指南"],
        MatchMode.EXACT,
        -2,
        B,
        (TimeWindow.of([0, 2], "17:30", "00:00"), TimeWindow.of([4], "17:30", "08:30")),
        enabled=False,
    ),
    Rule(4, "下班时间", Reply.of_text("=现在是下班时间，" + LONG), (), windows=outside_office_hours(), kind="fallback"),
    Rule(
        5,
        "欢迎关注",
        Reply.of_text("欢迎关注！" + LONG),
        kind=RuleKind.WELCOME,
        windows=[TimeWindow.of([5], "00:00", "00:00")],
    ),
    Rule(6, "分号", Reply.of_text(LONG), ["a;b"], MatchMode.EXACT),
]
RULE_DICTS = [rule_to_dict(rule, rule.account) for rule in RULES]

TEMPLATES = [
    Template(1, None, "社保卡补办", "{称呼}您好！" + LONG, "社保", ("社保", "补办"), False, 12),
    Template(2, A, "户籍迁移", "迁移需本人到场。\n第二行\n=不是公式", "户籍", (), True, 0),
    Template(3, B, "公积金提取", "请携带身份证。", "", ("公积金",), False, 3),
]
TEMPLATE_DICTS = [template_to_dict(template) for template in TEMPLATES]


def base_rule(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": "社保", "keywords": ["社保"], "reply": {"kind": "text", "text": LONG}}
    data.update(changes)
    return data


# ---- codec ----


def test_rule_dict_round_trips_every_reply_kind() -> None:
    for rule, data in zip(RULES, RULE_DICTS, strict=True):
        assert rule_from_dict(data) == rule
    assert RULE_DICTS[0]["windows"] == [{"days": [0, 1, 2, 3, 4], "start": "08:30", "end": "17:30"}]
    assert RULE_DICTS[1]["reply"] == {"kind": "image", "media_id": "MEDIA_id-123"}
    assert RULE_DICTS[2]["reply"]["url"] == "https://mp.weixin.qq.com/s/abc"
    assert json.loads(json.dumps(RULE_DICTS)) == RULE_DICTS
    assert rule_to_dict(RULES[0], "wxOther")["account"] == "wxOther"
    for reply in (rule.reply for rule in RULES):
        assert reply_from_dict(reply_to_dict(reply)) == reply
    assert windows_from_list(windows_to_list(outside_office_hours())) == outside_office_hours()


def test_rule_dict_defaults() -> None:
    rule = rule_from_dict({"name": " 社保 ", "reply": {"kind": "text", "text": "x"}})
    assert (rule.id, rule.name, rule.kind, rule.mode, rule.keywords, rule.priority) == (
        0,
        "社保",
        RuleKind.KEYWORD,
        MatchMode.CONTAINS,
        (),
        0,
    )
    assert rule.account is None and rule.windows == () and rule.enabled
    assert rule_from_dict(base_rule(keywords=[], account="")).keywords == ()  # lint reports it, not the codec
    assert rule_from_dict(base_rule(windows=[{"days": [0], "start": "17:30", "end": "24:00"}])).windows == (
        TimeWindow.of([0], "17:30", "00:00"),
    )


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"mode": "fuzzy"}, "匹配方式“fuzzy”无法识别，应为 exact（完全匹配）"),
        ({"kind": "menu"}, "规则类型“menu”无法识别"),
        ({"priority": "高"}, "优先级“高”不是整数"),
        ({"priority": 1.5}, "优先级“1.5”不是整数"),
        ({"id": "x"}, "编号“x”不是整数"),
        ({"enabled": "yes"}, "启用“yes”应是 true 或 false"),
        ({"keywords": "社保"}, "关键词应是文字的列表"),
        ({"keywords": ["社保", 3]}, "第 2 个关键词“3”不是文字"),
        ({"account": 12}, "账号“12”应是公众号的 AppID"),
        ({"windows": [{"days": [0], "start": "8点", "end": "17:30"}]}, "开始时间“8点”不是 HH:MM 格式"),
        ({"windows": [{"days": [0], "start": "08:30", "end": "25:00"}]}, "结束时间“25:00”不是 HH:MM 格式"),
        ({"windows": [{"days": [7], "start": "08:30", "end": "17:30"}]}, "星期“7”超出范围"),
        ({"windows": "工作日"}, "生效时段应是一个列表"),
        ({"reply": {"kind": "video"}}, "回复类型“video”无法识别"),
        ({"reply": {"kind": "news", "title": "指南", "url": ""}}, "图文回复缺少文章链接"),
        ({"reply": {"kind": "news", "title": "指南", "url": "mp.weixin.qq.com/s"}}, "不是有效的网址"),
        ({"reply": {"kind": "text", "text": 5}}, "回复内容（text）应是文字"),
        ({"reply": None}, "缺少回复内容"),
        ({"name": ""}, "缺少规则名称"),
    ],
)
def test_rule_dict_errors_name_the_rule_row_and_fix(changes: dict[str, Any], words: str) -> None:
    with pytest.raises(RuleFormatError) as caught:
        rule_from_dict(base_rule(**changes), row=7)
    message = str(caught.value)
    assert message.startswith("第 7 行")
    assert words in message
    if changes.get("name") != "":
        assert "规则“社保”" in message
    assert isinstance(caught.value, ValueError)


def test_template_dict_round_trip_and_defaults() -> None:
    for template, data in zip(TEMPLATES, TEMPLATE_DICTS, strict=True):
        assert template_from_dict(data) == template
    minimal = template_from_dict({"title": " 标题 ", "body": "正文", "tags": [" 社保 ", "", "社保"], "extra": 1})
    assert minimal == Template(0, None, "标题", "正文", "", ("社保",), False, 0)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"title": ""}, "缺少标题"),
        ({"title": "长" * 61}, "最多 60 个字"),
        ({"body": "  "}, "正文为空"),
        ({"body": "字" * 2001}, "最多 2000 个字"),
        ({"tags": [f"标签{n}" for n in range(11)]}, "最多 10 个"),
        ({"tags": ["很" * 17]}, "超过 16 个字"),
        ({"tags": "社保"}, "标签应是文字的列表"),
        ({"archived": "是"}, "已归档“是”应是 true 或 false"),
        ({"usage_count": -1}, "使用次数“-1”不能小于 0"),
    ],
)
def test_template_dict_errors(changes: dict[str, Any], words: str) -> None:
    data = {"title": "社保卡补办", "body": LONG, **changes}
    with pytest.raises(TemplateFormatError) as caught:
        template_from_dict(data, row=3)
    assert str(caught.value).startswith("第 3 行")
    assert words in str(caught.value)
    if changes.get("title") not in ("", "长" * 61):
        assert "模板“社保卡补办”" in str(caught.value)


# ---- windows as words ----


def test_parse_windows_text_reads_describe_forms() -> None:
    assert parse_windows_text("周一至周五 08:30-17:30；周六 全天") == (
        TimeWindow.of(range(5), "08:30", "17:30"),
        TimeWindow.of([5], "00:00", "00:00"),
    )
    assert parse_windows_text("每天 17:30–次日08:30") == (TimeWindow.of(range(7), "17:30", "08:30"),)
    assert parse_windows_text("周一、周三 17:30–24:00") == (TimeWindow.of([0, 2], "17:30", "00:00"),)
    assert parse_windows_text("工作日 8:30~12:00;\n周末 全天") == (
        TimeWindow.of(range(5), "08:30", "12:00"),
        TimeWindow.of([5, 6], "00:00", "00:00"),
    )
    assert parse_windows_text("08:30-17:30") == (TimeWindow.of(range(7), "08:30", "17:30"),)
    assert parse_windows_text("周五至周一 全天") == (TimeWindow.of([4, 5, 6, 0], "00:00", "00:00"),)
    assert parse_windows_text("") == () and parse_windows_text(" 始终生效 ") == ()


def test_describe_then_parse_gives_the_same_windows() -> None:
    windows = [
        *office_hours(),
        *outside_office_hours(),
        *outside_office_hours(time(9, 0), time(18, 0), [0, 1, 2, 3]),
        TimeWindow.of([0, 2], "17:30", "00:00"),
        TimeWindow.of([1, 3, 4, 6], "12:00", "14:30"),
        TimeWindow.of([6], "22:15", "06:45"),
        TimeWindow.of([0, 1], "00:00", "00:00"),
        TimeWindow.of([], "08:00", "09:00"),
        TimeWindow.of(range(7), "00:00", "23:59"),
    ]
    for window in windows:
        assert parse_windows_text(window.describe()) == (window,), window.describe()
    joined = Rule(1, "x", Reply.of_text("x"), windows=windows).describe_windows()
    assert parse_windows_text(joined) == tuple(windows)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("周八 08:00-09:00", "“周八”不是星期"),
        ("周一 25:00-26:00", "开始时间“25:00”"),
        ("周一 08:00-次日09:00", "超过 24 小时"),
        ("下班以后", "“下班以后”不是星期"),
    ],
)
def test_parse_windows_text_errors(text: str, words: str) -> None:
    with pytest.raises(RuleFormatError) as caught:
        parse_windows_text(text)
    assert words in str(caught.value)


# ---- rules files ----


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_rules_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"规则{suffix}"
    export_rules(RULE_DICTS, path)
    assert import_rules(path) == RULE_DICTS
    assert [rule_from_dict(data) for data in import_rules(path)] == RULES
    assert [item.name for item in tmp_path.iterdir()] == [path.name]  # no temp file left behind


def test_rules_json_document(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    export_rules(RULE_DICTS, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document == {"format": "wxconsole-rules", "version": 1, "rules": RULE_DICTS}
    assert "社保卡补办" in path.read_text(encoding="utf-8")  # written as Chinese, not \\u escapes


def test_rules_sheet_layout(tmp_path: Path) -> None:
    path = tmp_path / "rules.xlsx"
    export_rules(RULE_DICTS, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["关键词规则"]
    sheet = book["关键词规则"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == [
        "编号",
        "名称",
        "类型",
        "账号",
        "匹配方式",
        "关键词",
        "优先级",
        "生效时段",
        "启用",
        "回复类型",
        "回复内容",
        "图片素材ID",
        "图文标题",
        "图文摘要",
        "图文链接",
        "封面图片链接",
    ]
    assert headers == [header for header, _ in RULE_COLUMNS]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["K"].width >= 40
    first = {header: cell.value for header, cell in zip(headers, sheet[2], strict=True)}
    assert first["类型"] == "关键词" and first["匹配方式"] == "包含匹配" and first["启用"] == "是"
    assert first["关键词"] == "社保卡\n补办"
    assert first["生效时段"] == "周一至周五 08:30–17:30"
    assert first["账号"] == A and first["回复类型"] == "文字"
    shared = {header: cell.value for header, cell in zip(headers, sheet[3], strict=True)}
    assert shared["账号"] is None and shared["图片素材ID"] == "MEDIA_id-123" and shared["回复类型"] == "图片"
    news = {header: cell.value for header, cell in zip(headers, sheet[4], strict=True)}
    assert news["回复类型"] == "图文" and news["启用"] == "否" and news["图文链接"] == "https://mp.weixin.qq.com/s/abc"
    assert news["生效时段"] == "周一、周三 17:30–24:00；周五 17:30–次日08:30"
    fallback = sheet.cell(row=5, column=11)
    assert fallback.value.startswith("=现在是") and fallback.data_type == "s"  # text, never a formula


def write_rules_sheet(path: Path, rows: list[list[Any]], headers: list[str] | None = None) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "关键词规则"
    sheet.append(headers or [header for header, _ in RULE_COLUMNS])
    for row in rows:
        sheet.append(row)
    book.save(path)


def sheet_row(**cells: Any) -> list[Any]:
    values = {"名称": "社保", "关键词": "社保", "回复内容": LONG, **cells}
    return [values.get(header) for header, _ in RULE_COLUMNS]


def test_rules_sheet_typed_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "hand.xlsx"
    write_rules_sheet(
        path,
        [
            sheet_row(名称="分号", 关键词="社保；医保;新农合", 优先级="3", 账号="全部账号"),
            [None] * len(RULE_COLUMNS),  # an empty row in the middle
            [],
            sheet_row(
                名称=" 换行 ", 关键词="社保\n\n 医保 ", 匹配方式="完全匹配", 启用="否", 生效时段="工作日 8:30-17:30"
            ),
            sheet_row(名称="数字", 关键词=12345, 类型="兜底回复", 优先级=2.0, 编号=7, 账号=A),
            sheet_row(名称="图文", 回复类型="图文", 图文标题="指南", 图文链接="https://mp.weixin.qq.com/s/x"),
        ],
    )
    rules = [rule_from_dict(data) for data in import_rules(path)]
    assert [rule.name for rule in rules] == ["分号", "换行", "数字", "图文"]
    assert rules[0].keywords == ("社保", "医保", "新农合") and rules[0].priority == 3 and rules[0].account is None
    assert rules[1].keywords == ("社保", "医保") and rules[1].mode is MatchMode.EXACT and not rules[1].enabled
    assert rules[1].windows == office_hours()
    assert rules[2].keywords == ("12345",) and rules[2].kind is RuleKind.FALLBACK and rules[2].priority == 2
    assert (rules[2].id, rules[2].account) == (7, A)
    assert rules[3].reply == Reply.of_news("指南", "", "https://mp.weixin.qq.com/s/x")
    assert import_rules(path)[0]["id"] is None  # no id in the file


def test_bad_sheet_rows_are_reported_with_their_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    write_rules_sheet(
        path,
        [
            sheet_row(名称="好的"),
            sheet_row(名称="模糊规则", 匹配方式="模糊"),
            [],
            sheet_row(名称="高优先", 优先级="高"),
            sheet_row(名称="周八", 生效时段="周八 全天"),
            sheet_row(名称="图文", 回复类型="图文", 图文标题="指南"),
            sheet_row(名称="", 关键词="无名"),
            sheet_row(名称="开关", 启用="也许"),
        ],
    )
    with pytest.raises(TransferError) as caught:
        import_rules(path)
    message = str(caught.value)
    assert "第 3 行，规则“模糊规则”：匹配方式“模糊”无法识别，应为 完全匹配、包含匹配 或 正则匹配" in message
    assert "第 5 行，规则“高优先”：优先级“高”不是整数" in message
    assert "第 6 行，规则“周八”：生效时段“周八 全天”中的“周八”不是星期" in message
    assert "第 7 行，规则“图文”：图文回复缺少文章链接" in message
    assert "第 8 行：缺少规则名称" in message
    assert "第 9 行，规则“开关”：启用“也许”无法识别，应填“是”或“否”" in message
    assert "第 2 行" not in message
    assert len(caught.value.problems) == 6 and "6 行" in message


def test_at_most_ten_bad_rows_are_listed(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    write_rules_sheet(path, [sheet_row(名称=f"规则{n}", 优先级="高") for n in range(15)])
    with pytest.raises(TransferError) as caught:
        import_rules(path)
    message = str(caught.value)
    assert "第 11 行" in message and "第 12 行" not in message
    assert "另有 5 行" in message and len(caught.value.problems) == 15


def test_bad_json_items_are_reported_by_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    items = [RULE_DICTS[0], base_rule(name="坏的", mode="fuzzy"), "不是规则", base_rule(reply={"kind": "news"})]
    path.write_text(json.dumps({"format": "wxconsole-rules", "version": 1, "rules": items}), encoding="utf-8")
    with pytest.raises(TransferError) as caught:
        import_rules(path)
    message = str(caught.value)
    assert "第 2 条，规则“坏的”：匹配方式“fuzzy”无法识别" in message
    assert "第 3 条：关键词规则应写成一个对象" in message
    assert "第 4 条，规则“社保”：图文回复缺少文章链接" in message
    assert "第 1 条" not in message


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = tmp_path / "cols.xlsx"
    write_rules_sheet(path, [["社保", LONG]], headers=["标题", "回复内容"])
    with pytest.raises(TransferError, match="缺少“名称”“关键词”列"):
        import_rules(path)


def test_files_of_the_wrong_kind_are_refused(tmp_path: Path) -> None:
    templates_json, templates_xlsx = tmp_path / "t.json", tmp_path / "t.xlsx"
    export_templates(TEMPLATE_DICTS, templates_json)
    export_templates(TEMPLATE_DICTS, templates_xlsx)
    with pytest.raises(TransferError, match="是常用回复文件，不是关键词规则文件"):
        import_rules(templates_json)
    with pytest.raises(TransferError, match="是常用回复表格"):
        import_rules(templates_xlsx)
    rules_xlsx = tmp_path / "r.xlsx"
    export_rules(RULE_DICTS, rules_xlsx)
    with pytest.raises(TransferError, match="是关键词规则表格"):
        import_templates(rules_xlsx)

    cases = {
        "notes.txt": ("社保", "只能导入 .json 或 .xlsx 文件"),
        "old.xls": ("社保", "另存为 .xlsx"),
        "broken.xlsx": ("这不是表格", "不是有效的 Excel"),
        "broken.json": ("{“rules”: [", "不是有效的 JSON"),
        "list.json": ("[]", "不是本工作台导出的关键词规则文件"),
        "other.json": ('{"format": "something", "rules": []}', "不是本工作台导出的关键词规则文件"),
        "future.json": ('{"format": "wxconsole-rules", "version": 2, "rules": []}', "请先升级"),
        "norules.json": ('{"format": "wxconsole-rules", "version": 1}', "缺少关键词规则列表"),
    }
    for name, (content, words) in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        with pytest.raises(TransferError, match=words):
            import_rules(path)

    sheetless = tmp_path / "sheet1.xlsx"
    openpyxl.Workbook().save(sheetless)
    with pytest.raises(TransferError, match="没有名为“关键词规则”的工作表"):
        import_rules(sheetless)
    with pytest.raises(TransferError, match="只能导出 .json 或 .xlsx 文件"):
        export_rules(RULE_DICTS, tmp_path / "out.csv.txt")


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_account_override(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"rules{suffix}"
    export_rules(RULE_DICTS, path)
    assert {data["account"] for data in import_rules(path)} == {A, B, None}
    assert {data["account"] for data in import_rules(path, account=B)} == {B}
    templates = tmp_path / f"templates{suffix}"
    export_templates(TEMPLATE_DICTS, templates)
    assert {data["account"] for data in import_templates(templates, account=A)} == {A}


def test_json_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    document = {"format": "wxconsole-rules", "version": 1, "rules": [base_rule()]}
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(document, ensure_ascii=False).encode("utf-8"))
    assert [data["name"] for data in import_rules(path)] == ["社保"]


# ---- templates files ----


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_templates_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"常用回复{suffix}"
    export_templates(TEMPLATE_DICTS, path)
    assert import_templates(path) == TEMPLATE_DICTS
    assert [template_from_dict(data) for data in import_templates(path)] == TEMPLATES


def test_templates_sheet_layout_and_hand_edits(tmp_path: Path) -> None:
    path = tmp_path / "templates.xlsx"
    export_templates(TEMPLATE_DICTS, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["常用回复"]
    sheet = book["常用回复"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == ["编号", "标题", "分类", "标签", "账号", "正文", "已归档", "使用次数"]
    assert headers == [header for header, _ in TEMPLATE_COLUMNS]
    assert all(cell.font.bold for cell in sheet[1]) and sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[2]][3] == "社保、补办"
    assert [cell.value for cell in sheet[3]][6] == "是"

    sheet.append([None, "新模板", "社保", "社保，医保;新农合", "全部账号", "内容", None, None])
    sheet.append([None, "", "社保", None, None, "没有标题", "否", 0])
    sheet.append([None, "坏计数", None, None, None, "内容", "否", "很多"])
    book.save(path)
    with pytest.raises(TransferError) as caught:
        import_templates(path)
    message = str(caught.value)
    assert "第 6 行：缺少标题" in message
    assert "第 7 行，模板“坏计数”：使用次数“很多”不是整数" in message
    for row in (6, 7):
        for cell in sheet[row]:
            cell.value = None
    book.save(path)
    imported = import_templates(path)
    assert imported[-1] == {
        "id": None,
        "account": None,
        "title": "新模板",
        "body": "内容",
        "category": "社保",
        "tags": ["社保", "医保", "新农合"],
        "archived": False,
        "usage_count": 0,
    }
