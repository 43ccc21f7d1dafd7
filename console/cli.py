"""`wxconsole`: the desktop by default; hub, sandbox, demo and admin commands beside it."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from console import __version__, logs
from console.paths import default_db_url

Handler = Callable[[argparse.Namespace], int]


def _no_window(args: argparse.Namespace) -> int:
    """This entry point has no window (a hub machine runs `python -m console.cli`): say where it is."""
    print(
        "这里只有服务端和管理命令，没有桌面窗口。打开窗口请运行 wxconsole（完整安装）。\n"
        "This entry point has no window; run `wxconsole` for the desktop.",
        file=sys.stderr,
    )
    return 2


def _hub(args: argparse.Namespace) -> int:
    from aiohttp import web

    from console.hub.guard import HostNames
    from console.hub.serve import build_hub

    names = tuple(args.public_name or ())
    try:
        HostNames.parse(names)
    except ValueError as exc:
        print(f"未启动：{exc}", file=sys.stderr)
        return 2
    ctx, app = build_hub(args.db, api_base=args.wechat_api, remote_desktops=args.remote_desktops, public_names=names)
    print(f"wxconsole hub: 回调地址 http://{args.host}:{args.port}/wechat/<appid>  (Ctrl+C 停止)", flush=True)
    code = ctx.setup_code.read() if ctx.setup_code is not None else None
    if code and ctx.setup_code is not None:
        print(
            f"这个服务端还没有管理员。初始设置码：{code}\n"
            "在桌面端创建第一位管理员时需要填写它；只用一次，用过即失效。"
            f"它也保存在 {ctx.setup_code.path}（只有本机的这个用户可以读取）。",
            flush=True,
        )
    web.run_app(app, host=args.host, port=args.port, print=None, access_log=None)
    return 0


def _sandbox(args: argparse.Namespace) -> int:
    from console.sandbox.standalone import run_sandbox

    return run_sandbox(args.host, args.port, args.hub, args.accounts, args.interval)


def _read_secrets() -> str:
    """Hidden prompts on a terminal; `name=value` lines on a pipe. Never argv (it shows in `ps`)."""
    if sys.stdin.isatty():
        print("请依次输入公众号后台“基本配置”中的三项（输入时不显示）：", file=sys.stderr)
        app_secret = getpass.getpass("AppSecret（开发者密码）: ")
        token = getpass.getpass("Token（令牌）: ")
        aes_key = getpass.getpass("EncodingAESKey（消息加解密密钥，明文模式可留空）: ")
        return f"app_secret={app_secret}\ntoken={token}\naes_key={aes_key}\n"
    return sys.stdin.read()


def _account_add(args: argparse.Namespace) -> int:
    from console.accounts import AccountError, add_account
    from console.secrets import InvalidSecrets, SecretsUnavailable, Vault, parse_secret_lines
    from console.store.database import open_database

    try:
        vault = Vault()
        _ = vault.backend  # fail before asking for anything
        secrets = parse_secret_lines(_read_secrets())
        db = open_database(args.db)
        add_account(db, vault, args.appid, args.name, args.type, secrets, safe_mode=args.mode == "safe")
    except SecretsUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except (InvalidSecrets, AccountError) as exc:
        print(f"未保存：{exc}", file=sys.stderr)
        return 2
    print(f"已添加公众号 {args.name}（{args.appid}），密钥已存入密钥存储。")
    return 0


def _messages(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from console.inbox.listing import message_to_json, print_messages
    from console.store.database import open_database
    from console.store.models import Message

    db = open_database(args.db)
    with db.session() as session:
        rows = [message_to_json(m) for m in session.scalars(select(Message).order_by(Message.created_at, Message.id))]
    print_messages(rows, args.json)
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    from console.store.database import open_database

    db = open_database(args.db)
    print(f"数据库已是最新结构（{db.current_revision()}）。")
    return 0


def parser(desktop: Handler = _no_window, demo_window: Handler = _no_window) -> argparse.ArgumentParser:
    """The `wxconsole` command line. The window's commands (the desk, the demo) are handed in by the
    window's own entry point (ui.launch), so this core never imports the window."""
    p = argparse.ArgumentParser(prog="wxconsole", description="政务微信工作台")
    p.add_argument("--version", action="version", version=__version__)
    p.add_argument("-v", "--verbose", action="store_true", help="详细日志")
    p.add_argument("--hub", help="服务端地址（不填则在本机启动内置服务端）")
    p.add_argument("--db", default=None, help="内置服务端的数据库 URL（默认数据目录中的 SQLite）")
    p.add_argument("--offscreen", action="store_true", help="无显示器运行（测试用）")
    p.set_defaults(func=desktop)
    sub = p.add_subparsers(dest="command")

    def with_db(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--db", default=default_db_url(), help="数据库 URL（默认 WXCONSOLE_DB 或数据目录中的 SQLite）")

    hub = sub.add_parser("hub", help="运行服务端（公众号回调地址与同步接口）")
    with_db(hub)
    hub.add_argument("--host", default="127.0.0.1")
    hub.add_argument("--port", type=int, default=8600)
    hub.add_argument("--wechat-api", default=None, help="微信接口地址（默认 api.weixin.qq.com；演示时为沙箱）")
    hub.add_argument(
        "--remote-desktops",
        action="store_true",
        help="允许其他电脑上的桌面端连接（人员须登录；请放在单位内网或 HTTPS 反向代理之后）",
    )
    hub.add_argument(
        "--public-name",
        action="append",
        metavar="NAME[:PORT]",
        help="桌面端访问服务端时使用的域名或主机名（经反向代理或内网域名访问时填写，可填多个）",
    )
    hub.set_defaults(func=_hub)

    sandbox = sub.add_parser("sandbox", help="运行本机微信沙箱（演示与测试）")
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument("--port", type=int, default=8700)
    sandbox.add_argument("--hub", required=True, help="服务端地址，如 http://127.0.0.1:8600")
    sandbox.add_argument("--accounts", type=Path, help="沙箱公众号列表 JSON（不填则生成演示账号）")
    sandbox.add_argument("--interval", type=float, default=0, help="模拟粉丝每隔几秒留言一次（0 为不留言）")
    sandbox.set_defaults(func=_sandbox)

    demo = sub.add_parser("demo", help="演示：沙箱 + 服务端 + 桌面，带示例数据")
    demo.add_argument("--offscreen", action="store_true", help="无显示器运行")
    demo.add_argument("--shots", type=Path, help="运行脚本化场景并把截图保存到此目录")
    demo.add_argument("--interval", type=float, default=20.0, help="模拟粉丝留言间隔（秒）")
    demo.set_defaults(func=demo_window)

    account = sub.add_parser("account", help="公众号管理").add_subparsers(dest="action", required=True)
    add = account.add_parser("add", help="添加公众号（密钥从提示或标准输入读取）")
    with_db(add)
    add.add_argument("--appid", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--type", choices=["subscription", "service"], default="subscription")
    add.add_argument("--mode", choices=["safe", "plaintext"], default="safe", help="消息加解密方式")
    add.set_defaults(func=_account_add)

    messages = sub.add_parser("messages", help="列出已保存的消息")
    with_db(messages)
    messages.add_argument("--json", action="store_true")
    messages.set_defaults(func=_messages)

    db = sub.add_parser("db", help="数据库维护").add_subparsers(dest="action", required=True)
    upgrade = db.add_parser("upgrade", help="升级数据库结构（升级前自动备份）")
    with_db(upgrade)
    upgrade.set_defaults(func=_db_upgrade)

    from console.audit.commands import register as register_audit
    from console.checklist.backup import register as register_backup
    from console.compliance.cli import register as register_compliance
    from console.inbox.search_command import register as register_search
    from console.replies.commands import register as register_replies
    from console.staff.commands import register as register_staff
    from console.workcal.commands import register as register_holidays

    register_search(sub)
    register_replies(sub, _apply_command)
    register_staff(sub)
    register_holidays(sub)
    register_audit(sub)
    register_backup(sub)
    register_compliance(sub)
    return p


def _apply_command(*args: Any, **kwargs: Any) -> Any:
    """The one command path, loaded only by the subcommands that apply commands."""
    from console.command_path import apply

    return apply(*args, **kwargs)


def main(argv: list[str] | None = None, desktop: Handler = _no_window, demo_window: Handler = _no_window) -> int:
    args = parser(desktop, demo_window).parse_args(argv)
    logs.setup(args.verbose)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
