"""A table with phones, for tests: a session, its hub, a real server on loopback, and a
thread that pumps the hub as the game's loop does each frame."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect

from game.content.ui_text import load_ui_text
from game.content.ui_text_keys import KEY_LIST
from game.core import engine
from game.phones.hub import Hub
from game.phones.server import PhoneServer
from game.table.session import Session
from tests.core.factory import make_deck, make_setup

T = load_ui_text()
WORDS = {key: T(key) for key in KEY_LIST if key.startswith("phone_")}


class PhoneTable:
    def __init__(
        self,
        players: int,
        seed: int = 7,
        pace: tuple[float, float] | None = None,
        **options: Any,  # more of PhoneServer's (room, seat_pace, public_host, ...)
    ):
        deck = make_deck(prompts_per_level=8, levels=3)
        self.session = Session(engine.new_game(make_setup(players, deck=deck, seed=seed)), None)
        self.hub = Hub(T)
        more = {"pace": pace} if pace else {}
        self.server = PhoneServer(self.hub, WORDS, host="127.0.0.1", port=0, **more, **options)
        self.server.start()
        self.hub.attach(self.session)
        self._running = True
        self.lock = threading.Lock()  # held while the "game thread" pumps
        self.thread = threading.Thread(target=self._frames, daemon=True)
        self.thread.start()

    def _frames(self) -> None:
        while self._running:
            with self.lock:
                self.hub.pump()
            time.sleep(0.002)

    @property
    def base(self) -> str:
        return f"127.0.0.1:{self.server.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.base}/{self.server.room.code}/ws"

    @property
    def origin(self) -> str:
        return f"http://{self.base}"

    def stop(self) -> None:
        self._running = False
        self.thread.join(2)
        self.server.stop()


@pytest.fixture
def table_of() -> Iterator[Any]:
    tables: list[PhoneTable] = []

    def make(
        players: int, seed: int = 7, pace: tuple[float, float] | None = None, **options: Any
    ) -> PhoneTable:
        table = PhoneTable(players, seed, pace, **options)
        tables.append(table)
        return table

    yield make
    for table in tables:
        table.stop()


class Phone:
    """One phone's browser, reduced to its WebSocket."""

    def __init__(self, table: PhoneTable) -> None:
        self.table = table
        self.ws: ClientConnection | None = None
        self.seat: int | None = None
        self.key: str | None = None
        self.last: dict[str, Any] = {}  # the last view or seats message

    async def open(self) -> Phone:
        self.ws = await connect(self.table.ws_url, origin=self.table.origin)  # type: ignore[arg-type]
        hello = await self.recv()
        assert hello["type"] == "hello"
        return self

    async def recv(self, timeout: float = 5.0) -> dict[str, Any]:
        assert self.ws is not None
        message = json.loads(await asyncio.wait_for(self.ws.recv(), timeout))
        if message["type"] in ("view", "seats"):
            self.last = message
        return message

    async def send(self, message: dict[str, Any] | str | bytes) -> None:
        assert self.ws is not None
        await self.ws.send(message if isinstance(message, str | bytes) else json.dumps(message))

    async def expect(self, kind: str, timeout: float = 5.0, **fields: Any) -> dict[str, Any]:
        """The next message of `kind` whose fields match (views in between are kept)."""
        deadline = time.monotonic() + timeout
        while True:
            message = await self.recv(max(0.01, deadline - time.monotonic()))
            if message["type"] == kind and all(message.get(k) == v for k, v in fields.items()):
                return message

    async def join(self, seat: int) -> dict[str, Any]:
        await self.send({"type": "join", "seat": seat})
        joined = await self.expect("joined")
        self.seat, self.key = joined["seat"], joined["key"]
        return await self.expect("view", seat=seat)

    async def choose(self, choice_id: str) -> None:
        await self.send({"type": "choose", "id": choice_id})

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()


def offers(view: dict[str, Any]) -> list[str]:
    ids = [o["id"] for o in view["offers"] if o["enabled"]]
    ids += [o["id"] for row in view["marks"] for o in row["offers"] if o["enabled"]]
    return ids
