"""Seats played from somewhere else than the laptop: what the window asks of the phones.

The pygame window (game/ui) and the phones' server (game/phones) never import each other.
The window holds a `Remote` — the phones, as started by the composition root (game/cli.py
hands `run` the factory) — and knows it only by this protocol: where to join, who joined,
the game to follow, one pump a frame, and the closeness check asked on each phone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from game.table.closeness import ClosenessRound
from game.table.session import Session


class Remote(Protocol):
    @property
    def url(self) -> str: ...

    @property
    def address(self) -> str:
        """The address as the TV shows it: short enough to type (no http://)."""
        ...

    def qr(self) -> list[list[bool]]:
        """The QR code of the address, as rows of dark (True) and light modules."""
        ...

    def joined(self) -> list[str]:
        """The names of the players whose phone holds their seat now."""
        ...

    def held(self) -> frozenset[int]:
        """The seats a phone holds now."""
        ...

    def attach(self, session: Session) -> None:
        """Follow this game from now on (a new game, or one continued)."""
        ...

    def pump(self) -> int:
        """Apply what phones sent since the last frame, on the game's thread."""
        ...

    def pending(self) -> bool:
        """Whether a phone sent something since the last pump."""
        ...

    def ask_closeness(
        self, closeness: ClosenessRound, when: str, changed: Callable[[], None]
    ) -> None:
        """Ask the closeness check on each phone until `end_closeness`."""
        ...

    def end_closeness(self) -> None: ...

    def stop(self) -> None:
        """Stop listening; what phones chose is on disk before it returns."""
        ...


class RemoteFactory(Protocol):
    """Starts the phones (raises OSError when no port can be opened)."""

    def __call__(
        self,
        *,
        t: Callable[..., str],
        words: Callable[[], Any],
        colours: dict[str, str],
        port: int | None,
        saved_room: object | None,
    ) -> Remote: ...
