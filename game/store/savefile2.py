"""Save format 2: the game's setup written once, a small header, and a journal of actions.

Format 1 wrote the whole game (its deck included) at every action: 2.26 MB and about
140 ms a save with an 8,000-card deck, and the title had to read and replay it all to
offer Continue. Format 2 keeps three things in the saves folder:

    games/<hash>.json   the setup (deck, rules, players, seed), named by the hash of its
                        content, written once per game
    current.actions     the journal: one line per action, `<crc32> <json>`, appended
    current.json        the header: which setup, how many actions, what the title shows
                        (names, deck, turn, round, phase), the table's extras, a checksum

Saving an action appends one line and rewrites the small header: O(1) whatever the length
of the evening. The game is the replay of the journal on the setup (the engine is
deterministic), so nothing else needs saving. A damaged byte is caught by a checksum:
a bad header sends the store to the previous header (`backup.json`); a bad journal line
ends the game at the last good action before it.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from typing import Any, cast

from game.core.actions import Action
from game.core.serial import FORMAT_VERSION, PlainDataError, from_plain, to_plain
from game.core.state import GameState, Setup
from game.store.digests import sha256_hex
from game.store.save_header import (
    SAVE_FORMAT_2,
    decode_header,
    encode_header,
    setup_bytes_vouched,
)
from game.store.savefile import UnreadableSave, _check_version, _parse_json

__all__ = ["decode_header", "encode_header"]  # the header lives in save_header (no engine)

MAX_SETUP_BYTES = 64 * 1024 * 1024
MAX_LINE_BYTES = 64 * 1024


def _canonical(value: Any) -> bytes:
    return json.dumps(
        value, ensure_ascii=True, allow_nan=False, separators=(",", ":"), sort_keys=True
    ).encode("ascii")


# ------------------------------------------------------------ the setup, once per game


def encode_setup(setup: Setup) -> tuple[str, bytes]:
    """(its content hash, the file's bytes)."""
    plain = {"format": FORMAT_VERSION, "setup": to_plain(setup)}
    body = _canonical(plain)
    digest = sha256_hex(body)
    document = {"inkind_setup": SAVE_FORMAT_2, "game": plain, "sha256": digest}
    return digest[:32], _canonical(document) + b"\n"


def decode_setup(data: bytes, name: str) -> Setup:
    document = _parse_json(data)
    if not isinstance(document, dict) or "inkind_setup" not in document:
        raise UnreadableSave("the game's setup file is not an In Kind setup")
    _check_version("the setup", document["inkind_setup"], SAVE_FORMAT_2)
    plain = document.get("game")
    if not isinstance(plain, dict):
        raise UnreadableSave("the game's setup is missing")
    # The file as written: its checksum is of the bytes it holds (no second dump of an
    # 8,000-card deck); otherwise of the setup written again as we write it.
    written = document.get("sha256")
    if isinstance(written, str) and setup_bytes_vouched(data, name):
        digest = written
    else:
        digest = sha256_hex(_canonical(plain))
    if document.get("sha256") != digest or digest[:32] != name:
        raise UnreadableSave("the game's setup file is damaged (its checksum does not match)")
    _check_version("the game", plain.get("format"), FORMAT_VERSION)
    try:
        setup: Setup = from_plain(Setup, plain.get("setup"))
    except PlainDataError as error:
        raise UnreadableSave(f"the game's setup does not read back: {error}") from None
    except Exception as error:
        raise UnreadableSave(
            f"the game's setup does not read back: {type(error).__name__}"
        ) from None
    from game.store.setup_check import setup_problem

    problem = setup_problem(setup)  # a checksum is easy to forge: held to a new game's checks
    if problem is not None:
        raise UnreadableSave(f"the game's setup is not one a new game could have: {problem}")
    return setup


# ------------------------------------------------------------ the journal of actions


def encode_actions(actions: Iterable[Action]) -> bytes:
    """Journal lines for `actions`: `<crc32 of the json, 8 hex digits> <json>\\n` each."""
    lines = []
    for action in actions:
        body = _canonical(to_plain(action))
        lines.append(b"%08x %s\n" % (zlib.crc32(body), body))
    return b"".join(lines)


def decode_actions(data: bytes, wanted: int) -> tuple[list[Action], str | None]:
    """The first `wanted` actions of a journal, or as many as are whole and good before the
    first damaged line (then also the reason, for the log)."""
    actions, problem, _ = read_journal(data, wanted)
    return actions, problem


def read_journal(data: bytes, wanted: int) -> tuple[list[Action], str | None, int]:
    """`decode_actions`, and how many bytes of the journal those actions take.

    Most lines repeat (a draw, done sharing, the same marks): a 100,000-action journal
    holds a few thousand different lines. Each different line is checked and read once;
    the journal is then those readings, line by line, up to the first line that is not
    good (what a line-by-line reading would keep, and its reason)."""
    lines = data.split(b"\n", wanted)[:wanted]
    read: dict[bytes, Action | str] = {}
    for line in set(lines):
        read[line] = _read_line(line)
    good = [read[line] for line in lines]
    problem = None
    for number, found in enumerate(good, start=1):
        if isinstance(found, str):  # the first line not good: the actions end before it
            del good[number - 1 :]
            problem = found.format(number=number)
            break
    actions = cast("list[Action]", good)
    used = sum(map(len, lines[: len(actions)])) + len(actions)
    if problem is None and len(actions) < wanted:
        problem = f"the journal holds {len(actions)} of the {wanted} actions"
    return actions, problem, used


def _read_line(line: bytes) -> Action | str:
    """One journal line's action, or why it is not good (`{number}` for its line number)."""
    if not line.endswith(b"}") or len(line) > MAX_LINE_BYTES or line[8:9] != b" ":
        return "line {number} of the journal is cut or damaged"
    crc, body = line[:8], line[9:]
    try:
        if crc != b"%08x" % zlib.crc32(body):  # as written: "Cdc4def1" is damage too
            return "line {number} of the journal fails its checksum"
        action: Action = from_plain(Action, json.loads(body.decode("ascii")))
    except (ValueError, UnicodeDecodeError, PlainDataError) as error:
        why = str(error)
    except Exception as error:  # noqa: BLE001 - read even past a damaged line: never a crash
        why = type(error).__name__  # (a line nested too deep for the parser, say)
    else:
        return action
    return "line {number} of the journal does not read: " + why.replace("{", "{{").replace(
        "}", "}}"
    )


# ------------------------------------------------------------ the header


def header_for(state: GameState, setup_name: str, table: dict[str, Any]) -> dict[str, Any]:
    """What the title needs to offer Continue, and what ties the three files together."""
    if not isinstance(table, dict) or not all(isinstance(key, str) for key in table):
        raise TypeError("the table extras must be a dict with string keys")
    return {
        "inkind_save": SAVE_FORMAT_2,
        "setup": setup_name,
        "actions": len(state.log),
        "finished": state.finished,
        "summary": {
            "names": [player.name for player in state.players],
            "deck": state.deck.name,
            "turn": state.turn,
            "round": state.round,
            "level": state.level,
            "phase": state.phase.value,
        },
        "table": table,
    }


def rebuild(setup: Setup, actions: Sequence[Action], start: GameState | None = None) -> GameState:
    """The game: the journal replayed on the setup (linear: the log appends in O(1)), or
    only its moves after `start`, a checkpoint's state (checkpoints.py)."""
    from game.core.engine import replay

    try:
        return replay(setup, actions, start)
    except Exception as error:
        raise UnreadableSave(
            f"its actions do not replay: {type(error).__name__}: {error}"
        ) from None


def rebuild_longest(setup: Setup, actions: Sequence[Action]) -> tuple[GameState, str | None]:
    """The game as far as its actions replay: all of them (and None), or those before the
    first one the engine refuses (and why, for the log). UnreadableSave if not even the
    setup starts a game."""
    from game.core.engine import apply, new_game

    try:
        return rebuild(setup, actions), None
    except UnreadableSave as whole:
        reason = str(whole)
    try:
        state = new_game(setup)
    except Exception as error:
        raise UnreadableSave(f"the setup starts no game: {type(error).__name__}") from None
    for number, action in enumerate(actions, start=1):
        try:
            state = apply(state, action)
        except Exception:
            return state, f"action {number} of the journal does not replay ({reason})"
    return state, reason  # replay refused what apply accepts: kept, and logged
