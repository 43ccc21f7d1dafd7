"""One notion of "now" and of stored times: naive UTC in the database, aware UTC at the edges."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC, the form every stored time takes (SQLite keeps no zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def from_epoch(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 with the zone spelled out, for JSON."""
    return None if value is None else value.replace(tzinfo=UTC).isoformat()


def parse_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed
