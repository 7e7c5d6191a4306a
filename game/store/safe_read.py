"""Read a file the game depends on without ever hanging, crashing or filling memory.

A player's folder can hold anything: a FIFO where the save should be (opening it for
reading blocks forever, and SIGTERM cannot interrupt it), a device such as /dev/zero (it
never ends), a folder with the file's name, a symlink loop, or a file far larger than any
the game writes. `read_regular` looks before it opens (`lstat`/`stat`, never `open`),
opens without blocking and without following a FIFO, and reads at most `max_bytes` + 1.
Every refusal is an `Unreadable` whose `reason` is one plain sentence for the player.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class Unreadable(OSError):
    """The file cannot be used; `reason` says why in words a player understands."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EINVAL, reason, str(path))
        self.path = path
        self.reason = reason


def describe_kind(mode: int) -> str | None:
    """Why a file of this kind is never opened (None: a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "it is a pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "it is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "it is a socket, not a file"
    return "it is not a regular file"


def check_regular(path: Path, max_bytes: int) -> os.stat_result:
    """The file's stat if it is a regular file of at most `max_bytes`; else `Unreadable`.

    Raises FileNotFoundError when nothing is there (callers usually treat that as empty).
    """
    path = Path(path)
    try:
        info = path.stat()  # follows symlinks: a link to a regular file is fine
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Unreadable(path, "it is a symlink loop") from None
        raise Unreadable(path, f"it cannot be read ({error.strerror or error})") from None
    kind = describe_kind(info.st_mode)
    if kind is not None:
        raise Unreadable(path, kind)
    if info.st_size > max_bytes:
        raise Unreadable(path, f"it is {info.st_size:,} bytes, more than the {max_bytes:,} allowed")
    return info


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or `Unreadable` (FileNotFoundError
    when there is no file). Opened with O_NONBLOCK so a FIFO swapped in after the check
    cannot block, and re-checked through the open handle."""
    path = Path(path)
    check_regular(path, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise Unreadable(path, f"it cannot be read ({error.strerror or error})") from None
    try:
        info = os.fstat(handle)
        kind = describe_kind(info.st_mode)
        if kind is not None:  # swapped between the check and the open
            raise Unreadable(path, kind)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(handle, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        if isinstance(error, Unreadable):
            raise
        raise Unreadable(path, f"it cannot be read ({error.strerror or error})") from None
    finally:
        os.close(handle)
    if total > max_bytes:
        raise Unreadable(path, f"it grew past the {max_bytes:,} bytes allowed while being read")
    return b"".join(chunks)
