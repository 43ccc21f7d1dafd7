"""This desk's settings: saved and read back whole, defaults on first start, a damaged file never stops the
console (kept aside, defaults used), and the seat id made once and kept."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import pytest

from console.paths import data_dir
from console.settings import FALLBACK_SEAT_NAME, Settings, load_settings, save_settings, settings_path


def test_defaults_on_first_start():
    s = load_settings()
    assert s.seat_login.startswith("seat-") and len(s.seat_login) == len("seat-") + 8
    assert s.seat_name  # the computer's user name, or 值班人员
    assert (s.overdue_hours, s.notify_new, s.notify_overdue, s.sound) == (4.0, True, True, False)
    assert s.office_hours == {"spans": [["08:30", "12:00"], ["14:30", "17:30"]]}
    assert s.hours().day_seconds == 6.5 * 3600 and s.overdue_seconds == 4 * 3600
    assert settings_path() == data_dir() / "settings.json"
    assert settings_path().exists()  # saved at once, so the seat id is kept


def test_seat_name_falls_back_when_the_computer_has_no_user_name(monkeypatch):
    import console.settings as module

    def no_user() -> str:
        raise OSError("no user")

    monkeypatch.setattr(module.getpass, "getuser", no_user)
    assert load_settings().seat_name == FALLBACK_SEAT_NAME


def test_round_trip():
    s = replace(
        load_settings(),
        seat_name="县融媒体中心 王芳",
        overdue_hours=2.5,
        notify_new=False,
        notify_overdue=True,
        sound=True,
        office_hours={"spans": [["08:30", "12:00"], ["14:30", "17:30"]]},
    )
    save_settings(s)
    assert load_settings() == s
    text = settings_path().read_text(encoding="utf-8")
    assert "王芳" in text  # readable Chinese in the file, not \\u escapes
    assert not list(data_dir().glob("*.tmp"))  # the temp file became the file


def test_seat_login_stable_across_loads():
    first = load_settings().seat_login
    assert load_settings().seat_login == first
    assert load_settings().seat_login == first
    other_home_ids = {Settings().seat_login for _ in range(20)}
    assert len(other_home_ids) == 20  # ids really differ between installs


def test_corrupt_file_kept_aside_and_defaults_used(caplog):
    seat = load_settings().seat_login
    path = settings_path()
    damaged = '{"seat_login": "' + seat + '", "seat_name": "王芳", "overdue_hours": 3'  # cut off mid-write
    path.write_text(damaged, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="console.settings"):
        s = load_settings()
    assert s.seat_name != "王芳" and s.overdue_hours == 4.0  # defaults
    assert s.seat_login == seat  # the seat id is read out of the damaged text: colleagues still know this seat
    bad = path.with_name("settings.json.bad")
    assert bad.read_text(encoding="utf-8") == damaged  # kept for whoever wants to look
    assert json.loads(path.read_text(encoding="utf-8"))["seat_login"] == seat  # a good file again
    assert any("damaged" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("content", ["[1, 2, 3]", "", "\xff\xfe not text"])
def test_other_unreadable_files(content):
    settings_path().write_bytes(content.encode("latin-1"))
    s = load_settings()
    assert s == Settings(seat_login=s.seat_login, seat_name=s.seat_name, office_hours=s.office_hours)
    assert settings_path().with_name("settings.json.bad").exists()


def test_wrong_field_falls_back_alone(caplog):
    seat = load_settings().seat_login
    settings_path().write_text(
        json.dumps(
            {
                "seat_login": seat,
                "seat_name": "李明",
                "overdue_hours": "四",
                "sound": 1,
                "notify_new": False,
                "office_hours": {"spans": [["14:30", "12:00"]]},
            }
        ),
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="console.settings"):
        s = load_settings()
    assert (s.seat_login, s.seat_name, s.overdue_hours, s.sound, s.notify_new) == (seat, "李明", 4.0, False, False)
    assert s.office_hours == Settings().office_hours
    assert {"overdue_hours", "sound", "office_hours"} <= {r.args[0] for r in caplog.records if r.args}


def test_failed_save_keeps_the_old_file(monkeypatch):
    s = load_settings()
    save_settings(replace(s, seat_name="旧名字"))

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    import console.settings as module

    with monkeypatch.context() as patch:
        patch.setattr(module.os, "replace", full_disk)
        with pytest.raises(OSError):
            save_settings(replace(s, seat_name="新名字"))
    assert load_settings().seat_name == "旧名字"
    assert not list(data_dir().glob("*.tmp"))
