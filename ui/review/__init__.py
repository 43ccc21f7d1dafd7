"""审核: the supervisors' queue, a colleague's own submissions and the administrators' review rules. The
page shows what the controller reads from the replica; every decision goes to the hub through the outbox."""

from __future__ import annotations

from ui.review.controller import ReviewController
from ui.review.page import ReviewPage

__all__ = ["ReviewController", "ReviewPage"]
