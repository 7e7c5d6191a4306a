"""The room: its code, who holds which seat, and how fast a phone may send.

The room code is the secret every request carries (in the address the QR code gives).
A phone that picks a seat gets a seat key, kept by its browser, so a reloaded or woken
phone takes its seat back; nobody else can act for that seat. All of this lives on the
server's thread.

Guessing the code: 31**8 codes (about 8.5e11). Wrong codes are limited per address
(`FAILURES_ALLOWED` a minute) and across all addresses together (`FAILURES_ALL` a minute),
so a stranger with as many addresses as they like tries at most 120 codes a minute: all
of them would take 13,500 years, and an evening of six hours gives one chance in 20
million. An address that once gave the right code (a phone at the table) is never held
up and never counted: it already knows the code.
"""

from __future__ import annotations

import enum
import hmac
import re
import secrets
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import attrs

# No 0/O, 1/I/L: a code read off a TV and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8: about 40 bits, against at most `FAILURES_ALL` tries a minute
FAILURES_ALLOWED = 10  # wrong codes from one address before it waits a minute
FAILURES_ALL = 120  # wrong codes from all addresses together before new ones wait a minute
FAILURE_WINDOW = 60.0
ADDRESSES_KEPT = 4096  # addresses whose wrong codes are remembered (the oldest go first)
KNOWN_KEPT = 256  # addresses that gave the right code, remembered for the evening
# Seat changes (a phone taking a seat or moving to another): each is saved with the game,
# so one page may make SEAT_BURST at once and then one every two seconds.
SEAT_CHANGES_PER_SECOND = 0.5
SEAT_BURST = 6.0
# A phone's own pace: far above any person's taps, and the load test's 50 a second.
RATE_PER_SECOND = 80.0
RATE_BURST = 160.0


SAVED_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")  # as `secrets.token_urlsafe(24)` makes them
# The QR code carries a pass beside the room code: 128 random bits that no one guesses, so a
# phone that scanned it is let in at once even while strangers' wrong codes hold the typed
# code back (a limit on a 40-bit code must refuse someone; never the pass).
PASS = re.compile(r"[A-Za-z0-9_-]{22}")
SAVED_SEATS = 12  # the most players a game has


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(typed: str) -> str:
    """A code as typed on a phone: any case, with or without the dash."""
    return typed.replace("-", "").upper()


def shown_code(code: str) -> str:
    """The code as the TV shows it: two groups of four."""
    return f"{code[:4]}-{code[4:]}"


@attrs.define
class Bucket:
    """A token bucket: `take` is True while the phone keeps to its pace."""

    rate: float = RATE_PER_SECOND
    burst: float = RATE_BURST
    tokens: float = RATE_BURST
    at: float = attrs.field(factory=time.monotonic)

    def take(self, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


def could_be_code(typed: str) -> bool:
    """Whether `typed` has a code's shape (a favicon.ico is not a guess)."""
    code = normal_code(typed)
    return len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code)


class Entry(enum.Enum):
    """What a request's code gets: the room, a wrong code, or a wait (not checked)."""

    OPEN = "open"
    WRONG = "wrong"
    WAIT = "wait"


