"""Seats played from somewhere else than the laptop: what the window asks of the phones.

The pygame window (game/ui) and the phones' server (game/phones) never import each other.
The window holds a `Remote` — the phones, as started by the composition root (game/cli.py
hands `run` the factory, tied to the host both share) — and knows it only by this
protocol: where to join, who joined, and one pump a frame. Which game they follow, and the
closeness check, they hear from the host (game/table/host.py), as the window does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from game.table.host import Host


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

    def pump(self) -> int:
        """On the game's thread, after each frame is drawn (the window took the phones'
        choices from the host before drawing it): who joined or left, and the views due."""
        ...

    def pending(self) -> bool:
        """Whether a phone sent something since the last pump."""
        ...

    def stop(self) -> None:
        """Stop listening; what phones chose is on disk before it returns."""
        ...


class RemoteFactory(Protocol):
    """Starts the phones (raises OSError when no port can be opened)."""

    def __call__(
        self,
        *,
        host: Host,
        t: Callable[..., str],
        words: Callable[[], Any],
        colours: dict[str, str],
        port: int | None,
        saved_room: object | None,
    ) -> Remote: ...
