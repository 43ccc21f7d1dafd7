"""The hub's 错敏词 gate: whatever a desktop asks to send or store for followers (a reply, a template, a
rule's reply, an account's values) is screened again here, so a desktop with old lists, or a script
calling the API directly, cannot get a blocked text past the check.

A text with blocking hits is refused (ScreenBlocked, with each hit's place, reason and correction) and
the refusal is recorded; it passes only with the override of a signed-in supervisor or administrator
(their own desk, with a reason, recorded) — an operator's blocked reply goes to the review queue instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.refusal import NotApplicable
from console.screening import Hit, Screener, text_hash
from console.store.models import Role, ScreenEvent, Staff
from console.timeutil import utcnow

MIN_REASON = 5
_WHAT = {"reply": "回复", "template": "模板", "rule": "自动回复", "values": "账号变量", "article": "图文"}


def hit_to_dict(hit: Hit) -> dict[str, Any]:
    return {
        "start": hit.start,
        "end": hit.end,
        "kind": hit.kind.value,
        "matched": hit.matched,
        "reason": hit.reason,
        "suggestion": hit.suggestion,
        "blocking": hit.blocking,
    }


def describe_hits(hits: Sequence[Hit]) -> str:
    return "；".join(f"“{hit.matched}”：{hit.reason}" for hit in hits)


class ScreenBlocked(NotApplicable):
    """The text has blocking hits and no valid override. `event` is recorded by the caller after the
    refused work is rolled back (the dispatcher keeps what `keep` lists); the answer carries the hits."""

    def __init__(self, message: str, hits: Sequence[Hit], event: ScreenEvent) -> None:
        self.hits = [hit_to_dict(hit) for hit in hits]
        super().__init__(message, hits=self.hits)
        self.event = event
        self.keep = [event]


@dataclass
class ScreenGate:
    screener: Screener | None
    operator: str | None = None  # the seat's name, for the record
    operator_login: str | None = None
    command_id: str | None = None
    conversation_id: int | None = None
    passed: list[ScreenEvent] = field(default_factory=list)

    def hits(self, text: str) -> list[dict[str, Any]]:
        """Every finding in `text` (warnings too), as stored with a held reply."""
        if self.screener is None or not text.strip():
            return []
        return [hit_to_dict(hit) for hit in self.screener.check(text)]

    def check(
        self, session: Session, text: str, what: str, override: Any = None, account_id: int | None = None
    ) -> None:
        """Return if `text` may go out; raise ScreenBlocked if not; record an override that passes it."""
        if self.screener is None or not text.strip():
            return
        result = self.screener.screen(text)
        if not result.blocked:
            return
        hits = result.blocking_hits
        event = ScreenEvent(
            what=what,
            account_id=account_id,
            conversation_id=self.conversation_id,
            text_hash=text_hash(text),
            hits=[hit_to_dict(hit) for hit in hits],
            operator=self.operator,
            command_id=self.command_id,
            created_at=utcnow(),
        )
        label = _WHAT.get(what, "内容")
        if override is None:
            event.outcome = "blocked"
            message = (
                f"{label}中有 {len(hits)} 处必须修改：{describe_hits(hits)}。请按提示修改后再提交，或请审核人放行。"
            )
            raise ScreenBlocked(message, hits, event)
        supervisor, reason = self._supervisor(session, override)
        event.outcome, event.supervisor, event.reason = "overridden", supervisor, reason
        session.add(event)
        self.passed.append(event)

    def _supervisor(self, session: Session, override: Any) -> tuple[str, str]:
        if not isinstance(override, dict):
            raise ValueError("override must be an object")
        login = str(override.get("supervisor") or "").strip()
        reason = str(override.get("reason") or "").strip()
        staff = session.scalar(select(Staff).where(Staff.login == login)) if login else None
        if staff is None or not staff.active:
            raise OverrideRefused("放行需要审核人：找不到这位审核人，或已停用。")
        if self.operator_login is not None and login != self.operator_login:
            # The pass is given by the signed-in colleague, never in someone else's name: an operator
            # asks for it by submitting the reply for review instead.
            raise OverrideRefused("放行只能由审核人在自己的工作台上操作。经办人请点“提交审核”，由审核人在审核页通过。")
        if not (staff.has_role(Role.SUPERVISOR) or staff.has_role(Role.ADMINISTRATOR)):
            raise OverrideRefused(f"{staff.name}不是审核人，不能放行。请找本单位的审核人。")
        if len(reason) < MIN_REASON:
            raise OverrideRefused(f"请写明放行理由（至少 {MIN_REASON} 个字），理由会记入日志。")
        return staff.name, reason


class OverrideRefused(NotApplicable):
    """An override that does not count: not a supervisor, one's own text, no reason."""
