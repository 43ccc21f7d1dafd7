"""The office's word lists (错敏词) and the import of an account's auto-reply setup from WeChat.

The hub holds the office's own lists (shipped lists + these files make the check); desktops read them
to check as the operator types and an administrator edits them from Settings. The hub checks again
whatever is sent, so a desktop with an old copy cannot let a blocked word through.

The lists carry one version (kept in the database beside the sync counter, bumped by each save): an edit
names the version it started from, and one made from an older version than the hub holds is refused (409)
with the lists as they are now, so two colleagues' edits never silently overwrite each other."""

from __future__ import annotations

import asyncio
import threading
import uuid
from pathlib import Path
from typing import Any

from aiohttp import web

from console import command_path as commands
from console.audit import record
from console.files import write_atomically
from console.hub.auth_api import seat_of
from console.hub.context import HubContext, context
from console.hub.delivery import wechat_call
from console.hub.guard import json_body
from console.refusal import Refused
from console.replies.codec import rule_to_dict
from console.replies.wechat_import import rules_from_autoreply
from console.screening import Screener, office_dir
from console.screening.lists import LEADERS_FILE, SENSITIVE_FILE, TERMS_FILE
from console.store.database import Database
from console.store.models import SyncCounter
from console.wechat.errors import WeChatError

WORDLIST_FILES = (SENSITIVE_FILE, TERMS_FILE, LEADERS_FILE)
MAX_LIST_BYTES = 2 * 1024 * 1024
VERSION_COUNTER = "wordlists_version"
_SAVING = threading.Lock()  # compare the base, write the files and bump the version as one step
NO_BASE = "保存词表时需要带上它的版本号。请更新桌面端后再试。"
STALE = "词表已被同事修改过（您看到的是较早的版本），您的修改没有保存。已载入最新词表，请在此基础上重新修改后保存。"


class StaleLists(Exception):
    """The lists moved on since the edit began; `version` is theirs now."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def lists_version(db: Database) -> int:
    """The lists' version: 1 until their first save through the hub."""
    with db.session() as session:
        row = session.get(SyncCounter, VERSION_COUNTER)
        return 1 if row is None else int(row.value)


def wordlists_dir(ctx: HubContext) -> Path:
    folder = ctx.wordlists_dir or office_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def load_screener(ctx: HubContext) -> Screener:
    ctx.screener = Screener.from_files(office=wordlists_dir(ctx))
    return ctx.screener


def _read_lists(folder: Path) -> dict[str, str]:
    return {name: (folder / name).read_text("utf-8") if (folder / name).exists() else "" for name in WORDLIST_FILES}


async def get_wordlists(request: web.Request) -> web.Response:
    """`GET /api/wordlists`: the office's own lists as text, and the problems found reading them."""
    ctx = context(request)
    version = await asyncio.to_thread(lists_version, ctx.db)
    files = await asyncio.to_thread(_read_lists, wordlists_dir(ctx))
    screener = ctx.screener
    if screener is None:
        screener = await asyncio.to_thread(load_screener, ctx)
    return web.json_response({"files": files, "problems": screener.problems, "version": version})


def _changed_lines(before: str, after: str, limit: int = 200) -> dict[str, list[str]]:
    """What an edit of a list removed and added, line by line (the record stays small for long lists)."""
    old, new = before.splitlines(), after.splitlines()
    return {
        "removed": [line for line in old if line not in set(new)][:limit],
        "added": [line for line in new if line not in set(old)][:limit],
    }


def _save_lists(ctx: HubContext, files: dict[str, str], actor: str, base: int) -> tuple[Screener, int]:
    """Save from `base` (StaleLists if the lists moved on): the files, the audit entry, the new version."""
    folder = wordlists_dir(ctx)
    with _SAVING, ctx.db.session() as session:
        counter = session.get(SyncCounter, VERSION_COUNTER)
        current = 1 if counter is None else int(counter.value)
        if base != current:
            raise StaleLists(current)
        before = _read_lists(folder)
        changed = {name: _changed_lines(before.get(name, ""), text) for name, text in files.items()}
        record(session, actor, "wordlists_change", "wordlists", files=changed)
        if counter is None:
            counter = SyncCounter(name=VERSION_COUNTER, value=current)
            session.add(counter)
        counter.value = current + 1
        session.flush()
        for name, text in files.items():
            write_atomically(folder / name, text)
    return load_screener(ctx), current + 1


