"""The inbox's item models, checked by Qt's model tester with no widget around them."""

from __future__ import annotations

from datetime import datetime

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
