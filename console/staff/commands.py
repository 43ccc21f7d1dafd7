"""`wxconsole staff add|list|passwd|unlock|disable`: the administrator's staff commands on the hub.

Passwords come from a hidden prompt (asked twice) or, when standard input is not a terminal, from its
first line; never from the command line, where `ps` and the shell history would show them. The first
colleague on a new hub must be an administrator, or nobody could manage the others."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from console.paths import default_db_url
from console.store.models import Role

DB_HELP = "数据库 URL（默认 WXCONSOLE_DB 或数据目录中的 SQLite）"
ROLE_CHOICES = [role.value for role in Role]


class PasswordNotRead(ValueError):
    pass


def read_password(confirm: bool = True) -> str:
    """A hidden prompt (twice) on a terminal; the first line of standard input otherwise."""
    if sys.stdin.isatty():
        print("请输入密码（至少 10 个字符，含字母、数字、符号中的两类；输入时不显示）：", file=sys.stderr)
        first = getpass.getpass("密码: ")
        if confirm and getpass.getpass("再输入一次: ") != first:
            raise PasswordNotRead("两次输入的密码不一致，请重新运行命令。")
        password = first
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise PasswordNotRead("没有读到密码。请在提示时输入，或通过标准输入传入一行密码。")
    return password


def _open(db_url: str) -> Any:
    from console.store.database import open_database

    return open_database(db_url)


def _roles_label(roles: list[str]) -> str:
    from console.staff.directory import ROLE_NAMES

    return "、".join(ROLE_NAMES[Role(r)] for r in roles) or "无"


def _accounts_label(roles: list[str], accounts: list[str] | None) -> str:
    """The one rule (console.staff.access): administrators work on every account; anyone else on the
    accounts listed, and none when none are."""
    if Role.ADMINISTRATOR.value in roles:
        return "全部公众号（管理员）"
    return "、".join(accounts or []) or "无（看不到任何公众号；请用 --account 指定）"


def _add(args: argparse.Namespace) -> int:
    from console.staff.directory import StaffError, create_staff, needs_first_admin

    db = _open(args.db)
    try:
        with db.session() as session:
            first = needs_first_admin(session)
        roles = [Role(r) for r in (args.role or [])] or [Role.ADMINISTRATOR if first else Role.OPERATOR]
        if first and Role.ADMINISTRATOR not in roles:
            print(
                "未保存：这个服务端还没有管理员，第一位人员必须是管理员，否则没有人能管理其他人员。\n"
                "请加上 --role administrator 后重新运行。",
                file=sys.stderr,
            )
            return 2
        try:
            password = read_password(confirm=True)
            with db.session() as session:
                staff = create_staff(session, args.login, args.name, password, roles, args.account)
                login, name = staff.login, staff.name
        except (PasswordNotRead, StaffError) as exc:
            print(f"未保存：{exc}", file=sys.stderr)
            return 2
    finally:
        db.dispose()
    accounts = _accounts_label([r.value for r in roles], args.account)
    print(f"已添加人员 {name}（登录名 {login}），角色：{_roles_label([r.value for r in roles])}，可处理：{accounts}。")
    return 0


def _list(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from console.staff.directory import staff_view
    from console.store.models import Staff, StaffCredential
    from console.timeutil import utcnow

    db = _open(args.db)
    now = utcnow()
    try:
        with db.session() as session:
            rows = []
            for staff in session.scalars(select(Staff).order_by(Staff.login)):
                credential = session.get(StaffCredential, staff.id)
                locked = bool(credential and credential.locked_until and credential.locked_until > now)
                rows.append({**staff_view(staff), "can_sign_in": credential is not None, "locked": locked})
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("还没有人员。添加第一位管理员：wxconsole staff add --login 登录名 --name 姓名 --role administrator")
        return 0
    for row in rows:
        state = "已停用" if not row["active"] else "已锁定" if row["locked"] else "正常"
        if not row["can_sign_in"]:
            state += "（未设密码，仅桌面席位）"
        accounts = _accounts_label(row["roles"], row["accounts"])
        print(f"{row['login']}\t{row['name']}\t{_roles_label(row['roles'])}\t{accounts}\t{state}")
    return 0


def _change(args: argparse.Namespace, what: str) -> int:
    from console.staff.directory import StaffError, deactivate, find_staff, set_password, unlock

    db = _open(args.db)
    try:
        password = read_password(confirm=True) if what == "passwd" else ""
        with db.session() as session:
            staff = find_staff(session, args.login)
            if staff is None:
                raise StaffError(f"没有登录名为 {args.login} 的人员，可用 wxconsole staff list 查看。")
            label = f"{staff.name}（{staff.login}）"
            if what == "passwd":
                set_password(session, staff.id, password)
                done = f"已为 {label} 设置新密码；其已登录的桌面需要重新登录。"
            elif what == "unlock":
                unlock(session, staff.id)
                done = f"已解锁 {label}，现在可以登录。"
            else:
                deactivate(session, staff.id)
                done = f"已停用 {label}；其已登录的桌面已退出，之后无法再登录。"
    except (PasswordNotRead, StaffError) as exc:
        print(f"未保存：{exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(done)
    return 0


def _accounts(args: argparse.Namespace) -> int:
    """Which accounts a colleague works on: what their desk receives follows at its next sync."""
    from console.staff.directory import StaffError, find_staff, set_accounts, staff_view

    db = _open(args.db)
    try:
        with db.session() as session:
            staff = find_staff(session, args.login)
            if staff is None:
                raise StaffError(f"没有登录名为 {args.login} 的人员，可用 wxconsole staff list 查看。")
            set_accounts(session, staff.id, args.account or [])
            view = staff_view(staff)
    except StaffError as exc:
        print(f"未保存：{exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    label = _accounts_label(view["roles"], view["accounts"])
    print(f"已设置 {view['name']}（{view['login']}）可处理：{label}。其桌面下次同步时生效。")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `staff` to wxconsole's subcommands (cli.py calls this)."""
    staff = sub.add_parser("staff", help="人员账号（登录、角色、可处理的公众号）").add_subparsers(
        dest="action", required=True
    )
    add = staff.add_parser("add", help="添加人员（密码从提示或标准输入读取）")
    add.add_argument("--login", required=True, help="登录名：3 到 32 个小写字母、数字或 . _ -")
    add.add_argument("--name", required=True, help="姓名")
    add.add_argument(
        "--role",
        action="append",
        choices=ROLE_CHOICES,
        help=(
            "角色，可重复：operator 运营、supervisor 审核、administrator 管理员"
            "（默认 operator；服务端还没有管理员时默认 administrator）"
        ),
    )
    add.add_argument(
        "--account",
        action="append",
        metavar="APPID",
        help="可处理的公众号，可重复；不填则看不到任何公众号（管理员总能处理全部）。之后可用 staff accounts 修改",
    )
    add.add_argument("--db", default=default_db_url(), help=DB_HELP)
    add.set_defaults(func=_add)

    listing = staff.add_parser("list", help="列出人员（不含密码信息）")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--db", default=default_db_url(), help=DB_HELP)
    listing.set_defaults(func=_list)

    accounts = staff.add_parser("accounts", help="设置人员可处理的公众号（替换原有设置；其桌面下次同步时生效）")
    accounts.add_argument("--login", required=True)
    accounts.add_argument("--account", action="append", metavar="APPID", help="可处理的公众号，可重复；不填则为无")
    accounts.add_argument("--db", default=default_db_url(), help=DB_HELP)
    accounts.set_defaults(func=_accounts)

    for action, text, func in (
        ("passwd", "重设密码（密码从提示或标准输入读取；其已登录的桌面需重新登录）", lambda a: _change(a, "passwd")),
        ("unlock", "解除因多次输错密码造成的锁定", lambda a: _change(a, "unlock")),
        ("disable", "停用人员（立即退出登录，之后无法登录）", lambda a: _change(a, "disable")),
    ):
        sp = staff.add_parser(action, help=text)
        sp.add_argument("--login", required=True)
        sp.add_argument("--db", default=default_db_url(), help=DB_HELP)
        sp.set_defaults(func=func)
