"""The inbox's item models, checked by Qt's model tester with no widget around them."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QModelIndex

from console.inbox.views import ConversationRow, MessageRow
from ui.inbox.models import ConversationsModel, IdRole, MessagesModel, RowRole

NOW = datetime(2026, 11, 26, 8, 30)


def conversation(i: int) -> ConversationRow:
    return ConversationRow(i, "wx1", "某县发布", f"张女士{i}", "社保怎么交？", "new", NOW, NOW, "message")


def test_conversations_model(qtmodeltester):
    model = ConversationsModel()
    model.set_rows([conversation(i) for i in range(1, 4)])
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.index(1).data(IdRole) == 2
    assert model.index(1).data(RowRole).follower_name == "张女士2"
    assert "社保怎么交？" in model.index(0).data()
    assert model.row_of(3) == 2 and model.row_of(99) == -1


def test_messages_model(qtmodeltester):
    model = MessagesModel()
    model.set_rows(
        [
            MessageRow(1, "in", "text", "你好", None, None, NOW),
            MessageRow(2, "out", "text", "您好", "failed", "超时", NOW),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1).data(RowRole).status == "failed"
    model.set_rows([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def _bulk_store(tmp_path, conversations: int, per_conversation: int):
    """A replica-shaped store with conversations × per_conversation messages, inserted in bulk."""
    from sqlalchemy import insert

    from console.store.database import open_database
    from console.store.models import Account, Conversation, Follower, Message, Staff

    db = open_database(f"sqlite:///{tmp_path / 'big.db'}")
    with db.session() as session:
        session.execute(insert(Account), [{"id": 1, "appid": "wx1", "name": "某县人社", "seq": 1}])
        session.execute(insert(Staff), [{"id": 1, "login": "seat-1", "name": "王芳", "seq": 1}])
        session.execute(
            insert(Follower),
            [
                {"id": i, "account_id": 1, "openid": f"o{i:08d}", "nickname": f"粉丝{i}", "seq": 1}
                for i in range(1, conversations + 1)
            ],
        )
        session.execute(
            insert(Conversation),
            [
                {
                    "id": i,
                    "account_id": 1,
                    "follower_id": i,
                    "status": ("new", "open", "replied", "closed")[i % 4],
                    "last_message_at": datetime(2026, 1, 1) + timedelta(minutes=i),
                    "assignee_id": 1 if i % 3 == 0 else None,
                    "labels": "|社保|" if i % 5 == 0 else "",
                    "preview": "社保卡怎么补办？",
                    "seq": 1,
                }
                for i in range(1, conversations + 1)
            ],
        )
        session.execute(
            insert(Message),
            [
                {
                    "account_id": 1,
                    "conversation_id": c,
                    "follower_id": c,
                    "direction": "in",
                    "msg_type": "text",
                    "content": f"第{n}条：社保卡怎么补办？",
                    "created_at": datetime(2026, 1, 1) + timedelta(minutes=c, seconds=n),
                    "received_at": datetime(2026, 1, 1),
                    "seq": 1,
                }
                for c in range(1, conversations + 1)
                for n in range(per_conversation)
            ],
        )
    return db


def test_lazy_model_over_a_real_replica_passes_the_model_tester(tmp_path, qtmodeltester):
    from console.inbox.views import InboxFilter
    from console.sync.replica import Replica

    db = _bulk_store(tmp_path, conversations=450, per_conversation=1)
    model = ConversationsModel(source=Replica(db))
    model.set_filter(InboxFilter())
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    qtmodeltester.check(model)
    assert model.rowCount() == 450 and not model.canFetchMore(QModelIndex())
    ids = [model.index(r).data(IdRole) for r in range(model.rowCount())]
    assert ids == list(range(450, 0, -1))  # newest first, no gap or repeat across pages
    model.set_filter(InboxFilter(statuses=("new",), label="社保"))
    qtmodeltester.check(model)
    rows = [model.row_at(r) for r in range(model.rowCount())]
    assert rows and all(r.status == "new" and r.labels == ("社保",) for r in rows)
    model.set_filter(InboxFilter(assignee_id=1, sort="recent"))
    assert all(model.row_at(r).assignee_name == "王芳" for r in range(model.rowCount()))
    db.dispose()


def test_a_store_of_100000_messages_opens_without_loading_them_all(tmp_path, qtbot):
    from console.sync.replica import Replica
    from ui.inbox.page import InboxPage

    db = _bulk_store(tmp_path, conversations=20_000, per_conversation=5)
    page = InboxPage()
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.conversations.set_source(Replica(db))
    page.filters.status.setCurrentIndex(page.filters.status.findText("全部状态"))
    qtbot.waitExposed(page)
    page.grab()  # paint the visible rows
    model = page.conversations
    assert model.rowCount() == 200  # one page of ids, not 20,000
    assert 0 < model.rows_fetched <= 100  # rows read only for what was painted (one block)
    page.list.scrollToBottom()
    page.grab()
    assert model.rowCount() <= 600 and model.rows_fetched <= 400
    db.dispose()


def test_painting_many_rows_keeps_python_alive(tmp_path, qtbot):
    """PySide6 6.12.0 under CPython 3.11 dropped a reference to None on every void Qt call: a few
    hundred painted rows later the desktop aborted. The pinned binding must not."""
    import sys

    from PySide6.QtGui import QFont

    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(5000):
        font.setBold(True)
    assert abs(sys.getrefcount(None) - before) < 100


def test_search_results_model(qtmodeltester):
    from console.inbox.search import SearchHit
    from ui.inbox.search_view import SearchModel, marked_html

    model = SearchModel()
    hits = [
        SearchHit("message", 7, 3, "社保卡丢了怎么补办", NOW, ((0, 2),)),
        SearchHit("follower", 9, None, "张女士 · 社保", NOW, ((5, 7),)),  # never wrote: not listed
    ]
    model.set_hits("社保", hits)
    qtmodeltester.check(model)
    assert model.rowCount() == 1 and model.index(0).data(IdRole) == 3
    marked = marked_html("社保卡<丢了>", ((0, 2),))
    assert marked.startswith('<span style="background-color:#ffe58f;">社保</span>卡&lt;')
