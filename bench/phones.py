"""The benchmark's "phones" part: a tap on a phone to the TV's next frame, and the TV's
frames under twelve busy phones. Run by `python -m bench` (or `--only phones`); see
docs/performance.md and docs/phones.md.

- `phone_tap_to_frame_ms_p99`: a phone (another process, on loopback) taps a mark; from the
  moment it sends to the end of the first frame the game's real loop (`App.loop`) draws
  after applying it, p99 over the taps (target under 50 ms).
- `phones_load_frame_ms_p99`: twelve phones send 50 marks a second each (5 s quick, 30 s
  full); the p99 of the game's frames meanwhile, at 1280x720 with twelve players on the
  marks screen. Lost taps are said in a note (the load test holds that none are).

The phones run in a child process (`--child phones`): phones are other devices, and on
this machine's two cores a client in the game's own process would take the game's time.
Times across the two processes are CLOCK_MONOTONIC, the same clock for both.
"""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.common import Config, Results, median

if TYPE_CHECKING:
    from game.core.state import GameState
    from game.table.session import Session
    from game.ui.app import App

TWELVE = 12


def now() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


# ---------------------------------------------------------------- the phones (child)


async def _phone(
    port: str,
    code: str,
    seat: int,
    ids: list[str],
    rate: float,
    count: int,
    ready: Callable[[], Awaitable[None]],
    out: dict[str, Any],
) -> None:
    from websockets.asyncio.client import connect
    from websockets.typing import Origin

    url = f"ws://127.0.0.1:{port}/{code}/ws"
    async with connect(url, origin=Origin(f"http://127.0.0.1:{port}")) as ws:
        await ws.send(json.dumps({"type": "join", "seat": seat}))

        async def listen() -> None:
            async for raw in ws:
                if json.loads(raw)["type"] == "error":
                    out["errors"] += 1

        reader = asyncio.create_task(listen())
        await ready()
        if count < 0:  # joined for the evening: stay until the game closes our stdin
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
            reader.cancel()
            return
        start = time.perf_counter()
        for sent in range(count):
            out["sent_at"].append(now())
            await ws.send(json.dumps({"type": "choose", "id": ids[sent % len(ids)]}))
            out["sent"] += 1
            wait = start + (sent + 1) / rate - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
        await asyncio.sleep(1.0)  # the last answers come back
        reader.cancel()


def child_phones(argv: list[str]) -> int:
    """PORT CODE PHONES RATE COUNT SPEAKER L1,L2,…: each phone joins its seat and toggles
    marks at RATE a second, COUNT times (-1: none, it stays joined until stdin ends); prints
    {"sent", "errors", "sent_at"} as JSON."""
    port, code, phones, rate, count, speaker = argv[:6]
    listeners = [int(x) for x in argv[6].split(",")]
    out: dict[str, Any] = {"sent": 0, "errors": 0, "sent_at": []}

    def ids(seat: int) -> list[str]:
        if seat == int(speaker):  # the sharer toggles a mark for each listener in turn
            return [f"mark:{r}:felt_response" for r in listeners]
        return [f"mark:{speaker}:shared_{'feeling' if seat % 2 else 'thought'}"]

    async def main() -> None:
        # Every phone waits here until all have joined (asyncio.Barrier is Python 3.11+).
        everyone = asyncio.Event()
        joined = 0

        async def ready() -> None:
            nonlocal joined
            joined += 1
            if joined == int(phones):
                everyone.set()
            await everyone.wait()

        await asyncio.gather(
            *(
                _phone(port, code, seat, ids(seat), float(rate), int(count), ready, out)
                for seat in range(int(phones))
            )
        )

    asyncio.run(main())
    if len(out["sent_at"]) > 1000:  # only the latency run needs each time; a pipe holds 64 KB
        out["sent_at"] = []
    print(json.dumps(out), flush=True)
    return 0


def spawn_phones(
    port: int, code: str, phones: int, rate: float, count: int, state: GameState
) -> subprocess.Popen[str]:
    """The phones' process; with `count` -1 each phone joins and stays until its stdin ends."""
    listeners = ",".join(str(p) for p in state.listeners)
    args = [str(port), code, str(phones), str(rate), str(count), str(state.speaker), listeners]
    root = str(Path(__file__).resolve().parent.parent)
    return subprocess.Popen(
        [sys.executable, "-m", "bench", "--child", "phones", "--", *args],
        stdin=subprocess.PIPE if count < 0 else None,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
    )


# ---------------------------------------------------------------- the game (this process)


def _session(app: App) -> Session:
    """The game of the table at the bottom of the app's stack."""
    from game.ui.scenes.table import TableScene

    table = app.stack[0]
    assert isinstance(table, TableScene)
    return table.session


