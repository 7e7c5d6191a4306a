"""`inkind --reset`: remove saved games and settings, after asking.

Decks the player added and the log are kept. With no answer to read (stdin closed),
nothing is removed: a reset should never happen by accident in a script.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from game.store.paths import all_paths, closeness_path, memory_path

YES = ("y", "yes")  # always understood, besides the language's own (cli_reset_yes)


def what_reset_removes() -> list[Path]:
    """The saves folder, the settings file, the closeness history and the card memory, if there."""
    paths = all_paths()
    memory = memory_path()
    candidates = [paths["saves"], paths["settings"], closeness_path(), memory]
    candidates.append(memory.with_name(memory.stem + ".changes"))  # memory.py's changes
    return [path for path in candidates if path.exists() or path.is_symlink()]


def run_reset(assume_yes: bool, stdin: TextIO | None, out: TextIO, say: Callable[..., str]) -> int:
    """Ask, then remove; `say(key, **values)` gives each message in the player's language
    (game/content/cli_words.py: the store keeps below the texts' layer)."""
    targets = what_reset_removes()
    if not targets:
        print(say("cli_reset_nothing"), file=out)
        return 0
    print(say("cli_reset_removes"), file=out)
    for path in targets:
        print(f"  {path}", file=out)
    if not assume_yes:
        print(say("cli_reset_question"), end="", file=out, flush=True)
        answer = _read_answer(stdin)
        if answer is None:
            print("", file=out)
            print(say("cli_reset_no_answer"), file=out)
            return 1
        if answer.strip().casefold() not in _yes(say):
            print(say("cli_reset_kept"), file=out)
            return 0
    failed = False
    for path in targets:
        try:
            _remove(path)
        except OSError as error:
            print(say("cli_reset_failed", path=path, reason=error.strerror or error), file=out)
            failed = True
        else:
            print(say("cli_reset_removed", path=path), file=out)
    return 1 if failed else 0


def _yes(say: Callable[..., str]) -> set[str]:
    """The answers that mean yes: "y", "yes" and the language's own ("s, sí", "j, ja")."""
    own = {word.strip().casefold() for word in say("cli_reset_yes").split(",")}
    return {*YES, *own} - {""}


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
