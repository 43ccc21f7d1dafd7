"""What the desk's 审核 page reads from the replica, by the signed-in colleague's login: their queue,
their own submissions, and every account's policy. The desk knows its colleague by login (the hub's
session says who), and the replica holds the same staff rows, so roles and accounts are the hub's."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.review import queue
from console.review.policy import policy_for, urgent_levels_of
from console.store.models import Account, Staff
from console.timeutil import utcnow

# (appid, account name, replies rule, labels, article levels, urgent levels (突发/辟谣), version: 0 when
# the administrator has set none — the base a change is sent with, so two administrators never overwrite)
PolicyRow = tuple[str, str, str, list[str], int, int, int]


def staff_by_login(session: Session, login: str) -> Staff | None:
    if not login:
        return None
    return session.scalar(select(Staff).where(Staff.login == login))


def queue_for(session: Session, login: str, now: datetime | None = None) -> list[queue.QueueRow]:
    """What this colleague may decide now, oldest first; empty for a colleague who does not review.
    `now`: the hub's clock when the desk knows it (waiting times are the hub's)."""
    staff = staff_by_login(session, login)
    if staff is None:
        return []
    return queue.pending(session, staff, now or utcnow())


def mine_for(session: Session, login: str) -> list[queue.MyItem]:
    """This colleague's own submissions, most recently changed first."""
    staff = staff_by_login(session, login)
    if staff is None:
        return []
    return queue.mine(session, staff.id)


def policies(session: Session) -> list[PolicyRow]:
    """Every account's review policy (the default, replies unreviewed and articles one level, when the
    administrator has set none), in the order accounts were added."""
    rows: list[PolicyRow] = []
    for account in session.scalars(select(Account).order_by(Account.id)):
        policy = policy_for(session, account.id)
        rows.append(
            (
                account.appid,
                account.name,
                policy.replies or "none",
                [str(label) for label in policy.labels or []],
                int(policy.article_levels or 1),
                urgent_levels_of(policy),
                int(policy.version or 0),  # the version the hub checks a change against
            )
        )
    return rows
