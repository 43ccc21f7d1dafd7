"""One family of refusals for everything a desk or script asks of the hub. Each carries the HTTP
status the hub answers with and words a colleague can act on; the dispatcher and the routes turn them
into answers, so no handler picks a status or catches another feature's exception."""

from __future__ import annotations

from typing import Any


class Refused(ValueError):
    """Well formed, understood, and not done; str() is what the colleague reads."""

    status = 422

    def __init__(self, message: str, *, forbidden: bool = False, **extra: Any) -> None:
        super().__init__(message)
        self.extra = extra  # more for the answer (e.g. a 错敏词 check's hits)
        if forbidden:  # a feature's refusal that is about this person, not the request
            self.status = 403

    @property
    def forbidden(self) -> bool:
        return self.status == 403


class BadInput(Refused):
    """The request itself is wrong: a missing or mistyped argument, an unknown kind (400)."""

    status = 400


class Forbidden(Refused):
    """This colleague may not do this: their role or their accounts do not allow it (403)."""

    status = 403


class Conflict(Refused):
    """It meets something else: a stale version, a command id reused for other content (409)."""

    status = 409


class NotApplicable(Refused):
    """Understood and allowed, but not now or not like this (422): a closed window, a state."""

    status = 422


class Unavailable(Refused):
    """The hub could not keep it (disk full, database locked): nothing was applied; try later (503)."""

    status = 503
