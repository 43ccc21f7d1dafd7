"""Materials, the draft box, publishing (发布) and mass sends (群发), under WeChat's rules.

An office writes an article into the draft box (draft/add), with a cover that must be one of the
account's permanent image materials and pictures in the body uploaded through media/uploadimg. From
there it is either published (freepublish/submit: in the account's history, no notification) or mass
sent (message/mass/sendall: to every follower's chat, under a tight quota: a 订阅号 once per China day, a
服务号 four times per China calendar month). Both are asynchronous jobs: the call answers at once, the
result comes later as an event push (PUBLISHJOBFINISH / MASSSENDJOBFINISH) or by polling. Once
published or mass sent, an article leaves the draft box, as WeChat documents.

A mass send reaches every follower and cannot be undone, so a caller that lost the answer must be able
to retry safely: WeChat's `clientmsgid` makes a second call with the same id within 24 hours answer
45065 with the first send's msg_id instead of sending again. The sandbox keeps that rule exactly, on the
sandbox clock like the quota, so tests can prove that a retry after a dropped connection sends once.

Everything here is synchronous state; console.sandbox.server turns it into HTTP and
console.sandbox.job_events finishes the jobs and pushes the events.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import re
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from console.sandbox import errors
from console.sandbox.clock import SandboxClock
from console.sandbox.errors import WeChatApiError
from console.sandbox.media import MEDIA_ID_INVALID, MEDIA_ID_MISSING

CHINA = timezone(timedelta(hours=8))  # WeChat's days and months are China's
IMAGE_PATH = "/sandbox/img"  # where the sandbox serves uploaded pictures (no token, like WeChat's CDN)

ARTICLE_IMAGE_LIMIT = 1024 * 1024  # media/uploadimg: jpg/png "大小必须在1MB以下"
IMAGE_MATERIAL_LIMIT = 10 * 1024 * 1024  # add_material type=image: 10M
MAX_ARTICLES = 8
TITLE_LIMIT = 64
AUTHOR_LIMIT = 8
DIGEST_LIMIT = 120
DIGEST_DEFAULT_CHARS = 54  # "如果本字段为没有填写，则默认抓取正文前54个字"
CONTENT_CHAR_LIMIT = 20000  # "必须少于2万字符，小于1M"
CONTENT_BYTE_LIMIT = 1024 * 1024
CLIENTMSGID_BYTES = 64
CLIENTMSGID_WINDOW = 24 * 3600.0
SUBSCRIPTION_DAILY_MASS = 1
SERVICE_MONTHLY_MASS = 4
DEFAULT_JOB_DELAY = 0.2  # real seconds from submission to the finished event

# publish_status as freepublish/get and PUBLISHJOBFINISH report it
PUBLISHING = 1
PUBLISH_OK = 0
PUBLISH_FAULTS = {
    2: "原创声明失败",
    3: "常规失败",
    4: "平台审核不通过",
}

# msg_status as message/mass/get reports it
MASS_SENDING = "SENDING"
MASS_SUCCESS = "SEND_SUCCESS"
MASS_FAIL = "SEND_FAIL"
_MASS_FAULT = re.compile(r"send fail|err\(\d+\)")

# WeChat's wording from api.weixin.qq.com; only the publishing endpoints use these.
INVALID_MEDIA_TYPE = (40004, "invalid media type")
INVALID_FILE_TYPE = (40005, "invalid file type")
INVALID_FILE_SIZE = (40006, "invalid file size")
MEDIA_DATA_MISSING = (41005, "media data missing")
NEWS_EMPTY = (44003, "empty news data")
TITLE_TOO_LONG = (45003, "title size out of limit")
DIGEST_TOO_LONG = (45004, "description size out of limit")
ARTICLES_TOO_MANY = (45008, "article size out of limit")
NO_MASS_QUOTA = (45028, "has no masssend quota")
CLIENTMSGID_EXISTS = (45065, "clientmsgid exist")
CLIENTMSGID_TOO_LONG = (45067, "clientmsgid size out of limit")
AUTHOR_TOO_LONG = (45110, "author size out of limit")

_IMAGE_KINDS = {  # magic bytes → (content type, extension); WeChat looks at the bytes, not the name
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"GIF87a": ("image/gif", "gif"),
    b"GIF89a": ("image/gif", "gif"),
    b"BM": ("image/bmp", "bmp"),
}
_TAG = re.compile(r"<[^>]*>")


class ClientMsgIdExists(WeChatApiError):
    """45065: a mass send with this clientmsgid already exists; WeChat names it in the body."""

    def __init__(self, msg_id: int) -> None:
        super().__init__(*CLIENTMSGID_EXISTS)
        self.msg_id = msg_id

    def as_json(self) -> dict[str, int | str]:
        """WeChat's errcode body plus the existing send's msg_id, so the caller can follow it."""
        return {**super().as_json(), "msg_id": self.msg_id}


@dataclass(frozen=True)
class StoredImage:
    """A picture uploaded through uploadimg or add_material, served at `url` without a token."""

    appid: str
    name: str  # file name under IMAGE_PATH/appid/
    data: bytes
    content_type: str
    url: str


@dataclass(frozen=True)
class Material:
    """A permanent image material: what a draft's thumb_media_id must name."""

    appid: str
    media_id: str
    image: StoredImage


