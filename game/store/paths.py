"""Where the player's own files live: decks they add, saved games, settings and the log.

`INKIND_HOME` moves everything (tests and CI always set it); otherwise the platform's
user data folder is used, so nothing is written beside the game itself.

What the game writes is the players' own: folders it creates are 0700 and files 0600,
whatever the umask (`make_private_folder`, and `write_atomic` and the log for files).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

HOME_VARIABLE = "INKIND_HOME"


def data_dir() -> Path:
    override = os.environ.get(HOME_VARIABLE, "").strip()
    if override:
        return Path(override).expanduser().absolute()
    folder = _xdg_data_dir()
    if folder is not None:
        return folder
    import platformdirs  # only when it is needed: about 3.5 ms of a start

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


APP_NAME = "inkind"
_XDG_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd")


def _xdg_data_dir() -> Path | None:
    """The folder platformdirs gives on Linux and the BSDs in the plain cases, found without
    importing it: `$XDG_DATA_HOME/inkind` when that is an absolute path, else
    `$HOME/.local/share/inkind` when it is unset or empty and HOME is absolute. None for
    anything else (a relative value, no HOME, Android, another system): platformdirs
    decides those. tests/store/test_paths.py holds both answers equal."""
    android = hasattr(sys, "getandroidapilevel") or "ANDROID_DATA" in os.environ
    if android or not sys.platform.startswith(_XDG_PLATFORMS):
        return None
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if xdg:
        return Path(xdg, APP_NAME) if xdg.startswith("/") else None
    home = os.environ.get("HOME", "")
    return Path(home, ".local", "share", APP_NAME) if home.startswith("/") else None


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


def print_paths(out: TextIO, say: Callable[..., str]) -> None:
    """Each path with its name (`say("cli_paths_decks")`: the player's language)."""
    for name, path in all_paths().items():
        print(f"{say('cli_paths_' + name)}: {path}", file=out)


def cache_dir() -> Path:
    """Things the game can always rebuild (the checked UI text): safe to delete at any time.

    The folder is made here (0700, as `make_private_folder`), so the cache written into it is
    the player's alone; if it cannot be made, the cache is simply not kept.
    """
    folder = data_dir() / "cache"
    with contextlib.suppress(OSError):
        make_private_folder(folder)
    return folder


PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def make_private_folder(folder: Path) -> None:
    """Make `folder` and any missing parents, each 0700 whatever the umask.

    Folders that already exist are left as they are (one may be the player's own, chosen
    with INKIND_HOME). Raises OSError as `mkdir` does, for example when a file is in the way.
    """
    folder = Path(folder)
    missing: list[Path] = []
    probe = folder
    while not probe.is_dir():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, PRIVATE_FOLDER)
        except FileExistsError:
            if not path.is_dir():
                raise
            continue  # made by someone else meanwhile: theirs, left as it is
        os.chmod(path, PRIVATE_FOLDER)  # the umask may have taken bits away
