"""The rule tester as an administrator uses it: type a follower's message and see which rule answers and why
the others lost; pick a Saturday morning and the out-of-hours reply answers; rules that can never fire are
listed and open with a click; the welcome message is tested with a checkbox."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone

import ui.replies.rule_tester as rule_tester_module
from console.replies.rules import LintCode, Reply, Rule, RuleKind, RuleSet, outside_office_hours
from ui.replies import RuleTester

A = "wx1111aaaa2222bbbb"
B = "wx3333cccc4444dddd"
ACCOUNTS = [(A, "某县发布"), (B, "某县人社")]
WED_10_BEIJING = datetime(2024, 3, 6, 2, 0, tzinfo=UTC)
GUIDE = "社保业务请携带身份证到县政务服务中心三楼人社窗口办理，咨询电话0910-1234567。"
AFTER_HOURS = "现在是非工作时间，您的留言已收到，工作日上班后我们会尽快答复。"
WELCOME = "感谢关注某县发布！回复“社保”“医保”“户籍”查看办事指南。"
FALLBACK = "您的留言已收到，工作人员将在工作日内回复。"


def keyword_rule(id, name, keywords, mode="contains", priority=0, reply=GUIDE, **kw):
    return Rule(id, name, Reply.of_text(reply), keywords=keywords, mode=mode, priority=priority, **kw)


RULES = [
    keyword_rule(1, "社保（完全匹配）", ["社保"], mode="exact"),
    keyword_rule(2, "社保业务", ["社保"], priority=5),  # configured to beat the exact rule
    keyword_rule(3, "社保卡", ["社保卡"], priority=1),  # "社保卡" always contains "社保": never fires
    keyword_rule(4, "非工作时间", ["社保", "医保"], priority=9, reply=AFTER_HOURS, windows=outside_office_hours()),
    keyword_rule(5, "人社专用", ["社保"], priority=20, account=B),
    Rule(10, "关注欢迎语", Reply.of_text(WELCOME), kind=RuleKind.WELCOME),
    Rule(11, "兜底回复", Reply.of_text(FALLBACK), kind=RuleKind.FALLBACK),
]


@pytest.fixture
def tester(qtbot):
    t = RuleTester()
    t.resize(720, 640)
    qtbot.addWidget(t)
    t.set_rules(RULES, ACCOUNTS)
    t.set_time(WED_10_BEIJING)
    t.show()
    qtbot.waitExposed(t)
    return t


def type_message(tester: RuleTester, text: str) -> None:
    """As typed, one character at a time (QTest cannot type Chinese); each one updates the result."""
    tester.message.clear()
    for char in text:
        tester.message.insert(char)


def candidate_texts(tester: RuleTester) -> list[str]:
    return [tester.candidates.item(i).text() for i in range(tester.candidates.count())]


def test_higher_priority_contains_rule_beats_exact_rule(tester):
    type_message(tester, "社保")
    assert tester.appid() == A
    verdict = tester.verdict.text()
    assert "社保业务" in verdict and "#2" in verdict
    assert "命中包含匹配“社保”，优先级 5" in verdict
    assert tester.preview.text() == GUIDE

    explained = {c.rule.id: c for c in RuleSet(RULES).explain(A, "社保", WED_10_BEIJING)}
    texts = candidate_texts(tester)
    assert len(texts) == 2  # the exact rule and the out-of-hours rule; not B's own rule
    exact = next(text for text in texts if "#1" in text)
    assert exact == f"“社保（完全匹配）”（#1）：{explained[1].reason}"
    assert "优先级 0 低于" in exact
    after_hours = next(text for text in texts if "#4" in text)
    assert "不在生效时段" in explained[4].reason and explained[4].reason in after_hours
    assert tester.others_title.text() == "其他命中的规则（2）"


def test_account_decides_which_rules_apply(tester):
    type_message(tester, "社保")
    tester.account.setCurrentIndex(tester.account.findData(B))
    assert "人社专用" in tester.verdict.text() and "#5" in tester.verdict.text()
    assert any("#2" in text for text in candidate_texts(tester))


def test_saturday_morning_gets_the_out_of_hours_reply(tester):
    type_message(tester, "社保")
    saturday = QDateTime(QDate(2024, 3, 9), QTime(10, 0), QTimeZone(8 * 3600))  # as picked, in China time
    tester.when.setDateTime(saturday)
    assert tester.test_time() == datetime(2024, 3, 9, 2, 0, tzinfo=UTC)
    assert tester.weekday.text() == "周六"
    assert "非工作时间" in tester.verdict.text() and "#4" in tester.verdict.text()
    assert tester.preview.text() == AFTER_HOURS
    assert any("优先级 5 低于" in text and "#2" in text for text in candidate_texts(tester))

    tester.set_time(WED_10_BEIJING)
    assert tester.when.dateTime().toString("yyyy-MM-dd HH:mm") == "2024-03-06 10:00"  # shown in China time
    assert "社保业务" in tester.verdict.text()


def test_no_keyword_rule_sends_the_fallback(tester):
    type_message(tester, "今天天气怎么样")
    assert "没有关键词规则匹配，将发送兜底回复" in tester.verdict.text() and "兜底回复" in tester.verdict.text()
    assert tester.preview.text() == FALLBACK
    assert not tester.candidates.isVisible()

    tester.set_rules([r for r in RULES if r.kind is not RuleKind.FALLBACK], ACCOUNTS)
    assert "也没有设置兜底回复" in tester.verdict.text()
    assert not tester.preview.isVisible()


def test_shadowed_rule_listed_and_opens_on_click(tester, qtbot):
    warnings = RuleSet(RULES).lint()
    shadowed = next(w for w in warnings if w.rule_id == 3)
    assert shadowed.code is LintCode.SHADOWED
    assert tester.lint_list.count() == len(warnings)
    item = next(
        tester.lint_list.item(i) for i in range(tester.lint_list.count()) if "#3" in tester.lint_list.item(i).text()
    )
    assert shadowed.message in item.text() and "永远不会触发" in item.text()

    rect = tester.lint_list.visualItemRect(item)
    with qtbot.waitSignal(tester.ruleActivated, timeout=1000) as signal:
        qtbot.mouseClick(tester.lint_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [3]

    type_message(tester, "社保")  # a losing candidate opens its rule too
    rect = tester.candidates.visualItemRect(tester.candidates.item(0))
    with qtbot.waitSignal(tester.ruleActivated, timeout=1000) as signal:
        qtbot.mouseClick(tester.candidates.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args[0] in (1, 4)


def test_short_reply_and_bad_pattern_are_listed(tester):
    rules = [
        keyword_rule(7, "医保", ["医保"], reply="好的"),
        keyword_rule(8, "身份证", ["身份证("], mode="regex"),
    ]
    tester.set_rules(rules, ACCOUNTS)
    texts = [tester.lint_list.item(i).text() for i in range(tester.lint_list.count())]
    assert len(texts) == 2
    assert "#7" in texts[0] and "过于简单" in texts[0]
    assert "#8" in texts[1] and "正则表达式" in texts[1]
    assert tester.lint_summary.text().startswith("发现 2 个问题")

    tester.set_rules([keyword_rule(1, "社保", ["社保"])], ACCOUNTS)
    assert tester.lint_summary.text() == "没有发现问题。"
    assert not tester.lint_list.isVisible()


def test_welcome_checkbox_shows_the_welcome_rule(tester):
    type_message(tester, "社保")
    tester.subscribe.setChecked(True)
    assert not tester.message.isEnabled()
    assert "关注欢迎语" in tester.verdict.text() and "#10" in tester.verdict.text()
    assert tester.preview.text() == WELCOME
    assert not tester.candidates.isVisible()

    tester.subscribe.setChecked(False)
    assert tester.message.isEnabled()
    assert "社保业务" in tester.verdict.text()


def test_rules_compiled_once_not_per_keystroke(qtbot, monkeypatch):
    built = []

    class CountingRuleSet(RuleSet):
        def __init__(self, rules):
            built.append(1)
            super().__init__(rules)

    monkeypatch.setattr(rule_tester_module, "RuleSet", CountingRuleSet)
    t = RuleTester()
    qtbot.addWidget(t)
    t.set_rules(RULES, ACCOUNTS)
    before = len(built)
    type_message(t, "社保卡怎么补办")
    t.set_time(datetime(2024, 3, 9, 2, 0, tzinfo=UTC))
    assert len(built) == before
    assert "社保业务" not in t.verdict.text()  # Saturday: the out-of-hours rule
