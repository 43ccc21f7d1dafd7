"""A starter set of wording for a county office: the follow welcome, a fallback that promises a human
answer within office hours, keyword rules that really answer (where, when, what to bring, whom to
call — not the "simple and empty" replies of the study) and reply templates. The demo installs it;
an office can start from it and edit."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from console.inbox.presence import PresenceBoard
from console.staff.access import Seat
from console.store.database import Database
from console.store.models import Account, CommandState

Apply = Callable[..., Any]  # console.command_path.apply, handed in by whoever seeds (it sits above the features)

WEEKDAYS = [0, 1, 2, 3, 4]
OUT_OF_HOURS = [
    {"days": WEEKDAYS, "start": "00:00", "end": "08:30"},
    {"days": WEEKDAYS, "start": "17:30", "end": "00:00"},
    {"days": [5, 6], "start": "00:00", "end": "00:00"},
]

_RULE_DEFAULTS: dict[str, Any] = {
    "id": None,
    "account": None,
    "kind": "keyword",
    "mode": "contains",
    "keywords": [],
    "priority": 0,
    "windows": [],
    "enabled": True,
}

_STARTER_RULES: list[dict[str, Any]] = [
    {
        "name": "关注欢迎语",
        "kind": "welcome",
        "reply": {
            "kind": "text",
            "text": "您好，欢迎关注！本号发布政策信息、办事指南，并受理群众咨询。回复“社保卡”“医保报销”"
            "“办事指南”可查看常见问题；直接留言，工作人员会在工作时间（{办公时间}）答复。",
        },
    },
    {
        "name": "兜底回复",
        "kind": "fallback",
        "reply": {
            "kind": "text",
            "text": "您好，您的留言已收到，工作人员会在工作时间（{办公时间}，法定节假日除外）内答复您。"
            "急事请拨打{窗口电话}。",
        },
    },
    {
        "name": "社保卡补办",
        "mode": "contains",
        "keywords": ["社保卡", "补办社保", "社保卡丢"],
        "priority": 10,
        "reply": {
            "kind": "text",
            "text": "社保卡补办：请携带本人身份证到{办公地址}社保窗口办理，也可在“电子社保卡”小程序申请邮寄。"
            "办理时间：{办公时间}。咨询电话：{窗口电话}。",
        },
    },
    {
        "name": "医保报销材料",
        "mode": "contains",
        "keywords": ["医保报销", "报销材料", "异地就医"],
        "priority": 10,
        "reply": {
            "kind": "text",
            "text": "医保报销需带：身份证、医保卡、住院发票原件、费用清单和出院小结；异地就医请先在"
            "“国家医保服务平台”备案。办理地点：{办公地址}，电话：{窗口电话}。",
        },
    },
    {
        "name": "办事指南",
        "mode": "exact",
        "keywords": ["办事指南", "指南"],
        "priority": 5,
        "reply": {
            "kind": "news",
            "title": "县政务服务中心办事指南（2026年版）",
            "description": "128个事项的办理地点、时间、材料和流程，一文查清。",
            "url": "https://mp.weixin.qq.com/s/demo-banshi-zhinan",
            "picurl": "",
        },
    },
    {
        "name": "投诉举报",
        "mode": "contains",
        "keywords": ["投诉", "举报"],
        "priority": 20,
        "reply": {
            "kind": "text",
            "text": "您的投诉已记录，工作人员会在1个工作日内联系您核实。也可拨打12345政务服务便民热线。"
            "请不要在留言中发送身份证号等个人信息。",
        },
    },
    {
        "name": "非工作时间咨询",
        "mode": "regex",
        "keywords": ["(怎么|如何|哪里).*(办|交|查)"],
        "priority": 1,
        "windows": OUT_OF_HOURS,
        "reply": {
            "kind": "text",
            "text": "现在是非工作时间，您的问题已记录，工作人员会在下一个工作日（{办公时间}）答复。"
            "常见问题可回复“办事指南”查看。",
        },
    },
]

STARTER_RULES = [{**_RULE_DEFAULTS, **rule} for rule in _STARTER_RULES]

STARTER_TEMPLATES: list[dict[str, Any]] = [
    {
        "title": "社保卡补办流程",
        "category": "社保",
        "tags": ["社保卡", "补办"],
        "body": "{称呼}您好！社保卡补办请携带本人身份证到{办公地址}社保窗口办理，当场制卡约20分钟；"
        "也可以在“电子社保卡”小程序申请邮寄。办理时间：{办公时间}。",
    },
    {
        "title": "社保缴费基数查询",
        "category": "社保",
        "tags": ["缴费"],
        "body": "{称呼}您好！缴费基数可在“掌上12333”App或县人社局官网查询，也可以携带身份证到窗口打印缴费明细。",
    },
    {
        "title": "医保异地就医备案",
        "category": "医保",
        "tags": ["异地就医", "备案"],
        "body": "{称呼}您好！异地就医请先在“国家医保服务平台”App备案，备案后在定点医院可直接结算。"
        "有疑问请拨打{窗口电话}。",
    },
    {
        "title": "户籍证明开具",
        "category": "户籍",
        "tags": ["户口", "证明"],
        "body": "{称呼}您好！户籍证明请到户籍所在地派出所户籍窗口开具，需本人身份证和户口簿。",
    },
    {
        "title": "已转交相关部门",
        "category": "通用",
        "tags": ["转办"],
        "body": "{称呼}您好！您反映的问题已于{日期}转交相关部门办理，办理结果会在5个工作日内答复您，请留意消息。",
    },
    {
        "title": "感谢监督",
        "category": "通用",
        "tags": ["投诉", "感谢"],
        "body": "{称呼}您好！感谢您的监督，我们已记录您反映的情况并督促整改，后续进展会及时告知。",
    },
    {
        "title": "请提供更多信息",
        "category": "通用",
        "tags": ["核实"],
        "body": "{称呼}您好！为便于核实，请补充说明具体地点、时间和经过。"
        "请不要在留言中发送身份证号、银行卡号等个人信息。",
    },
    {
        "title": "办公时间和地址",
        "category": "通用",
        "tags": ["地址", "电话"],
        "body": "{称呼}您好！办公地址：{办公地址}；办公时间：{办公时间}；咨询电话：{窗口电话}。",
    },
]


STARTER_TEMPLATES = [{"id": None, "account": None, "archived": False, "usage_count": 0, **t} for t in STARTER_TEMPLATES]


def starter_values(name: str) -> dict[str, str]:
    """Made-up but plausible values for a demo account ({窗口电话}, {办公地址})."""
    number = sum(ord(c) for c in name) % 9000 + 1000
    return {"窗口电话": f"0910-666{number}", "办公地址": "县政务服务中心一楼"}


def install_starter(db: Database, accounts: list[tuple[str, str]], apply: Apply) -> None:
    """Install the starter rules and templates (shared by every account) and each account's values,
    through the command path the caller hands in (console.command_path.apply: the hub's own process).
    `accounts` is (appid, name) pairs. Raises RuntimeError if any part is refused."""
    board = PresenceBoard()
    seat = Seat.system("starter", "系统预置")
    steps: list[tuple[str, dict[str, Any]]] = [
        ("rules_import", {"account": None, "rules": STARTER_RULES}),
        ("templates_import", {"templates": STARTER_TEMPLATES}),
    ]
    with db.session() as session:  # an edit names the version it starts from, the starter's too
        versions = dict(session.execute(select(Account.appid, Account.values_version)).tuples().all())
    steps += [
        ("values_save", {"account": appid, "values": starter_values(name), "base_version": versions.get(appid)})
        for appid, name in accounts
    ]
    for kind, args in steps:
        outcome = apply(db, board, uuid.uuid4().hex, kind, 0, args, seat)
        if outcome.state != CommandState.APPLIED:
            raise RuntimeError(f"预置内容导入失败（{kind}）：{outcome.error}")
