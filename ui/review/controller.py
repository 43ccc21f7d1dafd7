"""The desk side of review: reads the signed-in colleague's queue, their own submissions and the
accounts' policies from the replica (off the GUI thread), and carries every decision to the hub through
the inbox's outbox, so a decision made offline goes once when the hub is back.

A decision hides its item from the queue at once (the supervisor moves on) until the hub has answered;
a refusal brings it back, with the hub's words."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.review import views
from console.review.commands import REVIEW_KINDS
from console.review.queue import MyItem, QueueRow
from console.staff.roles import is_administrator, may_review
from ui.format import tr
from ui.inbox.controller import InboxController

log = logging.getLogger(__name__)


@dataclass
class Review:
    """What the page last showed: plain data, read off the GUI thread."""

    queue: list[QueueRow] = field(default_factory=list)
    mine: list[MyItem] = field(default_factory=list)
    policies: list[views.PolicyRow] = field(default_factory=list)


class ReviewController(QObject):
    queueLoaded = Signal(list)  # list[QueueRow], oldest first, without the items decided but not yet settled
    mineLoaded = Signal(list)  # list[MyItem]
    policiesLoaded = Signal(list)  # list[views.PolicyRow]
    settled = Signal(str, bool, str)  # kind, applied, words (the hub's refusal, or what happened)
    pendingCount = Signal(int)  # items waiting for this colleague, for the sidebar
    meChanged = Signal(str, str)  # login, roles ("|operator|supervisor|")
    urgentArrived = Signal(list)  # list[QueueRow]: urgent items (突发/辟谣) new in this reviewer's queue

    def __init__(self, inbox: InboxController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.login = ""
        self.roles = ""
        self.review = Review()
        self._deciding: deque[tuple[str, int]] = deque()  # (kind, item id) sent, not yet answered
        self._urgent_seen: set[int] = set()
        inbox.reviewChanged.connect(self.reload)
        inbox.libraryChanged.connect(self.reload)  # staff rows (roles, accounts) and account names
        inbox.librarySettled.connect(self._settled)

    def start(self) -> None:
        self.reload()

    def set_me(self, login: str, roles: str) -> None:
        """The colleague who signed in: whose queue and submissions the page shows."""
        self.login, self.roles = login, roles
        self.meChanged.emit(login, roles)
        self.reload()

    @property
    def reviewer(self) -> bool:
        return may_review(self.roles)

    @property
    def administrator(self) -> bool:
        return is_administrator(self.roles)

    # -- reading --------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.inbox._spawn(self._reload(), "review")

    async def _reload(self) -> None:
        login = self.login
        queue, mine, policies = await asyncio.to_thread(self._read, login)
        if login != self.login:  # someone else signed in meanwhile: their reload follows
            return
        self.review = Review(queue, mine, policies)
        fresh = [row for row in queue if row.urgent and row.id not in self._urgent_seen]
        self._urgent_seen |= {row.id for row in fresh}
        if fresh:
            self.urgentArrived.emit(fresh)  # every supervisor hears of it at once, not when they look
        self._emit_queue()
        self.mineLoaded.emit(mine)
        self.policiesLoaded.emit(policies)

    def _read(self, login: str) -> tuple[list[QueueRow], list[MyItem], list[views.PolicyRow]]:
        with self.inbox.replica.db.session() as session:
            queue = views.queue_for(session, login, self.inbox.now()) if login else []
            mine = views.mine_for(session, login) if login else []
            return queue, mine, views.policies(session)

    def _emit_queue(self) -> None:
        hidden = {item_id for _, item_id in self._deciding}
        rows = [row for row in self.review.queue if row.id not in hidden]
        self.queueLoaded.emit(rows)
        self.pendingCount.emit(len(rows))

    # -- deciding (through the outbox) ----------------------------------------------------------------
    def _send(self, kind: str, args: dict[str, Any], hide: int | None = None) -> None:
        if hide is not None:
            self._deciding.append((kind, hide))
            self._emit_queue()
        self.inbox.act(kind, 0, args)

    def _level(self, item_id: int) -> int | None:
        """The level the page showed for this item: the hub refuses it if a colleague decided meanwhile."""
        return next((row.level for row in self.review.queue if row.id == item_id), None)

    def approve(self, item_id: int, edited_text: str | None = None, note: str = "") -> None:
        args: dict[str, Any] = {"item_id": item_id}
        if edited_text is not None:
            args["edited_text"] = edited_text
        if note.strip():
            args["note"] = note.strip()
        level = self._level(item_id)
        if level is not None:
            args["level"] = level
        self._send("review_approve", args, hide=item_id)

    def approve_many(self, ids: list[int]) -> None:
        """One command per item, in the order given; each is answered on its own."""
        for item_id in ids:
            self.approve(item_id)

    def send_back(self, item_id: int, comment: str) -> None:
        self._send("review_send_back", {"item_id": item_id, "comment": comment}, hide=item_id)

    def resubmit(self, item_id: int, text: str) -> None:
        self._send("review_resubmit", {"item_id": item_id, "text": text})

    def withdraw(self, item_id: int) -> None:
        self._send("review_withdraw", {"item_id": item_id})

    def save_policy(
        self,
        appid: str,
        replies: str,
        labels: list[str],
        levels: int,
        urgent_levels: int | None = None,
        base_version: int = 0,
    ) -> None:
        """`base_version`: the policy's version the page showed (0 for none): a colleague's change since
        is refused with words, not overwritten."""
        args: dict[str, Any] = {
            "account": appid,
            "replies": replies,
            "labels": list(labels),
            "article_levels": int(levels),
            "base_version": int(base_version),
        }
        if urgent_levels is not None:
            args["urgent_levels"] = int(urgent_levels)
        self._send("review_policy", args)

    # -- the hub's answers ----------------------------------------------------------------------------
    def _settled(self, kind: str, applied: bool, words: str, result: object) -> None:
        if kind not in REVIEW_KINDS:
            return
        # The outbox sends in order, so the oldest decision of this kind is the one answered.
        for entry in self._deciding:
            if entry[0] == kind:
                self._deciding.remove(entry)
                break
        details = result if isinstance(result, dict) else {}
        self.settled.emit(kind, applied, words if not applied or words else done_words(kind, details))
        self.reload()


def done_words(kind: str, result: dict[str, Any]) -> str:
    """What an applied review command did, in words."""
    if kind == "review_approve":
        if result.get("message_id"):
            return tr("已通过，回复已发给粉丝。")
        if result.get("state") == "pending":
            return tr("已通过第 {level} 级，等待下一级审核。").format(level=result.get("level") or 1)
        return tr("已审核通过。")
    if kind == "review_send_back":
        return tr("已退回给撰稿人。")
    if kind == "review_resubmit":
        return tr("已重新提交，等待审核。")
    if kind == "review_withdraw":
        return tr("已撤回。")
    if kind == "review_policy":
        return tr("审核规则已保存。")
    return ""
