"""Words and times as the office reads them."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

STATUS_WORDS = {
    "new": "新消息",
    "open": "处理中",
    "review": "待审核",
    "replied": "已回复",
    "closed": "已关闭",
    "snoozed": "稍后处理",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("wxconsole", text)


def local(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC).astimezone()


def short_time(value: datetime, now: datetime | None = None) -> str:
    """今天的显示时分，今年的显示月日，更早的显示年月日。"""
    when = local(value)
    now = now or datetime.now().astimezone()
    if when.date() == now.date():
        return when.strftime("%H:%M")
    if when.year == now.year:
        return f"{when.month}月{when.day}日"
    return f"{when.year}年{when.month}月{when.day}日"


def status_word(status: str) -> str:
    return tr(STATUS_WORDS.get(status, status))
