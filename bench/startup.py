"""Start-up: `python -m game` to its first title frame, against a bare pygame window, in
English and with the Japanese UI (a computer whose language is Japanese: its title is
drawn with a CJK font of the computer's); with a game saved (Continue), and with a
2,000-action game saved against none. Each ratio is given in wall time and in the CPU
time each process used to its first frame (what a busy machine does not add)."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import (
    Config,
    Results,
    cpu_seconds,
    finish,
    headless_env,
    spawn,
    wait_for_line,
)
from bench.games import long_game, sample

FIRST_FRAME_LINE = "first frame drawn"
FLOOR_CODE = (
    "import pygame; pygame.display.set_mode((1280, 720)); pygame.display.flip(); "
    f"print({FIRST_FRAME_LINE!r}, flush=True)"
)


def time_to_first_frame(args: Sequence[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from starting a process to its 'first frame drawn' line."""
    return first_frame(args, env, cwd)[0]


def first_frame(args: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds to the 'first frame drawn' line, CPU seconds the process used by then)."""
    started = time.perf_counter()
    proc = spawn(args, env, cwd)
    wait_for_line(proc, FIRST_FRAME_LINE)
    seconds = time.perf_counter() - started
    try:
        cpu = cpu_seconds(proc.pid)
    except OSError:  # no /proc (macOS, Windows): wall time only
        cpu = 0.0
    finish(proc)
    return seconds, cpu


def measure_startup(config: Config, work: Path, results: Results) -> None:
    home = work / "startup-home"
    saved_home = work / "startup-saved-home"
    long_home = work / "startup-long-home"
    for folder in (home, saved_home, long_home):
        folder.mkdir()
    _save_a_game_in_progress(saved_home)
    _save_a_long_game(long_home)
    cache = {"PYTHONPYCACHEPREFIX": str(work / "pycache")}
    game_env = _as_a_player_starts(
        headless_env(home, INKIND_EXIT_AFTER_FIRST_FRAME="1", LANGUAGE="en", **cache)
    )
    saved_env = headless_env(saved_home, INKIND_EXIT_AFTER_FIRST_FRAME="1", **cache)
    long_env = headless_env(long_home, INKIND_EXIT_AFTER_FIRST_FRAME="1", **cache)
    plain_env = headless_env(home, INKIND_EXIT_AFTER_FIRST_FRAME="1", **cache)
    floor_env = headless_env(home, **cache)
    japanese_env = dict(game_env, LANGUAGE="ja")  # as a player whose computer is Japanese
    game, floor, saved = ["-m", "game"], ["-c", FLOOR_CODE], ["-m", "game"]
    for args, env in (
        (game, game_env),
        (game, japanese_env),  # the first also finds the computer's fonts, then caches them
        (floor, floor_env),
        (saved, saved_env),
        (game, long_env),
    ):
        time_to_first_frame(args, env, work)  # warm-up: bytecode, file cache
    game_s, floor_s, saved_s, ratios, long_ratios = [], [], [], [], []
    japanese_ratios: list[float] = []
    cpu_ratios: list[float] = []
    japanese_cpu_ratios: list[float] = []
    for run in range(config.startup_runs):
        trio = [(floor, floor_env), (game, game_env), (game, japanese_env)]
        times = {}
        for args, env in trio if run % 2 else reversed(trio):
            times[env is japanese_env, args is floor] = first_frame(args, env, work)
        (floor_wall, floor_cpu) = times[False, True]
        (game_wall, game_cpu), (ja_wall, ja_cpu) = times[False, False], times[True, False]
        floor_s.append(floor_wall)
        game_s.append(game_wall)
        ratios.append(game_wall / floor_wall)
        japanese_ratios.append(ja_wall / floor_wall)
        if floor_cpu > 0:
            cpu_ratios.append(game_cpu / floor_cpu)
            japanese_cpu_ratios.append(ja_cpu / floor_cpu)
        saved_s.append(time_to_first_frame(saved, saved_env, work))
        # The same start with a 2,000-action game saved, against no save (both INKIND_HOME).
        plain = time_to_first_frame(game, plain_env, work)
        long_ratios.append(time_to_first_frame(game, long_env, work) / plain)
    results.add(
        "startup_s",
        "start-up: python -m game to first title frame",
        "s",
        game_s,
        1.0,
        "< 1 s",
    )
    results.add("startup_floor_s", "  floor: bare pygame window, first flip", "s", floor_s)
    results.add(
        "startup_ratio", "  start-up / floor (same run)", "x", ratios, 1.2, "<= 1.2x", at_most=True
    )
    results.add(
        "startup_ratio_ja",
        "  start-up with the Japanese UI / floor (same run)",
        "x",
        japanese_ratios,
        1.2,
        "<= 1.2x",
        at_most=True,
    )
    if cpu_ratios:
        results.add("startup_cpu_ratio", "  the same in CPU time: English", "x", cpu_ratios)
        results.add(
            "startup_cpu_ratio_ja", "  the same in CPU time: Japanese", "x", japanese_cpu_ratios
        )
    results.add(
        "startup_saved_s",
        "  start-up with a game saved (Continue)",
        "s",
        saved_s,
        1.0,
        "< 1 s",
    )
    results.add(
        "startup_ratio_with_2k_save",
        "  start-up with a 2,000-action game saved / with none",
        "x",
        long_ratios,
        1.1,
        "<= 1.1x",
        at_most=True,
    )


def _as_a_player_starts(env: dict[str, str]) -> dict[str, str]:
    """Without INKIND_HOME, as players start the game, where the data folder can be moved safely.

    Only on Linux and the BSDs, where the folder is found through XDG_DATA_HOME (by the
    game's own reading of it, as platformdirs would; elsewhere platformdirs asks the system,
    so the throwaway INKIND_HOME stays): the game then takes the same path a player's does.
    """
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return env
    env = dict(env)
    env["XDG_DATA_HOME"] = env.pop("INKIND_HOME")
    return env


def _save_a_game_in_progress(home: Path) -> None:
    """A save a few turns into a game, so the title offers Continue (it reads and replays it)."""
    from game.content.sources import load_catalog
    from game.core.cards import Mode
    from game.store.saves import SaveStore

    game = sample(load_catalog(()), Mode.PAIR)
    SaveStore(home / "saves").save(game.level_up or game.award, {"elapsed_seconds": 900.0})


def _save_a_long_game(home: Path) -> None:
    """A save 2,000 actions long (marks given and taken back): the title must not replay it."""
    from game.store.saves import SaveStore

    SaveStore(home / "saves").save(long_game(2_000), {"elapsed_seconds": 900.0})
