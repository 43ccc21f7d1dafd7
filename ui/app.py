"""Starting the desktop: Qt application, qasync loop, the hub (given or embedded), the replica."""

from __future__ import annotations

import asyncio
import hashlib
import os
import sys
from collections.abc import Awaitable, Callable

import qasync
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from console.hub.serve import build_hub
from console.paths import data_dir, default_db_url, resources_dir
from console.runtime import ServerThread
from console.store.database import open_database
from console.sync.client import HubClient
from console.sync.replica import Replica
from ui.format import tr
from ui.i18n import install_translator
from ui.inbox.controller import InboxController
from ui.main_window import MainWindow

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


def start_embedded_hub(db_url: str) -> tuple[ServerThread, str]:
    """A solo office: the hub runs in this process, on its own thread and loopback port."""
    servers = ServerThread("wxconsole-hub")
    try:
        _ctx, hub_app = build_hub(db_url)
        return servers, servers.serve(hub_app)
    except BaseException:
        servers.stop()
        raise


class Console:
    """The window, its controllers and the replica, wired together around one hub URL."""

    def __init__(self, hub_url: str, replica_db_url: str | None = None) -> None:
        self.hub_url = hub_url
        self.replica_db = open_database(replica_db_url or replica_url(hub_url))
        self.window = MainWindow()
        self.inbox = InboxController(Replica(self.replica_db), HubClient(hub_url))
        page = self.window.inbox
        self.inbox.conversationsChanged.connect(page.set_conversations)
        self.inbox.messagesChanged.connect(page.set_messages)
        self.inbox.connectionChanged.connect(self.window.set_connection)
        self.inbox.replyStarted.connect(page.reply_started)
        self.inbox.replyDone.connect(page.reply_done)
        self.inbox.replyNotSent.connect(page.reply_not_sent)
        page.conversationSelected.connect(self.inbox.open_conversation)
        page.replyRequested.connect(self.inbox.send_reply)

    def start(self) -> None:
        self.inbox.start()
        self.window.show()

    async def stop(self) -> None:
        await self.inbox.stop()
        self.replica_db.dispose()


def run_in_loop(app: QApplication, main: Callable[[], Awaitable[int]]) -> int:
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(main())


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
