"""The staff directory an administrator keeps: who may sign in, with which roles, on which accounts.

Every change to a Staff row bumps its `seq` (staff rows sync to desktops, so colleagues can be
assigned); credentials and sessions stay on the hub. A desktop seat registered before sign-in
existed is a Staff row without a credential: creating staff with the same login claims that row, so
conversations already assigned to the seat stay with the colleague."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from console.staff.access import staff_may
from console.staff.passwords import hash_password, password_problem
from console.staff.sessions import revoke_all
from console.store.database import next_seq
from console.store.models import Account, Role, Staff, StaffCredential
from console.timeutil import iso, utcnow

LOGIN_PATTERN = re.compile(r"[a-z0-9._-]{3,32}")
MAX_NAME = 30
ROLE_NAMES = {Role.OPERATOR: "运营", Role.SUPERVISOR: "审核", Role.ADMINISTRATOR: "管理员"}


class StaffError(ValueError):
    """A staff change refused; the words say why and what to do."""


def roles_text(roles: list[Role]) -> str:
    """Roles in the stored form, "|operator|supervisor|", in a fixed order and without repeats."""
    chosen = [role for role in Role if role in roles]
    return "".join(f"|{role.value}" for role in chosen) + "|"


def roles_of(staff: Staff) -> list[Role]:
    return [role for role in Role if staff.has_role(role)]


def check_login(login: str) -> str:
    """The login as stored (trimmed, lower case), or StaffError."""
    cleaned = login.strip().lower()
    if not LOGIN_PATTERN.fullmatch(cleaned):
        raise StaffError("登录名需为 3 到 32 个字符，只能用小写字母、数字和 . _ -（例如 zhangmin 或 zhang.min）。")
    return cleaned


def _check_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned:
        raise StaffError("请填写姓名。")
    if len(cleaned) > MAX_NAME:
        raise StaffError(f"姓名不能超过 {MAX_NAME} 个字。")
    return cleaned


def _check_roles(roles: list[Role]) -> str:
    if not roles:
        raise StaffError("请至少选择一个角色：运营、审核或管理员。")
    return roles_text([Role(role) for role in roles])


def _check_accounts(session: Session, accounts: list[str] | None) -> list[str] | None:
    if accounts is None:
        return None
    chosen = list(dict.fromkeys(a.strip() for a in accounts if a.strip()))
    known = set(session.scalars(select(Account.appid).where(Account.appid.in_(chosen))))
    missing = [a for a in chosen if a not in known]
    if missing:
        raise StaffError(f"没有这些 AppID 的公众号：{'、'.join(missing)}。请先添加公众号，或检查 AppID。")
    return chosen


def _staff(session: Session, staff_id: int) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise StaffError("找不到这位人员，可能已被删除。")
    return staff


def _credential(session: Session, staff: Staff) -> StaffCredential:
    credential = session.get(StaffCredential, staff.id)
    if credential is None:
        raise StaffError(f"{staff.name}（{staff.login}）还没有登录密码，请先用“添加人员”为其设置。")
    return credential


def _is_admin(session: Session, staff: Staff) -> bool:
    """An administrator who can actually sign in: active, with the role and a password."""
    return bool(
        staff.active and staff.has_role(Role.ADMINISTRATOR) and session.get(StaffCredential, staff.id) is not None
    )


def _other_admins(session: Session, staff_id: int) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(
                    Staff.id != staff_id,
                    Staff.active.is_(True),
                    Staff.roles.contains(f"|{Role.ADMINISTRATOR.value}|"),
                    Staff.id == StaffCredential.staff_id,
                )
            )
        )
    )


def _keep_an_admin(session: Session, staff: Staff) -> None:
    """Refuse a change that would leave the hub with nobody able to manage staff."""
    if _is_admin(session, staff) and not _other_admins(session, staff.id):
        raise StaffError(f"{staff.name} 是唯一的管理员。请先让另一位同事成为管理员，再做这个改动。")


def needs_first_admin(session: Session) -> bool:
    """True while no active colleague with a password holds the administrator role (first run)."""
    return not _other_admins(session, -1)


def find_staff(session: Session, login: str) -> Staff | None:
    return session.scalar(select(Staff).where(Staff.login == login.strip().lower()))


def create_staff(
    session: Session,
    login: str,
    name: str,
    password: str,
    roles: list[Role],
    accounts: list[str] | None = None,
    now: datetime | None = None,
) -> Staff:
    """A colleague who can sign in. A seat-registered row with the same login and no password is
    claimed (name, roles and accounts set, password added); any other existing login is refused."""
    login = check_login(login)
    name = _check_name(name)
    stored_roles = _check_roles(roles)
    chosen_accounts = _check_accounts(session, accounts)
    problem = password_problem(password, login, name)
    if problem:
        raise StaffError(problem)
    staff = session.scalar(select(Staff).where(Staff.login == login))
    if staff is not None and session.get(StaffCredential, staff.id) is not None:
        raise StaffError(f"登录名 {login} 已被 {staff.name} 使用，请换一个。")
    if staff is None:
        staff = Staff(login=login)
        session.add(staff)
    staff.name, staff.roles, staff.accounts, staff.active = name, stored_roles, chosen_accounts, True
    staff.seq = next_seq(session)
    session.flush()
    session.add(
        StaffCredential(
            staff_id=staff.id,
            password_hash=hash_password(password),
            failed_logins=0,
            locked_until=None,
            changed_at=now or utcnow(),
        )
    )
    session.flush()
    return staff


def set_password(session: Session, staff_id: int, password: str, now: datetime | None = None) -> None:
    """A new password (checked against the rule); the lock is lifted and every session ends."""
    staff = _staff(session, staff_id)
    credential = _credential(session, staff)
    problem = password_problem(password, staff.login, staff.name)
    if problem:
        raise StaffError(problem)
    credential.password_hash = hash_password(password)
    credential.changed_at = now or utcnow()
    credential.failed_logins, credential.locked_until = 0, None
    revoke_all(session, staff.id)


def set_roles(session: Session, staff_id: int, roles: list[Role]) -> Staff:
    staff = _staff(session, staff_id)
    stored = _check_roles(roles)
    if Role.ADMINISTRATOR not in roles:
        _keep_an_admin(session, staff)
    if stored != staff.roles:
        staff.roles, staff.seq = stored, next_seq(session)
    return staff


def set_accounts(session: Session, staff_id: int, accounts: list[str] | None) -> Staff:
    """The accounts a colleague may work on; None or [] for none (administrators work on every account)."""
    staff = _staff(session, staff_id)
    chosen = _check_accounts(session, accounts)
    if chosen != staff.accounts:
        staff.accounts, staff.seq = chosen, next_seq(session)
    return staff


def deactivate(session: Session, staff_id: int) -> Staff:
    """The colleague can no longer sign in; their open sessions end now. The row stays (history)."""
    staff = _staff(session, staff_id)
    _keep_an_admin(session, staff)
    if staff.active:
        staff.active, staff.seq = False, next_seq(session)
    revoke_all(session, staff.id)
    return staff


def unlock(session: Session, staff_id: int) -> Staff:
    """Lift a lockout after failed sign-ins (and forget the failures)."""
    staff = _staff(session, staff_id)
    credential = _credential(session, staff)
    credential.failed_logins, credential.locked_until = 0, None
    return staff


def may_work_on(staff: Staff, appid: str) -> bool:
    """Whether this colleague may work on this account's conversations (console.staff.access's rule)."""
    return staff_may(staff, appid)


def staff_view(staff: Staff) -> dict[str, Any]:
    """What desks and lists may show of a colleague: never anything about the password."""
    return {
        "id": staff.id,
        "login": staff.login,
        "name": staff.name,
        "active": bool(staff.active),
        "roles": [role.value for role in roles_of(staff)],
        "accounts": list(staff.accounts) if staff.accounts is not None else None,
        "created_at": iso(staff.created_at),
    }
