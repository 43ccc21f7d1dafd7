"""Versions wherever two edits can meet (issue 13, point 10), through the real hub over HTTP.

For each versioned kind: two colleagues edit from the same base and the later one is refused (409, in
words) or kept as a 冲突副本 — never applied over the first; one deletes or archives while the other
edits; an edit without its base is a 400; the author's consecutive saves (each from the version the last
answer gave), a revision after 退回修改, and a colleague counting a template's use never conflict."""

from __future__ import annotations

import hashlib
import struct
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from console.store.models import ChecklistItem, Post, ReplyRule, ReplyTemplate, Role
from tests.conftest import SAFE_APPID

OPERATOR = ("v-wangfang", "王芳", (Role.OPERATOR,))
SECOND = ("v-chenjing", "陈静", (Role.OPERATOR,))
SUPERVISOR = ("v-liqiang", "李强", (Role.OPERATOR, Role.SUPERVISOR))
ADMIN = ("v-admin", "管理员", (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR))
ADMIN2 = ("v-admin2", "赵敏", (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR))


@dataclass
class Hub:
    world: Any

    def command(self, who: tuple[Any, ...], kind: str, args: dict[str, Any]) -> requests.Response:
        body = {"command_id": uuid.uuid4().hex, "kind": kind, "conversation_id": 0, "args": args}
        return requests.post(f"{self.world.hub_url}/api/commands", json=body, headers=self.world.auth(*who), timeout=30)

    def ok(self, who: tuple[Any, ...], kind: str, args: dict[str, Any]) -> dict[str, Any]:
        answer = self.command(who, kind, args)
        assert answer.status_code == 200, (kind, answer.status_code, answer.text)
        return dict(answer.json()["result"])

    def wordlists(self, who: tuple[Any, ...] = ADMIN) -> dict[str, Any]:
        answer = requests.get(f"{self.world.hub_url}/api/wordlists", headers=self.world.auth(*who), timeout=30)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def put_wordlists(self, who: tuple[Any, ...], body: dict[str, Any]) -> requests.Response:
        return requests.put(f"{self.world.hub_url}/api/wordlists", json=body, headers=self.world.auth(*who), timeout=30)

    def row(self, model: type, row_id: int) -> Any:
        with self.world.hub.db.session() as session:
            found = session.get(model, row_id)
            assert found is not None
            session.expunge(found)
            return found

    def count(self, model: type) -> int:
        with self.world.hub.db.session() as session:
            return session.query(model).count()

    def picture(self, seed: int) -> str:
        """A real PNG on the hub (a post needs a cover to be submitted)."""
        raw = b"".join(b"\x00" + bytes([seed % 256, 40, 90] * 2) for _ in range(2))

        def chunk(kind: bytes, data: bytes) -> bytes:
            crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
            return struct.pack(">I", len(data)) + kind + data + crc

        header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
        data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
        sha = hashlib.sha256(data).hexdigest()
        answer = requests.put(
            f"{self.world.hub_url}/api/assets/{sha}", data=data, headers=self.world.auth(*OPERATOR), timeout=30
        )
        assert answer.status_code == 200, answer.text
        return f"asset:{sha}"


@pytest.fixture
def hub(world: Any) -> Hub:
    for who in (OPERATOR, SECOND, SUPERVISOR, ADMIN, ADMIN2):
        world.staff(*who)
    return Hub(world)


def _article(title: str, cover: str = "") -> dict[str, Any]:
    return {"title": title, "author": "县融媒体中心", "digest": "", "cover": cover, "body": f"<p>{title}的正文。</p>"}


def _rule(name: str, text: str, rule_id: int | None = None) -> dict[str, Any]:
    return {
        "id": rule_id,
        "account": SAFE_APPID,
        "name": name,
        "kind": "keyword",
        "mode": "contains",
        "keywords": ["社保卡"],
        "priority": 0,
        "windows": [],
        "enabled": True,
        "reply": {"kind": "text", "text": text},
    }


# ---- each versioned kind: how to make its row, edit it, and read back what is stored ----


@dataclass
class Kind:
    """One editable thing: `make` stores it (returns its id or None for an account part, and its version);
    `edit(hub, row_id, n)` the arguments of the n-th distinct edit; `stored` what the hub holds now."""

    kind: str
    who: tuple[tuple[Any, ...], tuple[Any, ...]]  # two colleagues who may both edit it
    on_stale: str
    make: Callable[[Hub], tuple[int | None, int]]
    edit: Callable[[Hub, int | None, int], dict[str, Any]]
    stored: Callable[[Hub, int | None], Any]
    written: Callable[[int], Any]  # what `stored` shows after the n-th edit


