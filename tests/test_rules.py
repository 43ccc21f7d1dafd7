"""Keyword rules: the winner (priority, mode, id), accounts, China-time windows, welcome and fallback,
the tester's explanation and lint, and agreement with the plain loop on random rule sets."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta, timezone

import pytest

from console.replies.rules import (
    LintCode,
    MatchMode,
    Reply,
    Rule,
    RuleKind,
    RuleSet,
    TimeWindow,
    Verdict,
    lint,
    match_by_loop,
    office_hours,
    outside_office_hours,
)

A = "wx1111aaaa2222bbbb"
B = "wx3333cccc4444dddd"
WED_10_BEIJING = datetime(2024, 3, 6, 2, 0)  # naive UTC, as stored: Wednesday 10:00 in Beijing
LONG = "社保卡补办请携带身份证到县政务服务中心三楼人社窗口办理，咨询电话0910-1234567。"


def rule(id, keywords, mode="contains", priority=0, reply=LONG, **kw):
    return Rule(
        id=id, name=f"规则{id}", reply=Reply.of_text(reply), keywords=keywords, mode=mode, priority=priority, **kw
    )


def winner(rules, text, appid=A, at=WED_10_BEIJING):
    found = RuleSet(rules).match(appid, text, at)
    assert found == match_by_loop(rules, appid, text, at)  # the index agrees with the plain loop
    return None if found is None else found.rule.id


def test_priority_decides_first():
    rules = [rule(1, ["社保"], priority=1), rule(2, ["社保卡"], priority=5), rule(3, ["补办"], priority=3)]
    assert winner(rules, "社保卡怎么补办") == 2
    assert winner(rules, "社保怎么补办") == 3
    assert winner(rules, "社保查询") == 1
    assert winner(rules, "今天天气") is None


def test_exact_beats_contains_beats_regex_at_equal_priority_then_lower_id():
    rules = [
        rule(1, [r"^社保"], mode="regex"),
        rule(2, ["社保"], mode="contains"),
        rule(3, ["社保"], mode="exact"),
        rule(4, ["社保"], mode="exact"),
    ]
    assert winner(rules, "社保") == 3  # exact, and the lower id of the two exact rules
    assert winner(rules, "  社保？") == 3  # exact ignores surrounding spaces and end punctuation
    assert winner(rules, "社保卡丢了") == 2  # not exact: contains beats regex
    assert winner(rules[:1], "社保卡丢了") == 1
    # configured otherwise: a higher priority lets a contains rule beat an exact one
    assert winner([*rules, rule(5, ["社"], priority=1)], "社保") == 5


def test_regex_rules_case_insensitive_and_full_width():
    rules = [rule(1, [r"(\d{4})年.*高考"], mode="regex"), rule(2, [r"^ETC\s*办理$"], mode="regex")]
    assert winner(rules, "2024年高考什么时候出成绩") == 1
    assert winner(rules, "２０２４年的高考") == 1  # full-width digits fold to ASCII
    assert winner(rules, "etc 办理") == 2
    assert winner(rules, "ＥＴＣ办理") == 2
    assert winner(rules, "高考") is None


def test_latin_case_and_full_width_normalised_for_keywords():
    rules = [rule(1, ["ETC"]), rule(2, ["ｗｉｆｉ密码"], mode="exact")]
    assert winner(rules, "我要办理ｅｔｃ") == 1
    assert winner(rules, "Etc在哪办") == 1
    assert winner(rules, "WiFi密码") == 2
    assert winner(rules, "ＷＩＦＩ密码！") == 2


def test_rules_per_account_and_for_all_accounts():
    rules = [rule(1, ["社保"], account=A, priority=1), rule(2, ["社保"]), rule(3, ["医保"], account=B)]
    assert winner(rules, "社保", appid=A) == 1
    assert winner(rules, "社保", appid=B) == 2  # A's rule is not B's
    assert winner(rules, "医保", appid=A) is None
    assert winner(rules, "医保", appid=B) == 3


def test_disabled_rules_never_answer():
    assert winner([rule(1, ["社保"], enabled=False), rule(2, ["社"])], "社保") == 2


def test_time_windows_are_china_time():
    night = rule(1, ["社保"], priority=9, windows=outside_office_hours(time(8, 30), time(17, 30)))
    day = rule(2, ["社保"], priority=5, windows=office_hours(time(8, 30), time(17, 30)))
    rules = [night, day]
    utc = UTC
    # Wednesday 10:00 Beijing = 02:00 UTC: office hours
    assert winner(rules, "社保", at=datetime(2024, 3, 6, 2, 0, tzinfo=utc)) == 2
    # Wednesday 18:00 Beijing = 10:00 UTC
    assert winner(rules, "社保", at=datetime(2024, 3, 6, 10, 0, tzinfo=utc)) == 1
    # Tuesday 23:30 UTC is already Wednesday 07:30 in Beijing: before office hours
    assert winner(rules, "社保", at=datetime(2024, 3, 5, 23, 30)) == 1
    # Tuesday 00:45 UTC is Tuesday 08:45 Beijing (a naive UTC time read as UTC, not as local time)
    assert winner(rules, "社保", at=datetime(2024, 3, 5, 0, 45)) == 2
    # Saturday 10:00 Beijing: weekend, outside office hours all day
    assert winner(rules, "社保", at=datetime(2024, 3, 9, 2, 0)) == 1
    # any zone works: 10:00 in Beijing given as UTC+9 11:00
    assert winner(rules, "社保", at=datetime(2024, 3, 6, 11, 0, tzinfo=timezone(timedelta(hours=9)))) == 2
    # only in the window: no rule at all outside it
    assert winner([day], "社保", at=datetime(2024, 3, 9, 2, 0)) is None


def test_overnight_window_belongs_to_the_day_it_starts():
    friday_night = TimeWindow.of([4], "20:00", "08:00")  # Friday 20:00 – Saturday 08:00
    rules = [rule(1, ["社保"], windows=[friday_night])]
    beijing = timezone(timedelta(hours=8))
    assert winner(rules, "社保", at=datetime(2024, 3, 8, 21, 0, tzinfo=beijing)) == 1  # Friday 21:00
    assert winner(rules, "社保", at=datetime(2024, 3, 9, 7, 59, tzinfo=beijing)) == 1  # Saturday 07:59
    assert winner(rules, "社保", at=datetime(2024, 3, 9, 8, 0, tzinfo=beijing)) is None  # Saturday 08:00
    assert winner(rules, "社保", at=datetime(2024, 3, 7, 21, 0, tzinfo=beijing)) is None  # Thursday 21:00


def test_welcome_on_subscribe_prefers_the_account_own():
    rules = [
        Rule(1, "通用欢迎语", Reply.of_text("欢迎关注！回复“社保”“医保”可查询办事指南。"), kind=RuleKind.WELCOME),
        Rule(2, "人社欢迎语", Reply.of_text("欢迎关注某县人社！回复“社保”查询办事指南。"), kind="welcome", account=B),
        Rule(3, "停用的欢迎语", Reply.of_text("停用"), kind="welcome", account=A, priority=9, enabled=False),
        rule(4, ["欢迎"]),
    ]
    rules_set = RuleSet(rules)
    assert rules_set.welcome(A, WED_10_BEIJING).id == 1
    assert rules_set.welcome(B, WED_10_BEIJING).id == 2
    assert rules_set.fallback(A, WED_10_BEIJING) is None
    assert rules_set.match(A, "欢迎", WED_10_BEIJING).rule.id == 4  # welcome rules are not keyword rules


def test_fallback_when_nothing_matches_by_time_of_day():
    day_text = "您的留言已收到，工作人员将在30分钟内答复。工作时间：周一至周五 8:30–17:30。"
    night_text = "现在是下班时间，您的留言已收到，工作人员将在下一个工作日上午答复您。"
    rules = [
        Rule(1, "工作时间兜底", Reply.of_text(day_text), kind="fallback", windows=office_hours()),
        Rule(2, "下班兜底", Reply.of_text(night_text), kind="fallback", windows=outside_office_hours()),
        rule(3, ["社保"]),
    ]
    rules_set = RuleSet(rules)
    assert rules_set.match(A, "你好", WED_10_BEIJING) is None
    assert rules_set.fallback(A, WED_10_BEIJING).id == 1
    assert rules_set.fallback(A, datetime(2024, 3, 6, 12, 0)).id == 2  # 20:00 Beijing


def test_explain_names_the_winner_and_why_the_others_lost():
    rules = [
        rule(1, ["社保"], priority=1),
        rule(2, ["社保卡"], priority=5),
        rule(3, ["社保卡"], priority=5, mode="exact"),
        rule(4, ["补办"], priority=9, enabled=False),
        rule(5, ["社保卡"], priority=9, windows=outside_office_hours()),
        rule(6, ["社保卡"], priority=5),
        rule(7, ["社保"], priority=99, account=B),
        rule(8, ["医保"], priority=99),
    ]
    candidates = RuleSet(rules).explain(A, "社保卡补办", WED_10_BEIJING)
    verdicts = {c.rule.id: c.verdict for c in candidates}
    assert candidates[0].rule.id == 2 and candidates[0].won
    # 3: the exact keyword 社保卡 is not the whole message; 7: another account; 8: keyword not in the text
    assert verdicts == {
        2: Verdict.WON,
        1: Verdict.LOWER_PRIORITY,
        4: Verdict.DISABLED,
        5: Verdict.OUTSIDE_WINDOW,
        6: Verdict.HIGHER_ID,
    }
    by_id = {c.rule.id: c for c in candidates}
    assert by_id[1].keyword == "社保" and by_id[1].mode is MatchMode.CONTAINS
    assert "优先级 1 低于胜出规则“规则2”（#2）的优先级 5" in by_id[1].reason
    assert "已停用" in by_id[4].reason
    assert "不在生效时段" in by_id[5].reason and "周三 10:00" in by_id[5].reason
    assert "编号较早" in by_id[6].reason
    exact_wins = RuleSet(rules).explain(A, "社保卡", WED_10_BEIJING)
    assert exact_wins[0].rule.id == 3
    weaker = {c.rule.id: c for c in exact_wins}[2]
    assert weaker.verdict is Verdict.WEAKER_MODE and "完全匹配优先于包含匹配" in weaker.reason


def test_lint_reports_shadowed_rules():
    rules = [
        rule(1, ["社保"], priority=5),
        rule(2, ["社保卡补办", "补办社保卡"], priority=1),  # every keyword contains 社保: never fires
        rule(3, ["社保卡", "医保卡"], priority=1),  # 医保卡 still reaches it
        rule(4, ["社保查询"], priority=1, mode="exact"),  # exact, but 社保 (higher) catches it first
        rule(5, ["社保"], priority=5, mode="exact"),  # equal priority: exact beats contains, so it fires
        rule(6, ["社保卡"], priority=1, account=A),  # rule 1 covers all accounts, so also A
        rule(7, ["社保卡"], priority=9, account=B),  # higher priority than rule 1
        rule(8, ["社保卡"], priority=1, windows=outside_office_hours()),  # 1 is always active: shadowed
        rule(9, ["医保"], priority=5, account=A),
        rule(10, ["医保卡"], priority=2, account=B),  # 9 is A's only (and 3 ranks lower): not shadowed
        rule(11, ["医保"], priority=5, windows=office_hours()),
        rule(12, ["医保报销"], priority=1),  # 11 only by day: not shadowed
        rule(13, ["社保卡"], priority=0, enabled=False),  # disabled: no shadow warning
    ]
    shadowed = {w.rule_id: w for w in lint(rules) if w.code is LintCode.SHADOWED}
    assert set(shadowed) == {2, 4, 6, 8}
    assert shadowed[2].other_rule_ids == (1,)
    assert shadowed[2].message.startswith("规则“规则2”永远不会触发：“社保卡补办”会先命中规则“规则1”")


def test_lint_shadowing_by_exact_and_catch_all_regex():
    rules = [
        rule(1, [".*"], mode="regex", priority=3),  # matches every message
        rule(2, ["社保"], priority=1),
        rule(3, ["医保"], mode="exact", priority=5),
        rule(4, ["医保"], mode="exact", priority=4),
        rule(5, [r"^\d+$"], mode="regex", priority=9),
        rule(6, ["12345"], mode="exact", priority=8),
    ]
    shadowed = {w.rule_id: w.other_rule_ids for w in lint(rules) if w.code is LintCode.SHADOWED}
    assert shadowed == {2: (1,), 4: (3,), 6: (5,)}


def test_lint_reports_short_and_empty_replies_and_bad_regex():
    rules = [
        rule(1, ["社保"], reply="请咨询窗口"),
        rule(2, ["医保"], reply="   "),
        Rule(3, "图片", Reply.of_image(""), keywords=["地图"]),
        Rule(4, "图文", Reply.of_news("办事指南", "社保卡办理流程", ""), keywords=["指南"]),
        rule(5, ["(未闭合"], mode="regex"),
        rule(6, [], mode="contains"),
        rule(7, ["公积金"]),  # fine
        Rule(
            8, "图文好", Reply.of_news("办事指南", "社保卡办理流程", "https://mp.weixin.qq.com/s/x"), keywords=["流程"]
        ),
    ]
    codes = {(w.rule_id, w.code) for w in lint(rules)}
    assert codes == {
        (1, LintCode.SHORT_REPLY),
        (2, LintCode.EMPTY_REPLY),
        (3, LintCode.EMPTY_REPLY),
        (4, LintCode.EMPTY_REPLY),
        (5, LintCode.INVALID_REGEX),
        (6, LintCode.NO_KEYWORDS),
    }
    short = next(w for w in lint(rules) if w.rule_id == 1)
    assert "只有 5 个字" in short.message and "简单" in short.message


def test_lint_reports_a_second_welcome_that_is_never_sent():
    rules = [
        Rule(1, "欢迎语", Reply.of_text("欢迎关注某县发布！回复“社保”查询办事指南。"), kind="welcome"),
        Rule(2, "旧欢迎语", Reply.of_text("欢迎关注某县发布！这是以前的欢迎语内容。"), kind="welcome", account=A),
        Rule(3, "新欢迎语", Reply.of_text("欢迎关注某县发布！这是最新版本的欢迎语。"), kind="welcome", account=A),
    ]
    shadowed = {w.rule_id: w.other_rule_ids for w in lint(rules) if w.code is LintCode.SHADOWED}
    assert shadowed == {3: (2,)}  # 1 is for all accounts; 2 is A's own and wins for A


def test_rule_keeps_lists_as_tuples_and_rejects_bad_weekdays():
    r = rule(1, ["社保", "医保"], windows=[TimeWindow.of(range(5), "08:30", "17:30")])
    assert r.keywords == ("社保", "医保") and isinstance(r.windows, tuple)
    assert r.mode is MatchMode.CONTAINS and hash(r)
    with pytest.raises(ValueError):
        TimeWindow.of([7], "08:00", "09:00")


def test_index_agrees_with_the_plain_loop_on_random_rules():
    rng = random.Random(4)
    chars = "社保医卡补办查询公积金户口ETC证明"
    accounts = [A, B, None]

    def word(n):
        return "".join(rng.choice(chars) for _ in range(n))

    rules = []
    for i in range(1, 400):
        mode = rng.choice(["exact", "contains", "contains", "regex"])
        keywords = [word(rng.randint(1, 3)) for _ in range(rng.randint(1, 3))]
        if mode == "regex":
            keywords = [f"{word(1)}.?{word(1)}"]
        windows = rng.choice([(), office_hours(), outside_office_hours(), (TimeWindow.of([5, 6], "09:00", "12:00"),)])
        rules.append(
            rule(i, keywords, mode=mode, priority=rng.randint(0, 4), account=rng.choice(accounts),
                 windows=windows, enabled=rng.random() > 0.1)
        )  # fmt: skip
    rules_set = RuleSet(rules)
    start = datetime(2024, 3, 4, 0, 0)
    matched = 0
    for _ in range(600):
        text = word(rng.randint(1, 6)).lower() if rng.random() < 0.5 else word(rng.randint(1, 6))
        at = start + timedelta(minutes=rng.randint(0, 7 * 24 * 60))
        appid = rng.choice([A, B])
        found = rules_set.match(appid, text, at)
        assert found == match_by_loop(rules, appid, text, at), (text, at, appid)
        if found is not None:
            matched += 1
            assert rules_set.explain(appid, text, at)[0].rule == found.rule
    assert matched > 200  # the comparison really exercised matches
