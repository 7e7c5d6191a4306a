"""Start-up: `python -m game` to its first title frame, against a bare pygame window; with a
game saved (Continue), and with a 2,000-action game saved against none."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import Config, Results, finish, headless_env, spawn, wait_for_line
from bench.games import long_game, sample

FIRST_FRAME_LINE = "first frame drawn"
FLOOR_CODE = (
    "import pygame; pygame.display.set_mode((1280, 720)); pygame.display.flip(); "
    f"print({FIRST_FRAME_LINE!r}, flush=True)"
)


def time_to_first_frame(args: Sequence[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from starting a process to its 'first frame drawn' line."""
    started = time.perf_counter()
    proc = spawn(args, env, cwd)
    wait_for_line(proc, FIRST_FRAME_LINE)
    seconds = time.perf_counter() - started
    finish(proc)
    return seconds


def measure_startup(config: Config, work: Path, results: Results) -> None:
    home = work / "startup-home"
    saved_home = work / "startup-saved-home"
    long_home = work / "startup-long-home"
    for folder in (home, saved_home, long_home):
        folder.mkdir()
    _save_a_game_in_progress(saved_home)
    _save_a_long_game(long_home)
    cache = {"PYTHONPYCACHEPREFIX": str(work / "pycache")}
    game_env = _as_a_player_starts(headless_env(home, INKIND_EXIT_AFTER_FIRST_FRAME="1", **cache))
    saved_env = headless_env(saved_home, INKIND_EXIT_AFTER_FIRST_FRAME="1", **cache)
    long_env = headless_env(long_home, INKIND_EXIT_AFTER_FIRST_FRAME="1", **cache)
    plain_env = headless_env(home, INKIND_EXIT_AFTER_FIRST_FRAME="1", **cache)
    floor_env = headless_env(home, **cache)
    game, floor, saved = ["-m", "game"], ["-c", FLOOR_CODE], ["-m", "game"]
    for args, env in ((game, game_env), (floor, floor_env), (saved, saved_env), (game, long_env)):
        time_to_first_frame(args, env, work)  # warm-up: bytecode, file cache
    game_s, floor_s, saved_s, ratios, long_ratios = [], [], [], [], []
    for run in range(config.startup_runs):
        pair = [(floor, floor_env, floor_s), (game, game_env, game_s)]
        for args, env, into in pair if run % 2 else reversed(pair):
            into.append(time_to_first_frame(args, env, work))
        ratios.append(game_s[-1] / floor_s[-1])
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
    results.add("startup_ratio", "  start-up / floor (same run)", "x", ratios, 1.5, "< 1.5x")
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
    )


def _as_a_player_starts(env: dict[str, str]) -> dict[str, str]:
    """Without INKIND_HOME, as players start the game, where the data folder can be moved safely.

    Only on Linux and the BSDs, where platformdirs finds the folder through XDG_DATA_HOME
    (elsewhere it asks the system, so the throwaway INKIND_HOME stays): the game then
    takes the same path a player's does, platformdirs included.
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