def _make_template(hub: Hub) -> tuple[int | None, int]:
    args = {"account": SAFE_APPID, "title": "社保卡补办", "body": "原稿：请带身份证。", "category": "", "tags": []}
    result = hub.ok(OPERATOR, "template_save", args)
    return result["template_id"], result["version"]


def _template_edit(hub: Hub, row_id: int | None, n: int) -> dict[str, Any]:
    return {"id": row_id, "account": SAFE_APPID, "title": "社保卡补办", "body": f"第{n}稿：请带身份证。", "tags": []}


def _make_rule(hub: Hub) -> tuple[int | None, int]:
    result = hub.ok(SUPERVISOR, "rule_save", {"rule": _rule("社保卡", "原稿")})
    return result["rule_id"], result["version"]


def _make_post(hub: Hub) -> tuple[int | None, int]:
    result = hub.ok(OPERATOR, "post_save", {"account": SAFE_APPID, "articles": [_article("原稿")]})
    return result["post_id"], result["version"]


def _make_item(hub: Hub) -> tuple[int | None, int]:
    args = {"account": SAFE_APPID, "title": "培训记录", "period": "yearly", "owner": "办公室"}
    result = hub.ok(ADMIN, "checklist_item_save", args)
    return result["item_id"], result["version"]


def _account(hub: Hub) -> Any:
    from sqlalchemy import select

    from console.store.models import Account, ReviewPolicy

    with hub.world.hub.db.session() as session:
        account = session.scalar(select(Account).where(Account.appid == SAFE_APPID))
        policy = session.scalar(select(ReviewPolicy).where(ReviewPolicy.account_id == account.id))
        session.expunge(account)
        return account, policy


PLAN_TIMES = ("07:30", "08:00", "09:00", "10:00", "11:00", "12:00")

KINDS = [
    Kind(
        "template_save",
        (OPERATOR, SECOND),
        "copy",
        _make_template,
        _template_edit,
        lambda hub, row_id: hub.row(ReplyTemplate, row_id).body,
        lambda n: f"第{n}稿：请带身份证。",
    ),
    Kind(
        "rule_save",
        (SUPERVISOR, ADMIN),
        "copy",
        _make_rule,
        lambda hub, row_id, n: {"rule": _rule("社保卡", f"第{n}稿", row_id)},
        lambda hub, row_id: hub.row(ReplyRule, row_id).reply["text"],
        lambda n: f"第{n}稿",
    ),
    Kind(
        "post_save",
        (OPERATOR, SECOND),
        "copy",
        _make_post,
        lambda hub, row_id, n: {"post_id": row_id, "articles": [_article(f"第{n}稿")]},
        lambda hub, row_id: hub.row(Post, row_id).title,
        lambda n: f"第{n}稿",
    ),
    Kind(
        "checklist_item_save",
        (ADMIN, ADMIN2),
        "refuse",
        _make_item,
        lambda hub, row_id, n: {
            "item_id": row_id,
            "account": SAFE_APPID,
            "title": f"培训记录（第{n}稿）",
            "period": "yearly",
            "owner": "办公室",
        },
        lambda hub, row_id: hub.row(ChecklistItem, row_id).title,
        lambda n: f"培训记录（第{n}稿）",
    ),
    Kind(
        "values_save",
        (SUPERVISOR, ADMIN),
        "refuse",
        lambda hub: (None, _account(hub)[0].values_version),
        lambda hub, row_id, n: {"account": SAFE_APPID, "values": {"窗口电话": f"0910-666000{n}"}},
        lambda hub, row_id: _account(hub)[0].reply_values,
        lambda n: {"窗口电话": f"0910-666000{n}"},
    ),
    Kind(
        "register_save",
        (ADMIN, ADMIN2),
        "refuse",
        lambda hub: (None, _account(hub)[0].register_version),
        lambda hub, row_id, n: {"account": SAFE_APPID, "register": {"unit": f"县融媒体中心{n}"}},
        lambda hub, row_id: (_account(hub)[0].register or {}).get("unit"),
        lambda n: f"县融媒体中心{n}",
    ),
    Kind(
        "publishing_plan",
        (ADMIN, ADMIN2),
        "refuse",
        lambda hub: (None, _account(hub)[0].plan_version),
        lambda hub, row_id, n: {"account": SAFE_APPID, "plan": {"slots": [{"days": [0], "time": PLAN_TIMES[n]}]}},
        lambda hub, row_id: (_account(hub)[0].publishing or {}).get("slots", [{}])[0].get("time"),
        lambda n: PLAN_TIMES[n],
    ),
    Kind(
        "review_policy",
        (ADMIN, ADMIN2),
        "refuse",
        lambda hub: (None, 0),  # no policy stored yet: the default's version is 0
        lambda hub, row_id, n: {"account": SAFE_APPID, "replies": "none", "article_levels": 1 + n % 3},
        lambda hub, row_id: getattr(_account(hub)[1], "article_levels", None),
        lambda n: 1 + n % 3,
    ),
]
IDS = [k.kind for k in KINDS]


