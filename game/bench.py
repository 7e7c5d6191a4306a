"""`python -m game.bench`: what players feel, measured headless, against a floor each time.

1. Start-up: `python -m game` to its first title frame, against a bare pygame window.
2. Frame time of every screen at 1280x720 and 1920x1080, against blitting one cached frame.
3. Idle cost: CPU per wall second of the real loop on a table where nothing moves.
4. Deck load: a generated 10,000-card deck loaded and checked, against bare `CSafeLoader`.
5. Memory: peak RSS of a whole game played through the UI by a script.

Every figure is the median of several runs, shown with their min and max; `--quick` runs
fewer (a smoke test for CI), `--json` ends the output with one line of JSON. Timings are
reported, never judged by the exit code. The targets and the numbers we measured are in
docs/performance.md. Nothing touches the player's own files: every process gets a
throwaway data folder (INKIND_HOME, or XDG_DATA_HOME where start-up is timed the way a
player starts the game).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from game.content.sources import Catalog
    from game.content.ui_text import UiText
    from game.core.cards import Mode
    from game.core.state import GameState
    from game.table.samples import SampleGame
    from game.ui.app import App
    from game.ui.scenes.base import Scene

PARTS = ("startup", "idle", "memory", "deck", "frames", "evening", "phones")
SIZES = ((1280, 720), (1920, 1080))
FIRST_FRAME_LINE = "first frame drawn"
READY_LINE = "bench: ready"
CHILD_TIMEOUT = 120.0
FLOOR_CODE = (
    "import pygame; pygame.display.set_mode((1280, 720)); pygame.display.flip(); "
    f"print({FIRST_FRAME_LINE!r}, flush=True)"
)


class BenchError(RuntimeError):
    """A measurement could not be made (a child process failed, a screen broke)."""


@attrs.frozen
class Config:
    """How many times to measure each thing."""

    label: str
    startup_runs: int
    frame_runs: int
    frames: int
    idle_runs: int
    idle_seconds: float
    deck_runs: int
    deck_cards: int
    game_runs: int

    @classmethod
    def full(cls) -> Config:
        return cls(
            label="full",
            startup_runs=9,
            frame_runs=3,
            frames=600,
            idle_runs=3,
            idle_seconds=10.0,
            deck_runs=5,
            deck_cards=10_000,
            game_runs=3,
        )

    @classmethod
    def quick(cls) -> Config:
        """Under 45 s on a 2-core machine: CI's smoke run."""
        return attrs.evolve(
            cls.full(),
            label="quick",
            startup_runs=5,
            frame_runs=2,
            frames=100,
            idle_runs=2,
            idle_seconds=1.5,
            deck_runs=2,
            game_runs=2,
        )

    @classmethod
    def tiny(cls) -> Config:
        """Just enough to see every piece work (for the tests)."""
        return cls(
            label="tiny",
            startup_runs=1,
            frame_runs=1,
            frames=4,
            idle_runs=1,
            idle_seconds=0.3,
            deck_runs=1,
            deck_cards=200,
            game_runs=1,
        )


@attrs.frozen
class Figure:
    """One row of the table: the values of every run, and what we aim for."""

    key: str
    label: str
    unit: str  # "s", "ms", "core", "MB", "x"
    values: tuple[float, ...]
    target: float | None = None  # values must stay under it
    target_text: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.median < self.target


@attrs.frozen
class FrameRun:
    """One run of one screen, in ms: wall-clock median and p99, the p99 of the CPU time the
    drawing thread itself used (the wall p99 minus time lost to other processes), and the
    first frame (opening the screen: layout, text not yet cached)."""

    median: float
    p99: float
    cpu_p99: float
    first: float


@attrs.frozen
class FrameStats:
    """One screen at one size over several runs."""

    scene: str
    size: tuple[int, int]
    runs: tuple[FrameRun, ...]
    frames: int

    @property
    def medians(self) -> tuple[float, ...]:
        return tuple(r.median for r in self.runs)

    @property
    def p99s(self) -> tuple[float, ...]:
        return tuple(r.p99 for r in self.runs)

    @property
    def cpu_p99s(self) -> tuple[float, ...]:
        return tuple(r.cpu_p99 for r in self.runs)

    @property
    def firsts(self) -> tuple[float, ...]:
        return tuple(r.first for r in self.runs)