async def put_wordlists(request: web.Request) -> web.Response:
    """`PUT /api/wordlists` {"files": {"sensitive.txt": "…", …}}: saved, and the check rebuilt at once.
    Lines that cannot be read are kept in the file and reported back, never silently dropped. The lists are
    every account's: administrators only (console.hub.route_roles)."""
    ctx = context(request)
    try:
        body = await json_body(request)
        files = body["files"]
        if not isinstance(files, dict) or not set(files) <= set(WORDLIST_FILES):
            raise TypeError
        if not all(isinstance(text, str) and len(text.encode("utf-8")) <= MAX_LIST_BYTES for text in files.values()):
            raise TypeError
    except (ValueError, KeyError, TypeError) as exc:
        raise web.HTTPBadRequest(text=f"expected {{files: {{name: text}}}} with names in {WORDLIST_FILES}") from exc
    base = body.get("base_version")
    if isinstance(base, bool) or not isinstance(base, int):
        return web.json_response({"error": NO_BASE}, status=400)
    try:
        screener, version = await asyncio.to_thread(_save_lists, ctx, files, seat_of(request).login or "?", base)
    except StaleLists as stale:
        now = await asyncio.to_thread(_read_lists, wordlists_dir(ctx))
        return web.json_response({"error": STALE, "stale": True, "version": stale.version, "files": now}, status=409)
    ctx.feed.notify()
    return web.json_response(
        {
            "files": await asyncio.to_thread(_read_lists, wordlists_dir(ctx)),
            "problems": screener.problems,
            "version": version,
        }
    )


async def import_from_wechat(request: web.Request) -> web.Response:
    """`POST /api/rules/import-wechat` {account, replace, command_id, seat, seat_name}: read the account's
    current auto-reply setup from WeChat and keep it as rules (one command: all or nothing, once)."""
    ctx = context(request)
    try:
        body = await json_body(request)
        appid = str(body["account"])
        command_id = str(body.get("command_id") or uuid.uuid4().hex)
    except (ValueError, KeyError, TypeError) as exc:
        raise web.HTTPBadRequest(text="expected {account}") from exc
    seat = seat_of(request)
    wanted = {"account": appid, "replace": bool(body.get("replace")), "rules": []}
    try:  # who may import this account's rules is known before anything is asked of WeChat
        await asyncio.to_thread(commands.preflight, ctx.db, "rules_import", 0, wanted, seat, ctx.presence)
    except Refused as exc:
        return web.json_response({"error": str(exc)}, status=exc.status)
    try:
        info = await wechat_call(ctx, ctx.gateway.current_autoreply_info, appid)
    except WeChatError as exc:
        return web.json_response({"error": f"读取微信后台的自动回复设置失败：{exc}"}, status=502)
    imported = rules_from_autoreply(info, appid)
    if not imported.rules:
        return web.json_response(
            {"error": "这个公众号在微信后台没有开启任何自动回复，没有可导入的规则。", "notes": imported.notes},
            status=422,
        )
    args: dict[str, Any] = {
        "account": appid,
        "replace": bool(body.get("replace")),
        "rules": [rule_to_dict(rule, appid) for rule in imported.rules],
    }
    try:
        outcome = await asyncio.to_thread(
            commands.apply, ctx.db, ctx.presence, command_id, "rules_import", 0, args, seat, ctx.clock(), ctx.screener
        )
    except Refused as exc:
        return web.json_response({"error": str(exc)}, status=exc.status)
    if outcome.fresh:
        ctx.feed.notify()
    status = outcome.status
    return web.json_response(
        {"state": outcome.state, "result": outcome.result, "error": outcome.error, "notes": imported.notes},
        status=status,
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/wordlists", get_wordlists)
    app.router.add_put("/api/wordlists", put_wordlists)
    app.router.add_post("/api/rules/import-wechat", import_from_wechat)
