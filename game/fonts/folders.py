"""Where a computer's fonts are installed, and their folders' stamp: what says a font was
added or removed since the font list (game/fonts/system.py) or the kept title
(game/ui/kept_frame.py) was made. Only `os`: a start that checks the stamp and draws no
character loads none of the font list's code (its cmap reader, threading)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

MAX_FOLDERS = 2_000


def font_folders(platform: str = sys.platform) -> list[Path]:
    """Where fonts are installed on this kind of computer (the user's own folders too)."""
    home = Path.home()
    if platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    if platform.startswith("win"):
        windows = Path(os.environ.get("WINDIR", "C:\\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        user = [Path(local) / "Microsoft" / "Windows" / "Fonts"] if local else []
        return [windows / "Fonts", *user]
    data = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path(data) / "fonts",
        home / ".fonts",
    ]


def folder_stamp(folders: list[Path], extra: Iterable[str] = ()) -> list[list[object]]:
    """Every font folder (and the folder of each font found) with its modification time: a
    font added or removed changes one of them. A few hundred stats, no file opened."""
    seen: dict[str, int] = {}
    for folder in folders:
        for root, _dirs, _files in os.walk(folder):
            if len(seen) >= MAX_FOLDERS:
                break
            seen[root] = _mtime(root)
    # Each font's folder, once (a few hundred fonts in a handful of folders).
    for parent in dict.fromkeys(os.path.dirname(path) for path in extra):
        if parent not in seen and len(seen) < MAX_FOLDERS:
            seen[parent] = _mtime(parent)
    return [[name, seen[name]] for name in sorted(seen)]


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def kept_stamp(folders: list[Path]) -> list[list[object]]:
    """`folder_stamp` with each of `folders` named even when missing (-1): what
    `stamp_again` checks later by stat alone."""
    stamp = {str(name): time for name, time in folder_stamp(folders)}
    for folder in folders:
        stamp.setdefault(str(folder), -1)
    return [[name, stamp[name]] for name in sorted(stamp)]


def stamp_again(kept: list[list[object]], folders: list[Path]) -> list[list[object]]:
    """`kept_stamp(folders)` as it would be now, if it is unchanged, by a stat of each
    folder it names and each of `folders` instead of a walk: a font or folder added to or
    removed from a folder changes that folder's time, so nothing new can hide below folders
    whose times are as they were (and a folder removed or a new font folder differs)."""
    names = {name for name, *_ in kept if isinstance(name, str)}
    names.update(str(folder) for folder in folders)
    return [[name, _mtime(name)] for name in sorted(names)]
