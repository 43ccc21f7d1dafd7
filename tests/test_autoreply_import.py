"""WeChat's auto-reply setup: get_current_autoreply_info in the sandbox, fetched through the real Gateway,
and turned into the console's rules with notes on what could not be carried over exactly."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from console.replies.rules import MatchMode, ReplyKind, RuleKind, RuleSet
from console.replies.wechat_import import CONTAINS_SUFFIX, EXACT_SUFFIX, rules_from_autoreply
from console.runtime import ServerThread
from console.sandbox import SandboxState, create_app, random_account
from console.sandbox.autoreply import default_autoreply_info
from console.secrets import AccountSecrets, Vault
from console.secrets.memory import MemoryKeyring
from console.wechat.errors import WeChatError
from console.wechat.gateway import Gateway

APPID = "wx5a6b7c8d9e0f1a2b"
NOW = datetime(2024, 3, 5, 2, 0, tzinfo=UTC)  # a Tuesday, 10:00 in China


@dataclass
class Sandbox:
    state: SandboxState
    url: str
    gateway: Gateway

    def set_autoreply(self, body: Any) -> requests.Response:
        return requests.post(f"{self.url}/sandbox/autoreply", json=body, timeout=10)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    servers = ServerThread("test-autoreply")
    state = SandboxState()
    url = servers.serve(create_app(state))
    account = random_account(APPID, "http://127.0.0.1:1/wechat")
    state.add_account(account)
    vault = Vault(MemoryKeyring())
    vault.put(APPID, AccountSecrets(account.secret, account.token, account.aes_key))
    yield Sandbox(state, url, Gateway(vault, url, backoff=0.01))
    servers.stop()


# --- the sandbox endpoint, through the Gateway --------------------------------------------------------------


def test_gateway_reads_the_default_setup(sandbox: Sandbox) -> None:
    info = sandbox.gateway.current_autoreply_info(APPID)
    assert info == sandbox.state.accounts[APPID].autoreply == default_autoreply_info()
    assert info["is_add_friend_reply_open"] == 1 and info["is_autoreply_open"] == 1
    assert (
        info["add_friend_autoreply_info"]["type"] == "text"
        and "欢迎关注" in info["add_friend_autoreply_info"]["content"]
    )
    assert "8:30" in info["message_default_autoreply_info"]["content"]
    rules = info["keyword_autoreply_info"]["list"]
    assert 3 <= len(rules) <= 4
    for rule in rules:
        assert set(rule) == {"rule_name", "create_time", "reply_mode", "keyword_list_info", "reply_list_info"}
        assert rule["reply_mode"] in ("reply_all", "random_one")
        assert all(k["match_mode"] in ("contain", "equal") and k["type"] == "text" for k in rule["keyword_list_info"])
    kinds = {reply["type"] for rule in rules for reply in rule["reply_list_info"]}
    assert kinds == {"text", "img", "news"}
    article = next(r for rule in rules for r in rule["reply_list_info"] if r["type"] == "news")["news_info"]["list"][0]
    assert set(article) == {"title", "author", "digest", "show_cover", "cover_url", "content_url", "source_url"}


def test_endpoint_checks_the_access_token(sandbox: Sandbox) -> None:
    endpoint = f"{sandbox.url}/cgi-bin/get_current_autoreply_info"
    assert requests.get(endpoint, timeout=10).json()["errcode"] == 41001
    assert requests.get(endpoint, params={"access_token": "nope"}, timeout=10).json()["errcode"] == 40001


def test_accounts_get_independent_copies_of_the_default(sandbox: Sandbox) -> None:
    other = random_account("wx0000111122223333", "http://127.0.0.1:1/wechat")
    sandbox.state.add_account(other)
    other.autoreply["is_autoreply_open"] = 0
    assert sandbox.state.accounts[APPID].autoreply["is_autoreply_open"] == 1
    assert "autoreply" not in other.as_json()


def test_control_route_sets_the_setup(sandbox: Sandbox) -> None:
    info = {
        "is_add_friend_reply_open": 0,
        "is_autoreply_open": 1,
        "message_default_autoreply_info": {"type": "text", "content": "您好，工作日 8:30—17:30 人工答复。"},
        "keyword_autoreply_info": {"list": []},
    }
    answer = sandbox.set_autoreply({"appid": APPID, "info": info})
    assert answer.status_code == 200 and answer.json() == info
    assert sandbox.gateway.current_autoreply_info(APPID) == info

    assert sandbox.set_autoreply({"appid": APPID, "info": ["not", "an", "object"]}).status_code == 400
    assert sandbox.set_autoreply({"appid": APPID}).status_code == 400
    assert sandbox.set_autoreply({"appid": APPID, "info": {"is_autoreply_open": "yes"}}).status_code == 400
    assert sandbox.set_autoreply({"appid": APPID, "info": {"keyword_autoreply_info": {"list": 3}}}).status_code == 400
    assert sandbox.set_autoreply({"appid": "wxnosuchaccount", "info": info}).status_code == 404
    bad_json = requests.post(f"{sandbox.url}/sandbox/autoreply", data=b"{oops", timeout=10)
    assert bad_json.status_code == 400
    assert sandbox.gateway.current_autoreply_info(APPID) == info  # refusals changed nothing


def test_gateway_reports_wechat_refusal_in_words(sandbox: Sandbox) -> None:
    vault = Vault(MemoryKeyring())
    vault.put(APPID, AccountSecrets("0" * 32, "token123", ""))
    with pytest.raises(WeChatError) as refused:
        Gateway(vault, sandbox.url, backoff=0.01).current_autoreply_info(APPID)
    assert refused.value.errcode == 40125 and "AppSecret" in refused.value.reason


# --- conversion -------------------------------------------------------------------------------------------


def _by_name(rules: list) -> dict[str, Any]:
    return {rule.name: rule for rule in rules}


def test_default_setup_converts_to_rules(sandbox: Sandbox) -> None:
    imported = rules_from_autoreply(sandbox.gateway.current_autoreply_info(APPID), APPID)
    rules = _by_name(imported.rules)
    assert all(rule.id == 0 and rule.account == APPID for rule in imported.rules)

    welcome, fallback = rules["被关注回复"], rules["收到消息回复"]
    assert welcome.kind is RuleKind.WELCOME and "欢迎关注" in welcome.reply.text and welcome.enabled
    assert fallback.kind is RuleKind.FALLBACK and "12333" in fallback.reply.text and fallback.enabled

    # "办事指南" mixes equal and contain keywords: two rules, same reply and priority
    exact, contains = rules["办事指南" + EXACT_SUFFIX], rules["办事指南" + CONTAINS_SUFFIX]
    assert (exact.mode, exact.keywords) == (MatchMode.EXACT, ("指南",))
    assert (contains.mode, contains.keywords) == (MatchMode.CONTAINS, ("办事指南",))
    assert exact.reply == contains.reply and exact.priority == contains.priority
    assert exact.reply.kind is ReplyKind.NEWS and exact.reply.news is not None
    assert exact.reply.news.title == "某县人社业务办事指南（2019年版）"
    assert exact.reply.news.url.startswith("http://mp.weixin.qq.com/s?") and exact.reply.news.picurl
    assert "46 项业务" in exact.reply.news.description

    card = rules["社保卡补办"]
    assert card.reply.kind is ReplyKind.IMAGE and card.reply.media_id == "Ok3Fq9vXbT2wMNe7LrD5hYc8_sPaJ1gUiKz4QmW6dEo"
    assert card.mode is MatchMode.CONTAINS and card.keywords == ("社保卡", "补卡")

    # WeChat's list order is kept as descending priority, above the welcome/fallback rules
    keyword_rules = [rule for rule in imported.rules if rule.kind is RuleKind.KEYWORD]
    order = [
        "办事指南" + EXACT_SUFFIX,
        "办事指南" + CONTAINS_SUFFIX,
        "社保卡补办",
        "医保报销",
        "社保缴费" + EXACT_SUFFIX,
    ]
    assert [rule.name for rule in keyword_rules][:5] == order
    priorities = [rule.priority for rule in keyword_rules]
    assert priorities == sorted(priorities, reverse=True) and min(priorities) > welcome.priority

    notes = "\n".join(imported.notes)
    assert "拆成" in notes  # the split is explained
    assert "依次回复全部 2 条" in notes and "社保卡丢失请先拨打" in notes  # reply_all: the second reply is listed
    assert "临时素材" in notes  # an imported image id expires in 3 days

    ruleset = RuleSet(imported.rules)
    assert ruleset.match(APPID, "社保", NOW).rule.name == "社保缴费" + EXACT_SUFFIX
    assert ruleset.match(APPID, "我的社保卡丢了", NOW).rule.name == "社保卡补办"
    assert ruleset.match(APPID, "指南", NOW).rule.name == "办事指南" + EXACT_SUFFIX
    assert ruleset.match(APPID, "想看办事指南", NOW).rule.name == "办事指南" + CONTAINS_SUFFIX
    assert ruleset.match(APPID, "医保怎么报销", NOW).rule.name == "医保报销"
    assert ruleset.welcome(APPID, NOW) is welcome and ruleset.fallback(APPID, NOW) is fallback


def _rule(name: str, keywords: list[tuple[str, str]], replies: list[dict], mode: str = "reply_all") -> dict:
    return {
        "rule_name": name,
        "create_time": 1700000000,
        "reply_mode": mode,
        "keyword_list_info": [{"type": "text", "match_mode": m, "content": k} for m, k in keywords],
        "reply_list_info": replies,
    }


def _article(title: str) -> dict:
    return {
        "title": title,
        "author": "某县发布",
        "digest": f"{title}的摘要",
        "show_cover": 1,
        "cover_url": f"http://mmbiz.qpic.cn/{title}.jpg",
        "content_url": f"http://mp.weixin.qq.com/s/{title}",
        "source_url": "",
    }


def test_unsupported_and_lossy_replies_are_noted() -> None:
    info = {
        "is_add_friend_reply_open": 1,
        "is_autoreply_open": 0,
        "add_friend_autoreply_info": {"type": "voice", "content": "VOICE_MEDIA"},
        "message_default_autoreply_info": {"type": "text", "content": "已关闭的默认回复"},
        "keyword_autoreply_info": {
            "list": [
                _rule("疫苗接种", [("contain", "疫苗")], [{"type": "video", "content": "VIDEO_MEDIA"}]),
                _rule(
                    "政策解读",
                    [("contain", "政策")],
                    [{"type": "news", "news_info": {"list": [_article("第一篇"), _article("第二篇")]}}],
                ),
                _rule(
                    "户口迁移",
                    [("equal", "户口")],
                    [
                        {"type": "text", "content": "户口迁移请到派出所户籍窗口办理。"},
                        {"type": "img", "content": "IMG_2"},
                        {"type": "text", "content": "咨询电话 0000-1234567"},
                    ],
                ),
                _rule(
                    "随机",
                    [("contain", "随便")],
                    [{"type": "text", "content": "甲"}, {"type": "text", "content": "乙"}],
                    "random_one",
                ),
            ]
        },
    }
    original = copy.deepcopy(info)
    imported = rules_from_autoreply(info, APPID)
    assert info == original  # the input is not changed
    rules = _by_name(imported.rules)
    notes = imported.notes

    assert "收到消息回复" not in rules  # switched off in WeChat
    assert rules["被关注回复"].enabled is False  # a voice welcome cannot be sent
    assert rules["疫苗接种"].enabled is False and rules["疫苗接种"].keywords == ("疫苗",)
    assert any("疫苗接种" in n and "视频" in n and "停用" in n for n in notes)
    assert any("被关注回复" in n and "语音" in n for n in notes)

    news = rules["政策解读"]
    assert news.enabled and news.reply.news is not None and news.reply.news.title == "第一篇"
    assert news.reply.news.description == "第一篇的摘要" and news.reply.news.url == "http://mp.weixin.qq.com/s/第一篇"
    assert any("2 篇文章" in n and "第二篇" in n for n in notes)

    hukou = rules["户口迁移"]
    assert hukou.mode is MatchMode.EXACT and hukou.reply.text == "户口迁移请到派出所户籍窗口办理。"
    [all_note] = [n for n in notes if "户口迁移" in n and "依次回复" in n]
    assert "IMG_2" in all_note and "咨询电话 0000-1234567" in all_note

    assert rules["随机"].reply.text == "甲" and any("随机回复" in n and "乙" in n for n in notes)
    assert rules["疫苗接种"].priority > rules["政策解读"].priority > rules["户口迁移"].priority > rules["随机"].priority


def test_empty_or_odd_setups_do_not_crash() -> None:
    assert rules_from_autoreply({}, APPID).rules == []
    imported = rules_from_autoreply(
        {
            "is_add_friend_reply_open": 1,
            "keyword_autoreply_info": {"list": [_rule("空", [], []), "not a rule"]},
        },
        APPID,
    )
    rules = _by_name(imported.rules)
    assert "被关注回复" not in rules and rules["空"].enabled is False
    assert any("没有关键词" in n for n in imported.notes) and any("没有回复内容" in n for n in imported.notes)
