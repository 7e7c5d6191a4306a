"""Checkpoints: the state of a format-2 game now and then, so Continue replays only the tail.

    saves/games/<hash>.checkpoints   the last two checkpoints, one line each:
                                     `<crc32 of the json, 8 hex digits> <json>\\n`

The game is still its setup and its journal (savefile2.py); a checkpoint only spares
Continue the replay of the moves before it. The first save at least CHECKPOINT_EVERY
moves after the last checkpoint writes one: the state as plain data (every field but the
setup and the log, `serial.snapshot_to_plain`), how many moves of the journal it follows,
and the length and crc32 of those moves' bytes in the journal. The file is replaced whole
(the previous checkpoint and the new one), without an fsync: it is a cache. After a crash
it may be old, cut or zeros, and then it is not used.

Continue takes the newest checkpoint that passes all of: its own crc32; the game it names;
the journal read holds the moves it follows, byte for byte (length, line count, crc32);
its fields read back as the types they are (`serial.snapshot_from_plain`); and the state is
one the game could be in (`state_problem`: seats, level, cards in exactly one place,
scores, passes, whose turn; a checksum is easy to forge, as for the setup). Then it replays
the moves after it (`engine.replay(..., start=...)`). Anything less, and the checkpoint
before it, or else the whole journal from the setup: never a state the journal does not
give (tests/store/test_checkpoints.py).
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from game.store.save_header import canonical, finite_float, refuse_constant

if TYPE_CHECKING:
    from game.core.actions import Action
    from game.core.state import GameState, Setup

# One checkpoint for about this many moves: a Continue replays fewer than this (about 10 ms
# of a real evening's moves), and a checkpoint (about 100 KB with an 8,000-card deck) is
# written once every 1,000 saves. The file holds the newest two: the one before is there
# should the newest be damaged (GameWriter._write_checkpoint).
CHECKPOINT_EVERY = 1_000
SUFFIX = ".checkpoints"
MAX_CHECKPOINT_BYTES = 64 * 1024 * 1024


def checkpoint_path(games: Path, name: str) -> Path:
    """Game `name`'s checkpoints, in the games folder beside its setup and journal."""
    return games / f"{name}{SUFFIX}"


def encode_checkpoint(state: GameState, name: str, journal: tuple[int, int]) -> bytes:
    """One checkpoint line: `state` after its log's moves, which are the first
    `journal[0]` bytes of the journal, whose crc32 is `journal[1]`."""
    from game.core.serial import snapshot_to_plain

    body = canonical(
        {
            "setup": name,
            "actions": len(state.log),
            "journal": list(journal),
            "state": snapshot_to_plain(state),
        }
    )
    return b"%08x %s\n" % (zlib.crc32(body), body)


def latest(
    data: bytes, name: str, setup: Setup, actions: list[Action], journal: bytes
) -> tuple[GameState | None, bytes | None, list[str]]:
    """The state of the newest good checkpoint in `data` and its line (None, None if none
    is good), and why each newer one was passed over (for the log). `actions`: the
    journal's good moves, read from `journal`."""
    passed: list[str] = []
    lines = [line for line in data.split(b"\n") if line]
    for number in range(len(lines), 0, -1):
        found = _checkpoint(lines[number - 1], name, setup, actions, journal)
        if not isinstance(found, str):
            return found, lines[number - 1] + b"\n", passed
        passed.append(f"checkpoint {number} of {len(lines)} {found}")
    return None, None, passed


def _checkpoint(
    line: bytes, name: str, setup: Setup, actions: list[Action], journal: bytes
) -> GameState | str:
    """One checkpoint's state, or why it is not used."""
    from game.core.action_log import ActionLog
    from game.core.serial import PlainDataError, snapshot_from_plain

    if line[8:9] != b" " or not line.endswith(b"}"):
        return "cut or damaged"
    body = line[9:]
    if line[:8] != b"%08x" % zlib.crc32(body):
        return "fails its checksum"
    try:
        document = json.loads(
            body.decode("ascii"), parse_float=finite_float, parse_constant=refuse_constant
        )
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        return f"not JSON: {type(error).__name__}"
    if not isinstance(document, dict) or document.get("setup") != name:
        return "not this game's"
    count, tie = document.get("actions"), document.get("journal")
    if type(count) is not int or not 0 <= count <= len(actions):
        return f"follows {count!r} moves; the journal holds {len(actions)}"
    if not (
        isinstance(tie, list)
        and len(tie) == 2
        and all(type(value) is int for value in tie)
        and 0 <= tie[0] <= len(journal)
        and (tie[0] == 0 or journal[tie[0] - 1 : tie[0]] == b"\n")
        and journal.count(b"\n", 0, tie[0]) == count
        and zlib.crc32(memoryview(journal)[: tie[0]]) == tie[1]
    ):
        return "not of this journal"
    try:
        state = snapshot_from_plain(setup, ActionLog(actions[:count]), document.get("state"))
    except PlainDataError as error:
        return f"does not read back: {error}"
    problem = state_problem(state)
    if problem is not None:
        return f"not a state this game could be in: {problem}"
    return state


