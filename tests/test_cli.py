"""The command line itself: version, usage errors, a closed pipe, and what it prints from
hostile files (escaped, and never waiting on a FIFO)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_version_and_check_start_without_loading_pygame():
    code = "import sys; from game.cli import main; main(['check']); print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip().splitlines()[-1] == "False"
    version = subprocess.run(
        [sys.executable, "-m", "game", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert version.returncode == 0 and version.stdout.strip() == "inkind 0.1.0"


def test_check_into_a_closed_pipe_prints_no_traceback():
    proc = subprocess.run(
        f"{sys.executable} -m game check tests/content/fixtures/broken | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr


def test_an_unknown_subcommand_is_a_usage_error():
    proc = subprocess.run(
        [sys.executable, "-m", "game", "dance"], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr


# ---------------------------------------------------------------- issue 15: hostile files

DECK = "format: 1\nid: {id}\nname: {name}\ncards:\n  - prompt: Tell about a morning. How did you feel?\n"


def inkind(*args: str, home: Path, timeout: float = 30) -> subprocess.CompletedProcess[bytes]:
    """The real command, in a process of its own; a hang fails the test after `timeout`."""
    env = {**os.environ, "INKIND_HOME": str(home), "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )


def test_check_prints_a_deck_name_with_bidi_and_escape_codes_escaped(tmp_path: Path) -> None:
    deck = tmp_path / "bidi.yaml"
    deck.write_text(DECK.format(id="bidi", name='"Evil\\u202Eevil \\e]0;pwned\\a"'), "utf-8")
    proc = inkind("check", str(deck), home=tmp_path / "home")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("ascii").splitlines()[0] == (
        f"{deck}: ok: Evil\\u202eevil \\x1b]0;pwned\\x07 (bidi), 1 card (level 1 Open: 1)"
    )


def test_paths_prints_a_home_folder_with_escape_codes_escaped(tmp_path: Path) -> None:
    home = tmp_path / "home\x1b[2Jcleared\u202e"
    proc = inkind("paths", home=home)
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.decode("utf-8").splitlines()[0]
    assert first == f"decks: {tmp_path}/home\\x1b[2Jcleared\\u202e/decks"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_check_of_a_fifo_says_it_cannot_be_read_instead_of_waiting_forever(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    try:
        proc = inkind("check", str(fifo), home=tmp_path / "home", timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("inkind check waited for a writer on the FIFO")
    assert proc.returncode == 1
    assert proc.stdout.decode("utf-8").splitlines() == [
        f"{fifo}: error: cannot be read: it is a pipe (FIFO), not a file",
        f"{fifo}: failed: 1 error",
        "checked 1 deck: 0 ok, 1 failed",
    ]
