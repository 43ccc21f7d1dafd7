"""Starting the desktop: Qt application, qasync loop, the hub (given or embedded), the replica."""

from __future__ import annotations

import asyncio
import hashlib
import os
import sys
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime

import qasync
import shiboken6
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from console.inbox.timers import ResponseClock
from console.paths import data_dir, default_db_url, resources_dir
from console.runtime import ServerThread
from console.screening import Screener
from console.settings import Settings, load_settings
from console.solo import embedded_setup_code, start_embedded_hub
from console.staff.roles import may_review
from console.sync.client import HubClient
from console.sync.credentials import TokenStore
from console.sync.media import MediaCache, MediaUnavailable
from console.sync.replica import Replica, open_replica
from console.sync.wordlists import WordListCache
from console.workcal import HolidayTable
from ui.collector import MainThreadCollector
from ui.compliance.controller import ComplianceController
from ui.format import tr
from ui.i18n import install_translator
from ui.inbox.controller import InboxController
from ui.main_window import MainWindow
from ui.notify import Notifier
from ui.publishing.controller import PublishingController
from ui.publishing.editor_dialog import EditorDialog
from ui.replies.library_controller import LibraryController
from ui.review.audit_log import AuditLogView
from ui.review.controller import ReviewController
from ui.session import DeskSession

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC")


def make_application(offscreen: bool = False) -> QApplication:
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    install_translator(app)  # WXCONSOLE_LANG or the system locale; Chinese unless English is asked for
    app.setApplicationName("wxconsole")
    app.setApplicationDisplayName(tr("政务微信工作台"))
    apply_look(app)
    return app


def apply_look(app: QApplication) -> None:
    """A CJK font when the machine has one (else Chinese renders as boxes), and the office style."""
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            app.setFont(QFont(family, 10))
            break
    qss = resources_dir() / "styles" / "console.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    icon = resources_dir() / "icons" / "wxconsole.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def replica_url(hub_key: str) -> str:
    """One replica per hub (its URL, or for an embedded hub its database), so two hubs never mix rows."""
    digest = hashlib.sha1(hub_key.encode("utf-8")).hexdigest()[:12]
    return f"sqlite:///{data_dir() / f'replica-{digest}.db'}"


def response_clock(settings: Settings) -> ResponseClock:
    """The working-day calendar as this desk has it: shipped holiday tables plus the office's own."""
    return ResponseClock(HolidayTable.load(), settings.hours(), settings.overdue_hours)


