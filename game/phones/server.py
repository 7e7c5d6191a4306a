"""The phones' web server: one page and one WebSocket, in its own thread and asyncio loop.

`websockets` alone serves both: the page's three small files answer plain GETs through
`process_request`, and the WebSocket carries the views out and the choices in. Why not
aiohttp: it is a bigger install for routing and middleware we do not need (docs/phones.md
has the numbers).

Every request's path starts with the room code (`/K7QMP3XA/…`): without it there is only
a 404, and an address that keeps guessing waits a minute (`Room.admits`). The WebSocket
also checks that its Origin is this server. The server reads nothing from disk but its
own three files, which it loaded at start, and never touches the game: choices go into the
hub's queue; views come back finished (`publish`).
"""

from __future__ import annotations

import asyncio
import contextlib
import http
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from game.phones.hub import Hub, Inbound, Snapshot
from game.phones.protocol import (
    MAX_MESSAGE_BYTES,
    Choose,
    Join,
    Ping,
    ProtocolError,
    Rejoin,
    parse,
)
from game.phones.room import RATE_BURST, RATE_PER_SECOND, Bucket, Room

STATIC = Path(__file__).resolve().parent / "static"
FILES = {
    "": ("index.html", "text/html; charset=utf-8"),
    "phone.js": ("phone.js", "text/javascript; charset=utf-8"),
    "phone.css": ("phone.css", "text/css; charset=utf-8"),
}
DEFAULT_PORT = 8765  # the same address evening after evening, when it is free
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
}


