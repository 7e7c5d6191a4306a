"""Memory: the peak RSS of a whole game played through the UI by keys, title to summary, in a
child process (`python -m bench --child game`)."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

from bench.common import (
    CHILD_TIMEOUT,
    BenchError,
    Config,
    Results,
    headless_env,
    median,
    percentile,
    spawn,
    stop,
)


def measure_memory(config: Config, work: Path, results: Results) -> None:
    peaks, seconds, turns = [], [], []
    for run in range(config.game_runs):
        home = work / f"game-home-{run}"
        home.mkdir()
        env = headless_env(home, PYTHONPYCACHEPREFIX=str(work / "pycache"))
        peak, report = peak_rss_of_a_game(env, work)
        peaks.append(peak)
        seconds.append(report["seconds"])
        turns.append(report["turns"])
    results.add(
        "peak_rss_mb",
        "peak memory (RSS) of a whole game",
        "MB",
        peaks,
        150.0,
        "< 150 MB",
    )
    results.notes.append(
        f"the scripted game: {median(turns):.0f} turns through the UI by keyboard, "
        f"{median(seconds):.1f} s headless"
    )
    measure_card_memory(config, work, results)


def measure_card_memory(config: Config, work: Path, results: Results) -> None:
    """One card dealt with a big card memory (3.5 MB: a hundred groups' evenings), as the
    table pays it each time a card turns: it must not grow with the file (issue 23)."""
    from game.store.memory import Keeper, changes_path

    path = work / "card-memory" / "memory.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    groups = [
        {
            "names": [f"Player {g}a", f"Player {g}b"],
            "decks": {
                "closer": {
                    "had": {f"old-card-{c:05d}": "2026-11-01" for c in range(1_150)},
                    "starred": {},
                    "not_for_us": {},
                }
            },
        }
        for g in range(100)
    ]
    path.write_text(json.dumps({"memory": 1, "groups": groups}), encoding="utf-8")
    size_mb = path.stat().st_size / (1024 * 1024)
    count, runs = {"full": (300, 3), "quick": (100, 1)}.get(config.label, (30, 1))
    cards = [f"new-card-{c:04d}" for c in range(count)]
    times: list[float] = []
    for _ in range(runs):
        keeper = Keeper(("Player 7a", "Player 7b"), "closer", cards, path=path)
        for card in cards:
            started = time.perf_counter()
            keeper.dealt(card)
            times.append((time.perf_counter() - started) * 1000)
        changes_path(path).unlink(missing_ok=True)  # the next run starts from the same file
    results.add(
        "card_dealt_big_memory_p99_ms",
        f"one card dealt, card memory of {size_mb:.1f} MB (p99 of {len(times)})",
        "ms",
        [percentile(times, 0.99)],
        5.0,
        "< 5 ms p99",
    )


def peak_rss_of_a_game(env: dict[str, str], cwd: Path) -> tuple[float, dict]:
    """(peak RSS in MB, the child's report) of a child playing one whole game."""
    proc = spawn(["-m", "bench", "--child", "game"], env, cwd)
    try:
        out, error = proc.communicate(timeout=CHILD_TIMEOUT * 3)
    except subprocess.TimeoutExpired:
        stop(proc, signal.SIGKILL)
        raise BenchError("the scripted game did not finish") from None
    if proc.returncode != 0:
        raise BenchError(f"the scripted game failed ({proc.returncode}):\n{error.decode()}")
    report = json.loads(out.decode().strip().splitlines()[-1])
    return report["peak_rss_kb"] / 1024, report


def child_game() -> int:
    """Play one whole pair game by keyboard, title to summary, and report peak RSS."""
    import resource

    import pygame

    from game.content.ui_text import load_ui_text
    from game.store.saves import SaveStore
    from game.ui.app import App
    from game.ui.scenes.title import TitleScene

    started = time.perf_counter()
    pygame.init()
    try:
        app = App(store=SaveStore(), ui_text=load_ui_text())
        app.switch(TitleScene(app))
        app.pump()
        turns = play_whole_game(app)
    finally:
        pygame.quit()
    # This process's own peak: on Linux `ru_maxrss` keeps the parent's across exec, so a
    # benchmark grown big before it spawned this child would be measured instead.
    peak_kb = _own_peak_kb()
    if peak_kb is None:  # no /proc (the BSDs, macOS): ru_maxrss, in kB on the BSDs
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = {"peak_rss_kb": peak_kb, "turns": turns, "seconds": time.perf_counter() - started}
    print(json.dumps(report), flush=True)
    return 0


def _own_peak_kb() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def play_whole_game(app, max_keys: int = 5000) -> int:
    """Press keys as a couple would, from the title to the summary; returns the turns played."""
    import pygame

    from game.core.state import Phase
    from game.ui.scenes.registry import scene_class

    SummaryScene, TableScene = scene_class("summary"), scene_class("table")

    def press(key: int) -> None:
        waiting = getattr(app.scene, "loading", None)  # the deck page's decks (a thread's)
        if waiting is not None:
            if not waiting.wait(CHILD_TIMEOUT):
                raise BenchError("the decks were never read")
            app.pump()  # the page takes them in
        while app.input_held():  # the app ignores presses just after a screen changes
            app.pump()
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)
        )
        app.pump()
        for _ in range(240):  # let a card flip or a level fade finish, drawing every frame
            if not app.scene.animating():
                break
            app.pump()

    def where() -> tuple:
        scene = app.scene
        state = getattr(scene, "state", None)
        return (
            type(scene).__name__,
            getattr(scene, "page", None),
            getattr(scene, "overlay", None),
            state.phase.name if state is not None else None,
            len(state.log) if state is not None else None,
        )

    last, same = None, 0
    for _ in range(max_keys):
        scene = app.scene
        if isinstance(scene, SummaryScene):
            return scene.state.turn
        now = where()
        same = same + 1 if now == last else 0
        last = now
        if same >= 10:
            raise BenchError(
                f"the scripted game is stuck at {now} (scene, page, overlay, phase, actions)"
            )
        if not isinstance(scene, TableScene):
            press(pygame.K_RETURN)  # title: New game; players; deck: start; next level
            continue
        phase = scene.state.phase
        if phase is Phase.AWARD:
            press(pygame.K_1)  # a deepening question
            press(pygame.K_2)  # a felt response
            press(pygame.K_5)  # the sharer shared a feeling
            press(pygame.K_RETURN)
        elif phase is Phase.DEEPER:
            press(pygame.K_1)  # ready to go deeper
        else:
            press(pygame.K_RETURN)  # draw, done sharing, done responding, closing card
    raise BenchError(f"the scripted game did not end within {max_keys} keys (at {where()})")
