"""`wxconsole rules import|export` and `wxconsole templates import|export`: an office's wording moves
between hubs as a file (JSON or Excel); an import is checked row by row and screened for 错敏词, and
either all of it is kept or none."""

from __future__ import annotations

import json

from sqlalchemy import select

from console.cli import main
from console.replies.transfer import export_rules, export_templates
from console.store.database import open_database
from console.store.models import Account, ReplyRule, ReplyTemplate

APPID = "wx1111aaaa2222bbbb"
OTHER = "wx3333cccc4444dddd"


def hub_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    db = open_database(url)
    with db.session() as session:
        session.add_all([Account(appid=APPID, name="某县人社"), Account(appid=OTHER, name="某县医保")])
    return url, db


def rule(name, keywords, text, account=None):
    return {
        "id": None,
        "account": account,
        "name": name,
        "kind": "keyword",
        "mode": "contains",
        "keywords": keywords,
        "priority": 0,
        "windows": [{"days": [0, 1, 2, 3, 4], "start": "08:30", "end": "17:30"}],
        "enabled": True,
        "reply": {"kind": "text", "text": text},
    }


RULES = [
    rule("社保卡", ["社保卡", "补办"], "社保卡补办请带身份证到县政务服务中心一楼社保窗口，当场制卡。"),
    rule("养老认证", ["养老认证"], "养老金资格认证可在“掌上12333”App刷脸完成，也可到社区办理。"),
]


def test_rules_move_between_hubs_through_excel(tmp_path, capsys):
    url, db = hub_db(tmp_path)
    source = tmp_path / "规则.xlsx"
    export_rules(RULES, source)
    assert main(["rules", "import", str(source), "--account", APPID, "--db", url]) == 0
    assert "已导入 2 条规则" in capsys.readouterr().out
    with db.session() as session:
        stored = session.scalars(select(ReplyRule).order_by(ReplyRule.id)).all()
        assert [(r.name, r.account_id, r.keywords) for r in stored] == [
            ("社保卡", 1, ["社保卡", "补办"]),
            ("养老认证", 1, ["养老认证"]),
        ]

    assert main(["rules", "export", "--account", APPID, "--db", url]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "wxconsole-rules"
    assert [(r["name"], r["account"], r["windows"]) for r in document["rules"]] == [
        ("社保卡", APPID, RULES[0]["windows"]),
        ("养老认证", APPID, RULES[1]["windows"]),
    ]
    assert main(["rules", "export", "--account", OTHER, "--db", url]) == 0
    assert json.loads(capsys.readouterr().out)["rules"] == []  # another account's rules stay its own

    out = tmp_path / "导出.xlsx"
    assert main(["rules", "export", "--account", APPID, "--out", str(out), "--db", url]) == 0
    second_url, second = hub_db(tmp_path / "second")
    assert main(["rules", "import", str(out), "--db", second_url]) == 0
    with second.session() as session:
        assert [r.name for r in session.scalars(select(ReplyRule))] == ["社保卡", "养老认证"]


def test_an_import_with_a_blocked_word_keeps_nothing(tmp_path, capsys):
    url, db = hub_db(tmp_path)
    source = tmp_path / "规则.json"
    bad = rule("内部", ["文件"], "这份内部资料请勿外传，仅供参考办理。")
    source.write_text(json.dumps({"format": "wxconsole-rules", "version": 1, "rules": [RULES[0], bad]}), "utf-8")
    assert main(["rules", "import", str(source), "--db", url]) == 1
    assert "内部资料不得公开发布" in capsys.readouterr().err
    with db.session() as session:
        assert session.scalar(select(ReplyRule)) is None  # all or nothing


def test_a_file_that_is_not_rules_says_so(tmp_path, capsys):
    url, _db = hub_db(tmp_path)
    source = tmp_path / "模板.json"
    export_templates(
        [
            {
                "id": None,
                "account": None,
                "title": "感谢",
                "body": "感谢您的监督。",
                "category": "通用",
                "tags": [],
                "archived": False,
                "usage_count": 0,
            }
        ],
        source,
    )
    assert main(["rules", "import", str(source), "--db", url]) == 2
    assert "无法读取" in capsys.readouterr().err


def test_templates_import_and_export(tmp_path, capsys):
    url, db = hub_db(tmp_path)
    source = tmp_path / "模板.xlsx"
    export_templates(
        [
            {
                "id": 7,
                "account": None,
                "title": "社保卡补办流程",
                "body": "{称呼}您好！社保卡补办请带身份证。",
                "category": "社保",
                "tags": ["社保卡"],
                "archived": False,
                "usage_count": 12,
            },
            {
                "id": 8,
                "account": None,
                "title": "已转交",
                "body": "{称呼}您好！已于{日期}转交相关部门。",
                "category": "通用",
                "tags": [],
                "archived": True,
                "usage_count": 0,
            },
        ],
        source,
    )
    assert main(["templates", "import", str(source), "--account", OTHER, "--db", url]) == 0
    assert "已导入 2 个模板" in capsys.readouterr().out
    with db.session() as session:
        rows = session.scalars(select(ReplyTemplate).order_by(ReplyTemplate.id)).all()
        assert [(t.title, t.account_id, t.archived) for t in rows] == [
            ("社保卡补办流程", 2, False),
            ("已转交", 2, True),
        ]
    assert main(["templates", "export", "--db", url]) == 0
    assert [t["title"] for t in json.loads(capsys.readouterr().out)["templates"]] == ["社保卡补办流程"]
    assert main(["templates", "export", "--archived", "--db", url]) == 0
    assert len(json.loads(capsys.readouterr().out)["templates"]) == 2
