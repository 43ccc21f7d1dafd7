"""Staff sign-in: argon2 hashes only, the same words for an unknown login and a wrong password,
a growing but capped hold after five failures, tokens kept only as SHA-256 with sliding and capped expiry, and the
administrator's `wxconsole staff` commands."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, text

from console.cli import main
from console.staff import passwords, sessions
from console.staff.directory import (
    StaffError,
    create_staff,
    deactivate,
    find_staff,
    may_work_on,
    needs_first_admin,
    set_accounts,
    set_password,
    set_roles,
    staff_view,
    unlock,
)
from console.staff.passwords import check_password, hash_password, needs_rehash, password_problem
from console.staff.seats import register_seat
from console.staff.sessions import SignedIn, SignInRefused, authenticate, revoke_all, sign_in, sign_out
from console.store.database import open_database
from console.store.models import Account, Role, Staff, StaffCredential, StaffSession

PASSWORD = "qinghe-Window-2024"
T0 = datetime(2025, 3, 3, 1, 0, 0)
APPID = "wx1111aaaa2222bbbb"
REAL_HASH = {"test_hash_is_argon2id_and_checks_without_raising", "test_password_is_nowhere_in_the_database_files"}
OTHER = "wx3333cccc4444dddd"


@pytest.fixture(autouse=True)
def quick_hashes(request, monkeypatch):
    """Argon2 with the product's parameters costs ~0.1 s a hash; tests that are not about the hash use
    the cheapest argon2id instead (the tests in REAL_HASH keep the product's)."""
    if request.node.originalname not in REAL_HASH:
        monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def db(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'hub.db'}")
    yield database
    database.dispose()


def add(db, login="zhangmin", name="张敏", password=PASSWORD, roles=(Role.OPERATOR,), accounts=None) -> int:
    with db.session() as session:
        return create_staff(session, login, name, password, list(roles), accounts).id


def attempt(db, login, password, now=T0) -> SignedIn | SignInRefused:
    """As the hub does it: the refusal is caught inside the unit of work, so the failure count stays."""
    with db.session() as session:
        try:
            return sign_in(session, login, password, now)
        except SignInRefused as exc:
            return exc


def who(db, token, now) -> str | None:
    with db.session() as session:
        staff = authenticate(session, token, now)
        return None if staff is None else staff.login


def credential(db, staff_id) -> StaffCredential:
    with db.session() as session:
        return session.get(StaffCredential, staff_id)


# --- passwords -----------------------------------------------------------------------------------


def test_hash_is_argon2id_and_checks_without_raising():
    stored = hash_password(PASSWORD)
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert check_password(stored, PASSWORD)
    assert not check_password(stored, PASSWORD + "x")
    assert not check_password("not a hash", PASSWORD)
    assert not needs_rehash(stored)
    assert stored != hash_password(PASSWORD)  # fresh salt each time


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("short-1", "至少需要 10 个字符"),
        ("abcdefghijkl", "至少两类"),
        ("123456789012", "至少两类"),
        ("!!!!@@@@####", "至少两类"),
        ("社保窗口每天八点半开门", "至少两类"),
        ("my-zhangmin-2024", "不能包含登录名"),
        ("MY-ZhangMin-2024", "不能包含登录名"),
        ("张敏的密码2024abc", "不能包含姓名"),
        ("x" * 300 + "1", "不能超过"),
    ],
)
def test_password_problem_says_what_to_do(password, words):
    problem = password_problem(password, "zhangmin", "张敏")
    assert problem is not None and words in problem


@pytest.mark.parametrize("password", [PASSWORD, "correct horse 12", "社保窗口每天8点半开门", "abcdefghij1"])
def test_password_problem_accepts_good_passwords(password):
    assert password_problem(password, "zhangmin", "张敏") is None


# --- the database never holds the password ---------------------------------------------------------


def test_password_is_nowhere_in_the_database_files(db, tmp_path):
    staff_id = add(db)
    assert isinstance(attempt(db, "zhangmin", PASSWORD), SignedIn)
    with db.session() as session:
        stored = session.get(StaffCredential, staff_id)
        assert stored.password_hash.startswith("$argon2id$")
        assert check_password(stored.password_hash, PASSWORD)
        for table in (Staff, StaffCredential):
            for row in session.execute(select(table.__table__)).all():
                for value in row:
                    assert PASSWORD not in str(value)
        session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    db.dispose()
    files = [p for p in tmp_path.iterdir() if p.name.startswith("hub.db")]
    assert files
    for path in files:
        content = path.read_bytes()
        assert PASSWORD.encode("utf-8") not in content
        assert PASSWORD.encode("utf-16-le") not in content


