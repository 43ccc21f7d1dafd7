"""Images of articles kept on the desk's disk, named by their sha256: the same picture chosen twice is stored
once, and a ref (``asset:<sha256>``) says exactly which bytes an article means, whichever machine reads it.

Only PNG, JPEG and GIF, sniffed from the bytes rather than trusted from the file name, and at most 10 MB:
what WeChat takes for article images and covers.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from console.publishing.html import ASSET_REF

MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = (".png", ".jpg", ".gif")


class AssetError(ValueError):
    """An image the store refuses, in words for the operator."""


def sniff(data: bytes) -> str | None:
    """The extension for the image format of `data` (".png", ".jpg", ".gif"), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if data.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return ".gif"
    return None


def sha_of(ref: str) -> str | None:
    """The sha256 of a ref ("asset:<sha256>", or the bare hex), or None when it is not one."""
    ref = ref.strip().lower()
    match = ASSET_REF.fullmatch(ref if ref.startswith("asset:") else f"asset:{ref}")
    return match.group(1) if match else None


class LocalAssets:
    """A directory of images named `<sha256>.<ext>`."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def put(self, data: bytes, filename: str = "") -> str:
        """Store `data` and return its ref; raises AssetError for what is not a PNG/JPEG/GIF or too big."""
        name = Path(filename).name or "图片"
        if len(data) > MAX_BYTES:
            size = len(data) / 1024 / 1024
            raise AssetError(f"“{name}”有 {size:.1f} MB，图片不能超过 {MAX_BYTES // 1024 // 1024} MB")
        extension = sniff(data)
        if extension is None:
            raise AssetError(f"“{name}”不是 PNG、JPG 或 GIF 图片")
        sha = hashlib.sha256(data).hexdigest()
        target = self.root / f"{sha}{extension}"
        if not target.exists():
            self.root.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.root, prefix=f".{sha}.", suffix=".part")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        return f"asset:{sha}"

    def put_file(self, path: Path) -> str:
        """Store the image at `path` (AssetError also when it cannot be read)."""
        path = Path(path)
        try:
            if path.stat().st_size > MAX_BYTES:
                size = path.stat().st_size / 1024 / 1024
                raise AssetError(f"“{path.name}”有 {size:.1f} MB，图片不能超过 {MAX_BYTES // 1024 // 1024} MB")
            data = path.read_bytes()
        except OSError as error:
            raise AssetError(f"无法读取“{path.name}”：{error.strerror or error}") from error
        return self.put(data, path.name)

    def path(self, ref: str) -> Path | None:
        """The stored file for `ref`, or None when it is not here."""
        sha = sha_of(ref)
        if sha is None:
            return None
        for extension in EXTENSIONS:
            candidate = self.root / f"{sha}{extension}"
            if candidate.is_file():
                return candidate
        return None

    def read(self, ref: str) -> bytes | None:
        """The bytes of `ref` (for uploading to WeChat), or None when it is not here."""
        path = self.path(ref)
        return path.read_bytes() if path is not None else None
