"""Who sees what (issue 13, point 2): a colleague restricted to account 甲 never receives a row, file,
panel, report, audit entry or command answer carrying account 乙's marker; an administrator receives
both; a colleague with no accounts receives neither; and a desk whose colleague loses 乙 drops 乙's
rows at the next sync (and gets them back when 乙 is given again)."""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import uuid
import zipfile
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select

from console.staff.directory import set_accounts
from console.store.database import open_database
from console.store.models import Draft, Role, Staff
from console.sync.client import HubClient
from console.sync.media import MediaCache
from console.sync.replica import Replica
from console.sync.wire import SYNCED, to_wire
from console.workcal.hours import china_today
from tests.conftest import PLAIN_APPID, SAFE_APPID

ADMIN = ("vis-admin", "管理员甲乙", (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.OPERATOR))
OPERATOR = ("vis-operator", "只管甲的编辑", (Role.OPERATOR,), [SAFE_APPID])
SUPERVISOR = ("vis-supervisor", "只管甲的审核", (Role.SUPERVISOR, Role.OPERATOR), [SAFE_APPID])
NOBODY = ("vis-nobody", "没有账号的编辑", (Role.OPERATOR,), [])
BOTH = ("vis-both", "管甲乙的编辑", (Role.OPERATOR,), [SAFE_APPID, PLAIN_APPID])


def get(world: Any, who: tuple[Any, ...], path: str, **params: str) -> requests.Response:
    return requests.get(f"{world.hub_url}{path}", params=params, headers=world.auth(*who), timeout=120)


def feed(world: Any, who: tuple[Any, ...]) -> str:
    """Every batch of the change feed from cursor 0, as text."""
    cursor, text = 0, []
    while True:
        answer = get(world, who, "/api/changes", cursor=str(cursor), limit="7")
        assert answer.status_code == 200, answer.text
        batch = answer.json()
        text.append(json.dumps(batch, ensure_ascii=False))
        if not batch["more"]:
            return "\n".join(text)
        assert batch["cursor"] > cursor
        cursor = batch["cursor"]


def quarter(world: Any) -> str:
    today = china_today(world.hub.clock())
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"


