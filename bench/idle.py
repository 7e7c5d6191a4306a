"""Idle cost: CPU per wall second of the real loop on a table where nothing moves, in a
child process (`python -m bench --child idle`), and with a timer ticking."""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import (
    BenchError,
    Config,
    Results,
    cpu_seconds,
    headless_env,
    spawn,
    stop,
    wait_for_line,
)
from bench.games import sample

READY_LINE = "bench: ready"


def measure_idle(config: Config, work: Path, results: Results) -> None:
    home = work / "idle-home"
    home.mkdir()
    env = headless_env(home, PYTHONPYCACHEPREFIX=str(work / "pycache"))
    for phase, key, label, target in (
        ("deal", "idle_cpu_fraction", "idle table, nothing moves (one core)", 0.03),
        ("share", "idle_timer_cpu_fraction", "  idle table, a timer ticking each second", 0.03),
    ):
        values = tuple(
            idle_fraction(phase, config.idle_seconds, env, work) for _ in range(config.idle_runs)
        )
        results.add(key, label, "core", values, target, "< 3 %")


def idle_fraction(phase: str, seconds: float, env: dict[str, str], cwd: Path) -> float:
    """CPU seconds per wall second of a child running the real loop on a table in `phase`."""
    proc = spawn(["-m", "bench", "--child", "idle", "--phase", phase], env, cwd)
    try:
        wait_for_line(proc, READY_LINE)
        time.sleep(min(0.5, seconds / 2))  # the first frames, lazy loads, settle
        cpu, wall = cpu_seconds(proc.pid), time.perf_counter()
        time.sleep(seconds)
        cpu, wall = cpu_seconds(proc.pid) - cpu, time.perf_counter() - wall
        if proc.poll() is not None:
            error = proc.stderr.read().decode() if proc.stderr else ""
            raise BenchError(f"the idle game ended early:\n{error}")
    finally:
        stop(proc)  # SDL turns SIGTERM into a quit event
    return cpu / wall


def child_idle(phase: str) -> int:
    """Open the game as `inkind` does, put a table in `phase` on screen, and run the loop."""
    import pygame

    from game.content.ui_text import load_ui_text
    from game.core.cards import Mode
    from game.store.saves import SaveStore
    from game.ui.app import App
    from game.ui.play import start_game

    pygame.init()
    try:
        app = App(store=SaveStore(), ui_text=load_ui_text())
        game = sample(app.catalog(), Mode.PAIR)
        start_game(app, {"deal": game.start, "share": game.share}[phase])
        print(READY_LINE, flush=True)
        app.loop()
    finally:
        pygame.quit()
    return 0
