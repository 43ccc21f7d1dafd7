"""The desktop side of the office's wording: reads templates, rules and account values from the
replica, carries edits to the hub through the inbox's outbox (so an edit made offline goes when the
hub is back, once), and keeps the 错敏词 check the composer uses in step with the hub's lists."""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.replies.codec import Template, template_from_dict
from console.screening import Screener
from console.sync.client import HubRefused, HubUnreachable
from console.sync.wordlists import WordListCache
from ui.format import tr
from ui.inbox.controller import InboxController

log = logging.getLogger(__name__)


@dataclass
class Library:
    """What the 模板 page and the composer's picker show: plain data, read off the GUI thread."""

    templates: list[Template] = field(default_factory=list)
    template_versions: dict[int, int] = field(default_factory=dict)  # content versions: an edit's base
    rules: list[dict[str, Any]] = field(default_factory=list)
    rule_versions: dict[int, int] = field(default_factory=dict)
    accounts: list[tuple[str, str]] = field(default_factory=list)  # (appid, name)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # appid → {窗口电话: …}
    values_versions: dict[str, int] = field(default_factory=dict)  # appid → the values' version
    supervisors: list[tuple[str, str]] = field(default_factory=list)  # (login, name)


class LibraryController(QObject):
    loaded = Signal(object)  # Library
    screenerChanged = Signal(object)  # Screener
    settled = Signal(str, bool, str, object)  # kind, applied, words, result (from the hub)
    wordlistsLoaded = Signal(dict, list)  # files, problems
    wordlistsFailed = Signal(str)
    imported = Signal(bool, str)  # from WeChat: ok, words

    def __init__(self, inbox: InboxController, cache: WordListCache | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.inbox = inbox
        self.replica = inbox.replica
        self.cache = cache or WordListCache()
        self.library = Library()
        self.screener: Screener | None = None
        self.wordlists_version: int | None = None  # of the lists last read from the hub: the base of a save
        inbox.libraryChanged.connect(self.reload)
        inbox.librarySettled.connect(self.settled)
        inbox.onlineNow.connect(self.refresh_wordlists)

    def start(self) -> None:
        self.reload()
        self.inbox._spawn(self._load_screener(), "screener")

    # -- reading --------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.inbox._spawn(self._reload(), "library")

    async def _reload(self) -> None:
        self.library = await asyncio.to_thread(self._read)
        self.loaded.emit(self.library)

    def _read(self) -> Library:
        templates = []
        for data in self.replica.templates():
            try:
                templates.append(template_from_dict(data))
            except ValueError as exc:  # a row the hub kept but this version cannot read: skip it
                log.warning("template %s skipped: %s", data.get("id"), exc)
        return Library(
            templates=templates,
            template_versions=self.replica.template_versions(),
            rules=self.replica.rules(),
            rule_versions=self.replica.rule_versions(),
            accounts=self.replica.account_list(),
            values=self.replica.account_values(),
            values_versions=self.replica.values_versions(),
            supervisors=self.replica.supervisors(),
        )

    # -- editing (through the outbox) ------------------------------------------------------------------
    def command(self, kind: str, args: dict[str, Any]) -> None:
        self.inbox.act(kind, 0, args)

    def save_template(
        self, data: dict[str, Any], override: dict[str, str] | None = None, base_version: int | None = None
    ) -> None:
        """`base_version`: the version the edit started from (the hub keeps a conflicted copy if it moved on)."""
        args = dict(data)
        if data.get("id"):
            known = self.library.template_versions.get(int(data["id"]))
            args["base_version"] = base_version if base_version is not None else known
        if override:
            args["override"] = override
        self.command("template_save", args)

    def save_rule(
        self, rule: dict[str, Any], override: dict[str, str] | None = None, base_version: int | None = None
    ) -> None:
        args: dict[str, Any] = {"rule": rule}
        if rule.get("id"):
            known = self.library.rule_versions.get(int(rule["id"]))
            args["base_version"] = base_version if base_version is not None else known
        if override:
            args["override"] = override
        self.command("rule_save", args)

    def used(self, template_id: int) -> None:
        self.command("template_used", {"id": template_id})

    # -- WeChat's own setup ------------------------------------------------------------------------------
    def import_from_wechat(self, appid: str, replace: bool) -> None:
        self.inbox._spawn(self._import(appid, replace), "import-wechat")

    async def _import(self, appid: str, replace: bool) -> None:
        try:
            answer = await self.inbox.client.import_wechat_rules(uuid.uuid4().hex, appid, replace)
        except HubUnreachable:
            self.imported.emit(False, tr("连不上服务端，无法读取微信后台的设置。请联网后再试。"))
            return
        except HubRefused as exc:
            notes = "\n".join(exc.answer.get("notes") or [])
            self.imported.emit(False, str(exc) + ("\n" + notes if notes else ""))
            return
        count = len((answer.get("result") or {}).get("rule_ids") or [])
        notes = "\n".join(answer.get("notes") or [])
        words = tr("已从微信后台导入 {0} 条规则。").format(count) + ("\n" + notes if notes else "")
        self.imported.emit(True, words)
        self.reload()

    # -- word lists ------------------------------------------------------------------------------------
    async def _load_screener(self) -> None:
        self.screener = await asyncio.to_thread(self.cache.screener)
        self.screenerChanged.emit(self.screener)

    def refresh_wordlists(self) -> None:
        self.inbox._spawn(self._refresh_wordlists(), "wordlists")

    async def _refresh_wordlists(self) -> None:
        try:
            answer = await self.inbox.client.wordlists()
        except (HubUnreachable, HubRefused) as exc:
            self.wordlistsFailed.emit(str(exc))
            return
        await self._keep(answer)

    async def _keep(self, answer: dict[str, Any]) -> None:
        if answer.get("version") is not None:
            self.wordlists_version = int(answer["version"])
        files = answer.get("files") or {}
        await asyncio.to_thread(self.cache.store, files)
        await self._load_screener()
        self.wordlistsLoaded.emit(files, list(answer.get("problems") or []))

    def save_wordlists(self, files: dict[str, str]) -> None:
        self.inbox._spawn(self._save_wordlists(files), "wordlists-save")

    async def _save_wordlists(self, files: dict[str, str]) -> None:
        try:
            answer = await self.inbox.client.save_wordlists(files, self.wordlists_version)
        except HubUnreachable:
            self.wordlistsFailed.emit(tr("连不上服务端，词表没有保存。编辑内容仍在窗口中，请联网后再点保存。"))
            return
        except HubRefused as exc:
            if exc.answer.get("stale"):  # a colleague saved first: show theirs, never save over it
                await self._keep({**exc.answer, "problems": []})
            self.wordlistsFailed.emit(str(exc))
            return
        await self._keep(answer)
