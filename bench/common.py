"""What every part of the benchmark shares: how often to measure (Config), the figures
(Results), percentiles, the headless environment and the child processes it starts.

Imports only the standard library and attrs at the top: a child process (`python -m bench
--child ...`) and every part import it, and the game's modules are imported inside the
functions that need them.
"""

from __future__ import annotations

import math
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

SIZES = ((1280, 720), (1920, 1080))
CHILD_TIMEOUT = 120.0


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
    pile_runs: int  # the deck page reading a big pile of decks
    pile_decks: int
    pile_cards: int  # in the pile's biggest deck
    # The realistic evening (issue 27): twelve players, marks, passes, wild cards, levels.
    evening_cards: int = 8_000  # in its generated deck
    evening_actions: int = 100_000  # the long game resumed and saved
    resume_runs: int = 3
    page_decks: tuple[int, ...] = (0, 200, 800)  # decks of the player's own, deck page
    refuse_runs: int = 3  # a 100,000-card file refused

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
            pile_runs=3,
            pile_decks=200,
            pile_cards=15_500,
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
            pile_runs=1,
            resume_runs=1,
            page_decks=(0, 200),
            refuse_runs=1,
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
            pile_runs=1,
            pile_decks=20,
            pile_cards=500,
            evening_cards=600,
            evening_actions=3_000,
            resume_runs=1,
            page_decks=(0, 200),
            refuse_runs=1,
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
    at_most: bool = False  # the target itself is met too ("<= 1.2x")

    @property
    def median(self) -> float:
        return median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.median <= self.target if self.at_most else self.median < self.target


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
        at_most: bool = False,
    ) -> None:
        """`target_text` as issue 27's table says it; `at_most`: the target itself is met."""
        self.figures.append(Figure(key, label, unit, tuple(values), target, target_text, at_most))

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
                "median_ms": median(s.medians),
                "p99_ms": median(s.p99s),
                "p99_ms_min": min(s.p99s),
                "p99_ms_max": max(s.p99s),
                "cpu_p99_ms": median(s.cpu_p99s),
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


def spawn(args: Sequence[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    """Start `python ARGS` (e.g. `-m bench --child idle`) with its output piped back."""
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


def wait_for_line(
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
            stop(proc, signal.SIGKILL)
            error = proc.stderr.read() if proc.stderr else b""
            why = "stalled" if not ready else f"ended with code {proc.returncode}"
            text = (said + error).decode(errors="replace")
            raise BenchError(f"{_name(proc)} {why} before saying {marker!r}:\n{text}")
        said += chunk


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM, grace: float = 10.0) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def finish(proc: subprocess.Popen[bytes]) -> None:
    """Let a child that has said what we waited for exit on its own, and check it did well."""
    try:
        _, error = proc.communicate(timeout=CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        stop(proc, signal.SIGKILL)
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


def median(values: Iterable[float]) -> float:
    """`statistics.median`, its module imported when first asked for: the long evening's
    child measures a game at its table, which imports no statistics (nor fractions and
    decimal with it, 0.45 MB), so the benchmark's own modules import none either."""
    import statistics

    return statistics.median(values)


def percentile(values: Iterable[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value that `share` % of the values do not exceed."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share / 100 * len(ordered)))
    return ordered[rank - 1]


def headless() -> None:
    """No display, no sound device: this process's own windows are headless too."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
