"""Run a short Python script in a fresh, headless process of the game (what it imports is
then its own, not what earlier tests loaded) and read the JSON it prints last."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def headless_child(
    script: str, home: Path, timeout: float = 120, **env: str
) -> tuple[subprocess.CompletedProcess[str], Any]:
    """(the finished process, the JSON on the last line it printed); the child has its own
    INKIND_HOME and no display."""
    environment = dict(
        os.environ,
        INKIND_HOME=str(home),
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
        **env,
    )
    for name in ("INKIND_AUTOPLAY", "INKIND_REPORT_SAVES"):  # they change how the game runs
        environment.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return done, json.loads(done.stdout.strip().splitlines()[-1])
