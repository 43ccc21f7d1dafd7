"""日历: the publishing calendar page. Month and week views per account or all accounts, coloured by
status, holidays and 调休 marked, what is left of the 群发 quota on each day (one account chosen), and
beside it each account's rhythm (days since the last post, empty weekends and holidays ahead), the posts
not yet planned, and the chosen post with what can be done with it now.

Dragging a post to another day asks the controller, which checks WeChat's quota on this desk first
and then lets the hub check quota and review again."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.publishing.board import PostRow
from console.publishing.slots import PublishingPlan
from ui.calendar.entries import CalendarEntry, DayMark, status_color
from ui.calendar.month_view import MonthView
from ui.calendar.week_view import WeekView
from ui.format import tr
from ui.publishing.controller import Board, PublishingController
from ui.publishing.plan_dialog import PlanDialog

LEVEL_COLORS = {"ok": "#1e7b34", "warning": "#c77c02", "alarm": "#d92d20"}
LEVEL_WORDS = {"ok": "正常", "warning": "提醒", "alarm": "警告"}


class CalendarPage(QWidget):
    editRequested = Signal(object, object, object)  # post id or None, appid or None, China-local datetime or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarPage")
        self.controller: PublishingController | None = None
        self.board: Board | None = None
        self.selected: int | None = None
        today = date.today()
        self.anchor = today

        self.account = QComboBox()
        self.account.setObjectName("calendarAccount")
        self.account.addItem(tr("全部公众号"), None)
        self.month_button = QPushButton(tr("月"))
        self.week_button = QPushButton(tr("周"))
        for button in (self.month_button, self.week_button):
            button.setCheckable(True)
        self.month_button.setChecked(True)
        views = QButtonGroup(self)
        views.setExclusive(True)
        views.addButton(self.month_button)
        views.addButton(self.week_button)
        self.previous = QPushButton("◀")
        self.previous.setToolTip(tr("上一月/上一周 (PageUp)"))
        self.today_button = QPushButton(tr("今天"))
        self.next = QPushButton("▶")
        self.next.setToolTip(tr("下一月/下一周 (PageDown)"))
        self.title = QLabel()
        self.title.setObjectName("calendarTitle")
        self.new_button = QPushButton(tr("新建图文 (Ctrl+N)"))
        self.plan_button = QPushButton(tr("发布时段…"))
        self.plan_button.setToolTip(tr("各公众号平时几点发布、间隔目标、错过时间后怎么办（也可双击右侧的账号）"))
        self.plan_dialog: PlanDialog | None = None
        self.quota = QLabel()
        self.quota.setObjectName("calendarQuota")

        bar = QHBoxLayout()
        bar.addWidget(self.account)
        bar.addWidget(self.month_button)
        bar.addWidget(self.week_button)
        bar.addSpacing(12)
        bar.addWidget(self.previous)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next)
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.quota)
        bar.addWidget(self.plan_button)
        bar.addWidget(self.new_button)

        self.month = MonthView()
        self.week = WeekView()
        self.views = QStackedWidget()
        self.views.addWidget(self.month)
        self.views.addWidget(self.week)

        # -- the side: rhythm, unplanned, the chosen post --
        self.rhythm = QListWidget()
        self.rhythm.setObjectName("rhythmList")
        self.rhythm.setWordWrap(True)
        self.unplanned = QListWidget()
        self.unplanned.setObjectName("unplannedList")
        self.detail = QLabel(tr("在日历上点选一篇图文，这里显示它的状态和可以做的事。"))
        self.detail.setObjectName("postDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail.setOpenExternalLinks(True)
        self.edit_button = QPushButton(tr("编辑 (Enter)"))
        self.submit_button = QPushButton(tr("提交审核"))
        self.urgent_button = QPushButton(tr("突发/辟谣 紧急提交"))
        self.publish_button = QPushButton(tr("立即发布"))
        self.unplan_button = QPushButton(tr("取消排期"))
        self.delete_button = QPushButton(tr("删除"))
        actions = QGridLayout()
        for n, button in enumerate(
            (
                self.edit_button,
                self.submit_button,
                self.urgent_button,
                self.publish_button,
                self.unplan_button,
                self.delete_button,
            )
        ):
            actions.addWidget(button, n // 2, n % 2)
        self.status = QLabel()
        self.status.setObjectName("calendarStatus")
        self.status.setWordWrap(True)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(_heading(tr("更新节奏（检查以两周为限）")))
        side_layout.addWidget(self.rhythm, 3)
        side_layout.addWidget(_heading(tr("未排期的图文（双击编辑）")))
        side_layout.addWidget(self.unplanned, 1)
        side_layout.addWidget(_heading(tr("选中的图文")))
        side_layout.addWidget(self.detail)
        side_layout.addLayout(actions)
        side_layout.addWidget(self.status)

        split = QSplitter()
        split.addWidget(self.views)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([860, 380])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

        self.account.currentIndexChanged.connect(lambda _i: self.reload())
        self.month_button.toggled.connect(self._view_changed)
        self.previous.clicked.connect(lambda: self.page(-1))
        self.next.clicked.connect(lambda: self.page(1))
        self.today_button.clicked.connect(self.go_today)
        self.new_button.clicked.connect(lambda: self.editRequested.emit(None, self.current_appid(), None))
        self.plan_button.clicked.connect(lambda: self.edit_plan(self.current_appid()))
        self.rhythm.itemDoubleClicked.connect(lambda item: self.edit_plan(item.data(Qt.ItemDataRole.UserRole)))
        for view in (self.month, self.week):
            view.rescheduleRequested.connect(self.reschedule)
            view.entryActivated.connect(self.open_post)
            view.entrySelected.connect(self.select_post)
            view.dayActivated.connect(self._new_on_day)
        self.month.monthChanged.connect(lambda y, m: self._moved(date(y, m, 1)))
        self.week.weekChanged.connect(self._moved)
        self.unplanned.itemDoubleClicked.connect(lambda item: self.open_post(item.data(Qt.ItemDataRole.UserRole)))
        self.unplanned.currentItemChanged.connect(self._unplanned_chosen)
        self.edit_button.clicked.connect(lambda: self.selected is not None and self.open_post(self.selected))
        self.submit_button.clicked.connect(lambda: self._act("submit"))
        self.urgent_button.clicked.connect(lambda: self._act("urgent"))
        self.publish_button.clicked.connect(lambda: self._act("publish_now"))
        self.unplan_button.clicked.connect(lambda: self._act("unplan"))
        self.delete_button.clicked.connect(lambda: self._act("delete"))
        QShortcut(QKeySequence("Ctrl+N"), self, lambda: self.editRequested.emit(None, self.current_appid(), None))
        self._show_actions(None)
        self._show_title()

    # -- wiring ---------------------------------------------------------------------------------------
    def set_controller(self, controller: PublishingController) -> None:
        self.controller = controller
        controller.boardLoaded.connect(self.show_board)
        controller.refused.connect(lambda words: self.show_status(words, error=True))
        controller.settled.connect(self._settled)
        self.set_accounts(controller.accounts())
        self.anchor = controller.today()
        self.month.set_today(self.anchor)
        self.week.set_today(self.anchor)
        self._moved(self.anchor, load=False)  # the window loads it once its event loop runs
        first, last = self.span()
        controller.span, controller.appid = (first, last), self.current_appid()

    def set_accounts(self, accounts: list[tuple[str, str]]) -> None:
        current = self.current_appid()
        self.account.blockSignals(True)
        self.account.clear()
        self.account.addItem(tr("全部公众号"), None)
        for appid, name in accounts:
            self.account.addItem(name, appid)
        index = self.account.findData(current) if current else 0
        self.account.setCurrentIndex(max(index, 0))
        self.account.blockSignals(False)

    def current_appid(self) -> str | None:
        data = self.account.currentData()
        return str(data) if data else None

    # -- moving through time --------------------------------------------------------------------------
    def span(self) -> tuple[date, date]:
        if self.month_button.isChecked():
            days = self.month.days()
            return days[0], days[-1]
        monday = self.anchor - timedelta(days=self.anchor.weekday())
        return monday, monday + timedelta(days=6)

    def page(self, step: int) -> None:
        if self.month_button.isChecked():
            year, month = self.anchor.year, self.anchor.month + step
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            self._moved(date(year, month, 1))
        else:
            self._moved(self.anchor + timedelta(days=7 * step))

    def go_today(self) -> None:
        self._moved(self.controller.today() if self.controller else date.today())

    def _moved(self, anchor: date, load: bool = True) -> None:
        self.anchor = anchor
        self.month.set_month(anchor.year, anchor.month)
        self.week.set_week(anchor - timedelta(days=anchor.weekday()))
        self._show_title()
        if load:
            self.reload()

    def _view_changed(self, month: bool) -> None:
        self.views.setCurrentWidget(self.month if month else self.week)
        self._show_title()
        self.reload()

    def _show_title(self) -> None:
        if self.month_button.isChecked():
            self.title.setText(tr("{y}年{m}月").format(y=self.anchor.year, m=self.anchor.month))
        else:
            first, last = self.span()
            self.title.setText(f"{first:%Y-%m-%d} — {last:%m-%d}")

    def reload(self) -> None:
        if self.controller is not None:
            first, last = self.span()
            self.controller.show_span(first, last, self.current_appid())

    # -- showing --------------------------------------------------------------------------------------
    def show_board(self, loaded: Board) -> None:
        self.board = loaded
        entries = [_entry(row) for row in loaded.posts if row.local_when is not None]
        marks = self._marks(loaded)
        for view in (self.month, self.week):
            view.set_entries(entries)
            view.set_marks(marks)
            if loaded.today is not None:
                view.set_today(loaded.today)
        self._show_rhythm(loaded)
        self._show_unplanned(loaded.unplanned)
        if loaded.appid and loaded.today in loaded.quota:
            verdict = loaded.quota[loaded.today]  # type: ignore[index]
            self.quota.setText(
                tr("群发额度（{period}）：剩 {left}/{limit} 次").format(
                    period=verdict.period.label, left=verdict.left, limit=verdict.period.limit
                )
            )
        else:
            self.quota.setText(tr("选择一个公众号可看群发额度"))
        if self.selected is not None:
            self.select_post(self.selected)

    def _marks(self, loaded: Board) -> dict[date, DayMark]:
        table = self.controller.table if self.controller else None
        alarms: dict[date, tuple[str, str]] = {}
        for plan in loaded.plans:
            if loaded.appid and plan.appid != loaded.appid:
                continue
            for finding in plan.rhythm.findings:
                if finding.first is None:
                    continue
                last = finding.last or finding.first
                day = finding.first
                while day <= last and (day - finding.first).days < 40:
                    level, note = alarms.get(day, ("", ""))
                    worse = finding.level if finding.level == "alarm" or not level else level
                    alarms[day] = (worse, (note + "\n" if note else "") + f"{plan.name}：{finding.text}")
                    day += timedelta(days=1)
        marks: dict[date, DayMark] = {}
        day = loaded.first
        while day <= loaded.last:
            kind = table.kind(day) if table is not None else ("weekend" if day.weekday() >= 5 else "workday")
            name = table.name(day) if table is not None else None
            verdict = loaded.quota.get(day)
            quota_text = tr("群发剩 {n} 次").format(n=verdict.left) if verdict is not None else ""
            level, note = alarms.get(day, ("", ""))
            marks[day] = DayMark(day, kind, name, quota_text, level, note)
            day += timedelta(days=1)
        return marks

    def _show_rhythm(self, loaded: Board) -> None:
        self.rhythm.clear()
        for plan in loaded.plans:
            rhythm = plan.rhythm
            since = (
                tr("从未发布")
                if rhythm.days_since_last is None
                else tr("距上次更新 {n} 天").format(n=rhythm.days_since_last)
            )
            lines = [f"{plan.name} · {since} · {LEVEL_WORDS.get(rhythm.level, rhythm.level)}"]
            lines += [f"· {finding.text}" for finding in rhythm.findings[:3]]
            lines.append(tr("发布时间：{slots}").format(slots=plan.plan.describe()))
            item = QListWidgetItem("\n".join(lines))
            item.setForeground(QColor(LEVEL_COLORS.get(rhythm.level, "#444444")))
            item.setData(Qt.ItemDataRole.UserRole, plan.appid)
            item.setToolTip("\n".join(f.text for f in rhythm.findings) or tr("更新节奏正常"))
            self.rhythm.addItem(item)

    def _show_unplanned(self, rows: list[PostRow]) -> None:
        self.unplanned.clear()
        for row in rows:
            mark = tr("【急】") if row.urgent else ""
            item = QListWidgetItem(f"{mark}{row.title}\n{row.account_name} · {row.state_text}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setForeground(QColor(status_color(row.state)))
            self.unplanned.addItem(item)

    def _unplanned_chosen(self, item: QListWidgetItem | None, _old: object = None) -> None:
        if item is not None:
            self.select_post(int(item.data(Qt.ItemDataRole.UserRole)))

    def select_post(self, post_id: int) -> None:
        self.selected = post_id
        row = self.controller.post(post_id) if self.controller else None
        if row is None:
            self.detail.setText(tr("这篇图文已被删除。"))
            self._show_actions(None)
            return
        when = row.local_when
        lines = [
            f"<b>{_escape(row.title)}</b>",
            f"{_escape(row.account_name)} · {row.mode_text} · <span style='color:{status_color(row.state)}'>"
            f"{row.state_text}</span>" + (tr(" · 紧急") if row.urgent else ""),
            tr("时间：{when}").format(when=f"{when:%Y-%m-%d %H:%M}" if when else tr("未排期")),
            tr("撰稿：{who}").format(who=_escape(row.author_name)),
        ]
        if row.error_text:
            lines.append(f"<span style='color:#d92d20'>{_escape(row.error_text)}</span>")
        for n, url in enumerate(row.article_urls, start=1):
            lines.append(f"<a href='{_escape(url)}'>{tr('第 {n} 篇链接').format(n=n)}</a>")
        self.detail.setText("<br>".join(lines))
        self._show_actions(row)

    def _show_actions(self, row: PostRow | None) -> None:
        state = row.state if row else ""
        self.edit_button.setEnabled(row is not None)
        self.submit_button.setEnabled(state in ("draft", "returned", "failed"))
        self.urgent_button.setEnabled(state in ("draft", "returned", "failed"))
        self.publish_button.setEnabled(state in ("approved", "queued", "unsure"))
        self.unplan_button.setEnabled(row is not None and row.movable and row.when is not None)
        self.delete_button.setEnabled(row is not None and state not in ("publishing", "published"))

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #d92d20;" if error else "")

    def _settled(self, kind: str, applied: bool, words: str) -> None:
        dialog = self.plan_dialog
        if kind == "publishing_plan" and dialog is not None:
            if applied:
                dialog.saved()
            else:
                dialog.refused(words)
        if not applied:
            self.show_status(tr("服务端没有执行：") + words, error=True)
        elif words:
            self.show_status(words)
        else:
            self.show_status(tr("已完成。"))

    # -- doing ----------------------------------------------------------------------------------------
    def edit_plan(self, appid: str | None = None) -> PlanDialog | None:
        """发布时段 of an account (the one chosen, else the first), in a dialog; administrators may save."""
        if self.controller is None:
            return None
        accounts = self.controller.accounts()
        if not accounts:
            self.show_status(tr("还没有公众号。"), error=True)
            return None
        appid = appid if appid in {key for key, _name in accounts} else accounts[0][0]
        controller = self.controller
        dialog = PlanDialog(accounts, appid, controller.plan(appid), controller.administrator, self)
        dialog.accountChanged.connect(lambda key, d=dialog: d.set_plan(controller.plan(key)))
        dialog.submitted.connect(self._save_plan)
        dialog.finished.connect(lambda _result, d=dialog: self._plan_closed(d))
        self.plan_dialog = dialog
        dialog.open()
        return dialog

    def _save_plan(self, appid: str, plan: PublishingPlan) -> None:
        if self.controller is None:
            return
        self.controller.save_plan(appid, plan)
        if self.controller.inbox.online is False and self.plan_dialog is not None:
            self.plan_dialog.saved()  # kept in the outbox; the hub's answer comes on the status line
            self.show_status(tr("发布时段已记下，联网后发往服务端。"))

    def _plan_closed(self, dialog: PlanDialog) -> None:
        if self.plan_dialog is dialog:
            self.plan_dialog = None
        dialog.deleteLater()

    def reschedule(self, post_id: int, target: object) -> None:
        """A post dropped on a day (month view: keep its time if it fits a slot) or at a time (week view)."""
        if self.controller is None:
            return
        row = self.controller.post(post_id)
        if row is None:
            return
        if isinstance(target, datetime):
            when = target
        elif isinstance(target, date):
            when = datetime.combine(target, self._time_for(row, target))
        else:
            return
        if self.controller.reschedule(post_id, when):
            self.show_status(tr("已改到 {when}，等服务端确认…").format(when=f"{when:%m-%d %H:%M}"))

    def _time_for(self, row: PostRow, day: date) -> time:
        plan = PublishingPlan.from_json(None)
        if self.board is not None:
            plan = next((p.plan for p in self.board.plans if p.appid == row.appid), plan)
        keep = row.local_when.time() if row.local_when is not None else None
        return plan.place(day, keep)

    def _new_on_day(self, target: object) -> None:
        if isinstance(target, datetime):
            when = target
        elif isinstance(target, date):
            plan = PublishingPlan.from_json(None)
            appid = self.current_appid()
            if self.board is not None and appid:
                plan = next((p.plan for p in self.board.plans if p.appid == appid), plan)
            when = datetime.combine(target, plan.place(target))
        else:
            return
        self.editRequested.emit(None, self.current_appid(), when)

    def open_post(self, post_id: int) -> None:
        self.editRequested.emit(post_id, None, None)

    def _act(self, what: str) -> None:
        if self.controller is None or self.selected is None:
            return
        post_id = self.selected
        row = self.controller.post(post_id)
        if row is None:
            return
        if what == "submit":
            self.controller.submit(post_id)
        elif what == "urgent":
            self.controller.submit(post_id, urgent=True)
        elif what == "publish_now":
            confirmed = False
            if row.state == "unsure" and row.error_text and "没有收到微信的答复" in row.error_text:
                answer = QMessageBox.question(
                    self,
                    tr("立即发布"),
                    tr("上次发布没有收到微信的答复，可能已经发出。您已在公众平台核对，确认没有发出吗？"),
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
                confirmed = True
            what_mode = tr("群发给全部粉丝") if row.mode == "mass" else tr("发布")
            answer = QMessageBox.question(
                self, tr("立即发布"), tr("现在就{what}“{title}”吗？").format(what=what_mode, title=row.title)
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.controller.publish_now(post_id, confirmed)
        elif what == "unplan":
            self.controller.reschedule(post_id, None)
        elif what == "delete":
            answer = QMessageBox.question(self, tr("删除图文"), tr("删除“{title}”吗？").format(title=row.title))
            if answer == QMessageBox.StandardButton.Yes:
                self.controller.delete(post_id)


def _entry(row: PostRow) -> CalendarEntry:
    assert row.local_when is not None
    return CalendarEntry(
        post_id=row.id,
        account=row.account_name,
        appid=row.appid,
        title=row.title,
        when=row.local_when,
        status=row.state,
        status_text=row.state_text,
        mode=row.mode,
        urgent=row.urgent,
        movable=row.movable,
    )


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sideHeading")
    label.setStyleSheet("font-weight: 600; margin-top: 6px;")
    return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
