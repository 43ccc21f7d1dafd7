"""Articles from a desk to WeChat through the real hub and the sandbox: saved, reviewed, put in WeChat's
draft box (pictures uploaded once) and kept in sync on edit, published and followed to success or to
failure, mass-sent once even when the answer is lost, refused past WeChat's 群发 quota before any call,
and published once after the hub was down (or left for a person when it is too late)."""

from __future__ import annotations

import hashlib
import struct
import time
import uuid
import zlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import requests
from sqlalchemy import select

from console.store.models import AuditEntry, Post, PostState, Role
from console.timeutil import iso
from tests.conftest import PLAIN_APPID, SAFE_APPID

OPERATOR = ("wangfang", "王芳", (Role.OPERATOR,))
SUPERVISOR = ("liqiang", "李强", (Role.OPERATOR, Role.SUPERVISOR))
SECOND = ("zhaomin", "赵敏", (Role.OPERATOR, Role.SUPERVISOR))
ADMIN = ("admin1", "管理员", (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR))


def png(seed: int) -> bytes:
    """A real 2×2 PNG whose pixels depend on `seed` (so each has its own SHA-256)."""
    raw = b"".join(b"\x00" + bytes([seed % 256, 40, 90] * 2) for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def command(world, who, kind, args, command_id=None) -> requests.Response:
    return requests.post(
        f"{world.hub_url}/api/commands",
        json={"command_id": command_id or uuid.uuid4().hex, "kind": kind, "conversation_id": 0, "args": args},
        headers=world.auth(*who),
        timeout=30,
    )


def upload(world, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    answer = requests.put(f"{world.hub_url}/api/assets/{sha}", data=data, headers=world.auth(*OPERATOR), timeout=30)
    assert answer.status_code == 200, answer.text
    return f"asset:{sha}"


def article(world, title: str, seed: int = 1) -> dict[str, Any]:
    cover, picture = upload(world, png(seed)), upload(world, png(seed + 100))
    return {
        "title": title,
        "author": "县融媒体中心",
        "digest": "",
        "cover": cover,
        "body": f'<p>{title}的正文。</p><p><img src="{picture}"></p>',
        "original": False,
        "source_url": "",
        "comments": True,
    }


def post(world, post_id: int) -> Post:
    with world.hub.db.session() as session:
        found = session.get(Post, post_id)
        assert found is not None
        session.expunge(found)
        return found


def sandbox(world, what: str, appid: str = SAFE_APPID) -> list[dict[str, Any]]:
    answer = requests.get(f"{world.sandbox_url}/sandbox/{what}", params={"appid": appid}, timeout=10)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    return data if isinstance(data, list) else data.get(what, data.get("items", []))


def wait_for(check: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def run(world) -> None:
    world.hub.publisher.run_once()


def approved_post(
    world,
    title: str = "县人社局关于城乡居民养老保险集中缴费的通知",
    appid: str = SAFE_APPID,
    mode: str = "publish",
    seed: int = 1,
) -> int:
    for who in (OPERATOR, SUPERVISOR, ADMIN):
        world.staff(*who)
    saved = command(
        world, OPERATOR, "post_save", {"account": appid, "articles": [article(world, title, seed)], "mode": mode}
    )
    assert saved.status_code == 200, saved.text
    post_id = saved.json()["result"]["post_id"]
    submitted = command(world, OPERATOR, "post_submit", {"post_id": post_id})
    assert submitted.status_code == 200, submitted.text
    item_id = submitted.json()["result"]["review_item"]
    approved = command(world, SUPERVISOR, "review_approve", {"item_id": item_id, "level": 1})
    assert approved.status_code == 200, approved.text
    assert post(world, post_id).state == PostState.APPROVED
    return post_id


def test_draft_created_then_updated_when_the_post_changes(world):
    post_id = approved_post(world)
    run(world)
    queued = post(world, post_id)
    assert queued.state == PostState.QUEUED and queued.wechat_media_id
    drafts = sandbox(world, "drafts")
    assert [d["media_id"] for d in drafts] == [queued.wechat_media_id]
    first = drafts[0]["content"]["news_item"][0]
    assert "127.0.0.1" in first["content"] and "asset:" not in first["content"]  # pictures by WeChat's URL
    # The author edits: it goes back through review, and WeChat's draft is updated in place, not duplicated.
    changed = article(world, "县人社局关于城乡居民养老保险集中缴费的通知（更正）")
    saved = command(
        world, OPERATOR, "post_save", {"post_id": post_id, "articles": [changed], "base_version": queued.version}
    )
    assert saved.json()["result"]["back_to_draft"] is True
    assert post(world, post_id).state == PostState.DRAFT
    item_id = command(world, OPERATOR, "post_submit", {"post_id": post_id}).json()["result"]["review_item"]
    command(world, SUPERVISOR, "review_approve", {"item_id": item_id, "level": 1})
    run(world)
    again = post(world, post_id)
    assert again.state == PostState.QUEUED and again.wechat_media_id == queued.wechat_media_id
    drafts = sandbox(world, "drafts")
    assert len(drafts) == 1
    items = drafts[0]["content"]["news_item"]
    assert items[0]["title"].endswith("（更正）")


def test_publish_followed_to_success(world):
    post_id = approved_post(world)
    run(world)
    answer = command(world, OPERATOR, "post_publish_now", {"post_id": post_id})
    assert answer.status_code == 200, answer.text
    run(world)
    assert post(world, post_id).state in (PostState.PUBLISHING, PostState.PUBLISHED)
    wait_for(lambda: post(world, post_id).state == PostState.PUBLISHED)  # the PUBLISHJOBFINISH event
    done = post(world, post_id)
    assert done.article_urls and done.article_urls[0].startswith("http")
    assert len(sandbox(world, "published")) == 1
    with world.hub.db.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.target == f"post:{post_id}"))]
    assert "publish_now" in actions and "published" in actions


