"""Fixtures of the adversarial suite (issue 13). Each engineer's fixtures carry their own section."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from console.store.models import Conversation, Message, Role

# --- WeChat failing: unknown outcomes, a hanging token endpoint, endless 40001 (points 5 and 11) ---

WECHAT_TIMEOUT = 2.0  # the hub's wait for each WeChat call in these tests (10 s in service)
FOLLOWER = "oSECURITYfollower000000000001"
DESK = ("desk-unknown", "赵敏", (Role.ADMINISTRATOR,))  # sees every account, whatever the access rule


class Failures:
    """Arms the sandbox's failure modes through its control API (so on the servers' own loop)."""

    def __init__(self, world: Any) -> None:
        self.url = f"{world.sandbox_url}/sandbox/failures"

    def arm(self, **modes: Any) -> dict[str, Any]:
        answer = requests.post(self.url, json=modes, timeout=5)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def clear(self) -> None:
        requests.post(self.url, json={"clear": True}, timeout=5)

    def counters(self) -> dict[str, Any]:
        return requests.get(self.url, timeout=5).json()


@pytest.fixture
def wechat_failures(world: Any) -> Iterator[Failures]:
    """The sandbox's failure modes; the hub waits WECHAT_TIMEOUT for WeChat. Cleared at the end, so no
    hang outlives the test."""
    world.hub.gateway.use_timeout(WECHAT_TIMEOUT)
    failures = Failures(world)
    yield failures
    failures.clear()


@pytest.fixture
def eventually() -> Callable[..., Any]:
    """Wait for a condition (never a fixed sleep); returns its first truthy value."""

    def wait(condition: Callable[[], Any], what: str, seconds: float = 20.0) -> Any:
        deadline = time.monotonic() + seconds
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            time.sleep(0.05)

    return wait


@pytest.fixture
def follower_conversation(world: Any) -> Callable[[str, str], Conversation]:
    """A follower writes to an account; answers the conversation the hub stored for it."""

    def make(appid: str, openid: str = FOLLOWER) -> Conversation:
        world.push(appid, openid, content="请问社保卡在哪里补办？")
        with world.hub.db.session() as session:
            for message in session.query(Message).filter(Message.dedupe_key.is_not(None)).all():
                if message.follower.openid == openid and message.account.appid == appid:
                    return session.get(Conversation, message.conversation_id)
        raise LookupError(openid)

    return make


@pytest.fixture
def desk_reply(world: Any) -> Callable[[int, str], requests.Response]:
    """A colleague's reply through the hub's API, as a desk or script sends it."""

    def send(conversation_id: int, content: str) -> requests.Response:
        return requests.post(
            f"{world.hub_url}/api/replies",
            json={"command_id": uuid.uuid4().hex, "conversation_id": conversation_id, "content": content},
            headers=world.auth(*DESK),
            timeout=60,
        )

    return send


# --- Pushes WeChat never sent: stale or replayed timestamps, bad fields, a full disk (points 6, 7, 11) ---


class Pushes:
    """Signed (and, for a safe-mode account, encrypted) pushes of any XML, as the sandbox builds them,
    posted to the hub's callback URL; `resign` gives a push another signed timestamp."""

    def __init__(self, world: Any) -> None:
        self.world = world

    def of(self, appid: str, xml: str, openid: str = FOLLOWER) -> tuple[dict[str, str], bytes]:
        from console.sandbox.job_events import envelope

        return envelope(self.world.state, appid, openid, xml)

    def resign(self, appid: str, query: dict[str, str], body: bytes, timestamp: int) -> dict[str, str]:
        """The same push signed with the account's token at `timestamp`, as one who holds the token (or
        replays a captured query with a forged body) could do."""
        import xmltodict

        from console.wechat.callback import sign

        token = self.world.state.account(appid).token
        signed = {**query, "timestamp": str(timestamp)}
        signed["signature"] = sign(token, signed["timestamp"], signed["nonce"])
        if "msg_signature" in query:
            encrypt = xmltodict.parse(body)["xml"]["Encrypt"]
            signed["msg_signature"] = sign(token, signed["timestamp"], signed["nonce"], encrypt)
        return signed

    def post(self, appid: str, query: dict[str, str], body: bytes, timeout: float = 10) -> requests.Response:
        from urllib.parse import urlencode

        return requests.post(f"{self.world.hub_url}/wechat/{appid}?{urlencode(query)}", data=body, timeout=timeout)

    def now(self) -> int:
        """WeChat's (the sandbox's) clock, which the hub's follows in tests."""
        return int(self.world.state.clock.now())


@pytest.fixture
def pushes(world: Any) -> Pushes:
    return Pushes(world)


