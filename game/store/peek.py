"""Whether the saved game can be continued, from its header alone, without the saves' code.

The title asks this at every start with a save on disk to offer Continue. `SaveStore.peek`
answers the same question, but importing the store (its writers, repair, the atomic
writes, threading and their records) was about 9 ms of such a start; this module needs
only the header reader and `read_regular` (issue 27). What it reads and how it decides are
`SaveStore.peek`'s exactly, for a store that has refused nothing yet (a new one, as at a
start); tests/store/test_peek.py holds the two answers equal, and the file names below
equal to the store's.
"""

from __future__ import annotations

from pathlib import Path

from game.store.safe_read import read_regular
from game.store.save_header import MAX_HEADER_BYTES, UnreadableHeader, decode_header

# The store's names (game/store/saves.py CURRENT, game_files.py GAMES, COPIES and
# MAX_SETUP_BYTES), repeated so that reading them loads none of the store.
CURRENT = "current.json"
GAMES = "games"
COPIES = ("", ".backup")
MAX_SETUP_BYTES = 64 * 1024 * 1024


def peek_unfinished(folder: Path) -> bool | None:
    """True: a format-2 save of an unfinished game whose setup is whole (Continue will find
    it); False: the saved game is over. None: the header alone cannot say (an older save, a
    damaged one, no setup that vouches for itself, none at all): ask the store's `load`."""
    try:
        header = decode_header(read_regular(folder / CURRENT, MAX_HEADER_BYTES))
    except (OSError, UnreadableHeader):
        return None
    if header["finished"]:
        return False
    return True if _setup_vouched(folder, header["setup"]) else None


def _setup_vouched(folder: Path, name: str) -> bool:
    """game_files.setup_vouched: one copy of the setup is our own bytes, its sha256 matching."""
    from game.store.save_header import setup_bytes_vouched

    for copy in COPIES:
        try:
            data = read_regular(folder / GAMES / f"{name}{copy}.json", MAX_SETUP_BYTES)
        except OSError:
            continue
        if setup_bytes_vouched(data, name):
            return True
    return False