def test_publish_followed_to_failure_by_polling_when_no_event_comes(world):
    post_id = approved_post(world)
    run(world)
    requests.post(f"{world.sandbox_url}/sandbox/jobs", json={"events": False}, timeout=10).raise_for_status()
    requests.post(
        f"{world.sandbox_url}/sandbox/faults", json={"appid": SAFE_APPID, "publish_status": 3}, timeout=10
    ).raise_for_status()
    command(world, OPERATOR, "post_publish_now", {"post_id": post_id})
    run(world)
    assert post(world, post_id).state == PostState.PUBLISHING
    time.sleep(0.6)  # the sandbox's job finishes; no event reaches the hub
    world.hub.publisher.poll_after = timedelta(0)
    run(world)
    failed = post(world, post_id)
    assert failed.state == PostState.FAILED
    assert "审核未通过" in (failed.error_text or "")


def test_a_mass_send_whose_answer_was_lost_is_sent_once(world):
    post_id = approved_post(world, mode="mass")
    run(world)
    requests.post(
        f"{world.sandbox_url}/sandbox/faults", json={"drop": "/cgi-bin/message/mass/sendall"}, timeout=10
    ).raise_for_status()
    command(world, OPERATOR, "post_publish_now", {"post_id": post_id, "mode": "mass"})
    run(world)  # WeChat sends, the answer never arrives
    run(world)  # the next pass asks again with the same clientmsgid: WeChat answers with the first send
    wait_for(lambda: post(world, post_id).state == PostState.PUBLISHED)
    sends = sandbox(world, "mass")
    done = post(world, post_id)
    assert len(sends) == 1 and sends[0]["clientmsgid"] == done.clientmsgid
    assert done.msg_id == str(sends[0]["msg_id"])
    with world.hub.db.session() as session:
        starts = session.scalars(
            select(AuditEntry).where(AuditEntry.target == f"post:{post_id}", AuditEntry.action == "publish_start")
        ).all()
    assert len(starts) == 1  # claimed once; the retry was the same send, not a new one


