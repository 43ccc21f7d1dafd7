"""Where a command edits one part of an account row (its reply values, its register, its publishing plan),
the account row is the edited row: each part has its own content version on it, so an edit of one part
never conflicts with an edit of another, and a stale edit of the same part is refused (409) in words."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.commands.registry import Locate, Target, known_appid
from console.store.models import Account


def account_part(name: str = "account") -> Locate:
    """The account a desk names in `args[name]`, with its row (for the part's version)."""

    def locate(session: Session, args: dict[str, Any], conversation_id: int) -> Target:
        appid = known_appid(session, args.get(name))
        return Target((appid,), session.scalar(select(Account).where(Account.appid == appid)))

    return locate
