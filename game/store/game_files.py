"""A format-2 game's setup and journal, kept twice, read back from whichever copy is good.

    saves/games/<hash>.json, <hash>.actions                the game (savefile2.py)
    saves/games/<hash>.backup.json, <hash>.backup.actions  an independent copy of both

Every save appends the new actions to both journals (each fsynced) and writes both
copies of the setup once per game, so one damaged byte, one lost sector or one deleted file
leaves the other copy whole. Reading takes the copy that holds the most good actions; when
both are damaged, the game is the actions before the first damaged line of the better one
(`lost` says how many the header wanted beyond them). A copy that fails is moved aside as
`<name>.damaged` (at most MAX_DAMAGED kept in a folder, the newest) and written again from
the game in memory at the next save: nothing is deleted because it could not be read.

Beside them `<hash>.checkpoints`, the game's state now and then (checkpoints.py): a cache,
one copy, never fsynced; Continue replays only the moves after its newest good checkpoint.

`setup_vouched` is the title's cheap check (no engine, no JSON parse): a copy of the setup
whose bytes are ours and whose sha256 matches.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import stat
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from game.store.log import log_note
from game.store.repair import DAMAGED, move_aside
from game.store.safe_read import Unreadable, read_regular
from game.store.save_header import setup_bytes_vouched

if TYPE_CHECKING:
    from game.core.action_log import ActionLog
    from game.core.actions import Action
    from game.core.state import GameState, Setup

GAMES = "games"
COPIES = ("", ".backup")  # the game's files, then their independent copy
KINDS = frozenset(f"{copy}.{kind}"[1:] for copy in COPIES for kind in ("json", "actions")) | {
    "checkpoints"
}
MAX_SETUP_BYTES = 64 * 1024 * 1024
MAX_JOURNAL_BYTES = 512 * 1024 * 1024  # about 5 million actions
MISSING = "it is missing"
__all__ = ["DAMAGED", "move_aside"]


@dataclasses.dataclass(frozen=True)
class JournalCopy:
    """One journal file as read: its good actions (at most the header's count) and bytes used."""

    path: Path
    data: bytes | None  # None: missing or refused
    actions: list[Action]
    used: int
    problem: str | None
    short: bool  # only shorter than wanted (a kill between the two appends), not damaged

    @property
    def damaged(self) -> bool:
        """There, but damaged or refused (not merely missing or short)."""
        return self.problem is not None and not self.short and self.problem != MISSING


@dataclasses.dataclass(frozen=True)
class GameRead:
    setup: Setup
    actions: list[Action]
    lost: int  # actions the header wanted that no copy holds whole
    repaired: bool  # a copy was damaged, missing or refused, and the other one used
    journals: tuple[JournalCopy, ...]  # both copies, for the writer's bookkeeping
    journal: bytes  # the bytes of the copy `actions` were read from (checkpoints are tied to it)


class GameUnreadable(ValueError):
    """Neither copy of the game's setup can be used; the reason of each, joined."""


def setup_paths(folder: Path, name: str) -> list[Path]:
    return [folder / GAMES / f"{name}{copy}.json" for copy in COPIES]


def journal_paths(folder: Path, name: str) -> list[Path]:
    return [folder / GAMES / f"{name}{copy}.actions" for copy in COPIES]


def read_game(folder: Path, name: str, wanted: int) -> GameRead:
    """The setup and the good actions of game `name` (GameUnreadable if no setup is usable).

    Damaged copies are moved aside on the way; the log says what and where.
    """
    from game.store import savefile2
    from game.store.savefile import UnreadableSave

    setup = None
    damaged: list[Path] = []  # moved aside: written again from the good copy before returning
    reasons: list[str] = []
    repaired = False
    first_good: bytes | None = None
    for path in setup_paths(folder, name):
        try:
            data = read_regular(path, MAX_SETUP_BYTES)
        except FileNotFoundError:
            reasons.append(f"{_shown(folder, path)} is missing")  # a save from before copies
            continue
        except Unreadable as refused:
            reasons.append(f"{_shown(folder, path)}: {refused.reason}")
            repaired = True
            continue
        if first_good is not None and data == first_good:
            continue  # the same bytes as the copy already read and checked
        try:
            candidate = savefile2.decode_setup(data, name)
        except UnreadableSave as problem:
            reasons.append(f"{_shown(folder, path)}: {problem}")
            move_aside(path)
            repaired = True
            damaged.append(path)
            continue
        if setup is None:
            setup, first_good = candidate, data
        elif data != first_good:  # good too, but different: the first is kept, this set aside
            move_aside(path)
    if setup is None:
        raise GameUnreadable("; ".join(reasons) or "no copy of the game's setup")
    if repaired:
        log_note("loading the saved game", "; ".join(reasons) + ": the other copy was used")
    assert first_good is not None
    for path in damaged:
        _write_again(path, first_good)
    journals: tuple[JournalCopy, ...] = ()
    for path in journal_paths(folder, name):
        journals += (_read_journal(folder, path, wanted, journals[0] if journals else None),)
    best = max(journals, key=lambda copy: len(copy.actions))
    for copy in journals:
        if copy.damaged:
            repaired = True
            if copy.data is not None:
                log_note("loading the saved game", f"{_shown(folder, copy.path)}: {copy.problem}")
                if move_aside(copy.path) is not None:  # so a crash now loses nothing more
                    _write_again(copy.path, savefile2.encode_actions(best.actions))
    lost = wanted - len(best.actions)
    if lost:
        log_note(
            "loading the saved game",
            f"game {name}: {lost} of {wanted} actions could not be read in either copy",
        )
    return GameRead(
        setup, list(best.actions), lost, repaired and not lost, journals, best.data or b""
    )


def _write_again(path: Path, data: bytes) -> None:
    """A damaged copy, moved aside, written again from the good one (best effort: the next
    save writes it anyway)."""
    from game.store.atomic import write_atomic

    try:
        write_atomic(path, data)
    except OSError as error:
        log_note("loading the saved game", f"{path.name} could not be written again: {error}")


def _read_journal(
    folder: Path, path: Path, wanted: int, first: JournalCopy | None = None
) -> JournalCopy:
    """One copy of the journal read; a copy with the same bytes as the `first` one read is
    not decoded again (both copies are the same but for a kill between their appends)."""
    from game.store import savefile2

    try:
        data = read_regular(path, MAX_JOURNAL_BYTES)
    except FileNotFoundError:
        return JournalCopy(path, None, [], 0, MISSING, wanted == 0)
    except Unreadable as refused:  # a FIFO, a folder, a device: moved aside by the next save
        log_note("loading the saved game", f"{_shown(folder, path)}: {refused.reason}")
        return JournalCopy(path, None, [], 0, refused.reason, False)
    if first is not None and first.data == data:
        return dataclasses.replace(first, path=path, actions=list(first.actions))
    actions, problem, used = savefile2.read_journal(data, wanted)
    short = problem is not None and problem.startswith("the journal holds")
    return JournalCopy(path, data, actions, used, problem, short)


def setup_vouched(folder: Path, name: str) -> bool:
    """Whether a copy of the setup is whole: our own bytes with a matching sha256.

    No JSON parse and no engine: the file is `{"game":<body>,"inkind_setup":2,"sha256":"<hex>"}`
    and its checksum is the sha256 of <body>, as savefile2.encode_setup writes it."""
    for path in setup_paths(folder, name):
        try:
            data = read_regular(path, MAX_SETUP_BYTES)
        except OSError:
            continue
        if setup_bytes_vouched(data, name):
            return True
    return False


def _shown(folder: Path, path: Path) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return str(path)


class GameWriter:
    """Writes one game's setup (once) and journal (appended) into both copies.

    It remembers what each journal file holds (its game, actions, bytes and the log they
    are) so a save appends only the new lines; a file whose size is not what it wrote, or
    a log that is not a continuation, is written whole again (atomically)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.setup: tuple[object, str] | None = None  # (the Setup by identity, its name)
        # Each journal file: (its game, how many actions, bytes, the log they are, the crc32
        # of those bytes: what a checkpoint is tied to).
        self.journals: dict[Path, tuple[str, int, int, ActionLog, int]] = {}
        # The newest checkpoint on disk: (its game, after how many actions, its line).
        self.checkpoint: tuple[str, int, bytes] | None = None

    def forget(self) -> None:
        self.setup = None
        self.journals = {}
        self.checkpoint = None

    def known(
        self,
        name: str,
        setup: object,
        read: GameRead,
        log: ActionLog,
        checkpoint: tuple[int, bytes] | None = None,
    ) -> None:
        """After a load: what is on disk, so the next save appends to what is whole (and
        the checkpoint Continue used, kept beside the next one)."""
        self.setup = (setup, name)
        self.journals = {
            copy.path: (name, len(copy.actions), copy.used, log, _crc(copy.data, copy.used))
            for copy in read.journals
            if copy.data is not None and not copy.damaged and len(copy.actions) == len(log)
        }
        self.checkpoint = None if checkpoint is None else (name, *checkpoint)

    def write(self, state: GameState) -> str:
        """Both copies of the game's setup and journal on disk, and now and then a
        checkpoint; the setup's name."""
        name = self._write_setup(state)
        for path in journal_paths(self.folder, name):
            self._write_journal(path, name, state.log)
        self._write_checkpoint(name, state)
        return name

    def _write_checkpoint(self, name: str, state: GameState) -> None:
        """The state as a checkpoint, CHECKPOINT_EVERY actions after the last one. A cache:
        replaced whole without an fsync, and a failure only logged (the journal is the game)."""
        from game.store import checkpoints
        from game.store.atomic import write_atomic

        count = len(state.log)
        before = self.checkpoint if self.checkpoint and self.checkpoint[0] == name else None
        if count - (before[1] if before else 0) < checkpoints.CHECKPOINT_EVERY:
            return
        journal = self.journals.get(journal_paths(self.folder, name)[0])
        if journal is None or journal[0] != name or journal[1] != count:
            return  # not written whole this save: no bytes to tie it to
        line = checkpoints.encode_checkpoint(state, name, (journal[2], journal[4]))
        path = checkpoints.checkpoint_path(self.folder / GAMES, name)
        try:
            if before is not None:  # the newest one first, then the new one
                write_atomic(path, before[2] + line, durable=False)
            else:
                write_atomic(path, line, durable=False)
        except OSError as error:
            log_note("saving the game", f"{path.name} could not be written: {error}")
            self.checkpoint = None
            return
        self.checkpoint = (name, count, line)

    def _write_setup(self, state: GameState) -> str:
        from game.store import savefile2
        from game.store.atomic import write_atomic
        from game.store.repair import ensure_folder

        if (
            self.setup is not None
            and self.setup[0] is state.setup
            and all(path.is_file() for path in setup_paths(self.folder, self.setup[1]))
        ):
            return self.setup[1]  # written already (two stats: a folder moved aside is seen)
        name, data = savefile2.encode_setup(state.setup)
        for path in setup_paths(self.folder, name):
            ensure_folder(path.parent, "saving the game")
            try:
                same = read_regular(path, MAX_SETUP_BYTES) == data
            except FileNotFoundError:
                same = False
            except OSError:  # a FIFO, a folder, a device: never opened, moved aside
                same = False
                move_aside(path)
            else:
                if not same:
                    move_aside(path)  # damaged, or not ours: kept, never overwritten
            if not same:
                write_atomic(path, data)
        self.forget_others(keep=name)
        self.setup = (state.setup, name)
        return name

    def _write_journal(self, path: Path, name: str, log: ActionLog) -> None:
        from game.store import savefile2
        from game.store.atomic import append_synced, write_atomic

        known = self.journals.get(path)
        if known is not None and known[0] == name and log.starts_with(known[3]):
            try:
                on_disk = os.stat(path).st_size if stat.S_ISREG(os.lstat(path).st_mode) else -1
            except OSError:
                on_disk = -1
            if on_disk == known[2]:
                more = savefile2.encode_actions(log[known[1] :])
                if more:
                    append_synced(path, more)
                crc = zlib.crc32(more, known[4])
                self.journals[path] = (name, len(log), known[2] + len(more), log, crc)
                return
        data = savefile2.encode_actions(log)
        from game.store.repair import ensure_file_slot

        ensure_file_slot(path, "saving the game")
        write_atomic(path, data)
        self.journals[path] = (name, len(log), len(data), log, zlib.crc32(data))
        if self.checkpoint is not None and self.checkpoint[0] == name:
            self.checkpoint = None  # of another log, maybe: the next one is written at once

    def forget_others(self, keep: str) -> None:
        """Remove the setup and journal of games no save refers to any more, in both copies
        (the one the current save names stays: it becomes the backup). Damaged files set
        aside are not a game's: they stay, within their own limit."""
        from game.store.save_header import UnreadableHeader, decode_header

        wanted = {keep}
        for header in ("current.json", "backup.json"):
            with contextlib.suppress(OSError, UnreadableHeader):
                wanted.add(decode_header(read_regular(self.folder / header, 1024 * 1024))["setup"])
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder / GAMES):
                stem, _, kind = entry.name.partition(".")
                if stem not in wanted and kind in KINDS:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _crc(data: bytes | None, used: int) -> int:
    return zlib.crc32(memoryview(data or b"")[:used])
