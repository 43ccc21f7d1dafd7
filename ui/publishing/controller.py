"""The desk side of publishing: reads the calendar (posts, each account's rhythm, the 群发 quota left)
from the replica off the GUI thread, keeps articles being written in the durable replica as they are
typed, sends them to the hub when it is reachable (pictures first), and carries plans and decisions to
the hub through the inbox's outbox.

A plan past WeChat's quota is refused here, from the replica, before any command leaves the desk; the
hub checks again (a colleague may have planned a send meanwhile)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from console.paths import data_dir
from console.publishing import board
from console.publishing.articles import asset_refs
from console.publishing.asset_files import LocalAssets
from console.publishing.lifecycle import POST_KINDS
from console.publishing.quota import QuotaVerdict
from console.publishing.slots import PublishingPlan
from console.staff.roles import is_administrator
from console.sync.client import HubRefused, HubUnreachable, NotSignedIn
from console.sync.post_drafts import LocalPost, PostDrafts
from console.workcal.holidays import HolidayTable
from console.workcal.hours import china_today, from_china
from ui.format import tr
from ui.inbox.controller import InboxController

log = logging.getLogger(__name__)
SEND_DELAY_MS = 1500  # after the last keystroke, the draft goes to the hub (it is on disk at once)


@dataclass
class Board:
    """What the calendar page shows: plain data, read off the GUI thread."""

    first: date
    last: date
    appid: str | None
    posts: list[board.PostRow] = field(default_factory=list)
    unplanned: list[board.PostRow] = field(default_factory=list)
    plans: list[board.AccountPlan] = field(default_factory=list)
    quota: dict[date, QuotaVerdict] = field(default_factory=dict)
    today: date | None = None


class PublishingController(QObject):
    boardLoaded = Signal(object)  # Board
    settled = Signal(str, bool, str)  # kind, applied, words
    refused = Signal(str)  # a plan refused on this desk before anything was sent (quota), in words
    draftSent = Signal(int, object)  # local draft id, the hub's answer (post_id, conflict, hits…)
    draftNotice = Signal(int, str)  # local draft id, why the hub did not keep it
    alarmsChanged = Signal(int, str)  # accounts at alarm or warning, a line for the sidebar

    def __init__(
        self,
        inbox: InboxController,
        table: HolidayTable | None = None,
        assets: LocalAssets | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.table = table or HolidayTable.load()
        self.assets = assets or LocalAssets(data_dir() / "assets")
        self.drafts = PostDrafts(inbox.replica.db)
        self.span: tuple[date, date] = (date.today().replace(day=1), date.today())
        self.appid: str | None = None
        self.board: Board | None = None
        self.roles = ""  # the signed-in colleague's, "|operator|administrator|"
        self._plan_bases: dict[str, int] = {}  # appid → the plan version shown: the next save's base
        self._sending = asyncio.Lock()
        self._send_timer = QTimer(self, singleShot=True, interval=SEND_DELAY_MS)
        self._send_timer.timeout.connect(self.send_drafts)
        inbox.postsChanged.connect(lambda _rows: self.reload())
        inbox.onlineNow.connect(self.send_drafts)
        inbox.librarySettled.connect(self._settled)

    # -- reading --------------------------------------------------------------------------------------
    def show_span(self, first: date, last: date, appid: str | None) -> None:
        self.span, self.appid = (first, last), appid
        self.reload()

    def today(self) -> date:
        return china_today(self.inbox.now())

    def reload(self) -> None:
        self.inbox._spawn(self._reload(), "calendar")

    async def _reload(self) -> None:
        (first, last), appid = self.span, self.appid
        loaded = await asyncio.to_thread(self._read, first, last, appid)
        if (first, last) != self.span or appid != self.appid:
            return  # the page moved on meanwhile; its own reload follows
        self.board = loaded
        self.boardLoaded.emit(loaded)

        # The sidebar counts what the inspection judges: days since the last post (warning from day 10),
        # and any alarm; empty weekends ahead show on the calendar only.
        def pressing(plan: board.AccountPlan) -> list[str]:
            return [f.text for f in plan.rhythm.findings if f.kind == "since_last" or f.level == "alarm"]

        bad = [p for p in loaded.plans if pressing(p)]
        words = "；".join(f"{p.name}：{pressing(p)[0]}" for p in bad)
        self.alarmsChanged.emit(len(bad), words)

    def _read(self, first: date, last: date, appid: str | None) -> Board:
        today = self.today()
        with self.inbox.replica.db.session() as session:
            days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
            return Board(
                first=first,
                last=last,
                appid=appid,
                posts=board.posts_between(session, first, last, appid),
                unplanned=board.unplanned(session, appid),
                plans=board.account_plans(session, today, self.table),
                quota=board.quota_left(session, appid, days) if appid else {},
                today=today,
            )

    def post(self, post_id: int) -> board.PostRow | None:
        with self.inbox.replica.db.session() as session:
            return board.post_row(session, post_id)

    def accounts(self) -> list[tuple[str, str]]:
        return self.inbox.replica.account_list()

    def set_staff(self, staff: dict[str, Any]) -> None:
        self.roles = str(staff.get("roles") or "")

    @property
    def administrator(self) -> bool:
        """May change publishing times (the hub decides; this only spares a refusal)."""
        return is_administrator(self.roles)

    def plan(self, appid: str) -> PublishingPlan:
        """The account's publishing times as this desk holds them; their version, as read now, is the base
        of the next save (or this desk's own last save's, while the copy here has not caught up)."""
        with self.inbox.replica.db.session() as session:
            version = board.plan_version_of(session, appid)
            if version is not None:
                self._plan_bases[appid] = max(version, self._plan_bases.get(appid, 0))
            return board.plan_for(session, appid) or PublishingPlan.from_json(None)

    def save_plan(self, appid: str, plan: PublishingPlan) -> None:
        """An account's publishing times, to the hub through the outbox; the answer comes on `settled`. A
        colleague's change since the plan was shown is refused by the hub in words, never saved over."""
        args = {"account": appid, "plan": plan.to_json(), "base_version": self._plan_bases.get(appid)}
        self.inbox.act("publishing_plan", 0, args)

    # -- planning (through the outbox) ----------------------------------------------------------------
    def reschedule(self, post_id: int, when_local: datetime | None, mode: str | None = None) -> bool:
        """Move a post (China wall-clock time), or take it off the calendar (None). False, with the
        reason on `refused`, when WeChat's 群发 quota would be broken — before anything is sent."""
        row = self.post(post_id)
        if row is None:
            self.refused.emit(tr("找不到这篇图文，可能已被同事删除。"))
            return False
        mode = mode or row.mode
        when = from_china(when_local) if when_local is not None else None
        if when is not None:
            if when < self.inbox.now() - timedelta(minutes=1):
                self.refused.emit(tr("不能排到已经过去的时间；要马上发出请用“立即发布”。"))
                return False
            with self.inbox.replica.db.session() as session:
                reason = board.quota_check(session, post_id, when, mode)
            if reason:
                self.refused.emit(reason)
                return False
        args: dict[str, Any] = {"post_id": post_id, "scheduled_at": None, "mode": mode}
        if when is not None:
            args["scheduled_at"] = when.isoformat() + "+00:00"
        self.inbox.act("post_schedule", 0, args)
        return True

    def submit(self, post_id: int, urgent: bool = False) -> None:
        self.inbox.act("post_submit", 0, {"post_id": post_id, "urgent": urgent})

    def publish_now(self, post_id: int, confirmed: bool = False) -> None:
        row = self.post(post_id)
        if row is not None and row.mode == "mass":
            with self.inbox.replica.db.session() as session:
                reason = board.quota_check(session, post_id, self.inbox.now(), "mass")
            if reason:
                self.refused.emit(reason)
                return
        args: dict[str, Any] = {"post_id": post_id}
        if confirmed:
            args["confirmed_not_published"] = True
        self.inbox.act("post_publish_now", 0, args)

    def decide(self, post_id: int, decision: str, confirmed: bool = False) -> None:
        args: dict[str, Any] = {"post_id": post_id, "decision": decision}
        if confirmed:
            args["confirmed_not_published"] = True
        self.inbox.act("post_decide", 0, args)

    def delete(self, post_id: int) -> None:
        self.inbox.act("post_delete", 0, {"post_id": post_id})

    def _settled(self, kind: str, applied: bool, words: str, result: object) -> None:
        if kind not in POST_KINDS:
            return
        answer = result if isinstance(result, dict) else {}
        if kind == "publishing_plan" and applied and answer.get("account") and answer.get("version"):
            self._plan_bases[str(answer["account"])] = int(answer["version"])  # the next save's base
        elif kind == "publishing_plan" and answer.get("stale"):
            self._plan_bases.clear()  # read again from the synced copy when the plan is shown again
        if applied and not words:
            words = str(answer.get("warning") or "")
        self.settled.emit(kind, applied, words)
        self.reload()

    # -- drafts ---------------------------------------------------------------------------------------
    def open_draft(self, post_id: int) -> LocalPost | None:
        """This desk's unsent version of a post, if any (it wins over the synced copy)."""
        return self.drafts.for_post(post_id)

    def save_draft(
        self,
        local_id: int | None,
        *,
        appid: str,
        articles: list[dict[str, Any]],
        mode: str,
        scheduled_local: datetime | None,
        urgent: bool,
        post_id: int | None,
    ) -> int:
        """On disk before it returns; sent to the hub shortly after the typing stops."""
        local_id = self.drafts.save(
            local_id,
            appid=appid,
            articles=articles,
            mode=mode,
            scheduled_at=from_china(scheduled_local) if scheduled_local is not None else None,
            urgent=urgent,
            post_id=post_id,
        )
        self._send_timer.start()
        return local_id

    def send_drafts(self) -> None:
        self.inbox._spawn(self._send_drafts(), "post-drafts")

    async def send_now(self) -> None:
        self._send_timer.stop()
        await self._send_drafts()

    async def _send_drafts(self) -> None:
        async with self._sending:
            for local in await asyncio.to_thread(self.drafts.unsent):
                sending = await asyncio.to_thread(self.drafts.begin, local.id)
                if sending is None:
                    continue
                try:
                    await self._upload_assets(local.articles)
                    answer = await self.inbox.client.command(sending.command_id, "post_save", 0, sending.args)
                except NotSignedIn as exc:
                    self.inbox.signInNeeded.emit(str(exc))
                    return
                except HubUnreachable:
                    return  # kept on disk with its command id; sent when the hub is back
                except HubRefused as exc:
                    await asyncio.to_thread(self.drafts.refused, sending, str(exc))
                    self.draftNotice.emit(local.id, str(exc))
                    continue
                result = answer.get("result") or {}
                await asyncio.to_thread(self.drafts.settled, sending, result)
                await asyncio.to_thread(self.inbox.replica.merge_answer, answer)
                self.draftSent.emit(local.id, result)
            self.reload()

    async def _upload_assets(self, articles: list[dict[str, Any]]) -> None:
        refs = asset_refs(articles)
        if not refs:
            return
        for ref in await self.inbox.client.missing_assets(refs):
            data = await asyncio.to_thread(self.assets.read, ref)
            if data is None:
                raise HubRefused(tr("文中有一张图片在本机找不到了，请重新插入后再保存。"), {})
            await self.inbox.client.put_asset(ref, data)

    async def fetch_assets(self, articles: list[dict[str, Any]]) -> int:
        """Pictures a colleague put in an article, fetched from the hub into this desk's store."""
        fetched = 0
        for ref in asset_refs(articles):
            if self.assets.path(ref) is not None:
                continue
            try:
                data = await self.inbox.client.get_asset(ref)
            except (HubUnreachable, HubRefused, NotSignedIn) as exc:
                log.info("picture %s not fetched: %s", ref[:14], exc)
                continue
            await asyncio.to_thread(self.assets.put, data, "")
            fetched += 1
        return fetched
