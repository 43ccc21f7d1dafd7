"""The one command path, loaded: every feature's declared command kinds, and the dispatcher that
checks, authorizes and applies them (console.commands). Import `apply` from here, so no kind is
missing when a command arrives."""

from __future__ import annotations

from console.checklist import kinds as _checklist
from console.commands.dispatcher import Outcome, apply, fingerprint, preflight
from console.commands.registry import REGISTRY
from console.compliance import kinds as _compliance
from console.inbox import kinds as _inbox
from console.publishing import kinds as _publishing
from console.replies import kinds as _replies
from console.replies import resend_commands as _resend
from console.review import kinds as _review
from console.staff.access import Seat

FEATURES = (_inbox, _replies, _resend, _review, _publishing, _checklist, _compliance)
KINDS = tuple(REGISTRY)

__all__ = ["KINDS", "REGISTRY", "Outcome", "Seat", "apply", "fingerprint", "preflight"]
