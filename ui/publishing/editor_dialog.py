"""The window an article is written in: which account, 发布 or 群发, when (or not yet planned), the
emergency lane, and the article editor itself. Every edit is on disk within a second (the controller
keeps it in the durable replica) and goes to the hub when the typing stops and the hub is reachable, so
closing the window, a crash or a dropped network loses nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.screening import Screener
from ui.format import tr
from ui.publishing.article_editor import ArticleEditor
from ui.publishing.controller import PublishingController

AUTOSAVE_MS = 800


class EditorDialog(QDialog):
    submitted = Signal(int)  # post id, sent for review

    def __init__(
        self,
        controller: PublishingController,
        *,
        post_id: int | None = None,
        appid: str | None = None,
        when: datetime | None = None,
        screener: Screener | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("postEditorDialog")
        self.setWindowTitle(tr("编辑图文"))
        self.resize(1280, 820)
        self.controller = controller
        self.post_id = post_id
        self.local_id: int | None = None
        self._loading = True

        self.account = QComboBox()
        for found, name in controller.accounts():
            self.account.addItem(name, found)
        self.mode = QComboBox()
        self.mode.addItem(tr("发布（不占群发次数，不推送给粉丝）"), "publish")
        self.mode.addItem(tr("群发（推送给全部粉丝，占群发次数）"), "mass")
        self.planned = QCheckBox(tr("计划时间"))
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.urgent = QCheckBox(tr("突发/辟谣（紧急审核）"))
        self.urgent.setToolTip(tr("紧急图文排在审核队列最前面，立即通知所有审核人，并按审核规则允许的最少级数审核。"))
        self.editor = ArticleEditor(assets=controller.assets, check=self._check)
        self.screener = screener
        self.status = QLabel()
        self.status.setObjectName("editorDialogStatus")
        self.status.setWordWrap(True)
        self.save_button = QPushButton(tr("保存 (Ctrl+S)"))
        self.submit_button = QPushButton(tr("提交审核 (Ctrl+Enter)"))
        self.submit_button.setDefault(False)
        close = QPushButton(tr("关闭"))

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("公众号")))
        top.addWidget(self.account)
        top.addWidget(QLabel(tr("方式")))
        top.addWidget(self.mode)
        top.addWidget(self.planned)
        top.addWidget(self.when)
        top.addWidget(self.urgent)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)

        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save)
        self.editor.changed.connect(self._edited)
        for signal in (self.account.currentIndexChanged, self.mode.currentIndexChanged, self.when.dateTimeChanged):
            signal.connect(self._edited)
        self.planned.toggled.connect(self._edited)
        self.planned.toggled.connect(self.when.setEnabled)
        self.urgent.toggled.connect(self._edited)
        self.save_button.clicked.connect(self.save_and_send)
        self.submit_button.clicked.connect(self.submit)
        close.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_and_send)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
        controller.draftSent.connect(self._sent)
        controller.draftNotice.connect(self._notice)
        self._load(appid, when)
        self._loading = False

    # -- loading --------------------------------------------------------------------------------------
    def _load(self, appid: str | None, when: datetime | None) -> None:
        row = self.controller.post(self.post_id) if self.post_id is not None else None
        local = self.controller.open_draft(self.post_id) if self.post_id is not None else None
        articles: list[dict[str, Any]] = []
        mode, urgent, local_when = "publish", False, when
        if row is not None:
            appid, articles, mode, urgent = row.appid, row.articles, row.mode, row.urgent
            local_when = row.local_when
            self.setWindowTitle(tr("编辑图文 — {title}（{state}）").format(title=row.title, state=row.state_text))
            read_only = not row.movable
        else:
            read_only = False
        if local is not None:  # this desk's unsent version wins: it is newer than what the hub has
            self.local_id, articles, mode, urgent = local.id, local.articles, local.mode, local.urgent
            if local.notice:
                self.show_status(local.notice, error=True)
        index = self.account.findData(appid) if appid else 0
        self.account.setCurrentIndex(max(index, 0))
        self.account.setEnabled(row is None)
        self.mode.setCurrentIndex(max(self.mode.findData(mode), 0))
        self.urgent.setChecked(urgent)
        self.planned.setChecked(local_when is not None)
        self.when.setEnabled(local_when is not None)
        self.when.setDateTime(
            QDateTime.fromString(local_when.strftime("%Y-%m-%d %H:%M"), "yyyy-MM-dd HH:mm")
            if local_when is not None
            else QDateTime.currentDateTime()
        )
        self.planned.setEnabled(row is None)  # a saved post is moved on the calendar, where quota is checked
        self.when.setEnabled(row is None and local_when is not None)
        self.editor.set_post(articles, account_name=self.account.currentText(), read_only=read_only)
        if read_only:
            self.save_button.setEnabled(False)
            self.submit_button.setEnabled(False)
            self.show_status(tr("这篇图文已发出或正在发出，只能查看。"))
        elif row is not None and articles:
            self.controller.inbox._spawn(self._fetch_pictures(articles))

    async def _fetch_pictures(self, articles: list[dict[str, Any]]) -> None:
        if await self.controller.fetch_assets(articles):
            self.editor.set_post(articles, account_name=self.account.currentText())

    def _check(self, text: str) -> list[Any]:
        if self.screener is None:
            return []
        return list(self.screener.check(text))

    def set_screener(self, screener: Screener) -> None:
        self.screener = screener
        self.editor.refresh()

    # -- saving ---------------------------------------------------------------------------------------
    def _edited(self, *_args: Any) -> None:
        if not self._loading:
            self._autosave.start()
            self.show_status(tr("正在保存…"))

    def save(self) -> int:
        """Keep this version on this computer now; the controller sends it on to the hub."""
        self._autosave.stop()
        planned = self.planned.isChecked() and self.post_id is None
        self.local_id = self.controller.save_draft(
            self.local_id,
            appid=str(self.account.currentData() or ""),
            articles=self.editor.articles(),
            mode=str(self.mode.currentData()),
            scheduled_local=self.when.dateTime().toPython() if planned else None,  # type: ignore[arg-type]
            urgent=self.urgent.isChecked(),
            post_id=self.post_id,
        )
        self.editor.mark_saved()
        self.show_status(tr("已保存在本机，联网时自动同步到服务端。"))
        return self.local_id

    def save_and_send(self) -> None:
        self.save()
        self.controller.inbox._spawn(self.controller.send_now())

    def submit(self) -> None:
        problems = self.editor.problems()
        if problems:
            self.show_status(tr("还不能提交：") + "；".join(problems), error=True)
            return
        self.save()
        self.controller.inbox._spawn(self._send_then_submit())

    async def _send_then_submit(self) -> None:
        await self.controller.send_now()
        local = self.controller.drafts.get(self.local_id) if self.local_id is not None else None
        if local is None or local.post_id is None or local.dirty:
            self.show_status(
                tr("图文已保存在本机，但还没有传到服务端（可能未联网）。联网后再点“提交审核”。"), error=True
            )
            return
        self.post_id = local.post_id
        self.controller.submit(local.post_id, self.urgent.isChecked())
        self.show_status(tr("已提交审核。"))
        self.submitted.emit(local.post_id)

    def _sent(self, local_id: int, result: object) -> None:
        if local_id != self.local_id or not isinstance(result, dict):
            return
        if result.get("post_id") is not None:
            self.post_id = int(result["post_id"])
        if result.get("conflict"):
            self.show_status(
                tr("{who}同时也改了这篇图文，您的版本已另存为“冲突副本”。").format(
                    who=result.get("conflict_with") or ""
                ),
                error=True,
            )
        elif result.get("back_to_draft"):
            self.show_status(tr("已保存。内容有改动，需要重新提交审核。"))
        else:
            self.show_status(tr("已同步到服务端。"))

    def _notice(self, local_id: int, words: str) -> None:
        if local_id == self.local_id:
            self.show_status(words, error=True)

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c62828;" if error else "color: palette(mid);")

    def closeEvent(self, event: Any) -> None:
        if self._autosave.isActive() or self.editor.is_dirty():
            self.save()
            self.controller.send_drafts()
        super().closeEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