@attrs.define
class Results:
    config: Config
    figures: list[Figure] = attrs.field(factory=list)
    frames: list[FrameStats] = attrs.field(factory=list)
    notes: list[str] = attrs.field(factory=list)
    machine: dict[str, object] = attrs.field(factory=dict)
    seconds: float = 0.0

    def add(
        self,
        key: str,
        label: str,
        unit: str,
        values: Iterable[float],
        target: float | None = None,
        target_text: str = "",
    ) -> None:
        self.figures.append(Figure(key, label, unit, tuple(values), target, target_text))

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {f.key: round(f.median, 6) for f in self.figures}
        out["figures"] = {
            f.key: {
                "median": f.median,
                "min": f.low,
                "max": f.high,
                "runs": list(f.values),
                "unit": f.unit,
                "target": f.target,
            }
            for f in self.figures
        }
        out["frames"] = [
            {
                "scene": s.scene,
                "size": f"{s.size[0]}x{s.size[1]}",
                "median_ms": statistics.median(s.medians),
                "p99_ms": statistics.median(s.p99s),
                "p99_ms_min": min(s.p99s),
                "p99_ms_max": max(s.p99s),
                "cpu_p99_ms": statistics.median(s.cpu_p99s),
                "first_ms": s.firsts[0],
                "frames_per_run": s.frames,
                "runs": len(s.p99s),
            }
            for s in self.frames
        ]
        out["config"] = attrs.asdict(self.config)
        out["machine"] = self.machine
        out["notes"] = self.notes
        out["seconds"] = round(self.seconds, 1)
        return out


# ---------------------------------------------------------------- processes


