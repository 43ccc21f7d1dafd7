"""Keyword-rule matching with 10,000 rules: `RuleSet.match` (hash table + Aho–Corasick automaton) against a
plain loop over all rules, on the same messages in the same run.

    .venv/bin/python bench/bench_rules.py [--rules 10000] [--messages 5000] [--seed 7]

The plain loop is given every advantage that does not change its shape: keywords folded and regexes
compiled once up front, so the ratio measures the index, not repeated preprocessing. Both must pick
the same rule for every message; the run fails otherwise.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from console.replies.rules import (  # noqa: E402
    MatchMode,
    Reply,
    Rule,
    RuleKind,
    RuleSet,
    china_time,
    compile_pattern,
    keyword_key,
    outside_office_hours,
)
from console.screening.normalize import fold  # noqa: E402

# Characters of everyday government-service questions, so keywords and messages look like the real thing.
CHARS = (
    "社保医卡补办查询公积金户口证明身份居住驾驶违章缴费养老失业工伤生育低保救助残疾退役军人就业创业"
    "培训招聘考试报名成绩录取学校入学转学教育资助营业执照注册登记税务发票退税不动产房产证交易抵押"
    "婚姻结婚离婚出生死亡殡葬疫苗接种核酸门诊住院报销异地备案慢病药品电费水费燃气暖气物业投诉举报"
    "咨询热线地址时间电话流程材料窗口预约网上大厅政务服务中心办理需要多久什么怎么哪里可以能否请问"
    "县乡镇村街道社区城区农村土地承包宅基地补贴种粮农机扶贫乡村振兴旅游景区门票天气交通公交停车"
)
ACCOUNTS = [f"wx{n:016x}" for n in range(20)]


def build_rules(count: int, rng: random.Random) -> list[Rule]:
    windows = outside_office_hours()
    rules = []
    for rule_id in range(1, count + 1):
        roll = rng.random()
        mode = MatchMode.REGEX if roll < 0.005 else MatchMode.EXACT if roll < 0.25 else MatchMode.CONTAINS
        if mode is MatchMode.REGEX:
            keywords = [f"{rng.choice(CHARS)}{rng.choice(CHARS)}.{{0,4}}(多久|怎么|哪里)"]
        else:
            keywords = ["".join(rng.choices(CHARS, k=rng.randint(2, 4))) for _ in range(rng.randint(1, 3))]
        reply = f"关于“{keywords[0]}”：请携带身份证到县政务服务中心办理，咨询电话0910-12345{rule_id % 100:02d}。"
        rules.append(
            Rule(
                id=rule_id,
                name=f"规则{rule_id}",
                reply=Reply.of_text(reply),
                keywords=keywords,
                mode=mode,
                priority=rng.randint(0, 9),
                account=None if rng.random() < 0.1 else rng.choice(ACCOUNTS),
                windows=windows if rng.random() < 0.1 else (),
                enabled=rng.random() > 0.03,
            )
        )
    return rules


def build_messages(rules: list[Rule], count: int, rng: random.Random) -> list[tuple[str, str, datetime]]:
    literal = [r for r in rules if r.mode is not MatchMode.REGEX]
    start = datetime(2024, 3, 4)
    messages = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.1:
            text = rng.choice(rng.choice(literal).keywords)  # a bare keyword, as followers often send
        elif roll < 0.5:
            keyword = rng.choice(rng.choice(literal).keywords)
            before = "".join(rng.choices(CHARS, k=rng.randint(0, 12)))
            after = "".join(rng.choices(CHARS, k=rng.randint(0, 12)))
            text = f"您好，{before}{keyword}{after}？"
        else:
            text = "".join(rng.choices(CHARS, k=rng.randint(5, 30)))
        at = start + timedelta(minutes=rng.randint(0, 7 * 24 * 60))
        messages.append((rng.choice(ACCOUNTS), text, at))
    return messages


class PlainLoop:
    """Every rule checked in turn, with keywords folded and patterns compiled once beforehand."""

    _EXACT_TRIM = " \t\r\n?？!！。.,，~～…"

    def __init__(self, rules: list[Rule]) -> None:
        self.prepared: list[tuple[Rule, tuple[int, int, int], list[str], list[re.Pattern[str]]]] = []
        for rule in rules:
            if rule.kind is not RuleKind.KEYWORD:
                continue
            keys, patterns = [], []
            if rule.mode is MatchMode.REGEX:
                patterns = [compile_pattern(k) for k in rule.keywords]
            else:
                keys = [key for k in rule.keywords if (key := keyword_key(k, rule.mode))]
            order = (-rule.priority, {"exact": 0, "contains": 1, "regex": 2}[rule.mode], rule.id)
            self.prepared.append((rule, order, keys, patterns))

    def match(self, appid: str, text: str, at: datetime) -> Rule | None:
        folded = fold(text)
        stripped = folded.strip(self._EXACT_TRIM)
        local = china_time(at)
        best, best_order = None, None
        for rule, order, keys, patterns in self.prepared:
            if best_order is not None and order > best_order:
                continue
            if not rule.enabled or not rule.applies_to(appid) or not rule.active_at(local):
                continue
            if rule.mode is MatchMode.EXACT:
                hit = stripped in keys
            elif rule.mode is MatchMode.CONTAINS:
                hit = any(key in folded for key in keys)
            else:
                hit = any(pattern.search(folded) for pattern in patterns)
            if hit:
                best, best_order = rule, order
        return best


def timed(function, messages) -> tuple[list[float], list]:
    """Per-message wall time in microseconds, and the results."""
    times, results = [], []
    for appid, text, at in messages:
        began = time.perf_counter_ns()
        result = function(appid, text, at)
        times.append((time.perf_counter_ns() - began) / 1000)
        results.append(result)
    return times, results


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    rules = build_rules(args.rules, rng)
    messages = build_messages(rules, args.messages, rng)
    keywords = [k for r in rules for k in r.keywords]
    modes = {mode: sum(r.mode is mode for r in rules) for mode in MatchMode}
    print(f"Python {sys.version.split()[0]} on {sys.platform}")
    print(
        f"rules: {len(rules):,} ({modes[MatchMode.EXACT]:,} exact, {modes[MatchMode.CONTAINS]:,} contains, "
        f"{modes[MatchMode.REGEX]:,} regex) over {len(ACCOUNTS)} accounts + all-accounts rules; "
        f"{len(keywords):,} keywords ({len(set(keywords)):,} distinct, 2–4 characters)"
    )
    print(f"messages: {len(messages):,}, {statistics.mean(len(t) for _, t, _ in messages):.1f} characters on average")

    began = time.perf_counter()
    rule_set = RuleSet(rules)
    build_ms = (time.perf_counter() - began) * 1000
    began = time.perf_counter()
    warnings = rule_set.lint()
    lint_ms = (time.perf_counter() - began) * 1000
    print(f"RuleSet build: {build_ms:.0f} ms; lint of all rules: {lint_ms:.0f} ms ({len(warnings):,} warnings)")

    timed(rule_set.match, messages[:200])  # warm-up
    index_times, index_results = timed(rule_set.match, messages)
    loop = PlainLoop(rules)
    loop_times, loop_results = timed(loop.match, messages)

    mismatches = sum(
        (m.rule if m is not None else None) is not r for m, r in zip(index_results, loop_results, strict=True)
    )
    answered = sum(m is not None for m in index_results)
    print(f"answered by a rule: {answered:,} of {len(messages):,}; disagreements with the plain loop: {mismatches}")
    print()
    print(f"{'per message (µs)':<22}{'median':>10}{'p99':>10}{'mean':>10}")
    for label, values in (("RuleSet.match", index_times), ("plain loop", loop_times)):
        print(f"{label:<22}{statistics.median(values):>10.1f}{p99(values):>10.1f}{statistics.mean(values):>10.1f}")
    ratio_median = statistics.median(loop_times) / statistics.median(index_times)
    ratio_p99 = p99(loop_times) / p99(index_times)
    print(f"{'plain loop / RuleSet':<22}{ratio_median:>9.0f}×{ratio_p99:>9.0f}×")
    if mismatches:
        sys.exit("RuleSet.match and the plain loop disagree")


if __name__ == "__main__":
    main()
