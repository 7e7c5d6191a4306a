"""The phones as the window runs them (a `game.table.remote.Remote`): the hub, the server,
and what the TV shows of them.

Imported only when phones are turned on (Settings, or `inkind --phones`), so a game
without phones never loads asyncio, websockets or segno (docs/phones.md). The server
runs in its own thread and hands each tap to the host (game/table/host.py) as
`(seat, choice)`; the window's loop calls `pump` once a frame. The window never imports
this module: the composition root (game/cli.py) hands it `open_phones`, tied to the host.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.content.ui_text_keys import KEY_LIST
from game.phones.address import lan_address
from game.phones.hub import Hub
from game.phones.room import Room, shown_code
from game.phones.server import DEFAULT_PORT, PhoneServer
from game.table.host import Follower, Host
from game.table.session import Session


def open_phones(
    *,
    host: Host,
    t: Callable[..., str],
    words: Callable[[], Any],
    colours: dict[str, str],
    port: int | None,
    saved_room: object | None,
) -> PhonesLink:
    """The `RemoteFactory` the composition root gives the window."""
    return PhonesLink(
        t,
        words,
        colours,
        host=host,
        port=DEFAULT_PORT if port is None else port,
        saved_room=saved_room,
    )


class PhonesLink(Follower):
    """Starts listening at once; raises OSError when no port can be opened."""

    def __init__(
        self,
        t: Callable[..., str],
        words: Callable[[], Any],
        colours: dict[str, str],
        host: Host | None = None,
        port: int = DEFAULT_PORT,
        interface: str = "0.0.0.0",
        saved_room: object | None = None,
    ) -> None:
        self.host = host or Host()
        self.hub = Hub(t, self.host, words=words, after_frame=True)
        texts = {key: t(key) for key in KEY_LIST if key.startswith("phone_")}
        hub = self.hub

        def texts_in(language: str) -> dict[str, str]:
            said = hub.t_in(language)
            return {key: said(key) for key in KEY_LIST if key.startswith("phone_")}

        public = "127.0.0.1" if interface == "127.0.0.1" else lan_address()
        self.server = PhoneServer(
            self.hub,
            texts,
            colours,
            host=interface,
            port=port,
            public_host=public,
            room=Room.from_saved(saved_room),  # None: a new room
            words_in=texts_in,
        )
        self.server.start()
        self._qr: list[list[bool]] | None = None
        self._stop_following = self.host.follow(self)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def address(self) -> str:
        """The address as the TV shows it: short enough to type (no http://)."""
        return self.url.removeprefix("http://").rstrip("/")

    @property
    def code(self) -> str:
        return shown_code(self.server.room.code)

    def qr(self) -> list[list[bool]]:
        """The QR code of the address, as rows of dark (True) and light modules."""
        if self._qr is None:
            import segno

            code = segno.make(self.server.scan_url, error="m", micro=False)
            self._qr = [[bool(m) for m in row] for row in code.matrix]
        return self._qr

    def joined(self) -> list[str]:
        """The names of the players whose phone holds their seat now."""
        session = self.hub.session
        if session is None:
            return []
        players = session.state.players
        return [players[s].name for s in sorted(self.hub.phones) if s < len(players)]

    def held(self) -> frozenset[int]:
        return self.hub.phones

    def attached(self, session: Session) -> None:
        session.extras["phones"] = self.server.room.saved  # kept with each save

    def pump(self) -> int:
        # The window's frame pumped the host first and has just been drawn (App.step): one
        # batch a frame, its views sent after the frame.
        return self.hub.pump(take=False)

    def pending(self) -> bool:
        return self.hub.pending()

    def stop(self) -> None:
        self._stop_following()
        self.hub.stop_following()
        self.server.stop()
        if self.hub.session is not None:  # the phones' last choices are written before we go
            self.hub.session.flush()
