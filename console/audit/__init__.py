"""The hash-chained operation log (操作日志): `record` an action in the caller's transaction, `verify`
the chain, list `entries` for the 审核 page; console.audit.export writes it to Excel or CSV."""

from __future__ import annotations

from console.audit.chain import Verdict, action_name, describe, entries, record, scrub, verify

__all__ = ["Verdict", "action_name", "describe", "entries", "record", "scrub", "verify"]
