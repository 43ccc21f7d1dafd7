"""The hub's compiled rules: built from the database once per change of the rules, not per message.

Whether the rules changed is one indexed read (the highest `seq` of reply_rule, which every edit,
deletion and import bumps), so an edit from a desktop, the CLI or another hub process is picked up by
the next callback without any signal between them."""

from __future__ import annotations

import logging
import threading

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.replies.codec import RuleFormatError, rule_from_dict
from console.replies.library import stored_rules
from console.replies.rules import Rule, RuleSet
from console.store.models import ReplyRule

log = logging.getLogger(__name__)


def load_rules(session: Session) -> list[Rule]:
    """Every live rule; a stored row that no longer reads as a rule is skipped and logged, never fatal
    (one bad row must not silence every automatic reply)."""
    rules: list[Rule] = []
    for data in stored_rules(session):
        try:
            rules.append(rule_from_dict(data))
        except RuleFormatError as exc:
            log.error("rule %s skipped: %s", data.get("id"), exc)
    return rules


class RuleBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: int | None = None
        self._ruleset = RuleSet(())

    def current(self, session: Session) -> RuleSet:
        version = int(session.scalar(select(func.coalesce(func.max(ReplyRule.seq), 0))) or 0)
        if version == self._version:
            return self._ruleset
        with self._lock:
            if version != self._version:
                self._ruleset = RuleSet(load_rules(session))
                self._version = version
            return self._ruleset