# --- signing in ------------------------------------------------------------------------------------


def test_sign_in_opens_a_session_and_token_is_stored_only_as_sha256(db):
    add(db)
    signed = attempt(db, "  ZhangMin ", PASSWORD)
    assert isinstance(signed, SignedIn)
    assert signed.staff.login == "zhangmin"
    assert signed.expires_at == T0 + timedelta(hours=sessions.IDLE_HOURS)
    assert len(signed.token) >= 43
    with db.session() as session:
        rows = session.scalars(select(StaffSession)).all()
        assert [r.token_hash for r in rows] == [hashlib.sha256(signed.token.encode()).hexdigest()]
        for row in session.execute(select(StaffSession.__table__)).all():
            assert signed.token not in " ".join(str(v) for v in row)
    assert who(db, signed.token, T0 + timedelta(minutes=5)) == "zhangmin"
    assert who(db, signed.token + "x", T0) is None
    assert who(db, "", T0) is None


def test_unknown_login_and_wrong_password_get_the_same_words(db):
    add(db)
    register_seat(db, "seat-oper0002", "李强")  # a seat without a password is no way in either
    unknown = attempt(db, "nobody", PASSWORD)
    wrong = attempt(db, "zhangmin", "wrong-password-1")
    seat = attempt(db, "seat-oper0002", PASSWORD)
    empty = attempt(db, "", "")
    assert isinstance(unknown, SignInRefused) and isinstance(wrong, SignInRefused)
    assert str(unknown) == str(wrong) == str(seat) == str(empty) == "登录名或密码不正确。"
    assert unknown.staff_id is None and not unknown.locked and unknown.reason == "unknown"
    assert wrong.staff_id is not None and wrong.reason == "password" and not wrong.locked


