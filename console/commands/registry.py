"""Every command kind a desk or script may send, declared once: who may send it, which accounts it
touches, what arguments it takes, how its edits meet a colleague's, what goes on the record.

A feature registers its kinds next to its handlers (`register(CommandSpec(...))` at import time of its
`kinds.py` module). console.command_path imports them all and is where callers get `apply`; a new
module of kinds joins its list, and tests/security/test_command_matrix.py then asks for a sample.

The dispatcher (console.commands.dispatcher) reads the declaration and does, in this order and before
any handler runs: check the arguments, find the accounts from the stored rows (never trusting an
account a desk names when the row says otherwise), check role and accounts with console.staff.access,
run the declared checks, compare versions. A handler then only does its work: it never checks
permissions itself.

Declaring a kind:
- `roles`: any one of these roles may send it (never empty).
- `locate(session, args, conversation_id) -> Target`: the accounts touched and the row edited. A global
  row (a template or rule for every account) is `None` among the appids: readable by all, written only by
  the roles in `global_roles` (administrators unless declared otherwise).
- `schema`: console.commands.schema; unknown or mistyped arguments are a 400.
- `handler(call) -> dict`: the answer's `result`.
- `audit(call, result)`: writes the audit entry; `BY_HANDLER` where the handler writes it itself (it
  alone knows the before and after); None declared on purpose (a use count, a status change).
- `versioning`: for kinds that edit a stored row; an edit or delete must name its base version, and a
  stale one is refused (409) or handed to the handler as `call.stale` to keep as a 冲突副本.
- `checks`: further rules of who may do what to this row, run after role and account (e.g. only a
  reviewer removes a label the review policy names)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.commands.schema import Schema
from console.refusal import Forbidden, NotApplicable
from console.staff.access import Seat
from console.store.models import Account, Conversation, Role, Staff

if TYPE_CHECKING:
    from console.inbox.presence import PresenceBoard
    from console.screening.gate import ScreenGate

EVERYONE = frozenset(Role)
REVIEWERS = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})


@dataclass
class Target:
    """What a command touches, found from stored rows before the handler runs."""

    appids: tuple[str | None, ...]  # accounts touched; None is a global row
    row: Any = None  # the stored row edited or deleted (None: a new row, or nothing to version)
    conversation: Conversation | None = None


@dataclass
class Call:
    """One command on its way through the dispatcher; what a handler gets."""

    session: Session
    seat: Seat
    kind: str
    command_id: str
    conversation_id: int
    args: dict[str, Any]
    now: datetime
    gate: ScreenGate
    board: PresenceBoard
    target: Target = field(default_factory=lambda: Target(()))
    stale: bool = False  # an edit from an older version, to keep as a conflicted copy
    deliver: int | None = None  # a reply's message id, handed to WeChat after the commit
    wake_publisher: bool = False

    @property
    def staff(self) -> Staff:
        """The signed-in colleague's row; the hub's own process has none and may not use such kinds."""
        staff = self.session.get(Staff, self.seat.staff_id) if self.seat.staff_id is not None else None
        if staff is None:
            raise Forbidden("这项操作需要先登录。")
        return staff

    @property
    def author(self) -> str:
        return self.seat.name or "同事"

    @property
    def conversation(self) -> Conversation:
        if self.target.conversation is None:
            raise NotApplicable("找不到这个会话，可能已被删除。")
        return self.target.conversation


Locate = Callable[[Session, dict[str, Any], int], Target]
Handler = Callable[[Call], dict[str, Any]]
Audit = Callable[[Call, dict[str, Any]], None]
Check = Callable[[Call], None]
BY_HANDLER = "by handler"  # the handler writes the audit entry (with the before and after it alone knows)


@dataclass(frozen=True)
class Versioning:
    """How an edit of a stored row meets a colleague's: `on_stale` "refuse" (409 in words) or "copy"
    (the handler keeps it as a 冲突副本; declare it only on kinds that can). `version(row)` is the row's
    content version — moved only by an edit of that content, never by a use count, a review decision or a
    sync (`seq` moves for those, so it is not a version)."""

    on_stale: str
    version: Callable[[Any], int] = lambda row: int(row.version)
    what: str = "这项内容"

    def __post_init__(self) -> None:
        if self.on_stale not in ("refuse", "copy"):
            raise ValueError("on_stale is 'refuse' or 'copy'")


@dataclass(frozen=True)
class CommandSpec:
    kind: str
    roles: frozenset[Role]
    locate: Locate
    schema: Schema
    handler: Handler
    audit: Audit | str | None  # no default: a kind says what goes on the record, or that nothing does
    versioning: Versioning | None = None
    checks: tuple[Check, ...] = ()
    global_roles: frozenset[Role] = ADMINISTRATORS


REGISTRY: dict[str, CommandSpec] = {}


class RegistryError(TypeError):
    """A command kind declared wrong: the program stops at import, not in front of a colleague."""


def register(spec: CommandSpec) -> CommandSpec:
    if not spec.kind or len(spec.kind) > 32:
        raise RegistryError(f"command kind {spec.kind!r}: 1 to 32 characters")
    if spec.kind in REGISTRY and REGISTRY[spec.kind] is not spec:
        raise RegistryError(f"command kind {spec.kind!r} registered twice")
    if not spec.roles or not all(isinstance(role, Role) for role in spec.roles):
        raise RegistryError(f"command kind {spec.kind!r} declares no roles")
    if not callable(spec.locate) or not callable(spec.handler):
        raise RegistryError(f"command kind {spec.kind!r} needs a locate and a handler")
    if not isinstance(spec.schema, Schema):
        raise RegistryError(f"command kind {spec.kind!r} needs an argument schema")
    if spec.audit is not None and spec.audit != BY_HANDLER and not callable(spec.audit):
        raise RegistryError(f"command kind {spec.kind!r}: audit must be callable, BY_HANDLER or None")
    REGISTRY[spec.kind] = spec
    return spec


def registered(kinds: Iterable[str]) -> bool:
    return all(kind in REGISTRY for kind in kinds)


# ---- finding the accounts a command touches ----


def appid_of(session: Session, account_id: int | None) -> str | None:
    if account_id is None:
        return None
    appid = session.scalar(select(Account.appid).where(Account.id == account_id))
    if appid is None:
        raise NotApplicable("找不到这个公众号，可能已被删除。")
    return str(appid)


def known_appid(session: Session, appid: str | None, required: bool = True) -> str | None:
    """An account a desk names, checked to exist; None (a global row) when allowed and not named."""
    if appid in (None, ""):
        if required:
            raise NotApplicable("请选择公众号。")
        return None
    if session.scalar(select(Account.id).where(Account.appid == appid)) is None:
        raise NotApplicable(f"没有公众号 {appid}，请先在服务端登记这个账号。")
    return appid


def by_conversation(session: Session, args: dict[str, Any], conversation_id: int) -> Target:
    conversation = session.get(Conversation, conversation_id) if conversation_id > 0 else None
    if conversation is None:
        raise NotApplicable("找不到这个会话，可能已被删除。")
    return Target((conversation.account.appid,), conversation, conversation)


def by_account_arg(name: str = "account", required: bool = True) -> Locate:
    """The account a desk names in `args[name]`: for kinds that create or change account-wide things."""

    def locate(session: Session, args: dict[str, Any], conversation_id: int) -> Target:
        return Target((known_appid(session, args.get(name), required),))

    return locate


def by_row(
    model: type,
    id_arg: str,
    missing: str,
    claimed_arg: str | None = "account",
    required: bool = True,
    gone: Callable[[Any], bool] = lambda row: False,
) -> Locate:
    """The row `args[id_arg]` names (its account, from the row), plus any account the desk names for it
    (moving a row to another account touches both). Without an id, a new row in the named account."""

    def locate(session: Session, args: dict[str, Any], conversation_id: int) -> Target:
        row_id = args.get(id_arg)
        claimed = args.get(claimed_arg) if claimed_arg else None
        if row_id in (None, 0, ""):
            if required:
                raise NotApplicable(missing)
            return Target((known_appid(session, claimed, required=False),))
        row = session.get(model, int(row_id))
        if row is None or gone(row):
            raise NotApplicable(missing)
        appids: list[str | None] = [appid_of(session, row.account_id)]
        if claimed_arg and claimed_arg in args:
            moved = known_appid(session, claimed, required=False)
            if moved != appids[0]:
                appids.append(moved)
        return Target(tuple(appids), row)

    return locate


def no_account(session: Session, args: dict[str, Any], conversation_id: int) -> Target:
    """An office-wide command: a global row (written by `global_roles`)."""
    return Target((None,))
