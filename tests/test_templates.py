"""Reply templates: variables filled per account and follower, missing ones reported, and the search
operators type into — Chinese, pinyin initials (heteronyms too), full pinyin — scoped to the account,
archived ones hidden, ranked by where the query matched, then by use."""

from __future__ import annotations

import random
from datetime import date

from console.replies.codec import Template
from console.replies.templates import (
    TemplateIndex,
    VariableValues,
    chinese_date,
    fill,
    variables_in,
)

A = "wx1111aaaa2222bbbb"
B = "wx3333cccc4444dddd"
TODAY = date(2026, 11, 26)
HOURS = "工作日 8:30–12:00、14:30–17:30"
BODY = "{称呼}您好！请于{办公时间}到窗口办理，咨询电话{窗口电话}，地址：{办公地址}。今天是{日期}。"


def values(nickname: str | None, account_values: dict[str, str]) -> VariableValues:
    return VariableValues(nickname=nickname, today=TODAY, office_hours=HOURS, account_values=account_values)


def test_variables_are_filled_for_each_account_and_follower() -> None:
    a = {"窗口电话": "0910-1234567", "办公地址": "县政务服务中心一楼"}
    b = {"窗口电话": "0910-7654321", "办公地址": "镇便民服务中心"}

    filled_a = fill(BODY, values("张三", a))
    filled_b = fill(BODY, values(None, b))

    assert filled_a.text == (
        "张三您好！请于工作日 8:30–12:00、14:30–17:30到窗口办理，咨询电话0910-1234567，"
        "地址：县政务服务中心一楼。今天是2026年11月26日。"
    )
    assert filled_a.missing == ()
    assert filled_b.text.startswith("您好！")  # no nickname: {称呼} is left out, never "您您好"
    assert "0910-7654321" in filled_b.text and "镇便民服务中心" in filled_b.text
    assert fill("{称呼}您好", values("   ", a)).text == "您好"  # a blank remark is no name


def test_account_values_override_builtins_except_name_and_date() -> None:
    own = {"办公时间": "周一至周六 9:00–17:00", "称呼": "领导", "日期": "明天"}
    filled = fill("{称呼}|{日期}|{办公时间}", values("李四", own))
    assert filled.text == "李四|2026年11月26日|周一至周六 9:00–17:00"
    assert chinese_date(date(2026, 3, 5)) == "2026年3月5日"


def test_missing_variables_stay_in_text_and_are_reported_once() -> None:
    filled = fill("电话{窗口电话}，再说一遍{窗口电话}，地址{办公地址}，{称呼}", values("王五", {"办公地址": " "}))
    assert filled.text == "电话{窗口电话}，再说一遍{窗口电话}，地址{办公地址}，王五"
    assert filled.missing == ("窗口电话", "办公地址")  # in order of first use; a blank value is no value
    no_hours = VariableValues(nickname=None, today=TODAY, office_hours="", account_values={})
    assert fill("{办公时间}", no_hours).missing == ("办公时间",)


def test_literal_braces_are_left_alone() -> None:
    body = "价格{ 以现场为准 }，编号{1}，单独的 { 和 } 以及 {{称呼}}"
    filled = fill(body, values("赵六", {}))
    assert filled.text == "价格{ 以现场为准 }，编号{1}，单独的 { 和 } 以及 {赵六}"
    assert filled.missing == ()
    assert variables_in(BODY + "{称呼}{1}{") == ["称呼", "办公时间", "窗口电话", "办公地址", "日期"]


def template(
    id: int,
    title: str,
    body: str = "请携带身份证原件到窗口办理。",
    *,
    account: str | None = None,
    category: str = "",
    tags: tuple[str, ...] = (),
    archived: bool = False,
    usage: int = 0,
) -> Template:
    return Template(id, account, title, body, category, tags, archived, usage)


LIBRARY = [
    template(1, "社保卡补办", usage=3),
    template(2, "社会保障卡挂失", usage=2),  # initials shbzkgs: not "sb"
    template(3, "养老保险缴费", usage=5),
    template(4, "银行卡代发工资", usage=1),
    template(5, "ETC 办理", usage=0),
    template(6, "城乡居民社保缴费", usage=9),
    template(7, "户籍迁移", body="社保关系随户籍转移时另行办理。", usage=50),
    template(8, "医保报销", tags=("社保",), usage=20),
    template(9, "A 号的社保", account=A, usage=4),
    template(10, "B 号的社保", account=B, usage=4),
    template(11, "已归档的社保", archived=True, usage=99),
]


def titles(found: list[Template]) -> list[str]:
    return [item.title for item in found]


def test_pinyin_initials_find_titles() -> None:
    index = TemplateIndex(LIBRARY)
    assert titles(index.search("sb", None)) == ["社保卡补办", "城乡居民社保缴费"]
    assert titles(index.search("ylbx", None)) == ["养老保险缴费"]
    assert titles(index.search("SBKBB", None)) == ["社保卡补办"]  # letters match either case
    assert index.search("qz", None) == []


def test_heteronyms_match_every_reading() -> None:
    index = TemplateIndex(LIBRARY)
    assert titles(index.search("yh", None)) == ["银行卡代发工资"]  # 行 as hang
    assert titles(index.search("yx", None)) == ["银行卡代发工资"]  # 行 as xing
    assert titles(index.search("yinhang", None)) == ["银行卡代发工资"]
    assert titles(index.search("yhqdfgz", None)) == ["银行卡代发工资"]  # 卡 as qia


