"""A web page cannot use the hub (issue 13, point 3 and the `/api/` half of point 6).

A page open in any colleague's browser can send requests to 127.0.0.1: a cross-site `text/plain` POST,
a request with its own Origin, or — through DNS rebinding — one whose Host is the attacker's name. Each
is tried here against the doors that matter (sign-in, first administrator, commands, the change feed),
on a real hub on loopback, and each must be refused in words with nothing changed. A desk (a plain
HTTP client: no Origin, JSON bodies, the hub's own address) keeps working. The first administrator
needs the setup code from the hub machine, once. Deep or huge JSON is a 4xx in words, never a 500."""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import stat
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from console.store.models import Note, Role, Staff
from tests.conftest import SAFE_APPID

ADMIN = ("guard-admin", "管理员甲", (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR))
FOLLOWER = "oGUARDfollower00000000000001"
EVIL = "http://evil.example"


def _port(world: Any) -> int:
    return int(world.hub_url.rsplit(":", 1)[1])


@pytest.fixture
def door(world: Any) -> Callable[..., requests.Response]:
    """One request to the hub's API, exactly as given (method, path, raw body, headers)."""

    def send(method: str, path: str, body: bytes | None = None, **headers: str) -> requests.Response:
        return requests.request(
            method,
            f"{world.hub_url}{path}",
            data=body,
            headers={k.replace("_", "-"): v for k, v in headers.items()},
            timeout=30,
        )

    return send


@pytest.fixture
def conversation_id(world: Any) -> int:
    world.push(SAFE_APPID, FOLLOWER, content="你好，想问一下办事时间")
    from tests.helpers import conversation_of

    return conversation_of(world, FOLLOWER).id


def _note(conversation_id: int) -> bytes:
    body = {"command_id": uuid.uuid4().hex, "kind": "note", "conversation_id": conversation_id, "args": {"body": "x"}}
    return json.dumps(body).encode()


def _notes(world: Any) -> int:
    with world.hub.db.session() as session:
        return int(session.scalar(select(func.count(Note.id))) or 0)


def _staff_count(world: Any) -> int:
    with world.hub.db.session() as session:
        return int(session.scalar(select(func.count(Staff.id))) or 0)


def _setup_code(world: Any) -> str:
    return world.hub.setup_code.read()


# --- what a page can send: every attack on every door -------------------------------------------------