class Console:
    """The window, its controllers and the replica, wired together around one hub URL."""

    def __init__(
        self,
        hub_url: str,
        replica_db_url: str | None = None,
        settings: Settings | None = None,
        password: str | None = None,
        tokens: TokenStore | None = None,
    ) -> None:
        """`password`: sign in as `settings.seat_login` without a dialog (the demo and tests only);
        `tokens`: where the session token is kept (default: the system key store)."""
        self.hub_url = hub_url
        self.settings = settings or load_settings()
        self.replica_db = open_replica(replica_db_url or replica_url(hub_url))
        self.window = MainWindow(self.settings)
        self.notifier = Notifier(self.settings, self.window)
        replica = Replica(self.replica_db)
        client = HubClient(hub_url)
        self.media = MediaCache(data_dir() / "media-cache", hub_url, token=lambda: client.token)
        replica.on_withdrawn = self.media.forget  # a withdrawn account's pictures leave this computer too
        self.inbox = InboxController(replica, client, self.settings, response_clock(self.settings))
        tokens = tokens or TokenStore(hub_url)
        self.session = DeskSession(
            client,
            tokens,
            self.settings.seat_login,
            self.window,
            password,
            setup_code=lambda: embedded_setup_code(hub_url),
        )
        self.session.signedIn.connect(self._signed_in)
        self.session.notice.connect(lambda text: self.window.statusBar().showMessage(text, 20000))
        self.inbox.signInNeeded.connect(self.session.when_needed(self.inbox.signed_in))
        page = self.window.inbox
        page.conversations.set_source(replica)
        self._set_clock()
        c = self.inbox
        c.conversationsChanged.connect(page.refresh)
        c.messagesChanged.connect(page.set_messages)
        c.draftLoaded.connect(page.load_draft)
        c.presenceChanged.connect(page.set_holders)
        c.choicesChanged.connect(page.set_choices)
        c.commandRefused.connect(page.command_refused)
        c.commandRefused.connect(
            lambda _cid, _kind, reason: self.window.statusBar().showMessage(tr("服务端没有执行：") + reason, 15000)
        )
        c.searchDone.connect(page.show_results)
        c.connectionChanged.connect(self.window.set_connection)
        c.outboxChanged.connect(self._outbox_changed)
        c.newMessages.connect(self.notifier.new_messages)
        c.overdueChanged.connect(self._overdue_changed)
        c.waitingChanged.connect(self.notifier.set_badge)
        c.clockShifted.connect(page.refresh_clock)
        page.conversationSelected.connect(c.open_conversation)
        page.replyRequested.connect(c.send_reply)
        page.actionRequested.connect(c.act)
        page.draftEdited.connect(c.save_draft)
        page.typingChanged.connect(c.set_typing)
        page.takeOverRequested.connect(c.take_over)
        page.searchRequested.connect(c.search)
        page.mediaRequested.connect(self._open_media)
        page.shortcutSheetRequested.connect(self.window.show_shortcuts)
        page.overrideReplyRequested.connect(
            lambda cid, text, take_over, override: c.send_reply(
                cid, text, take_over, None if override.get("review") else override, bool(override.get("review"))
            )
        )
        self.library = LibraryController(c, WordListCache(data_dir() / "wordlists-from-hub"))
        self.library.loaded.connect(lambda lib: page.set_library(lib.templates, lib.values, lib.supervisors))
        self.library.screenerChanged.connect(page.composer.set_screener)
        self.window.library_page.set_controller(self.library)
        page.templateUsed.connect(self.library.used)
        self.review = ReviewController(c)
        self.window.review_page.set_controller(self.review)
        self.audit_log = AuditLogView(client)  # 审核 → 操作日志, for reviewers (the hub refuses others)
        self.window.review_page.tabs.addTab(self.audit_log, tr("操作日志"))
        self.window.review_page.tabs.setTabVisible(self.window.review_page.tabs.count() - 1, False)
        self.review.pendingCount.connect(self.window.set_review_badge)
        self.library.screenerChanged.connect(self.window.review_page.set_screener)
        self.session.signedIn.connect(
            lambda staff: self.review.set_me(str(staff["login"]), str(staff.get("roles") or ""))
        )
        self.compliance = ComplianceController(c)
        self.window.checklist_page.set_controller(self.compliance)
        self.window.compliance_page.set_controller(self.compliance)
        self.session.signedIn.connect(self.compliance.set_staff)
        self.compliance.overdueChanged.connect(self.window.set_checklist_badge)
        self.publishing = PublishingController(c)
        self.window.calendar_page.set_controller(self.publishing)
        self.session.signedIn.connect(self.publishing.set_staff)
        self.window.calendar_page.editRequested.connect(self.open_post_editor)
        self.publishing.alarmsChanged.connect(self.window.set_calendar_alarm)
        self.review.urgentArrived.connect(self._urgent_arrived)
        self.library.screenerChanged.connect(self._screener_changed)
        self.screener: Screener | None = None
        self.editors: list[EditorDialog] = []
        page.office_hours_text = self.settings.hours().describe()
        words = self.window.settings_page.wordlist_box
        self.library.wordlistsLoaded.connect(words.show_lists)
        self.library.wordlistsFailed.connect(lambda text: words.show_status(text, True))
        words.saveRequested.connect(self.library.save_wordlists)
        words.reloadRequested.connect(self.library.refresh_wordlists)
        self.notifier.notified.connect(
            lambda title, text: self.window.statusBar().showMessage(f"{title}：{text}", 8000)
        )
        self.notifier.badgeChanged.connect(self.window.set_inbox_badge)
        self.notifier.openRequested.connect(self._raise_window)
        self.window.settings_page.settingsChanged.connect(self._settings_changed)
        self.window.settings_page.holidaysChanged.connect(lambda _year: self._settings_changed(self.settings))
        self._overdue = 0

    def open_post_editor(self, post_id: object, appid: object, when: object) -> EditorDialog:
        """An article in its own window (several may be open); it saves as it is typed."""
        for dialog in self.editors:
            if post_id is not None and dialog.post_id == post_id and shiboken6.isValid(dialog):
                dialog.raise_()
                dialog.activateWindow()
                return dialog
        dialog = EditorDialog(
            self.publishing,
            post_id=int(post_id) if post_id is not None else None,  # type: ignore[call-overload]
            appid=str(appid) if appid else None,
            when=when if isinstance(when, datetime) else None,
            screener=self.screener,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _obj=None, d=dialog: self.editors.remove(d) if d in self.editors else None)
        self.editors.append(dialog)
        dialog.show()
        return dialog

    def _screener_changed(self, screener: Screener) -> None:
        self.screener = screener
        for dialog in self.editors:
            if shiboken6.isValid(dialog):
                dialog.set_screener(screener)

    def _urgent_arrived(self, rows: list) -> None:
        """Every supervisor hears of an urgent article (突发/辟谣) at once, whatever page is open."""
        titles = "、".join(f"{row.account_name}：{row.content[:20]}" for row in rows[:3])
        self.notifier.urgent(
            tr("紧急审核"), tr("{n} 篇突发/辟谣图文等待审核：{titles}").format(n=len(rows), titles=titles)
        )

    def _set_clock(self) -> None:
        clock = self.inbox.response_clock
        self.window.inbox.set_clock(self.inbox.now, lambda since: clock.measure(since, self.inbox.now()))

    def _settings_changed(self, settings: Settings) -> None:
        self.settings = settings
        self.notifier.apply_settings(settings)
        self.inbox.apply_settings(settings, response_clock(settings))
        self.window.inbox.office_hours_text = settings.hours().describe()
        self.window.library_page.set_office_hours(settings.hours().describe())
        self._set_clock()

    def _outbox_changed(self, waiting: int) -> None:
        if waiting:
            self.window.statusBar().showMessage(tr("{n} 项操作等待发往服务端，联网后自动按顺序发出").format(n=waiting))
        else:
            self.window.statusBar().clearMessage()

    def _overdue_changed(self, count: int) -> None:
        if count > self._overdue:
            self.notifier.overdue(count)
        self._overdue = count

    def _open_media(self, message_id: int) -> None:
        async def run() -> None:
            try:
                path = await self.media.fetch(message_id)
            except MediaUnavailable as exc:
                self.window.statusBar().showMessage(str(exc), 10000)
                return
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self.inbox._spawn(run())

    def _raise_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def start(self) -> None:
        self.window.show()
        self.inbox._spawn(self._start())

    async def _start(self) -> None:
        await self.session.ensure()  # offline: the desk works on; the hub asks again when it is back
        self.inbox.start()
        self.library.start()
        self.review.start()
        self.publishing.reload()
        self.compliance.start()
        self.publishing.send_drafts()  # articles written while the desk was closed or offline

    def _signed_in(self, staff: dict) -> None:
        """The desk works in the signed-in colleague's name (the hub takes it from the session anyway)."""
        self.settings = replace(self.settings, seat_login=str(staff["login"]), seat_name=str(staff["name"]))
        self.inbox.settings = self.settings
        roles = str(staff.get("roles") or "")
        self.window.set_signed_in(str(staff["name"]), roles)
        self.window.inbox.me = (str(staff["login"]), str(staff["name"]))
        self.window.inbox.i_review = may_review(roles)
        tabs = self.window.review_page.tabs
        tabs.setTabVisible(tabs.indexOf(self.audit_log), self.window.inbox.i_review)
        if self.window.inbox.i_review:
            self.audit_log.refresh()

    async def stop(self) -> None:
        for dialog in list(self.editors):
            if shiboken6.isValid(dialog):
                dialog.close()  # an open article is saved on this computer first
        composer = self.window.inbox.composer
        if shiboken6.isValid(composer):  # the window may already be gone (closed first)
            composer.flush_draft()
        await self.inbox.stop()
        await self.media.close()
        if shiboken6.isValid(self.notifier):  # the window (its parent) may already be gone
            self.notifier.close()
        self.replica_db.dispose()


def run_in_loop(app: QApplication, main: Callable[[], Awaitable[int]]) -> int:
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    collector = MainThreadCollector()  # the hub's and the executor's threads never destroy a Qt object
    try:
        with loop:
            return loop.run_until_complete(main())
    finally:
        collector.close()


def run_desktop(hub_url: str | None, db_url: str | None = None, offscreen: bool = False) -> int:
    """`wxconsole`: the window against a hub; with none given, an embedded hub in this process."""
    app = make_application(offscreen)
    servers: ServerThread | None = None
    if hub_url is None:
        db_url = db_url or default_db_url()
        servers, hub_url = start_embedded_hub(db_url)
        console = Console(hub_url, replica_url(f"embedded:{db_url}"))
    else:
        console = Console(hub_url)

    async def main() -> int:
        closed = asyncio.Event()
        app.aboutToQuit.connect(closed.set)
        console.start()
        await closed.wait()
        await console.stop()
        return 0

    try:
        return run_in_loop(app, main)
    finally:
        if servers is not None:
            servers.stop()
