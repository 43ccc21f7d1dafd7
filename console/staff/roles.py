"""Roles as the hub stores and sends them with the signed-in colleague: "|operator|supervisor|".

A desk reads them only to decide what to offer (a 审核 tab, a 保存 button); the hub decides what is
allowed and refuses the rest, whatever a desk offered."""

from __future__ import annotations

from console.store.models import Role, has_role

__all__ = ["Role", "has_role", "is_administrator", "may_review"]


def may_review(roles: str | None) -> bool:
    """Supervisors and administrators review, sign off and read the operation log."""
    return has_role(roles, Role.SUPERVISOR) or has_role(roles, Role.ADMINISTRATOR)


def is_administrator(roles: str | None) -> bool:
    return has_role(roles, Role.ADMINISTRATOR)