def test_the_second_mass_send_of_a_day_is_refused_before_any_call(world):
    first = approved_post(world, "第一篇", mode="mass", seed=1)
    second = approved_post(world, "第二篇", mode="mass", seed=2)
    tomorrow = world.hub.clock() + timedelta(days=1)
    at = tomorrow.replace(hour=2, minute=0, second=0, microsecond=0)  # 10:00 China time
    ok = command(world, OPERATOR, "post_schedule", {"post_id": first, "scheduled_at": iso(at), "mode": "mass"})
    assert ok.status_code == 200, ok.text
    refused = command(
        world,
        OPERATOR,
        "post_schedule",
        {"post_id": second, "scheduled_at": iso(at + timedelta(hours=6)), "mode": "mass"},
    )
    assert refused.status_code == 422
    assert "每天" in refused.json()["error"] and "发布" in refused.json()["error"]
    assert post(world, second).scheduled_at is None
    # Published instead (发布 takes no quota), the same day is fine.
    fine = command(
        world,
        OPERATOR,
        "post_schedule",
        {"post_id": second, "scheduled_at": iso(at + timedelta(hours=6)), "mode": "publish"},
    )
    assert fine.status_code == 200, fine.text
    assert sandbox(world, "mass") == []


def test_a_service_account_plans_four_mass_sends_a_month(world):
    ids = [approved_post(world, f"第{n}篇", appid=PLAIN_APPID, mode="mass", seed=n) for n in range(1, 6)]
    start = world.hub.clock() + timedelta(days=1)
    answers = []
    for n, post_id in enumerate(ids):
        at = start + timedelta(hours=n)
        answers.append(
            command(world, OPERATOR, "post_schedule", {"post_id": post_id, "scheduled_at": iso(at), "mode": "mass"})
        )
    codes = [a.status_code for a in answers]
    month_end = (start + timedelta(hours=8 + 4)).month != (start + timedelta(hours=8)).month
    if not month_end:  # the five fall in one China month
        assert codes == [200, 200, 200, 200, 422]
        assert "每月" in answers[-1].json()["error"] or "4" in answers[-1].json()["error"]


def _schedule_soon(world, post_id: int, minutes: int = 5) -> None:
    at = world.hub.clock() + timedelta(minutes=minutes)
    answer = command(world, OPERATOR, "post_schedule", {"post_id": post_id, "scheduled_at": iso(at)})
    assert answer.status_code == 200, answer.text


def test_scheduled_while_the_hub_was_down_is_published_once_when_it_is_back(world):
    post_id = approved_post(world)
    run(world)
    _schedule_soon(world, post_id)
    world.stop_hub()
    world.advance_clock(40 * 60)  # 35 minutes late: within the account's grace (2 hours by default)
    world.start_hub()  # its first pass catches up
    wait_for(lambda: post(world, post_id).state == PostState.PUBLISHED, seconds=15)
    assert len(sandbox(world, "published")) == 1
    world.stop_hub()
    world.start_hub()
    time.sleep(0.5)
    run(world)
    assert len(sandbox(world, "published")) == 1  # never twice


def test_too_late_waits_for_a_person_then_goes_once(world):
    post_id = approved_post(world)
    run(world)
    _schedule_soon(world, post_id)
    world.stop_hub()
    world.advance_clock(5 * 3600)
    world.start_hub()
    wait_for(lambda: post(world, post_id).state == PostState.UNSURE, seconds=15)
    assert "晚了" in (post(world, post_id).error_text or "")
    assert sandbox(world, "published") == []
    answer = command(world, OPERATOR, "post_decide", {"post_id": post_id, "decision": "publish_now"})
    assert answer.status_code == 200, answer.text
    run(world)
    wait_for(lambda: post(world, post_id).state == PostState.PUBLISHED)
    assert len(sandbox(world, "published")) == 1


def test_a_late_post_goes_when_the_account_says_publish_late(world):
    world.staff(*ADMIN)
    plan = {"slots": [{"days": [0, 1, 2, 3, 4, 5, 6], "time": "08:00"}], "late": "publish"}
    answer = command(world, ADMIN, "publishing_plan", {"account": SAFE_APPID, "plan": plan, "base_version": 1})
    assert answer.status_code == 200, answer.text
    post_id = approved_post(world)
    run(world)
    _schedule_soon(world, post_id)
    world.stop_hub()
    world.advance_clock(5 * 3600)
    world.start_hub()
    wait_for(lambda: post(world, post_id).state == PostState.PUBLISHED, seconds=15)


