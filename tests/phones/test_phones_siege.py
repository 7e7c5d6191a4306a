"""A stranger without the room's code holds 1,100 half-open connections against a game
whose open-file limit is 1,024 (another process: tests/phones/besieged_table.py), and
reopens each one the server closes, while two phones play ten actions: all ten are saved
on disk while the siege goes on, and the game writes fewer than 100 lines on stderr."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import resource
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from game.store.saves import SaveStore
from tests.phones.conftest import Phone, offers

pytestmark = pytest.mark.slow

HALF_OPEN = 1100
ROOT = Path(__file__).resolve().parents[2]


class Siege:
    """HALF_OPEN connections from as many loopback addresses, none of which ever sends a
    byte; one the server closes is opened again at once, until `stop`."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sockets: dict[int, tuple[socket.socket, str]] = {}
        self.poll = select.poll()
        self.reopened = 0
        self.connected: set[str] = set()  # sources whose connection the server took
        self.all_in = threading.Event()  # every source's has been (the server felt them all)
        for i in range(HALF_OPEN):
            self._open(f"127.1.{i // 250}.{i % 250 + 1}")
            if i % 25 == 24:  # in waves the listening queue can take: each one reaches it
                time.sleep(0.01)
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._hold, daemon=True)
        self.thread.start()

    def _open(self, source: str) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        sock.bind((source, 0))
        sock.connect_ex(("127.0.0.1", self.port))  # in progress: never waited for
        self.sockets[sock.fileno()] = (sock, source)
        self.poll.register(sock, select.POLLOUT | select.POLLIN)

    def _hold(self) -> None:
        while not self._stop.is_set():
            for fd, event in self.poll.poll(20):
                sock, source = self.sockets[fd]
                if event == select.POLLOUT:  # connected: now only wait for its end
                    self.connected.add(source)
                    if len(self.connected) == HALF_OPEN:
                        self.all_in.set()
                    self.poll.modify(fd, select.POLLIN)
                    continue
                del self.sockets[fd]
                self.poll.unregister(fd)
                sock.close()
                self._open(source)  # closed by the server: back at once
                self.reopened += 1

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(5)
        for sock, _ in self.sockets.values():
            sock.close()


async def open_phone(port: int, code: str) -> Phone:
    """A phone's page connecting: like a browser, it tries again if the connection drops
    before the handshake (a new connection may be closed to make room)."""

    class Link:  # what Phone needs of a table
        ws_url = f"ws://127.0.0.1:{port}/{code}/ws"
        origin = f"http://127.0.0.1:{port}"

    for _ in range(50):
        with contextlib.suppress(OSError, asyncio.TimeoutError, EOFError):
            return await Phone(Link()).open()  # type: ignore[arg-type]
        await asyncio.sleep(0.05)
    raise AssertionError("no phone could connect during the siege")


def saved_actions(folder: str) -> int:
    loaded = SaveStore(Path(folder)).load()
    return len(loaded.state.log) if loaded.state is not None else -1


def test_a_siege_of_half_open_connections_starves_neither_the_game_nor_its_saves(tmp_path):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < HALF_OPEN + 200:  # this process holds the stranger's connections
        if hard != resource.RLIM_INFINITY and hard < HALF_OPEN + 200:
            pytest.skip("this machine's open-file limit is too low to hold the siege")
        resource.setrlimit(resource.RLIMIT_NOFILE, (HALF_OPEN + 200, hard))
    stderr = (tmp_path / "stderr").open("w+b")
    env = {**os.environ, "INKIND_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.phones.besieged_table"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        cwd=ROOT,
        env=env,
    )
    siege: Siege | None = None
    try:
        assert child.stdout is not None and child.stdin is not None
        ready: dict[str, Any] = json.loads(child.stdout.readline())
        port, code, folder = ready["port"], ready["code"], ready["saves"]
        assert ready["limit"] == (1024 - 64) // 3 == 320 or ready["limit"] == 256
        start = saved_actions(folder)
        assert start >= 0
        siege = Siege(port)
        assert siege.all_in.wait(30), f"{len(siege.connected)} connected"

        async def play() -> None:
            phones = [await open_phone(port, code) for _ in range(2)]
            for seat, phone in enumerate(phones):
                await phone.join(seat)
            sharer = next(p for p in phones if offers(p.last) == ["draw"])
            listener = next(p for p in phones if p is not sharer)
            await sharer.choose("draw")
            await sharer.expect("view", phase="share")
            await sharer.choose("done_sharing")
            await listener.expect("view", phase="respond")
            await listener.choose("done_responding")
            await sharer.expect("view", phase="award")
            mark = f"mark:{listener.seat}:deepening_question"
            for n in range(7):  # given, taken back, given…: each one an action of the game
                await sharer.choose(mark)
                while True:
                    view = await sharer.expect("view")
                    row = next(o for r in view["marks"] for o in r["offers"] if o["id"] == mark)
                    if row["on"] == (n % 2 == 0):
                        break
            # Written by the game's save writer. The deadline catches saves starved for good,
            # not slow ones: on a loaded machine (CI beside other jobs) 10 s ran out once.
            deadline = time.monotonic() + 60
            while saved_actions(folder) < start + 10:
                assert time.monotonic() < deadline, "the actions did not reach the disk"
                await asyncio.sleep(0.05)
            for phone in phones:
                await phone.close()

        asyncio.run(play())
        assert saved_actions(folder) == start + 10
        assert siege.reopened > 0, "the server closed none: the siege was not felt"
    finally:
        if siege is not None:
            siege.stop()
        out = child.communicate(timeout=30)[0]  # its standard input closed: it stops
    done = json.loads(out.strip().splitlines()[-1])
    assert done["applied"] == 10 and done["closed"] > 0
    stderr.seek(0)
    lines = stderr.read().splitlines()
    assert len(lines) < 100, lines[:20]
