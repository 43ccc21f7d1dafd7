"""Evidence for the security checklist (截图、文件): `PUT /api/evidence/<sha256>?name=…` stores a file a
desk attached (the name is the SHA-256 of the bytes, checked here, so a retried upload is harmless);
`GET` serves it back. Pictures, PDF, Word, Excel and plain text up to 20 MB — what offices keep as proof."""

from __future__ import annotations

import asyncio
import hashlib
import re
from pathlib import Path

from aiohttp import web

from console import paths
from console.checklist.evidence_files import MAX_EVIDENCE, SUFFIXES
from console.files import write_atomically
from console.hub.context import CONTEXT
from console.hub.visibility import named_by_visible_row, request_seat
from console.store.models import ChecklistRecord

_SHA = re.compile(r"^[0-9a-f]{64}$")
TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
}
EVIDENCE = web.AppKey("evidence_root", Path)


def evidence_root(media_root: Path | None) -> Path:
    return (media_root or paths.data_dir() / "media") / "evidence"


def stored(root: Path, sha: str) -> Path | None:
    found = sorted(root.glob(f"{sha}.*"))
    return found[0] if found else None


def _refuse(text: str, status: int = 422) -> web.Response:
    return web.json_response({"error": text}, status=status)


async def put_evidence(request: web.Request) -> web.Response:
    sha = request.match_info["sha"]
    if not _SHA.match(sha):
        return _refuse("文件编号应为 64 位十六进制 SHA-256。", 400)
    name = request.query.get("name", "")
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        return _refuse(f"“{name}”的类型不能作为佐证材料：请用图片、PDF、Word、Excel 或文本文件。")
    if request.content_length is not None and request.content_length > MAX_EVIDENCE:
        return _refuse("佐证文件不能超过 20 MB，请压缩或截取关键页。", 413)
    data = await request.read()
    if len(data) > MAX_EVIDENCE:
        return _refuse("佐证文件不能超过 20 MB，请压缩或截取关键页。", 413)
    if hashlib.sha256(data).hexdigest() != sha:
        return _refuse("文件内容与编号不符（传输中可能损坏），请重新上传。")
    root = request.app[EVIDENCE]
    if stored(root, sha) is None:
        root.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(write_atomically, root / f"{sha}{suffix}", data)
    return web.json_response({"ref": f"evidence:{sha}", "size": len(data)})


async def get_evidence(request: web.Request) -> web.StreamResponse:
    """The file, to a colleague who sees a checklist record naming it (another account's: 404 as unknown)."""
    sha = request.match_info["sha"]
    path = stored(request.app[EVIDENCE], sha) if _SHA.match(sha) else None
    if path is not None and not await asyncio.to_thread(
        named_by_visible_row,
        request.app[CONTEXT].db,
        request_seat(request),
        f"evidence:{sha}",
        ChecklistRecord.evidence,
        ChecklistRecord.account_id,
    ):
        path = None
    if path is None:
        raise web.HTTPNotFound(text="服务端没有这份佐证材料。")
    content_type = TYPES.get(path.suffix.lower(), "application/octet-stream")
    return web.FileResponse(path, headers={"Content-Type": content_type})


def add_routes(app: web.Application) -> None:
    app[EVIDENCE] = evidence_root(app[CONTEXT].media_root)
    app.router.add_put("/api/evidence/{sha}", put_evidence)
    app.router.add_get("/api/evidence/{sha}", get_evidence)
