"""The account register (账号台账) as a command, declared: administrators keep it, for the accounts they
may see (all of them); the handler writes the audit entry with the register before and after. An edit names the
register's version (the account's `register_version`); a stale one is refused (409)."""

from __future__ import annotations

from typing import Any

from console.commands import schema as s
from console.commands.account_parts import account_part
from console.commands.registry import ADMINISTRATORS, BY_HANDLER, Call, CommandSpec, Versioning, register
from console.compliance import register as account_register


def _handler(call: Call) -> dict[str, Any]:
    args = {**call.args, "appid": call.args.get("appid") or call.args.get("account")}
    return account_register.apply(call.session, call.kind, args, call.staff, call.now)


register(
    CommandSpec(
        "register_save",
        ADMINISTRATORS,
        lambda session, args, conversation_id: account_part("appid" if args.get("appid") else "account")(
            session, args, conversation_id
        ),
        s.schema(s.BASE, appid=s.text(max_len=64), account=s.text(max_len=64), register=s.obj(required=True)),
        _handler,
        BY_HANDLER,
        versioning=Versioning("refuse", version=lambda account: int(account.register_version), what="这个公众号的台账"),
    )
)