def test_full_pinyin_from_syllable_starts() -> None:
    index = TemplateIndex(LIBRARY)
    assert titles(index.search("shebao", None)) == ["社保卡补办", "城乡居民社保缴费"]
    assert titles(index.search("she bao", None)) == ["社保卡补办", "城乡居民社保缴费"]
    assert titles(index.search("yanglaobao", None)) == ["养老保险缴费"]
    assert titles(index.search("chengxiang", None)) == ["城乡居民社保缴费"]
    assert index.search("hebao", None) == []  # "she bao" contains "hebao" only across a syllable


def test_ascii_is_case_and_width_insensitive() -> None:
    index = TemplateIndex(LIBRARY)
    assert titles(index.search("etc", None)) == ["ETC 办理"]
    assert titles(index.search("ＥＴＣ", None)) == ["ETC 办理"]
    assert titles(index.search("etcbl", None)) == ["ETC 办理"]


def test_search_is_scoped_to_the_account_and_hides_archived() -> None:
    index = TemplateIndex(LIBRARY)
    for_a = titles(index.search("社保", A))
    for_b = titles(index.search("社保", B))
    shared = titles(index.search("社保", None))
    assert "A 号的社保" in for_a and "B 号的社保" not in for_a
    assert "B 号的社保" in for_b and "A 号的社保" not in for_b
    assert "A 号的社保" not in shared and "B 号的社保" not in shared
    assert all("已归档" not in title for title in for_a + for_b + shared)
    assert "社保卡补办" in for_a and "社保卡补办" in for_b  # shared ones everywhere


def test_ranking_by_where_the_query_matched_then_use() -> None:
    index = TemplateIndex(LIBRARY)
    assert titles(index.search("社保", A)) == [
        "社保卡补办",  # the title starts with it
        "城乡居民社保缴费",  # in the title (used 9 times)
        "A 号的社保",  # in the title (used 4 times)
        "医保报销",  # a tag (used 20 times, still below any title)
        "户籍迁移",  # only the body (used 50 times)
    ]
    ranked = TemplateIndex(
        [
            template(1, "缴费说明", body="城乡居民社保怎么缴", usage=90),  # body only
            template(2, "城乡居民社保", usage=1),  # initials anywhere: c x j m s b
            template(3, "社保转移", usage=0),  # initials prefix
            template(4, "社保查询", usage=7),  # initials prefix, used more
            template(5, "其他", tags=("sb专区",), usage=80),  # tag
        ]
    )
    assert titles(ranked.search("sb", None)) == ["社保查询", "社保转移", "城乡居民社保", "其他"]
    assert titles(ranked.search("sb", None, limit=2)) == ["社保查询", "社保转移"]


def test_empty_query_gives_most_used() -> None:
    index = TemplateIndex(LIBRARY)
    assert titles(index.search("", A, limit=3)) == ["户籍迁移", "医保报销", "城乡居民社保缴费"]
    assert titles(index.search("  ", None))[:2] == ["户籍迁移", "医保报销"]
    assert len(index.search("", None)) == 8  # shared, not archived
    assert index.search("社保", None, limit=0) == []


WORDS = ["养老", "医疗", "户籍", "公积金", "不动产", "驾驶证", "营业执照", "低保", "教育", "疫苗", "税务", "残疾"]
ENDINGS = ["办理", "查询", "流程", "材料", "地址", "政策", "申请", "缴费"]


def test_five_thousand_templates_give_the_right_results() -> None:
    rng = random.Random(7)
    accounts = [None, A, B]
    templates = []
    for number in range(1, 5001):
        social = number % 97 == 0
        first = "社保" if social else rng.choice(WORDS)
        title = first + rng.choice(ENDINGS) + str(number)
        body = rng.choice(["请携带身份证原件。", "可在网上办理。", "咨询窗口电话。", "公积金可异地转移。"])
        templates.append(
            template(
                number,
                title,
                body,
                account=accounts[number % 3],
                tags=(rng.choice(WORDS),),
                archived=number % 50 == 0,
                usage=rng.randrange(1000),
            )
        )
    index = TemplateIndex(templates)

    def visible(item: Template, account: str | None) -> bool:
        return not item.archived and item.account in (None, account)

    social = [item for item in templates if visible(item, A) and item.title.startswith("社保")]
    assert len(social) > 20
    found = index.search("sb", A)
    best = sorted(social, key=lambda item: -item.usage_count)[:20]
    assert [item.usage_count for item in found] == [item.usage_count for item in best]
    assert all(item.title.startswith("社保") and visible(item, A) for item in found)

    # a Chinese query: exactly the visible templates containing it, title hits before tag and body hits
    query = "公积金"
    everything = index.search(query, B, limit=5000)
    expected = {
        item.id
        for item in templates
        if visible(item, B) and (query in item.title or query in item.tags or query in item.body)
    }
    assert {item.id for item in everything} == expected

    def tier(item: Template) -> int:
        if item.title.startswith(query):
            return 0
        if query in item.title:
            return 1
        return 3 if query in item.tags else 4

    keys = [(tier(item), -item.usage_count) for item in everything]
    assert keys == sorted(keys)