def state_problem(state: GameState) -> str | None:  # noqa: C901, PLR0911, PLR0912 - one rule a line
    """Why `state` (read from a file) is not one its game could be in, or None.

    What the engine relies on and a replayed move could never break: seats, speakers and
    marks name players; the level is one of the deck's; every card of the deck is in
    exactly one place (a pile, the discard, out of play, ruled out, on the table); numbers
    are in their ranges."""
    from game.core.rules import LISTENER_AWARDS
    from game.core.state import AWARD_KINDS, Phase

    setup = state.setup
    players = len(setup.players)
    seat_range = range(players)
    if sorted(state.seats) != list(seat_range):
        return "the seats are not the players'"
    if not 1 <= state.level <= len(setup.deck.levels) or len(state.piles) != len(setup.deck.levels):
        return "the level or the piles are not the deck's"
    if not 0 <= state.rng < 1 << 64 or state.turn < 0 or state.skips < 0:
        return "a number out of range"
    if not 0 <= state.level_started_round <= state.turn // players:
        return "the level began after this round"
    ids = {card.id: card for card in setup.deck.cards}
    closing = setup.deck.closing
    places = [*state.discard, *state.removed, *state.excluded, *state.wilds]
    for pile in state.piles:
        places.extend(pile)
    on_table = state.card
    if on_table is not None and not (closing is not None and on_table == closing.id):
        if on_table not in ids:
            return f"the card on the table, {on_table!r}, is not the deck's"
        if state.card_is_replay != (on_table in state.discard):
            return "the card on the table is both played and not"
        if not state.card_is_replay:
            places.append(on_table)
    elif state.card_is_replay:
        return "no card is replayed"
    counted = Counter(places)
    if counted.keys() != ids.keys() or any(n != 1 for n in counted.values()):
        return "the deck's cards are not each in one place"
    if any(ids[card].is_wild is False for card in state.wilds):
        return "a prompt among the wild cards"
    if state.last_prompt is not None and state.last_prompt not in ids:
        return "the last prompt is not the deck's"
    rows = state.scores.points
    if len(rows) != players or any(
        len(row) != len(AWARD_KINDS) or any(not 0 <= n < 1 << 53 for n in row) for row in rows
    ):
        return "the scores are not one row a player"
    passes = setup.rules.passes_per_player
    if len(state.passes_left) != players or len(state.passes_used) != players:
        return "the passes are not one count a player"
    for left, used in zip(state.passes_left, state.passes_used, strict=True):
        if left < 0 or used < 0 or left + used != passes:
            return "the passes left and used are not the rules'"
    if any(seat not in seat_range for seat in state.speakers) or not (
        0 <= state.speaker_index <= len(state.speakers)
    ):
        return "a speaker who is not a player"
    if state.reader is not None and state.reader not in seat_range:
        return "a reader who is not a player"
    for award in state.pending:
        if award.seat not in seat_range or award.receiver not in seat_range:
            return "a mark from or to someone who is not a player"
        if (award.kind in LISTENER_AWARDS) != (award.seat == state.speaker):
            return "a mark the speaker could not give or get"
    if any(seat not in seat_range for seat, _ in state.votes) or len(set(state.voted)) != len(
        state.votes
    ):
        return "a vote from someone who is not a player, or two"
    if any(seat not in seat_range for seat in state.done_responding):
        return "a listener who is not a player"
    if not 0.0 <= state.level_started_at < 1e12:
        return "the level began at no time"
    if (state.end_reason is None) != (state.phase not in (Phase.CLOSING, Phase.FINISHED)):
        return "the game's end and its stage disagree"
    return None
