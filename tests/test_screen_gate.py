"""The hub screens whatever would reach followers (replies, templates, rules) with the 错敏词 lists: a
wrong title, an ID number and a sensitive word are each stopped with the right reason and nothing
reaches WeChat; a clean text goes; only a supervisor (not the sender) can pass a blocked text, with a
reason, and both the block and the pass are recorded."""

from __future__ import annotations

import uuid

import pytest
import requests
from sqlalchemy import select

from console.store.models import ReplyRule, ReplyTemplate, Role, ScreenEvent
from tests.conftest import SAFE_APPID
from tests.helpers import conversation_of

OPENID = "oGATEfollower000000000000001"
OPERATOR = ("seat-oper0001", "王芳")
SUPERVISOR = ("seat-super001", "李强")


def id_number(body17: str = "61042319900307123") -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body17, weights, strict=True)) % 11]
    return body17 + check


def command(world, kind, args, conversation_id=0, seat=OPERATOR):
    return requests.post(
        f"{world.hub_url}/api/commands",
        json={
            "command_id": uuid.uuid4().hex,
            "kind": kind,
            "conversation_id": conversation_id,
            "args": args,
        },
        headers=world.auth(*seat),
        timeout=30,
    )


@pytest.fixture
def conversation(world):
    world.staff(*OPERATOR)
    world.staff(*SUPERVISOR, roles=(Role.OPERATOR, Role.SUPERVISOR))
    world.push(SAFE_APPID, OPENID, content="请问县里的领导是谁分管医保？")
    return conversation_of(world, OPENID)


def events(world):
    with world.hub.db.session() as session:
        return list(session.scalars(select(ScreenEvent).order_by(ScreenEvent.id)))


def custom_sent(world):
    return [m for m in world.sent_to(SAFE_APPID, OPENID) if m.via == "custom"]


@pytest.mark.parametrize(
    ("text", "matched", "reason"),
    [
        ("张某某县长很重视医保工作，已作出批示。", "县长", "领导职务有误：张某某的现任职务是“县委书记”"),
        (f"已收到您的材料，身份证号 {id_number()} 已登记。", id_number(), "疑似公民身份号码"),
        ("这份内部资料请您参考后办理相关手续。", "内部资料", "内部资料不得公开发布"),
    ],
)
def test_blocked_reply_is_refused_with_the_reason_and_never_reaches_wechat(world, conversation, text, matched, reason):
    answer = command(world, "reply", {"content": text}, conversation.id)
    assert answer.status_code == 422
    body = answer.json()
    assert reason in body["error"]
    [hit] = [hit for hit in body["result"]["hits"] if hit["matched"] == matched]
    assert reason in hit["reason"] and text[hit["start"] : hit["end"]] == matched
    assert custom_sent(world) == []
    [event] = events(world)
    assert (event.outcome, event.what, event.operator) == ("blocked", "reply", "王芳")


def test_clean_reply_goes(world, conversation):
    answer = command(world, "reply", {"content": "您好，分管医保工作的是县医保局，咨询电话 12345。"}, conversation.id)
    assert answer.status_code == 200, answer.text
    assert len(custom_sent(world)) == 1
    assert events(world) == []


TEXT = "张某某县长很重视医保工作，已作出批示。"


