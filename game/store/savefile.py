"""One save file as bytes: the engine's versioned plain data plus the table's small extras.

    {"inkind_save": 1, "game": {"format": 1, "state": ...}, "table": {...}}

`decode_save` refuses anything it cannot fully trust and says why in `UnreadableSave`.
"""

from __future__ import annotations

import json
from typing import Any

from game.core.serial import FORMAT_VERSION, PlainDataError, state_from_plain, state_to_plain
from game.core.state import GameState
from game.store.integrity import problem_with
from game.store.save_header import finite_float, refuse_constant

SAVE_FORMAT = 1
MAX_SAVE_BYTES = 64 * 1024 * 1024


class UnreadableSave(ValueError):
    """The file is not a save this version can use. `newer` is set when a later version wrote it."""

    def __init__(self, reason: str, newer: bool = False) -> None:
        super().__init__(reason)
        self.newer = newer


def encode_save(state: GameState, table: dict[str, Any]) -> bytes:
    """Raise TypeError or ValueError if `table` is not plain JSON data (a bug in the caller)."""
    if not isinstance(table, dict) or not all(isinstance(key, str) for key in table):
        raise TypeError("the table extras must be a dict with string keys")
    document = {"inkind_save": SAVE_FORMAT, "game": state_to_plain(state), "table": table}
    text = json.dumps(document, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return (text + "\n").encode("ascii")


def decode_save(data: bytes) -> tuple[GameState, dict[str, Any]]:
    document = _parse_json(data)
    if not isinstance(document, dict) or "inkind_save" not in document:
        raise UnreadableSave("this is not an In Kind save")
    _check_version("the save", document["inkind_save"], SAVE_FORMAT)
    game = document.get("game")
    if isinstance(game, dict) and "format" in game:
        _check_version("the game", game["format"], FORMAT_VERSION)
    table = document.get("table")
    if not isinstance(table, dict):
        raise UnreadableSave("the table extras are missing or not an object")
    try:
        state = state_from_plain(game)
    except PlainDataError as error:
        raise UnreadableSave(f"the game does not read back: {error}") from None
    except Exception as error:  # a shape the reader never expected: still just unreadable
        raise UnreadableSave(f"the game does not read back: {type(error).__name__}") from None
    problem = problem_with(state)
    if problem is not None:
        raise UnreadableSave(f"the game is not consistent: {problem}")
    return state, table


def _parse_json(data: bytes) -> Any:
    if len(data) > MAX_SAVE_BYTES:
        raise UnreadableSave(f"the file is {len(data)} bytes, more than a save can be")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableSave(f"the file is not UTF-8 text: {error}") from None
    try:
        return json.loads(text, parse_float=finite_float, parse_constant=refuse_constant)
    except (ValueError, RecursionError) as error:
        raise UnreadableSave(f"the file is not JSON: {type(error).__name__}: {error}") from None


def _check_version(what: str, version: Any, supported: int) -> None:
    if type(version) is not int:
        raise UnreadableSave(f"{what} has no format number: {version!r}")
    if version > supported:
        raise UnreadableSave(f"{what} has format {version}; this version reads {supported}", True)
    if version < supported:
        raise UnreadableSave(f"{what} has the old format {version}, no longer read")
