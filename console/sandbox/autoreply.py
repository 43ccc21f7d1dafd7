"""The auto-reply an account set up in WeChat's admin pages, as get_current_autoreply_info returns it.

The shape is WeChat's documented one: two switches, the reply on being followed, the reply to any
message, and the keyword rules, each with keyword_list_info (match_mode "contain" or "equal") and
reply_list_info (text, img with a media id, news with its articles, voice, video). Rules are listed the
way WeChat's admin page lists them, newest first. Every new sandbox account starts with the setup of a
county 人社 office, so that importing it into the console has something realistic to carry over.
"""

import copy
from typing import Any

_NEWS_ARTICLE = {
    "title": "某县人社业务办事指南（2019年版）",
    "author": "某县人社局",
    "digest": "社保、就业、人才、劳动关系 46 项业务的办理材料、地点和时限，一文查清。",
    "show_cover": 1,
    "cover_url": "http://mmbiz.qpic.cn/mmbiz_jpg/Ywq4iaTCkxBnHm7tC2cFJ0GcibQx8S2wUvCqZ1KfXrXb0Jk2h5QeOicg/0",
    "content_url": (
        "http://mp.weixin.qq.com/s?__biz=MzA5NzE4MjQ1Mg==&mid=2650381920&idx=1&sn=7c1e0b5a2f9d4e8a6b3c1d0e9f8a7b6c#rd"
    ),
    "source_url": "",
}

_DEFAULT: dict[str, Any] = {
    "is_add_friend_reply_open": 1,
    "is_autoreply_open": 1,
    "add_friend_autoreply_info": {
        "type": "text",
        "content": (
            "您好，欢迎关注某县人社！\n"
            "回复“社保”查询参保缴费，回复“医保”了解报销流程，回复“办事指南”查看全部业务的办理材料。\n"
            "办事大厅：某县政务服务中心二楼人社窗口；咨询电话：12333。"
        ),
    },
    "message_default_autoreply_info": {
        "type": "text",
        "content": (
            "您好，您的留言已收到。工作人员将在工作日（周一至周五 上午8:30—12:00，下午14:30—17:30）"
            "尽快答复，节假日顺延。紧急事项请拨打人社服务热线 12333。"
        ),
    },
    "keyword_autoreply_info": {
        "list": [
            {
                "rule_name": "办事指南",
                "create_time": 1561946400,
                "reply_mode": "reply_all",
                "keyword_list_info": [
                    {"type": "text", "match_mode": "contain", "content": "办事指南"},
                    {"type": "text", "match_mode": "equal", "content": "指南"},
                ],
                "reply_list_info": [
                    {"type": "news", "news_info": {"list": [_NEWS_ARTICLE]}},
                    {"type": "text", "content": "也可以回复“社保”“医保”查看常见问题。"},
                ],
            },
            {
                "rule_name": "社保卡补办",
                "create_time": 1556676000,
                "reply_mode": "reply_all",
                "keyword_list_info": [
                    {"type": "text", "match_mode": "contain", "content": "社保卡"},
                    {"type": "text", "match_mode": "contain", "content": "补卡"},
                ],
                "reply_list_info": [
                    {"type": "img", "content": "Ok3Fq9vXbT2wMNe7LrD5hYc8_sPaJ1gUiKz4QmW6dEo"},
                    {
                        "type": "text",
                        "content": (
                            "社保卡丢失请先拨打 12333 或到合作银行网点挂失，再携带本人身份证到政务服务中心"
                            "人社窗口补办，即时制卡，工本费按规定收取。"
                        ),
                    },
                ],
            },
            {
                "rule_name": "医保报销",
                "create_time": 1551578400,
                "reply_mode": "random_one",
                "keyword_list_info": [
                    {"type": "text", "match_mode": "contain", "content": "医保"},
                    {"type": "text", "match_mode": "contain", "content": "报销"},
                ],
                "reply_list_info": [
                    {
                        "type": "text",
                        "content": (
                            "异地就医或门诊特殊病种报销，请携带身份证、社保卡、住院发票原件、费用清单和出院"
                            "小结到县医保局一楼窗口办理，一般 20 个工作日内到账。"
                        ),
                    },
                ],
            },
            {
                "rule_name": "社保缴费",
                "create_time": 1546308000,
                "reply_mode": "reply_all",
                "keyword_list_info": [
                    {"type": "text", "match_mode": "equal", "content": "社保"},
                    {"type": "text", "match_mode": "contain", "content": "养老保险"},
                    {"type": "text", "match_mode": "contain", "content": "社保缴费"},
                ],
                "reply_list_info": [
                    {
                        "type": "text",
                        "content": (
                            "城乡居民养老保险每年 1 月至 12 月均可缴费，可通过“某县人社”公众号菜单、"
                            "银行柜台或村（社区）代办员缴纳；缴费记录次日可在“社保查询”中查看。"
                        ),
                    },
                ],
            },
        ]
    },
}

_SWITCHES = ("is_add_friend_reply_open", "is_autoreply_open")
_SINGLE_REPLIES = ("add_friend_autoreply_info", "message_default_autoreply_info")


def default_autoreply_info() -> dict[str, Any]:
    """A fresh copy of the default setup (a county 人社 office), safe to change."""
    return copy.deepcopy(_DEFAULT)


def validate_autoreply_info(info: Any) -> dict[str, Any]:
    """The setup if it has WeChat's shape where it matters, else ValueError naming what is wrong."""
    if not isinstance(info, dict):
        raise ValueError("info must be a JSON object")
    for name in _SWITCHES:
        if name in info and (isinstance(info[name], bool) or info[name] not in (0, 1)):
            raise ValueError(f"{name} must be 0 or 1")
    for name in _SINGLE_REPLIES:
        if name in info and not isinstance(info[name], dict):
            raise ValueError(f"{name} must be an object")
    keywords = info.get("keyword_autoreply_info")
    if keywords is not None:
        rules = keywords.get("list") if isinstance(keywords, dict) else None
        if not isinstance(rules, list) or not all(isinstance(rule, dict) for rule in rules):
            raise ValueError("keyword_autoreply_info must be an object whose list is a list of rule objects")
    return info
