"""The benchmark's "evening" part: costs that must stay flat however long the evening runs.

Run by `python -m bench` (or `--only evening`); see docs/performance.md. Each figure
has the target issue 15 set; a figure over its target is reported, never an error.

- `save_ms_p99_2k_actions`, `save_ms_p99_100k_actions`: one autosave (one new action, the
  session's own save, its fsyncs included) of a realistic twelve-player evening 2,000 and
  100,000 actions long, p99 over the runs: flat in the length.
- `resume_ms_100k_actions`: reading that 100,000-action save (an 8,000-card deck) and
  opening its session, as Continue does (a save the store refuses is timed too, and said
  in a note). The save's last checkpoint is as far back as an evening leaves it at worst:
  999 actions before the end, replayed by Continue.
- `screen_open_ms_p99_1080`: opening each screen (building it, its layout and first
  frame) at 1920x1080, twelve players at the table, p99 over every opening; before each,
  the app has a second of the idle preparation the loop gives it while a person looks at
  the screen (game/ui/warmup.py). Each screen's very first opening with no idle time
  before it at all is reported in a note, and so is each one's first after the idle time.
- `frame_p99_ms_4k`: the card flip and the twelve players' marks at 3840x2160, the worse p99.
- `new_game_open_ms_<n>_decks`: the deck page opened with 0, 200 and 800 decks of the
  player's own, the first time (they are read in a thread) and again (none changed), the
  worst.
- `rss_long_evening_mb`: the RSS, in play, of a child process that plays 1,000 turns (100
  quick) through the table by keys, twelve players at 1920x1080, with the realistic
  evening's 8,000-card deck (wild cards among them) so every card is new, and a level
  change every 8 rounds. The child imports only its own part of the benchmark.
- `rss_long_evening_phones_mb`: the same evening with phones on and twelve phones joined
  (another process, on loopback), every choice tapped on the phone of a seat that has it.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from bench.common import (
    CHILD_TIMEOUT,
    BenchError,
    Config,
    Results,
    headless_env,
    median,
    percentile,
    spawn,
)
from bench.frames import time_scene
from bench.games import TWELVE_NAMES, new_realistic_game, play_on, realistic_deck

if TYPE_CHECKING:
    from game.core.state import GameState
    from game.table.samples import SampleGame
    from game.ui.app import App
    from game.ui.scenes.base import Scene
    from game.ui.scenes.table import TableScene


def measure_saves(config: Config, work: Path, results: Results) -> None:
    """Autosaves and Continue on a realistic evening (issue 27): twelve players on an
    8,000-card deck with wild cards, most listeners marking each turn, passes, skips and
    level changes (bench/games.py), 2,000 actions long and `evening_actions` long."""
    import random

    from game.store.saves import SaveStore
    from game.table.session import resume_session

    deck = realistic_deck(str(work), config.evening_cards)
    rng = random.Random(5)
    state = play_on(new_realistic_game(deck), min(2_000, config.evening_actions), rng)
    saves = max(20, config.deck_runs * 20)
    short = _save_times(state, work / "saves-2k", saves)
    state = play_on(state, config.evening_actions, rng)
    long = _save_times(state, work / "saves-long", saves)
    actions = f"{len(state.log):,}"
    results.add(
        "save_ms_p99_2k_actions",
        "one autosave, 12 players, 2,000 actions (p99)",
        "ms",
        [percentile(short, 99)],
        5.0,
        "< 5 ms",
    )
    results.add(
        "save_ms_p99_100k_actions",
        f"one autosave, 12 players, {actions} actions (p99)",
        "ms",
        [percentile(long, 99)],
        5.0,
        "< 5 ms",
    )

    # As an evening leaves it, at its worst: the last checkpoint (game/store/checkpoints.py)
    # CHECKPOINT_EVERY - 1 actions before the end, so Continue replays that many.
    from game.core.engine import replay
    from game.store.checkpoints import CHECKPOINT_EVERY

    store = SaveStore(work / "saves-resume")
    tail = min(CHECKPOINT_EVERY - 1, len(state.log))
    store.save(replay(state.setup, state.log[: len(state.log) - tail]), {})
    store.save(state, {})
    runs = []
    refused = None
    for _ in range(config.resume_runs):
        started = time.perf_counter()
        loaded = SaveStore(work / "saves-resume").load()  # as a new start's Continue
        if loaded.state is not None:
            resume_session(loaded, store, remember_cards=False)
        else:
            refused = loaded.message
        runs.append((time.perf_counter() - started) * 1000)
    results.add(
        "resume_ms_100k_actions",
        f"Continue a realistic game of {actions} actions, 12 players, "
        f"{config.evening_cards:,} cards",
        "ms",
        runs,
        1000.0,
        "< 1000 ms",
    )
    if refused:
        results.notes.append(f"the long save was refused on resume: {refused}")


def _save_times(state: GameState, folder: Path, saves: int) -> list[float]:
    """Milliseconds of each of `saves` autosaves, one new action before each (the session's
    own save, the journal's append and both copies' fsyncs included)."""
    import random

    from game.store.saves import SaveStore
    from game.table.session import Session

    session = Session(state, SaveStore(folder))
    session.save()  # the first save writes the setup and sweeps the folder
    rng = random.Random(9)
    times = []
    for _ in range(saves):
        session.state = play_on(session.state, len(session.state.log) + 1, rng)
        started = time.perf_counter()
        session.save()
        times.append((time.perf_counter() - started) * 1000)
    return times


# A person looks at a screen for a while before opening the next; the loop gives that time
# to the idle preparation (game/ui/warmup.py). One second of it before each opening.
LOOK_SECONDS = 1.0


def _openings(app: App, twelve: SampleGame) -> list[tuple[str, Callable[[], Scene]]]:
    """(name, make) for each screen measured: the make builds the scene (its import too)."""
    from game.table.session import Session
    from game.ui.scenes import registry

    # Each class takes its own arguments: called as the app calls them, by name.
    scene_class: Callable[[str], Callable[..., Scene]] = registry.scene_class

    def at_table(state: GameState | None) -> Callable[[], Scene]:
        assert state is not None  # the sample game reached it
        return lambda: scene_class("table")(app, Session(state, None, elapsed=754.0))

    openings: list[tuple[str, Callable[[], Scene]]] = [
        ("title", lambda: scene_class("title")(app)),
        ("new game", lambda: scene_class("new_game")(app)),
        ("table: deal", at_table(twelve.start)),
        ("table: share", at_table(twelve.share)),
        ("table: respond", at_table(twelve.respond)),
        ("table: marks, 12 players", at_table(twelve.award)),
        ("summary, 12 players", lambda: scene_class("summary")(app, twelve.finished)),
        ("how to play", lambda: scene_class("how_to_play")(app)),
        ("settings", lambda: scene_class("settings")(app)),
    ]
    if twelve.wild_award is not None:
        openings.append(("table: marks under a wild card", at_table(twelve.wild_award)))
    return openings


def _open(app: App, make: Callable[[], Scene]) -> float:
    """Milliseconds to build a screen, lay it out and draw its first frame, as the loop does."""
    started = time.perf_counter()
    app.switch(make())
    app.step((), 1 / 60)
    return (time.perf_counter() - started) * 1000


def _listed(times: dict[str, float]) -> str:
    return ", ".join(f"{name} {ms:.1f}" for name, ms in times.items())


def measure_openings(config: Config, work: Path, results: Results) -> None:
    import pygame

    from game.content.ui_text import load_ui_text
    from game.core.cards import Mode
    from game.store.settings import Settings
    from game.table.samples import sample_game
    from game.table.session import Session
    from game.ui.app import App
    from game.ui.scenes.registry import scene_class

    def new_app(size: tuple[int, int] = (1920, 1080)) -> App:
        return App(
            size=size,
            store=None,
            settings=Settings(),
            save_settings_file=False,
            ui_text=load_ui_text(),
        )

    pygame.init()
    try:
        app = new_app()
        twelve = sample_game(app.catalog(), Mode.CIRCLE, names=TWELVE_NAMES, seeds=40)
        if twelve is None:
            results.notes.append("no circle deck: the openings were not measured")
            return
        # Each screen's very first opening with no idle time at all before it: the worst
        # case, a screen opened the instant the game could open it. Reported, not the figure.
        cold = {name: _open(app, make) for name, make in _openings(app, twelve)}
        slowest = max(cold, key=lambda name: cold[name])
        results.notes.append(
            f"openings with no idle time before them, each screen's first (ms): {_listed(cold)}; "
            f"the slowest {slowest}, {cold[slowest]:.1f} ms"
        )

        # As a person plays: each opening after LOOK_SECONDS of the loop's idle preparation.
        # A new app: its text and fonts are new; the code imported and the table's surface
        # made above stay, as the preparation would have made them.
        catalog = app.catalog()
        app = new_app()
        app.catalog_read(catalog)  # read before the title, as the sample game above read it
        openings = _openings(app, twelve)
        times: list[float] = []
        worst: dict[str, float] = {}
        first: dict[str, float] = {}
        for _ in range(20 if config.label == "full" else 5):
            for name, make in openings:
                app.warmup.run_for(LOOK_SECONDS)
                measured = _open(app, make)
                times.append(measured)
                first.setdefault(name, measured)
                worst[name] = max(worst.get(name, 0.0), measured)
        slowest = max(worst, key=lambda name: worst[name])
        results.add(
            "screen_open_ms_p99_1080",
            f"open a screen at 1920x1080, p99, after {LOOK_SECONDS:g} s idle (slowest: {slowest})",
            "ms",
            [percentile(times, 99)],
            16.0,
            "< 16 ms",
        )
        results.notes.append(
            f"openings after {LOOK_SECONDS:g} s of idle preparation, each screen's first (ms): "
            f"{_listed(first)}"
        )

        table = cast("type[TableScene]", scene_class("table"))
        app4k = new_app((3840, 2160))
        frames = max(30, config.frames // 2)

        def flipping(scene: object) -> None:
            if isinstance(scene, table) and scene.flip >= 1.0:
                scene.flip = 0.0

        share, award = twelve.share, twelve.award
        assert share is not None and award is not None  # the sample game reached them

        def flip_table() -> TableScene:
            scene = table(app4k, Session(share, None, elapsed=754.0))
            scene.flip = 0.0
            return scene

        worst_p99, cpu_p99 = {}, {}
        for name, make, prepare in (
            ("card flipping", flip_table, flipping),
            ("marks, 12 players", lambda: table(app4k, Session(award, None)), None),
        ):
            runs = [time_scene(app4k, name, make, prepare, frames) for _ in range(2)]
            worst_p99[name] = median(r.p99 for r in runs)
            cpu_p99[name] = median(r.cpu_p99 for r in runs)
        slowest = max(worst_p99, key=lambda name: worst_p99[name])
        results.add(
            "frame_p99_ms_4k",
            f"frame p99 at 3840x2160 (worse: {slowest})",
            "ms",
            [worst_p99[slowest]],
            6.0,
            "< 6 ms",
        )
        results.add(
            "frame_cpu_p99_ms_4k",
            "  the same frames' CPU time, the drawing thread's own (no waiting for a core)",
            "ms",
            [cpu_p99[slowest]],
        )
    finally:
        pygame.quit()


def measure_long_evening(config: Config, work: Path, results: Results) -> None:
    """The long evening's RSS in play, then the same evening with twelve phones joined."""
    turns = {"full": 1000, "quick": 100}.get(config.label, 5)
    for phones, figure, target in ((0, "rss_long_evening_mb", 90.0), (12, _PHONES_RSS, 100.0)):
        home = work / f"evening-home-{phones}"
        home.mkdir()
        env = headless_env(home, PYTHONPYCACHEPREFIX=str(work / "pycache"))
        args = ["--turns", str(turns), "--cards", str(config.evening_cards)]
        args += ["--phones", str(phones)]
        proc = spawn(["-m", "bench", "--child", "evening", *args], env, work)
        try:
            out, error = proc.communicate(timeout=CHILD_TIMEOUT * 10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise BenchError("the long evening did not finish") from None
        if proc.returncode != 0:
            raise BenchError(f"the long evening failed ({proc.returncode}):\n{error.decode()}")
        report = json.loads(out.decode().strip().splitlines()[-1])
        joined = f", {phones} phones joined" if phones else ""
        results.add(
            figure,
            f"RSS in play after {report['turns']} turns, 12 players, 1920x1080, "
            f"{config.evening_cards:,} cards{joined}",
            "MB",
            [report["rss_mb"]],
            target,
            f"< {target:.0f} MB",
        )
        results.notes.append(
            f"the long evening{joined}: RSS in play {report['rss_first_mb']:.0f} MB at turn "
            f"{report['first_turn']}, {report['rss_mb']:.0f} MB at turn {report['turns']} "
            f"(the most sampled: {report['rss_most_mb']:.0f} MB; {report['seconds']:.0f} s)"
        )


_PHONES_RSS = "rss_long_evening_phones_mb"


def child_long_evening(turns: int, cards: int = 8_000, phones: int = 0) -> int:
    """Play `turns` turns by keys at the table and print the RSS in play (the parent's figure).

    A realistic evening's deck (`cards` cards, one in 40 a wild card: bench/games.py), so
    every card is new; the RSS is read at the table every 10 turns and at the last, before
    anything is closed (issue 27: it was read after `pygame.quit()`, 8 MB less). With
    `phones`, phones are turned on before the first card and that many join (another
    process, on loopback), each following the evening until it ends."""
    import attrs
    import pygame

    from game.core import engine
    from game.core.cards import Mode
    from game.core.rules import Rules
    from game.core.state import Phase, Player, Setup
    from game.store.settings import Settings
    from game.table.session import Session
    from game.table.views import table_view
    from game.ui.app import App
    from game.ui.scenes.registry import scene_class

    phones_child: subprocess.Popen[str] | None = None
    if phones:
        from game.phones.link import open_phones

    def rss_mb() -> float:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    deck = realistic_deck(os.environ["INKIND_HOME"], cards)
    rules = attrs.evolve(Rules(), rounds=None, rounds_per_level=8)
    state = engine.new_game(
        Setup(deck, rules, tuple(Player(n) for n in TWELVE_NAMES), Mode.CIRCLE, seed=3)
    )
    started = time.perf_counter()
    try:
        # pygame started as the game starts it (App: game/ui/window.py init_pygame), not by
        # `pygame.init()`: the window's own icon set before it opens (else pygame loads its
        # default one, through importlib.resources and zipfile), no joystick or camera, the
        # sound device opened when the table first plays a sound.
        app = App(
            size=(1920, 1080),
            store=None,
            settings=Settings(),
            save_settings_file=False,
            open_phones=open_phones if phones else None,
        )
        app.input_hold = 0.0  # a script, not a person
        # What the loop's idle time prepares in a real evening (fonts, the table's surface,
        # How to play's pages) takes memory too: counted, though keys drive this one.
        app.warmup.run_for(60.0)
        session = Session(state, None)
        if phones:
            app.start_phones(port=0)
        app.reset("table", session=session)
        app.host.attach(session)
        if phones:
            phones_child = _join_phones(app, state, phones)
        app.pump()
        table_class = cast("type[TableScene]", scene_class("table"))

        names = {pygame.K_RETURN: "Enter", pygame.K_1: "1", pygame.K_2: "2", pygame.K_5: "5"}

        def press(key: int) -> None:
            if phones and isinstance(app.scene, table_class):
                # The seats are on the phones: the key's choice, tapped on the first phone
                # that has it (the host takes it on the game's thread, as the server's).
                for seat in range(phones):
                    view = table_view(session, app.t, seat)
                    offer = view.for_key(names[key])
                    if offer is not None:
                        app.host.take(seat, offer.choice)
                        break
            else:
                event = pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)
                pygame.event.post(event)
            app.pump()
            for _ in range(240):
                if app.scene is None or not app.scene.animating():
                    break
                app.pump()

        first: tuple[int, float] | None = None
        most = 0.0
        sampled = -1
        for _ in range(turns * 200):
            scene = app.scene
            if not isinstance(scene, table_class):
                press(pygame.K_RETURN)  # a level change, then back to the table
                continue
            game = scene.state
            if game.turn % 10 == 0 and game.turn != sampled:
                sampled = game.turn
                most = max(most, rss_mb())
            if first is None and game.turn >= min(10, turns):
                first = (game.turn, rss_mb())
            if game.turn >= turns or game.phase is Phase.FINISHED:
                break
            if game.phase is Phase.AWARD:
                for key in (pygame.K_1, pygame.K_2, pygame.K_5, pygame.K_RETURN):
                    press(key)
            elif game.phase is Phase.DEEPER:
                press(pygame.K_1)
            else:
                press(pygame.K_RETURN)
        played = app.scene.state.turn if isinstance(app.scene, table_class) else turns
        in_play = rss_mb()  # still at the table, the window open
        first = first or (played, in_play)
    finally:
        if phones_child is not None:
            phones_child.communicate(timeout=CHILD_TIMEOUT)  # closes their stdin: they leave
        if app.phones is not None:
            app.phones.stop()
        pygame.quit()
    report = {
        "turns": played,
        "rss_mb": in_play,
        "rss_most_mb": max(most, in_play),
        "first_turn": first[0],
        "rss_first_mb": first[1],
        "seconds": time.perf_counter() - started,
    }
    print(json.dumps(report), flush=True)
    return 0