ATTACKS: dict[str, Callable[[Any], dict[str, str]]] = {
    "cross-origin JSON": lambda w: {"Origin": EVIL, "Content_Type": "application/json"},
    "cross-site text/plain": lambda w: {"Origin": EVIL, "Content_Type": "text/plain", "Sec_Fetch_Site": "cross-site"},
    "text/plain without Origin": lambda w: {"Content_Type": "text/plain"},
    "form body": lambda w: {"Content_Type": "application/x-www-form-urlencoded"},
    "null origin (sandboxed page)": lambda w: {"Origin": "null", "Content_Type": "application/json"},
    "another port of localhost": lambda w: {
        "Origin": "http://localhost:3000",
        "Content_Type": "application/json",
        "Sec_Fetch_Site": "same-site",
    },
    "foreign Host": lambda w: {"Host": "intranet.example.gov.cn", "Content_Type": "application/json"},
    "DNS rebinding Host": lambda w: {"Host": f"evil.example:{_port(w)}", "Content_Type": "application/json"},
    "rebinding Host, right Origin for it": lambda w: {
        "Host": f"evil.example:{_port(w)}",
        "Origin": f"http://evil.example:{_port(w)}",
        "Content_Type": "application/json",
    },
    "loopback name, wrong port": lambda w: {"Host": "127.0.0.1:1", "Content_Type": "application/json"},
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_page_cannot_create_the_first_administrator(world, door, attack):
    code = _setup_code(world)
    body = json.dumps({"login": "mallory", "name": "某人", "password": "Attack-2026-x", "setup_code": code}).encode()
    answer = door("POST", "/api/first-admin", body, **ATTACKS[attack](world))
    assert answer.status_code in (403, 415), answer.text
    assert answer.json()["error"] and "Traceback" not in answer.text
    assert _staff_count(world) == 0 and _setup_code(world) == code  # nothing made, the code still unused


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_page_cannot_sign_in(world, door, attack):
    password = world.staff(*ADMIN)
    body = json.dumps({"login": ADMIN[0], "password": password}).encode()
    answer = door("POST", "/api/sign-in", body, **ATTACKS[attack](world))
    assert answer.status_code in (403, 415), answer.text
    assert "token" not in answer.json() and answer.json()["error"]


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_page_cannot_send_a_command_even_with_a_token(world, door, conversation_id, attack):
    headers = {**ATTACKS[attack](world), **world.auth(*ADMIN)}
    answer = door("POST", "/api/commands", _note(conversation_id), **headers)
    assert answer.status_code in (403, 415), answer.text
    assert _notes(world) == 0


FEED_ATTACKS = [a for a in ATTACKS if "text/plain" not in a and "form" not in a]  # a GET carries no body


@pytest.mark.parametrize("attack", FEED_ATTACKS)
def test_a_page_cannot_read_the_change_feed(world, door, attack):
    headers = {k: v for k, v in ATTACKS[attack](world).items() if k != "Content_Type"}
    answer = door("GET", "/api/changes?cursor=0", None, **headers, **world.auth(*ADMIN))
    assert answer.status_code == 403, answer.text
    assert "rows" not in answer.json() and answer.json()["error"]


def test_the_refusals_say_what_to_do_in_chinese(world, door):
    foreign = door("POST", "/api/sign-in", b"{}", Host="evil.example", Content_Type="application/json")
    assert foreign.status_code == 403 and "不是这台服务端的地址" in foreign.json()["error"]
    page = door("POST", "/api/sign-in", b"{}", Origin=EVIL, Content_Type="application/json")
    assert page.status_code == 403 and "不接受来自网页的请求" in page.json()["error"]
    text = door("POST", "/api/sign-in", b"{}", Content_Type="text/plain")
    assert text.status_code == 415 and "JSON" in text.json()["error"]


def test_five_cross_site_sign_ins_do_not_hold_the_administrator(world, door):
    password = world.staff(*ADMIN)
    for n in range(6):
        body = json.dumps({"login": ADMIN[0], "password": f"guess-{n}-wrong"}).encode()
        answer = door("POST", "/api/sign-in", body, Origin=EVIL, Content_Type="text/plain", Sec_Fetch_Site="cross-site")
        assert answer.status_code in (403, 415)
    mine = requests.post(f"{world.hub_url}/api/sign-in", json={"login": ADMIN[0], "password": password}, timeout=30)
    assert mine.status_code == 200 and mine.json()["token"]


# --- what a desk sends keeps working ------------------------------------------------------------------


def test_a_desk_is_still_served(world, door, conversation_id):
    password = world.staff(*ADMIN)
    for host in (f"127.0.0.1:{_port(world)}", f"localhost:{_port(world)}"):
        body = json.dumps({"login": ADMIN[0], "password": password}).encode()
        signed = door("POST", "/api/sign-in", body, Host=host, Content_Type="application/json; charset=utf-8")
        assert signed.status_code == 200, signed.text
    own_origin = door(
        "POST",
        "/api/commands",
        _note(conversation_id),
        Origin=world.hub_url,
        Content_Type="application/json",
        **world.auth(*ADMIN),
    )
    assert own_origin.status_code == 200, own_origin.text
    out = door("POST", "/api/sign-out", None, **world.auth(*ADMIN))  # no body at all: no type needed
    assert out.status_code == 200


def test_a_name_given_with_public_name_is_accepted(world, door):
    world.hub.public_names = ("hub.county.gov.cn",)  # as `wxconsole hub --public-name hub.county.gov.cn`
    password = world.staff(*ADMIN)
    body = json.dumps({"login": ADMIN[0], "password": password}).encode()
    behind_proxy = door("POST", "/api/sign-in", body, Host="hub.county.gov.cn", Content_Type="application/json")
    assert behind_proxy.status_code == 200, behind_proxy.text
    other = door("POST", "/api/sign-in", body, Host="hub.county.gov.cn.evil.example", Content_Type="application/json")
    assert other.status_code == 403


def test_uploads_refuse_page_types_and_take_the_desks(world, door):
    data = os.urandom(300 * 1024)  # larger than the hub's 256 KB default body limit
    sha = hashlib.sha256(data).hexdigest()
    auth = world.auth(*ADMIN)
    for kind in ("text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"):
        refused = door("PUT", f"/api/evidence/{sha}?name=a.pdf", data, Content_Type=kind, **auth)
        assert refused.status_code == 415 and "上传" in refused.json()["error"]
    taken = door("PUT", f"/api/evidence/{sha}?name=a.pdf", data, Content_Type="application/octet-stream", **auth)
    assert taken.status_code == 200 and taken.json()["ref"] == f"evidence:{sha}"
    page = door("PUT", f"/api/evidence/{sha}?name=a.pdf", data, Origin=EVIL, Content_Type="image/png", **auth)
    assert page.status_code == 403


def test_the_desks_client_uploads_with_a_type_the_hub_takes(world):
    import asyncio

    from console.sync.client import HubClient

    async def run() -> str:
        client = HubClient(world.hub_url, world.auth(*ADMIN)["Authorization"].removeprefix("Bearer "))
        try:
            return await client.put_evidence(b"%PDF-1.4 evidence", "检查记录.pdf")
        finally:
            await client.close()

    assert asyncio.run(run()).startswith("evidence:")


# --- the first administrator needs the code from the hub machine ----------------------------------------


def _first_admin(world: Any, code: str | None, login: str = "wangfang") -> requests.Response:
    body: dict[str, str] = {"login": login, "name": "王芳", "password": "Zhengwu-2026-a"}
    if code is not None:
        body["setup_code"] = code
    return requests.post(f"{world.hub_url}/api/first-admin", json=body, timeout=30)


def test_first_administrator_needs_the_setup_code_once(world):
    path = world.hub.setup_code.path
    code = _setup_code(world)
    assert code and path.parent == world.home
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # only the hub machine's user reads it
    for wrong in (None, "", "ABCD-EFGH-JKMN", code[:-1]):
        refused = _first_admin(world, wrong)
        assert refused.status_code == 403 and "请在服务端电脑上查看初始设置码" in refused.json()["error"]
        assert _staff_count(world) == 0
    made = _first_admin(world, code.lower().replace("-", " "))  # as typed off a screen
    assert made.status_code == 200, made.text
    assert "administrator" in made.json()["staff"]["roles"]
    assert not path.exists() and world.hub.setup_code.read() is None  # used up
    again = _first_admin(world, code, login="mallory")
    assert again.status_code in (403, 422) and _staff_count(world) == 1


def test_a_hub_that_has_an_administrator_keeps_no_code(world):
    from console.hub.serve import prepare_setup_code

    world.staff(*ADMIN)
    setup = prepare_setup_code(world.hub.db, world.hub.setup_code.path)  # as at the next start
    assert setup.read() is None and not setup.path.exists()


# --- bodies a parser must never choke on -----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/sign-in", "/api/first-admin", "/api/commands", "/api/presence"])
def test_deep_json_is_a_400_in_words_not_a_500(world, door, path):
    # 20,000 levels (within the 64 KB allowed before sign-in) is far past what Python's parser survives.
    for deep in (b"[" * 20_000 + b"]" * 20_000, b'{"a":' * 40 + b"1" + b"}" * 40, b"[" * 50_000):
        answer = door("POST", path, deep, Content_Type="application/json", **world.auth(*ADMIN))
        assert answer.status_code == 400, (path, answer.status_code, answer.text[:200])
        assert "层次太深" in answer.json()["error"]
    shallow_but_tricky = json.dumps({"login": "[" * 5000, "password": "{" * 5000}).encode()  # brackets in strings
    answer = door("POST", path, shallow_but_tricky, Content_Type="application/json", **world.auth(*ADMIN))
    assert answer.status_code < 500 and "层次太深" not in answer.text


@pytest.mark.parametrize(("path", "size"), [("/api/sign-in", 200 * 1024), ("/api/commands", 11 * 1024 * 1024)])
def test_huge_json_is_refused_in_words(world, door, path, size):
    huge = json.dumps({"login": "x", "password": "y", "padding": "a" * size}).encode()
    answer = door("POST", path, huge, Content_Type="application/json", **world.auth(*ADMIN))
    assert answer.status_code == 413 and "请求内容太大" in answer.json()["error"]


@pytest.mark.parametrize("body", [b"not json", b"\xff\xfe", b"[1, 2]", b'"text"', b"{"])
def test_unreadable_or_non_object_json_is_a_400(world, door, body):
    for path in ("/api/sign-in", "/api/commands"):
        answer = door("POST", path, body, Content_Type="application/json", **world.auth(*ADMIN))
        assert answer.status_code == 400, (path, body, answer.text)


@pytest.fixture
def fresh_hub_process(tmp_path: Any) -> Iterator[tuple[str, Any, queue.Queue[str]]]:
    """`wxconsole hub` as its own process on a brand-new database; its terminal lines in a queue."""
    import socket
    import subprocess
    import sys
    import threading

    from console.secrets.vault import KEY_ENV

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    db_path = tmp_path / "fresh" / "hub.db"
    db_path.parent.mkdir()
    env = {**os.environ, KEY_ENV: "county passphrase for tests", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "console.cli", "hub", "--db", f"sqlite:///{db_path}", "--port", str(port)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}", db_path, lines
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_wxconsole_hub_prints_the_setup_code_in_chinese(fresh_hub_process):
    base, db_path, lines = fresh_hub_process
    deadline, printed = time.monotonic() + 60, ""
    while "只有本机的这个用户可以读取" not in printed:  # the code, what it is for, and where it is kept
        assert time.monotonic() < deadline, printed
        try:
            printed += lines.get(timeout=1)
        except queue.Empty:
            continue
    code = re.search(r"初始设置码：([0-9A-Z-]+)", printed).group(1)
    path = db_path.with_name(db_path.name + ".setup-code")
    assert path.read_text(encoding="utf-8").strip() == code and str(path) in printed
    while True:  # the hub answers once it listens
        try:
            if requests.get(f"{base}/healthz", timeout=1).ok:
                break
        except requests.ConnectionError:
            assert time.monotonic() < deadline
            time.sleep(0.1)
    body = {"login": "wangfang", "name": "王芳", "password": "Zhengwu-2026-a", "setup_code": code}
    assert requests.post(f"{base}/api/first-admin", json=body, timeout=30).status_code == 200
    assert not path.exists()
