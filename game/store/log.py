"""The log file: what went wrong, with a traceback and a time, for someone fixing the game later.

Writing to the log must never be the thing that crashes the game, so every failure
here is swallowed. The file is capped: past MAX_BYTES it moves to `inkind.log.1`.
It is the player's alone (0600, in a 0700 folder if the game makes it), and it is written
only if it is a regular file: a planted symlink, a FIFO or a device is left alone.

A disk that refuses (full, read-only) refuses again at every save: the same OSError in the
same place is written once per run, so the log does not fill what room is left.
"""

from __future__ import annotations

import contextlib
import os
import platform
import stat
import sys
import traceback
from pathlib import Path

from game import __version__
from game.store.paths import PRIVATE_FILE, all_paths, make_private_folder

MAX_BYTES = 512 * 1024
ONCE = "(The same failure here is not written again until In Kind starts again.)\n"

# (log, where, error type, errno) of each OSError already written in this run.
_written_once: set[tuple[str, str, str, int | None]] = set()


def log_path() -> Path:
    return all_paths()["log"]


def log_exception(where: str, error: BaseException) -> Path:
    """Append `error`'s traceback, saying where it was caught; return the log's path.

    An OSError (a disk that refuses) is written once per place and kind in a run.
    """
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    if isinstance(error, OSError):
        seen = (str(log_path()), where, type(error).__name__, error.errno)
        if seen in _written_once:
            return log_path()
        _written_once.add(seen)
        lines.append(ONCE)
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
        make_private_folder(path.parent)
        _rotate_if_full(path, len(entry))
        _write(path, entry)
    return path


_FLAGS = (
    os.O_WRONLY
    | os.O_APPEND
    | os.O_CREAT
    | getattr(os, "O_NOFOLLOW", 0)  # a symlink planted at the log's name is refused (ELOOP)
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO with no reader is refused (ENXIO), never waited on
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _write(path: Path, entry: bytes) -> None:
    if not hasattr(os, "O_NOFOLLOW") and path.is_symlink():
        return
    handle = os.open(path, _FLAGS, PRIVATE_FILE)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return  # a FIFO someone reads, a device: not a log
        if hasattr(os, "fchmod") and stat.S_IMODE(info.st_mode) != PRIVATE_FILE:
            os.fchmod(handle, PRIVATE_FILE)  # made by a strict umask, or by an older version
        view = memoryview(entry)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


def _rotate_if_full(path: Path, adding: int) -> None:
    try:
        info = path.lstat()
    except OSError:
        return
    if stat.S_ISREG(info.st_mode) and info.st_size + adding > MAX_BYTES:
        os.replace(path, path.with_name(path.name + ".1"))
