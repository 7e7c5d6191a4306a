"""Where the player's own files live: decks they add, saved games, settings and the log.

`INKIND_HOME` moves everything (tests and CI always set it); otherwise the platform's
user data folder is used, so nothing is written beside the game itself.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

HOME_VARIABLE = "INKIND_HOME"


def data_dir() -> Path:
    override = os.environ.get(HOME_VARIABLE, "").strip()
    if override:
        return Path(override).expanduser().absolute()
    import platformdirs  # only when it is needed: a few ms of every start

    return Path(platformdirs.user_data_dir("inkind", appauthor=False))


def all_paths() -> dict[str, Path]:
    """The paths `inkind paths` prints, in the order it prints them."""
    home = data_dir()
    return {
        "decks": home / "decks",
        "saves": home / "saves",
        "settings": home / "settings.json",
        "log": home / "inkind.log",
    }


def closeness_path() -> Path:
    """The history of how close the group felt, kept between games (removed by `--reset`)."""
    return data_dir() / "closeness.json"


def memory_path() -> Path:
    """Which cards each group has had, starred or said "not for us" to (removed by `--reset`)."""
    return data_dir() / "memory.json"


def print_paths(out: TextIO) -> None:
    for name, path in all_paths().items():
        print(f"{name}: {path}", file=out)


def cache_dir() -> Path:
    """Things the game can always rebuild (the checked UI text): safe to delete at any time."""
    return data_dir() / "cache"