class Room:
    def __init__(
        self,
        code: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        pass_: str | None = None,
    ):
        self.code = code or new_code()
        self.pass_ = pass_ or secrets.token_urlsafe(16)  # 22 characters
        self.clock = clock
        self.keys: dict[int, str] = {}  # seat -> the key its phone holds
        self.holders: dict[int, object] = {}  # seat -> the live connection that holds it
        self.failures: dict[str, list[float]] = {}  # address -> times of wrong codes
        self.all_failures: deque[float] = deque()  # times of wrong codes, every address
        self.known: dict[str, None] = {}  # addresses that gave the right code (oldest first)

    # ------------------------------------------------------------ the code

    def admits(self, typed: str, address: str) -> bool:
        return self.enter(typed, address) is Entry.OPEN

    def enter(self, typed: str, address: str, pass_: str = "") -> Entry:
        """Check `typed` against the room's code.

        The room's pass (the QR code's) with the right code always opens, and the address
        is then known. An address that gave the right code before is always checked. Any
        other waits (its code is not even compared) while it has sent `FAILURES_ALLOWED`
        wrong codes in the last minute, or all addresses together `FAILURES_ALL`.
        """
        right = hmac.compare_digest(normal_code(typed).encode(), self.code.encode())
        if right and pass_ and hmac.compare_digest(pass_.encode(), self.pass_.encode()):
            self._know(address)
            return Entry.OPEN
        if address in self.known:
            if right:  # kept as the newest
                del self.known[address]
                self.known[address] = None
            return Entry.OPEN if right else Entry.WRONG
        now = self.clock()
        while self.all_failures and now - self.all_failures[0] >= FAILURE_WINDOW:
            self.all_failures.popleft()
        recent = [t for t in self.failures.get(address, ()) if now - t < FAILURE_WINDOW]
        if len(recent) >= FAILURES_ALLOWED or len(self.all_failures) >= FAILURES_ALL:
            self.failures[address] = recent
            return Entry.WAIT
        if right:
            self._know(address)
            return Entry.OPEN
        recent.append(now)
        self.all_failures.append(now)
        self.failures.pop(address, None)
        self.failures[address] = recent  # the newest last: the oldest are forgotten first
        if len(self.failures) > ADDRESSES_KEPT:  # forgetting one costs nothing:
            self.failures.pop(next(iter(self.failures)))  # `FAILURES_ALL` still holds
        return Entry.WRONG

    def _know(self, address: str) -> None:
        self.known.pop(address, None)
        self.known[address] = None  # the newest last: the oldest are forgotten first
        if len(self.known) > KNOWN_KEPT:
            self.known.pop(next(iter(self.known)))

    # ------------------------------------------------------------ seats

    def join(self, seat: int, connection: object) -> str | None:
        """A new key for `seat` if no live phone holds it (the old key stops working).
        The connection that holds it already keeps its key: nothing changes."""
        if seat in self.holders and self.holders[seat] is not connection:
            return None
        if self.holders.get(seat) is connection:
            return self.keys[seat]
        self.release(connection)
        key = secrets.token_urlsafe(24)
        self.keys[seat] = key
        self.holders[seat] = connection
        return key

    def rejoin(self, seat: int, key: str, connection: object) -> object | None | bool:
        """Take a seat back with its key. False: wrong key. Else the connection it replaces
        (None if none was live), which the server closes."""
        held = self.keys.get(seat)
        if held is None or not hmac.compare_digest(held.encode(), key.encode()):
            return False
        self.release(connection)
        previous = self.holders.get(seat)
        self.holders[seat] = connection
        return previous if previous is not connection else None

    def changes(self, seat: int, connection: object) -> bool:
        """Whether `connection` taking `seat` would change who sits where."""
        return self.holders.get(seat) is not connection

    def seat_of(self, connection: object) -> int | None:
        return next((s for s, c in self.holders.items() if c is connection), None)

    def release(self, connection: object) -> None:
        """The connection went away: its seat is free to be taken again (its key still works)."""
        for seat in [s for s, c in self.holders.items() if c is connection]:
            del self.holders[seat]

    # ------------------------------------------------------------ kept with the game

    def saved(self) -> dict[str, Any]:
        """The code and the seats' keys, kept in the save: after a crash the game's room
        opens again at the same address and each phone takes its seat back by itself."""
        keys = {str(s): k for s, k in dict(self.keys).items()}
        return {"code": self.code, "pass": self.pass_, "keys": keys}

    @classmethod
    def from_saved(cls, saved: object) -> Room | None:
        """The room a save kept, or None when there is none or any part of it is wrong."""
        if not isinstance(saved, dict):
            return None
        code, keys = saved.get("code"), saved.get("keys")
        if not (
            isinstance(code, str)
            and len(code) == CODE_LENGTH
            and all(c in CODE_ALPHABET for c in code)
            and isinstance(keys, dict)
            and len(keys) <= SAVED_SEATS
        ):
            return None
        pass_ = saved.get("pass")
        if pass_ is not None and not (isinstance(pass_, str) and PASS.fullmatch(pass_)):
            return None
        room = cls(code, pass_=pass_)  # an older save kept no pass: a new one
        for seat, key in keys.items():
            if not (
                isinstance(seat, str)
                and seat.isascii()
                and seat.isdigit()
                and int(seat) < SAVED_SEATS
                and isinstance(key, str)
                and SAVED_KEY.fullmatch(key)
            ):
                return None
            room.keys[int(seat)] = key
        return room