def table_with_phones(size: tuple[int, int], players: int) -> App:
    """A headless game window on the marks screen of a game of `players`, phones on."""
    import pygame

    from game.core import engine
    from game.core.actions import Draw, FinishResponding, FinishSharing
    from game.core.cards import Card, Deck, Level, Mode
    from game.core.rules import Rules
    from game.core.state import Player, Setup
    from game.phones.link import open_phones
    from game.store.saves import SaveStore
    from game.store.settings import Settings
    from game.ui.app import App
    from game.ui.play import start_game

    pygame.init()
    app = App(
        size=size, store=SaveStore(), settings=Settings(timers=False), open_phones=open_phones
    )
    app.reset("title")
    app.start_phones(port=0)
    cards = tuple(
        Card(id=f"c{i}", prompt=f"When did you last feel at home somewhere new? ({i})")
        for i in range(12)
    )
    deck = Deck(id="bench-phones", name="Bench", cards=cards, levels=(Level("One"),))
    names = tuple(f"Player {n + 1}" for n in range(players))
    mode = Mode.PAIR if players == 2 else Mode.CIRCLE
    players_ = tuple(Player(n) for n in names)
    setup = Setup(deck=deck, rules=Rules(), players=players_, mode=mode, seed=1)
    state = engine.new_game(setup)
    for move in (Draw, FinishSharing, FinishResponding):
        state = engine.apply(state, move(0))
    start_game(app, state)
    app.pop()  # the join screen: back to the table
    return app


def measure_tap_to_frame(config: Config, results: Results) -> None:
    import pygame

    app = table_with_phones((1280, 720), 4)
    session = _session(app)
    taps = 200 if config.label == "full" else 40
    applied: list[float] = []
    frames: list[float] = []
    real_flip = pygame.display.flip

    def flip() -> None:
        real_flip()
        frames.append(now())

    from game.phones.link import PhonesLink

    link = app.phones
    assert isinstance(link, PhonesLink)

    def changed(before: GameState, after: GameState) -> None:
        applied.append(now())
        # Counted by the hub: two taps that land in one frame are told as one change.
        if link.hub.applied >= taps:
            app.quit()

    pygame.display.flip = flip
    session.subscribe(changed)
    # One phone, a tap every 60 ms: each tap is its own frame, as a person's are.
    child = spawn_phones(link.server.port, link.server.room.code, 1, 1 / 0.06, taps, session.state)
    try:
        app.running = True
        app.loop()  # the real loop: it sleeps between events and wakes when a phone sends
    finally:
        pygame.display.flip = real_flip
        link.stop()
        app.phones = None
    report = json.loads(child.communicate(timeout=60)[0].strip().splitlines()[-1])
    latencies = []
    for sent in report["sent_at"][: len(applied)]:
        shown = next(
            (f for f in frames if f >= sent and any(sent <= a <= f for a in applied)), None
        )
        if shown is not None:
            latencies.append((shown - sent) * 1000)
    results.add(
        "phone_tap_to_frame_ms_p99",
        "a phone's tap to the TV's next frame, p99",
        "ms",
        [_p99(latencies)],
        50.0,
        "< 50 ms",
    )
    results.notes.append(
        f"phone taps: {len(latencies)} measured, median {median(latencies):.1f} ms"
    )


def measure_load(config: Config, results: Results) -> None:
    import pygame

    app = table_with_phones((1280, 720), TWELVE)
    session = _session(app)
    from game.phones.link import PhonesLink

    link = app.phones
    assert isinstance(link, PhonesLink)
    seconds = 30 if config.label == "full" else 5
    rate = 50
    start_log = len(session.state.log)
    child = spawn_phones(
        link.server.port, link.server.room.code, TWELVE, rate, rate * seconds, session.state
    )
    frames: list[float] = []
    cpu_frames: list[float] = []  # the drawing thread's own CPU time of each frame
    passes = _CollectorPasses()
    gc.callbacks.append(passes.heard)
    next_frame = time.perf_counter()
    try:
        while child.poll() is None:  # the game's loop at 60 frames a second, as App.loop
            started, started_cpu = time.perf_counter(), time.thread_time()
            app.pump()
            frames.append((time.perf_counter() - started) * 1000)
            cpu_frames.append((time.thread_time() - started_cpu) * 1000)
            next_frame += 1 / 60
            time.sleep(max(0.0, next_frame - time.perf_counter()))
        for _ in range(30):
            app.pump()
            time.sleep(0.01)
    finally:
        gc.callbacks.remove(passes.heard)
        link.stop()
        app.phones = None
    report = json.loads(child.communicate(timeout=30)[0].strip().splitlines()[-1])
    lost = report["sent"] - (len(session.state.log) - start_log)
    results.add(
        "phones_load_frame_ms_p99",
        "frame p99, 12 phones x 50 taps/s, 1280x720",
        "ms",
        [_p99(frames)],
        12.0,
        "< 12 ms",
    )
    results.add(
        "phones_load_frame_cpu_ms_p99",
        "  the same frames' CPU time, the drawing thread's own (no waiting for a core)",
        "ms",
        [_p99(cpu_frames)],
    )
    results.notes.append(
        f"phones under load: {report['sent']} taps in {seconds} s, {lost} lost, "
        f"{report['errors']} refused; frame median {median(frames):.1f} ms; "
        f"the cycle collector's full passes: {passes.full} (longest "
        f"{max(passes.full_ms, default=0.0):.1f} ms), young ones {passes.young}"
    )
    pygame.quit()


class _CollectorPasses:
    """Python's cycle collector's passes while the phones tap (`gc.callbacks`): a full one
    walks every object the process holds, inside whichever frame it falls in."""

    def __init__(self) -> None:
        self.full, self.young = 0, 0
        self.full_ms: list[float] = []
        self._started = 0.0

    def heard(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        elif info["generation"] == 2:
            self.full += 1
            self.full_ms.append((time.perf_counter() - self._started) * 1000)
        else:
            self.young += 1


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.99) - 1)] if ordered else float("nan")


def measure_phones(config: Config, work: Path, results: Results) -> None:
    measure_tap_to_frame(config, results)
    measure_load(config, results)