def _stale_words(text: str) -> None:
    assert "已被同事修改过" in text and "没有保存" in text and "刷新" in text, text


@pytest.mark.parametrize("spec", KINDS, ids=IDS)
def test_two_colleagues_from_the_same_base_never_overwrite_silently(hub, spec):
    row_id, base = spec.make(hub)
    first, second = spec.who
    mine = hub.command(first, spec.kind, {**spec.edit(hub, row_id, 1), "base_version": base})
    assert mine.status_code == 200, mine.text
    assert not mine.json()["result"].get("conflict")
    assert mine.json()["result"]["version"] == base + 1
    theirs = hub.command(second, spec.kind, {**spec.edit(hub, row_id, 2), "base_version": base})
    assert spec.stored(hub, row_id) == spec.written(1), "the stale edit was applied over the first"
    if spec.on_stale == "refuse":
        assert theirs.status_code == 409, theirs.text
        _stale_words(theirs.json()["error"])
        assert theirs.json()["result"].get("stale") is True
    else:
        assert theirs.status_code == 200, theirs.text
        result = theirs.json()["result"]
        copy_id = result.get("template_id") or result.get("rule_id") or result.get("post_id")
        assert result["conflict"] is True and copy_id != row_id
        assert str(spec.stored(hub, copy_id)).startswith(str(spec.written(2)))  # kept beside it, as a 冲突副本


@pytest.mark.parametrize("spec", KINDS, ids=IDS)
def test_an_edit_without_its_base_is_refused_in_words(hub, spec):
    row_id, _base = spec.make(hub)
    answer = hub.command(spec.who[0], spec.kind, spec.edit(hub, row_id, 1))
    assert answer.status_code == 400, answer.text
    assert "版本号" in answer.json()["error"]
    assert spec.stored(hub, row_id) != spec.written(1)


@pytest.mark.parametrize("spec", KINDS, ids=IDS)
def test_the_authors_consecutive_saves_never_conflict(hub, spec):
    row_id, version = spec.make(hub)
    rows_before = None
    for n in (1, 2, 3):
        result = hub.ok(spec.who[0], spec.kind, {**spec.edit(hub, row_id, n), "base_version": version})
        assert not result.get("conflict"), (n, result)
        assert result["version"] == version + 1
        version = result["version"]
        if rows_before is None and row_id is not None:
            rows_before = _rows(hub, spec)
    assert spec.stored(hub, row_id) == spec.written(3)
    if row_id is not None:
        assert _rows(hub, spec) == rows_before  # no copy was made


def _rows(hub: Hub, spec: Kind) -> int:
    model = {"template_save": ReplyTemplate, "rule_save": ReplyRule, "post_save": Post}.get(spec.kind, ChecklistItem)
    return hub.count(model)


# ---- deletes and archives meeting an edit ----


@dataclass
class Removal:
    kind: str
    who: tuple[Any, ...]
    edit_kind: str
    edit_who: tuple[Any, ...]
    make: Callable[[Hub], tuple[int | None, int]]
    remove: Callable[[int], dict[str, Any]]
    edit: Callable[[Hub, int | None, int], dict[str, Any]]
    stored: Callable[[Hub, int | None], Any]


