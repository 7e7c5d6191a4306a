"""The log file: what went wrong, with a traceback and a time, for someone fixing the game later.

Writing to the log must never be the thing that crashes the game, so every failure
here is swallowed. The file is capped: past MAX_BYTES it moves to `inkind.log.1`.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
import traceback
from pathlib import Path

from game import __version__
from game.store.paths import all_paths

MAX_BYTES = 512 * 1024


def log_path() -> Path:
    return all_paths()["log"]


def log_exception(where: str, error: BaseException) -> Path:
    """Append `error`'s traceback, saying where it was caught; return the log's path."""
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    return _append(where, "".join(lines))


def log_note(where: str, text: str) -> Path:
    """Append one line about something that went wrong but was handled (a damaged save, say)."""
    return _append(where, text.rstrip("\n") + "\n")


def _append(where: str, body: str) -> Path:
    import datetime  # here: the log is written rarely, but this module is imported at every start

    path = log_path()
    stamp = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    header = (
        f"--- {stamp} in {where} "
        f"(inkind {__version__}, Python {platform.python_version()}, {sys.platform})\n"
    )
    entry = (header + body).encode("utf-8", "backslashreplace")
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        _rotate_if_full(path, len(entry))
        with open(path, "ab") as log:
            log.write(entry)
    return path


def _rotate_if_full(path: Path, adding: int) -> None:
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size + adding > MAX_BYTES:
        os.replace(path, path.with_name(path.name + ".1"))
