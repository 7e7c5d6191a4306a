"""Put right what is in the way of a path the game writes, instead of failing at every save.

A player's folder can hold a file, a FIFO or a link to nothing where the game keeps a
folder (`saves`, `saves/games`), or a folder where it keeps a file (`memory.json`). Writing
would then fail all evening. What is in the way is moved aside as `<name>.damaged`
(`.damaged.2`, ...; at most MAX_DAMAGED kept in a folder, the newest), the log says where,
and the folder or file is made again. Nothing is deleted because it could not be read.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from game.store.log import log_note
from game.store.paths import make_private_folder

DAMAGED = ".damaged"
MAX_DAMAGED = 6  # damaged files kept in each folder: the newest (three games' setup and journal)


def move_aside(path: Path, where: str = "keeping a damaged save") -> Path | None:
    """Rename `path` to `<name>.damaged` (`.damaged.2`, ...) beside it and say so in the log;
    the oldest damaged files past MAX_DAMAGED in that folder give way. None if it could not."""
    path = Path(path)
    place = path.with_name(path.name + DAMAGED)
    number = 1
    while os.path.lexists(place):
        number += 1
        place = path.with_name(f"{path.name}{DAMAGED}.{number}")
    try:
        path.replace(place)
    except OSError as error:
        log_note(where, f"{path} could not be moved aside: {error.strerror or error}")
        return None
    log_note(where, f"{path} moved aside as {place.name}")
    _prune_damaged(path.parent)
    return place


def _prune_damaged(parent: Path) -> None:
    with contextlib.suppress(OSError):
        found = [
            entry
            for entry in os.scandir(parent)
            if DAMAGED in entry.name and entry.is_file(follow_symlinks=False)
        ]
        if len(found) <= MAX_DAMAGED:
            return
        found.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime_ns)
        for entry in found[:-MAX_DAMAGED]:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def ensure_folder(folder: Path, where: str) -> None:
    """Make `folder` a folder the game can write in (OSError if the disk refuses).

    A folder, or a link to one, is left as it is. Anything else in its place (a file, a
    FIFO, a device, a link to nothing or to a file) is moved aside first."""
    folder = Path(folder)
    if folder.is_dir():
        return
    if os.path.lexists(folder):
        kind = _kind(folder)
        if move_aside(folder, where) is not None:
            log_note(where, f"{folder} was {kind}, not a folder: made again")
    make_private_folder(folder)


def ensure_file_slot(path: Path, where: str) -> None:
    """Make room for the regular file `path`: a folder, FIFO, device, socket or link to
    nothing in its place is moved aside (a regular file, or a link to one, stays)."""
    path = Path(path)
    try:
        info = path.lstat()
    except OSError:
        return
    if stat.S_ISREG(info.st_mode):
        return
    if stat.S_ISLNK(info.st_mode) and path.is_file():
        return
    kind = _kind(path)
    if move_aside(path, where) is not None:
        log_note(where, f"{path} was {kind}, not a file: written again")


def _kind(path: Path) -> str:
    try:
        info = path.lstat()
    except OSError:
        return "unreadable"
    if stat.S_ISLNK(info.st_mode):
        return "a link to nothing" if not path.exists() else "a link to something else"
    if stat.S_ISDIR(info.st_mode):
        return "a folder"
    if stat.S_ISFIFO(info.st_mode):
        return "a pipe (FIFO)"
    if stat.S_ISREG(info.st_mode):
        return "a file"
    return "a device or socket"


def sweep_temps(folder: Path) -> int:
    """Delete the temporary files (`.<name>.*.tmp`) a killed write left in `folder`; how many."""
    from game.store.atomic import TEMP_SUFFIX

    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    if not entry.is_dir(follow_symlinks=False):
                        os.unlink(entry.path)
                        removed += 1
    return removed
