"""The desktop's copy of the pictures, voice notes and videos followers sent.

A file is downloaded from the hub once, the first time an operator opens it, and read from disk ever
after — also offline, and also after WeChat has deleted it (WeChat keeps follower media 3 days). Files
are written under a temporary name and renamed, so a crash or a full disk never leaves half a picture
that later looks cached. The file helpers here are shared with the hub's own cache.
"""

from __future__ import annotations

import contextlib
import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp

from console.files import write_atomically

# WeChat's media types first: mimetypes does not know AMR or speex everywhere.
_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/bmp": "bmp",
    "audio/amr": "amr",
    "audio/mpeg": "mp3",
    "audio/mp3": "mp3",
    "audio/speex": "speex",
    "voice/speex": "speex",
    "video/mp4": "mp4",
}
_TYPES = {ext: ctype for ctype, ext in reversed(_EXTENSIONS.items())}
FALLBACK_TYPE = "application/octet-stream"

OFFLINE_REASON = "连不上服务端，离线时无法下载图片、语音或视频。联网后重新打开即可获取。"


def extension_for(content_type: str) -> str:
    """File extension (no dot) for a content type; "bin" when nothing better is known."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in _EXTENSIONS:
        return _EXTENSIONS[ctype]
    guessed = mimetypes.guess_extension(ctype) if ctype else None
    return guessed.lstrip(".") if guessed else "bin"


def content_type_for(path: Path) -> str:
    """The content type a cached file is served with, from its extension."""
    ext = path.suffix.lstrip(".").lower()
    return _TYPES.get(ext) or mimetypes.guess_type(path.name)[0] or FALLBACK_TYPE


def find_cached(folder: Path, stem: str) -> Path | None:
    """The finished file named `<stem>.<ext>` in folder, if any."""
    if not folder.is_dir():
        return None
    for candidate in folder.glob(f"{stem}.*"):
        if candidate.is_file():
            return candidate
    return None


class MediaUnavailable(Exception):
    """The file cannot be shown now; `str(exc)` is the reason in words for the operator.

    offline: the hub could not be reached, so trying again once online may work.
    errcode: WeChat's code when WeChat refused (40007: expired or unknown), else None.
    """

    def __init__(self, reason: str, *, offline: bool = False, errcode: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offline = offline
        self.errcode = errcode


class MediaCache:
    """Files of messages, by message id, in `root`, fetched from the hub at `base_url` when missing."""

    def __init__(
        self, root: Path, base_url: str, timeout: float = 120.0, token: Callable[[], str | None] | None = None
    ) -> None:
        self.root = root
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.token = token or (lambda: None)  # the desk's current session token
        self._session: aiohttp.ClientSession | None = None

    @staticmethod
    def _stem(message_id: int, thumb: bool) -> str:
        return f"{int(message_id)}-thumb" if thumb else str(int(message_id))

    def cached(self, message_id: int, thumb: bool = False) -> Path | None:
        """The file if it is already on disk; never touches the network (for drawing a list at once)."""
        return find_cached(self.root, self._stem(message_id, thumb))

    async def fetch(self, message_id: int, thumb: bool = False) -> Path:
        """The message's file (video: its thumbnail with thumb=True), downloaded at most once.

        Raises MediaUnavailable with the reason: offline, no such message or no media, WeChat's refusal
        (e.g. expired after 3 days), or the file could not be saved on this computer.
        """
        path = self.cached(message_id, thumb)
        if path is not None:
            return path
        data, content_type = await self._download(message_id, thumb)
        path = self.root / f"{self._stem(message_id, thumb)}.{extension_for(content_type)}"
        try:
            write_atomically(path, data)
        except OSError as exc:
            raise MediaUnavailable(f"文件无法保存到本机（磁盘已满或没有写入权限）：{exc.strerror or exc}") from exc
        return path

    def forget(self, message_ids: list[int]) -> None:
        """Delete the files of these messages (their account was withdrawn from this desk's colleague)."""
        for message_id in message_ids:
            for thumb in (False, True):
                path = self.cached(message_id, thumb)
                if path is not None:
                    with contextlib.suppress(OSError):
                        path.unlink()

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout, sock_connect=5))
        return self._session

    async def _download(self, message_id: int, thumb: bool) -> tuple[bytes, str]:
        url = f"{self.base_url}/api/media/{int(message_id)}"
        params = {"thumb": "1"} if thumb else {}
        try:
            token = self.token()
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            async with self._http().get(url, params=params, headers=headers) as response:
                if response.status == 200:
                    return await response.read(), response.content_type or FALLBACK_TYPE
                body: Any = None
                if response.content_type == "application/json":
                    with contextlib.suppress(ValueError):
                        body = await response.json()
                raise _refusal(response.status, body)
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise MediaUnavailable(OFFLINE_REASON, offline=True) from exc

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def _refusal(status: int, body: Any) -> MediaUnavailable:
    """The hub's answer other than 200, as the reason to show."""
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        errcode = body.get("errcode")
        return MediaUnavailable(body["error"], errcode=errcode if isinstance(errcode, int) else None)
    if status >= 500:
        return MediaUnavailable(f"服务端暂时无法提供这个文件（HTTP {status}），请稍后再试。")
    return MediaUnavailable(f"服务端拒绝了下载请求（HTTP {status}）。")
