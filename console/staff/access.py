"""The one rule for who may see and act on an account, read both ways.

A colleague has roles and a list of accounts they work on. Administrators work on every account; anyone
else works on the accounts listed, and a missing or empty list means none — never "all". What a colleague
may act on is exactly what their desk receives: commands, the change feed, command answers, media,
evidence, search, compliance, the register, reports and audit all ask this module, nowhere else.

A `Seat` is who sends a request: on the hub, the signed-in colleague (never what a desk claims). A seat
with no staff row is the hub's own process (the command line on the hub machine, the starter set, the
demo): it acts with every right, and no HTTP request can ever be one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, false, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from console.store.models import Account, Role, Staff, has_role


@dataclass(frozen=True)
class Seat:
    """Who sends a command. `accounts` are appids; administrators and the hub's own process see all."""

    login: str | None
    name: str | None
    staff_id: int | None = None
    roles: str = ""
    accounts: tuple[str, ...] = ()

    @classmethod
    def of(cls, staff: Staff) -> Seat:
        return cls(staff.login, staff.name, staff.id, staff.roles or "", tuple(str(a) for a in staff.accounts or ()))

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> Seat:
        """From the signed-in colleague as the hub's middleware keeps them (console.hub.auth_api)."""
        roles = view.get("roles") or ""
        if not isinstance(roles, str):  # staff_view lists them; the stored form wraps them in bars
            roles = "".join(f"|{r}" for r in roles) + "|"
        return cls(view["login"], view["name"], view["id"], roles, tuple(str(a) for a in view.get("accounts") or ()))

    @classmethod
    def system(cls, login: str, name: str) -> Seat:
        """The hub's own process (command line on the hub machine, starter set, demo seeding)."""
        return cls(login, name, None, "")

    @property
    def is_system(self) -> bool:
        return self.staff_id is None

    def has_role(self, role: Role) -> bool:
        return self.is_system or has_role(self.roles, role)

    @property
    def reviewer(self) -> bool:
        return self.has_role(Role.SUPERVISOR) or self.has_role(Role.ADMINISTRATOR)

    @property
    def administrator(self) -> bool:
        return self.has_role(Role.ADMINISTRATOR)

    @property
    def sees_all(self) -> bool:
        return self.administrator

    def may(self, appid: str | None) -> bool:
        """Whether this colleague may see and act on the account with this appid. None is a global row
        (a template for every account, the word lists): readable by all, written by administrators —
        callers writing a global row ask `administrator`."""
        if appid is None:
            return True
        return self.sees_all or appid in self.accounts

    def may_all(self, appids: Iterable[str | None]) -> bool:
        return all(self.may(appid) for appid in appids)


def staff_may(staff: Staff, appid: str) -> bool:
    """The same rule for a Staff row (an assignee, a reviewer chosen by the hub)."""
    return bool(staff.active) and Seat.of(staff).may(appid)


def visible_account_ids(session: Session, seat: Seat) -> set[int] | None:
    """Ids of the accounts this seat sees; None for all (administrators, the hub itself)."""
    if seat.sees_all:
        return None
    if not seat.accounts:
        return set()
    return set(session.scalars(select(Account.id).where(Account.appid.in_(seat.accounts))))


def visible_appids(session: Session, seat: Seat) -> set[str] | None:
    if seat.sees_all:
        return None
    return set(seat.accounts)


def account_filter(column: InstrumentedAttribute[Any], ids: set[int] | None) -> ColumnElement[bool]:
    """A WHERE clause keeping rows of the visible accounts (`ids` from visible_account_ids)."""
    if ids is None:
        return true()
    if not ids:
        return false()
    return column.in_(ids)


def global_or_visible(column: InstrumentedAttribute[Any], ids: set[int] | None) -> ColumnElement[bool]:
    """Rows for every account (account_id NULL) or for a visible one: templates and rules."""
    if ids is None:
        return true()
    return column.is_(None) | account_filter(column, ids)
