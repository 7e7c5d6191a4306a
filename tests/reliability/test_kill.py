"""Kill -9 the real game while it plays itself; on restart it is exactly where it last saved.

`python -m game` runs headless with INKIND_AUTOPLAY (a seeded stream of key presses: new
game, Enter through the phases, marks, passes, skips, play again) and INKIND_REPORT_SAVES
(one line per save: turn, actions, sha256 of the file). It is killed at a random moment,
30 times in a row in the same user folder, each run resuming the last with Continue.

After every kill the save must load with no message (no backup needed) and be the last
save the process reported, byte for byte. The disk may be one save ahead of the last line
the process managed to print; then the backup is that last reported save and the current
one is its next step. The next run's first save must continue that game with one action.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import attrs
import pytest

from game.core.state import GameState
from game.store.paths import all_paths
from game.store.saves import SaveStore
from game.ui.autoplay import AUTOPLAY, REPORT_SAVES

ROOT = Path(__file__).resolve().parents[2]
RUNS = 30
SEED = 2025
EARLY = 0.15  # the share of kills at any moment after launch, maybe before the first save
SAVES_TIMEOUT = 60.0


@attrs.frozen
class Reported:
    turn: int
    actions: int
    digest: str


@attrs.frozen
class Run:
    saves: tuple[Reported, ...]
    seconds: float


def digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def play_and_kill(run: int, chooser: random.Random, errors: Path) -> Run:
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        "PYTHONPATH": str(ROOT),
        AUTOPLAY: str(SEED + run),
        REPORT_SAVES: "1",
    }
    started = time.perf_counter()
    with open(errors, "wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "game"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr
        )
        lines: list[bytes] = []
        saved = threading.Condition()
        count = [0]  # saves reported so far

        def read() -> None:
            for line in child.stdout:
                lines.append(line)
                if line.startswith(b"saved "):
                    with saved:
                        count[0] += 1
                        saved.notify_all()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        if chooser.random() < EARLY:
            time.sleep(chooser.uniform(0.0, 1.2))
        else:
            # Killed after a number of saves, not after a time: a busy machine plays slower
            # and the test means the same. The kill lands at a moment the game chose by itself.
            wanted = chooser.randint(1, 25)
            with saved:
                assert saved.wait_for(lambda: count[0] >= wanted, SAVES_TIMEOUT), (
                    f"run {run}: {count[0]} of {wanted} saves reported"
                )
        assert child.poll() is None, f"run {run}: the game stopped by itself:\n{errors.read_text()}"
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join(10)
    assert child.returncode == -signal.SIGKILL
    assert b"Traceback" not in errors.read_bytes(), errors.read_text()
    saves = []
    for line in lines:
        if line.startswith(b"saved ") and line.endswith(
            b"\n"
        ):  # a cut-off last line is not a report
            _, turn, actions, sha = line.split()
            saves.append(Reported(int(turn), int(actions), sha.decode()))
    return Run(tuple(saves), time.perf_counter() - started)


def is_next_save(before: GameState, after: GameState) -> bool:
    """One action more in the same game, or the first save of a new game after a finished one.

    A save may also hold no new action: the table's own walk moved on (a mirror's story was
    retold), and that is saved too, so a resumed game resumes mid-walk.
    """
    if after.setup == before.setup:
        if after.log == before.log:
            return True
        return after.log[:-1] == before.log and len(after.log) == len(before.log) + 1
    return before.finished and after.log == ()


@pytest.mark.slow  # 30 real games in subprocesses, about 40 s
def test_thirty_kills_of_the_real_game_lose_nothing(tmp_path):
    chooser = random.Random(SEED)
    store = SaveStore()
    exact = ahead = reported = unsaved = mid_write = games = 0
    on_disk = None  # the digest of the last save known to be written
    resumed: GameState | None = None
    started = time.perf_counter()
    for run in range(RUNS):
        result = play_and_kill(run, chooser, tmp_path / f"stderr-{run}.txt")
        reported += len(result.saves)
        games += sum(1 for save in result.saves if save.actions == 0)
        unsaved += not result.saves
        mid_write += any(store.folder.glob(".*.tmp"))  # a temporary file cut off mid-write
        if result.saves:
            first = result.saves[0]
            if resumed is not None and not resumed.finished:  # Continue, then one action
                # One move on from the save: the same turn, or the next (two turns on when a
                # passed card ends: its answerer's turn was used too).
                # (a star is saved too, with no move)
                assert first.actions - len(resumed.log) in (0, 1), f"run {run}: not one move on"
                assert resumed.turn <= first.turn <= resumed.turn + 2, (
                    f"run {run}: did not continue the saved game"
                )
            else:
                assert first.actions == 0, f"run {run}: did not start a new game"
        last = result.saves[-1].digest if result.saves else on_disk

        loaded = store.load()
        assert loaded.message is None, f"run {run}: {loaded.message}"
        current = digest(store.current_path)
        if current == last:
            exact += 1
        else:  # killed after a save was written and before its line was printed
            assert current is not None, f"run {run}: the save vanished"
            if last is None:
                assert loaded.state.log == (), f"run {run}: an unreported save is not a new game"
            else:
                assert digest(store.backup_path) == last, f"run {run}: lost the reported save"
                before = store.state_in(store.backup_path)
                assert before is not None, f"run {run}: the backup does not read"
                assert is_next_save(before, loaded.state), f"run {run}: more than one save ahead"
            ahead += 1
        on_disk = current
        resumed = loaded.state
    assert not all_paths()["log"].exists(), all_paths()["log"].read_text()
    print(
        f"\n{RUNS} kills of the real game in {time.perf_counter() - started:.0f} s: "
        f"{reported} saves reported over {games} new games, {unsaved} killed before reporting "
        f"a save, {mid_write} in the middle of writing one; {exact} resumed at the last "
        f"reported save, {ahead} one save ahead of it, none lost or damaged"
    )
    assert exact + ahead == RUNS
