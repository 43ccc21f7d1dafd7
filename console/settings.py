"""This desk's own settings (seat name, office hours, notifications), kept as JSON in the data dir.

They belong to one computer, not to the team, so they live beside the replica and not in the hub. A settings
file must never stop the console from starting: a corrupt file is kept aside for whoever wants to look at it,
and the defaults are used; a field of the wrong type falls back to its default and the rest is kept.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import re
import secrets
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from console.files import write_atomically
from console.paths import data_dir
from console.workcal import OfficeHours, OfficeHoursError

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"
BAD_SUFFIX = ".bad"
FALLBACK_SEAT_NAME = "值班人员"
_SEAT_LOGIN = re.compile(r'"seat_login"\s*:\s*"(seat-[0-9a-f]{8})"')


def new_seat_login() -> str:
    """An id for this install, made once: colleagues' reply locks tell seats apart by it, not by the name."""
    return "seat-" + secrets.token_hex(4)


def default_seat_name() -> str:
    """The computer's user name is a reasonable first guess; some locked-down office PCs have none."""
    try:
        name = getpass.getuser().strip()
    except Exception:  # getpass raises OSError, KeyError or ImportError depending on the platform
        name = ""
    return name or FALLBACK_SEAT_NAME


def default_office_hours() -> dict[str, Any]:
    """The working calendar's default (上午 8:30–12:00, 下午 14:30–17:30), as the plain dict the file keeps."""
    return OfficeHours().to_dict()


@dataclass(frozen=True)
class Settings:
    """What one desk remembers. Frozen: a change is a new object passed along with `settingsChanged`."""

    seat_login: str = field(default_factory=new_seat_login)
    seat_name: str = field(default_factory=default_seat_name)
    office_hours: dict[str, Any] = field(default_factory=default_office_hours)
    overdue_hours: float = 4.0
    notify_new: bool = True
    notify_overdue: bool = True
    sound: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def hours(self) -> OfficeHours:
        """The office hours as the timers use them (always valid: `from_dict` refuses anything else)."""
        return OfficeHours.from_dict(self.office_hours)

    @property
    def overdue_seconds(self) -> int:
        """The overdue limit for `console.workcal.measure_wait(limit_seconds=…)`."""
        return round(self.overdue_hours * 3600)


def settings_path() -> Path:
    return data_dir() / FILE_NAME


def _valid(name: str, value: Any) -> bool:
    """Whether a value read from the file can be used for that field (JSON true is not a number of hours)."""
    if name == "seat_login":
        return isinstance(value, str) and re.fullmatch(r"seat-[0-9a-f]{8}", value) is not None
    if name == "seat_name":
        return isinstance(value, str) and bool(value.strip())
    if name == "overdue_hours":
        return isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 1000
    if name == "office_hours":
        try:
            OfficeHours.from_dict(value)
        except OfficeHoursError:
            return False
        return True
    return isinstance(value, bool)  # notify_new, notify_overdue, sound


def from_dict(raw: dict[str, Any]) -> Settings:
    """Settings from what the file held: known fields of the right type are kept, the others defaulted."""
    kept: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name not in raw:
            continue
        value = raw[f.name]
        if _valid(f.name, value):
            kept[f.name] = _normal(f.name, value)
        else:
            log.warning("settings: %s has an unusable value (%r); using the default", f.name, value)
    return Settings(**kept)


def _normal(name: str, value: Any) -> Any:
    if name == "overdue_hours":
        return float(value)
    if name == "office_hours":
        return OfficeHours.from_dict(value).to_dict()  # "8:30" and "08:30" are the same setting
    return value


def _keep_aside(path: Path, text: str) -> Settings:
    """Move a file we cannot read out of the way (never delete what someone may need) and start afresh,
    keeping the seat id if it can still be read, so the colleagues' view of this seat does not change."""
    bad = path.with_name(path.name + BAD_SUFFIX)
    try:
        os.replace(path, bad)
    except OSError as exc:
        log.warning("settings: cannot move %s aside: %s", path, exc)
    found = _SEAT_LOGIN.search(text)
    return Settings(seat_login=found.group(1)) if found else Settings()


def load_settings() -> Settings:
    """The saved settings, or the defaults (saved at once, so the seat id made now is the one kept)."""
    path = settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        settings = Settings()
        _save_quietly(settings)
        return settings
    except (OSError, UnicodeDecodeError) as exc:
        log.warning(
            "settings: cannot read %s (%s); kept aside as %s%s, using defaults", path, exc, FILE_NAME, BAD_SUFFIX
        )
        settings = _keep_aside(path, "")
        _save_quietly(settings)
        return settings
    try:
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
    except ValueError as exc:
        log.warning(
            "settings: %s is damaged (%s); kept aside as %s%s, using defaults", path, exc, FILE_NAME, BAD_SUFFIX
        )
        settings = _keep_aside(path, text)
        _save_quietly(settings)
        return settings
    settings = from_dict(raw)
    if "seat_login" not in raw or raw["seat_login"] != settings.seat_login:
        _save_quietly(settings)  # a seat id was just made: keep it
    return settings


def save_settings(settings: Settings) -> None:
    """Write all settings at once: a temp file in the same folder, then os.replace, so a power cut leaves either
    the old file or the new one, never half of each. Raises OSError (disk full, read-only folder)."""
    text = json.dumps(settings.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)
    write_atomically(settings_path(), text + "\n")


def _save_quietly(settings: Settings) -> None:
    """Saving while loading is a convenience: a read-only data dir must not stop the console from starting."""
    try:
        save_settings(settings)
    except OSError as exc:
        log.warning("settings: cannot save %s: %s", settings_path(), exc)