def test_only_a_signed_in_supervisor_passes_a_blocked_text_and_an_operator_asks_by_review(world, conversation):
    in_their_name = command(
        world,
        "reply",
        {"content": TEXT, "override": {"supervisor": SUPERVISOR[0], "reason": "引用原话，职务无误"}},
        conversation.id,
    )
    assert in_their_name.status_code == 422 and "只能由审核人在自己的工作台上操作" in in_their_name.json()["error"]
    own = command(
        world,
        "reply",
        {"content": TEXT, "override": {"supervisor": OPERATOR[0], "reason": "引用原话，职务无误"}},
        conversation.id,
    )
    assert own.status_code == 422 and "王芳不是审核人" in own.json()["error"]
    no_reason = command(
        world,
        "reply",
        {"content": TEXT, "override": {"supervisor": SUPERVISOR[0], "reason": "可以"}},
        conversation.id,
        seat=SUPERVISOR,
    )
    assert no_reason.status_code == 422 and "放行理由" in no_reason.json()["error"]
    assert custom_sent(world) == []

    passed = command(
        world,
        "reply",
        {"content": TEXT, "override": {"supervisor": SUPERVISOR[0], "reason": "引用上级通报原文，职务按原文保留"}},
        conversation.id,
        seat=SUPERVISOR,
    )
    assert passed.status_code == 200, passed.text
    assert [m.content for m in custom_sent(world)] == [TEXT]
    [event] = [e for e in events(world) if e.outcome == "overridden"]
    assert (event.supervisor, event.operator, event.reason) == ("李强", "李强", "引用上级通报原文，职务按原文保留")
    assert event.hits[0]["matched"] == "县长"

    # The operator asks for the pass through review; the supervisor's approval is the pass, on record.
    held = command(world, "reply", {"content": TEXT + "（二）", "submit_for_review": True}, conversation.id)
    assert held.status_code == 200 and held.json()["result"]["held"]
    item_id = held.json()["result"]["held"]
    approved = command(world, "review_approve", {"item_id": item_id}, conversation.id, seat=SUPERVISOR)
    assert approved.status_code == 200, approved.text
    assert [m.content for m in custom_sent(world)] == [TEXT, TEXT + "（二）"]
    passes = [e for e in events(world) if e.outcome == "overridden"]
    assert (passes[-1].supervisor, passes[-1].operator) == ("李强", "王芳")


def test_templates_and_rules_are_screened_before_they_are_kept(world, conversation):
    template = {"title": "领导批示", "body": TEXT, "category": "通用", "tags": [], "account": SAFE_APPID}
    answer = command(world, "template_save", template)
    assert answer.status_code == 422 and "领导职务有误" in answer.json()["error"]
    rule = {
        "id": None,
        "account": SAFE_APPID,
        "name": "身份证",
        "kind": "keyword",
        "mode": "contains",
        "keywords": ["身份证"],
        "priority": 0,
        "windows": [],
        "enabled": True,
        "reply": {"kind": "text", "text": f"示例身份证号 {id_number()}，请照此填写。"},
    }
    answer = command(world, "rule_save", {"rule": rule}, seat=SUPERVISOR)  # rules are kept by reviewers
    assert answer.status_code == 422 and "身份号码" in answer.json()["error"]
    with world.hub.db.session() as session:
        assert session.scalar(select(ReplyTemplate)) is None and session.scalar(select(ReplyRule)) is None
    assert [(e.what, e.outcome) for e in events(world)] == [("template", "blocked"), ("rule", "blocked")]


def test_word_lists_edited_on_the_hub_take_effect_at_once(world, conversation):
    assert requests.get(f"{world.hub_url}/api/wordlists", timeout=10).status_code == 401  # signed in only
    lists = requests.get(f"{world.hub_url}/api/wordlists", headers=world.auth(*OPERATOR), timeout=10).json()
    assert set(lists["files"]) == {"sensitive.txt", "terms.tsv", "leaders.tsv"}
    files = {"sensitive.txt": "某某小道消息\t禁用\t未经核实的传言不得转发\n坏行\t不知道\t\n"}
    by_supervisor = requests.put(
        f"{world.hub_url}/api/wordlists",
        json={"files": files, "base_version": lists["version"]},
        headers=world.auth(*SUPERVISOR),
        timeout=10,
    )
    assert by_supervisor.status_code == 403 and "只有管理员" in by_supervisor.json()["error"]  # lists are global
    saved = requests.put(
        f"{world.hub_url}/api/wordlists",
        json={"files": files, "base_version": lists["version"]},
        headers=world.auth("seat-admin001", "管理员", (Role.ADMINISTRATOR,)),
        timeout=10,
    ).json()
    assert saved["problems"]  # the bad line is reported, the good one used
    answer = command(world, "reply", {"content": "网传某某小道消息不实，请以官方发布为准。"}, conversation.id)
    assert answer.status_code == 422 and "未经核实的传言不得转发" in answer.json()["error"]