class DiskLimit:
    """The hub's SQLite file cannot grow past its size while `full` (PRAGMA max_page_count, set on
    every connection the hub takes from its pool); `lock` holds SQLite's write lock from outside."""

    def __init__(self, world: Any) -> None:
        from sqlalchemy import event

        self.db = world.hub.db
        self.full = False
        self._holder: Any = None
        event.listen(self.db.engine, "checkout", self._limit)

    def _limit(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        cursor = dbapi_connection.cursor()
        # Below the file's size SQLite keeps the size: nothing can be added. Unset: SQLite's own limit.
        cursor.execute(f"PRAGMA max_page_count = {1 if self.full else 2**32 - 2}")
        cursor.execute("PRAGMA busy_timeout = 300")  # a locked file answers soon, not in 10 s
        cursor.close()

    def lock(self) -> None:
        import sqlite3

        self._holder = sqlite3.connect(self.db.path, isolation_level=None)
        self._holder.execute("BEGIN IMMEDIATE")

    def unlock(self) -> None:
        if self._holder is not None:
            self._holder.execute("ROLLBACK")
            self._holder.close()
            self._holder = None

    def close(self) -> None:
        from sqlalchemy import event

        self.unlock()
        self.full = False
        event.remove(self.db.engine, "checkout", self._limit)


@pytest.fixture
def disk_limit(world: Any) -> Iterator[DiskLimit]:
    limit = DiskLimit(world)
    yield limit
    limit.close()


class HubProcess:
    """`wxconsole hub` as its own process, as an office runs it: secrets in the encrypted file (no
    system keyring), WeChat at the given sandbox. `start` returns when the hub has printed its banner
    (imports and migrations done, about to start up and listen) and answers how long that took."""

    PASSPHRASE = "县里保险柜里的一段长口令 for tests"

    def __init__(self, tmp_path: Any, wechat_api: str) -> None:
        import os
        import socket

        from console.secrets.vault import KEY_ENV

        self.db = f"sqlite:///{tmp_path / 'hub-process.db'}"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.wechat_api = wechat_api
        self.env = {k: v for k, v in os.environ.items() if k != KEY_ENV}
        self.env.update(
            WXCONSOLE_HOME=str(tmp_path / "hub-home"),
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
            **{KEY_ENV: self.PASSPHRASE},
        )
        self.proc: Any = None
        self.output: list[str] = []

    def cli(self, args: list[str], stdin: str = "") -> Any:
        import subprocess
        import sys

        return subprocess.run(
            [sys.executable, "-m", "console.cli", *args],
            input=stdin,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start(self) -> float:
        import subprocess
        import sys
        import threading

        started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "console.cli", "hub", "--db", self.db, "--port", str(self.port)]
            + ["--wechat-api", self.wechat_api],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        banner = threading.Event()

        def read(stream: Any) -> None:
            for line in stream:
                self.output.append(line)
                if "wxconsole hub:" in line:
                    banner.set()

        threading.Thread(target=read, args=(self.proc.stdout,), daemon=True).start()
        if not banner.wait(60):
            self.stop()
            raise AssertionError("the hub never started:\n" + "".join(self.output))
        return time.monotonic() - started

    def healthy(self) -> bool:
        try:
            return requests.get(f"{self.url}/healthz", timeout=1).ok
        except requests.RequestException:
            return False

    def stop(self) -> str:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except Exception:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None
        return "".join(self.output)


@pytest.fixture
def sandbox_alone() -> Iterator[tuple[Any, str]]:
    """WeChat's stand-in on loopback, without a hub of this process: (its state, its URL)."""
    from console.runtime import ServerThread
    from console.sandbox import SandboxState, create_app

    servers = ServerThread("sandbox-alone")
    state = SandboxState()
    url = servers.serve(create_app(state))
    yield state, url
    servers.stop()


@pytest.fixture
def hub_process(tmp_path: Any, sandbox_alone: tuple[Any, str]) -> Iterator[HubProcess]:
    hub = HubProcess(tmp_path, sandbox_alone[1])
    yield hub
    hub.stop()


# --- Who sees what: a distinct marker in every kind of row of each account (point 2) ---------------------

import hashlib  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

from sqlalchemy import select  # noqa: E402

from console.audit import record  # noqa: E402
from console.publishing.demo_posts import cover_png  # noqa: E402
from console.sandbox.follower_messages import Image  # noqa: E402
from console.store.database import next_seq  # noqa: E402
from console.store.models import (  # noqa: E402
    Account,
    ChecklistItem,
    ChecklistRecord,
    Note,
    Post,
    ReplyRule,
    ReplyTemplate,
    ReviewItem,
    ReviewPolicy,
    Staff,
)
from console.workcal.hours import china_today  # noqa: E402

VISIBILITY_ADMIN = ("vis-admin", "管理员甲乙", (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR))


@dataclass
class MarkedAccount:
    """One account's marker and the ids of the rows and files that carry it."""

    appid: str
    marker: str
    conversation_id: int = 0
    image_message_id: int = 0
    evidence_sha: str = ""
    asset_sha: str = ""
    ids: dict[str, int] = field(default_factory=dict)


@pytest.fixture
def marked_accounts(world: Any) -> dict[str, MarkedAccount]:
    """The world's two accounts (SAFE_APPID 甲, PLAIN_APPID 乙), each with its own marker in a follower's
    message, a note, a template, a rule, a review policy and item, a post and its picture, a checklist
    item with a record and its evidence file, the 账号台账 and audit entries naming each of those rows;
    and a picture a follower sent. Keyed "甲" and "乙"."""
    from tests.conftest import PLAIN_APPID, SAFE_APPID

    admin = world.auth(*VISIBILITY_ADMIN)
    marked = {"甲": MarkedAccount(SAFE_APPID, "甲标记7d3f"), "乙": MarkedAccount(PLAIN_APPID, "乙标记9c1e")}
    for n, account in enumerate(marked.values()):
        marker = account.marker
        world.push(account.appid, f"oVISIBILITYfollower0000000{n}a", content=f"{marker} 我的身份证号是多少")
        world.push(account.appid, f"oVISIBILITYfollower0000000{n}b", message=Image())
        evidence = f"{marker} 佐证材料".encode()
        account.evidence_sha = hashlib.sha256(evidence).hexdigest()
        answer = requests.put(
            f"{world.hub_url}/api/evidence/{account.evidence_sha}",
            params={"name": "记录.txt"},
            data=evidence,
            headers=admin,
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        picture = cover_png() + marker.encode()
        account.asset_sha = hashlib.sha256(picture).hexdigest()
        answer = requests.put(
            f"{world.hub_url}/api/assets/{account.asset_sha}", data=picture, headers=admin, timeout=30
        )
        assert answer.status_code == 200, answer.text
        with world.hub.db.session() as session:
            row = session.scalar(select(Account).where(Account.appid == account.appid))
            assert row is not None
            author = session.scalar(select(Staff).where(Staff.login == VISIBILITY_ADMIN[0]))
            assert author is not None
            texts = [
                m
                for m in session.query(Message).filter(Message.account_id == row.id).order_by(Message.id).all()
                if m.direction == "in"
            ]
            account.conversation_id = texts[0].conversation_id
            account.image_message_id = next(m.id for m in texts if m.msg_type == "image")
            note = Note(conversation_id=account.conversation_id, author_name="同事", body=f"{marker} 内部备注")
            template = ReplyTemplate(account_id=row.id, title=f"{marker} 模板", body=f"{marker} 模板正文")
            rule = ReplyRule(account_id=row.id, name=f"{marker} 规则", keywords=[marker], reply={"text": marker})
            policy = ReviewPolicy(account_id=row.id, replies="labels", labels=[marker])
            item = ReviewItem(
                kind="reply",
                account_id=row.id,
                conversation_id=account.conversation_id,
                author_id=author.id,
                author_name=author.name,
                content=f"{marker} 待审回复",
            )
            post = Post(
                account_id=row.id,
                title=f"{marker} 图文",
                articles=[
                    {
                        "title": f"{marker} 图文",
                        "content": f'<p>{marker}</p><img src="asset:{account.asset_sha}">',
                        "cover": f"asset:{account.asset_sha}",
                    }
                ],
            )
            check = ChecklistItem(account_id=row.id, title=f"{marker} 检查项")
            session.add_all([note, template, rule, policy, item, post, check])
            session.flush()
            done = ChecklistRecord(
                item_id=check.id,
                account_id=row.id,
                done_on=china_today(world.hub.clock()),
                done_by="王芳",
                note=f"{marker} 完成说明",
                evidence=[{"kind": "file", "ref": f"evidence:{account.evidence_sha}", "name": "记录.txt"}],
            )
            session.add(done)
            row.register = {"unit": f"{marker} 责任单位", "owner": "陈建国"}
            for synced in (note, template, rule, policy, item, post, check, done, row):
                synced.seq = next_seq(session)
            session.flush()
            account.ids = {"note": note.id, "template": template.id, "rule": rule.id, "post": post.id}
            for target in (
                f"conversation:{account.conversation_id}",
                f"review:{item.id}",
                f"post:{post.id}",
                f"checklist:{check.id}",
                f"template:{template.id}",
                f"rule:{rule.id}",
                f"account:{account.appid}",
                f"policy:{account.appid}",
            ):
                record(session, "someone", "send", target, after={"text": f"{marker} 审计"})
    return marked
