"""The phones' web server: one page and one WebSocket, in its own thread and asyncio loop.

`websockets` alone serves both: the page's three small files answer plain GETs through
`process_request`, and the WebSocket carries the views out and the choices in. Why not
aiohttp: it is a bigger install for routing and middleware we do not need (docs/phones.md
has the numbers).

Every request's path starts with the room code (`/K7QMP3XA/…`): without it there is only
a small page saying what to check, and guessing waits (`Room.enter`). The WebSocket also
checks that its Origin is this server's own address. The server reads nothing from disk
but its own files, which it loaded at start, and never touches the game: choices go into
the hub's queue; views come back finished (`publish`).

A stranger on the network cannot starve the game of files: open connections are capped
(`gate.py`) well under the process's open-file limit, a refused `accept` is written to the
log at most once a minute and never to stderr, and seat changes reach the game (which
saves them) at most once a second.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import html
import http
import json
import logging
import re
import string
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from game.content.languages import accept_language, available_languages, best_language
from game.phones.gate import ACCEPT_BATCH, OUT_OF_FILES, Gate, cap, connection_type
from game.phones.hub import Hub, Snapshot
from game.phones.phone_view import spoken, waiting_view
from game.phones.protocol import (
    MAX_MESSAGE_BYTES,
    Choose,
    Join,
    Ping,
    ProtocolError,
    Rejoin,
    parse,
)
from game.phones.room import (
    RATE_BURST,
    RATE_PER_SECOND,
    SEAT_BURST,
    SEAT_CHANGES_PER_SECOND,
    Bucket,
    Entry,
    Room,
    could_be_code,
)
from game.store.log import log_note

STATIC = Path(__file__).resolve().parent / "static"
FILES = {
    "": ("index.html", "text/html; charset=utf-8"),
    "phone.js": ("phone.js", "text/javascript; charset=utf-8"),
    "phone.css": ("phone.css", "text/css; charset=utf-8"),
}
DEFAULT_PORT = 8765  # the same address evening after evening, when it is free
NOTE_GAP = 60.0  # seconds between two notes in the log about refused connections
SEAT_GAP = 1.0  # seconds between two changes of seats the game sees (and saves)
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


class _Notes(logging.Handler):
    """The websockets library's warnings, into the game's log at the server's pace."""

    def __init__(self, note: Callable[[str], None]) -> None:
        super().__init__(logging.WARNING)
        self.note = note

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        self.note(f"{record.getMessage()}: {error!r}" if error else record.getMessage())


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
        seat_pace: tuple[float, float] = (SEAT_CHANGES_PER_SECOND, SEAT_BURST),
        connections: int | None = None,
        words_in: Callable[[str], dict[str, str]] | None = None,
    ) -> None:
        self.hub = hub
        self.words = words  # the page's own words (headings, buttons), from ui.yaml
        # The same words in a phone's language (its Accept-Language), when it is not the TV's.
        self.words_in = words_in
        self.style = style or {}  # the table's theme as CSS colours ("background": "#f6ecde")
        self.host, self.port, self.public_host = host, port, public_host
        self.room = room or Room()
        self.pace = pace  # each phone's messages a second, and the burst it may send at once
        self.seat_pace = seat_pace  # each page's changes of seat a second, and its burst
        self.gate = Gate(cap() if connections is None else connections)
        self.files = {name: (STATIC / f).read_bytes() for name, (f, _) in FILES.items()}
        self.pages, self.page_policy = _pages(self.words, self.style, self.files["phone.css"])
        self.snapshot: Snapshot | None = None
        self.sent: dict[ServerConnection, str] = {}  # what each phone was sent last
        # ...and the view it was made from: a view the hub kept is the same object, sent
        # already, so it is not turned into text again (twelve phones, twenty times a second).
        self.sent_view: dict[ServerConnection, dict[str, Any]] = {}
        # Each phone's language, from its Accept-Language (the one the game has that it
        # wants most; English if none), and what the game's thread reads of them.
        self.spoken: dict[ServerConnection, str] = {}
        self._languages: tuple[tuple[int, str], ...] = ()
        self._offered = [code for code, _ in available_languages()]
        self._held: frozenset[int] = frozenset()
        self._held_at = -SEAT_GAP  # the loop's time when the game was last given the seats
        self._held_later: asyncio.TimerHandle | None = None
        self._noted_at = -NOTE_GAP  # time.monotonic() of the last note in the log
        self._unnoted = 0  # troubles since then, not written
        self.log = logging.Logger("inkind.phones", logging.WARNING)  # not the root's: no stderr
        self.log.addHandler(_Notes(self._note))
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self._stopping: asyncio.Future[None] | None = None
        self._tasks: set[asyncio.Future[None]] = set()
        hub.outlets.append(self)

    @property
    def url(self) -> str:
        return f"http://{self.public_host}:{self.port}/{self.room.code}/"

    @property
    def scan_url(self) -> str:
        """The address the QR code holds: the room's pass beside its code."""
        return f"{self.url}?pass={self.room.pass_}"

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
        self.loop.set_exception_handler(self._loop_trouble)
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
                # No permessage-deflate: a view is under a few KB, on the local network; each
                # phone's compressor and decompressor held about 50 KB (issue 27: memory).
                compression=None,
                ping_interval=20,
                close_timeout=1,  # a phone that went silent does not hold the game's closing
                server_header=None,
                create_connection=connection_type(self.gate),
                logger=self.log,
                backlog=ACCEPT_BATCH,
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

    def languages(self) -> tuple[tuple[int, str], ...]:
        return self._languages

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
            if self.sent_view.get(connection) is message:
                return  # the very view this phone was sent last
            self.sent_view[connection] = message
        else:
            self.sent_view.pop(connection, None)
            taken = set(self.room.holders)
            language = self.spoken.get(connection, "")
            waiting = snapshot.waiting_in.get(language)
            if waiting is None and language:
                # A phone in a language the last publish did not know yet (it came since):
                # its own words at once, not another language's page until the next one.
                names = tuple(snapshot.waiting.get("names", ()))
                waiting = waiting_view(self.hub.t_in(language), names)
            message = {
                **(waiting if waiting is not None else snapshot.waiting),
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

    def _send_again(self, connection: ServerConnection) -> None:
        """The phone is sent its view at the next refresh, even the one it was sent."""
        self.sent[connection] = ""
        self.sent_view.pop(connection, None)

    def _send(self, connection: ServerConnection, text: str) -> None:
        async def send() -> None:
            with contextlib.suppress(ConnectionClosed):
                await connection.send(text)

        task = asyncio.ensure_future(send())
        self._tasks.add(task)  # kept until done: the loop holds only a weak reference
        task.add_done_callback(self._tasks.discard)

    def _seats_changed(self) -> None:
        self._note_languages()
        for connection in list(self.sent):
            self._refresh(connection)
        # The game saves when a seat is taken: it sees the seats change at most once a
        # SEAT_GAP, however fast pages move between them, and never for no change.
        loop = self.loop
        if loop is None or frozenset(self.room.holders) == self._held:
            return
        wait = self._held_at + SEAT_GAP - loop.time()
        if wait <= 0:
            self._give_seats()
        elif self._held_later is None:
            self._held_later = loop.call_later(wait, self._give_seats)

    def _note_languages(self) -> None:
        """What the game's thread reads of the phones' languages: one new tuple, swapped in."""
        seated = {id(c): s for s, c in self.room.holders.items()}
        self._languages = tuple(
            sorted({(seated.get(id(c), -1), language) for c, language in self.spoken.items()})
        )

    def _give_seats(self) -> None:
        assert self.loop is not None
        self._held_later = None
        self._held, self._held_at = frozenset(self.room.holders), self.loop.time()

    def _loop_trouble(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """The loop's own errors (a refused `accept` above all): noted, never printed."""
        error = context.get("exception")
        if isinstance(error, OSError) and error.errno in OUT_OF_FILES:
            self.gate.shed()
        message = str(context.get("message", "trouble in the phones' server"))
        self._note(f"{message}: {error!r}" if error is not None else message)

    def _note(self, text: str) -> None:
        """One line in the game's log at most every NOTE_GAP; the rest are counted."""
        now = time.monotonic()
        if now - self._noted_at < NOTE_GAP:
            self._unnoted += 1
            return
        more = f" (and {self._unnoted} more since the last note)" if self._unnoted else ""
        self._noted_at, self._unnoted = now, 0
        log_note("phones", f"{text}{more}; open connections: {len(self.gate)}")

    def _http(self, connection: ServerConnection, request: Request) -> Response | None:
        """The page's files, or None to go on with a WebSocket handshake."""
        address = str(connection.remote_address[0]) if connection.remote_address else ""
        path, _, query = request.path.partition("?")
        parts = path.split("/")
        if parts[0] != "" or len(parts) not in (2, 3) or not could_be_code(parts[1]):
            return self._page("lost")  # not even a code's shape: no guess to count
        pass_ = query.removeprefix("pass=") if query.startswith("pass=") else ""
        entry = self.room.enter(parts[1], address, pass_)
        if entry is not Entry.OPEN:
            return self._page("wait" if entry is Entry.WAIT else "lost")
        self.gate.admitted(connection)
        if len(parts) == 2:  # typed without the last "/", or in small letters
            return _redirect(f"/{self.room.code}/")
        name = parts[2]
        if name == "ws":
            if request.headers.get("Upgrade", "").lower() != "websocket":
                return _plain(http.HTTPStatus.BAD_REQUEST, "WebSocket only.")
            if not self._our_origin(connection, request.headers.get("Origin")):
                return _plain(http.HTTPStatus.FORBIDDEN, "Wrong origin.")
            wanted = accept_language(request.headers.get("Accept-Language", "")[:500])
            self.spoken[connection] = best_language(wanted, self._offered)
            self._note_languages()
            return None
        if name not in FILES:
            return self._page("astray")
        return _response(http.HTTPStatus.OK, FILES[name][1], self.files[name])

    def _our_origin(self, connection: ServerConnection, origin: str | None) -> bool:
        """Whether a page of this server opened the socket: its Origin is the address the
        game printed, or the address this connection reached (a VPN's, loopback), never
        whatever name the request's Host says (DNS rebinding gives a page the attacker's
        name for this computer)."""
        ours = {_origin(self.public_host, self.port)}
        local = connection.local_address
        if local:
            ours.add(_origin(str(local[0]), int(local[1])))
        return origin is not None and origin.lower() in ours

    def _page(self, name: str) -> Response:
        status = http.HTTPStatus.TOO_MANY_REQUESTS if name == "wait" else http.HTTPStatus.NOT_FOUND
        response = _response(status, "text/html; charset=utf-8", self.pages[name], self.page_policy)
        if name == "wait":
            response.headers["Retry-After"] = "60"
        return response

    async def _phone(self, connection: ServerConnection) -> None:
        rate, burst = self.pace
        bucket = Bucket(rate=rate, burst=burst, tokens=burst)
        rate, burst = self.seat_pace
        seats = Bucket(rate=rate, burst=burst, tokens=burst)
        language = self.spoken.get(connection, "en")
        words = self.words
        if self.words_in is not None and language != getattr(self.hub.t, "language", "en"):
            words = self.words_in(language)
        hello = {
            "type": "hello",
            "words": words,
            "style": self.style,
            **spoken(self.hub.t_in(language)),
        }
        await connection.send(json.dumps(hello, ensure_ascii=False))
        self._send_again(connection)
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
                await self._message(connection, message, seats)
        except ConnectionClosed:
            pass
        finally:
            self.sent.pop(connection, None)
            self.sent_view.pop(connection, None)
            self.spoken.pop(connection, None)
            self.room.release(connection)
            self._seats_changed()

    async def _message(self, connection: ServerConnection, message: Any, seats: Bucket) -> None:
        if isinstance(message, Ping):
            await connection.send('{"type":"pong"}')
            return
        names = self.snapshot.names if self.snapshot is not None else ()
        if isinstance(message, (Join, Rejoin)):
            if message.seat >= len(names):
                await self._refuse(connection, "no_seat")
                return
            if self.room.changes(message.seat, connection) and not seats.take():
                await self._refuse(connection, "slow_down")  # a page moving seat to seat
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
            self._send_again(connection)
            self._seats_changed()
            return
        assert isinstance(message, Choose)
        seat = self.room.seat_of(connection)
        if seat is None:
            await self._refuse(connection, "pick_seat")
            return
        self.hub.submit(seat, message.choice_id, self._replier(connection))

    async def _refuse(self, connection: ServerConnection, code: str) -> None:
        """An error the page explains in the player's words (ui.yaml's phone_error_*)."""
        await _send_error(connection, code, self.words.get(f"phone_error_{code}", code))

    def _replier(self, connection: ServerConnection) -> Callable[[dict[str, Any]], None]:
        loop = self.loop
        assert loop is not None

        def reply(message: dict[str, Any]) -> None:  # from the game's thread or this one
            text = json.dumps(message, ensure_ascii=False)
            loop.call_soon_threadsafe(self._send, connection, text)

        return reply


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


async def _send_error(connection: ServerConnection, code: str, message: str) -> None:
    reply = {"type": "error", "code": code, "message": message}
    await connection.send(json.dumps(reply, ensure_ascii=False))


def _origin(host: str, port: int) -> str:
    """A page's Origin as a browser sends it for http://host:port."""
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}" if port == 80 else f"http://{host}:{port}"


# The pages a wrong address gets: which words from ui.yaml, and whether they link back.
PAGES = {
    "lost": ("phone_lost_heading", ("address", "network", "restarted"), False),
    "astray": ("phone_lost_heading", ("address",), True),  # the code was right
    "wait": ("phone_wait_heading", ("retry", "same"), False),
}
COLOUR = re.compile(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\b")
STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def _pages(
    words: dict[str, str], style: dict[str, str], css: bytes
) -> tuple[dict[str, bytes], str]:
    """The small pages in the phone page's look (its colours, the table's when given),
    built once, and their Content-Security-Policy: their words are the catalogue's, their
    one style is allowed by its hash."""
    colours = dict(COLOUR.findall(css.decode()))
    colours.update({k: v for k, v in style.items() if k in colours and COLOUR.match(f"--{k}: {v}")})
    template = string.Template((STATIC / "lost.html").read_text(encoding="utf-8"))

    def word(key: str) -> str:
        return html.escape(words.get(key, key))

    pages = {}
    for name, (heading, checks, link) in PAGES.items():
        key = heading.removesuffix("_heading")
        text = template.substitute(
            title=word("phone_title"),
            colours=" ".join(f"--{k}: {v};" for k, v in colours.items()),
            heading=word(heading),
            checks="".join(f"<li>{word(f'{key}_{c}')}</li>" for c in checks),
            link=f'<a href="./">{word("phone_lost_open")}</a>' if link else "",
        )
        pages[name] = text.encode()
    inline = STYLE.search(text)
    assert inline is not None
    digest = base64.b64encode(hashlib.sha256(inline.group(1).encode()).digest()).decode()
    policy = (
        f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )
    return pages, policy


def _redirect(location: str) -> Response:
    response = _response(http.HTTPStatus.FOUND, "text/plain; charset=utf-8", b"")
    response.headers["Location"] = location
    return response


def _plain(status: http.HTTPStatus, text: str) -> Response:
    return _response(status, "text/plain; charset=utf-8", text.encode())


def _response(
    status: http.HTTPStatus, content_type: str, body: bytes, policy: str = ""
) -> Response:
    fields = {"Content-Type": content_type, "Content-Length": str(len(body)), **SECURITY_HEADERS}
    if policy:
        fields["Content-Security-Policy"] = policy
    headers = Headers(fields)
    return Response(status.value, status.phrase, headers, body)
