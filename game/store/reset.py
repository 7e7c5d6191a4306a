"""`inkind --reset`: remove saved games and settings, after asking.

Decks the player added and the log are kept. With no answer to read (stdin closed),
nothing is removed: a reset should never happen by accident in a script.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import TextIO

from game.store.paths import all_paths, closeness_path, memory_path

QUESTION = "Remove saved games, settings, the closeness history and the cards each group has played? [y/N] "
YES = ("y", "yes")


def what_reset_removes() -> list[Path]:
    """The saves folder, the settings file, the closeness history and the card memory, if there."""
    paths = all_paths()
    memory = memory_path()
    candidates = [paths["saves"], paths["settings"], closeness_path(), memory]
    candidates.append(memory.with_name(memory.stem + ".changes"))  # memory.py's changes
    return [path for path in candidates if path.exists() or path.is_symlink()]


def run_reset(assume_yes: bool, stdin: TextIO | None, out: TextIO) -> int:
    targets = what_reset_removes()
    if not targets:
        print("Nothing to remove: there are no saved games or settings.", file=out)
        return 0
    print("This removes:", file=out)
    for path in targets:
        print(f"  {path}", file=out)
    if not assume_yes:
        print(QUESTION, end="", file=out, flush=True)
        answer = _read_answer(stdin)
        if answer is None:
            print("", file=out)
            print(
                "No answer could be read, so nothing was removed (use --yes to skip the question).",
                file=out,
            )
            return 1
        if answer.strip().casefold() not in YES:
            print("Nothing was removed.", file=out)
            return 0
    failed = False
    for path in targets:
        try:
            _remove(path)
        except OSError as error:
            print(f"Could not remove {path}: {error.strerror or error}", file=out)
            failed = True
        else:
            print(f"Removed {path}", file=out)
    return 1 if failed else 0


def _read_answer(stdin: TextIO | None) -> str | None:
    if stdin is None:
        return None
    try:
        line = stdin.readline()
    except (OSError, ValueError):  # closed or unreadable stdin
        return None
    return line or None


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
