"""The room: its code, who holds which seat, and how fast a phone may send.

The room code is the secret every request carries (in the address the QR code gives).
A phone that picks a seat gets a seat key, kept by its browser, so a reloaded or woken
phone takes its seat back; nobody else can act for that seat. All of this lives on the
server's thread.
"""

from __future__ import annotations

import hmac
import re
import secrets
import time
from collections.abc import Callable
from typing import Any

import attrs

# No 0/O, 1/I/L: a code read off a TV and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8: about 40 bits, against at most `FAILURES_ALLOWED` tries a minute
FAILURES_ALLOWED = 20  # wrong codes from one address before it waits a minute
FAILURE_WINDOW = 60.0
# A phone's own pace: far above any person's taps, and the load test's 50 a second.
RATE_PER_SECOND = 80.0
RATE_BURST = 160.0


SAVED_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")  # as `secrets.token_urlsafe(24)` makes them
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


class Room:
    def __init__(self, code: str | None = None, clock: Callable[[], float] = time.monotonic):
        self.code = code or new_code()
        self.clock = clock
        self.keys: dict[int, str] = {}  # seat -> the key its phone holds
        self.holders: dict[int, object] = {}  # seat -> the live connection that holds it
        self.failures: dict[str, list[float]] = {}  # address -> times of wrong codes

    # ------------------------------------------------------------ the code

    def admits(self, typed: str, address: str) -> bool:
        """Whether `typed` is the room's code; too many wrong ones and the address waits."""
        now = self.clock()
        recent = [t for t in self.failures.get(address, ()) if now - t < FAILURE_WINDOW]
        if len(recent) >= FAILURES_ALLOWED:
            self.failures[address] = recent
            return False
        if hmac.compare_digest(normal_code(typed).encode(), self.code.encode()):
            return True
        recent.append(now)
        self.failures[address] = recent
        if len(self.failures) > 1024:  # a flood of addresses: forget the oldest
            self.failures.pop(next(iter(self.failures)))
        return False

    # ------------------------------------------------------------ seats

    def join(self, seat: int, connection: object) -> str | None:
        """A new key for `seat` if no live phone holds it (the old key stops working)."""
        if seat in self.holders and self.holders[seat] is not connection:
            return None
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
        return {"code": self.code, "keys": {str(s): k for s, k in dict(self.keys).items()}}

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
        room = cls(code)
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

    def forget_seats(self) -> None:
        """A new game: other people may sit where; every key stops working."""
        self.keys.clear()
        self.holders.clear()