def test_five_failures_hold_the_login_longer_each_time_but_never_past_fifteen_minutes(db):
    staff_id = add(db)
    messages = [str(attempt(db, "zhangmin", f"wrong-{i}-password")) for i in range(4)]
    assert messages == ["登录名或密码不正确。"] * 4  # never how many tries are left
    fifth = attempt(db, "zhangmin", "wrong-5-password")
    assert isinstance(fifth, SignInRefused) and fifth.locked and fifth.just_locked
    assert str(fifth).startswith("登录失败次数过多，请 1 分钟后再试。") and "wxconsole staff unlock" in str(fifth)
    assert credential(db, staff_id).locked_until == T0 + timedelta(minutes=1)

    during = attempt(db, "zhangmin", PASSWORD, T0 + timedelta(seconds=30))  # the right password waits too
    assert isinstance(during, SignInRefused) and during.locked and not during.just_locked
    assert during.reason == "locked" and credential(db, staff_id).failed_logins == 5  # not counted

    now, holds = T0, []
    for i in range(6):  # each failure after a hold doubles it: 2, 4, 8, then 15 minutes at most
        now = credential(db, staff_id).locked_until
        refused = attempt(db, "zhangmin", f"again-{i}-password", now)
        assert isinstance(refused, SignInRefused) and refused.just_locked
        holds.append(int((credential(db, staff_id).locked_until - now).total_seconds() // 60))
    assert holds == [2, 4, 8, 15, 15, 15]

    after = attempt(db, "zhangmin", PASSWORD, credential(db, staff_id).locked_until)
    assert isinstance(after, SignedIn)
    stored = credential(db, staff_id)
    assert stored.failed_logins == 0 and stored.locked_until is None


def test_a_hold_that_ran_out_keeps_the_count_until_a_day_has_passed(db):
    add(db)
    for i in range(5):
        attempt(db, "zhangmin", f"wrong-{i}-password")
    again = attempt(db, "zhangmin", "wrong-again-1", T0 + timedelta(minutes=2))
    assert isinstance(again, SignInRefused) and again.just_locked and "请 2 分钟后再试" in str(again)
    much_later = attempt(db, "zhangmin", "wrong-again-2", T0 + timedelta(days=2))
    assert isinstance(much_later, SignInRefused) and not much_later.locked and str(much_later) == "登录名或密码不正确。"


def test_success_resets_the_failure_count(db):
    staff_id = add(db)
    for i in range(4):
        attempt(db, "zhangmin", f"wrong-{i}-password")
    assert credential(db, staff_id).failed_logins == 4
    assert isinstance(attempt(db, "zhangmin", PASSWORD), SignedIn)
    assert credential(db, staff_id).failed_logins == 0
    for i in range(4):
        refused = attempt(db, "zhangmin", f"wrong-{i}-password")
        assert isinstance(refused, SignInRefused) and not refused.locked


def test_administrator_unlocks(db):
    staff_id = add(db)
    for i in range(5):
        attempt(db, "zhangmin", f"wrong-{i}-password")
    with db.session() as session:
        unlock(session, staff_id)
    assert isinstance(attempt(db, "zhangmin", PASSWORD, T0 + timedelta(minutes=1)), SignedIn)


def test_sign_in_rehashes_a_password_hashed_with_older_parameters(db, monkeypatch):
    staff_id = add(db)  # with the quick test parameters
    old = credential(db, staff_id).password_hash
    assert "m=8," in old
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher())
    assert isinstance(attempt(db, "zhangmin", PASSWORD), SignedIn)
    new = credential(db, staff_id).password_hash
    assert new != old and new.startswith("$argon2id$") and not needs_rehash(new)
    assert isinstance(attempt(db, "zhangmin", PASSWORD), SignedIn)
    assert credential(db, staff_id).password_hash == new


def test_inactive_staff_are_refused(db):
    staff_id = add(db)
    add(db, "lishi", "李石", roles=[Role.ADMINISTRATOR])
    with db.session() as session:
        deactivate(session, staff_id)
    refused = attempt(db, "zhangmin", PASSWORD)
    assert isinstance(refused, SignInRefused) and refused.reason == "inactive" and "停用" in str(refused)
    wrong = attempt(db, "zhangmin", "wrong-password-1")
    assert str(wrong) == "登录名或密码不正确。"


# --- sessions --------------------------------------------------------------------------------------


def test_sliding_expiry_after_twelve_idle_hours(db):
    add(db)
    token = attempt(db, "zhangmin", PASSWORD).token
    assert who(db, token, T0 + timedelta(hours=11)) == "zhangmin"  # used: expiry moves to 23h
    assert who(db, token, T0 + timedelta(hours=22)) == "zhangmin"  # used: expiry moves to 34h
    assert who(db, token, T0 + timedelta(hours=34, seconds=1)) is None

    token = attempt(db, "zhangmin", PASSWORD).token
    assert who(db, token, T0 + timedelta(hours=12)) is None


def test_last_seen_is_written_at_most_once_a_minute(db):
    add(db)
    token = attempt(db, "zhangmin", PASSWORD).token
    key = hashlib.sha256(token.encode()).hexdigest()

    def last_seen():
        with db.session() as session:
            return session.get(StaffSession, key).last_seen_at

    who(db, token, T0 + timedelta(seconds=30))
    assert last_seen() == T0
    who(db, token, T0 + timedelta(seconds=90))
    assert last_seen() == T0 + timedelta(seconds=90)


def test_sessions_end_seven_days_after_sign_in_however_busy(db):
    add(db)
    token = attempt(db, "zhangmin", PASSWORD).token
    moment = T0
    while moment < T0 + timedelta(days=7) - timedelta(hours=1):
        moment += timedelta(hours=1)
        assert who(db, token, moment) == "zhangmin"
    with db.session() as session:
        row = session.get(StaffSession, hashlib.sha256(token.encode()).hexdigest())
        assert row.expires_at == T0 + timedelta(days=7)
    assert who(db, token, T0 + timedelta(days=7)) is None


def test_sign_out_ends_only_that_session(db):
    add(db)
    first = attempt(db, "zhangmin", PASSWORD).token
    second = attempt(db, "zhangmin", PASSWORD).token
    with db.session() as session:
        assert sign_out(session, first)
        assert not sign_out(session, first)
        assert not sign_out(session, "never-issued")
    assert who(db, first, T0) is None
    assert who(db, second, T0) == "zhangmin"


def test_password_change_and_deactivation_end_every_session(db):
    staff_id = add(db)
    add(db, "lishi", "李石", roles=[Role.ADMINISTRATOR])
    tokens = [attempt(db, "zhangmin", PASSWORD).token for _ in range(2)]
    with db.session() as session:
        set_password(session, staff_id, "new-Password-77")
    assert [who(db, t, T0) for t in tokens] == [None, None]
    assert str(attempt(db, "zhangmin", PASSWORD)) == "登录名或密码不正确。"
    token = attempt(db, "zhangmin", "new-Password-77").token
    assert who(db, token, T0) == "zhangmin"
    with db.session() as session:
        deactivate(session, staff_id)
    assert who(db, token, T0) is None

    other = attempt(db, "lishi", PASSWORD).token
    with db.session() as session:
        assert revoke_all(session, find_staff(session, "lishi").id) == 1
    assert who(db, other, T0) is None


def test_authenticate_refuses_a_colleague_deactivated_behind_a_live_session(db):
    staff_id = add(db)
    token = attempt(db, "zhangmin", PASSWORD).token
    with db.session() as session:
        session.get(Staff, staff_id).active = False  # as a sync or a bulk change might leave it
    assert who(db, token, T0) is None


# --- the directory ---------------------------------------------------------------------------------


@pytest.mark.parametrize("login", ["ab", "x" * 33, "zhang min", "张敏", "zhang@min", ""])
def test_login_must_be_short_plain_ascii(db, login):
    with db.session() as session, pytest.raises(StaffError, match="登录名需为 3 到 32 个字符"):
        create_staff(session, login, "张敏", PASSWORD, [Role.OPERATOR])


def test_create_staff_checks_name_roles_password_and_uniqueness(db):
    with db.session() as session:
        with pytest.raises(StaffError, match="请填写姓名"):
            create_staff(session, "zhangmin", "  ", PASSWORD, [Role.OPERATOR])
        with pytest.raises(StaffError, match="不能超过 30 个字"):
            create_staff(session, "zhangmin", "张" * 31, PASSWORD, [Role.OPERATOR])
        with pytest.raises(StaffError, match="至少选择一个角色"):
            create_staff(session, "zhangmin", "张敏", PASSWORD, [])
        with pytest.raises(StaffError, match="至少需要 10 个字符"):
            create_staff(session, "zhangmin", "张敏", "short", [Role.OPERATOR])
        with pytest.raises(StaffError, match="没有这些 AppID"):
            create_staff(session, "zhangmin", "张敏", PASSWORD, [Role.OPERATOR], [APPID])
    staff_id = add(db, "Zhang.Min-2", "张敏")
    with db.session() as session:
        assert session.get(Staff, staff_id).login == "zhang.min-2"
        with pytest.raises(StaffError, match="已被 张敏 使用"):
            create_staff(session, "zhang.min-2", "另一个张敏", PASSWORD, [Role.OPERATOR])


def test_creating_staff_claims_a_seat_registered_row(db):
    seat_id = register_seat(db, "seat-oper0002", "桌面席位")
    with db.session() as session:
        seq_before = session.get(Staff, seat_id).seq
        assert session.get(StaffCredential, seat_id) is None
    claimed = add(db, "seat-oper0002", "张敏", roles=[Role.OPERATOR, Role.SUPERVISOR])
    assert claimed == seat_id
    with db.session() as session:
        staff = session.get(Staff, seat_id)
        assert (staff.name, staff.roles) == ("张敏", "|operator|supervisor|")
        assert staff.seq > seq_before
        assert session.scalar(select(Staff).where(Staff.login == "seat-oper0002")).id == seat_id
    assert isinstance(attempt(db, "seat-oper0002", PASSWORD), SignedIn)


def test_needs_first_admin_until_an_administrator_can_sign_in(db):
    with db.session() as session:
        assert needs_first_admin(session)
    add(db, "zhangmin", "张敏", roles=[Role.OPERATOR])
    register_seat(db, "seat-admin", "席位")
    with db.session() as session:
        set_roles(session, find_staff(session, "seat-admin").id, [Role.ADMINISTRATOR])  # no password: no admin
        assert needs_first_admin(session)
    admin_id = add(db, "lishi", "李石", roles=[Role.ADMINISTRATOR])
    with db.session() as session:
        assert not needs_first_admin(session)
        with pytest.raises(StaffError, match="唯一的管理员"):
            deactivate(session, admin_id)
        with pytest.raises(StaffError, match="唯一的管理员"):
            set_roles(session, admin_id, [Role.OPERATOR])
    add(db, "wangfang", "王芳", roles=[Role.ADMINISTRATOR])
    with db.session() as session:
        set_roles(session, admin_id, [Role.OPERATOR])
        assert not needs_first_admin(session)


def test_roles_accounts_and_view(db):
    with db.session() as session:
        session.add_all([Account(appid=APPID, name="某县人社"), Account(appid=OTHER, name="某县医保")])
    staff_id = add(db, roles=[Role.SUPERVISOR, Role.OPERATOR, Role.OPERATOR], accounts=[APPID])
    with db.session() as session:
        staff = session.get(Staff, staff_id)
        assert staff.roles == "|operator|supervisor|"
        assert may_work_on(staff, APPID) and not may_work_on(staff, OTHER)
        seq = staff.seq
        set_accounts(session, staff_id, [APPID, OTHER])
        assert may_work_on(staff, OTHER) and staff.seq > seq
        set_accounts(session, staff_id, None)  # no accounts: none, not all (console.staff.access)
        assert not may_work_on(staff, APPID) and not may_work_on(staff, OTHER)
        seq = staff.seq
        set_roles(session, staff_id, [Role.OPERATOR, Role.SUPERVISOR])  # unchanged: no new seq
        assert staff.seq == seq
        set_roles(session, staff_id, [Role.OPERATOR])
        assert staff.roles == "|operator|" and staff.seq > seq
        view = staff_view(staff)
    assert view == {
        "id": staff_id,
        "login": "zhangmin",
        "name": "张敏",
        "active": True,
        "roles": ["operator"],
        "accounts": None,
        "created_at": view["created_at"],
    }
    with db.session() as session:
        staff = session.get(Staff, staff_id)
        deactivate(session, staff_id)
        assert not may_work_on(staff, APPID)


def test_set_password_checks_the_rule_and_needs_an_existing_credential(db):
    staff_id = add(db)
    seat_id = register_seat(db, "seat-oper0002", "席位")
    with db.session() as session:
        with pytest.raises(StaffError, match="不能包含登录名"):
            set_password(session, staff_id, "zhangmin-2025!")
        with pytest.raises(StaffError, match="还没有登录密码"):
            set_password(session, seat_id, "new-Password-77")


# --- the command line ------------------------------------------------------------------------------


class _Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


def run(monkeypatch, argv, stdin=""):
    monkeypatch.setattr("sys.stdin", _Pipe(stdin))
    return main(argv)


def test_cli_first_staff_defaults_to_administrator(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    assert run(monkeypatch, ["staff", "add", "--login", "zhangmin", "--name", "张敏", "--db", url], PASSWORD) == 0
    assert "角色：管理员" in capsys.readouterr().out
    db = open_database(url)
    with db.session() as session:
        assert find_staff(session, "zhangmin").has_role(Role.ADMINISTRATOR)
        assert not needs_first_admin(session)
    db.dispose()


def test_cli_adds_lists_and_manages_staff(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    argv = ["staff", "add", "--login", "zhangmin", "--name", "张敏", "--role", "operator", "--db", url]
    assert run(monkeypatch, argv, PASSWORD + "\n") == 2  # the first colleague must be an administrator
    assert "第一位人员必须是管理员" in capsys.readouterr().err

    argv = ["staff", "add", "--login", "lishi", "--name", "李石", "--role", "administrator", "--db", url]
    assert run(monkeypatch, argv, PASSWORD + "\n") == 0
    assert "已添加人员 李石（登录名 lishi）" in capsys.readouterr().out
    argv = ["staff", "add", "--login", "zhangmin", "--name", "张敏", "--role", "operator", "--role", "supervisor"]
    assert run(monkeypatch, [*argv, "--db", url], "with space Pw 9\n") == 0
    assert "角色：运营、审核" in capsys.readouterr().out
    assert run(monkeypatch, [*argv, "--db", url], "another-Pw-99\n") == 2
    assert "已被 张敏 使用" in capsys.readouterr().err
    assert run(monkeypatch, ["staff", "add", "--login", "wang", "--name", "王", "--db", url], "short\n") == 2
    assert "至少需要 10 个字符" in capsys.readouterr().err
    assert run(monkeypatch, ["staff", "add", "--login", "wang", "--name", "王", "--db", url], "") == 2
    assert "没有读到密码" in capsys.readouterr().err

    assert run(monkeypatch, ["staff", "list", "--json", "--db", url]) == 0
    out = capsys.readouterr().out
    rows = json.loads(out)
    assert [(r["login"], r["roles"], r["can_sign_in"], r["locked"]) for r in rows] == [
        ("lishi", ["administrator"], True, False),
        ("zhangmin", ["operator", "supervisor"], True, False),
    ]
    assert "argon2" not in out and "hash" not in out and PASSWORD not in out and "with space Pw 9" not in out

    db = open_database(url)
    with db.session() as session:
        assert isinstance(sign_in(session, "zhangmin", "with space Pw 9"), SignedIn)  # the line, spaces kept
        for i in range(5):
            with pytest.raises(SignInRefused):
                sign_in(session, "zhangmin", f"wrong-{i}-password")
    assert run(monkeypatch, ["staff", "list", "--db", url]) == 0
    assert "已锁定" in capsys.readouterr().out
    assert run(monkeypatch, ["staff", "unlock", "--login", "zhangmin", "--db", url]) == 0
    assert "已解锁 张敏（zhangmin）" in capsys.readouterr().out

    assert run(monkeypatch, ["staff", "passwd", "--login", "zhangmin", "--db", url], "fresh-Pass-2025\n") == 0
    assert "已为 张敏（zhangmin） 设置新密码" in capsys.readouterr().out
    with db.session() as session:
        assert isinstance(sign_in(session, "zhangmin", "fresh-Pass-2025"), SignedIn)
    assert run(monkeypatch, ["staff", "disable", "--login", "zhangmin", "--db", url]) == 0
    assert "已停用" in capsys.readouterr().out
    assert run(monkeypatch, ["staff", "disable", "--login", "lishi", "--db", url]) == 2
    assert "唯一的管理员" in capsys.readouterr().err
    assert run(monkeypatch, ["staff", "unlock", "--login", "nobody", "--db", url]) == 2
    assert "没有登录名为 nobody 的人员" in capsys.readouterr().err
    with db.session() as session:
        assert not find_staff(session, "zhangmin").active
    db.dispose()


def test_cli_prompts_twice_on_a_terminal(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'hub.db'}"

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal(""))
    answers = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    argv = ["staff", "add", "--login", "lishi", "--name", "李石", "--role", "administrator", "--db", url]
    assert main(argv) == 2
    assert "两次输入的密码不一致" in capsys.readouterr().err
    answers = iter([PASSWORD, PASSWORD])
    assert main(argv) == 0


def test_cli_sets_the_accounts_a_colleague_works_on(tmp_path, monkeypatch, capsys):
    """No accounts means none (administrators: all); `staff accounts` gives and takes them, and says so."""
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    db = open_database(url)
    with db.session() as session:
        session.add_all([Account(appid=APPID, name="某县人社"), Account(appid=OTHER, name="某县医保")])
    argv = ["staff", "add", "--login", "lishi", "--name", "李石", "--role", "administrator", "--db", url]
    assert run(monkeypatch, argv, PASSWORD + "\n") == 0
    assert "全部公众号（管理员）" in capsys.readouterr().out
    argv = ["staff", "add", "--login", "zhangmin", "--name", "张敏", "--role", "operator", "--db", url]
    assert run(monkeypatch, argv, PASSWORD + "\n") == 0
    assert "看不到任何公众号" in capsys.readouterr().out
    argv = ["staff", "accounts", "--login", "zhangmin", "--account", APPID, "--account", OTHER, "--db", url]
    assert run(monkeypatch, argv) == 0
    assert f"可处理：{APPID}、{OTHER}" in capsys.readouterr().out
    with db.session() as session:
        staff = find_staff(session, "zhangmin")
        assert may_work_on(staff, APPID) and may_work_on(staff, OTHER)
    assert run(monkeypatch, ["staff", "accounts", "--login", "zhangmin", "--account", "wxnope", "--db", url]) == 2
    assert "没有这些 AppID 的公众号：wxnope" in capsys.readouterr().err
    assert run(monkeypatch, ["staff", "accounts", "--login", "zhangmin", "--db", url]) == 0
    with db.session() as session:
        assert not may_work_on(find_staff(session, "zhangmin"), APPID)
    db.dispose()
