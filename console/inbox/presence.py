"""Who has which conversation open, and who is typing: the reply lock. It lives in the hub's memory
(seats report every few seconds; a seat that stops reporting lets go), because a lock that outlived a
crashed desktop would keep everyone else from answering.

The first seat to open a conversation holds it; others see who and cannot send over them unless they
take over deliberately, which moves the lock."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from console.refusal import NotApplicable

TTL = 20.0  # seconds a seat's report stays valid; desktops report every 5 s


@dataclass
class Seat:
    login: str
    name: str
    conversation_id: int | None
    typing: bool
    seen: float


@dataclass(frozen=True)
class Holder:
    login: str
    name: str
    typing: bool


class LockHeld(NotApplicable):
    def __init__(self, holder: Holder) -> None:
        doing = "正在输入回复" if holder.typing else "正在处理这个会话"
        super().__init__(
            f"{holder.name}{doing}。为避免重复回复，消息没有发出；如确需由您回复，请先“接管”（Ctrl+Shift+T）。"
        )
        self.holder = holder


class PresenceBoard:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._seats: dict[str, Seat] = {}
        self._holders: dict[int, str] = {}  # conversation id -> login
        self._lock = threading.Lock()
        self.version = 0

    def _expire(self) -> None:
        now = self._clock()
        for login in [login for login, seat in self._seats.items() if now - seat.seen > TTL]:
            self._leave(login)

    def _leave(self, login: str) -> None:
        seat = self._seats.pop(login, None)
        if seat is not None:
            self.version += 1
        for conversation_id in [c for c, holder in self._holders.items() if holder == login]:
            del self._holders[conversation_id]
            self._hand_on(conversation_id)

    def _hand_on(self, conversation_id: int) -> None:
        """When the holder leaves, the lock passes to another seat still looking at the conversation."""
        for seat in self._seats.values():
            if seat.conversation_id == conversation_id:
                self._holders[conversation_id] = seat.login
                return

    def report(self, login: str, name: str, conversation_id: int | None, typing: bool) -> bool:
        """A seat says what it has open. Returns True when anything others can see changed."""
        with self._lock:
            before = self.version
            self._expire()
            seat = self._seats.get(login)
            if seat is None or (seat.name, seat.conversation_id, seat.typing) != (name, conversation_id, typing):
                self.version += 1
            previous = seat.conversation_id if seat is not None else None
            self._seats[login] = Seat(
                login, name, conversation_id, typing and conversation_id is not None, self._clock()
            )
            if previous is not None and previous != conversation_id and self._holders.get(previous) == login:
                del self._holders[previous]
                self._hand_on(previous)
            if conversation_id is not None and conversation_id not in self._holders:
                self._holders[conversation_id] = login
            return self.version != before

    def leave(self, login: str) -> None:
        with self._lock:
            self._leave(login)

    def holder(self, conversation_id: int) -> Holder | None:
        with self._lock:
            self._expire()
            login = self._holders.get(conversation_id)
            seat = self._seats.get(login) if login else None
            return Holder(seat.login, seat.name, seat.typing) if seat else None

    def check(self, conversation_id: int, login: str | None, take_over: bool) -> None:
        """Raise LockHeld if another seat holds the conversation and this is not a deliberate take-over."""
        with self._lock:
            self._expire()
            holder = self._holders.get(conversation_id)
            if holder is None or holder == login:
                return
            if take_over and login is not None:
                self._holders[conversation_id] = login
                self.version += 1
                return
            seat = self._seats[holder]
        raise LockHeld(Holder(seat.login, seat.name, seat.typing))

    def take_over(self, conversation_id: int, login: str, name: str) -> None:
        with self._lock:
            self._expire()
            seat = self._seats.get(login)
            if seat is None:
                self._seats[login] = Seat(login, name, conversation_id, False, self._clock())
            self._holders[conversation_id] = login
            self.version += 1

    def snapshot(self) -> dict[str, object]:
        """What every desktop is told: per conversation, who holds it and who else is looking."""
        with self._lock:
            self._expire()
            conversations: dict[str, dict[str, object]] = {}
            for seat in self._seats.values():
                if seat.conversation_id is None:
                    continue
                entry = conversations.setdefault(str(seat.conversation_id), {"holder": None, "viewers": []})
                viewers = entry["viewers"]
                assert isinstance(viewers, list)
                viewers.append({"login": seat.login, "name": seat.name, "typing": seat.typing})
            for conversation_id, login in self._holders.items():
                seat = self._seats[login]
                entry = conversations.setdefault(str(conversation_id), {"holder": None, "viewers": []})
                entry["holder"] = {"login": seat.login, "name": seat.name, "typing": seat.typing}
            return {"version": self.version, "conversations": conversations}
