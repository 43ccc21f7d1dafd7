"""Assembling a hub from a database URL: used by `wxconsole hub`, the embedded hub and the demo."""

from __future__ import annotations

import os
from pathlib import Path

from aiohttp import web

from console.hub.app import create_hub_app
from console.hub.context import HubContext
from console.secrets import Vault
from console.staff.directory import needs_first_admin
from console.staff.setup_code import SetupCode, setup_code_path
from console.store.database import Database, open_database
from console.wechat.client import WECHAT_API
from console.wechat.gateway import Gateway

API_ENV = "WXCONSOLE_WECHAT_API"


def wechat_api_base(explicit: str | None = None) -> str:
    """api.weixin.qq.com unless told otherwise (the sandbox, for demos and tests)."""
    return explicit or os.environ.get(API_ENV) or WECHAT_API


def build_hub(
    db_url: str,
    vault: Vault | None = None,
    api_base: str | None = None,
    remote_desktops: bool = False,
    media_root: Path | None = None,
    public_names: tuple[str, ...] = (),
) -> tuple[HubContext, web.Application]:
    """`public_names`: names desks may call this hub by besides its addresses (see console.hub.guard)."""
    db = open_database(db_url, writers=True)
    vault = vault or Vault()
    gateway = Gateway(vault, wechat_api_base(api_base))
    ctx = HubContext(
        db=db,
        vault=vault,
        gateway=gateway,
        remote_desktops=remote_desktops,
        media_root=media_root,
        public_names=tuple(public_names),
        setup_code=prepare_setup_code(db, setup_code_path(db_url)),
    )
    return ctx, create_hub_app(ctx)


def prepare_setup_code(db: Database, path: Path) -> SetupCode:
    """While the hub has no administrator, a setup code exists (made now if need be); once it has
    one, a code left over is deleted."""
    setup = SetupCode(path)
    with db.session() as session:
        first = needs_first_admin(session)
    if first:
        setup.ensure()
    else:
        setup.consume()
    return setup
