"""Small readers over the hub's database, so tests assert on what was really stored."""

from __future__ import annotations

import requests
from sqlalchemy import func, select

from console.store.models import Conversation, Message


def stored(world, **where) -> list[Message]:
    with world.hub.db.session() as session:
        query = select(Message).order_by(Message.id)
        for name, value in where.items():
            query = query.where(getattr(Message, name) == value)
        return list(session.scalars(query))


def count_messages(world) -> int:
    with world.hub.db.session() as session:
        return int(session.scalar(select(func.count(Message.id))) or 0)


def conversation_of(world, openid: str) -> Conversation:
    with world.hub.db.session() as session:
        message = session.scalars(select(Message).where(Message.dedupe_key.is_not(None))).all()
        for m in message:
            if m.follower.openid == openid:
                return session.get(Conversation, m.conversation_id)
    raise LookupError(openid)


SCRIPT = ("script", "脚本")  # the colleague scripts sign in as in tests


def reply(world, conversation_id: int, content: str, command_id: str) -> requests.Response:
    return requests.post(
        f"{world.hub_url}/api/replies",
        json={"command_id": command_id, "conversation_id": conversation_id, "content": content},
        headers=world.auth(*SCRIPT),
        timeout=30,
    )
