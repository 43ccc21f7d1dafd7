"""Carrying an account's auto-reply from WeChat's admin pages over into the console's rules.

WeChat answers get_current_autoreply_info with three parts: the reply on being followed (becomes a
WELCOME rule), the reply to any message (a FALLBACK rule) and keyword rules. A keyword rule becomes one
Rule, or two when it mixes "equal" and "contain" keywords, since a Rule has one match mode.

WeChat can answer a keyword with several messages (reply_mode reply_all) or one picked at random
(random_one); the console answers with one passive reply, so the first is kept and the rest listed in a
note. Voice and video replies cannot be carried over: such rules are imported disabled. WeChat's
documentation does not say which rule wins when several match; its list (newest first, as the admin page
shows it) is kept as descending priority, so the first listed rule wins.

Every note is in Chinese, for the operator reviewing the import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from console.replies.passive import MAX_TEXT_BYTES
from console.replies.rules import MatchMode, Reply, ReplyKind, Rule, RuleKind

WELCOME_NAME = "被关注回复"
FALLBACK_NAME = "收到消息回复"
EXACT_SUFFIX = "（完全匹配）"
CONTAINS_SUFFIX = "（包含匹配）"

_MATCH_MODES = {"equal": MatchMode.EXACT, "contain": MatchMode.CONTAINS}
_TYPE_NAMES = {"text": "文字", "img": "图片", "news": "图文", "voice": "语音", "video": "视频"}
_PREVIEW_CHARS = 30


@dataclass
class ImportedRules:
    """Rules ready to save (id 0, not yet stored) and what could not be carried over exactly."""

    rules: list[Rule] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _PREVIEW_CHARS else text[:_PREVIEW_CHARS] + "…"


def _articles(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in _list(_dict(item.get("news_info")).get("list")) if isinstance(a, dict)]


def _describe(item: dict[str, Any], whole: bool = False) -> str:
    """One WeChat reply in words, for a note; a text in full when `whole` (it is not carried over)."""
    kind = _str(item.get("type"))
    name = _TYPE_NAMES.get(kind, kind or "未知类型")
    if kind == "text":
        text = _str(item.get("content"))
        return f"文字“{text if whole else _preview(text)}”"
    if kind == "news":
        titles = "”“".join(_str(a.get("title")) for a in _articles(item))
        return f"图文“{titles}”" if titles else "图文"
    media_id = _str(item.get("content"))
    return f"{name}（素材 {media_id}）" if media_id else name


def _reply(item: dict[str, Any], where: str, notes: list[str]) -> Reply | None:
    """The console's Reply for one WeChat reply, or None (with a note) when it cannot be carried over."""
    kind = _str(item.get("type"))
    if kind == "text":
        text = _str(item.get("content"))
        if not text.strip():
            notes.append(f"{where}的文字回复为空，已导入为停用状态，请补充回复内容。")
            return None
        if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
            notes.append(f"{where}的文字回复超过微信被动回复 {MAX_TEXT_BYTES} 字节的上限，已导入为停用状态，请缩短。")
        return Reply.of_text(text)
    if kind == "img":
        media_id = _str(item.get("content"))
        if not media_id:
            notes.append(f"{where}的图片回复没有素材 ID，已导入为停用状态，请重新选择图片。")
            return None
        notes.append(f"{where}的图片是微信接口返回的临时素材（3 天内有效），请在到期前上传为永久素材并更新这条规则。")
        return Reply.of_image(media_id)
    if kind == "news":
        articles = _articles(item)
        if not articles:
            notes.append(f"{where}的图文回复没有文章，已导入为停用状态。")
            return None
        first = articles[0]
        if len(articles) > 1:
            rest = "、".join(f"“{_str(a.get('title'))}”" for a in articles[1:])
            notes.append(
                f"{where}的图文消息有 {len(articles)} 篇文章，被动回复只能带一篇："
                f"已导入第一篇“{_str(first.get('title'))}”，未导入 {rest}。"
            )
        return Reply.of_news(
            _str(first.get("title")),
            _str(first.get("digest")),
            _str(first.get("content_url")),
            _str(first.get("cover_url")),
        )
    name = _TYPE_NAMES.get(kind, kind or "未知类型")
    notes.append(f"{where}是{name}回复，本系统不支持发送{name}，已导入为停用状态，请改为文字、图片或图文回复。")
    return None


