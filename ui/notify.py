"""Telling the operator something needs them while the window is in the background: a tray message, an
optional beep, and the count beside 收件箱 in the sidebar.

Notifications are gathered: the first call starts a short wait, everything arriving meanwhile joins it, and
after one is shown the next waits at least `min_gap_ms`. A sync that brings 50 messages at once makes one
notification, and a steady stream makes one every few seconds, never one per message.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from console.paths import resources_dir
from console.settings import Settings
from ui.format import tr

GATHER_MS = 1500  # wait this long for the rest of a burst
MIN_GAP_MS = 15000  # at least this long between two notifications of one kind
SHOW_MS = 8000  # how long the tray message stays


@dataclass
class _Pending:
    """One kind of notification (new or overdue) being gathered."""

    count: int = 0
    summary: str = ""
    waiting: bool = False


class Notifier(QObject):
    """Owns the tray icon. The window connects `notified` to its status bar (the only place a message shows
    where there is no tray, as on some 麒麟 desktops and offscreen) and `badgeChanged` to the sidebar."""

    notified = Signal(str, str)  # title, text: every notification actually raised
    badgeChanged = Signal(int)  # conversations waiting for this seat
    openRequested = Signal()  # the operator clicked the tray icon or its message

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QObject | None = None,
        gather_ms: int = GATHER_MS,
        min_gap_ms: int = MIN_GAP_MS,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.last_notification: tuple[str, str] | None = None
        self.beeps = 0  # how many times sound was played (tests; the beep itself cannot be heard there)
        self.badge = 0
        self._gather_ms, self._min_gap_ms = gather_ms, min_gap_ms
        self._pending = {"new": _Pending(), "overdue": _Pending()}
        self._timers = {kind: self._timer(kind) for kind in self._pending}
        self._resting: set[str] = set()  # kinds shown recently, inside their minimum gap
        self.tray = self._make_tray()

    def _timer(self, kind: str) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._due(kind))
        return timer

    def _make_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(QIcon(str(resources_dir() / "icons" / "wxconsole.png")), self)
        tray.setToolTip(tr("政务微信工作台"))
        tray.activated.connect(lambda _reason: self.openRequested.emit())
        tray.messageClicked.connect(self.openRequested.emit)
        tray.show()
        return tray

    def apply_settings(self, settings: Settings) -> None:
        """Connect to the settings page's `settingsChanged`: switching a kind off also drops what was gathered."""
        self.settings = settings
        if not settings.notify_new:
            self._drop("new")
        if not settings.notify_overdue:
            self._drop("overdue")

    def new_messages(self, count: int, summary: str = "") -> None:
        """`count` messages just arrived; `summary` is the latest, e.g. "某县人社 · 张三：社保卡怎么补办". Counts
        of one burst add up."""
        if count <= 0 or not self.settings.notify_new:
            return
        pending = self._pending["new"]
        pending.count += count
        pending.summary = summary or pending.summary
        self._gather("new")

    def overdue(self, count: int, summary: str = "") -> None:
        """`count` conversations are overdue now (the latest count wins, it is not added up)."""
        if count <= 0 or not self.settings.notify_overdue:
            return
        pending = self._pending["overdue"]
        pending.count = count
        pending.summary = summary or pending.summary
        self._gather("overdue")

    def urgent(self, title: str, text: str) -> None:
        """An urgent article (突发/辟谣) waits for review: shown at once, never gathered or held back."""
        self._show(title, text)

    def set_badge(self, count: int) -> None:
        """The number beside 收件箱 and in the tray tooltip."""
        count = max(0, count)
        if count == self.badge:
            return
        self.badge = count
        if self.tray is not None:
            tip = tr("政务微信工作台") if count == 0 else tr("政务微信工作台：{count}个会话待处理").format(count=count)
            self.tray.setToolTip(tip)
        self.badgeChanged.emit(count)

    def _gather(self, kind: str) -> None:
        pending = self._pending[kind]
        if pending.waiting:
            return  # joins the notification already on its way
        pending.waiting = True
        if kind not in self._resting:
            self._timers[kind].start(self._gather_ms)
        # else: the rest timer is running; it shows what was gathered when the gap is over

    def _due(self, kind: str) -> None:
        pending = self._pending[kind]
        if not pending.waiting:
            self._resting.discard(kind)  # the gap is over and nothing came
            return
        title, text = self._words(kind, pending)
        self._pending[kind] = _Pending()
        self._show(title, text)
        self._resting.add(kind)
        self._timers[kind].start(self._min_gap_ms)

    def _drop(self, kind: str) -> None:
        self._pending[kind] = _Pending()

    def _words(self, kind: str, pending: _Pending) -> tuple[str, str]:
        if kind == "new":
            title = tr("新消息")
            text = tr("收到{count}条新消息").format(count=pending.count)
        else:
            title = tr("回复超时")
            text = tr("有{count}个会话超过{hours}个工作小时未回复").format(
                count=pending.count, hours=f"{self.settings.overdue_hours:g}"
            )
        if pending.summary:
            text += tr("：") + pending.summary
        return title, text

    def _show(self, title: str, text: str) -> None:
        self.last_notification = (title, text)
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, SHOW_MS)
        if self.settings.sound:
            self.beeps += 1
            QApplication.beep()
        self.notified.emit(title, text)

    def close(self) -> None:
        """Remove the tray icon before the application quits (else some desktops keep a dead icon)."""
        for timer in self._timers.values():
            timer.stop()
        if self.tray is not None:
            self.tray.hide()
