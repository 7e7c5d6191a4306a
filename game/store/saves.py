"""Autosave and resume: the game after every action, and the one before it as a backup.

`save` writes `current.json` atomically, first keeping the previous good save as
`backup.json`: a hard link to it, so the backup costs no room on a full disk and no copy
(a plain copy where links are not possible). A file it cannot trust is moved aside as
`current.unreadable.json` rather than overwritten, so a save from a newer version is never
lost; later ones go beside it (`.2`, `.3`), the first always kept, never more than
MAX_KEPT_ASIDE. A folder in the backup's place is moved aside the same way.

`load` tries the current save, then the backup, and never raises: what went wrong comes
back as one calm sentence. A save is read only if it is a regular file of a size a save can
have: a FIFO, /dev/zero or a folder in its place is refused without being opened.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import os
import shutil
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.store.atomic import (
    append_synced,
    link_over,
    remove_stale_temps,
    write_atomic,
)
from game.store.log import log_exception, log_note
from game.store.paths import all_paths, make_private_folder
from game.store.safe_read import Unreadable, read_regular

if TYPE_CHECKING:
    from game.core.action_log import ActionLog
    from game.core.state import GameState
    from game.store.savefile import UnreadableSave

# savefile (and with it the engine) is imported only when a save is written or read:
# the title asks has_unfinished() at every start, and with no save on disk that must stay cheap.
# For the same reason the two small records here are dataclasses (pygame has imported them
# already), not attrs classes.

CURRENT = "current.json"
BACKUP = "backup.json"
GAMES = "games"  # format 2: each game's setup and journal of actions (savefile2.py)
MAX_JOURNAL_BYTES = 512 * 1024 * 1024  # about 5 million actions
MAX_KEPT_ASIDE = 3  # unreadable files kept per name: the first ones, and the latest in the last

WENT_BACK_DAMAGED = "The last save was damaged, so we went back to the one before it."
WENT_BACK_MISSING = "The last save was missing, so we went back to the one before it."
WENT_BACK_NEWER = (
    "The last save was made by a newer version of In Kind, so we went back to the one before it."
)
COULD_NOT_READ = "The saved game could not be read; you can start a new one."
NEWER_VERSION = "The saved game was made by a newer version of In Kind; you can start a new one."


@dataclasses.dataclass(frozen=True)
class LoadedSave:
    state: GameState | None = None
    table: dict[str, Any] = dataclasses.field(default_factory=dict)
    message: str | None = None  # one calm sentence for the player when something was wrong

    @property
    def unfinished(self) -> bool:
        return self.state is not None and not self.state.finished


@dataclasses.dataclass(frozen=True)
class _Slot:
    """What one save file turned out to hold."""

    path: Path
    data: bytes | None = None  # None: no such file
    state: GameState | None = None
    table: dict[str, Any] = dataclasses.field(default_factory=dict)
    problem: UnreadableSave | None = None

    @property
    def missing(self) -> bool:
        return self.data is None and self.problem is None

    @property
    def good(self) -> bool:
        return self.state is not None


class SaveStore:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else all_paths()["saves"]
        self._trusted: bytes | None = None  # what current.json holds, when known good
        self._swept = False
        self._reported: set[tuple[str, str]] = set()
        # Format 2: the setup written (by identity of the Setup, so it is encoded once per
        # game) and the journal on disk (its game, actions, bytes, and the log it holds).
        self._setup: tuple[object, str] | None = None
        self._journal: tuple[str, int, int, ActionLog] | None = None
        # Told of every save written (the crash test's report); normal play has none.
        self.saved_listeners: list[Callable[[GameState, Path], None]] = []
        # `save_soon`: the newest game waiting for the writer thread, and the thread. `_slot`
        # guards the waiting game (held for a moment only, so a frame never waits for the
        # disk); `_disk` serialises the writes. Every save is numbered in the order it was
        # asked, and a write older than the one on disk is dropped, whichever thread has it.
        self._slot = threading.Condition()
        self._disk = threading.RLock()
        self._asked = 0  # the number of the last save asked for
        self._on_disk = 0  # the number of the last save written (or forgotten by `clear`)
        self._soon: tuple[int, GameState, dict[str, Any] | None] | None = None
        self._writing = False
        self._writer: threading.Thread | None = None
        self.soon_error: OSError | None = None  # what the last background save met, if any

    def on_saved(self, listener: Callable[[GameState, Path], None]) -> None:
        """Call `listener(state, path)` after each save is safely on disk."""
        self.saved_listeners.append(listener)

    @property
    def current_path(self) -> Path:
        return self.folder / CURRENT

    @property
    def backup_path(self) -> Path:
        return self.folder / BACKUP

    def save(self, state: GameState, table: dict[str, Any] | None = None) -> None:
        """Raise OSError if the disk refuses; the old save is then still there.

        Format 2: the game's setup once, the new actions appended to its journal, then the
        small header (see savefile2.py). O(1) per action, whatever the evening's length.
        """
        with self._slot:
            self._asked += 1
            number = self._asked
            self._soon = None  # this game is newer than any still waiting
        self._write_numbered(number, state, table)

    def save_soon(self, state: GameState, table: dict[str, Any] | None = None) -> None:
        """Save on the writer thread, a moment from now, and return at once.

        For the phones' busy frames: the fsyncs (milliseconds each, and far more when the
        disk is busy) would otherwise be waited for in the frame. Only the newest game
        waiting is written, so a burst costs one save. A failure lands in `soon_error`;
        `flush` waits until what was asked is on disk.
        """
        with self._slot:
            self._asked += 1
            self._soon = (self._asked, state, table)
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._write_soon, name="inkind-save", daemon=True
                )
                self._writer.start()
                atexit.register(self.flush)  # a game that quits has its last save written
            self._slot.notify_all()

    def flush(self, timeout: float = 10.0) -> None:
        """Wait until every `save_soon` so far is on disk (or has failed)."""
        with self._slot:
            self._slot.wait_for(lambda: self._soon is None and not self._writing, timeout)

    def _write_soon(self) -> None:
        while True:
            with self._slot:
                self._slot.wait_for(lambda: self._soon is not None)
                assert self._soon is not None
                (number, state, table), self._soon = self._soon, None
                self._writing = True
            try:
                self._write_numbered(number, state, table)
                self.soon_error = None
            except OSError as error:
                log_exception("saving the game", error)
                self.soon_error = error
            except Exception as error:  # never a dead writer: the next save tries again
                log_exception("saving the game", error)
                self.soon_error = OSError(str(error))
            finally:
                with self._slot:
                    self._writing = False
                    self._slot.notify_all()

    def _write_numbered(self, number: int, state: GameState, table: dict[str, Any] | None) -> None:
        with self._disk:
            if number <= self._on_disk:
                return  # a newer save is on disk already (or the game was forgotten)
            self._write(state, table)
            self._on_disk = number

    def _write(self, state: GameState, table: dict[str, Any] | None) -> None:
        from game.store import savefile2

        if not self._swept:
            remove_stale_temps(self.folder, CURRENT)
            remove_stale_temps(self.folder, BACKUP)
            self._swept = True
        name = self._write_setup(state)
        self._write_journal(name, state)
        header = savefile2.header_for(state, name, {} if table is None else table)
        data = savefile2.encode_header(header)
        self._keep_previous()
        write_atomic(self.current_path, data)
        self._trusted = data
        for listener in self.saved_listeners:
            listener(state, self.current_path)

    def load(self) -> LoadedSave:
        with self._disk:
            return self._load_locked()

    def _load_locked(self) -> LoadedSave:
        if not (os.path.lexists(self.current_path) or os.path.lexists(self.backup_path)):
            return LoadedSave()  # nothing saved: no need to load the reader and the engine
        try:
            return self._load()
        except Exception as error:  # the last line of defence: a resume must never crash
            log_exception("loading the saved game", error)
            return LoadedSave(message=COULD_NOT_READ)

    def has_unfinished(self) -> bool:
        return self.load().unfinished

    def state_in(self, path: Path) -> GameState | None:
        """The game one save file holds (the current save or the backup), or None."""
        return self._read(Path(path)).state

    def peek(self) -> bool | None:
        """Whether the saved game is unfinished, from the header alone (no engine, no
        replay): what the title needs to offer Continue. None: ask `load` (an older save,
        or one the header cannot vouch for)."""
        from game.store.save_header import UnreadableHeader, decode_header

        try:
            header = decode_header(read_regular(self.current_path, 1024 * 1024))
        except (OSError, UnreadableHeader):
            return None
        return not header["finished"]

    def peek_extra(self, name: str) -> object | None:
        """What the unfinished saved game keeps beside it under `name` (see
        `Session.extras`), from the header alone; None if there is none. Unchecked: the
        caller checks what it reads, as from any file."""
        from game.store.save_header import UnreadableHeader, decode_header

        try:
            header = decode_header(read_regular(self.current_path, 1024 * 1024))
        except (OSError, UnreadableHeader):
            return None
        table = header.get("table")
        if header.get("finished") or not isinstance(table, dict):
            return None
        return table.get(name)

    def clear(self) -> None:
        """Forget the saved game (the backup first, so a crash never leaves only the older one)."""
        with self._slot:
            self._asked += 1
            forgotten = self._asked
            self._soon = None  # a save still waiting belongs to the game forgotten
        with self._disk:
            self._on_disk = max(self._on_disk, forgotten)  # one being written is dropped
            self._clear()

    def _clear(self) -> None:
        for path in (self.backup_path, self.current_path, self.folder / GAMES):
            _remove(path)
        self._setup = self._journal = None
        remove_stale_temps(self.folder, CURRENT)
        remove_stale_temps(self.folder, BACKUP)
        self._trusted = None

    # ------------------------------------------------------------ inside

    def _load(self) -> LoadedSave:
        current = self._read(self.current_path)
        if current.good:
            self._trusted = current.data
            return LoadedSave(current.state, current.table, None)
        backup = self._read(self.backup_path)
        if backup.good:
            if current.missing:
                message = WENT_BACK_MISSING
            elif current.problem is not None and current.problem.newer:
                message = WENT_BACK_NEWER
            else:
                message = WENT_BACK_DAMAGED
            return LoadedSave(backup.state, backup.table, message)
        if current.missing and backup.missing:
            return LoadedSave()
        newer = any(slot.problem is not None and slot.problem.newer for slot in (current, backup))
        return LoadedSave(message=NEWER_VERSION if newer else COULD_NOT_READ)

    def _read(self, path: Path) -> _Slot:
        from game.store.savefile import MAX_SAVE_BYTES, UnreadableSave

        try:
            data = read_regular(path, MAX_SAVE_BYTES)
        except FileNotFoundError:
            return _Slot(path)
        except Unreadable as refused:
            return self._unreadable(_Slot(path, problem=UnreadableSave(refused.reason)))
        except OSError as error:
            return self._unreadable(_Slot(path, problem=UnreadableSave(f"cannot open: {error}")))
        return self._decode(path, data)

    def _decode(self, path: Path, data: bytes) -> _Slot:
        from game.store.save_header import SAVE_FORMAT_2, UnreadableHeader, save_format
        from game.store.savefile import UnreadableSave, decode_save

        try:
            if save_format(data) == SAVE_FORMAT_2:
                return self._decode_format_2(path, data)
            state, table = decode_save(data)  # format 1: the whole game in one file
        except UnreadableHeader as problem:
            unreadable = UnreadableSave(str(problem), problem.newer)
            return self._unreadable(_Slot(path, data, problem=unreadable))
        except UnreadableSave as problem:
            return self._unreadable(_Slot(path, data, problem=problem))
        return _Slot(path, data, state, table)

    def _decode_format_2(self, path: Path, data: bytes) -> _Slot:
        """Header, then the setup it names, then its journal replayed (UnreadableSave if not)."""
        from game.store import savefile2
        from game.store.savefile import UnreadableSave

        header = savefile2.decode_header(data)
        name, wanted = header["setup"], header["actions"]
        games = self.folder / GAMES
        try:
            setup_data = read_regular(games / f"{name}.json", savefile2.MAX_SETUP_BYTES)
            journal = read_regular(games / f"{name}.actions", MAX_JOURNAL_BYTES)
        except FileNotFoundError:
            raise UnreadableSave("the game's setup or journal is missing") from None
        except Unreadable as refused:
            raise UnreadableSave(f"the game's files cannot be read: {refused.reason}") from None
        setup = savefile2.decode_setup(setup_data, name)
        actions, problem, used = savefile2.read_journal(journal, wanted)
        if problem is not None:
            # A damaged line: the game as it was at the last good action before it.
            raise UnreadableSave(problem)
        state = savefile2.rebuild(setup, actions)
        if path == self.current_path:
            self._setup = (state.setup, name)
            self._journal = (name, len(actions), used, state.log)
        return _Slot(path, data, state, header["table"])

    def _write_setup(self, state: GameState) -> str:
        """The name of this game's setup file, written once (it never changes in a game)."""
        from game.store import savefile2

        if self._setup is not None and self._setup[0] is state.setup:
            return self._setup[1]
        name, data = savefile2.encode_setup(state.setup)
        games = self.folder / GAMES
        path = games / f"{name}.json"
        if not path.is_file():
            make_private_folder(games)
            write_atomic(path, data)
        self._forget_other_games(keep=name)
        self._setup = (state.setup, name)
        return name

    def _write_journal(self, name: str, state: GameState) -> None:
        """Append the actions not yet on disk; rewrite the journal when it is not a prefix."""
        from game.store import savefile2

        path = self.folder / GAMES / f"{name}.actions"
        known = self._journal
        log = state.log
        appended = False
        if known is not None and known[0] == name and log.starts_with(known[3]):
            try:
                on_disk = os.stat(path).st_size if stat.S_ISREG(os.lstat(path).st_mode) else -1
            except OSError:
                on_disk = -1
            if on_disk == known[2]:
                more = savefile2.encode_actions(log[known[1] :])
                if more:
                    append_synced(path, more)
                self._journal = (name, len(log), known[2] + len(more), log)
                appended = True
        if not appended:
            data = savefile2.encode_actions(log)
            make_private_folder(path.parent)
            write_atomic(path, data)
            self._journal = (name, len(log), len(data), log)

    def _forget_other_games(self, keep: str) -> None:
        """Remove the setup and journal of games no save refers to any more (the one the
        current save names stays: it becomes the backup)."""
        from game.store.save_header import UnreadableHeader, decode_header

        wanted = {keep}
        for header_path in (self.current_path, self.backup_path):
            with contextlib.suppress(OSError, UnreadableHeader):
                wanted.add(decode_header(read_regular(header_path, 1024 * 1024))["setup"])
        games = self.folder / GAMES
        with contextlib.suppress(OSError):
            for entry in os.scandir(games):
                stem = entry.name.split(".")[0]
                if stem not in wanted and entry.name.endswith((".json", ".actions")):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    def _unreadable(self, slot: _Slot) -> _Slot:
        self._note_once("loading the saved game", f"{slot.path.name} was not used: {slot.problem}")
        return slot

    def _note_once(self, where: str, text: str) -> None:
        if (where, text) not in self._reported:
            self._reported.add((where, text))
            log_note(where, text)

    def _keep_previous(self) -> None:
        """Keep the save about to be replaced as the backup, or move it aside if it is bad."""
        from game.store.savefile import MAX_SAVE_BYTES

        current = self.current_path
        if not os.path.lexists(current):
            return
        try:
            on_disk: bytes | None = read_regular(current, MAX_SAVE_BYTES)
        except OSError:  # a FIFO, a device, a folder, a link to nothing: moved aside unread
            on_disk = None
        if on_disk is not None and (
            on_disk == self._trusted or self._decode(current, on_disk).good
        ):
            self._back_up(on_disk)
            return
        aside = self._set_aside(current)
        log_note("saving the game", f"{current.name} could not be read; kept as {aside.name}")

    def _back_up(self, data: bytes) -> None:
        """Make the backup the save on disk now, which is good. Never stops the save itself:
        a backup that cannot be written is said once in the log, and the save goes on."""
        backup = self.backup_path
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISDIR(backup.lstat().st_mode):  # a folder would make every save fail
                try:
                    aside = self._set_aside(backup)
                except OSError as error:
                    self._note_once("saving the game", f"{BACKUP} is a folder ({error})")
                else:
                    log_note("saving the game", f"{BACKUP} was a folder; moved as {aside.name}")
        try:
            link_over(self.current_path, backup)
            return
        except OSError:
            pass  # no hard links here (FAT, some network folders): a copy instead
        try:
            write_atomic(backup, data)
        except OSError as error:
            self._note_once(
                "saving the game",
                f"{BACKUP} could not be written ({error.strerror or error}): saved without it",
            )

    def _set_aside(self, path: Path) -> Path:
        """Move `path` out of the way, keeping the first ones set aside before; where it went."""
        places = [
            path.with_name(f"{path.stem}.unreadable{'' if n == 1 else f'.{n}'}{path.suffix}")
            for n in range(1, MAX_KEPT_ASIDE + 1)
        ]
        place = next((p for p in places if not os.path.lexists(p)), places[-1])
        _remove(place)  # all taken: the latest set aside gives way, the first ones stay
        path.replace(place)
        return place


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
