"""Owns the inbox's async work (sync loop, sends) so widgets only show results. Every task is kept
referenced; every failure reaches the window as words."""

from __future__ import annotations

import asyncio
import logging
import uuid

from PySide6.QtCore import QObject, Signal

from console.sync.client import HubClient, HubRefused, HubUnreachable
from console.sync.replica import Replica
from ui.format import tr

log = logging.getLogger(__name__)

OFFLINE_TEXT = "无法连接服务端，正在重试。已收到的消息仍可查看。"
UNSENT_TEXT = "无法连接服务端，回复没有发出，内容已保留在输入框中。请检查网络后重新发送。"


class InboxController(QObject):
    conversationsChanged = Signal(list)  # list[ConversationRow]
    messagesChanged = Signal(int, list)  # conversation id, list[MessageRow]
    connectionChanged = Signal(bool, str)  # online, words
    replyStarted = Signal(int)
    replyDone = Signal(int, str, str)  # conversation id, status ("sent"/"failed"), reason
    replyNotSent = Signal(int, str)  # conversation id, reason (the draft stays)

    def __init__(self, replica: Replica, client: HubClient, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.replica = replica
        self.client = client
        self.current: int | None = None
        self.online: bool | None = None
        self._tasks: set[asyncio.Task] = set()
        self._sync_task: asyncio.Task | None = None

    def _spawn(self, coro) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("inbox task failed", exc_info=task.exception())

    def start(self) -> None:
        self._spawn(self._refresh())
        self._sync_task = self._spawn(self._sync_loop())

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.client.close()

    def open_conversation(self, conversation_id: int) -> None:
        self.current = conversation_id
        self._spawn(self._load_messages(conversation_id))

    def send_reply(self, conversation_id: int, text: str) -> None:
        self._spawn(self._send(conversation_id, text))

    def _set_online(self, online: bool, words: str = "") -> None:
        if self.online != online:
            self.online = online
            self.connectionChanged.emit(online, words)

    async def _refresh(self) -> None:
        rows = await asyncio.to_thread(self.replica.conversations)
        self.conversationsChanged.emit(rows)
        if self.current is not None:
            await self._load_messages(self.current)

    async def _load_messages(self, conversation_id: int) -> None:
        rows = await asyncio.to_thread(self.replica.messages, conversation_id)
        if conversation_id == self.current:
            self.messagesChanged.emit(conversation_id, rows)

    async def _sync_loop(self) -> None:
        cursor = await asyncio.to_thread(self.replica.cursor)
        delay, caught_up = 1.0, False
        while True:
            try:
                batch = await self.client.changes(cursor, wait=25 if caught_up else 0)
            except HubUnreachable as exc:
                log.info("hub unreachable: %s", exc)
                self._set_online(False, tr(OFFLINE_TEXT))
                await asyncio.sleep(delay)
                delay, caught_up = min(delay * 2, 30.0), False
                continue
            self._set_online(True)
            delay = 1.0
            if batch["cursor"] != cursor:
                await asyncio.to_thread(self.replica.apply, batch)
                cursor = batch["cursor"]
                await self._refresh()
            caught_up = not batch.get("more")

    async def _send(self, conversation_id: int, text: str) -> None:
        self.replyStarted.emit(conversation_id)
        command_id = uuid.uuid4().hex
        try:
            message = await self.client.reply(command_id, conversation_id, text)
        except HubUnreachable:
            self.replyNotSent.emit(conversation_id, tr(UNSENT_TEXT))
            return
        except HubRefused as exc:
            self.replyNotSent.emit(conversation_id, str(exc))
            return
        await asyncio.to_thread(self.replica.apply, {"cursor": 0, "messages": [message]})
        await self._refresh()
        self.replyDone.emit(conversation_id, message["status"], message.get("error_text") or "")
