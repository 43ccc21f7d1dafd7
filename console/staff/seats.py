"""Desk seats from before sign-in existed: a colleague row without a password, so conversations already
assigned to the seat stay with the colleague who later claims it (console.staff.directory.create_staff)."""

from __future__ import annotations

from sqlalchemy import select

from console.store.database import Database, next_seq
from console.store.models import Staff


def register_seat(db: Database, login: str, name: str) -> int:
    """A colleague row without a password. A colleague an administrator disabled stays disabled."""
    with db.session() as session:
        staff = session.scalar(select(Staff).where(Staff.login == login))
        if staff is None:
            staff = Staff(login=login, name=name, seq=next_seq(session))
            session.add(staff)
            session.flush()
        elif staff.active and staff.name != name:
            staff.name, staff.seq = name, next_seq(session)
        return staff.id
