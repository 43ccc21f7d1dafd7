"""Owns the inbox's async work so widgets only show results: the sync loop (long-poll), the outbox
that carries every operator command to the hub in order (now, or when the hub is back), presence
reports for the reply lock, drafts, search as you type, and the counts behind notifications.
Every task is kept referenced; every failure reaches the window as words."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.inbox.timers import ResponseClock
from console.inbox.views import MessageRow
from console.settings import Settings
from console.sync.client import HubBusy, HubClient, HubRefused, HubUnreachable, NotSignedIn
from console.sync.drafts import Drafts
from console.sync.outbox import CommandQueue
from console.sync.replica import Replica
from console.timeutil import parse_iso, utcnow
from ui.format import status_word, tr

log = logging.getLogger(__name__)

OFFLINE_TEXT = "无法连接服务端，正在重试。可以照常查看、搜索、写草稿和回复，联网后按顺序发出。"
PRESENCE_EVERY = 5.0
OVERDUE_EVERY = 60.0
FLUSH_RETRY = 3.0


class InboxController(QObject):
    conversationsChanged = Signal(object)  # set[int] of changed conversation ids, or None for all
    messagesChanged = Signal(int, list)  # conversation id, list[MessageRow]
    connectionChanged = Signal(bool, str)  # online, words
    draftLoaded = Signal(int, str, object)  # conversation id, text, notice (str | None)
    presenceChanged = Signal(object)  # dict: conversation id -> (holder name, typing), colleagues only
    choicesChanged = Signal(list, list, list)  # accounts, colleagues, labels
    commandRefused = Signal(int, str, str)  # conversation id, kind, reason
    outboxChanged = Signal(int)  # commands waiting for the hub
    searchDone = Signal(str, list)  # query, list[SearchHit]
    newMessages = Signal(int, str)  # how many, a line about the latest
    overdueChanged = Signal(int)
    waitingChanged = Signal(int)  # conversations whose follower waits for an answer
    clockShifted = Signal()  # the hub's clock moved against ours: WeChat's window must be redrawn
    libraryChanged = Signal()  # templates, rules, staff or an account's values changed on the hub
    reviewChanged = Signal()  # review items or policies changed: the 审核 page and "my work" redraw
    checklistChanged = Signal()  # security checklist items or records changed on the hub
    postsChanged = Signal(list)  # posts (图文) changed on the hub: their wire rows; the calendar redraws
    librarySettled = Signal(str, bool, str, object)  # kind, applied, words, the hub's result
    onlineNow = Signal()  # the hub answered after being unreachable (or for the first time)
    signInNeeded = Signal(str)  # the session ended or expired: the window asks for the password again

    def __init__(
        self,
        replica: Replica,
        client: HubClient,
        settings: Settings,
        clock: ResponseClock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.replica = replica
        self.client = client
        self.settings = settings
        self.response_clock = clock
        self.queue = CommandQueue(replica.db)
        self.drafts = Drafts(replica.db)
        self.current: int | None = None
        self.online: bool | None = None
        self.presence: dict[str, Any] = {"version": -1, "conversations": {}}
        self.hub_offset = timedelta(0)  # hub clock minus ours: WeChat's window follows the hub
        self.my_staff_id: int | None = None
        self._typing = False
        self._tasks: set[asyncio.Task] = set()
        self._named: dict[str, asyncio.Task] = {}
        self._flush_wanted = asyncio.Event()
        self._signed_in = asyncio.Event()
        self._presence_wanted = asyncio.Event()
        self._queue_lock = asyncio.Lock()  # commands keep the order the operator gave them
        self._flush_lock = asyncio.Lock()  # the sync loop and the outbox loop both flush; one at a time

    # -- task keeping --------------------------------------------------------------------------------
    def _spawn(self, coro, name: str | None = None) -> asyncio.Task:
        """Start a task and keep it; a named task replaces (cancels) its predecessor of the same name."""
        if name is not None and name in self._named:
            self._named[name].cancel()
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        if name is not None:
            self._named[name] = task
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("inbox task failed", exc_info=task.exception())

    def start(self) -> None:
        self._spawn(self._refresh_all())
        self._spawn(self._sync_loop())
        self._spawn(self._flush_loop())
        self._spawn(self._presence_loop())
        self._spawn(self._overdue_loop())

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.client.close()

    def signed_in(self, token: str) -> None:
        """The colleague signed in (again): carry on syncing and sending with the new session."""
        self.client.token = token
        self._signed_in.set()
        self._flush_wanted.set()

    def now(self) -> datetime:
        """The hub's "now" (WeChat's window is the hub's business)."""
        return utcnow() + self.hub_offset

    def apply_settings(self, settings: Settings, clock: ResponseClock) -> None:
        self.settings, self.response_clock = settings, clock
        self._presence_wanted.set()
        self._spawn(self._count_overdue(), "overdue")
        self.conversationsChanged.emit(None)

    # -- what the operator does ---------------------------------------------------------------------
    def open_conversation(self, conversation_id: int) -> None:
        self.current = conversation_id
        self._typing = False
        self._presence_wanted.set()
        self._spawn(self._load_messages(conversation_id), "messages")
        self._spawn(self._load_draft(conversation_id), "draft")

    def send_reply(
        self,
        conversation_id: int,
        text: str,
        take_over: bool = False,
        override: dict[str, str] | None = None,
        review: bool = False,
    ) -> None:
        """`override`: a supervisor's own pass {"supervisor": login, "reason": …} for a text the 错敏词
        check stopped; `review`: an operator asks a supervisor to approve it instead."""
        self._spawn(self._send(conversation_id, text, take_over, override, review))

    def act(self, kind: str, conversation_id: int, args: dict[str, Any]) -> None:
        """Status, assign, labels, note, snooze: shown at once, carried to the hub by the outbox."""
        self._spawn(self._queue(kind, conversation_id, args))

    def save_draft(self, conversation_id: int, text: str) -> None:
        self._spawn(asyncio.to_thread(self.drafts.save, conversation_id, text), f"draft-save-{conversation_id}")

    def dismiss_notice(self, conversation_id: int) -> None:
        self._spawn(asyncio.to_thread(self.drafts.clear_notice, conversation_id))

    def dismiss_refused(self, command_id: str) -> None:
        async def run() -> None:
            await asyncio.to_thread(self.queue.dismiss, command_id)
            if self.current is not None:
                await self._load_messages(self.current)

        self._spawn(run())

    def set_typing(self, typing: bool) -> None:
        if typing != self._typing:
            self._typing = typing
            self._presence_wanted.set()

    def take_over(self, conversation_id: int) -> None:
        self._spawn(self._take_over(conversation_id))

    def search(self, query: str) -> None:
        self._spawn(self._search(query), "search")

    def holder_of(self, conversation_id: int) -> tuple[str, bool] | None:
        """A colleague holding this conversation (name, typing), or None if free or held by this seat."""
        entry = self.presence.get("conversations", {}).get(str(conversation_id))
        holder = entry.get("holder") if entry else None
        if not holder or holder.get("login") == self.settings.seat_login:
            return None
        return str(holder.get("name")), bool(holder.get("typing"))

    # -- internals -------------------------------------------------------------------------------------
    def _set_online(self, online: bool, words: str = "") -> None:
        came_online = online and self.online is not True
        if self.online != online:
            self.online = online
            self.connectionChanged.emit(online, words)
        if came_online:
            self.onlineNow.emit()

    async def _refresh_all(self) -> None:
        choices = await asyncio.to_thread(self.replica.choices)
        self.choicesChanged.emit(*choices)
        self.conversationsChanged.emit(None)
        self.outboxChanged.emit(await asyncio.to_thread(self.queue.count))
        if self.current is not None:
            await self._load_messages(self.current)
        await self._count_overdue()

    async def _load_messages(self, conversation_id: int) -> None:
        rows = await asyncio.to_thread(self._timeline, conversation_id)
        if conversation_id == self.current:
            self.messagesChanged.emit(conversation_id, rows)

    def _timeline(self, conversation_id: int) -> list[MessageRow]:
        rows = self.replica.messages(conversation_id)
        for queued in self.queue.for_conversation(conversation_id):
            if queued.kind in ("reply", "note"):
                text = str(queued.args.get("content") or queued.args.get("body") or "")
            else:
                text = describe_command(queued.kind, queued.args)
            rows.append(
                MessageRow(
                    0,
                    "note" if queued.kind == "note" else "out",
                    queued.kind,
                    text,
                    queued.state,
                    queued.error_text,
                    queued.created_at,
                    author=self.settings.seat_name,
                    kind="refused" if queued.state == "refused" else "queued",
                )
            )
        return rows

    async def _load_draft(self, conversation_id: int) -> None:
        draft = await asyncio.to_thread(self.drafts.load, conversation_id)
        body, notice = draft.body, draft.notice
        returned = await asyncio.to_thread(self.replica.returned_reply, conversation_id, self.settings.seat_login)
        if returned is not None and not body.strip():
            # A reply the supervisor sent back reopens here with the comment beside it.
            body = returned[1]
            notice = tr("审核退回：{0}。修改后点发送，会重新提交审核。").format(returned[2])
        if conversation_id == self.current:
            self.draftLoaded.emit(conversation_id, body, notice)

    async def _queue(self, kind: str, conversation_id: int, args: dict[str, Any]) -> None:
        async with self._queue_lock:
            await asyncio.to_thread(self.queue.queue, kind, conversation_id, args)
        await self._queued(conversation_id)

    async def _queued(self, conversation_id: int) -> None:
        self.outboxChanged.emit(await asyncio.to_thread(self.queue.count))
        self.conversationsChanged.emit({conversation_id})
        if conversation_id == self.current:
            await self._load_messages(conversation_id)
        self._flush_wanted.set()

    async def _send(
        self,
        conversation_id: int,
        text: str,
        take_over: bool,
        override: dict[str, str] | None = None,
        review: bool = False,
    ) -> None:
        async with self._queue_lock:
            returned = await asyncio.to_thread(self.replica.returned_reply, conversation_id, self.settings.seat_login)
            if returned is not None:  # the revised text goes back to the supervisor, not to WeChat
                await asyncio.to_thread(
                    self.queue.queue, "review_resubmit", conversation_id, {"item_id": returned[0], "text": text}
                )
                await self._queued(conversation_id)
                return
            latest = await asyncio.to_thread(self.replica.latest_message_id, conversation_id)
            args: dict[str, Any] = {"content": text, "after_message_id": latest}
            if take_over:
                args["take_over"] = True
            if override:
                args["override"] = override
            if review:
                args["submit_for_review"] = True
            await asyncio.to_thread(self.queue.queue, "reply", conversation_id, args)
        await self._queued(conversation_id)

    async def _take_over(self, conversation_id: int) -> None:
        try:
            self.presence = await self.client.presence(conversation_id, self._typing, take_over=True)
        except (HubUnreachable, HubRefused) as exc:
            log.info("take over failed: %s", exc)
            return
        self._emit_presence()

    async def _flush_loop(self) -> None:
        """Send waiting commands in the order they were made; stop at the first the hub cannot take yet."""
        while True:
            try:
                await asyncio.wait_for(self._flush_wanted.wait(), FLUSH_RETRY)
            except TimeoutError:
                pass
            self._flush_wanted.clear()
            await self.flush()

    async def flush(self) -> int:
        """Returns how many commands the hub settled (applied or refused)."""
        async with self._flush_lock:
            return await self._flush()

    async def _flush(self) -> int:
        settled = 0
        for queued in await asyncio.to_thread(self.queue.waiting):
            try:
                answer = await self.client.command(queued.command_id, queued.kind, queued.conversation_id, queued.args)
            except NotSignedIn as exc:  # the work waits for the colleague to sign in again, nothing is lost
                self.signInNeeded.emit(str(exc))
                break
            except HubBusy as exc:  # reachable, but it could not keep the command now: it waits here
                self._set_online(False, str(exc))
                break
            except HubUnreachable:
                self._set_online(False, tr(OFFLINE_TEXT))
                break
            except HubRefused as exc:
                await asyncio.to_thread(self.queue.refused, queued.command_id, str(exc))
                await asyncio.to_thread(self.replica.merge_answer, exc.answer)
                if queued.conversation_id == 0:  # a library command: the editor keeps the words
                    await asyncio.to_thread(self.queue.dismiss, queued.command_id)
                    self.librarySettled.emit(queued.kind, False, str(exc), exc.answer.get("result") or {})
                else:
                    self.commandRefused.emit(queued.conversation_id, queued.kind, str(exc))
                if queued.conversation_id == self.current and queued.kind == "reply":
                    await self._load_draft(queued.conversation_id)
            else:
                await asyncio.to_thread(self.replica.merge_answer, answer)
                await asyncio.to_thread(self.queue.applied, queued.command_id)
                if queued.conversation_id == 0:
                    result = answer.get("result") or {}
                    self.librarySettled.emit(queued.kind, True, str(result.get("notice") or ""), result)
            settled += 1
            self.conversationsChanged.emit({queued.conversation_id})
            if queued.conversation_id == self.current:
                await self._load_messages(queued.conversation_id)
        if settled:
            self.outboxChanged.emit(await asyncio.to_thread(self.queue.count))
        return settled

    async def _presence_loop(self) -> None:
        while True:
            try:
                await asyncio.wait_for(self._presence_wanted.wait(), PRESENCE_EVERY)
            except TimeoutError:
                pass
            self._presence_wanted.clear()
            try:
                self.presence = await self.client.presence(self.current, self._typing)
            except (HubUnreachable, HubRefused):
                continue
            self._emit_presence()

    def _emit_presence(self) -> None:
        holders: dict[int, tuple[str, bool]] = {}
        for key in self.presence.get("conversations", {}):
            holder = self.holder_of(int(key))
            if holder is not None:
                holders[int(key)] = holder
        self.presenceChanged.emit(holders)

    async def _sync_loop(self) -> None:
        cursor = await asyncio.to_thread(self.replica.cursor)
        first = cursor == 0
        delay, caught_up = 1.0, False
        while True:
            if await asyncio.to_thread(self.queue.count):
                await self.flush()  # what the operator did offline goes first, in order
            try:
                batch = await self.client.changes(
                    cursor, wait=25 if caught_up else 0, presence=int(self.presence.get("version", -1))
                )
            except NotSignedIn as exc:
                self.signInNeeded.emit(str(exc))
                self._set_online(False, str(exc))
                await self._signed_in.wait()  # the window signs in again, then syncing goes on
                self._signed_in.clear()
                continue
            except HubUnreachable as exc:
                log.info("hub unreachable: %s", exc)
                self._set_online(False, tr(OFFLINE_TEXT))
                await asyncio.sleep(delay)
                delay, caught_up = min(delay * 2, 30.0), False
                continue
            self._set_online(True)
            delay = 1.0
            hub_now = parse_iso(batch.get("now"))
            if hub_now is not None:
                offset = hub_now - utcnow()
                shifted = abs((offset - self.hub_offset).total_seconds()) > 1
                self.hub_offset = offset
                if shifted:
                    self.clockShifted.emit()
            if "presence" in batch and batch["presence"].get("version") != self.presence.get("version"):
                self.presence = batch["presence"]
                self._emit_presence()
            if batch["cursor"] != cursor:
                await asyncio.to_thread(self.replica.apply, batch)
                cursor = await asyncio.to_thread(self.replica.cursor)  # 0 again when an account was granted
                self._announce(batch, quiet=first)
                changed = {int(c["id"]) for c in batch.get("conversations", [])}
                # A follower's name or a colleague's changes rows this batch does not name: read all again.
                parents_changed = _parents_changed(batch)
                self.conversationsChanged.emit(None if parents_changed else changed)
                if batch.get("staff") or batch.get("labels") or batch.get("accounts"):
                    self.choicesChanged.emit(*await asyncio.to_thread(self.replica.choices))
                if batch.get("templates") or batch.get("rules") or batch.get("accounts") or batch.get("staff"):
                    self.libraryChanged.emit()
                if batch.get("checklist_items") or batch.get("checklist_records") or batch.get("accounts"):
                    self.checklistChanged.emit()
                if batch.get("posts") or batch.get("accounts"):
                    self.postsChanged.emit(list(batch.get("posts") or []))
                if batch.get("review_items") or batch.get("review_policies"):
                    self.reviewChanged.emit()
                    if self.current is not None and any(
                        r.get("conversation_id") == self.current for r in batch.get("review_items", [])
                    ):
                        await self._load_messages(self.current)
                        await self._load_draft(self.current)
                if self.current in changed or any(
                    n.get("conversation_id") == self.current for n in batch.get("notes", [])
                ):
                    await self._load_messages(self.current)  # type: ignore[arg-type]
                await self._count_overdue()
            caught_up = not batch.get("more")
            first = first and not caught_up

    def _announce(self, batch: dict[str, Any], quiet: bool) -> None:
        """New follower messages raise a notification (not the first catch-up of an empty replica)."""
        inbound = [m for m in batch.get("messages", []) if m.get("direction") == "in" and not m.get("event")]
        if inbound and not quiet:
            self.newMessages.emit(len(inbound), str(inbound[-1].get("content") or "")[:60])

    async def _overdue_loop(self) -> None:
        while True:
            await asyncio.sleep(OVERDUE_EVERY)
            await self._count_overdue()

    async def _count_overdue(self) -> None:
        waits = await asyncio.to_thread(self.replica.oldest_waiting)
        self.waitingChanged.emit(len(waits))
        self.overdueChanged.emit(self.response_clock.overdue(waits, self.now()))

    async def _search(self, query: str) -> None:
        await asyncio.sleep(0.12)  # typing continues: the next keystroke cancels this one
        hits = await asyncio.to_thread(self.replica.search, query) if query.strip() else []
        self.searchDone.emit(query, hits)


def _parents_changed(batch: dict[str, Any]) -> bool:
    """Whether a follower, account or colleague changed on its own (not just sent along as the parent
    of a conversation in the batch): then rows the batch does not name show stale names."""
    conversations = batch.get("conversations", [])
    for key, column in (("followers", "follower_id"), ("accounts", "account_id"), ("staff", "assignee_id")):
        sent_along = {c.get(column) for c in conversations}
        if any(row["id"] not in sent_along for row in batch.get(key, [])):
            return True
    return False


def describe_command(kind: str, args: dict[str, Any]) -> str:
    """A queued command in words, for the history while it waits."""
    if kind == "status":
        return tr("状态改为") + status_word(str(args.get("status")))
    if kind == "assign":
        return tr("指派给同事") if args.get("staff_id") else tr("取消指派")
    if kind == "labels":
        return tr("标签：") + "、".join(args.get("add", []))
    if kind == "snooze":
        return tr("稍后处理")
    return kind
