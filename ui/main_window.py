"""The main window: the sidebar of the office's daily work and one page per entry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.settings import Settings
from console.staff.roles import Role, has_role
from ui.compliance.checklist_page import ChecklistPage
from ui.compliance.panel_page import CompliancePage
from ui.format import tr
from ui.inbox.page import InboxPage
from ui.publishing.page import CalendarPage
from ui.replies.library_page import LibraryPage
from ui.review.page import ReviewPage
from ui.settings import SettingsPage
from ui.shortcuts import ShortcutSheet, key_for, keys_for

# (title, what the page will hold) — later issues replace the placeholders.
PLANNED = [
    ("统计", "发文、阅读、回复时效等检查所需的统计数据。"),
]


class PlannedPage(QWidget):
    def __init__(self, title: str, text: str, parent=None) -> None:
        super().__init__(parent)
        heading = QLabel(tr(title))
        heading.setObjectName("pageTitle")
        body = QLabel(tr(text) + "\n\n" + tr("此功能正在建设中，将在后续版本中提供。"))
        body.setWordWrap(True)
        body.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("政务微信工作台"))
        self.resize(1180, 760)
        self.nav = QListWidget()
        self.nav.setObjectName("sidebar")
        self.nav.setFixedWidth(180)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget()
        self.inbox = InboxPage()
        self._add_page(tr("收件箱"), self.inbox)
        self.review_page = ReviewPage()
        self._add_page(tr("审核"), self.review_page)  # second, so Ctrl+2 opens it
        self.calendar_page = CalendarPage()
        self._add_page(tr("日历"), self.calendar_page)  # Ctrl+3
        self.library_page = LibraryPage()
        self._add_page(tr("模板"), self.library_page)  # Ctrl+4
        self.checklist_page = ChecklistPage()
        self._add_page(tr("安全清单"), self.checklist_page)  # Ctrl+5
        self.compliance_page = CompliancePage()
        self._add_page(tr("合规检查"), self.compliance_page)  # Ctrl+6
        for title, text in PLANNED:
            self._add_page(tr(title), PlannedPage(title, text))
        self.settings_page = SettingsPage(settings)
        self._add_page(tr("设置"), self.settings_page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        for number in range(self.nav.count()):
            QShortcut(key_for(f"page_{number + 1}"), self, lambda n=number: self.nav.setCurrentRow(n))
        for key in keys_for("shortcut_sheet"):
            sheet = QShortcut(key, self, self.show_shortcuts)
            sheet.setContext(Qt.ShortcutContext.WindowShortcut)

        brand = QLabel(tr("政务微信\n工作台"))
        brand.setObjectName("brand")
        brand.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side = QWidget()
        side.setObjectName("sidePane")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 12, 0, 12)
        side_layout.addWidget(brand)
        side_layout.addWidget(self.nav, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.who = QLabel()
        self.who.setObjectName("signedIn")
        self.statusBar().addPermanentWidget(self.who)
        self.connection = QLabel(tr("正在连接服务端…"))
        self.connection.setObjectName("connection")
        self.statusBar().addPermanentWidget(self.connection)

    def set_signed_in(self, name: str, roles: str) -> None:
        words = [
            tr("管理员") if has_role(roles, Role.ADMINISTRATOR) else "",
            tr("审核") if has_role(roles, Role.SUPERVISOR) else "",
        ]
        role = "、".join(word for word in words if word)
        self.who.setText(tr("已登录：{0}").format(name) + (f"（{role}）" if role else ""))

    def show_shortcuts(self) -> None:
        ShortcutSheet(self).exec()

    def set_inbox_badge(self, count: int) -> None:
        """The sidebar says how many conversations wait (new or overdue), without opening the inbox."""
        item = self.nav.item(0)
        item.setText(tr("收件箱") + (f"  ({count})" if count else ""))

    def set_review_badge(self, count: int) -> None:
        """The sidebar says how many items wait for this colleague's review."""
        item = self.nav.item(1)
        item.setText(tr("审核") + (f"  ({count})" if count else ""))

    def set_calendar_alarm(self, count: int, words: str) -> None:
        """The sidebar says how many accounts are near the inspection's two-week line."""
        item = self.nav.item(2)
        item.setText(tr("日历") + (f"  ⚠{count}" if count else ""))
        item.setToolTip(words)
        item.setForeground(QColor("#d92d20") if count else self.nav.palette().text().color())

    def set_checklist_badge(self, overdue: int) -> None:
        """The sidebar says how many security checks are overdue, whatever page is open."""
        item = self.nav.item(self.pages.indexOf(self.checklist_page))
        item.setText(tr("安全清单") + (f"  ⚠{overdue}" if overdue else ""))
        item.setForeground(QColor("#d92d20") if overdue else self.nav.palette().text().color())

    def _add_page(self, title: str, page: QWidget) -> None:
        QListWidgetItem(title, self.nav)
        self.pages.addWidget(page)

    def set_connection(self, online: bool, words: str) -> None:
        self.connection.setProperty("online", online)
        self.connection.style().unpolish(self.connection)
        self.connection.style().polish(self.connection)
        self.connection.setText(tr("已连接服务端") if online else words)