class PhoneServer:
    """Serves the phones of one game window. `start` returns once it listens."""

    def __init__(
        self,
        hub: Hub,
        words: dict[str, str],
        style: dict[str, str] | None = None,
        host: str = "0.0.0.0",
        port: int = DEFAULT_PORT,
        room: Room | None = None,
        public_host: str = "127.0.0.1",
        pace: tuple[float, float] = (RATE_PER_SECOND, RATE_BURST),
    ) -> None:
        self.hub = hub
        self.words = words  # the page's own words (headings, buttons), from ui.yaml
        self.style = style or {}  # the table's theme as CSS colours ("background": "#f6ecde")
        self.host, self.port, self.public_host = host, port, public_host
        self.room = room or Room()
        self.pace = pace  # each phone's messages a second, and the burst it may send at once
        self.files = {name: (STATIC / f).read_bytes() for name, (f, _) in FILES.items()}
        self.snapshot: Snapshot | None = None
        self.sent: dict[ServerConnection, str] = {}  # what each phone was sent last
        self._held: frozenset[int] = frozenset()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self._stopping: asyncio.Future[None] | None = None
        self._tasks: set[asyncio.Future[None]] = set()
        hub.outlets.append(self)

    @property
    def url(self) -> str:
        return f"http://{self.public_host}:{self.port}/{self.room.code}/"

    # ------------------------------------------------------------ the thread

    def start(self) -> None:
        ready = threading.Event()
        self.thread = threading.Thread(
            target=lambda: asyncio.run(self._serve(ready)), name="inkind-phones", daemon=True
        )
        self.thread.start()
        ready.wait(10)
        if self.error is not None:
            raise self.error

    async def _serve(self, ready: threading.Event) -> None:
        self.loop = asyncio.get_running_loop()
        self._stopping = self.loop.create_future()
        try:
            server = await self._listen()
        except OSError as error:
            self.error = error
            ready.set()
            return
        async with server:
            self.port = server.sockets[0].getsockname()[1]
            ready.set()
            await self._stopping

    async def _listen(self) -> Server:
        async def listen(port: int) -> Server:
            server: Server = await serve(
                self._phone,
                self.host,
                port,
                process_request=self._http,
                max_size=MAX_MESSAGE_BYTES * 4,  # longer frames close the connection
                max_queue=16,
                ping_interval=20,
                close_timeout=1,  # a phone that went silent does not hold the game's closing
                server_header=None,
            )
            return server

        try:
            return await listen(self.port)
        except OSError:
            if self.port == 0:
                raise
            return await listen(0)  # the usual port is taken: any free one

    def stop(self) -> None:
        """Stop listening and close every phone's connection (the game is closing)."""
        loop, stopping = self.loop, self._stopping
        if loop is not None and stopping is not None and not loop.is_closed():
            loop.call_soon_threadsafe(_settle, stopping)
        if self.thread is not None:
            self.thread.join(5)
        if self in self.hub.outlets:
            self.hub.outlets.remove(self)

    # ------------------------------------------------------------ from the game's thread

    def publish(self, snapshot: Snapshot) -> None:
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._publish, snapshot)

    def holders(self) -> frozenset[int]:
        return self._held

    # ------------------------------------------------------------ on the server's thread

    def _publish(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        for connection in list(self.sent):
            self._refresh(connection)

    def _refresh(self, connection: ServerConnection) -> None:
        """Send the phone its view if it changed since the last one it was sent."""
        snapshot = self.snapshot
        if snapshot is None:
            return
        seat = self.room.seat_of(connection)
        if seat is not None and seat in snapshot.views:
            message: dict[str, Any] = snapshot.views[seat]
        else:
            taken = set(self.room.holders)
            message = {
                **snapshot.waiting,
                "type": "seats",
                "seats": [
                    {"seat": i, "name": name, "taken": i in taken}
                    for i, name in enumerate(snapshot.names)
                ],
            }
        text = json.dumps(message, ensure_ascii=False)
        if self.sent.get(connection) != text:
            self.sent[connection] = text
            self._send(connection, text)

    def _send(self, connection: ServerConnection, text: str) -> None:
        async def send() -> None:
            with contextlib.suppress(ConnectionClosed):
                await connection.send(text)

        task = asyncio.ensure_future(send())
        self._tasks.add(task)  # kept until done: the loop holds only a weak reference
        task.add_done_callback(self._tasks.discard)

    def _seats_changed(self) -> None:
        self._held = frozenset(self.room.holders)
        for connection in list(self.sent):
            self._refresh(connection)

    def _http(self, connection: ServerConnection, request: Request) -> Response | None:
        """The page's files, or None to go on with a WebSocket handshake."""
        address = str(connection.remote_address[0]) if connection.remote_address else ""
        parts = request.path.split("?", 1)[0].split("/")
        if len(parts) != 3 or parts[0] != "" or not self.room.admits(parts[1], address):
            return _plain(http.HTTPStatus.NOT_FOUND, "Not found.")
        name = parts[2]
        if name == "ws":
            if request.headers.get("Upgrade", "").lower() != "websocket":
                return _plain(http.HTTPStatus.BAD_REQUEST, "WebSocket only.")
            origin, host = request.headers.get("Origin"), request.headers.get("Host")
            if origin is None or host is None or origin.lower() != f"http://{host}".lower():
                return _plain(http.HTTPStatus.FORBIDDEN, "Wrong origin.")
            return None
        if name not in FILES:
            return _plain(http.HTTPStatus.NOT_FOUND, "Not found.")
        return _response(http.HTTPStatus.OK, FILES[name][1], self.files[name])

    async def _phone(self, connection: ServerConnection) -> None:
        rate, burst = self.pace
        bucket = Bucket(rate=rate, burst=burst, tokens=burst)
        hello = {"type": "hello", "words": self.words, "style": self.style}
        await connection.send(json.dumps(hello, ensure_ascii=False))
        self.sent[connection] = ""
        self._refresh(connection)
        try:
            async for raw in connection:
                if not bucket.take():
                    await self._refuse(connection, "slow_down")
                    continue
                try:
                    message = parse(raw)
                except ProtocolError as error:
                    await _send_error(connection, "protocol", str(error))
                    continue
                await self._message(connection, message)
        except ConnectionClosed:
            pass
        finally:
            self.sent.pop(connection, None)
            self.room.release(connection)
            self._seats_changed()

    async def _message(self, connection: ServerConnection, message: Any) -> None:
        if isinstance(message, Ping):
            await connection.send('{"type":"pong"}')
            return
        names = self.snapshot.names if self.snapshot is not None else ()
        if isinstance(message, (Join, Rejoin)):
            if message.seat >= len(names):
                await self._refuse(connection, "no_seat")
                return
            if isinstance(message, Join):
                key = self.room.join(message.seat, connection)
                if key is None:
                    await self._refuse(connection, "seat_taken")
                    return
            else:
                replaced = self.room.rejoin(message.seat, message.key, connection)
                if replaced is False:
                    await self._refuse(connection, "seat_key_refused")
                    return
                if isinstance(replaced, ServerConnection):
                    await replaced.close(4000, "this seat was taken back by another page")
                key = message.key
            reply = {"type": "joined", "seat": message.seat, "key": key}
            await connection.send(json.dumps(reply))
            self.sent[connection] = ""
            self._seats_changed()
            return
        assert isinstance(message, Choose)
        seat = self.room.seat_of(connection)
        if seat is None:
            await self._refuse(connection, "pick_seat")
            return
        self.hub.inbox.put(Inbound(seat, message.choice_id, self._replier(connection)))

    async def _refuse(self, connection: ServerConnection, code: str) -> None:
        """An error the page explains in the player's words (ui.yaml's phone_error_*)."""
        await _send_error(connection, code, self.words.get(f"phone_error_{code}", code))

    def _replier(self, connection: ServerConnection) -> Callable[[dict[str, Any]], None]:
        loop = self.loop
        assert loop is not None

        def reply(message: dict[str, Any]) -> None:  # called on the game's thread
            text = json.dumps(message, ensure_ascii=False)
            loop.call_soon_threadsafe(self._send, connection, text)

        return reply


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


async def _send_error(connection: ServerConnection, code: str, message: str) -> None:
    reply = {"type": "error", "code": code, "message": message}
    await connection.send(json.dumps(reply, ensure_ascii=False))


def _plain(status: http.HTTPStatus, text: str) -> Response:
    return _response(status, "text/plain; charset=utf-8", text.encode())


def _response(status: http.HTTPStatus, content_type: str, body: bytes) -> Response:
    headers = Headers(
        {"Content-Type": content_type, "Content-Length": str(len(body)), **SECURITY_HEADERS}
    )
    return Response(status.value, status.phrase, headers, body)
