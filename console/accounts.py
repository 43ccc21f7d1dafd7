"""Registering an account: its row in the database, its secrets in the key store, never mixed."""

from __future__ import annotations

from sqlalchemy import select

from console.audit import record
from console.secrets import AccountSecrets, Vault
from console.store.database import Database, next_seq
from console.store.models import Account, AccountType


class AccountError(ValueError):
    pass


def add_account(
    db: Database,
    vault: Vault,
    appid: str,
    name: str,
    account_type: str,
    secrets: AccountSecrets,
    safe_mode: bool = True,
    original_id: str | None = None,
    actor: str = "cli",
) -> Account:
    """Secrets first: if the key store refuses, no half-registered account is left behind."""
    if not appid.startswith("wx") or not 10 <= len(appid) <= 32 or not appid.isalnum():
        raise AccountError("AppID 应以 wx 开头、由字母和数字组成，请从公众号后台“基本配置”复制。")
    if account_type not in {t.value for t in AccountType}:
        raise AccountError("类型应为 subscription（订阅号）或 service（服务号）。")
    if safe_mode and not secrets.aes_key:
        raise AccountError("安全模式需要消息加解密密钥(EncodingAESKey)。")
    secrets.validate()
    vault.put(appid, secrets)
    with db.session() as session:
        account = session.scalar(select(Account).where(Account.appid == appid))
        if account is None:
            account = Account(appid=appid)
            session.add(account)
        account.name = name
        account.account_type = account_type
        account.safe_mode = safe_mode
        account.original_id = original_id
        account.seq = next_seq(session)
        # That the secrets changed is on record; what they are is not (the log masks every secret key).
        record(
            session,
            actor,
            "secret_change",
            f"account:{appid}",
            after={"name": name, "changed": ["AppSecret", "Token", "EncodingAESKey"]},
        )
    return account
