"""The desk side of 安全清单 and 合规检查: reads the checklist and the account register from the replica
off the GUI thread, carries what the office does (an item done, a sign-off, an administrator's edits)
to the hub through the inbox's outbox, uploads evidence files first (that needs the hub: offline the
words say so and the dialog keeps what was typed), and asks the hub for the inspection panel and the
quarterly report — the 错敏词 events and the audit log they count live only there. The last panel the
hub answered is kept on disk and shown when the hub cannot be reached, with when it was fetched."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.checklist import views
from console.compliance.register import register_rows, register_sheet
from console.files import write_atomically
from console.paths import data_dir
from console.sheets import write_workbook
from console.staff.roles import is_administrator, may_review
from console.sync.client import HubRefused, HubUnreachable, NotSignedIn
from console.workcal.hours import china_today, to_china
from ui.format import tr
from ui.inbox.controller import InboxController

log = logging.getLogger(__name__)

CHECKLIST_KINDS = (
    "checklist_done",
    "checklist_signoff",
    "checklist_item_save",
    "checklist_item_archive",
    "checklist_install",
)
REGISTER_KINDS = ("register_save",)
KINDS = CHECKLIST_KINDS + REGISTER_KINDS
OFFLINE_UPLOAD = "无法连接服务端：附件要联网才能上传。填写的内容都还在，联网后再点“登记”。"
OFFLINE_PANEL = "无法连接服务端，合规检查要由服务端计算。"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class Attachment:
    """A file chosen on this computer, to be uploaded as evidence."""

    path: Path
    name: str
    size: int


def recent_quarters(day: date, count: int = 8) -> list[str]:
    """The current quarter and the ones before it, newest first."""
    year, quarter = day.year, (day.month - 1) // 3 + 1
    out = []
    for _ in range(count):
        out.append(f"{year}Q{quarter}")
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
    return out


def safe_name(name: str) -> str:
    cleaned = _UNSAFE.sub("_", name).strip(" .") or "file"
    return cleaned[-120:]


class ComplianceController(QObject):
    checklistLoaded = Signal(list)  # list[ItemRow] of the account chosen (all accounts: None)
    recordsLoaded = Signal(int, list)  # item id, list[RecordRow], newest first
    panelLoaded = Signal(list, str)  # the hub's panel [{appid, name, level, lines}], when it was fetched
    panelFailed = Signal(str)  # why the hub's panel is not fresh (the last one, if any, came on panelLoaded)
    registerLoaded = Signal(list)  # register_rows: one dict per account
    settled = Signal(str, bool, str)  # kind, applied, words
    reportSaved = Signal(list)  # paths written (PDF, Excel)
    reportFailed = Signal(str)
    overdueChanged = Signal(int)  # checklist items overdue, all accounts (for the sidebar)
    meChanged = Signal(str, str)  # login, roles ("|operator|supervisor|")
    doneSent = Signal(int)  # job: the evidence is on the hub and the record went to the outbox
    doneFailed = Signal(int, str)  # job, why nothing was sent (the dialog keeps what was typed)
    uploadProgress = Signal(int, int, int)  # job, files uploaded, files in all
    evidenceReady = Signal(str)  # a local path of an evidence file, fetched and ready to open
    evidenceFailed = Signal(str)
    registerExported = Signal(str)  # path
    registerExportFailed = Signal(str)

    def __init__(self, inbox: InboxController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.login = ""
        self.name = ""
        self.roles = ""
        self.appid: str | None = None
        self.item_id: int | None = None
        self.quarter: str | None = None
        self.items: list[Any] = []
        self.register: list[dict[str, Any]] = []
        self._records: tuple[int | None, list[Any]] = (None, [])
        self._overdue = -1
        self._jobs = 0
        self.cache = data_dir() / "compliance-cache"
        self.evidence_cache = data_dir() / "evidence-cache"
        inbox.libraryChanged.connect(self.reload)  # accounts (names, the register) and colleagues
        inbox.librarySettled.connect(self._settled)
        changed = getattr(inbox, "checklistChanged", None)
        # Until the inbox says which batches touch the checklist, every applied batch re-reads it (small;
        # nothing is redrawn unless the rows changed).
        (changed or inbox.conversationsChanged).connect(lambda *_args: self.reload())
        inbox.onlineNow.connect(self._online)

    def start(self) -> None:
        self.reload()

    def set_me(self, login: str, roles: str, name: str = "") -> None:
        """The colleague signed in: what the page offers them (records are kept by the doer's name)."""
        self.login, self.roles, self.name = login, roles, name
        self.meChanged.emit(login, roles)

    def set_staff(self, staff: dict[str, Any]) -> None:
        """`DeskSession.signedIn`'s staff dict."""
        self.set_me(str(staff.get("login") or ""), str(staff.get("roles") or ""), str(staff.get("name") or ""))

    def may_sign(self, record: Any) -> bool:
        """A supervisor signs off a record someone else did (the hub refuses one's own)."""
        mine = {self.login, self.name} - {""}
        return self.supervisor and not record.signed_off_by and record.done_by not in mine

    @property
    def supervisor(self) -> bool:
        return may_review(self.roles)

    @property
    def administrator(self) -> bool:
        return is_administrator(self.roles)

    def today(self) -> date:
        return china_today(self.inbox.now())

    def accounts(self) -> list[tuple[str, str]]:
        return self.inbox.replica.account_list()

    # -- reading the replica ----------------------------------------------------------------------------
    def show_account(self, appid: str | None) -> None:
        self.appid = appid
        self.reload()

    def show_item(self, item_id: int | None) -> None:
        self.item_id = item_id
        if item_id is None:
            self._records = (None, [])
            return
        self.inbox._spawn(self._load_records(item_id), "checklist-records")

    def reload(self) -> None:
        self.inbox._spawn(self._reload(), "checklist")

    async def _reload(self) -> None:
        appid, item_id = self.appid, self.item_id
        rows, overdue, records, register = await asyncio.to_thread(self._read, appid, item_id)
        if appid != self.appid:
            return  # the page moved on; its own reload follows
        if rows != self.items:
            self.items = rows
            self.checklistLoaded.emit(rows)
        if overdue != self._overdue:
            self._overdue = overdue
            self.overdueChanged.emit(overdue)
        if item_id is not None and item_id == self.item_id and (item_id, records) != self._records:
            self._records = (item_id, records)
            self.recordsLoaded.emit(item_id, records)
        if register != self.register:
            self.register = register
            self.registerLoaded.emit(register)

    def _read(self, appid: str | None, item_id: int | None) -> tuple[list[Any], int, list[Any], list[dict]]:
        today = self.today()
        with self.inbox.replica.db.session() as session:
            rows = views.items(session, today, appid)
            overdue = views.overdue_count(session, today)
            records = views.records(session, item_id) if item_id is not None else []
            register = register_rows(session)
        return rows, overdue, records, register

    async def _load_records(self, item_id: int) -> None:
        def read() -> list[Any]:
            with self.inbox.replica.db.session() as session:
                return views.records(session, item_id)

        records = await asyncio.to_thread(read)
        if item_id == self.item_id:
            self._records = (item_id, records)
            self.recordsLoaded.emit(item_id, records)

    def item(self, item_id: int) -> Any | None:
        return next((row for row in self.items if row.id == item_id), None)

    # -- what the office does (through the outbox) --------------------------------------------------------
    def complete(self, item_id: int, done_on: date, note: str, files: list[Attachment]) -> int:
        """登记完成: evidence files go to the hub first (that needs the hub), then the record goes through
        the outbox. Answers a job number: `doneSent` or `doneFailed` follows with it."""
        self._jobs += 1
        job = self._jobs
        self.inbox._spawn(self._complete(job, item_id, done_on, note, list(files)))
        return job

    async def _complete(self, job: int, item_id: int, done_on: date, note: str, files: list[Attachment]) -> None:
        evidence: list[dict[str, Any]] = []
        try:
            for n, attachment in enumerate(files):
                self.uploadProgress.emit(job, n, len(files))
                data = await asyncio.to_thread(attachment.path.read_bytes)
                ref = await self.inbox.client.put_evidence(data, attachment.name)
                evidence.append({"kind": "file", "ref": ref, "name": attachment.name, "size": len(data)})
            self.uploadProgress.emit(job, len(files), len(files))
        except NotSignedIn as exc:
            self.inbox.signInNeeded.emit(str(exc))
            self.doneFailed.emit(job, tr("登录已过期，请重新登录后再点“登记”。"))
            return
        except HubUnreachable:  # before OSError: it is a ConnectionError
            self.doneFailed.emit(job, tr(OFFLINE_UPLOAD))
            return
        except HubRefused as exc:
            self.doneFailed.emit(job, str(exc))
            return
        except OSError as exc:
            self.doneFailed.emit(job, tr("读不到文件：{error}").format(error=exc.strerror or str(exc)))
            return
        args = {"item_id": item_id, "done_on": done_on.isoformat(), "note": note.strip(), "evidence": evidence}
        self.inbox.act("checklist_done", 0, args)
        self.doneSent.emit(job)

    def sign_off(self, record_id: int) -> None:
        self.inbox.act("checklist_signoff", 0, {"record_id": record_id})

    def save_item(self, args: dict[str, Any], base_version: int | None = None) -> None:
        """{item_id?, account, title, period, owner, how, due_on?} (administrators); an edit names the
        version of the item the dialog showed (a colleague's newer edit makes the hub refuse it in words)."""
        args = dict(args)
        if args.get("item_id"):
            args["base_version"] = base_version
        self.inbox.act("checklist_item_save", 0, args)

    def archive_item(self, item_id: int, base_version: int | None = None) -> None:
        self.inbox.act("checklist_item_archive", 0, {"item_id": item_id, "base_version": base_version})

    def install_defaults(self, appid: str) -> None:
        self.inbox.act("checklist_install", 0, {"account": appid})

    def save_register(self, appid: str, register: dict[str, Any], base_version: int | None = None) -> None:
        """`base_version`: the register's version the dialog showed (a stale one is refused in words)."""
        args = {"appid": appid, "account": appid, "register": dict(register), "base_version": base_version}
        self.inbox.act("register_save", 0, args)

    def _settled(self, kind: str, applied: bool, words: str, result: object) -> None:
        if kind not in KINDS:
            return
        answer = result if isinstance(result, dict) else {}
        if applied and not words:
            words = str(answer.get("warning") or "")
        self.settled.emit(kind, applied, words)
        self.reload()

    # -- evidence ---------------------------------------------------------------------------------------
    def open_evidence(self, ref: str, name: str) -> None:
        """Fetch an evidence file into this computer's cache (once); `evidenceReady` gives its path."""
        sha = ref.removeprefix("evidence:")
        path = self.evidence_cache / sha[:16] / safe_name(name or sha)
        if path.exists():
            self.evidenceReady.emit(str(path))
            return
        self.inbox._spawn(self._fetch_evidence(ref, path), f"evidence-{sha[:16]}")

    async def _fetch_evidence(self, ref: str, path: Path) -> None:
        try:
            data = await self.inbox.client.get_evidence(ref)
            await asyncio.to_thread(write_atomically, path, data)
        except HubUnreachable:
            self.evidenceFailed.emit(tr("无法连接服务端，佐证材料要联网才能打开。"))
            return
        except HubRefused as exc:
            if isinstance(exc, NotSignedIn):
                self.inbox.signInNeeded.emit(str(exc))
            self.evidenceFailed.emit(str(exc))
            return
        except OSError as exc:
            self.evidenceFailed.emit(tr("无法保存到本机：{error}").format(error=exc.strerror or str(exc)))
            return
        self.evidenceReady.emit(str(path))

    # -- the inspection panel and the report (from the hub) ------------------------------------------------
    def load_panel(self, quarter: str | None = None) -> None:
        self.quarter = quarter
        self.inbox._spawn(self._load_panel(quarter), "compliance-panel")

    def _online(self) -> None:
        if self.quarter is not None:
            self.load_panel(self.quarter)

    def _panel_file(self, quarter: str | None) -> Path:
        return self.cache / f"panel-{quarter or 'current'}.json"

    async def _load_panel(self, quarter: str | None) -> None:
        fetch = getattr(self.inbox.client, "compliance", None)
        try:
            if fetch is None:
                raise HubRefused(tr("这个版本的服务端还不能计算合规检查。"))
            panel = list(await fetch(quarter))
        except (HubUnreachable, HubRefused) as exc:
            if isinstance(exc, NotSignedIn):
                self.inbox.signInNeeded.emit(str(exc))
            words = tr(OFFLINE_PANEL) if isinstance(exc, HubUnreachable) else str(exc)
            cached = await asyncio.to_thread(self._read_cache, quarter)
            if quarter != self.quarter:
                return
            if cached is not None:
                self.panelLoaded.emit(cached[0], cached[1])
                words += tr("下面是 {when} 取得的结果。").format(when=cached[1])
            self.panelFailed.emit(words)
            return
        when = f"{to_china(self.inbox.now()):%Y-%m-%d %H:%M}"
        try:
            await asyncio.to_thread(self._write_cache, quarter, panel, when)
        except OSError as exc:
            log.warning("panel not cached: %s", exc)
        if quarter == self.quarter:
            self.panelLoaded.emit(panel, when)

    def _read_cache(self, quarter: str | None) -> tuple[list, str] | None:
        try:
            data = json.loads(self._panel_file(quarter).read_text(encoding="utf-8"))
            return list(data["panel"]), str(data["fetched_at"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write_cache(self, quarter: str | None, panel: list, when: str) -> None:
        text = json.dumps({"panel": panel, "fetched_at": when, "quarter": quarter}, ensure_ascii=False)
        write_atomically(self._panel_file(quarter), text)

    def export_report(self, quarter: str, folder: str) -> None:
        """自查报告: the PDF and the Excel the hub makes, written into `folder`."""
        self.inbox._spawn(self._export_report(quarter, Path(folder)), "quarterly-report")

    async def _export_report(self, quarter: str, folder: Path) -> None:
        fetch = getattr(self.inbox.client, "quarterly_report", None)
        written: list[str] = []
        try:
            if fetch is None:
                raise HubRefused(tr("这个版本的服务端还不能生成自查报告。"))
            for fmt in ("pdf", "xlsx"):
                data = await fetch(quarter, fmt)
                path = folder / f"{tr('合规自查报告')}-{quarter}.{fmt}"
                await asyncio.to_thread(write_atomically, path, data)
                written.append(str(path))
        except NotSignedIn as exc:
            self.inbox.signInNeeded.emit(str(exc))
            self.reportFailed.emit(tr("登录已过期，请重新登录后再导出。"))
            return
        except HubUnreachable:
            self.reportFailed.emit(tr("无法连接服务端：自查报告由服务端生成，请联网后再导出。"))
            return
        except HubRefused as exc:
            self.reportFailed.emit(str(exc))
            return
        except OSError as exc:
            self.reportFailed.emit(
                tr("无法写入“{folder}”：{error}").format(folder=folder, error=exc.strerror or str(exc))
            )
            return
        self.reportSaved.emit(written)

    def export_register(self, path: str) -> None:
        """账号台账 as an Excel file, from the rows the page shows."""
        rows = list(self.register)
        self.inbox._spawn(self._export_register(rows, Path(path)), "register-export")

    async def _export_register(self, rows: list[dict[str, Any]], path: Path) -> None:
        try:
            await asyncio.to_thread(write_register_xlsx, rows, path)
        except OSError as exc:
            self.registerExportFailed.emit(
                tr("无法写入“{path}”：{error}").format(path=path, error=exc.strerror or str(exc))
            )
            return
        self.registerExported.emit(str(path))


def write_register_xlsx(rows: list[dict[str, Any]], path: Path) -> None:
    """The 账号台账 exactly as the quarterly report writes it (console.compliance.report)."""
    write_workbook(path, [register_sheet(rows)])
