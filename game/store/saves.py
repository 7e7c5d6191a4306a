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

from game.store.atomic import link_over, remove_stale_temps, write_atomic
from game.store.game_files import GAMES, GameWriter
from game.store.log import log_exception, log_note
from game.store.paths import all_paths
from game.store.repair import ensure_folder, sweep_temps
from game.store.safe_read import Unreadable, read_regular

if TYPE_CHECKING:
    from game.core.state import GameState
    from game.store.game_files import GameRead
    from game.store.savefile import UnreadableSave

# savefile (and with it the engine) is imported only when a save is written or read:
# the title asks has_unfinished() at every start, and with no save on disk that must stay cheap.
# For the same reason the two small records here are dataclasses (pygame has imported them
# already), not attrs classes.

CURRENT = "current.json"
BACKUP = "backup.json"
__all__ = ["GAMES"]  # format 2: each game's setup and journal, twice (game_files.py)
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
    # Format 2: actions the header counted that neither copy of the journal held whole (the
    # game resumes at the last good action; the table says how many in ui.yaml's words),
    # and whether a damaged copy of the game was passed over for the other (nothing lost).
    lost: int = 0
    repaired: bool = False

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
    lost: int = 0
    repaired: bool = False

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
        # Format 2: the game's setup and journal, both copies (game_files.py).
        self._files = GameWriter(self.folder)
        # Why the saved game could not be continued, since the last save: the title then
        # offers Continue no more (what is left of it was moved aside and logged).
        self.refused: str | None = None
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

        self._sweep()
        ensure_folder(self.folder, "saving the game")  # a file or FIFO in its place: aside
        ensure_folder(self.folder / GAMES, "saving the game")
        name = self._files.write(state)
        header = savefile2.header_for(state, name, {} if table is None else table)
        data = savefile2.encode_header(header)
        self._keep_previous()
        write_atomic(self.current_path, data)
        self._trusted = data
        self.refused = None
        for listener in self.saved_listeners:
            listener(state, self.current_path)

    def load(self) -> LoadedSave:
        with self._disk:
            loaded = self._load_locked()
            if loaded.state is None and loaded.message is not None:
                self.refused = loaded.message  # Continue is not offered again
            return loaded

    def _sweep(self) -> None:
        """Once per store: the temporary files a killed write left behind."""
        if not self._swept:
            self._swept = True
            for folder in (self.folder, self.folder / GAMES):
                sweep_temps(folder)

    def _load_locked(self) -> LoadedSave:
        if not (os.path.lexists(self.current_path) or os.path.lexists(self.backup_path)):
            return LoadedSave()  # nothing saved: no need to load the reader and the engine
        self._sweep()
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
        """Whether the saved game is unfinished and Continue will find it, without the
        engine or a replay: the header's checksum, and a copy of the setup it names whose
        sha256 matches (a damaged journal only shortens the game: it still continues).
        None: ask `load` (an older save, a damaged one, one that needs its backup).
        False once a load found nothing it could continue, until the next save."""
        from game.store.game_files import setup_vouched
        from game.store.save_header import UnreadableHeader, decode_header

        if self.refused is not None:
            return False
        try:
            header = decode_header(read_regular(self.current_path, 1024 * 1024))
        except (OSError, UnreadableHeader):
            return None
        if not header["finished"] and not setup_vouched(self.folder, header["setup"]):
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
        self._files.forget()
        self.refused = None
        remove_stale_temps(self.folder, CURRENT)
        remove_stale_temps(self.folder, BACKUP)
        self._trusted = None

    # ------------------------------------------------------------ inside

    def _load(self) -> LoadedSave:
        current = self._read(self.current_path)
        if current.good:
            self._trusted = current.data
            return LoadedSave(current.state, current.table, None, current.lost, current.repaired)
        backup = self._read(self.backup_path)
        if backup.good:
            if current.missing:
                message = WENT_BACK_MISSING
            elif current.problem is not None and current.problem.newer:
                message = WENT_BACK_NEWER
            else:
                message = WENT_BACK_DAMAGED
            return LoadedSave(backup.state, backup.table, message, backup.lost)
        if current.missing and backup.missing:
            return LoadedSave()
        newer = any(slot.problem is not None and slot.problem.newer for slot in (current, backup))
        if not newer:  # nothing here can be continued: its game's files kept, never deleted
            for slot in (current, backup):
                self._keep_aside(slot)
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

    def _decode(self, path: Path, data: bytes, remember: bool = True) -> _Slot:
        from game.store.save_header import SAVE_FORMAT_2, UnreadableHeader, save_format
        from game.store.savefile import UnreadableSave, decode_save

        try:
            if (save_format(data) or 0) >= SAVE_FORMAT_2:  # a newer one: its header says
                return self._decode_format_2(path, data, remember)
            state, table = decode_save(data)  # format 1: the whole game in one file
        except UnreadableHeader as problem:
            unreadable = UnreadableSave(str(problem), problem.newer)
            return self._unreadable(_Slot(path, data, problem=unreadable))
        except UnreadableSave as problem:
            return self._unreadable(_Slot(path, data, problem=problem))
        return _Slot(path, data, state, table)

    def _decode_format_2(self, path: Path, data: bytes, remember: bool) -> _Slot:
        """Header, then the setup it names, then its journal replayed (UnreadableSave if
        no copy of the setup can be used; a damaged journal only shortens the game)."""
        from game.store import savefile2
        from game.store.game_files import GameUnreadable, read_game, setup_paths
        from game.store.repair import move_aside
        from game.store.savefile import UnreadableSave

        header = savefile2.decode_header(data)
        name, wanted = header["setup"], header["actions"]
        try:
            read = read_game(self.folder, name, wanted)
        except GameUnreadable as problem:
            raise UnreadableSave(f"the game's setup cannot be used: {problem}") from None
        start, line = self._checkpoint(name, read)
        state, refused = None, None
        if start is not None:  # only the moves after it replayed; else the whole journal
            with contextlib.suppress(UnreadableSave):
                state = savefile2.rebuild(read.setup, read.actions, start)
        try:
            if state is None:
                state, refused = savefile2.rebuild_longest(read.setup, read.actions)
        except UnreadableSave:
            for setup in setup_paths(self.folder, name):  # it starts no game: kept aside
                if os.path.lexists(setup):
                    move_aside(setup)
            raise
        if refused is not None:
            self._note_once("loading the saved game", f"{path.name}: {refused}")
        lost = wanted - len(state.log)
        table = header["table"]
        if lost:
            table = {key: value for key, value in table.items() if key != "mirror"}
        if remember and path == self.current_path:
            used = None if start is None or line is None else (len(start.log), line)
            self._files.known(name, state.setup, read, state.log, used)
        return _Slot(path, data, state, table, lost=lost, repaired=read.repaired)

    def _checkpoint(self, name: str, read: GameRead) -> tuple[GameState | None, bytes | None]:
        """The newest good checkpoint of game `name` (checkpoints.py) and its line, or
        (None, None): none there, or none good (each one passed over said in the log)."""
        from game.store import checkpoints

        path = checkpoints.checkpoint_path(self.folder / GAMES, name)
        try:
            data = read_regular(path, checkpoints.MAX_CHECKPOINT_BYTES)
        except OSError:  # missing (a short game, a save from before checkpoints), or refused
            return None, None
        state, line, passed = checkpoints.latest(data, name, read.setup, read.actions, read.journal)
        if passed:
            self._note_once("loading the saved game", f"{path.name}: " + "; ".join(passed))
        return state, line

    def _keep_aside(self, slot: _Slot) -> None:
        """Move the files of a game that cannot be continued out of the way of the next
        game's (which would otherwise remove them as no save's). The header stays until
        the next save moves it aside (`_keep_previous`): a load only reads it."""
        from game.store.game_files import journal_paths, setup_paths
        from game.store.repair import move_aside
        from game.store.save_header import UnreadableHeader, decode_header

        if slot.missing:
            return
        name = None
        with contextlib.suppress(UnreadableHeader, TypeError):
            name = decode_header(slot.data or b"")["setup"]
        if name is not None:
            for path in (*setup_paths(self.folder, name), *journal_paths(self.folder, name)):
                if os.path.lexists(path):
                    move_aside(path)

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
            on_disk == self._trusted or self._decode(current, on_disk, remember=False).good
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