def _join_phones(app: App, state: GameState, phones: int) -> subprocess.Popen[str]:
    """`phones` phones join their seats and stay; returns once they all hold them."""
    from bench.phones import spawn_phones
    from game.phones.link import PhonesLink

    link = app.phones
    if not isinstance(link, PhonesLink):
        raise BenchError("phones could not be turned on")
    child = spawn_phones(link.server.port, link.server.room.code, phones, 1.0, -1, state)
    deadline = time.perf_counter() + CHILD_TIMEOUT
    while len(link.held()) < phones:
        if time.perf_counter() > deadline or child.poll() is not None:
            raise BenchError(f"{len(link.held())} of {phones} phones joined")
        app.pump()
        time.sleep(0.01)
    return child


def measure_new_game(config: Config, work: Path, results: Results) -> None:
    """New game's deck page with 0, 200 and 800 decks of the player's own (issue 27), each
    opened the first time (the decks read in a thread) and again (none changed), each after
    the names page's idle preparation (LOOK_SECONDS): the worst opening of each, against one
    frame, and the drawing thread's CPU time of it."""
    for count in config.page_decks:
        times, cpu = _deck_page_openings(config, work / f"decks-{count}", count)
        results.add(
            f"new_game_open_ms_{count}_decks",
            f"open the deck page with {count} decks of your own (worst of first and again)",
            "ms",
            [max(times)],
            16.0,
            "< 16 ms",
        )
        results.add(
            f"new_game_open_cpu_ms_{count}_decks",
            "  the same, the drawing thread's own CPU time (what a busy machine does not add)",
            "ms",
            [max(cpu)],
        )
        results.notes.append(
            f"the deck page with {count} decks of your own, each opening (ms, then its CPU "
            "ms): " + ", ".join(f"{ms:.1f} ({c:.1f})" for ms, c in zip(times, cpu, strict=True))
        )


