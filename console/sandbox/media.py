"""The pictures, voice notes and videos followers "send", kept as WeChat keeps temporary media.

WeChat stores what a follower sends for 3 days and hands it out by MediaId through
/cgi-bin/media/get; after that the id is unknown (40007). The console must therefore fetch and keep
media early, and show a clear reason when it is too late. The sandbox makes small but real files
(a PNG that any viewer opens, an AMR file with a valid header and silent frames, an MP4 with a valid
`ftyp` box) so the whole path — hub cache, desktop cache, viewers — handles genuine bytes.
"""

from __future__ import annotations

import hashlib
import secrets
import struct
import zlib
from dataclasses import dataclass, field

from console.sandbox.clock import SandboxClock
from console.sandbox.errors import WeChatApiError

MEDIA_LIFETIME = 3 * 24 * 3600.0  # temporary media: deleted 3 days after it reached WeChat

# Not in errors.py because only media uses them; wording copied from api.weixin.qq.com.
MEDIA_ID_INVALID = (40007, "invalid media_id")
MEDIA_ID_MISSING = (41006, "media_id missing")

IMAGE_SIZE = 64
_AMR_HEADER = b"#!AMR\n"
_AMR_NO_DATA = b"\x7c"  # AMR-NB frame header: type 15 (NO_DATA), quality bit set; decoders play silence
_AMR_FRAMES = 150  # 20 ms each: a three-second voice note


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, tag, data, CRC over tag+data."""
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


def png_bytes(seed: str, size: int = IMAGE_SIZE) -> bytes:
    """A size×size RGB PNG whose colour comes from `seed`, so different media look different.

    A darker border frames the colour so the picture reads as a photo thumbnail, not a blank.
    """
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    fill = bytes(64 + b % 160 for b in digest[:3])
    edge = bytes(c // 2 for c in fill)
    border = max(1, size // 16)
    plain_row = b"\x00" + edge * size
    framed_row = b"\x00" + edge * border + fill * (size - 2 * border) + edge * border
    raw = b"".join(plain_row if y < border or y >= size - border else framed_row for y in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(raw, 9))
        + _png_chunk(b"IEND", b"")
    )


def amr_bytes() -> bytes:
    """A silent AMR-NB voice note: WeChat delivers voice as AMR."""
    return _AMR_HEADER + _AMR_NO_DATA * _AMR_FRAMES


def mp4_bytes() -> bytes:
    """The smallest thing that is recognisably an MP4: an `ftyp` box and an empty `mdat` box."""
    brands = b"isom" + struct.pack(">I", 0x200) + b"isomiso2mp41"
    ftyp = struct.pack(">I", 8 + len(brands)) + b"ftyp" + brands
    mdat = struct.pack(">I", 8) + b"mdat"
    return ftyp + mdat


# kind → (content type, file extension) as the sandbox serves it
_KINDS = {
    "image": ("image/png", "png"),
    "thumb": ("image/png", "png"),
    "voice": ("audio/amr", "amr"),
    "video": ("video/mp4", "mp4"),
}


@dataclass(frozen=True)
class StoredMedia:
    """One temporary media file as WeChat holds it; `received_at` is sandbox-clock time."""

    appid: str
    media_id: str
    kind: str
    data: bytes
    content_type: str
    extension: str
    received_at: float

    @property
    def filename(self) -> str:
        """The name WeChat puts in Content-disposition."""
        return f"{self.media_id}.{self.extension}"

    @property
    def is_video(self) -> bool:
        """Videos are not sent inline: media/get answers with a download URL instead."""
        return self.kind == "video"


@dataclass
class MediaStore:
    """Media by MediaId, per account, expiring MEDIA_LIFETIME after it arrived.

    `fetches` lists every media id asked for through media/get (found or not), so tests can prove
    a cache in front of WeChat really saves calls.
    """

    clock: SandboxClock
    fetches: list[str] = field(default_factory=list)
    _items: dict[str, StoredMedia] = field(default_factory=dict)

    def receive(self, appid: str, kind: str) -> StoredMedia:
        """Store a new file of `kind` (image, thumb, voice, video) that a follower of appid sent."""
        try:
            content_type, extension = _KINDS[kind]
        except KeyError:
            raise ValueError(f"unknown media kind {kind!r}") from None
        media_id = secrets.token_urlsafe(48)  # 64 characters of [A-Za-z0-9_-], like WeChat's ids
        if kind in ("image", "thumb"):
            data = png_bytes(media_id)
        elif kind == "voice":
            data = amr_bytes()
        else:
            data = mp4_bytes()
        item = StoredMedia(appid, media_id, kind, data, content_type, extension, self.clock.now())
        self._items[media_id] = item
        return item

    def get(self, appid: str, media_id: str | None) -> StoredMedia:
        """The file, or WeChat's refusal: 41006 without an id; 40007 for an unknown, foreign or expired id."""
        if not media_id:
            raise WeChatApiError.of(MEDIA_ID_MISSING)
        item = self._items.get(media_id)
        if item is None or item.appid != appid or self.clock.now() >= item.received_at + MEDIA_LIFETIME:
            raise WeChatApiError.of(MEDIA_ID_INVALID)
        return item

    def fetch(self, appid: str, media_id: str | None) -> StoredMedia:
        """`get`, counted as one media/get call."""
        self.fetches.append(media_id or "")
        return self.get(appid, media_id)