@dataclass
class Draft:
    """One entry of the draft box: up to 8 articles in WeChat's news_item shape."""

    appid: str
    media_id: str
    articles: list[dict[str, Any]]
    created_at: float
    updated_at: float

    @property
    def titles(self) -> list[str]:
        return [str(a["title"]) for a in self.articles]

    def as_json(self) -> dict[str, Any]:
        """The control API's view: WeChat's draft/batchget item shape."""
        return {
            "media_id": self.media_id,
            "content": {"news_item": [dict(a) for a in self.articles], "create_time": int(self.created_at)},
            "update_time": int(self.updated_at),
        }


@dataclass
class PublishJob:
    """One freepublish/submit: status PUBLISHING until the job finishes (see finish_publish)."""

    appid: str
    publish_id: str
    msg_data_id: str
    media_id: str
    titles: list[str]
    submitted_at: float
    status: int = PUBLISHING
    article_id: str | None = None
    article_urls: list[str] = field(default_factory=list)
    fail_idx: list[int] = field(default_factory=list)

    def as_wechat(self) -> dict[str, Any]:
        """freepublish/get's answer."""
        answer: dict[str, Any] = {"publish_id": self.publish_id, "publish_status": self.status}
        if self.status == PUBLISH_OK:
            answer["article_id"] = self.article_id
            answer["article_detail"] = {
                "count": len(self.article_urls),
                "item": [{"idx": i, "article_url": url} for i, url in enumerate(self.article_urls, 1)],
            }
        answer["fail_idx"] = list(self.fail_idx)
        return answer

    def as_json(self) -> dict[str, Any]:
        """Plain dict for the control API."""
        return asdict(self)


@dataclass
class MassSend:
    """One accepted message/mass/sendall; `at` is sandbox-clock time, `status` a msg_status."""

    appid: str
    msg_id: int
    msg_data_id: int
    clientmsgid: str | None
    media_id: str
    titles: list[str]
    at: float
    status: str = MASS_SENDING
    event_status: str | None = None  # the <Status> of MASSSENDJOBFINISH once finished
    total_count: int = 0
    sent_count: int = 0
    error_count: int = 0
    article_urls: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Plain dict for the control API."""
        return asdict(self)


def _china(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, CHINA)


def _article_url() -> str:
    """A permanent link in WeChat's short form (https://mp.weixin.qq.com/s/ + 22 characters)."""
    return "https://mp.weixin.qq.com/s/" + secrets.token_urlsafe(16)


def _image_kind(data: bytes) -> tuple[str, str] | None:
    for magic, kind in _IMAGE_KINDS.items():
        if data.startswith(magic):
            return kind
    return None


def _flag(data: dict[str, Any], name: str) -> int:
    """need_open_comment / only_fans_can_comment: 0 or 1 (JSON booleans accepted as wechatpy sends)."""
    value = data.get(name, 0)
    if value in (0, 1) and not isinstance(value, float):
        return int(value)
    raise WeChatApiError.of(errors.DATA_FORMAT_ERROR)


