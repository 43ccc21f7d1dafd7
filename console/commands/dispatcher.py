"""The one command path: every desk or script command is checked, authorized and applied here, once
per client-made id.

Order of work for one command (see console.commands.registry for the declarations):
1. the kind is known and its arguments match its schema (400);
2. the id: seen before with the same content from the same colleague → the first outcome again; seen
   with other content or from another colleague → 409;
3. the accounts it touches are found from the stored rows; the colleague's role and accounts allow it
   (console.staff.access), and a global row is written only by its declared roles (403);
4. the kind's declared checks; the base version of an edited row (409, or a 冲突副本 as declared);
5. the handler, in a savepoint; its audit entry; the command row with its fingerprint.
A refusal is kept as the command's outcome (a retry gets the same answer). A database that cannot keep
anything (disk full, locked) is `Unavailable`: nothing is applied and the desk keeps its command."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from console.commands.registry import REGISTRY, Call, CommandSpec
from console.refusal import BadInput, Conflict, Forbidden, Refused, Unavailable
from console.screening import Screener
from console.screening.gate import ScreenGate
from console.staff.access import Seat
from console.store.database import Database
from console.store.models import Account, Command, CommandState
from console.timeutil import utcnow

if TYPE_CHECKING:  # only passed through to the handlers
    from console.inbox.presence import PresenceBoard

log = logging.getLogger(__name__)
MIN_ID, MAX_ID = 8, 64
REUSED_ID = "这个操作编号已经用于另一项操作，本次操作没有执行。请刷新后重新操作；如反复出现，请联系管理员。"


@dataclass
class Outcome:
    state: str  # CommandState.APPLIED or REFUSED
    result: dict[str, Any] = field(default_factory=dict)
    deliver: int | None = None  # a reply's message id, to hand to WeChat after the commit
    fresh: bool = True  # False when this answers a retry
    status: int = 200  # the HTTP status the hub answers with
    wake_publisher: bool = False
    appids: tuple[str | None, ...] = ()  # the accounts the command touched (what its answer may carry)

    @property
    def error(self) -> str | None:
        return self.result.get("error") if self.state == CommandState.REFUSED else None

    @property
    def forbidden(self) -> bool:
        return self.status == 403


def fingerprint(kind: str, conversation_id: int, args: dict[str, Any]) -> str:
    text = json.dumps([kind, conversation_id, args], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def apply(
    db: Database,
    board: PresenceBoard,
    command_id: str,
    kind: str,
    conversation_id: int,
    args: dict[str, Any],
    seat: Seat,
    now: datetime | None = None,
    screener: Screener | None = None,
) -> Outcome:
    """Apply one command, or answer with the first outcome if this id was seen before. Raises BadInput
    (unknown kind, bad arguments, bad id), Conflict (a reused id) or Unavailable (nothing could be kept)."""
    spec = REGISTRY.get(kind)
    if spec is None:
        raise BadInput(f"不认识的操作“{str(kind)[:32]}”。请更新桌面端后再试。")
    if not isinstance(command_id, str) or not MIN_ID <= len(command_id) <= MAX_ID:
        raise BadInput(f"操作编号应为 {MIN_ID} 到 {MAX_ID} 个字符。")
    if isinstance(conversation_id, bool) or not isinstance(conversation_id, int) or not 0 <= conversation_id < 2**62:
        raise BadInput("会话编号应为不小于 0 的整数。")
    checked = spec.schema.check(args)
    mark = fingerprint(kind, conversation_id, checked)
    now = now or utcnow()
    try:
        return _apply_once(db, board, spec, command_id, conversation_id, checked, seat, now, screener, mark)
    except IntegrityError:
        # The same command arrived twice at once; the other copy won. Answer with its outcome.
        with db.session() as session:
            seen = _seen(session, command_id, seat, mark)
            if seen is None:
                raise
            return seen
    except OperationalError as exc:
        log.error("命令 %s（%s）无法保存：%s", command_id, kind, exc.orig)
        raise Unavailable(
            "服务端暂时无法保存这项操作（磁盘已满或数据库忙），操作没有执行，已保留在本机待发送。"
            "请稍后再试；如持续出现，请联系管理员检查服务端。"
        ) from exc


def preflight(
    db: Database, kind: str, conversation_id: int, args: dict[str, Any], seat: Seat, board: PresenceBoard
) -> None:
    """Would this colleague be allowed this command? For routes that must call WeChat before they can
    build the command (importing an account's auto-reply setup): raises the refusal, applies nothing."""
    spec = REGISTRY.get(kind)
    if spec is None:
        raise BadInput(f"不认识的操作“{str(kind)[:32]}”。")
    checked = spec.schema.check(args)
    with db.session() as session:
        gate = ScreenGate(None, seat.name, seat.login, "preflight", None)
        call = Call(session, seat, kind, "preflight", conversation_id, checked, utcnow(), gate, board)
        admit(spec, call)
        session.rollback()


def _seen(session: Session, command_id: str, seat: Seat, mark: str) -> Outcome | None:
    """The first outcome of a command already applied or refused, for a retry of the same command."""
    row = session.get(Command, command_id)
    if row is None:
        return None
    if row.seat != seat.login or (row.fingerprint is not None and row.fingerprint != mark):
        raise Conflict(REUSED_ID)
    result = dict(row.result or {})
    status = int(result.pop("status", 200 if row.state == CommandState.APPLIED else 422))
    return Outcome(row.state, result, fresh=False, status=status)


def _apply_once(
    db: Database,
    board: PresenceBoard,
    spec: CommandSpec,
    command_id: str,
    conversation_id: int,
    args: dict[str, Any],
    seat: Seat,
    now: datetime,
    screener: Screener | None,
    mark: str,
) -> Outcome:
    with db.session() as session:
        seen = _seen(session, command_id, seat, mark)
        if seen is not None:
            return seen
        gate = ScreenGate(screener, seat.name, seat.login, command_id, conversation_id or None)
        call = Call(session, seat, spec.kind, command_id, conversation_id, args, now, gate, board)
        keep: list[Any] = []
        try:
            with session.begin_nested():
                admit(spec, call)
                _versions(spec, call)
                result = spec.handler(call)
                if callable(spec.audit):
                    spec.audit(call, result)
            outcome = Outcome(
                CommandState.APPLIED,
                result,
                deliver=call.deliver,
                wake_publisher=call.wake_publisher,
                appids=call.target.appids,
            )
        except Refused as exc:
            keep = list(getattr(exc, "keep", []))
            result = {"error": str(exc), "forbidden": exc.forbidden, **exc.extra}
            outcome = Outcome(CommandState.REFUSED, result, status=exc.status, appids=call.target.appids)
        for row in keep:  # e.g. a 错敏词 block stays on record though nothing else was kept
            session.add(row)
        stored = dict(outcome.result)
        if outcome.status != 200:
            stored["status"] = outcome.status
        session.add(
            Command(
                command_id=command_id,
                kind=spec.kind,
                conversation_id=conversation_id or None,
                seat=seat.login,
                fingerprint=mark,
                state=outcome.state,
                result=stored,
                created_at=now,
            )
        )
    return outcome


def admit(spec: CommandSpec, call: Call) -> None:
    """Find what the command touches, then check role, accounts and the kind's declared checks: the
    whole permission decision, the same for applying a command and for asking whether one would be."""
    call.target = spec.locate(call.session, call.args, call.conversation_id)
    authorize(call.session, spec, call.seat, call.target.appids)
    for check in spec.checks:
        check(call)


def authorize(session: Session, spec: CommandSpec, seat: Seat, appids: tuple[str | None, ...]) -> None:
    """Role, then every account touched; a global row by the kind's global roles only."""
    if seat.is_system:
        return
    if not any(seat.has_role(role) for role in spec.roles):
        raise Forbidden(f"您的角色不能进行这项操作（需要{_role_words(spec.roles)}）。如需要，请联系管理员。")
    for appid in appids:
        if appid is None:
            if not any(seat.has_role(role) for role in spec.global_roles):
                raise Forbidden(
                    f"适用于所有公众号的内容只有{_role_words(spec.global_roles)}可以修改。请选择您负责的公众号，或联系管理员。"
                )
        elif not seat.may(appid):
            name = session.query(Account.name).filter(Account.appid == appid).scalar() or "这个公众号"
            raise Forbidden(f"您没有处理“{name}”的权限，请联系管理员。")


_ROLE_WORDS = {"operator": "运营人员", "supervisor": "审核人员", "administrator": "管理员"}


def _role_words(roles: frozenset[Any]) -> str:
    order = ["operator", "supervisor", "administrator"]
    return "或".join(_ROLE_WORDS[r] for r in order if any(role.value == r for role in roles))


def _versions(spec: CommandSpec, call: Call) -> None:
    versioning, row = spec.versioning, call.target.row
    if versioning is None or row is None:
        return
    base = call.args.get("base_version", call.args.get("base_seq"))
    if base is None:
        raise BadInput(f"修改或删除{versioning.what}时需要带上它的版本号。请更新桌面端后再试。")
    if int(base) == versioning.version(row):
        return
    if versioning.on_stale == "copy":  # the handler keeps it beside the colleague's, as a 冲突副本
        call.stale = True
        return
    raise Conflict(
        f"{versioning.what}已被同事修改过（您看到的是较早的版本），您的修改没有保存。请刷新查看最新内容后再改。",
        stale=True,  # the desk reloads what it shows (and keeps nothing it would save over the colleague's)
    )