def _usable(reply: Reply | None) -> bool:
    """Whether a converted reply can go out as a passive reply as it is (else the rule is imported disabled)."""
    return reply is not None and not (reply.kind is ReplyKind.TEXT and len(reply.text.encode("utf-8")) > MAX_TEXT_BYTES)


def _keyword_rules(item: dict[str, Any], priority: int, appid: str, notes: list[str]) -> list[Rule]:
    """One WeChat keyword rule as one Rule, or two when it mixes equal and contain keywords."""
    name = _str(item.get("rule_name")).strip() or "未命名规则"
    where = f"关键词规则“{name}”"
    exact: list[str] = []
    contains: list[str] = []
    for keyword in _list(item.get("keyword_list_info")):
        keyword = _dict(keyword)
        content = _str(keyword.get("content")).strip()
        if not content:
            continue
        mode = _str(keyword.get("match_mode"))
        if mode not in _MATCH_MODES:
            notes.append(f"{where}的关键词“{content}”匹配方式未知（{mode or '空'}），已按包含匹配导入。")
        (exact if _MATCH_MODES.get(mode) is MatchMode.EXACT else contains).append(content)

    replies = [_dict(r) for r in _list(item.get("reply_list_info"))]
    enabled = bool(exact or contains)
    if not enabled:
        notes.append(f"{where}没有关键词，已导入为停用状态。")
    if not replies:
        notes.append(f"{where}没有回复内容，已导入为停用状态，请补充回复内容。")
        reply: Reply | None = None
    else:
        reply = _reply(replies[0], where, notes)
        if len(replies) > 1:
            rest = "；".join(f"{n}. {_describe(r, whole=True)}" for n, r in enumerate(replies[1:], start=2))
            if _str(item.get("reply_mode")) == "random_one":
                notes.append(
                    f"{where}在微信中从 {len(replies)} 条回复里随机回复一条，导入后固定回复第一条"
                    f"（{_describe(replies[0])}），其余未导入：{rest}。"
                )
            else:
                notes.append(
                    f"{where}在微信中会依次回复全部 {len(replies)} 条内容，但被动回复只能发送一条："
                    f"导入后只回复第一条（{_describe(replies[0])}），其余未导入：{rest}。"
                )
    enabled = enabled and _usable(reply)
    final = reply or Reply.of_text("")

    groups = [(MatchMode.EXACT, exact), (MatchMode.CONTAINS, contains)]
    present = [(mode, words) for mode, words in groups if words] or [(MatchMode.CONTAINS, [])]
    split = len(present) > 1
    rules = []
    for mode, words in present:
        suffix = (EXACT_SUFFIX if mode is MatchMode.EXACT else CONTAINS_SUFFIX) if split else ""
        rules.append(
            Rule(
                id=0,
                name=name + suffix,
                reply=final,
                keywords=tuple(words),
                mode=mode,
                priority=priority,
                account=appid,
                enabled=enabled,
                kind=RuleKind.KEYWORD,
            )
        )
    if split:
        notes.append(
            f"{where}同时有完全匹配和包含匹配的关键词，已拆成“{name}{EXACT_SUFFIX}”和“{name}{CONTAINS_SUFFIX}”两条规则。"
        )
    return rules


def rules_from_autoreply(info: dict[str, Any], appid: str) -> ImportedRules:
    """Rules for account `appid` from get_current_autoreply_info's answer (see the module docstring)."""
    result = ImportedRules()
    notes = result.notes
    for switch, key, kind, name in (
        ("is_add_friend_reply_open", "add_friend_autoreply_info", RuleKind.WELCOME, WELCOME_NAME),
        ("is_autoreply_open", "message_default_autoreply_info", RuleKind.FALLBACK, FALLBACK_NAME),
    ):
        setup = _dict(info.get(key))
        if not info.get(switch):
            if setup:
                notes.append(f"“{name}”在微信后台未开启，未导入。")
            continue
        if not setup:
            notes.append(f"“{name}”在微信后台已开启，但没有设置回复内容，未导入。")
            continue
        reply = _reply(setup, f"“{name}”", notes)
        result.rules.append(
            Rule(
                id=0,
                name=name,
                reply=reply or Reply.of_text(""),
                account=appid,
                enabled=_usable(reply),
                kind=kind,
            )
        )
    keyword_rules = [_dict(item) for item in _list(_dict(info.get("keyword_autoreply_info")).get("list"))]
    for index, item in enumerate(keyword_rules):
        result.rules.extend(_keyword_rules(item, len(keyword_rules) - index, appid, notes))
    return result