REMOVALS = [
    Removal(
        "template_archive",
        OPERATOR,
        "template_save",
        SECOND,
        _make_template,
        lambda row_id: {"id": row_id, "archived": True},
        _template_edit,
        lambda hub, row_id: (hub.row(ReplyTemplate, row_id).archived, hub.row(ReplyTemplate, row_id).body),
    ),
    Removal(
        "rule_delete",
        ADMIN,
        "rule_save",
        SUPERVISOR,
        _make_rule,
        lambda row_id: {"id": row_id},
        lambda hub, row_id, n: {"rule": _rule("社保卡", f"第{n}稿", row_id)},
        lambda hub, row_id: (hub.row(ReplyRule, row_id).deleted, hub.row(ReplyRule, row_id).reply["text"]),
    ),
    Removal(
        "post_delete",
        OPERATOR,
        "post_save",
        SECOND,
        _make_post,
        lambda row_id: {"post_id": row_id},
        lambda hub, row_id, n: {"post_id": row_id, "account": SAFE_APPID, "articles": [_article(f"第{n}稿")]},
        lambda hub, row_id: (hub.row(Post, row_id).state, hub.row(Post, row_id).title),
    ),
    Removal(
        "checklist_item_archive",
        ADMIN,
        "checklist_item_save",
        ADMIN2,
        _make_item,
        lambda row_id: {"item_id": row_id, "archived": True},
        lambda hub, row_id, n: {"item_id": row_id, "account": SAFE_APPID, "title": f"第{n}稿", "period": "yearly"},
        lambda hub, row_id: (hub.row(ChecklistItem, row_id).archived, hub.row(ChecklistItem, row_id).title),
    ),
]
REMOVAL_IDS = [r.kind for r in REMOVALS]


@pytest.mark.parametrize("spec", REMOVALS, ids=REMOVAL_IDS)
def test_a_delete_from_an_older_version_is_refused(hub, spec):
    row_id, base = spec.make(hub)
    hub.ok(spec.edit_who, spec.edit_kind, {**spec.edit(hub, row_id, 1), "base_version": base})
    before = spec.stored(hub, row_id)
    late = hub.command(spec.who, spec.kind, {**spec.remove(row_id), "base_version": base})
    assert late.status_code == 409, late.text
    _stale_words(late.json()["error"])
    assert spec.stored(hub, row_id) == before  # neither deleted nor archived over the colleague's edit


@pytest.mark.parametrize("spec", REMOVALS, ids=REMOVAL_IDS)
def test_an_edit_of_something_deleted_meanwhile_is_never_applied_to_it(hub, spec):
    row_id, base = spec.make(hub)
    removed = hub.ok(spec.who, spec.kind, {**spec.remove(row_id), "base_version": base})
    assert spec.kind == "post_delete" or removed["version"] == base + 1
    after_removal = spec.stored(hub, row_id)
    late = hub.command(spec.edit_who, spec.edit_kind, {**spec.edit(hub, row_id, 2), "base_version": base})
    assert spec.stored(hub, row_id) == after_removal  # the removed row did not take the late edit
    if late.status_code == 200:  # kept as a 冲突副本 beside it (templates, posts)
        result = late.json()["result"]
        assert result["conflict"] is True
        assert (result.get("template_id") or result.get("post_id")) != row_id
    else:
        assert late.status_code in (409, 422), late.text
        assert "同事" in late.json()["error"]


@pytest.mark.parametrize("spec", REMOVALS, ids=REMOVAL_IDS)
def test_a_delete_without_its_base_is_refused(hub, spec):
    row_id, _base = spec.make(hub)
    before = spec.stored(hub, row_id)
    answer = hub.command(spec.who, spec.kind, spec.remove(row_id))
    assert answer.status_code == 400 and "版本号" in answer.json()["error"], answer.text
    assert spec.stored(hub, row_id) == before


# ---- what must never conflict ----


def test_a_colleague_using_a_template_does_not_make_an_edit_conflict(hub):
    template_id, base = _make_template(hub)
    for _ in range(3):
        hub.ok(SECOND, "template_used", {"id": template_id})
    result = hub.ok(OPERATOR, "template_save", {**_template_edit(hub, template_id, 1), "base_version": base})
    assert not result.get("conflict") and result["template_id"] == template_id
    stored = hub.row(ReplyTemplate, template_id)
    assert stored.body == "第1稿：请带身份证。" and stored.usage_count == 3
    assert hub.count(ReplyTemplate) == 1


def test_a_revision_after_send_back_does_not_conflict(hub):
    hub.ok(ADMIN, "review_policy", {"account": SAFE_APPID, "replies": "none", "article_levels": 1, "base_version": 0})
    cover = hub.picture(7)
    saved = hub.ok(OPERATOR, "post_save", {"account": SAFE_APPID, "articles": [_article("关于集中缴费的通知", cover)]})
    post_id, version = saved["post_id"], saved["version"]
    submitted = hub.ok(OPERATOR, "post_submit", {"post_id": post_id})
    hub.ok(SUPERVISOR, "review_send_back", {"item_id": submitted["review_item"], "comment": "标题请写明时间"})
    assert hub.row(Post, post_id).state == "returned"
    assert hub.row(Post, post_id).version == version  # a review decision is not an edit of the content
    revised = {"post_id": post_id, "articles": [_article("关于12月集中缴费的通知", cover)], "base_version": version}
    result = hub.ok(OPERATOR, "post_save", revised)
    assert not result.get("conflict") and result["post_id"] == post_id
    assert hub.row(Post, post_id).title == "关于12月集中缴费的通知"
    again = hub.ok(OPERATOR, "post_submit", {"post_id": post_id})
    assert again["state"] == "review"
    assert hub.count(Post) == 1


