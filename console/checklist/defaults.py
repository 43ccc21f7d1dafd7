"""The default checklist offered to every account, and installing it.

The shipped list (resources/checklist/default.json) is what most county offices are asked for; an
administrator may put the office's own list at <data dir>/checklist.json, and that file wins, because
local inspection notices differ and the office knows its own. A bad file is refused as a whole, with the
item named, so a typo never installs half a list."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.checklist.periods import PERIOD_TEXT, PERIODS, first_due
from console.checklist.self_checks import AUTO_CHECKS
from console.paths import data_dir, resources_dir
from console.store.database import next_seq
from console.store.models import Account, ChecklistItem
from console.timeutil import utcnow

OFFICE_FILE = "checklist.json"
MAX_TITLE = 200
MAX_HOW = 2000
MAX_KEY = 64


class ChecklistFileError(ValueError):
    """A checklist file that cannot be used; the message names the file and the item, in Chinese."""


@dataclass(frozen=True)
class DefaultItem:
    key: str
    title: str
    period: str
    how: str
    auto: str | None


def shipped_file() -> Path:
    return resources_dir() / "checklist" / "default.json"


def office_file() -> Path:
    """The administrator's own list in the data dir (it may not exist)."""
    return data_dir() / OFFICE_FILE


def defaults_file() -> Path:
    """The list in force: the office's own when there is one, else the shipped one."""
    own = office_file()
    return own if own.is_file() else shipped_file()


def _item(path: Path, number: int, raw: Any, seen: set[str]) -> DefaultItem:
    if not isinstance(raw, dict):
        raise ChecklistFileError(f"安全清单文件 {path} 第 {number} 项格式不对，应为含 key、title、period、how 的对象。")
    title = str(raw.get("title") or "").strip()
    name = f"第 {number} 项“{title}”" if title else f"第 {number} 项"

    def bad(why: str) -> ChecklistFileError:
        return ChecklistFileError(f"安全清单文件 {path} {name}：{why}")

    key = str(raw.get("key") or "").strip()
    if not key or len(key) > MAX_KEY or not all(c.isascii() and (c.isalnum() or c in "_-") for c in key):
        raise bad(f"缺少 key，或 key 不是 1 到 {MAX_KEY} 位英文字母、数字、下划线。")
    if key in seen:
        raise bad(f"key “{key}” 与前面的检查项重复。")
    if not title or len(title) > MAX_TITLE:
        raise bad(f"标题（title）不能为空，且不超过 {MAX_TITLE} 字。")
    period = str(raw.get("period") or "")
    if period not in PERIODS:
        allowed = "、".join(f"{p}（{PERIOD_TEXT[p]}）" for p in PERIODS)
        raise bad(f"检查周期（period）“{period}”不对，应为 {allowed} 之一。")
    how = str(raw.get("how") or "").strip()
    if not how or len(how) > MAX_HOW:
        raise bad(f"检查方法（how）不能为空，且不超过 {MAX_HOW} 字。")
    auto = raw.get("auto")
    if auto is not None and auto not in AUTO_CHECKS:
        raise bad(f"自动核对项目（auto）“{auto}”不存在，应为 {'、'.join(AUTO_CHECKS)} 之一或 null。")
    seen.add(key)
    return DefaultItem(key, title, period, how, auto)


def load_defaults(path: Path | None = None) -> list[DefaultItem]:
    """Read and validate a checklist file (default: `defaults_file()`); ChecklistFileError if unusable.
    The file is a list of items, or an object whose "items" holds it (room for a note to colleagues)."""
    path = path or defaults_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ChecklistFileError(f"找不到安全清单文件 {path}。") from exc
    except OSError as exc:
        raise ChecklistFileError(f"无法读取安全清单文件 {path}：{exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ChecklistFileError(f"安全清单文件 {path} 不是 UTF-8 编码，请用 UTF-8 保存。") from exc
    except json.JSONDecodeError as exc:
        raise ChecklistFileError(
            f"安全清单文件 {path} 第 {exc.lineno} 行第 {exc.colno} 列附近格式有误（JSON）：请检查引号、逗号和括号。"
        ) from exc
    raw_items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(raw_items, list) or not raw_items:
        raise ChecklistFileError(f"安全清单文件 {path} 中没有检查项（应为列表，或含 items 列表的对象）。")
    seen: set[str] = set()
    return [_item(path, number, raw, seen) for number, raw in enumerate(raw_items, start=1)]


def install(
    session: Session,
    account: Account,
    today: date,
    actor: str,
    defaults: list[DefaultItem] | None = None,
) -> int:
    """Create the default items this account lacks (matched by key, archived ones included, so an item
    the office retired is not brought back); each is due by the end of its current period. Returns how
    many were created; running it again creates none."""
    items = load_defaults() if defaults is None else defaults
    have = set(session.scalars(select(ChecklistItem.key).where(ChecklistItem.account_id == account.id)))
    now = utcnow()
    created = 0
    for item in items:
        if item.key in have:
            continue
        session.add(
            ChecklistItem(
                account_id=account.id,
                key=item.key,
                title=item.title,
                period=item.period,
                owner="",
                how=item.how,
                auto=item.auto,
                due_on=first_due(item.period, today),
                last_done_on=None,
                archived=False,
                updated_by=actor,
                updated_at=now,
                seq=next_seq(session),
            )
        )
        have.add(item.key)
        created += 1
    session.flush()
    return created
