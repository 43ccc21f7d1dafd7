"""Search: one- and two-character Chinese words, phrases, notes and follower remarks, Latin words and
phone numbers, found through the FTS5 index the triggers keep in step — on a real SQLite store."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
from datetime import datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import delete, select, text

from console.cli import main as cli_main
from console.inbox import search_command
from console.inbox.search import highlight_spans, search, search_messages
from console.sandbox.questions import QUESTIONS
from console.store.database import Database, alembic_config, next_seq, open_database
from console.store.models import Account, Conversation, Follower, Message, Note
from console.store.search_index import Phrase, highlight_phrases, index_text, match_expression, parse_query
from console.sync.client import HubClient
from console.sync.replica import Replica
from tests.conftest import SAFE_APPID

T0 = datetime(2026, 3, 2, 9, 0)

# Texts chosen so a wrong tokenizer shows: 社会保险/保社 share characters with 社保 but not the word;
# 就医 ends a run with 医; 社保的卡/保卡社保 hold 社保 and 卡 but not the phrase 社保卡.
TEXTS = [
    *QUESTIONS,
    "社保",
    "我想问一下社会保险的事",
    "保社区的安全",
    "去哪里就医比较方便",
    "医",
    "社保的卡怎么办",
    "保卡社保",
    "我的电话是13812345678，请回电",
    "SB卡是什么？ＳＢ是社保的缩写吗",
    "wx1234abcd 这个号是你们的吗",
    "欢迎关注！",
]


def _url(tmp_path, name="a.db") -> str:
    return f"sqlite:///{tmp_path / name}"


class Store:
    """A seeded store: one account, one follower and conversation per text, messages one minute apart."""

    def __init__(self, db: Database) -> None:
        self.db = db
        with db.session() as s:
            self.account = Account(appid="wxsearch000000001", name="某县人社", seq=next_seq(s))
            self.other = Account(appid="wxsearch000000002", name="某县医保", seq=next_seq(s))
            s.add_all([self.account, self.other])
            s.flush()
            self.account_id, self.other_id = self.account.id, self.other.id

    def conversation(self, account_id: int | None = None, *, nickname=None, remark=None) -> int:
        with self.db.session() as s:
            count = s.scalar(select(Follower.id).order_by(Follower.id.desc()).limit(1)) or 0
            f = Follower(
                account_id=account_id or self.account_id,
                openid=f"oSEARCH{count + 1:020d}",
                nickname=nickname,
                remark=remark,
                last_seen_at=T0 + timedelta(days=count),
                seq=next_seq(s),
            )
            s.add(f)
            s.flush()
            c = Conversation(account_id=f.account_id, follower_id=f.id, seq=next_seq(s))
            s.add(c)
            s.flush()
            return c.id

    def message(self, conversation_id: int, content: str, *, minute: int = 0, direction: str = "in") -> int:
        with self.db.session() as s:
            c = s.get(Conversation, conversation_id)
            assert c is not None
            m = Message(
                account_id=c.account_id,
                conversation_id=c.id,
                follower_id=c.follower_id,
                direction=direction,
                msg_type="text",
                content=content,
                status="sent" if direction == "out" else None,
                created_at=T0 + timedelta(minutes=minute),
                seq=next_seq(s),
            )
            s.add(m)
            s.flush()
            return m.id

    def note(self, conversation_id: int, body: str, *, minute: int = 0) -> int:
        with self.db.session() as s:
            n = Note(
                conversation_id=conversation_id,
                author_name="小王",
                body=body,
                created_at=T0 + timedelta(minutes=minute),
                seq=next_seq(s),
            )
            s.add(n)
            s.flush()
            return n.id

    def found(self, query: str, **kwargs) -> list[tuple[str, str]]:
        with self.db.session() as s:
            return [(h.kind, h.text) for h in search(s, query, limit=10_000, **kwargs)]

    def messages_found(self, query: str) -> set[str]:
        return {text for kind, text in self.found(query) if kind == "message"}


@pytest.fixture
def store(tmp_path):
    db = open_database(_url(tmp_path))
    seeded = Store(db)
    conversation = seeded.conversation()
    for minute, content in enumerate(TEXTS):
        seeded.message(conversation, content, minute=minute)
    yield seeded
    db.dispose()


# ---- tokenizer ---------------------------------------------------------------------------------------


def test_index_tokens_are_pinned():
    # Contentless FTS5 deletes a row by re-tokenizing its old text: if this output changes, existing
    # indexes go wrong, so a change needs a migration that rebuilds the search tables.
    assert index_text("我的社保卡丢了！电话：１３８1234-5678，SB卡") == (
        "我的 的社 社保 保卡 卡丢 丢了 了 电话 话 1381234 5678 sb 卡"
    )
    assert index_text("医") == "医"
    assert index_text("低保户", None, "张女士") == "低保 保户 户 张女 女士 士"


def test_query_language():
    assert match_expression("社保") == '"社保"'
    assert match_expression("医") == '"医"*'
    assert match_expression("社保卡") == '"社保 保卡"'
    assert match_expression("社保 138") == '"社保" AND "138"*'
    assert match_expression("sb 社保") == '"sb" AND "社保"'
    assert match_expression('AND "or" NEAR(') == '"and" AND "or" AND "near"*'


# ---- finding what contains the word, and nothing else ------------------------------------------------


@pytest.mark.parametrize("word", ["社保", "医保", "户口", "公积金", "社保卡", "补办", "医", "保", "卡", "居住证"])
def test_chinese_words_find_exactly_the_messages_that_contain_them(store, word):
    expected = {t for t in TEXTS if word in t}
    assert expected, word
    assert store.messages_found(word) == expected


def test_two_characters_are_a_word_not_two_letters(store):
    found = store.messages_found("社保")
    assert "社保" in found and "保卡社保" in found
    assert "我想问一下社会保险的事" not in found and "保社区的安全" not in found


def test_one_character_finds_run_starts_middles_and_ends(store):
    found = store.messages_found("医")
    assert {"去哪里就医比较方便", "医", "医保卡里的钱可以给家里人用吗"} <= found  # 就医 ends its run
    assert all("医" in t for t in found)
    assert found == {t for t in TEXTS if "医" in t}


def test_three_characters_are_a_phrase(store):
    found = store.messages_found("社保卡")
    assert found == {"你好，我的社保卡丢了，补办需要带什么材料？", "社保卡补办要多久才能拿到新卡"}
    assert "社保的卡怎么办" not in found and "保卡社保" not in found


def test_terms_are_anded_and_the_last_is_a_prefix(store):
    assert store.messages_found("社保 补办") == {t for t in TEXTS if "社保" in t and "补办" in t}
    assert store.messages_found("公积金 租房") == {"租房可以提取公积金吗，一年能取几次"}
    assert store.messages_found("社保 户口") == set()


def test_latin_words_and_phone_numbers(store):
    phone = "我的电话是13812345678，请回电"
    assert store.messages_found("138") == {phone}  # typing a phone number finds it as you type
    assert store.messages_found("13812345678") == {phone}
    assert store.messages_found("5678") == set()  # numbers match from their start, not in the middle
    sb = "SB卡是什么？ＳＢ是社保的缩写吗"
    assert store.messages_found("sb") == {sb}  # case and full width folded
    assert store.messages_found("ＳＢ卡") == {sb}
    assert store.messages_found("wx12") == {"wx1234abcd 这个号是你们的吗"}
    assert store.messages_found("wx12 这个") == set()  # a word before the last term is whole


@pytest.mark.parametrize("query", ["", "   ", "，。！？", "***", '"', "()", "-", "😀", "\u3000"])
def test_blank_or_punctuation_finds_nothing_without_error(store, query):
    assert store.found(query) == []
    with store.db.session() as s:
        assert search_messages(s, query, 10) == []


def test_fts_syntax_in_a_query_is_plain_text(store):
    store.message(store.conversation(), "AND OR NEAR 是什么意思", minute=500)
    assert store.messages_found('AND "OR" NEAR(') == {"AND OR NEAR 是什么意思"}


def test_notes_and_follower_remarks_and_nicknames(store):
    conversation = store.conversation(nickname="刘阿姨", remark="低保户 行动不便")
    store.note(conversation, "已转县医保局核实，周五回电", minute=900)
    assert ("note", "已转县医保局核实，周五回电") in store.found("医保局")
    assert store.found("低保户") == [("follower", "低保户 行动不便 · 刘阿姨")]
    assert store.found("阿姨") == [("follower", "低保户 行动不便 · 刘阿姨")]
    assert store.found("低保 阿姨") == [("follower", "低保户 行动不便 · 刘阿姨")]  # terms over both fields
    with store.db.session() as s:
        hit = search(s, "低保户")[0]
    assert hit.conversation_id == conversation and hit.spans == ((0, 3),)


def test_hits_are_newest_first_limited_and_filtered_by_account(store):
    conversation = store.conversation(store.other_id)
    newest = store.message(conversation, "医保卡密码忘了", minute=10_000)
    with store.db.session() as s:
        hits = search(s, "医", limit=3)
        assert [h.id for h in hits][0] == newest
        assert len(hits) == 3
        assert [h.created_at for h in hits] == sorted((h.created_at for h in hits), reverse=True)
        other = search(s, "医", account_id=store.other_id)
        assert [(h.kind, h.id) for h in other] == [("message", newest)]
        mine = search(s, "医", account_id=store.account_id, limit=1000)
        assert newest not in {h.id for h in mine} and len(mine) == sum("医" in t for t in TEXTS)
        assert [m.id for m in search_messages(s, "医", 2)][0] == newest


# ---- the index follows every write ---------------------------------------------------------------------


def test_edits_and_deletes_keep_the_index_in_step(store):
    conversation = store.conversation(nickname="王同学")
    message = store.message(conversation, "户籍证明怎么开", minute=2000)
    note = store.note(conversation, "需要派出所盖章", minute=2001)
    assert store.messages_found("户籍") == {"户籍证明怎么开"}
    with store.db.session() as s:
        s.get(Message, message).content = "无犯罪记录证明怎么开"
        s.get(Message, message).status = "sent"
    assert store.messages_found("户籍") == set()
    assert store.messages_found("犯罪") == {"无犯罪记录证明怎么开"}
    with store.db.session() as s:  # an update that leaves the text alone does not disturb it
        s.get(Message, message).status = "failed"
    assert store.messages_found("犯罪") == {"无犯罪记录证明怎么开"}
    with store.db.session() as s:
        s.get(Note, note).body = "已电话答复"
        follower = s.get(Conversation, conversation).follower
        follower.remark, follower.nickname = "学生家长", None
    assert store.found("盖章") == [] and store.found("电话答复") == [("note", "已电话答复")]
    assert store.found("王同学") == [] and store.found("家长") == [("follower", "学生家长")]
    with store.db.session() as s:
        s.execute(delete(Message).where(Message.id == message))
        s.execute(delete(Note).where(Note.id == note))
    assert store.messages_found("犯罪") == set() and store.found("电话答复") == []
    with store.db.engine.begin() as conn:
        for table in ("search_message", "search_note", "search_follower"):
            conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('integrity-check')"))


def test_triggers_exist_at_head(tmp_path):
    """A later migration that recreates message/note/follower (batch mode) drops their triggers: fail then."""
    db = open_database(_url(tmp_path))
    with db.engine.connect() as conn:
        triggers = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    expected = {f"search_{t}_{op}" for t in ("message", "note", "follower") for op in ("insert", "update", "delete")}
    assert expected <= triggers
    db.dispose()


def test_migration_indexes_rows_stored_before_it(tmp_path):
    db = Database(_url(tmp_path))
    command.upgrade(alembic_config(db.engine), "0002")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO account (id, appid, name, account_type, safe_mode, created_at, seq) "
                "VALUES (1, 'wxold', '旧账号', 'subscription', 1, '2025-01-01 00:00:00', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO follower (id, account_id, openid, nickname, remark, subscribed, first_seen_at, "
                "last_seen_at, seq) VALUES (1, 1, 'oOLD', '赵老师', '退休教师', 1, '2025-01-01', '2025-01-01', 2)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO conversation (id, account_id, follower_id, status, last_message_at, preview, seq) "
                "VALUES (1, 1, 1, 'new', '2025-01-01', '', 3)"
            )
        )
        for n, content in enumerate(["养老金认证在哪里做", "医保卡丢了", "谢谢"], start=1):
            conn.execute(
                text(
                    "INSERT INTO message (id, account_id, conversation_id, follower_id, direction, msg_type, content, "
                    f"created_at, received_at, seq) VALUES ({n}, 1, 1, 1, 'in', 'text', :c, '2025-01-0{n}', "
                    f"'2025-01-0{n}', {n + 3})"
                ),
                {"c": content},
            )
        conn.execute(
            text(
                "INSERT INTO note (id, conversation_id, author_name, body, created_at, seq) "
                "VALUES (1, 1, '小李', '老人行动不便，建议上门认证', '2025-01-04', 9)"
            )
        )
    db.migrate()
    assert db.current_revision() == db.head_revision()
    seeded = Store.__new__(Store)
    seeded.db = db
    assert seeded.found("认证") == [("note", "老人行动不便，建议上门认证"), ("message", "养老金认证在哪里做")]
    assert seeded.found("医") == [("message", "医保卡丢了")]
    assert seeded.found("退休") == [("follower", "退休教师 · 赵老师")]
    # and the backfilled rows are deletable exactly (the triggers re-tokenize the same way)
    with db.session() as s:
        s.get(Message, 2).content = "已解决"
    assert seeded.found("医") == []
    # Downgrade removes tables and triggers cleanly; upgrading again rebuilds from the rows.
    command.downgrade(alembic_config(db.engine), "0002")
    with db.engine.connect() as conn:
        left = conn.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'search%'")).scalars().all()
    assert left == []
    db.migrate()
    assert seeded.found("认证") == [("note", "老人行动不便，建议上门认证"), ("message", "养老金认证在哪里做")]
    assert seeded.found("解决") == [("message", "已解决")]
    db.dispose()


@pytest.mark.asyncio
async def test_hub_ingest_and_replica_sync_are_indexed(world, tmp_path):
    await asyncio.to_thread(world.push, SAFE_APPID, "oSEARCHworld00000000000000001", content="新生儿落户要带什么？")
    with world.hub.db.session() as s:
        assert [h.text for h in search(s, "落户")] == ["新生儿落户要带什么？"]
    replica_db = open_database(_url(tmp_path, "replica.db"))
    replica = Replica(replica_db)
    client = HubClient(world.hub_url, world.token("script", "脚本"))
    try:
        while True:
            batch = await client.changes(replica.cursor())
            await asyncio.to_thread(replica.apply, batch)
            if not batch["more"]:
                break
    finally:
        await client.close()
    with replica_db.session() as s:
        assert [h.text for h in search(s, "户")] == ["新生儿落户要带什么？"]
    replica_db.dispose()


# ---- highlight ----------------------------------------------------------------------------------------


def _lit(text: str, query: str) -> list[str]:
    return [text[a:b] for a, b in highlight_spans(text, query)]


def test_highlight_spans_cjk():
    text = "社保卡补办，社会保险和社保"
    assert highlight_spans(text, "社保") == [(0, 2), (11, 13)]
    assert _lit(text, "社保卡") == ["社保卡"]
    assert _lit("去哪里就医，医保", "医") == ["医", "医"]
    assert highlight_spans("去哪里就医，医保", "医") == [(4, 5), (6, 7)]
    assert _lit(text, "社保 补办") == ["社保", "补办", "社保"]
    assert _lit(text, "社保 卡补") == ["社保卡补", "社保"]  # touching spans merge
    assert highlight_spans(text, "户口") == []


def test_highlight_spans_latin_digits_and_width():
    text = "电话：１３８1234-5678，SB卡；Straße"
    assert _lit(text, "138") == ["１３８"]
    assert _lit(text, "sb") == ["SB"]
    assert _lit(text, "sb卡") == ["SB卡"]
    assert _lit(text, "5678") == ["5678"]
    assert _lit(text, "strasse") == ["Straße"]  # casefold ß → ss, mapped back to the original characters
    assert _lit("㈱社保", "社保") == ["社保"]  # ㈱ folds to three characters; offsets still land right
    assert highlight_spans("", "社保") == [] and highlight_spans("社保", "，") == []


# ---- wxconsole search ----------------------------------------------------------------------------------


def _run(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="wxconsole")
    sub = p.add_subparsers(dest="command")
    search_command.register(sub)
    args = p.parse_args(argv)
    return int(args.func(args))


def test_search_command_prints_the_messages_json_fields(store, tmp_path, capsys):
    reply = store.message(store.conversation(), "社保卡可以在人社局窗口补办", minute=3000, direction="out")
    url = store.db.url
    assert cli_main(["messages", "--db", url, "--json"]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert _run(["search", "社保卡", "--db", url, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {row["content"] for row in found} == {t for t in TEXTS if "社保卡" in t} | {"社保卡可以在人社局窗口补办"}
    assert all(set(row) == set(everything[0]) for row in found)
    assert all(row in everything for row in found)  # same values, field for field
    assert found[0]["content"] == "社保卡可以在人社局窗口补办" and found[0]["direction"] == "out"
    assert reply
    assert _run(["search", "医", "--db", url, "--json", "--limit", "2"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert _run(["search", "，", "--db", url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert _run(["search", "公积金", "--db", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all("公积金" in line and "wxsearch000000001 ←" in line for line in lines)


def test_substring_highlight_agrees_with_the_token_rules():
    """A one-run CJK term is highlighted with str.find; that must be exactly where its phrase matches."""
    rng = random.Random(3)
    alphabet = "社保卡医户口，。 ab1"
    for _ in range(3000):
        doc = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        query = "".join(rng.choice("社保卡医户口") for _ in range(rng.randint(1, 3)))
        fast = parse_query(query)
        assert fast[0].substring == query
        slow = [Phrase(p.tokens, p.prefix) for p in fast]
        assert highlight_phrases(doc, fast) == highlight_phrases(doc, slow), (doc, query)
        assert bool(highlight_phrases(doc, fast)) == (query in doc)
