"""Reading decks: a big generated deck loaded and checked, against bare `CSafeLoader`; and the
deck page's frames while a big pile of decks is read.

The goals (docs/performance.md): loading and checking a deck costs at most 1.5x what
`yaml.load` with libyaml's CSafeLoader alone takes on the same file; and no frame waits for
a deck file, so the longest frame while 200 decks of the player's own (one of them 15,500
cards) are read stays under 16.7 ms. The generated decks are used by other parts (the long
evening) and by tests too.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import BenchError, Config, Results, median

# Taken in turn, so no opening starts more than 15% of the prompts (a warning in lint.py).
_OPENINGS = (
    "Tell about",
    "Describe",
    "Recall",
    "Walk us through",
    "Share",
    "Go back to",
    "Picture",
    "Bring back",
)
_MOMENTS = (
    "a morning that surprised you",
    "a time a friend said something kind",
    "the last time you laughed until you cried",
    "a long walk home after bad news",
    "a meal you still think about",
    "a message you waited for",
)
_ASKS = (
    "How did you feel?",
    "What did you think in that moment?",
    "What were you afraid of?",
    "What do you wish you had said?",
)
# Short prompts, so that the most cards fit in a file under 1 MB (the size the deck page
# once read inside a frame): 15,500 cards are 0.97 MB.
_SHORT_MOMENTS = (
    "a good morning",
    "a kind word",
    "a long walk",
    "a shared meal",
    "a late message",
    "a first day",
)
_SHORT_ASKS = ("How did you feel?", "What did you think?")
PILE_CARDS = 15_500


# The wild cards a realistic evening's deck holds (`wilds_every`), in turn.
_WILDS = ("mirror", "swap", "everyone", "double")


def make_big_deck_text(n: int = 10_000, seed: int = 1, wilds_every: int = 0) -> str:
    """A valid, warning-free deck of `n` cards over three levels, each with three follow-ups;
    with `wilds_every`, every that many cards is a wild card instead (mirror, swap,
    everyone and double in turn)."""
    pick = random.Random(seed).choice
    lines = [
        "format: 1",
        "id: benchmark",
        "name: Benchmark",
        "description: A generated deck for measuring load time.",
        "levels:",
        "  - name: Warm",
        "    minutes: 20",
        "  - name: Deeper",
        "  - name: Deepest",
        "cards:",
    ]
    for number in range(n):
        if wilds_every and number % wilds_every == wilds_every - 1:
            wild = _WILDS[number // wilds_every % len(_WILDS)]
            lines += [f"  - id: wild-{number}", f"    wild: {wild}", f"    level: {number % 3 + 1}"]
            continue
        lines += [
            f"  - id: card-{number}",
            f'    prompt: "{_OPENINGS[number % len(_OPENINGS)]} {pick(_MOMENTS)} ({number}). {pick(_ASKS)}"',
            f"    level: {number % 3 + 1}",
            "    follow_ups:",
            f'      - "What went through your mind just before, in story {number}?"',
            '      - "How did you feel about yourself afterwards?"',
            '      - "Who did you want to tell first, and why them?"',
            "    tags: [everyday, family]" if number % 2 else "    tags: [everyday]",
        ]
    return "\n".join(lines) + "\n"


def make_lean_deck_text(n: int = PILE_CARDS) -> str:
    """A valid, warning-free deck of `n` one-line cards (a prompt each, no level)."""
    lines = ["format: 1", "id: big-pile", "name: A big pile", "cards:"]
    for number in range(n):
        opening = _OPENINGS[number % len(_OPENINGS)]
        moment = _SHORT_MOMENTS[number % len(_SHORT_MOMENTS)]
        ask = _SHORT_ASKS[number % len(_SHORT_ASKS)]
        lines.append(f"  - prompt: {opening} {moment} ({number}). {ask}")
    return "\n".join(lines) + "\n"


def measure(
    path: str | os.PathLike[str],
    repeat: int = 5,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, float]:
    """Median seconds of (load_deck, bare `yaml.load` with CSafeLoader) over `repeat` runs each."""
    import yaml

    from game.content.decks import load_deck

    bare_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def ours() -> None:
        result = load_deck(path)
        if not result.ok:
            raise ValueError(result.problems[0].format())

    def bare() -> None:
        with open(path, "rb") as file:
            yaml.load(file.read(), Loader=bare_loader)

    return _median_seconds(ours, repeat, clock), _median_seconds(bare, repeat, clock)


def measure_without_collector(path: str | os.PathLike[str], repeat: int = 1) -> tuple[float, float]:
    """`measure` with Python's cycle collector off in both and CPU seconds (issue 27: the
    collector's passes fall on whichever side makes the most objects, and inflate the
    floor too): the game's own work against the parser's."""
    import gc

    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        return measure(path, repeat, clock=time.process_time)
    finally:
        if enabled:
            gc.enable()
        gc.collect()


def _median_seconds(
    run: Callable[[], None], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    times = []
    for _ in range(repeat):
        start = clock()
        run()
        times.append(clock() - start)
    return median(times)


def measure_deck(config: Config, work: Path, results: Results) -> None:
    path = work / "big-deck.yaml"
    path.write_text(make_big_deck_text(config.deck_cards), encoding="utf-8")
    ours, bare, own = [], [], []
    for _ in range(config.deck_runs):
        load_s, parse_s = measure(path, repeat=1)
        ours.append(load_s)
        bare.append(parse_s)
        load_cpu, parse_cpu = measure_without_collector(path)
        own.append(load_cpu / parse_cpu)
    cards = f"{config.deck_cards:,}"
    size = path.stat().st_size / 1e6
    results.add("deck_load_s", f"deck load: {cards} cards ({size:.1f} MB), checked", "s", ours)
    results.add("deck_parse_floor_s", "  floor: yaml.load with CSafeLoader alone", "s", bare)
    results.add(
        "deck_load_ratio",
        "  deck load / floor (same run)",
        "x",
        (o / b for o, b in zip(ours, bare, strict=True)),
        1.3,
        "<= 1.3x",
        at_most=True,
    )
    results.add(
        "deck_load_ratio_collector_off",
        "  the same with the cycle collector off in both, CPU time (the game's own work)",
        "x",
        own,
        1.3,
        "<= 1.3x",
        at_most=True,
    )
    measure_big_pile(config, work, results)
    measure_refusal(config, work, results)


REFUSED_CARDS = 100_000


def measure_refusal(config: Config, work: Path, results: Results) -> None:
    """A compact file of 100,000 cards (five times the limit) refused, in a child process
    each run: its time, and how much more memory than before it read the file (peak RSS
    over the RSS before). Issue 27: 5.95 s and 265 MB when the file was composed whole."""
    import json
    import subprocess

    from bench.common import CHILD_TIMEOUT, headless_env, spawn

    path = work / "too-many-cards.yaml"
    path.write_text(make_lean_deck_text(REFUSED_CARDS), encoding="utf-8")
    home = work / "refuse-home"
    home.mkdir()
    seconds, more = [], []
    for _ in range(config.refuse_runs):
        proc = spawn(["-m", "bench", "--child", "refuse", str(path)], headless_env(home), work)
        try:
            out, error = proc.communicate(timeout=CHILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise BenchError("refusing the 100,000-card file did not finish") from None
        if proc.returncode != 0:
            raise BenchError(f"refusing the 100,000-card file failed:\n{error.decode()}")
        report = json.loads(out.decode().strip().splitlines()[-1])
        seconds.append(report["seconds"])
        more.append(report["mb_more"])
    size = path.stat().st_size / 1e6
    results.add(
        "refuse_100k_cards_s",
        f"a {REFUSED_CARDS:,}-card file ({size:.1f} MB) refused",
        "s",
        seconds,
        0.5,
        "< 0.5 s",
    )
    results.add(
        "refuse_100k_cards_mb", "  memory it took (peak RSS over before)", "MB", more, 20, "< 20 MB"
    )


def child_refuse(path: str) -> int:
    """Load the too-big deck as the catalog does and print the time and the memory it took."""
    import json

    from game.content.decks import load_deck
    from game.content.sources import frames_first

    def status_mb(field: str) -> float:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
        return 0.0

    # VmHWM, this process's own peak: `ru_maxrss` keeps the parent's across exec (Linux),
    # which made a 6 MB file look like 216 MB read by the benchmark's big parent.
    before = status_mb("VmRSS:")
    started = time.perf_counter()
    with frames_first():  # as the catalog reads a deck: the collector waits
        result = load_deck(path)
    seconds = time.perf_counter() - started
    peak = status_mb("VmHWM:")
    if result.ok or not result.problems:
        raise BenchError("the 100,000-card file was not refused")
    print(json.dumps({"seconds": seconds, "mb_more": peak - before}), flush=True)
    return 0


def measure_big_pile(config: Config, work: Path, results: Results) -> None:
    """The deck page opened with a big pile of decks of the player's own, none read before
    (the built-in ones neither): every frame from its opening until the decks are listed,
    stepped at 60 a second as the loop would while something moves, against 16.7 ms."""
    import pygame

    from game.content import sources
    from game.content.ui_text import load_ui_text
    from game.store.settings import Settings
    from game.table.samples import write_many_decks
    from game.ui.app import App
    from game.ui.scenes.new_game import NewGameScene

    folder = work / "big-pile"
    write_many_decks(folder, config.pile_decks - 1)
    big = folder / "big.yaml"
    big.write_text(make_lean_deck_text(config.pile_cards), encoding="utf-8")
    longest, longest_cpu, seconds, counts = [], [], [], []
    pygame.init()
    try:
        ui_text = load_ui_text()
        for _ in range(config.pile_runs):
            sources._READ.clear()  # as the first time: nothing read yet
            sources._READ_FILES.clear()
            app = App(
                extra_decks=[str(folder)],
                size=(1920, 1080),
                store=None,
                settings=Settings(),
                save_settings_file=False,
                ui_text=ui_text,
            )
            app.reset("title")
            app.step((), 1 / 60)
            # What the loop prepares while a person looks at the title (game/ui/warmup.py):
            # the deck page's code and fonts, so that its frames here are the decks' doing.
            app.warmup.run_for(30.0)
            app.push("new_game")  # the names page starts reading the decks
            app.step((), 1 / 60)
            times, cpu_times = [], []
            started = next_frame = frame_started = time.perf_counter()
            cpu_started = time.thread_time()
            names = app.scene
            assert isinstance(names, NewGameScene)
            names.go_next()  # the deck page: its opening is part of its first frame
            while True:
                app.step((), 1 / 60)
                times.append(time.perf_counter() - frame_started)
                cpu_times.append(time.thread_time() - cpu_started)
                if getattr(app.scene, "reading", None) is None:
                    break
                next_frame = max(next_frame + 1 / 60, time.perf_counter())
                time.sleep(max(0.0, next_frame - time.perf_counter()))
                frame_started, cpu_started = time.perf_counter(), time.thread_time()
            seconds.append(time.perf_counter() - started)
            counts.append(len(times))
            listed = len(getattr(app.scene, "decks", ()))
            if listed < config.pile_decks:
                raise BenchError(f"the deck page listed {listed} decks of {config.pile_decks}")
            longest.append(max(times) * 1000)
            longest_cpu.append(max(cpu_times) * 1000)
    finally:
        pygame.quit()
    size = big.stat().st_size / 1e6
    results.add(
        "pile_frame_ms_max",
        f"longest frame while {config.pile_decks} decks of your own load "
        f"(one of {config.pile_cards:,} cards)",
        "ms",
        longest,
        1000 / 60,
        "< 16.7 ms",
    )
    results.add(
        "pile_frame_cpu_ms_max",
        "  the drawing thread's own CPU time, its longest frame (no waiting counted)",
        "ms",
        longest_cpu,
    )
    results.notes.append(
        f"the big pile: {config.pile_decks} decks, the biggest {config.pile_cards:,} cards "
        f"({size:.2f} MB), read in {median(seconds):.2f} s while the deck page drew "
        f"{median(counts):.0f} frames"
    )