def test_urgent_article_jumps_the_queue_with_the_shortest_review(world):
    for who in (OPERATOR, SUPERVISOR, SECOND, ADMIN):
        world.staff(*who)
    policy = command(
        world,
        ADMIN,
        "review_policy",
        {"account": SAFE_APPID, "replies": "none", "article_levels": 3, "base_version": 0},
    )
    assert policy.status_code == 200, policy.text
    normal = command(world, OPERATOR, "post_save", {"account": SAFE_APPID, "articles": [article(world, "常规稿", 3)]})
    normal_id = normal.json()["result"]["post_id"]
    command(world, OPERATOR, "post_submit", {"post_id": normal_id})
    rumour = command(
        world, OPERATOR, "post_save", {"account": SAFE_APPID, "articles": [article(world, "辟谣：网传停水消息不实", 4)]}
    )
    rumour_id = rumour.json()["result"]["post_id"]
    submitted = command(world, OPERATOR, "post_submit", {"post_id": rumour_id, "urgent": True})
    assert submitted.status_code == 200, submitted.text
    result = submitted.json()["result"]
    assert result["levels"] == 2 and result["urgent"] is True  # the urgent lane: one level fewer than three
    from console.review import queue
    from console.store.models import Staff

    with world.hub.db.session() as session:
        reviewer = session.scalar(select(Staff).where(Staff.login == SUPERVISOR[0]))
        rows = queue.pending(session, reviewer, world.hub.clock())
        assert rows[0].urgent and rows[0].target_id == rumour_id  # first, though submitted last
        actions = [
            e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.target == f"post:{rumour_id}"))
        ]
    assert "urgent_submit" in actions
    command(world, SUPERVISOR, "review_approve", {"item_id": result["review_item"], "level": 1})
    command(world, SECOND, "review_approve", {"item_id": result["review_item"], "level": 2})
    run(world)
    now = command(world, OPERATOR, "post_publish_now", {"post_id": rumour_id})
    assert now.status_code == 200, now.text
    run(world)
    wait_for(lambda: post(world, rumour_id).state == PostState.PUBLISHED)


def test_a_stale_edit_is_kept_as_a_conflicted_copy(world):
    for who in (OPERATOR, SECOND):
        world.staff(*who)
    saved = command(world, OPERATOR, "post_save", {"account": SAFE_APPID, "articles": [article(world, "原稿", 5)]})
    post_id, base = saved.json()["result"]["post_id"], saved.json()["result"]["version"]
    mine = command(
        world,
        SECOND,
        "post_save",
        {"post_id": post_id, "base_version": base, "articles": [article(world, "赵敏改", 5)]},
    )
    assert mine.status_code == 200, mine.text
    assert mine.json()["result"].get("conflict") is None
    theirs = command(
        world,
        OPERATOR,
        "post_save",
        {"post_id": post_id, "base_version": base, "articles": [article(world, "王芳改", 5)]},
    )
    result = theirs.json()["result"]
    assert result["conflict"] is True and result["post_id"] != post_id
    assert post(world, post_id).title == "赵敏改"
    assert post(world, result["post_id"]).title.startswith("王芳改")


def test_a_blocked_word_stops_submission_and_a_forged_asset_is_refused(world):
    world.staff(*OPERATOR)
    text = article(world, "关于年度工作要点的说明", 6)
    text["body"] = "<p>本文件为内部资料，请勿外传。</p>"
    saved = command(world, OPERATOR, "post_save", {"account": SAFE_APPID, "articles": [text]})
    post_id = saved.json()["result"]["post_id"]
    refused = command(world, OPERATOR, "post_submit", {"post_id": post_id})
    assert refused.status_code == 422 and refused.json()["result"]["hits"]
    assert post(world, post_id).state == PostState.DRAFT
    data = png(77)
    wrong = "0" * 64
    answer = requests.put(f"{world.hub_url}/api/assets/{wrong}", data=data, headers=world.auth(*OPERATOR), timeout=10)
    assert answer.status_code == 422 and "不符" in answer.json()["error"]
    bad = requests.put(
        f"{world.hub_url}/api/assets/{hashlib.sha256(b'not a picture').hexdigest()}",
        data=b"not a picture",
        headers=world.auth(*OPERATOR),
        timeout=10,
    )
    assert bad.status_code == 422
