"""The quarterly self-check report (政务新媒体季度自查报告): the account register, the inspection panel of
every account, the security checklist and the list of problems with what to do, as a PDF to sign
and file and an Excel workbook with the same figures for whoever compiles the county's returns.

Why both are built before either is written: a report that fails its secret check must leave no file
at all, not a workbook without its PDF. The report reads the database only, never the key store; the
values in `secrets_to_hide` are checked against every cell and every line all the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.compliance.panel import (
    CHECKLIST_ALARM_DAYS,
    LEVEL_TEXT,
    RULE_CHECKLIST,
    TYPE_TEXT,
    AccountPanel,
    measured_at,
    panel,
    quarter_bounds,
    quarter_label,
)
from console.compliance.pdf import Block, Grid, Heading, Para, SignatureBlock, ensure_no_secrets, pdf_bytes
from console.compliance.register import register_rows, register_sheet
from console.files import write_atomically
from console.publishing.rhythm import ALARM, OK, WARNING
from console.sheets import Sheet, workbook_bytes
from console.staff.access import account_filter
from console.store.models import Account, ChecklistItem, ChecklistRecord
from console.workcal.holidays import HolidayTable
from console.workcal.hours import OfficeHours, china_today, to_china

PERIOD_TEXT = {"once": "一次性", "monthly": "每月", "quarterly": "每季度", "yearly": "每年"}
NO_UNIT = "（台账未填写责任单位）"

PANEL_SHEET = "检查指标"
CHECKLIST_SHEET = "安全清单"
PROBLEM_SHEET = "问题与整改"

PANEL_COLUMNS = (
    ("账号", 22),
    ("AppID", 22),
    ("检查项", 12),
    ("结果", 8),
    ("情况", 50),
    ("数值", 10),
    ("依据", 40),
    ("整改建议", 50),
)
CHECKLIST_COLUMNS = (
    ("账号", 22),
    ("事项", 30),
    ("周期", 8),
    ("负责人", 12),
    ("到期日期", 12),
    ("状态", 16),
    ("最近完成", 12),
    ("完成人", 12),
    ("签核人", 12),
    ("佐证材料", 30),
)
PROBLEM_COLUMNS = (
    ("序号", 6),
    ("账号", 22),
    ("问题", 50),
    ("等级", 8),
    ("依据", 40),
    ("整改要求", 50),
    ("整改情况", 40),
)


@dataclass(frozen=True)
class ChecklistRow:
    """One security task as the report lists it, with its latest record."""

    account: str
    title: str
    period: str
    owner: str
    due_on: date | None
    state: str
    overdue_days: int  # 0 when not overdue
    last_done: date | None
    done_by: str
    signed_off_by: str
    evidence: str
    note: str  # the latest record's note: what was done

    def cells(self) -> list[Any]:
        return [
            self.account,
            self.title,
            self.period,
            self.owner,
            _iso(self.due_on),
            self.state,
            _iso(self.last_done),
            self.done_by,
            self.signed_off_by,
            self.evidence,
        ]


@dataclass(frozen=True)
class Problem:
    account: str
    problem: str
    level: str  # "warning" | "alarm"
    rule: str
    todo: str
    done: str

    def cells(self, number: int) -> list[Any]:
        return [number, self.account, self.problem, LEVEL_TEXT[self.level], self.rule, self.todo, self.done]


def quarterly_report(
    session: Session,
    quarter: str,
    out_dir: Path,
    table: HolidayTable,
    hours: OfficeHours,
    now_utc: datetime,
    secrets_to_hide: Iterable[str] = (),
    account_ids: set[int] | None = None,
) -> tuple[Path, Path]:
    """Write 自查报告-<quarter>.pdf and 自查报告-<quarter>.xlsx into `out_dir`; returns (pdf, xlsx). The
    report covers the accounts in `account_ids` (console.staff.access.visible_account_ids; None: all).

    QuarterError for a malformed quarter, SecretInReport (and no file) if a hidden value would appear,
    OSError if a file cannot be written."""
    first, last = quarter_bounds(quarter)
    hidden = [s for s in secrets_to_hide if s and s.strip()]
    at = measured_at(now_utc, quarter)
    today = china_today(at)
    panels = panel(session, now_utc, table, hours, quarter=quarter, account_ids=account_ids)
    register = register_rows(session, account_ids)
    checklist = checklist_rows(session, today, first, last, account_ids)
    problems = problem_list(panels, checklist)

    sheets = [
        register_sheet(register),
        Sheet(PANEL_SHEET, PANEL_COLUMNS, _panel_cells(panels), wrapped={"情况", "依据", "整改建议"}),
        Sheet(CHECKLIST_SHEET, CHECKLIST_COLUMNS, [row.cells() for row in checklist], wrapped={"事项", "佐证材料"}),
        Sheet(
            PROBLEM_SHEET,
            PROBLEM_COLUMNS,
            [p.cells(n) for n, p in enumerate(problems, 1)],
            wrapped={"问题", "依据", "整改要求", "整改情况"},
        ),
    ]
    ensure_no_secrets((str(cell) for sheet in sheets for row in sheet.rows for cell in row), hidden)
    xlsx = workbook_bytes(sheets)

    title = f"政务新媒体季度自查报告（{quarter_label(quarter)}）"
    blocks = _pdf_blocks(china_today(now_utc), first, last, at, panels, register, checklist, problems)
    pdf = pdf_bytes(title, blocks, hidden)

    out_dir.mkdir(parents=True, exist_ok=True)
    pdf_path = out_dir / f"自查报告-{quarter.strip().upper()}.pdf"
    xlsx_path = out_dir / f"自查报告-{quarter.strip().upper()}.xlsx"
    write_atomically(xlsx_path, xlsx)
    write_atomically(pdf_path, pdf)
    return pdf_path, xlsx_path


def checklist_rows(
    session: Session, today: date, first: date, last: date, account_ids: set[int] | None = None
) -> list[ChecklistRow]:
    """Every checklist item of every account in `account_ids` (None: all; archived ones too, marked),
    with its latest record."""
    names = {row.id: row.name for row in session.execute(select(Account.id, Account.name))}
    latest: dict[int, ChecklistRecord] = {}
    records = select(ChecklistRecord).where(account_filter(ChecklistRecord.account_id, account_ids))
    for done in session.scalars(records.order_by(ChecklistRecord.done_on, ChecklistRecord.id)):
        latest[done.item_id] = done
    rows = []
    items = session.scalars(
        select(ChecklistItem)
        .where(account_filter(ChecklistItem.account_id, account_ids))
        .order_by(ChecklistItem.account_id, ChecklistItem.id)
    )
    for item in items:
        record = latest.get(item.id)
        last_done = item.last_done_on or (record.done_on if record else None)
        overdue = (today - item.due_on).days if item.due_on is not None and item.due_on < today else 0
        if item.archived:
            state = "已停用"
        elif overdue:
            state = f"逾期 {overdue} 天"
        elif record is not None and first <= record.done_on <= last:
            state = "本季度已完成"
        elif item.due_on is None:
            state = "已完成" if last_done else "未安排"
        else:
            state = "未到期"
        rows.append(
            ChecklistRow(
                account=names.get(item.account_id, ""),
                title=item.title,
                period=PERIOD_TEXT.get(item.period, item.period),
                owner=item.owner or "",
                due_on=item.due_on,
                state=state,
                overdue_days=0 if item.archived else overdue,
                last_done=last_done,
                done_by=record.done_by if record else "",
                signed_off_by=(record.signed_off_by or "未签核") if record else "",
                evidence="、".join(_evidence_names(record.evidence)) if record else "",
                note=record.note.strip() if record and record.note else "",
            )
        )
    return rows


def _evidence_names(evidence: Any) -> list[str]:
    """What each piece of evidence is called; never its stored reference."""
    names = []
    for piece in evidence if isinstance(evidence, list) else []:
        if not isinstance(piece, dict):
            continue
        name = piece.get("name")
        names.append(str(name) if name else "系统自动检查" if piece.get("kind") == "auto" else "附件")
    return names


def problem_list(panels: Sequence[AccountPanel], checklist: Sequence[ChecklistRow]) -> list[Problem]:
    """Every warning or alarm of the panel, then every overdue security task, worst first within each."""
    problems = []
    for account_panel in panels:
        for line in account_panel.lines:
            if line.level == OK:
                continue
            problems.append(
                Problem(account_panel.name, f"{line.title}：{line.value}", line.level, line.rule, line.advice, "")
            )
    problems.sort(key=lambda p: p.level != ALARM)
    for row in checklist:
        if not row.overdue_days:
            continue
        level = ALARM if row.overdue_days > CHECKLIST_ALARM_DAYS else WARNING
        problems.append(
            Problem(
                row.account,
                f"安全清单“{row.title}”逾期 {row.overdue_days} 天（应于 {_cn_date(row.due_on)} 前完成）",
                level,
                RULE_CHECKLIST,
                "尽快完成，在安全清单中登记完成情况并上传佐证材料，由主管签核。",
                row.note,
            )
        )
    return problems


def _panel_cells(panels: Sequence[AccountPanel]) -> list[list[Any]]:
    return [
        [p.name, p.appid, line.title, line.level_text, line.value, line.figure, line.rule, line.advice]
        for p in panels
        for line in p.lines
    ]


def _pdf_blocks(
    filled_on: date,
    first: date,
    last: date,
    at: datetime,
    panels: Sequence[AccountPanel],
    register: Sequence[dict[str, str]],
    checklist: Sequence[ChecklistRow],
    problems: Sequence[Problem],
) -> list[Block]:
    units = list(dict.fromkeys(row["unit"] for row in register if row["unit"]))
    local = to_china(at)
    counts = {level: sum(1 for p in panels if p.level == level) for level in (OK, WARNING, ALARM)}
    overdue = sum(1 for row in checklist if row.overdue_days)
    blocks: list[Block] = [
        Para(f"填报单位：{'、'.join(units) or NO_UNIT}　　填报日期：{_cn_date(filled_on)}", centered=True),
        Para(
            f"统计期间：{_cn_date(first)}至{_cn_date(last)}　　检查时点：{_cn_date(local.date())} {local:%H:%M}",
            centered=True,
        ),
        Heading("一、总体情况"),
        Para(
            f"本单位共运营政务新媒体账号 {len(panels)} 个，本季度自查结果：正常 {counts[OK]} 个、"
            f"提醒 {counts[WARNING]} 个、警告 {counts[ALARM]} 个；"
            f"发现问题 {len(problems)} 项，其中安全清单逾期 {overdue} 项。"
            "检查依据为国办秘函〔2019〕19号检查指标（单项否决：超过两周无更新、未提供有效互动功能；"
            "扣分项：留言回复不及时，错字、错句、错链，缺少撰稿/审核/审签）。"
        ),
        Heading("二、账号台账"),
        Grid(
            [
                "账号名称",
                "类型",
                "责任单位",
                "负责人（电话）",
                "运营人员（联系方式）",
                "认证情况",
                "开通日期",
                "更新频率目标",
                "备注",
            ],
            [
                [
                    f"{row['name']}\n{row['appid']}",
                    row["type"],
                    row["unit"],
                    _joined(row["owner"], row["owner_phone"]),
                    _joined(row["operators"], row["contact"]),
                    row["verified"],
                    row["opened_on"],
                    row["frequency"],
                    row["note"],
                ]
                for row in register
            ],
            widths=[1.6, 0.7, 1.3, 1.5, 1.4, 0.9, 1.1, 1.0, 1.1],
        ),
        Heading("三、检查指标"),
    ]
    for p in panels:
        kind = TYPE_TEXT.get(p.account_type, p.account_type)
        blocks.append(Heading(f"{p.name}（{kind}，{p.appid}）　总体：{p.level_text}", level=2))
        blocks.append(
            Grid(
                ["检查项", "结果", "情况", "依据", "整改建议"],
                [[line.title, line.level_text, line.value, line.rule, line.advice] for line in p.lines],
                widths=[1.0, 0.6, 2.6, 2.0, 2.6],
            )
        )
    if not panels:
        blocks.append(Para("尚未登记公众号。"))
    blocks += [
        Heading("四、安全清单"),
        Grid(
            ["账号", "事项", "到期日期", "状态", "最近完成", "完成人", "签核人", "佐证材料"],
            [
                [
                    r.account,
                    r.title,
                    _iso(r.due_on),
                    r.state,
                    _iso(r.last_done),
                    r.done_by,
                    r.signed_off_by,
                    r.evidence,
                ]
                for r in checklist
            ],
            widths=[1.4, 2.2, 1.1, 1.1, 1.1, 0.9, 0.9, 1.6],
        ),
        Heading("五、问题与整改"),
        Grid(
            ["序号", "账号", "问题", "等级", "依据", "整改要求", "整改情况"],
            [[str(n), *[str(c) for c in p.cells(n)[1:]]] for n, p in enumerate(problems, 1)],
            widths=[0.5, 1.3, 2.6, 0.6, 1.8, 2.2, 1.6],
        ),
    ]
    if not problems:
        blocks.append(Para("本季度自查未发现问题。"))
    blocks += [
        Heading("六、审核签字"),
        Para("以上情况属实。"),
        SignatureBlock(),
    ]
    return blocks


def _joined(main: str, extra: str) -> str:
    return f"{main}\n{extra}" if main and extra else main or extra


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _cn_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
