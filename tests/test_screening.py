"""The 错敏词 check: word lists (shipped + office), leader titles, personal data, suggestions, overrides."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from console.screening import (
    HitKind,
    Override,
    Screener,
    apply_suggestions,
    load_wordlists,
    needs_override,
    office_dir,
)
from console.screening.patterns import id_check_digit, is_valid_id_number, luhn_ok

VALID_ID = "110105199003072573"  # check digit computed per GB 11643
VALID_ID_X = "44030419851231002X"
BAD_CHECKSUM_ID = "110105199003072578"
CARD = "6222021234567890128"  # Luhn-valid UnionPay-style number


def write_lists(folder: Path, sensitive: str = "", terms: str = "", leaders: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sensitive.txt").write_text(sensitive, encoding="utf-8")
    (folder / "terms.tsv").write_text(terms, encoding="utf-8")
    (folder / "leaders.tsv").write_text(leaders, encoding="utf-8")
    return folder


@pytest.fixture
def screener(tmp_path: Path) -> Screener:
    shipped = write_lists(
        tmp_path / "shipped",
        sensitive="# 示例\n内部资料\t禁用\t内部资料不得公开发布\n瞎子\t慎用\t可能是蔑称\nVPN翻墙\n",
        terms=(
            "国家工商总局\t国家市场监督管理总局\t机构名称已变更\n"
            "国家工商\t国家市场监管\t机构名称已变更\n"
            "卫计委\t卫生健康委员会\t机构名称已变更（2018年机构改革）\n"
            "国家卫计委\t国家卫生健康委员会\t机构名称已变更（2018年机构改革）\n"
            "新冠肺炎\t新冠病毒感染\t疾病名称已变更\n"
            "公安局\t县公安局\t请写全称\t提示\n"
        ),
        leaders="# 虚构示例\n张某某\t县委书记\n李某某\t县委副书记、县长\n王某某\t常务副县长\n",
    )
    return Screener.from_files(shipped=shipped, office=tmp_path / "office-none")


def only(hits, kind):
    found = [hit for hit in hits if hit.kind == kind]
    assert len(found) == 1, hits
    return found[0]


# ---- leader titles ----


def test_wrong_title_before_name_is_caught_with_reason_and_offsets(screener):
    text = "今天，副县长李某某到县政务服务中心调研。"
    hit = only(screener.check(text), HitKind.LEADER_TITLE)
    assert (hit.start, hit.end) == (3, 6)
    assert text[hit.start : hit.end] == hit.matched == "副县长"
    assert hit.reason == "领导职务有误：李某某的现任职务是“县委副书记、县长”，文中写作“副县长”"
    assert hit.suggestion == "县委副书记、县长"
    assert hit.blocking
    assert apply_suggestions(text, [hit]) == "今天，县委副书记、县长李某某到县政务服务中心调研。"


@pytest.mark.parametrize(
    "text",
    [
        "县长李某某出席会议",  # one of the titles
        "县委副书记、县长李某某出席会议",  # the full chain
        "县委书记张某某、县长李某某出席会议",  # each title belongs to the name right after it
        "书记张某某主持会议",  # shortened, same rank
        "副县长王某某",  # 常务副县长 shortened to 副县长 keeps the rank
        "李某某县长强调",  # title after the name
        "李某某同志出席会议",  # no title at all
        "李某某 副县长王某某出席",  # the title after 李某某 is the title of the next name
    ],
)
def test_correct_titles_pass(screener, text):
    assert [h for h in screener.check(text) if h.kind == HitKind.LEADER_TITLE] == []


@pytest.mark.parametrize(
    ("text", "matched", "suggestion"),
    [
        ("县委副书记张某某", "县委副书记", "县委书记"),  # 副书记 is not 书记
        ("县长王某某", "县长", "常务副县长"),  # dropping 副 promotes him
        ("书记李某某", "书记", "县委副书记、县长"),  # 书记 for a 县委副书记 drops the rank
        ("县委书记、县长李某某", "县委书记、县长", "县委副书记、县长"),  # one wrong title in a chain
        ("李某某副县长强调", "副县长", "县长"),  # after the name: the closest correct title
        ("张某某（县长）讲话", "县长", "县委书记"),
    ],
)
def test_wrong_titles_are_caught(screener, text, matched, suggestion):
    hit = only(screener.check(text), HitKind.LEADER_TITLE)
    assert (hit.matched, hit.suggestion) == (matched, suggestion)
    assert text[hit.start : hit.end] == matched


# ---- personal data ----


def test_id_number_with_valid_checksum_is_caught():
    assert id_check_digit(VALID_ID[:17]) == VALID_ID[17]
    assert is_valid_id_number(VALID_ID) and is_valid_id_number(VALID_ID_X)
    assert not is_valid_id_number(BAD_CHECKSUM_ID)
    screener = Screener.from_files()
    text = f"申请人身份证号{VALID_ID}，请核对。"
    hit = only(screener.check(text), HitKind.ID_NUMBER)
    assert (hit.start, hit.end) == (7, 25)
    assert hit.matched == VALID_ID
    assert "身份号码" in hit.reason and "泄露个人信息" in hit.reason
    assert hit.blocking
    assert apply_suggestions(text, [hit]) == "申请人身份证号1101**********2573，请核对。"
    assert only(screener.check(f"证件：{VALID_ID_X.lower()}"), HitKind.ID_NUMBER).matched == VALID_ID_X.lower()


def test_invalid_checksum_and_longer_runs_are_not_id_numbers():
    screener = Screener.from_files()
    assert screener.check(f"订单号{BAD_CHECKSUM_ID}") == []
    assert screener.check(f"流水号9{VALID_ID}1") == []  # part of a longer digit run


def test_full_width_id_number_is_caught_at_the_original_offsets():
    full_width = VALID_ID.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    hit = only(Screener.from_files().check("号码：" + full_width), HitKind.ID_NUMBER)
    assert (hit.start, hit.end, hit.matched) == (3, 21, full_width)


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("请联系13812345678咨询", "13812345678"),
        ("手机 138 1234 5678", "138 1234 5678"),
        ("电话+8619912345678", "+8619912345678"),
    ],
)
def test_mobile_numbers_are_warned_not_blocked(text, matched):
    hit = only(Screener.from_files().check(text), HitKind.PHONE)
    assert hit.matched == matched and text[hit.start : hit.end] == matched
    assert not hit.blocking
    assert hit.suggestion is not None and "****" in hit.suggestion


@pytest.mark.parametrize("text", ["流水号913812345678", "流水号138123456789", "电话0910-1234567", "热线12345"])
def test_numbers_that_are_not_mobiles(text):
    assert Screener.from_files().check(text) == []


def test_bank_card_needs_luhn():
    screener = Screener.from_files()
    assert luhn_ok(CARD) and not luhn_ok(CARD[:-1] + "9")
    hit = only(screener.check(f"退款请转到{CARD}"), HitKind.BANK_CARD)
    assert (hit.start, hit.end, hit.blocking) == (5, 24, True)
    grouped = "6222 0212 3456 7890 128"
    assert only(screener.check(f"卡号：{grouped}。"), HitKind.BANK_CARD).matched == grouped
    assert screener.check(f"卡号{CARD[:-1]}9") == []  # Luhn fails
    assert screener.check("订单号2023091512345677") == []  # Luhn-valid, but a dated number, not a card


def test_clean_text_passes_including_hotlines_and_dates():
    text = (
        "您好！社保卡补办请携带本人身份证到县政务服务中心三楼人社窗口办理，"
        "咨询电话0910-1234567，政务服务便民热线12345，办理时间为2024年3月6日至2024-03-08 08:30。"
    )
    result = Screener.from_files().screen(text)
    assert result.hits == ()
    assert result.clean and not result.blocked
    assert not needs_override(result)


# ---- word lists ----


def test_sensitive_word_caught_with_reason_and_offsets(screener):
    text = "附件为内部资料，请勿转发。"
    hit = only(screener.check(text), HitKind.SENSITIVE)
    assert (hit.start, hit.end, hit.matched) == (3, 7, "内部资料")
    assert hit.reason == "内部资料不得公开发布"
    assert hit.blocking and hit.suggestion is None
    assert screener.screen(text).blocked


def test_sensitive_word_levels_and_latin_folding(screener):
    warn = only(screener.check("不要叫人瞎子"), HitKind.SENSITIVE)
    assert not warn.blocking and warn.reason == "可能是蔑称"
    hit = only(screener.check("教你ｖｐｎ翻墙"), HitKind.SENSITIVE)  # full-width, lower case
    assert (hit.start, hit.end, hit.matched, hit.reason) == (2, 7, "ｖｐｎ翻墙", "敏感词")


def test_wrong_term_gets_suggestion_and_is_fixed(screener):
    text = "原国家工商总局和国家卫计委发布通知，新冠肺炎防控……"
    hits = screener.check(text)
    terms = [hit for hit in hits if hit.kind == HitKind.WRONG_TERM]
    assert [(h.matched, h.suggestion) for h in terms] == [
        ("国家工商总局", "国家市场监督管理总局"),
        ("国家卫计委", "国家卫生健康委员会"),  # the longest entry, not 卫计委 inside it
        ("新冠肺炎", "新冠病毒感染"),
    ]
    assert terms[0].reason == "机构名称已变更：应为“国家市场监督管理总局”"
    assert all(h.blocking for h in terms)
    fixed = apply_suggestions(text, hits)
    assert fixed == "原国家市场监督管理总局和国家卫生健康委员会发布通知，新冠病毒感染防控……"
    assert screener.check(fixed) == []


def test_wrong_form_inside_its_correct_form_is_not_a_hit(screener):
    assert screener.check("请到县公安局户政科办理") == []
    hit = only(screener.check("请到公安局办理"), HitKind.WRONG_TERM)
    assert hit.suggestion == "县公安局" and not hit.blocking  # level 提示


def test_shipped_lists_cover_the_well_known_renamings():
    screener = Screener.from_files()
    assert screener.problems == []
    fixed = apply_suggestions(t := "国家工商总局、新冠肺炎、劳动和社会保障局", screener.check(t))
    assert fixed == "国家市场监督管理总局、新冠病毒感染、人力资源和社会保障局"


def test_office_list_in_data_dir_overrides_shipped_list(_isolated_home):
    shipped = Screener.from_files()
    assert only(shipped.check("内部资料"), HitKind.SENSITIVE).blocking
    assert only(shipped.check("工商局"), HitKind.WRONG_TERM).suggestion == "市场监督管理局"
    assert shipped.check("某某某县长") == []

    office = office_dir()
    assert office == _isolated_home / "wordlists"
    (office / "terms.tsv").write_text(
        "工商局\t县市场监管局\t本县机构已更名\n人社所\t人社服务中心\n", encoding="utf-8-sig"
    )
    (office / "sensitive.txt").write_text("!内部资料\n本县专用词\t慎用\t本县规定慎用\n", encoding="utf-8")
    (office / "leaders.tsv").write_text("某某某\t副县长\n缺职务的人\n", encoding="gb18030")

    merged = Screener.from_files()
    term = only(merged.check("工商局"), HitKind.WRONG_TERM)
    assert (term.suggestion, term.reason) == ("县市场监管局", "本县机构已更名：应为“县市场监管局”")  # replaced
    assert only(merged.check("人社所"), HitKind.WRONG_TERM).reason == "用词不规范：应为“人社服务中心”"  # added
    assert only(merged.check("国家工商总局"), HitKind.WRONG_TERM).suggestion == "国家市场监督管理总局"  # kept
    assert merged.check("内部资料") == []  # removed with !
    assert not only(merged.check("本县专用词"), HitKind.SENSITIVE).blocking
    assert only(merged.check("某某某县长"), HitKind.LEADER_TITLE).suggestion == "副县长"  # GB18030 file read
    assert merged.problems == ["leaders.tsv 第2行：缺少现任职务，已跳过"]
    assert "张某某" in load_wordlists().leaders  # shipped placeholders still there


# ---- overrides ----


def test_blocked_text_needs_a_supervisor_override_bound_to_the_text(screener):
    text = "附件为内部资料。"
    result = screener.screen(text)
    assert result.blocked and needs_override(result)
    with pytest.raises(ValueError, match="理由"):
        Override.for_result(result, supervisor="王审核", reason="  ")
    with pytest.raises(ValueError, match="审核人"):
        Override.for_result(result, supervisor="", reason="已脱密")
    at = datetime(2024, 3, 6, 2, 0)
    override = Override.for_result(result, supervisor="王审核", reason="该资料已于3月1日解密公开", at=at)
    assert override.hits == result.blocking_hits and override.at == at
    assert not needs_override(result, override)
    edited = screener.screen("附件为内部资料，另附内部资料二。")
    assert needs_override(edited, override)  # a changed text needs its own pass
    appended = screener.screen("附件为内部资料。请转发到各村群。")
    assert appended.hits == result.hits and needs_override(appended, override)  # same hits, other text


def test_warnings_alone_do_not_block(screener):
    result = screener.screen("请联系13812345678，不要叫人瞎子")
    assert {h.kind for h in result.hits} == {HitKind.PHONE, HitKind.SENSITIVE}
    assert not result.blocked and not needs_override(result)


def test_apply_suggestions_handles_several_hits_and_stale_offsets(screener):
    text = "新冠肺炎期间，副县长李某某走访国家工商总局"
    hits = screener.check(text)
    fixed = apply_suggestions(text, hits)
    assert fixed == "新冠病毒感染期间，县委副书记、县长李某某走访国家市场监督管理总局"
    assert apply_suggestions("另一段完全不同的文字内容", hits) == "另一段完全不同的文字内容"  # offsets no longer fit