def _deck_page_openings(
    config: Config, folder: Path, count: int
) -> tuple[list[float], list[float]]:
    """Each opening's wall time and the drawing thread's CPU time, in ms."""
    import pygame

    from game.content import sources
    from game.content.ui_text import load_ui_text
    from game.store.settings import Settings
    from game.table.samples import write_many_decks
    from game.ui.app import App
    from game.ui.scenes.new_game import NewGameScene

    folder.mkdir(parents=True)
    write_many_decks(folder, count)
    sources._READ.clear()  # the first time: nothing read yet, the built-in decks neither
    sources._READ_FILES.clear()
    pygame.init()
    try:
        app = App(
            extra_decks=[str(folder)],
            size=(1920, 1080),
            store=None,
            settings=Settings(),
            save_settings_file=False,
            ui_text=load_ui_text(),
        )
        app.reset("title")
        app.step((), 1 / 60)
        times, cpu = [], []
        for _ in range(5 if config.label == "full" else 2):
            app.reset("title")
            app.push("new_game")
            app.step((), 1 / 60)
            # The names are typed first: the loop's idle preparation has that time, as it
            # has before every screen measure_openings opens.
            app.warmup.run_for(LOOK_SECONDS)
            started, started_cpu = time.perf_counter(), time.thread_time()
            players = app.scene
            assert isinstance(players, NewGameScene)
            players.go_next()  # the deck page: reads (or starts reading) the decks
            app.step((), 1 / 60)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
            while getattr(app.scene, "reading", None) is not None:  # read in a thread
                time.sleep(0.01)
                app.step((), 1 / 60)
    finally:
        pygame.quit()
    return times, cpu


def measure_evening(config: Config, work: Path, results: Results) -> None:
    measure_saves(config, work, results)
    measure_new_game(config, work, results)
    measure_openings(config, work, results)
    measure_long_evening(config, work, results)
