"""收件箱: filters and conversations (or search results) on the left; the thread, WeChat's window and
the composer on the right. Every action has a key (ui/shortcuts.py); the page only emits signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.inbox.views import Choice, ConversationRow, InboxFilter
from console.inbox.window import describe_window, window_state
from console.replies.codec import Template
from console.replies.rules import china_time
from console.replies.templates import Filled, TemplateIndex, VariableValues, fill
from console.timeutil import iso, utcnow
from console.workcal import Waiting
from ui.format import status_word, tr
from ui.inbox.composer import Composer
from ui.inbox.delegates import BubbleDelegate, ConversationDelegate
from ui.inbox.filters import FilterBar
from ui.inbox.models import ConversationsModel, IdRole, MessagesModel, RowRole
from ui.inbox.search_view import SearchDelegate, SearchModel
from ui.replies.override_dialog import OverrideDialog
from ui.replies.template_picker import TemplatePicker
from ui.shortcuts import keys_for


def snooze_choices(now_utc: datetime) -> list[tuple[str, dict[str, Any]]]:
    """稍后处理 to a time the office thinks in (China time), or until the follower writes again."""
    local = now_utc.replace(tzinfo=None) + timedelta(hours=8)
    tomorrow = (local + timedelta(days=1)).replace(hour=8, minute=30, second=0, microsecond=0)
    monday = (local + timedelta(days=7 - local.weekday())).replace(hour=8, minute=30, second=0, microsecond=0)

    def utc(value: datetime) -> str | None:
        return iso(value - timedelta(hours=8))

    return [
        (tr("1 小时后"), {"until": iso(now_utc + timedelta(hours=1))}),
        (tr("明天上午 8:30"), {"until": utc(tomorrow)}),
        (tr("下周一上午 8:30"), {"until": utc(monday)}),
        (tr("粉丝再次留言时"), {"until_reply": True}),
    ]


class InboxPage(QWidget):
    conversationSelected = Signal(int)
    replyRequested = Signal(int, str, bool)  # conversation id, text, take over
    overrideReplyRequested = Signal(int, str, bool, dict)  # … and a supervisor's pass {supervisor, reason}
    templateUsed = Signal(int)  # template id, counted on the hub
    actionRequested = Signal(str, int, dict)  # kind, conversation id, args
    draftEdited = Signal(int, str)
    typingChanged = Signal(bool)
    takeOverRequested = Signal(int)
    noticeDismissed = Signal(int)
    filterChanged = Signal(object)  # InboxFilter
    searchRequested = Signal(str)
    mediaRequested = Signal(int)  # message id
    shortcutSheetRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.conversations = ConversationsModel(self)
        self.messages = MessagesModel(self)
        self.results = SearchModel(self)
        self.current: int | None = None
        self.colleagues: list[Choice] = []
        self.label_names: list[str] = []
        self.now: Callable[[], datetime] = utcnow
        self.measure: Callable[[datetime], Waiting | None] = lambda _since: None

        self.filters = FilterBar()
        self.filters.filterChanged.connect(self._filter_changed)
        self.conversations.filter = self.filters.current()  # 待处理 first, as the bar shows
        self.filters.searchChanged.connect(self._search_changed)
        self.list = QListView()
        self.list.setObjectName("conversationList")
        self.list.setModel(self.conversations)
        self.list.setItemDelegate(ConversationDelegate(self.list, self._measure_row))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.search_list = QListView()
        self.search_list.setObjectName("searchResults")
        self.search_list.setModel(self.results)
        self.search_list.setItemDelegate(SearchDelegate(self.search_list))
        self.search_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.search_list.selectionModel().currentChanged.connect(self._current_changed)
        self.empty = QLabel(tr("暂无留言。粉丝发来的消息会出现在这里。"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyHint")
        self.left_stack = QStackedWidget()
        for widget in (self.list, self.search_list, self.empty):
            self.left_stack.addWidget(widget)

        self.header = QLabel(tr("请选择左侧的会话"))
        self.header.setObjectName("conversationHeader")
        self.details = QLabel()
        self.details.setObjectName("hint")
        self.buttons: dict[str, QPushButton] = {}
        header_row = QHBoxLayout()
        header_col = QVBoxLayout()
        header_col.addWidget(self.header)
        header_col.addWidget(self.details)
        header_row.addLayout(header_col, 1)
        for action, text in (("assign", "指派"), ("label", "标签"), ("snooze", "稍后处理"), ("close", "关闭")):
            button = QPushButton(tr(text))
            button.setObjectName("toolButton")
            button.setToolTip(f"{tr(text)} ({keys_for(action)[0].toString()})")
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, a=action: self.run(a))
            header_row.addWidget(button)
            self.buttons[action] = button
        self.history = QListView()
        self.history.setObjectName("messageThread")
        self.history.setModel(self.messages)
        self.history.setItemDelegate(BubbleDelegate(self.history))
        self.history.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setWordWrap(True)
        self.history.setResizeMode(QListView.ResizeMode.Adjust)
        self.history.activated.connect(self._history_activated)
        self.composer = Composer()
        self.composer.setEnabled(False)
        self.composer.sendRequested.connect(self._send)
        self.composer.noteRequested.connect(self._note)
        self.composer.draftEdited.connect(lambda text: self.current and self.draftEdited.emit(self.current, text))
        self.composer.typingChanged.connect(self.typingChanged)
        self.composer.takeOverRequested.connect(lambda: self.run("take_over"))
        self.composer.templateWanted.connect(self.pick_template)
        self.composer.overrideWanted.connect(self._ask_override)
        self.templates = TemplateIndex(())
        self.account_values: dict[str, dict[str, str]] = {}
        self.supervisors: list[tuple[str, str]] = []
        self.me: tuple[str, str] = ("", "")  # (login, name) of the signed-in colleague
        self.i_review = False  # a supervisor or administrator passes a blocked text at their own desk
        self.office_hours_text = ""
        self.picker = TemplatePicker(self)
        self.picker.chosen.connect(self._template_chosen)
        self.search_list.activated.connect(lambda _index: self.composer.editor.setFocus())

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.left_stack, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(header_row)
        right_layout.addWidget(self.history, 1)
        right_layout.addWidget(self.composer)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self._bind_keys()
        self._tick = QTimer(self, interval=30_000)  # the window and wait times count down on screen
        self._tick.timeout.connect(self.refresh_clock)
        self._tick.start()
        self._update_empty()

    # -- keys ----------------------------------------------------------------------------------------
    def _bind_keys(self) -> None:
        for action in (
            "next",
            "previous",
            "reply",
            "note",
            "assign",
            "close",
            "snooze",
            "label",
            "take_over",
            "search",
        ):
            qaction = QAction(self)
            qaction.setShortcuts(keys_for(action))
            # Plain letters reach a text box as text (it claims them first); elsewhere on the page they act.
            qaction.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            qaction.triggered.connect(lambda _checked=False, a=action: self.run(a))
            self.addAction(qaction)

    def run(self, action: str) -> None:
        """One keyboard action (also what the buttons call)."""
        if action in ("next", "previous"):
            self.step(1 if action == "next" else -1)
        elif action == "search":
            self.filters.search.setFocus()
            self.filters.search.selectAll()
        elif action == "shortcut_sheet":
            self.shortcutSheetRequested.emit()
        elif self.current is None:
            return
        elif action == "reply":
            self.composer.set_note_mode(False)
        elif action == "note":
            self.composer.set_note_mode(True)
        elif action == "close":
            self.actionRequested.emit("status", self.current, {"status": "closed"})
        elif action == "take_over":
            self.composer.took_over = True
            self.composer.set_holder(None)
            self.takeOverRequested.emit(self.current)
        elif action in ("assign", "label", "snooze"):
            getattr(self, f"_{action}")()

    def step(self, delta: int) -> None:
        view = self.search_list if self.left_stack.currentWidget() is self.search_list else self.list
        model = view.model()
        if model.rowCount() == 0:
            return
        row = view.currentIndex().row() + delta if view.currentIndex().isValid() else 0
        if row >= model.rowCount() and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        row = max(0, min(row, model.rowCount() - 1))
        view.selectionModel().setCurrentIndex(model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        view.scrollTo(model.index(row, 0))

    def _popup_at(self) -> QPoint:
        button = self.buttons["assign"]
        return button.mapToGlobal(button.rect().bottomLeft())

    def _assign(self) -> None:
        menu = QMenu(self)
        menu.addAction(tr("取消指派")).setData(None)
        for colleague in self.colleagues:
            menu.addAction(colleague.name).setData(colleague.id)
        chosen = menu.exec(self._popup_at())
        if chosen is not None and self.current is not None:
            self.actionRequested.emit("assign", self.current, {"staff_id": chosen.data()})

    def _label(self) -> None:
        name, ok = QInputDialog.getItem(
            self, tr("添加标签"), tr("选择或输入标签（如 社保、投诉、咨询）："), self.label_names or [""], 0, True
        )
        if ok and name.strip() and self.current is not None:
            self.actionRequested.emit("labels", self.current, {"add": [name.strip()]})

    def _snooze(self) -> None:
        menu = QMenu(self)
        for text, args in snooze_choices(self.now()):
            menu.addAction(text).setData(args)
        chosen = menu.exec(self._popup_at())
        if chosen is not None and self.current is not None:
            self.actionRequested.emit("snooze", self.current, dict(chosen.data()))

    # -- the list ------------------------------------------------------------------------------------
    def set_clock(self, now: Callable[[], datetime], measure: Callable[[datetime], Waiting | None]) -> None:
        self.now, self.measure = now, measure
        self.refresh_clock()

    def _measure_row(self, row: ConversationRow) -> Waiting | None:
        return self.measure(row.waiting_since) if row.waiting_since is not None else None

    def set_choices(self, accounts: list[Choice], colleagues: list[Choice], labels: list[str]) -> None:
        self.colleagues, self.label_names = colleagues, labels
        self.filters.set_choices(accounts, colleagues, labels)

    def _filter_changed(self, flt: InboxFilter) -> None:
        self.conversations.set_filter(flt)
        self._after_reload()
        self.filterChanged.emit(flt)

    def _search_changed(self, text: str) -> None:
        if text.strip():
            self.searchRequested.emit(text)
        else:
            self.results.set_hits("", [])
            self._update_empty()

    def show_results(self, query: str, hits: list) -> None:
        if query != self.filters.search.text():
            return  # an answer to an older keystroke
        self.results.set_hits(query, hits)
        self._update_empty()

    def _update_empty(self) -> None:
        if self.filters.search.text().strip():
            self.left_stack.setCurrentWidget(self.search_list)
        elif self.conversations.rowCount() > 0:
            self.left_stack.setCurrentWidget(self.list)
        else:
            self.left_stack.setCurrentWidget(self.empty)
        self.filters.set_count(self.conversations.rowCount(), self.conversations.canFetchMore(QModelIndex()))

    def refresh(self, changed: object = None) -> None:
        """The replica changed (a set of conversation ids, or None for anything)."""
        self.conversations.reload(changed if isinstance(changed, set) else None)
        self._after_reload()

    def _after_reload(self) -> None:
        self._update_empty()
        if self.current is not None:
            row = self.conversations.row_of(self.current)
            if row >= 0:
                self.list.selectionModel().blockSignals(True)
                self.list.selectionModel().setCurrentIndex(
                    self.conversations.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.list.selectionModel().blockSignals(False)
            self._show_header(self.conversations.lookup(self.current))

    def select_row(self, row: int) -> None:
        self.list.selectionModel().setCurrentIndex(
            self.conversations.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def set_holders(self, holders: dict) -> None:
        self.conversations.set_holders(holders)
        if self.current is not None:
            self.composer.set_holder(holders.get(self.current))

    # -- the open conversation -----------------------------------------------------------------------
    def _current_changed(self, index, _previous) -> None:
        if not index.isValid():
            return
        conversation_id = index.data(IdRole)
        if conversation_id == self.current or conversation_id is None:
            return
        self.composer.flush_draft()
        self.current = conversation_id
        row = self.conversations.lookup(conversation_id)
        self.composer.setEnabled(True)
        self.composer.took_over = False
        self.composer.load("", None)
        for button in self.buttons.values():
            button.setEnabled(True)
        self.messages.set_rows([])
        if row is not None:
            self._show_header(row)
        else:
            self._header_from_hit(index.data(RowRole))
        self.conversationSelected.emit(conversation_id)

    def _header_from_hit(self, hit: Any) -> None:
        self.header.setText(tr("搜索结果中的会话"))
        self.details.setText("")
        self.composer.set_window("", None)

    def _show_header(self, row: ConversationRow | None) -> None:
        if row is None:
            return
        self.header.setText(f"{row.follower_name}　·　{row.account_name}")
        bits = [status_word(row.status)]
        if row.assignee_name:
            bits.append(tr("负责：") + row.assignee_name)
        if row.labels:
            bits.append(tr("标签：") + "、".join(row.labels))
        if row.status == "snoozed":
            if row.snoozed_until is not None:
                local = row.snoozed_until.replace(tzinfo=None) + timedelta(hours=8)
                bits.append(tr("稍后处理至 {t}").format(t=local.strftime("%m-%d %H:%M")))
            if row.snooze_until_reply:
                bits.append(tr("粉丝回复时提醒"))
        waiting = self._measure_row(row)
        if waiting is not None:
            bits.append(tr("已等待 {t}").format(t=waiting.text))
        self.details.setText("　".join(bits))
        state = window_state(row.last_inbound_at, row.last_inbound_kind, row.window_used, self.now())
        self.composer.set_window(tr(describe_window(state)), tr(state.refusal) if state.refusal else None)

    def refresh_clock(self) -> None:
        if self.current is not None:
            self._show_header(self.conversations.lookup(self.current))
        self.list.viewport().update()

    def set_messages(self, conversation_id: int, rows: list) -> None:
        if conversation_id != self.current:
            return
        self.messages.set_rows(rows)
        self.history.scrollToBottom()

    def load_draft(self, conversation_id: int, text: str, notice: object) -> None:
        if conversation_id != self.current:
            return
        words = notice if isinstance(notice, str) else None
        if self.composer.dirty:
            self.composer.merge(text, words)
        else:
            self.composer.load(text, words)

    def command_refused(self, conversation_id: int, kind: str, reason: str) -> None:
        if conversation_id == self.current and kind != "reply":
            self.composer.show_notice(reason)

    # -- templates and the 错敏词 pass --------------------------------------------------------------
    def set_library(self, templates: list[Template], values: dict[str, dict[str, str]], supervisors: list) -> None:
        self.templates = TemplateIndex([t for t in templates if not t.archived])
        self.account_values = values
        self.supervisors = list(supervisors)

    def _fill_for(self, row: ConversationRow | None) -> Callable[[Template], Filled]:
        name = None if row is None or row.follower_name.startswith("粉丝 ") else row.follower_name
        values = VariableValues(
            nickname=name,
            today=china_time(self.now()).date(),
            office_hours=self.office_hours_text,
            account_values=self.account_values.get(row.appid, {}) if row is not None else {},
        )
        return lambda template: fill(template.body, values)

    def pick_template(self) -> None:
        if self.current is None or self.composer.note:
            return
        row = self.conversations.lookup(self.current)
        at = self.composer.editor.mapToGlobal(QPoint(0, 0))
        self.picker.open_for(self.templates, row.appid if row else None, self._fill_for(row), at - QPoint(0, 330))

    def _template_chosen(self, template: Template, text: str) -> None:
        self.composer.insert_text(text)
        self.templateUsed.emit(template.id)

    def _ask_override(self, result: Any) -> None:
        """A supervisor passes the text here, with a reason; an operator sends it to the review queue,
        where a supervisor's approval is the pass."""
        if self.current is None:
            return
        if not self.i_review:
            self.overrideReplyRequested.emit(self.current, result.text, self.composer.took_over, {"review": True})
            self.composer.sent_with_override()
            self.composer.load("", None)
            self.composer.show_notice(tr("已提交审核：审核人通过后自动发出，退回时会在这里看到意见。"), error=False)
            return
        dialog = OverrideDialog(list(result.hits), [self.me], self)
        dialog.supervisor.setCurrentIndex(0)
        if dialog.exec() != OverrideDialog.DialogCode.Accepted:
            return
        login, reason = dialog.values()
        self.overrideReplyRequested.emit(
            self.current, result.text, self.composer.took_over, {"supervisor": login, "reason": reason}
        )
        self.composer.sent_with_override()
        self.composer.load("", None)

    def _send(self, text: str) -> None:
        if self.current is not None:
            self.replyRequested.emit(self.current, text, self.composer.took_over)
            self.composer.load("", None)

    def _note(self, text: str) -> None:
        if self.current is not None:
            self.actionRequested.emit("note", self.current, {"body": text})

    def _history_activated(self, index) -> None:
        row = index.data(RowRole)
        if row is not None and row.kind == "message" and row.direction == "out" and row.status == "unknown":
            self._offer_resend(row.id)
        elif row is not None and row.has_media:
            self.mediaRequested.emit(row.id)

    def _offer_resend(self, message_id: int) -> None:
        """再次发送 a reply of unknown outcome, only after the colleague confirms what may happen."""
        if self.current is None:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("再次发送"))
        box.setText(tr("这条回复不确定是否已送达。"))
        box.setInformativeText(
            tr(
                "微信可能已经把它送到粉丝手机上，只是没有告诉我们。再次发送后，粉丝可能收到两条相同的消息。\n\n"
                "请先在公众号后台或向粉丝核实是否已收到；确认没有收到，再点“再次发送”。这次发送会记入操作日志。"
            )
        )
        resend = box.addButton(tr("再次发送"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)  # Enter does not resend
        box.exec()
        if box.clickedButton() is resend:
            self.actionRequested.emit("reply_resend", self.current, {"message_id": message_id, "confirm": True})
