"""The phones service as the game window runs it: the hub, the server, and what the TV shows.

Imported only when phones are turned on (Settings, or `inkind --phones`), so a game
without phones never loads asyncio, websockets or segno (docs/phones.md). The server
runs in its own thread; the window's loop calls `pump` once a frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.content.ui_text_keys import KEY_LIST
from game.phones.address import lan_address
from game.phones.hub import Hub
from game.phones.room import Room, shown_code
from game.phones.server import DEFAULT_PORT, PhoneServer

if TYPE_CHECKING:
    from game.table.session import Session
    from game.ui.app import App
    from game.ui.theme import Palette

# The page's colours, from the table's palette: the phone looks like the table.
CSS_COLOURS = {
    "background": "background",
    "panel": "panel",
    "text": "text",
    "muted": "muted",
    "accent": "accent",
    "accent-text": "accent_text",
    "button": "button",
    "button-text": "button_text",
    "card": "card",
    "card-edge": "card_edge",
    "card-text": "card_text",
    "given": "given",
    "given-text": "given_text",
    "wild": "wild",
    "wild-text": "wild_text",
    "disabled": "disabled",
}


def css_palette(pal: Palette) -> dict[str, str]:
    colours = {name: getattr(pal, field)[:3] for name, field in CSS_COLOURS.items()}
    return {name: "#" + "".join(f"{c:02x}" for c in rgb) for name, rgb in colours.items()}


class PhonesLink:
    """Starts listening at once; raises OSError when no port can be opened."""

    def __init__(
        self,
        app: App,
        port: int = DEFAULT_PORT,
        host: str = "0.0.0.0",
        saved_room: object | None = None,
    ) -> None:
        self.hub = Hub(app.t, words=lambda: app.words()[0])
        words = {key: app.t(key) for key in KEY_LIST if key.startswith("phone_")}
        public = "127.0.0.1" if host == "127.0.0.1" else lan_address()
        self.server = PhoneServer(
            self.hub,
            words,
            css_palette(app.look.pal),
            host=host,
            port=port,
            public_host=public,
            room=Room.from_saved(saved_room),  # None: a new room
        )
        self.server.start()
        self._qr: list[list[bool]] | None = None

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

            code = segno.make(self.url, error="m", micro=False)
            self._qr = [[bool(m) for m in row] for row in code.matrix]
        return self._qr

    def joined(self) -> list[str]:
        """The names of the players whose phone holds their seat now."""
        session = self.hub.session
        if session is None:
            return []
        players = session.state.players
        return [players[s].name for s in sorted(self.hub.phones) if s < len(players)]

    def attach(self, session: Session) -> None:
        session.extras["phones"] = self.server.room.saved  # kept with each save
        self.hub.attach(session)

    def pump(self) -> int:
        return self.hub.pump()

    def pending(self) -> bool:
        return self.hub.pending()

    def stop(self) -> None:
        self.server.stop()
        if self.hub.session is not None:  # the phones' last choices are written before we go
            self.hub.session.flush()
