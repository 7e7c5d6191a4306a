"""`python -m bench`: what players feel, measured headless, against a floor each time.

Run from a checkout (the benchmark is not part of the installed game):

1. Start-up: `python -m game` to its first title frame, against a bare pygame window
   (bench/startup.py).
2. Frame time of every screen at 1280x720 and 1920x1080, against blitting one cached frame
   (bench/frames.py).
3. Idle cost: CPU per wall second of the real loop on a table where nothing moves
   (bench/idle.py).
4. Deck load: a generated 10,000-card deck loaded and checked, against bare `CSafeLoader`
   (bench/deck.py).
5. Memory: peak RSS of a whole game played through the UI by a script (bench/memory.py).
6. A long evening: saves, resume, screen openings, 4K frames, the deck page's decks, RSS
   after many turns (bench/evening.py).
7. Phones: a tap to the TV's frame, and frames under twelve busy phones (bench/phones.py).

Every figure is the median of several runs, shown with their min and max; `--quick` runs
fewer (a smoke test for CI), `--json` ends the output with one line of JSON. Timings are
reported, never judged by the exit code. The targets and the numbers we measured are in
docs/performance.md. Nothing touches the player's own files: every process gets a
throwaway data folder (INKIND_HOME, or XDG_DATA_HOME where start-up is timed the way a
player starts the game). The child processes it starts run `python -m bench --child ...`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.common import BenchError, Config, Results, headless
from bench.report import machine, render

# Each part's module is imported only when it runs: a child process (`--child`) measures
# the game's memory, and the other parts' modules (asyncio and websockets for the phones)
# counted 4.7 MB of its RSS that the game never has (issue 27).

PARTS = ("startup", "idle", "memory", "deck", "frames", "evening", "phones")


def run_benchmark(
    config: Config, parts: Sequence[str] = PARTS, progress: Callable[[str], None] | None = None
) -> Results:
    """Measure the chosen parts; every process it starts has its own throwaway INKIND_HOME."""
    headless()
    say = progress or (lambda message: None)
    results = Results(config)
    results.machine = machine()
    started = time.perf_counter()
    steps: dict[str, tuple[str, str]] = {
        "startup": ("start-up", "bench.startup:measure_startup"),
        "idle": ("idle cost", "bench.idle:measure_idle"),
        "memory": ("memory of a whole game", "bench.memory:measure_memory"),
        "deck": ("deck load", "bench.deck:measure_deck"),
        "frames": ("frame times", "bench.frames:measure_frames"),
        "evening": ("a long evening", "bench.evening:measure_evening"),
        "phones": ("phones", "bench.phones:measure_phones"),
    }
    with tempfile.TemporaryDirectory(prefix="inkind-bench-") as folder:
        for part in PARTS:
            if part not in parts:
                continue
            title, where = steps[part]
            module, name = where.split(":")
            measure = getattr(importlib.import_module(module), name)
            say(f"{title}…")
            part_started = time.perf_counter()
            work = Path(folder) / part
            work.mkdir()
            measure(config, work, results)
            say(f"{title}: {time.perf_counter() - part_started:.1f} s")
    results.seconds = time.perf_counter() - started
    results.machine["load_after"] = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else 0
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
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
        "--child", choices=("idle", "game", "evening", "phones", "refuse"), help=argparse.SUPPRESS
    )
    parser.add_argument("child_args", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--turns", type=int, default=1000, help=argparse.SUPPRESS)
    parser.add_argument("--cards", type=int, default=8000, help=argparse.SUPPRESS)
    parser.add_argument("--phones", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument(
        "--phase", choices=("deal", "share"), default="deal", help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    headless()
    if args.child == "idle":
        from bench.idle import child_idle

        return child_idle(args.phase)
    if args.child == "game":
        from bench.memory import child_game

        return child_game()
    if args.child == "evening":
        from bench.evening import child_long_evening

        return child_long_evening(args.turns, args.cards, args.phones)
    if args.child == "phones":
        from bench.phones import child_phones

        return child_phones(args.child_args)
    if args.child == "refuse":
        from bench.deck import child_refuse

        return child_refuse(args.child_args[0])
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