def report_text(world: Any, who: tuple[Any, ...], tmp_path: Path) -> str:
    """The quarterly report as a person reads it: the workbook's cells and the PDF's text."""
    texts = []
    answer = get(world, who, "/api/reports/quarterly", quarter=quarter(world), format="xlsx")
    assert answer.status_code == 200, answer.text
    with zipfile.ZipFile(io.BytesIO(answer.content)) as book:
        texts += [book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xml")]
    answer = get(world, who, "/api/reports/quarterly", quarter=quarter(world), format="pdf")
    assert answer.status_code == 200, answer.text
    pdf = tmp_path / f"{who[0]}.pdf"
    pdf.write_bytes(answer.content)
    texts.append(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    return "\n".join(texts)


def test_the_feed_carries_only_the_accounts_a_colleague_sees(world, marked_accounts):
    ours, theirs = marked_accounts["甲"].marker, marked_accounts["乙"].marker
    for who in (OPERATOR, SUPERVISOR):
        text = feed(world, who)
        assert ours in text and theirs not in text and PLAIN_APPID not in text
    everything = feed(world, ADMIN)
    assert ours in everything and theirs in everything
    nothing = feed(world, NOBODY)
    assert ours not in nothing and theirs not in nothing and SAFE_APPID not in nothing


def test_colleagues_are_listed_without_accounts_the_reader_does_not_see(world, marked_accounts):
    world.staff(*BOTH)
    answer = get(world, OPERATOR, "/api/changes", cursor="0", limit="2000").json()
    both = next(s for s in answer["staff"] if s["login"] == BOTH[0])
    assert both["accounts"] == [SAFE_APPID]  # a colleague to assign to, not a list of another desk's accounts
    assert answer["scope"] == {"all": False, "accounts": [SAFE_APPID]}
    answer = get(world, ADMIN, "/api/changes", cursor="0", limit="2000").json()
    assert next(s for s in answer["staff"] if s["login"] == BOTH[0])["accounts"] == [SAFE_APPID, PLAIN_APPID]
    assert answer["scope"]["all"] is True


def test_the_cursor_moves_past_rows_a_colleague_does_not_see(world, marked_accounts):
    """乙 keeps writing: 甲's desk is not woken with empty batches forever, and never rescans 乙's rows."""
    first = get(world, OPERATOR, "/api/changes", cursor="0", limit="2000").json()
    world.push(PLAIN_APPID, "oVISIBILITYlater000000000001", content="乙又来一条")
    later = get(world, OPERATOR, "/api/changes", cursor=str(first["cursor"]), wait="1").json()
    assert later["messages"] == [] and later["cursor"] > first["cursor"]
    assert not later["more"]


def test_media_evidence_and_pictures_of_another_account_are_unknown(world, marked_accounts):
    ours, theirs = marked_accounts["甲"], marked_accounts["乙"]
    for who in (OPERATOR, SUPERVISOR):
        assert get(world, who, f"/api/media/{ours.image_message_id}").status_code == 200
        assert get(world, who, f"/api/evidence/{ours.evidence_sha}").status_code == 200
        assert get(world, who, f"/api/assets/{ours.asset_sha}").status_code == 200
        for path in (
            f"/api/media/{theirs.image_message_id}",
            f"/api/evidence/{theirs.evidence_sha}",
            f"/api/assets/{theirs.asset_sha}",
        ):
            answer = get(world, who, path)
            assert answer.status_code == 404, path
            assert theirs.marker.encode() not in answer.content
    for path in (f"/api/media/{ours.image_message_id}", f"/api/evidence/{ours.evidence_sha}"):
        assert get(world, NOBODY, path).status_code == 404
    for account in (ours, theirs):
        assert get(world, ADMIN, f"/api/media/{account.image_message_id}").status_code == 200
        evidence = get(world, ADMIN, f"/api/evidence/{account.evidence_sha}")
        assert evidence.status_code == 200 and account.marker.encode() in evidence.content
        assert get(world, ADMIN, f"/api/assets/{account.asset_sha}").status_code == 200


def test_the_panel_and_the_quarterly_report_cover_only_the_accounts_seen(world, marked_accounts, tmp_path):
    ours, theirs = marked_accounts["甲"], marked_accounts["乙"]
    answer = get(world, SUPERVISOR, "/api/compliance")
    assert answer.status_code == 200
    assert [row["appid"] for row in answer.json()["panel"]] == [SAFE_APPID]
    assert get(world, SUPERVISOR, "/api/compliance", account=PLAIN_APPID).json()["panel"] == []
    assert get(world, NOBODY, "/api/compliance").json()["panel"] == []
    assert {row["appid"] for row in get(world, ADMIN, "/api/compliance").json()["panel"]} == {SAFE_APPID, PLAIN_APPID}

    text = report_text(world, SUPERVISOR, tmp_path)
    assert ours.marker in text  # 甲's register, checklist item and record are in it
    assert theirs.marker not in text and PLAIN_APPID not in text and "某县人社" not in text
    everything = report_text(world, ADMIN, tmp_path)
    assert ours.marker in everything and theirs.marker in everything


def test_the_audit_log_shows_a_supervisor_only_entries_about_their_accounts(world, marked_accounts):
    ours, theirs = marked_accounts["甲"].marker, marked_accounts["乙"].marker
    version = get(world, ADMIN, "/api/wordlists").json()["version"]
    saved = requests.put(
        f"{world.hub_url}/api/wordlists",
        json={"files": {}, "base_version": version},
        headers=world.auth(*ADMIN),
        timeout=30,
    )  # a change to the word lists, which everyone reads
    assert saved.status_code == 200, saved.text
    answer = get(world, SUPERVISOR, "/api/audit", limit="5000")
    assert answer.status_code == 200
    text = json.dumps(answer.json(), ensure_ascii=False)
    assert text.count(ours) == 8 and theirs not in text  # every entry naming a row of 甲, none of 乙
    targets = [entry["target"] for entry in answer.json()["entries"]]
    assert "wordlists" in targets
    everything = json.dumps(get(world, ADMIN, "/api/audit", limit="5000").json(), ensure_ascii=False)
    assert everything.count(ours) == 8 and everything.count(theirs) == 8
    assert get(world, OPERATOR, "/api/audit").status_code == 403


def test_word_lists_are_read_by_everyone(world, marked_accounts):
    for who in (OPERATOR, NOBODY):
        assert get(world, who, "/api/wordlists").status_code == 200


def test_a_refused_command_on_another_account_carries_nothing_of_it(world, marked_accounts):
    theirs = marked_accounts["乙"]
    answer = requests.post(
        f"{world.hub_url}/api/commands",
        json={
            "command_id": uuid.uuid4().hex,
            "kind": "note",
            "conversation_id": theirs.conversation_id,
            "args": {"body": "看看"},
        },
        headers=world.auth(*OPERATOR),
        timeout=30,
    )
    assert answer.status_code in (403, 404)
    assert theirs.marker not in answer.text and PLAIN_APPID not in answer.text


# --- a real desk replica, synced through the hub's API ---------------------------------------------------


def replica_text(replica: Replica) -> str:
    """Every row the desk holds (synced tables and its own drafts), as text."""
    with replica.db.session() as session:
        rows = [to_wire(row) for model in SYNCED for row in session.scalars(select(model))]
        rows += [{"draft": d.body} for d in session.scalars(select(Draft))]
    return json.dumps(rows, ensure_ascii=False)


async def pull(client: HubClient, replica: Replica) -> None:
    """Sync until caught up, as the desk's loop does: from the replica's cursor, which starts again from 0
    when an account was granted."""
    while True:
        batch = await client.changes(replica.cursor())
        await asyncio.to_thread(replica.apply, batch)
        if not batch["more"] and replica.cursor() == batch["cursor"]:
            return


def test_a_withdrawn_account_leaves_the_desk_at_the_next_sync(world, marked_accounts, tmp_path):
    ours, theirs = marked_accounts["甲"], marked_accounts["乙"]
    world.staff(*BOTH)
    db = open_database(f"sqlite:///{tmp_path / 'replica.db'}", durable=True)
    replica = Replica(db)
    token = world.token(*BOTH)
    pictures = MediaCache(tmp_path / "desk-media", world.hub_url, token=lambda: token)
    forgotten: list[int] = []

    def forget(message_ids: list[int]) -> None:
        forgotten.extend(message_ids)
        pictures.forget(message_ids)

    replica.on_withdrawn = forget

    def accounts(appids: list[str]) -> None:
        with world.hub.db.session() as session:
            staff = session.scalar(select(Staff).where(Staff.login == BOTH[0]))
            assert staff is not None
            set_accounts(session, staff.id, appids)

    async def scenario() -> None:
        client = HubClient(world.hub_url, token)
        try:
            await pull(client, replica)
            await pictures.fetch(theirs.image_message_id)  # the colleague opened 乙's follower's picture
            assert ours.marker in replica_text(replica) and theirs.marker in replica_text(replica)
            thread = replica.messages(theirs.conversation_id)
            with db.session() as session:  # the colleague was typing an answer to 乙's follower
                session.add(Draft(conversation_id=theirs.conversation_id, body=f"{theirs.marker} 草稿"))

            accounts([SAFE_APPID])
            await pull(client, replica)
            held = replica_text(replica)
            assert ours.marker in held and theirs.marker not in held and PLAIN_APPID not in held
            assert theirs.image_message_id in forgotten and ours.image_message_id not in forgotten
            assert pictures.cached(theirs.image_message_id) is None
            assert [appid for appid, _ in replica.account_list()] == [SAFE_APPID]

            accounts([SAFE_APPID, PLAIN_APPID])  # given back: 乙's older rows come again
            await pull(client, replica)
            assert theirs.marker in replica_text(replica)
            assert {appid for appid, _ in replica.account_list()} == {SAFE_APPID, PLAIN_APPID}
            assert replica.messages(theirs.conversation_id) == thread
        finally:
            await client.close()
            await pictures.close()

    try:
        asyncio.run(scenario())
    finally:
        db.dispose()