# ---- word lists ----


def test_word_lists_two_colleagues_from_the_same_version(hub):
    base = hub.wordlists()["version"]
    mine = hub.put_wordlists(ADMIN, {"files": {"sensitive.txt": "甲词\n"}, "base_version": base})
    assert mine.status_code == 200, mine.text
    assert mine.json()["version"] == base + 1
    theirs = hub.put_wordlists(ADMIN2, {"files": {"sensitive.txt": "乙词\n"}, "base_version": base})
    assert theirs.status_code == 409, theirs.text
    assert "已被同事修改过" in theirs.json()["error"] and theirs.json()["files"]["sensitive.txt"] == "甲词\n"
    assert hub.wordlists()["files"]["sensitive.txt"] == "甲词\n"
    # consecutive saves from the version each answer gives never conflict
    version = mine.json()["version"]
    for n in range(3):
        answer = hub.put_wordlists(ADMIN, {"files": {"sensitive.txt": f"甲词{n}\n"}, "base_version": version})
        assert answer.status_code == 200, answer.text
        version = answer.json()["version"]
    assert hub.wordlists() | {"problems": None} == {
        **hub.wordlists(),
        "problems": None,
        "version": version,
    }


def test_word_lists_without_a_base_are_refused(hub):
    answer = hub.put_wordlists(ADMIN, {"files": {"sensitive.txt": "甲词\n"}})
    assert answer.status_code == 400 and "版本号" in answer.json()["error"], answer.text
    assert hub.wordlists()["files"]["sensitive.txt"] == ""


def test_the_desks_saved_draft_takes_each_new_version(hub, tmp_path):
    """The article editor's draft on the desk: each save starts from the version the last answer gave, and
    after 退回修改 (synced to the desk) the revision goes to the same post without a 冲突副本."""
    from console.store.database import open_database
    from console.sync.post_drafts import PostDrafts
    from console.sync.replica import Replica
    from console.sync.wire import to_wire

    replica = Replica(open_database(f"sqlite:///{tmp_path / 'desk.db'}"))
    drafts = PostDrafts(replica.db)

    def send(local_id: int) -> dict[str, Any]:
        sending = drafts.begin(local_id)
        assert sending is not None
        result = hub.ok(OPERATOR, "post_save", sending.args)
        drafts.settled(sending, result)
        return result

    def sync(post_id: int) -> None:
        from console.store.models import Account, Staff

        with hub.world.hub.db.session() as session:
            batch = {
                "staff": [to_wire(row) for row in session.query(Staff)],
                "accounts": [to_wire(row) for row in session.query(Account)],
                "posts": [to_wire(session.get(Post, post_id))],
            }
        replica.apply(batch)

    hub.ok(ADMIN, "review_policy", {"account": SAFE_APPID, "replies": "none", "article_levels": 1, "base_version": 0})
    cover = hub.picture(11)
    local = drafts.save(None, appid=SAFE_APPID, articles=[_article("第1稿", cover)])
    post_id = send(local)["post_id"]
    for n in (2, 3):  # saves in a row, before any sync reaches the desk
        drafts.save(local, appid=SAFE_APPID, articles=[_article(f"第{n}稿", cover)], post_id=post_id)
        result = send(local)
        assert not result.get("conflict") and result["post_id"] == post_id
    submitted = hub.ok(OPERATOR, "post_submit", {"post_id": post_id})
    hub.ok(SUPERVISOR, "review_send_back", {"item_id": submitted["review_item"], "comment": "请补充时间"})
    sync(post_id)
    drafts.save(local, appid=SAFE_APPID, articles=[_article("第4稿", cover)], post_id=post_id)
    result = send(local)
    assert not result.get("conflict") and result["post_id"] == post_id
    assert hub.row(Post, post_id).title == "第4稿" and hub.count(Post) == 1
    assert drafts.get(local).notice is None
    replica.db.dispose()
