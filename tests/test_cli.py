"""The command line itself: version, usage errors and a closed pipe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
