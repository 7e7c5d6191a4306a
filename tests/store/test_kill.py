"""Kill -9 a process while it saves after every action; the resumed game loses nothing.

A child process resumes whatever is saved (or starts a game), then plays and saves one
action at a time, printing "seed actions" after each save. It is killed at a random moment
30 times. Every resume must equal the deterministic game at that point, never be behind
what the child last reported, and never need the backup.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest

from game.core.engine import new_game
from game.core.state import GameState
from game.store.saves import SaveStore

from .games import new_setup, play

ROOT = Path(__file__).resolve().parents[2]
RUNS = 30

CHILD = r"""
import sys

from game.core.engine import new_game
from game.store.saves import SaveStore
from tests.store.games import new_setup, play

def report(state):
    sys.stdout.write(f"{state.setup.seed} {len(state.log)}\n")  # one write: whole lines only
    sys.stdout.flush()


store = SaveStore()
loaded = store.load()
assert loaded.message is None, loaded.message
state = loaded.state if loaded.unfinished else None
if state is None:
    seed = 1 if loaded.state is None else loaded.state.setup.seed + 1
    state = new_game(new_setup(seed=seed))
    store.save(state)
    report(state)
while not state.finished:
    state = play(state, 1, seed=len(state.log))
    store.save(state, {"actions": len(state.log)})
    report(state)
"""


@cache
def expected_game(seed: int) -> tuple[GameState, ...]:
    """The game the child plays with this seed, one state per action."""
    state = new_game(new_setup(seed=seed))
    states = [state]
    while not state.finished:
        state = play(state, 1, seed=len(state.log))
        states.append(state)
    return tuple(states)


def run_and_kill(chooser: random.Random) -> tuple[int, int] | None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    first = child.stdout.readline()  # wait until it is saving, then kill it mid-stride
    time.sleep(chooser.uniform(0.0, 0.03))
    child.send_signal(signal.SIGKILL)
    child.wait()
    # Read the rest through the same buffered files: `communicate()` reads the pipes' raw
    # descriptors and would miss the lines `readline` had already buffered (lines lost, and
    # the disk then seemed more than one save ahead of what the child said).
    rest, errors = child.stdout.read(), child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    assert child.returncode in (-signal.SIGKILL, 0), errors
    complete = [
        line.split() for line in (first + rest).splitlines(keepends=True) if line.endswith("\n")
    ]
    if not complete:
        return None
    seed, actions = complete[-1]
    return int(seed), int(actions)


@pytest.mark.slow  # 30 subprocesses killed mid-save; test_atomic.py stays quick
def test_thirty_kills_lose_nothing():
    chooser = random.Random(2024)
    reported_total = 0
    for run in range(RUNS):
        last_reported = run_and_kill(chooser)
        loaded = SaveStore().load()
        assert loaded.message is None, f"run {run}: {loaded.message}"
        state = loaded.state
        assert state is not None
        seed, actions = state.setup.seed, len(state.log)
        assert state == expected_game(seed)[actions], f"run {run}: not the game it played"
        if last_reported is not None:
            reported_total += 1
            # The disk may be one save ahead of the last line the child managed to print.
            assert (seed, actions) >= last_reported, f"run {run}: lost an action"
            assert actions <= last_reported[1] + 1 or seed > last_reported[0]
    assert reported_total >= RUNS * 2 // 3
