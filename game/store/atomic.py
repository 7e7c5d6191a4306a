"""Write a file so that a crash or power cut leaves either the old contents or the new, never half.

The bytes go to a temporary file in the same folder, are flushed and fsynced, and
`os.replace` swaps it in; the folder is fsynced too so the rename itself survives.
The file is 0600 and any folder made for it 0700, whatever the umask. Here too: appending
to a file with an fsync, and giving a file a second name atomically (the save's backup).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from game.store.paths import PRIVATE_FILE, make_private_folder

TEMP_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """`path` holds `data` or what it held before, never a part. `durable=False`: without
    the fsyncs (a cache such as a checkpoint: after a power cut it may hold anything)."""
    path = Path(path)
    make_private_folder(path.parent)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as temp:
            if hasattr(os, "fchmod"):  # mkstemp asks for 0600, which a strict umask can narrow
                os.fchmod(temp.fileno(), PRIVATE_FILE)
            temp.write(data)
            temp.flush()
            if durable:
                os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    if durable:
        fsync_folder(path.parent)


def remove_stale_temps(folder: Path, name: str) -> None:
    """Delete temporary files a killed process left behind while writing `name`."""
    with contextlib.suppress(OSError):
        for leftover in Path(folder).glob(f".{name}.*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (best effort)."""
    # Windows cannot open a folder for fsync; there the rename is durable enough.
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        handle = os.open(folder, flags)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(handle)
    finally:
        os.close(handle)


def append_synced(path: Path, data: bytes) -> None:
    """Append `data` to the regular file `path` and fsync it (never through a symlink)."""
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(path, flags)
    try:
        view = memoryview(data)
        while view:
            written = os.write(handle, view)
            view = view[written:]
        os.fsync(handle)
    finally:
        os.close(handle)


def link_over(source: Path, target: Path) -> None:
    """Make `target` another name of the regular file `source`, atomically (OSError if not)."""
    if not stat.S_ISREG(source.lstat().st_mode):
        raise OSError(f"{source.name} is not a regular file")  # a link: copy what it points to
    temp = target.with_name(f".{target.name}.{os.urandom(4).hex()}{TEMP_SUFFIX}")
    os.link(source, temp)
    try:
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_folder(target.parent)