def headless_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of every child: no display, no sound device, its own INKIND_HOME.

    Bytecode goes to a private cache (PYTHONPYCACHEPREFIX) so that, after one warm-up run,
    the game starts from compiled files as an installed copy does, even where the caller
    set PYTHONDONTWRITEBYTECODE.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("INKIND_EXIT_AFTER_FIRST_FRAME", None)
    package_root = str(Path(__file__).resolve().parent.parent)
    paths = [package_root, *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env.update(
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
        PYTHONUNBUFFERED="1",
        INKIND_HOME=str(home),
        PYTHONPATH=os.pathsep.join(dict.fromkeys(paths)),
    )
    env.update(extra)
    return env


def _spawn(args: Sequence[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *args],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )


def _name(proc: subprocess.Popen[bytes]) -> str:
    return " ".join(str(arg) for arg in proc.args[1:])  # type: ignore[index]


def _wait_for_line(
    proc: subprocess.Popen[bytes], marker: str, timeout: float = CHILD_TIMEOUT
) -> None:
    """Read the child's output until it says `marker`; fail if it ends or stalls first."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    said = b""
    while marker.encode() not in said:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([proc.stdout], [], [], max(0.0, left))
        chunk = os.read(proc.stdout.fileno(), 65536) if ready else b""
        if not chunk:
            _stop(proc, signal.SIGKILL)
            error = proc.stderr.read() if proc.stderr else b""
            why = "stalled" if not ready else f"ended with code {proc.returncode}"
            text = (said + error).decode(errors="replace")
            raise BenchError(f"{_name(proc)} {why} before saying {marker!r}:\n{text}")
        said += chunk


def _stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM, grace: float = 10.0) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _finish(proc: subprocess.Popen[bytes]) -> None:
    """Let a child that has said what we waited for exit on its own, and check it did well."""
    try:
        _, error = proc.communicate(timeout=CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        _stop(proc, signal.SIGKILL)
        raise BenchError(f"{_name(proc)} did not exit") from None
    if proc.returncode != 0:
        raise BenchError(f"{_name(proc)} exited with {proc.returncode}:\n{error.decode()}")


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by every thread of a process, from /proc (ns where available)."""
    total = 0
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                total += int((task / "schedstat").read_text().split()[0])
            except (OSError, ValueError, IndexError):
                continue
        if total:
            return total / 1e9
    except OSError:
        pass
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- 1. start-up


def time_to_first_frame(args: Sequence[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from starting a process to its 'first frame drawn' line."""
    started = time.perf_counter()
    proc = _spawn(args, env, cwd)
    _wait_for_line(proc, FIRST_FRAME_LINE)
    seconds = time.perf_counter() - started
    _finish(proc)
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
    game_s: list[float] = []
    floor_s: list[float] = []
    saved_s, ratios, long_ratios = [], [], []
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

    sample = _sample(load_catalog(()), Mode.PAIR)
    saved = sample.level_up or sample.award or sample.finished
    SaveStore(home / "saves").save(saved, {"elapsed_seconds": 900.0})


def _save_a_long_game(home: Path) -> None:
    """A save 2,000 actions long (marks given and taken back): the title must not replay it."""
    from game.bench_evening import long_game
    from game.store.saves import SaveStore

    SaveStore(home / "saves").save(long_game(2_000), {"elapsed_seconds": 900.0})


def _sample(catalog: Catalog, mode: Mode, names: Sequence[str] = ("Ana", "Ben")) -> SampleGame:
    from game.table.samples import sample_game

    sample = sample_game(catalog, mode, names=names)
    if sample is None:
        raise BenchError(f"no playable deck for a {mode.value} game")
    return sample


# ---------------------------------------------------------------- 3. idle


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
    proc = _spawn(["-m", "game.bench", "--child", "idle", "--phase", phase], env, cwd)
    try:
        _wait_for_line(proc, READY_LINE)
        time.sleep(min(0.5, seconds / 2))  # the first frames, lazy loads, settle
        cpu, wall = cpu_seconds(proc.pid), time.perf_counter()
        time.sleep(seconds)
        cpu, wall = cpu_seconds(proc.pid) - cpu, time.perf_counter() - wall
        if proc.poll() is not None:
            error = proc.stderr.read().decode() if proc.stderr else ""
            raise BenchError(f"the idle game ended early:\n{error}")
    finally:
        _stop(proc)  # SDL turns SIGTERM into a quit event
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
        sample = _sample(app.catalog(), Mode.PAIR)
        start_game(app, {"deal": sample.start, "share": sample.share or sample.start}[phase])
        print(READY_LINE, flush=True)
        app.loop()
    finally:
        pygame.quit()
    return 0


# ---------------------------------------------------------------- 5. memory


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
        f"the scripted game: {statistics.median(turns):.0f} turns through the UI by keyboard, "
        f"{statistics.median(seconds):.1f} s headless"
    )


def peak_rss_of_a_game(env: dict[str, str], cwd: Path) -> tuple[float, dict[str, Any]]:
    """(peak RSS in MB, the child's report) of a child playing one whole game."""
    proc = _spawn(["-m", "game.bench", "--child", "game"], env, cwd)
    try:
        out, error = proc.communicate(timeout=CHILD_TIMEOUT * 3)
    except subprocess.TimeoutExpired:
        _stop(proc, signal.SIGKILL)
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
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    report = {"peak_rss_kb": peak_kb, "turns": turns, "seconds": time.perf_counter() - started}
    print(json.dumps(report), flush=True)
    return 0


def play_whole_game(app: App, max_keys: int = 5000) -> int:
    """Press keys as a couple would, from the title to the summary; returns the turns played."""
    import pygame

    from game.core.state import Phase
    from game.ui.scenes.summary import SummaryScene
    from game.ui.scenes.table import TableScene

    def press(key: int) -> None:
        while app.input_held():  # the app ignores presses just after a screen changes
            app.pump()
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)
        )
        app.pump()
        for _ in range(240):  # let a card flip or a level fade finish, drawing every frame
            if app.scene is None or not app.scene.animating():
                break
            app.pump()

    def where() -> tuple[object, ...]:
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


# ---------------------------------------------------------------- 4. deck load


def measure_deck(config: Config, work: Path, results: Results) -> None:
    from game.content.bench_deck import make_big_deck_text, measure

    path = work / "big-deck.yaml"
    path.write_text(make_big_deck_text(config.deck_cards), encoding="utf-8")
    ours, bare = [], []
    for _ in range(config.deck_runs):
        load_s, parse_s = measure(path, repeat=1)
        ours.append(load_s)
        bare.append(parse_s)
    cards = f"{config.deck_cards:,}"
    size = path.stat().st_size / 1e6
    results.add("deck_load_s", f"deck load: {cards} cards ({size:.1f} MB), checked", "s", ours)
    results.add("deck_parse_floor_s", "  floor: yaml.load with CSafeLoader alone", "s", bare)
    results.add(
        "deck_load_ratio",
        "  deck load / floor (same run)",
        "x",
        (o / b for o, b in zip(ours, bare, strict=True)),
        1.5,
        "< 1.5x",
    )


# ---------------------------------------------------------------- 2. frame time


def measure_frames(config: Config, work: Path, results: Results) -> None:
    import pygame

    from game.content.ui_text import load_ui_text

    pygame.init()
    try:
        ui_text = load_ui_text()
        for size in SIZES:
            results.frames.extend(_frames_at(size, config, work, ui_text))
    finally:
        pygame.quit()
    for size in SIZES:
        tables = [s for s in results.frames if s.size == size and s.scene.startswith("table")]
        worst = max(tables, key=lambda s: statistics.median(s.p99s))
        tag = str(size[1])
        floor = next(s for s in results.frames if s.size == size and s.scene == "floor")
        results.add(
            f"frame_p99_ms_{tag}",
            f"frame p99, worst table ({worst.scene}) {size[0]}x{size[1]}",
            "ms",
            worst.p99s,
            4.0 if tag == "1080" else None,
            "< 4 ms" if tag == "1080" else "",
        )
        results.add(
            f"frame_cpu_p99_ms_{tag}",
            f"  frame p99 of CPU time, {worst.scene}",
            "ms",
            worst.cpu_p99s,
        )
        results.add(f"frame_median_ms_{tag}", f"  frame median, {worst.scene}", "ms", worst.medians)
        results.add(
            f"frame_floor_ms_{tag}",
            "  floor: blit one cached frame, median",
            "ms",
            floor.medians,
        )


def _frames_at(
    size: tuple[int, int], config: Config, work: Path, ui_text: UiText
) -> list[FrameStats]:
    from game.core.cards import Mode
    from game.store.saves import SaveStore
    from game.store.settings import Settings
    from game.ui.app import App

    app = App(
        size=size,
        store=SaveStore(work / f"frames-{size[0]}x{size[1]}"),
        settings=Settings(),
        save_settings_file=False,
        ui_text=ui_text,
    )
    catalog = app.catalog()
    pair = _sample(catalog, Mode.PAIR)
    circle = _sample(catalog, Mode.CIRCLE, names=("Chloé", "Dmitri", "Eli", "Фатима", "Γιώργος"))
    scenes = _scenes(app, pair, circle)
    runs: dict[str, list[FrameRun]] = {name: [] for name, _, _ in scenes}
    for _ in range(config.frame_runs):
        for name, make, prepare in scenes:
            runs[name].append(_time_scene(app, name, make, prepare, config.frames))
    return [
        FrameStats(name, size, tuple(measured), config.frames) for name, measured in runs.items()
    ]


SceneMaker = Callable[[], "Scene | None"]


def _scenes(
    app: App, pair: SampleGame, circle: SampleGame
) -> list[tuple[str, SceneMaker, Callable[[object], None] | None]]:
    """(name, make the scene, prepare each frame) for every screen worth timing."""
    from game.table.session import Session
    from game.ui.scenes.level_change import LevelChangeScene
    from game.ui.scenes.new_game import NewGameScene
    from game.ui.scenes.summary import SummaryScene
    from game.ui.scenes.table import TableScene
    from game.ui.scenes.title import TitleScene

    def table(state: GameState | None, **changes: object) -> Callable[[], TableScene]:
        assert state is not None  # the sample game reached it

        def make() -> TableScene:
            scene = TableScene(app, Session(state, None, elapsed=754.0))
            for key, value in changes.items():
                setattr(scene, key, value)
            return scene

        return make

    def deck_page() -> Scene | None:
        scene = NewGameScene(app)
        app.switch(scene)
        scene.go_next()  # pushes the deck page
        return app.scene

    def flipping(scene: object) -> None:
        if isinstance(scene, TableScene) and scene.flip >= 1.0:
            scene.flip = 0.0  # the card turns over again: 60 fps for FLIP_SECONDS

    def fading(scene: object) -> None:
        if isinstance(scene, LevelChangeScene) and not scene.animating():
            scene.age = 0.0

    def level_change() -> LevelChangeScene:
        state = pair.level_up or pair.start
        return LevelChangeScene(app, table(state)().session, min(2, len(state.deck.levels)))

    return [
        ("title", lambda: TitleScene(app), None),
        ("new game: players", lambda: NewGameScene(app), None),
        ("new game: deck", deck_page, None),
        ("table: deal", table(pair.start), None),
        ("table: card flipping", table(pair.share, flip=0.0), flipping),
        ("table: share, timer", table(pair.share), None),
        ("table: respond", table(pair.respond), None),
        ("table: respond, ideas", table(pair.respond, hints_open=True), None),
        ("table: award", table(pair.award), None),
        ("table: award, 5 players", table(circle.award), None),
        ("table: wild card", table(pair.wild or pair.share), None),
        ("level change: fading in", level_change, fading),
        ("summary", lambda: SummaryScene(app, pair.finished), None),
        ("floor", lambda: None, None),
    ]


def _time_scene(
    app: App,
    name: str,
    make: SceneMaker,
    prepare: Callable[[object], None] | None,
    frames: int,
) -> FrameRun:
    """`frames` steps of the app on one screen, each timed as the loop runs it."""
    import pygame

    step_dt = 1 / 60
    clock = time.perf_counter
    if name == "floor":
        app.draw()
        cached = app.screen.copy()

        def one_frame() -> None:
            app.screen.blit(cached, (0, 0))
            pygame.display.flip()

        started = clock()
        one_frame()
        first = clock() - started
    else:
        started = clock()
        scene = make()
        if scene is not None and app.scene is not scene:
            app.switch(scene)
        app.step((), step_dt)
        first = clock() - started

        def one_frame() -> None:
            app.step((), step_dt)

    scene = app.scene
    for _ in range(3):
        one_frame()  # what the first frames cache
    times, cpu_times = [], []
    for _ in range(frames):
        if prepare is not None:
            prepare(scene)
        cpu_started = time.thread_time()
        started = clock()
        one_frame()
        times.append(clock() - started)
        cpu_times.append(time.thread_time() - cpu_started)
    if name != "floor" and app.scene is not scene:
        raise BenchError(f"the screen {name!r} failed while drawing (see the game's log)")
    return FrameRun(
        median=statistics.median(times) * 1000,
        p99=percentile(times, 99) * 1000,
        cpu_p99=percentile(cpu_times, 99) * 1000,
        first=first * 1000,
    )


def percentile(values: Iterable[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value that `share` % of the values do not exceed."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share / 100 * len(ordered)))
    return ordered[rank - 1]


# ---------------------------------------------------------------- running and reporting


def machine() -> dict[str, object]:
    import pygame
    import yaml

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "system": f"{platform.system()} {platform.release()}",
        "cpu": model or platform.processor(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "pygame": f"pygame-ce {pygame.version.ver} (SDL {'.'.join(map(str, pygame.get_sdl_version()))})",
        "pyyaml": f"{yaml.__version__}{' with libyaml' if yaml.__with_libyaml__ else ''}",
        "load_before": round(load[0], 2),
    }


def run_benchmark(
    config: Config, parts: Sequence[str] = PARTS, progress: Callable[[str], None] | None = None
) -> Results:
    """Measure the chosen parts; every process it starts has its own throwaway INKIND_HOME."""
    _headless()
    say = progress or (lambda message: None)
    results = Results(config)
    results.machine = machine()
    started = time.perf_counter()
    steps = {
        "startup": ("start-up", measure_startup),
        "idle": ("idle cost", measure_idle),
        "memory": ("memory of a whole game", measure_memory),
        "deck": ("deck load", measure_deck),
        "frames": ("frame times", measure_frames),
        "evening": ("a long evening", _measure_evening),
        "phones": ("phones", _measure_phones),
    }
    with tempfile.TemporaryDirectory(prefix="inkind-bench-") as folder:
        for part in PARTS:
            if part not in parts:
                continue
            title, measure = steps[part]
            say(f"{title}…")
            part_started = time.perf_counter()
            work = Path(folder) / part
            work.mkdir()
            measure(config, work, results)
            say(f"{title}: {time.perf_counter() - part_started:.1f} s")
    results.seconds = time.perf_counter() - started
    results.machine["load_after"] = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else 0
    return results


def _measure_evening(config: Config, work: Path, results: Results) -> None:
    from game.bench_evening import measure_evening  # saves, resume, openings, 4K frames

    measure_evening(config, work, results)


def _measure_phones(config: Config, work: Path, results: Results) -> None:
    from game.bench_phones import measure_phones  # tap to frame, twelve phones' load

    measure_phones(config, work, results)


def _headless() -> None:
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def _value(value: float, unit: str) -> str:
    if unit == "core":
        return f"{value * 100:.2f} %"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    return f"{value:.1f} {unit}"


def render(results: Results) -> str:
    """The figures and the frame times as plain-text tables."""
    config, info = results.config, results.machine
    lines = [
        f"In Kind benchmark ({config.label}), {results.seconds:.0f} s: {info['cores']} cores "
        f"{info['cpu']}, {info['system']}, Python {info['python']}, {info['pygame']}, "
        f"PyYAML {info['pyyaml']}; load average {info['load_before']} before, "
        f"{info.get('load_after', '?')} after",
        "",
    ]
    rows: list[tuple[str, ...]] = [("figure", "median", "min", "max", "runs", "target", "")]
    for f in results.figures:
        verdict = {None: "", True: "ok", False: "MISSED"}[f.met]
        rows.append(
            (
                f.label,
                _value(f.median, f.unit),
                _value(f.low, f.unit),
                _value(f.high, f.unit),
                str(len(f.values)),
                f.target_text,
                verdict,
            )
        )
    lines += _columns(rows)
    if results.frames:
        runs = len(results.frames[0].p99s)
        lines += [
            "",
            f"Frame time in ms: update + draw + flip as the loop does it, {runs} run(s) of "
            f"{results.frames[0].frames} frames; p99 as median [min-max] of the runs; "
            "cpu p99 = the drawing thread's own CPU time (without time lost to other "
            "processes); first = opening the screen and drawing its first frame, in the first "
            "run (text not yet cached)",
        ]
        header = ["scene"]
        for width, height in SIZES:
            header += [f"{width}x{height} median", "p99", "cpu p99", "first"]
        rows = [tuple(header)]
        for name in dict.fromkeys(s.scene for s in results.frames):
            row = [name if name != "floor" else "floor: blit one cached frame"]
            for size in SIZES:
                stats = next(s for s in results.frames if s.scene == name and s.size == size)
                p99 = statistics.median(stats.p99s)
                row += [
                    f"{statistics.median(stats.medians):.2f}",
                    f"{p99:.2f} [{min(stats.p99s):.2f}-{max(stats.p99s):.2f}]",
                    f"{statistics.median(stats.cpu_p99s):.2f}",
                    f"{stats.firsts[0]:.1f}",
                ]
            rows.append(tuple(row))
        lines += _columns(rows)
    for note in results.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def _columns(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.bench",
        description="Measure start-up, frame time, idle cost, deck load and memory, headless.",
    )
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke test, < 45 s)")
    parser.add_argument("--json", action="store_true", help="end with one line of JSON")
    parser.add_argument(
        "--only",
        metavar="PARTS",
        help=f"comma-separated parts to run (default all: {','.join(PARTS)})",
    )
    parser.add_argument("--tiny", action="store_true", help=argparse.SUPPRESS)  # for the tests
    parser.add_argument(
        "--child", choices=("idle", "game", "evening", "phones"), help=argparse.SUPPRESS
    )
    parser.add_argument("child_args", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--turns", type=int, default=1000, help=argparse.SUPPRESS)
    parser.add_argument(
        "--phase", choices=("deal", "share"), default="deal", help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    _headless()
    if args.child == "idle":
        return child_idle(args.phase)
    if args.child == "game":
        return child_game()
    if args.child == "evening":
        from game.bench_evening import child_long_evening

        return child_long_evening(args.turns)
    if args.child == "phones":
        from game.bench_phones import child_phones

        return child_phones(args.child_args)
    parts = PARTS if not args.only else tuple(p.strip() for p in args.only.split(","))
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    config = Config.tiny() if args.tiny else Config.quick() if args.quick else Config.full()
    before = os.environ.get("INKIND_HOME")
    with tempfile.TemporaryDirectory(prefix="inkind-bench-home-") as home:
        os.environ["INKIND_HOME"] = home  # this process's own frames never see real user data
        try:
            results = run_benchmark(config, parts, progress=lambda m: print(m, file=sys.stderr))
        except BenchError as error:
            print(f"bench: {error}", file=sys.stderr)
            return 1
        finally:
            if before is None:
                os.environ.pop("INKIND_HOME", None)
            else:
                os.environ["INKIND_HOME"] = before
    print(render(results))
    if args.json:
        print(json.dumps(results.as_json(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