def _optional_str(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise WeChatApiError.of(errors.DATA_FORMAT_ERROR)
    return value


def default_digest(content: str) -> str:
    """What WeChat shows when no digest was given: the first 54 characters of the text."""
    text = " ".join(html.unescape(_TAG.sub(" ", content)).split())
    return text[:DIGEST_DEFAULT_CHARS]


class PublishingDesk:
    """Per-sandbox memory of materials, drafts, publish jobs and mass sends, with WeChat's checks.

    `job_delay` (real seconds) is how long a submitted job takes to finish; `push_events` False stops
    the finished-job pushes, so a hub has to poll freepublish/get and message/mass/get. Faults armed
    for an account fail its next job (publish_status 2/3/4, or a mass <Status> of "send fail" /
    "err(N)").
    """

    def __init__(self, clock: SandboxClock) -> None:
        self.clock = clock
        self.job_delay = DEFAULT_JOB_DELAY
        self.push_events = True
        self.images: dict[tuple[str, str], StoredImage] = {}
        self.materials: dict[str, Material] = {}
        self.drafts: dict[str, Draft] = {}
        self.jobs: dict[str, PublishJob] = {}
        self.mass: dict[int, MassSend] = {}
        self._publish_faults: dict[str, int] = {}
        self._mass_faults: dict[str, str] = {}
        self._publish_ids = itertools.count(2247503051)
        self._msg_ids = itertools.count(1000000001)
        self._msg_data_ids = itertools.count(2247483649)

    # --- pictures and materials -------------------------------------------------------------------

    def _store_image(self, appid: str, data: bytes, base_url: str, limit: int, kinds: tuple[str, ...]) -> StoredImage:
        if not data:
            raise WeChatApiError.of(MEDIA_DATA_MISSING)
        kind = _image_kind(data)
        if kind is None or kind[1] not in kinds:
            raise WeChatApiError.of(INVALID_FILE_TYPE)
        if len(data) > limit:
            raise WeChatApiError.of(INVALID_FILE_SIZE)
        content_type, extension = kind
        name = f"{secrets.token_hex(16)}.{extension}"
        url = f"{base_url.rstrip('/')}{IMAGE_PATH}/{appid}/{name}"
        image = StoredImage(appid, name, data, content_type, url)
        self.images[(appid, name)] = image
        return image

    def upload_article_image(self, appid: str, data: bytes, base_url: str) -> StoredImage:
        """media/uploadimg: a picture for an article's body; jpg/png under 1 MB, not a material."""
        return self._store_image(appid, data, base_url, ARTICLE_IMAGE_LIMIT, ("jpg", "png"))

    def add_material(self, appid: str, media_type: str | None, data: bytes, base_url: str) -> Material:
        """material/add_material: only type=image is simulated (bmp/png/jpeg/gif, 10 MB)."""
        if media_type != "image":
            raise WeChatApiError.of(INVALID_MEDIA_TYPE)
        image = self._store_image(appid, data, base_url, IMAGE_MATERIAL_LIMIT, ("jpg", "png", "gif", "bmp"))
        material = Material(appid, secrets.token_urlsafe(32), image)
        self.materials[material.media_id] = material
        return material

    def image(self, appid: str, name: str) -> StoredImage | None:
        """An uploaded picture by its served name, or None."""
        return self.images.get((appid, name))

    # --- the draft box ----------------------------------------------------------------------------

    def _article(self, appid: str, data: Any) -> dict[str, Any]:
        """One article checked as WeChat checks it, in draft/get's news_item shape."""
        if not isinstance(data, dict):
            raise WeChatApiError.of(errors.DATA_FORMAT_ERROR)
        title, content = data.get("title"), data.get("content")
        if not isinstance(title, str) or not title or not isinstance(content, str) or not content:
            raise WeChatApiError.of(NEWS_EMPTY)
        if len(title) > TITLE_LIMIT:
            raise WeChatApiError.of(TITLE_TOO_LONG)
        author, digest = _optional_str(data, "author"), _optional_str(data, "digest")
        if len(author) > AUTHOR_LIMIT:
            raise WeChatApiError.of(AUTHOR_TOO_LONG)
        if len(digest) > DIGEST_LIMIT:
            raise WeChatApiError.of(DIGEST_TOO_LONG)
        if len(content) >= CONTENT_CHAR_LIMIT or len(content.encode("utf-8")) >= CONTENT_BYTE_LIMIT:
            raise WeChatApiError.of(errors.CONTENT_TOO_LONG)
        thumb = data.get("thumb_media_id")
        material = self.materials.get(thumb) if isinstance(thumb, str) else None
        if material is None or material.appid != appid:
            raise WeChatApiError.of(MEDIA_ID_INVALID)
        return {
            "title": title,
            "author": author,
            "digest": digest or default_digest(content),
            "content": content,
            "content_source_url": _optional_str(data, "content_source_url"),
            "thumb_media_id": material.media_id,
            "show_cover_pic": 0,
            "need_open_comment": _flag(data, "need_open_comment"),
            "only_fans_can_comment": _flag(data, "only_fans_can_comment"),
            "url": "http://mp.weixin.qq.com/s?__biz=sandbox&tempkey=" + secrets.token_urlsafe(24),
            "thumb_url": material.image.url,
        }

    def add_draft(self, appid: str, body: dict[str, Any]) -> Draft:
        """draft/add {"articles": [...]}: 1 to 8 articles, each valid, or WeChat's errcode."""
        articles = body.get("articles")
        if not isinstance(articles, list) or not articles:
            raise WeChatApiError.of(NEWS_EMPTY)
        if len(articles) > MAX_ARTICLES:
            raise WeChatApiError.of(ARTICLES_TOO_MANY)
        checked = [self._article(appid, a) for a in articles]
        now = self.clock.now()
        draft = Draft(appid, secrets.token_urlsafe(48), checked, now, now)
        self.drafts[draft.media_id] = draft
        return draft

    def draft(self, appid: str, media_id: Any) -> Draft:
        """The draft in appid's box, or 41006 (no id) / 40007 (unknown, another account's, or gone)."""
        if not media_id:
            raise WeChatApiError.of(MEDIA_ID_MISSING)
        draft = self.drafts.get(media_id) if isinstance(media_id, str) else None
        if draft is None or draft.appid != appid:
            raise WeChatApiError.of(MEDIA_ID_INVALID)
        return draft

    def update_draft(self, appid: str, body: dict[str, Any]) -> Draft:
        """draft/update {media_id, index, articles: {one article}}: replace the article at index (0-based)."""
        draft = self.draft(appid, body.get("media_id"))
        index = body.get("index")
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(draft.articles):
            raise WeChatApiError.of(errors.DATA_FORMAT_ERROR)
        draft.articles[index] = self._article(appid, body.get("articles"))
        draft.updated_at = self.clock.now()
        return draft

    def delete_draft(self, appid: str, media_id: Any) -> None:
        """draft/delete: gone for good."""
        del self.drafts[self.draft(appid, media_id).media_id]

    def drafts_of(self, appid: str) -> list[Draft]:
        """appid's draft box, oldest first."""
        return [d for d in self.drafts.values() if d.appid == appid]

    # --- publishing -------------------------------------------------------------------------------

    def submit_publish(self, appid: str, media_id: Any) -> PublishJob:
        """freepublish/submit: a job in PUBLISHING state; the draft stays in the box until it succeeds."""
        draft = self.draft(appid, media_id)
        job = PublishJob(
            appid=appid,
            publish_id=str(next(self._publish_ids)),
            msg_data_id=str(next(self._msg_data_ids)),
            media_id=draft.media_id,
            titles=draft.titles,
            submitted_at=self.clock.now(),
        )
        self.jobs[job.publish_id] = job
        return job

    def finish_publish(self, publish_id: str) -> PublishJob:
        """End a job: the armed fault if any (fail_idx [1] for 2 and 4, as WeChat reports only those),
        else published, with a permanent link per article, and out of the draft box."""
        job = self.jobs[publish_id]
        if job.status != PUBLISHING:
            return job
        fault = self._publish_faults.pop(job.appid, None)
        if fault is not None:
            job.status = fault
            job.fail_idx = [1] if fault in (2, 4) else []
            return job
        job.status = PUBLISH_OK
        job.article_id = secrets.token_urlsafe(32)
        job.article_urls = [_article_url() for _ in job.titles]
        self.drafts.pop(job.media_id, None)
        return job

    def publish_job(self, appid: str, publish_id: Any) -> PublishJob:
        """freepublish/get's job, or 40007 for an id this account never got."""
        key = str(publish_id) if isinstance(publish_id, int | str) and not isinstance(publish_id, bool) else ""
        job = self.jobs.get(key)
        if job is None or job.appid != appid:
            raise WeChatApiError.of(MEDIA_ID_INVALID)
        return job

    # --- mass sends -------------------------------------------------------------------------------

    def _quota_left(self, appid: str, account_type: str, now: float) -> bool:
        today = _china(now)
        if account_type == "service":
            month = [m for m in self.mass.values() if m.appid == appid and _same_month(_china(m.at), today)]
            return len(month) < SERVICE_MONTHLY_MASS
        day = [m for m in self.mass.values() if m.appid == appid and _china(m.at).date() == today.date()]
        return len(day) < SUBSCRIPTION_DAILY_MASS

    def mass_send(self, appid: str, account_type: str, followers: int, body: dict[str, Any]) -> MassSend:
        """message/mass/sendall of a draft to all followers, under WeChat's rules and in this order:
        a clientmsgid seen in the last 24 hours answers 45065 with the first send's msg_id (even when
        the quota is spent: nothing new is sent); then the draft must exist (40007); then the quota
        (45028). `followers` is how many the send reaches."""
        flt = body.get("filter")
        if not isinstance(flt, dict) or flt.get("is_to_all") is not True:
            raise WeChatApiError.of(errors.DATA_FORMAT_ERROR)  # the sandbox simulates sends to all only
        if body.get("msgtype") != "mpnews":
            raise WeChatApiError.of(errors.MSGTYPE_INVALID)
        mpnews = body.get("mpnews")
        media_id = mpnews.get("media_id") if isinstance(mpnews, dict) else None
        clientmsgid = body.get("clientmsgid")
        if clientmsgid is not None and not isinstance(clientmsgid, str):
            raise WeChatApiError.of(errors.DATA_FORMAT_ERROR)
        if clientmsgid and len(clientmsgid.encode("utf-8")) > CLIENTMSGID_BYTES:
            raise WeChatApiError.of(CLIENTMSGID_TOO_LONG)
        now = self.clock.now()
        if clientmsgid:
            for earlier in self.mass.values():
                if earlier.appid == appid and earlier.clientmsgid == clientmsgid:
                    if now - earlier.at < CLIENTMSGID_WINDOW:
                        raise ClientMsgIdExists(earlier.msg_id)
        draft = self.draft(appid, media_id)
        if not self._quota_left(appid, account_type, now):
            raise WeChatApiError.of(NO_MASS_QUOTA)
        send = MassSend(
            appid=appid,
            msg_id=next(self._msg_ids),
            msg_data_id=next(self._msg_data_ids),
            clientmsgid=clientmsgid or None,
            media_id=draft.media_id,
            titles=draft.titles,
            at=now,
            total_count=followers,
        )
        self.mass[send.msg_id] = send
        return send

    def finish_mass(self, msg_id: int) -> MassSend:
        """End a mass job: the armed <Status> if any, else sent to every follower and the draft leaves
        the box."""
        send = self.mass[msg_id]
        if send.status != MASS_SENDING:
            return send
        fault = self._mass_faults.pop(send.appid, None)
        if fault is not None:
            send.status, send.event_status = MASS_FAIL, fault
            send.error_count = send.total_count
            return send
        send.status, send.event_status = MASS_SUCCESS, "send success"
        send.sent_count = send.total_count
        send.article_urls = [_article_url() for _ in send.titles]
        self.drafts.pop(send.media_id, None)
        return send

    def mass_job(self, appid: str, msg_id: Any) -> MassSend:
        """message/mass/get's send, or 40007 for an id this account never got."""
        try:
            key = int(msg_id)
        except (TypeError, ValueError):
            raise WeChatApiError.of(MEDIA_ID_INVALID) from None
        send = self.mass.get(key)
        if send is None or send.appid != appid:
            raise WeChatApiError.of(MEDIA_ID_INVALID)
        return send

    def mass_of(self, appid: str) -> list[MassSend]:
        """Every mass send appid made, oldest first."""
        return [m for m in self.mass.values() if m.appid == appid]

    # --- faults -----------------------------------------------------------------------------------

    def arm_publish_fault(self, appid: str, status: int) -> None:
        """Fail appid's next publish job with publish_status 2, 3 or 4."""
        if status not in PUBLISH_FAULTS:
            raise ValueError(f"publish_status must be one of {sorted(PUBLISH_FAULTS)}")
        self._publish_faults[appid] = status

    def arm_mass_fault(self, appid: str, status: str) -> None:
        """Fail appid's next mass job with this <Status>: "send fail" or "err(N)"."""
        if not _MASS_FAULT.fullmatch(status):
            raise ValueError('mass_status must be "send fail" or "err(N)"')
        self._mass_faults[appid] = status


def _same_month(a: datetime, b: datetime) -> bool:
    return (a.year, a.month) == (b.year, b.month)


def helper_openid(appid: str) -> str:
    """The FromUserName of job events: WeChat's 群发助手 (mphelper), as a 28-character openid that is
    stable per account, the way WeChat's examples show it."""
    digest = hashlib.sha256(f"mphelper:{appid}".encode()).digest()
    return "o" + base64.urlsafe_b64encode(digest).decode("ascii")[:27]
