"""What may be attached as evidence of a checklist record: the desk checks before uploading, the hub
again when it receives (console.hub.evidence_api)."""

from __future__ import annotations

MAX_EVIDENCE = 20 * 1024 * 1024
SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".txt", ".ofd"}
