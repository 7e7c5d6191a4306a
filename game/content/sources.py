"""Where decks come from: the built-in decks, the player's own deck folder, and paths given with --deck.

A broken deck stays in the catalog, with its problems, so the game can show it as broken
while every other deck stays playable.
"""

from __future__ import annotations

import gc
import os
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import attrs

from game import resources
from game.content.decks import DeckResult, load_deck
from game.content.presets import load_presets
from game.content.problems import Problem, display_path, error, says
from game.core.cards import Deck, Mode
from game.core.rules import Rules

DECK_SUFFIXES = (".yaml", ".yml")


def user_decks_dir() -> Path:
    """The player's own decks: `decks` in the user data folder (INKIND_HOME overrides it)."""
    from game.store.paths import data_dir

    return data_dir() / "decks"


def deck_files(folder: str | os.PathLike[str]) -> list[str]:
    """Everything with a deck's name directly inside a folder, by name, each shown under the
    folder as given. Whatever it is: a FIFO, a device, a folder or a symlink loop named
    `x.yaml` is listed too, so that loading reports it as unreadable (without opening it)
    rather than leaving it out without a word."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    shown = os.fspath(folder)
    return [
        os.path.join(shown, name)
        for name in names
        if name.endswith(DECK_SUFFIXES) and not name.startswith(".")
    ]


def builtin_deck_files() -> list[str]:
    return [display_path(path) for path in deck_files(resources.decks_dir())]


@attrs.frozen
class Catalog:
    decks: tuple[
        DeckResult, ...
    ]  # built-in first (sorted by name), then user decks, then --deck extras
    presets: dict[str, Rules]
    problems: tuple[Problem, ...]  # problems that belong to no deck: presets, missing --deck paths

    def playable(self, mode: Mode) -> tuple[Deck, ...]:
        return tuple(
            result.deck
            for result in self.decks
            if result.ok and result.deck is not None and mode in result.deck.modes
        )


def unchanged(new: Catalog, kept: Catalog | None) -> bool:
    """Nothing changed: the same decks (an unchanged file gives the very same result, kept
    by `_READ`), presets and problems."""
    if kept is None or len(new.decks) != len(kept.decks):
        return False
    return (
        all(a is b for a, b in zip(new.decks, kept.decks, strict=True))
        and new.presets == kept.presets
        and new.problems == kept.problems
    )


# Decks already read, by what their file was when read: a file that has not changed (same
# place, size, modification time and inode) is not read again, so opening New game again
# costs a `stat` per deck. Bounded: a folder of thousands of decks cannot grow it forever.
FileKey = tuple[str, str, int, int, int]  # real path, path as shown, size, mtime, inode
# What a deck file gave, by its version and the presets: the result, and the deck ids the
# reading asked about with what they were taken by then (None: free), so the result is
# used again only where the same ids are taken by the same decks.
_READ: dict[tuple[object, ...], tuple[DeckResult, tuple[tuple[str, str | None], ...]]] = {}
_READ_FILES: set[FileKey] = set()
_READ_MOST = 1024


def _file_key(path: str, real_folders: dict[str, str] | None = None) -> FileKey | None:
    """What identifies this version of the file, or None (not a regular file: never cached).

    One `lstat` for a file that is no link (the most); its folder's real path is found once
    for all the files in it when `real_folders` keeps them."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            info = os.stat(path)
            real = os.path.realpath(path)
        else:
            real = _real_in_folder(path, real_folders)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (real, path, info.st_size, info.st_mtime_ns, info.st_ino)


def _real_in_folder(path: str, real_folders: dict[str, str] | None) -> str:
    """The real path of a file that is no link: its folder's real path, and its name."""
    folder, name = os.path.split(path)
    if real_folders is None or not name or name in (".", ".."):
        return os.path.realpath(path)
    real = real_folders.get(folder)
    if real is None:
        real = real_folders[folder] = os.path.realpath(folder or ".")
    return os.path.join(real, name)


def unread_bytes(paths: Iterable[str]) -> int:
    """How many bytes of these deck files have not been read yet (or changed since)."""
    total = 0
    real_folders: dict[str, str] = {}
    for path in paths:
        key = _file_key(path, real_folders)
        if key is not None and key not in _READ_FILES:
            total += key[2]
    return total


class _TakenElsewhere(Mapping[str, str]):
    """The deck ids taken by files other than the one being read (as its reading asks:
    O(1) a question, never a copy), remembering each id asked about and its answer."""

    def __init__(self, loader: DeckLoader, real: str) -> None:
        self._loader = loader
        self._real = real
        self.asked: dict[str, str | None] = {}

    def _shown(self, deck_id: str) -> str | None:
        taken = self._loader.taken.get(deck_id)
        shown = taken[1] if taken is not None and taken[0] != self._real else None
        self.asked[deck_id] = shown
        return shown

    def __getitem__(self, deck_id: str) -> str:
        shown = self._shown(deck_id)
        if shown is None:
            raise KeyError(deck_id)
        return shown

    def __contains__(self, deck_id: object) -> bool:
        return isinstance(deck_id, str) and self._shown(deck_id) is not None

    def __len__(self) -> int:
        return len(self._loader.taken) - self._loader.at_real.get(self._real, 0)

    def __iter__(self) -> Iterator[str]:  # never asked by a reading; here to be a Mapping
        real = self._real
        return (i for i, (at, _) in self._loader.taken.items() if at != real)


class DeckLoader:
    """Loads deck files one after another, so that a deck id can be used only once.

    O(1) work a file beyond reading it (issue 27: the ids other files took were copied and
    hashed for every file, 342-419 ms to reopen the deck page with 800 decks)."""

    def __init__(self, preset_ids: Iterable[str]) -> None:
        self.preset_ids = frozenset(preset_ids)
        self.taken: dict[str, tuple[str, str]] = {}  # deck id -> (real path, path as shown)
        self.at_real: dict[str, int] = {}  # real path -> how many of `taken` it holds
        self._real_folders: dict[str, str] = {}

    def load(self, path: str) -> DeckResult:
        file_key = _file_key(path, self._real_folders)
        real = file_key[0] if file_key is not None else os.path.realpath(path)
        others = _TakenElsewhere(self, real)
        key = None if file_key is None else (file_key, self.preset_ids)
        kept = _READ.get(key) if key is not None else None
        if kept is not None and all(others._shown(i) == shown for i, shown in kept[1]):
            result = kept[0]
        else:
            result = load_deck(path, preset_ids=self.preset_ids, taken_ids=others)
            if key is not None and file_key is not None:
                if len(_READ) >= _READ_MOST:
                    _READ.clear()
                    _READ_FILES.clear()
                _READ[key] = (result, tuple(others.asked.items()))
                _READ_FILES.add(file_key)
        if result.deck is not None and result.deck.id not in self.taken:
            self.taken[result.deck.id] = (real, path)
            self.at_real[real] = self.at_real.get(real, 0) + 1
        return result

    def load_all(
        self, paths: Iterable[str], progress: Callable[[], None] | None = None
    ) -> list[DeckResult]:
        results = []
        for path in paths:
            results.append(self.load(path))
            if progress is not None:
                progress()
        return results


def by_name(results: Iterable[DeckResult]) -> list[DeckResult]:
    """Decks by name; a broken deck (which has no name) by its file name."""
    return sorted(
        results,
        key=lambda r: r.deck.name.casefold() if r.deck else Path(r.path).stem.casefold(),
    )


def catalog_files(extra: Sequence[str] = ()) -> tuple[list[str], list[str], list[str]]:
    """(built-in deck files, the player's deck files, the --deck files) to read."""
    extras: list[str] = []
    for path in extra:
        extras += deck_files(path) if os.path.isdir(path) else [path]
    return builtin_deck_files(), deck_files(user_decks_dir()), extras


def load_catalog(
    extra: Sequence[str] = (), progress: Callable[[int, int], None] | None = None
) -> Catalog:
    """Every deck the game can offer, and every problem with them.

    `progress(done, total)` is called once before the first deck file and after each one
    (for a screen showing it).
    """
    presets, preset_problems = load_presets()
    loader = DeckLoader(presets)
    problems = list(preset_problems)
    builtin, user, extras = catalog_files(extra)
    total = len(builtin) + len(user) + len(extras)
    done = 0
    if progress is not None:
        progress(0, total)  # how many there are, before the first is read

    def one_more() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    decks = by_name(loader.load_all(builtin, one_more))
    decks += by_name(loader.load_all(user, one_more))
    for path in extras:
        if os.path.lexists(path):  # a FIFO or a symlink loop is reported, never opened
            decks.append(loader.load(path))
        else:
            problems.append(error(path, None, None, says("no_such_path")))
        one_more()
    return Catalog(tuple(decks), presets, tuple(problems))


class CatalogLoad:
    """The catalog read in a thread of its own, so that no frame ever waits for a deck file.

    `done` and `total` say how far it is; `catalog` is set when it has finished (a failure
    that should never happen is kept in `failed` and shown like a broken deck would be).
    `extra` is kept: a catalog read with other --deck paths is not the one asked for.

    While it reads (`frames_first`), Python's cycle collector is paused: reading a big deck
    makes hundreds of thousands of short-lived objects, and each full collection they set
    off walked all of them holding the interpreter's lock, up to 500 ms in which the game's
    own thread could not draw (a 15,500-card deck read in a thread froze the frames for
    that long). Nothing read makes reference cycles: reference counting frees all of it.
    And the interpreter lets the frames' thread take its turn sooner.
    """

    def __init__(self, extra: Sequence[str] = ()) -> None:
        self.extra = tuple(extra)
        self.done = 0
        self.total = 0
        self.catalog: Catalog | None = None
        self.failed: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(self.extra,), name="reading decks", daemon=True
        )
        self._thread.start()

    def _run(self, extra: tuple[str, ...]) -> None:
        def progress(done: int, total: int) -> None:
            self.done, self.total = done, total

        try:
            with frames_first():
                self.catalog = load_catalog(extra, progress)
        except BaseException as failure:  # reported by the screen waiting for it
            self.failed = failure

    @property
    def finished(self) -> bool:
        return self.catalog is not None or self.failed is not None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the reading to end (tests and scripts; never a frame). True if it has."""
        self._thread.join(timeout)
        return self.finished


# While a thread reads decks, the interpreter lets the other threads (the frames) take their
# turn after this long instead of its default 5 ms: a frame of 1.5 ms waited 5 ms for the
# lock, then took 6.7 ms (median), and with 1 ms, 2.8 ms.
READING_SWITCH_SECONDS = 0.001
_readings = 0
_was_enabled = False
_was_interval = 0.005
_readings_lock = threading.Lock()


@contextmanager
def frames_first() -> Iterator[None]:
    """While decks are read in a thread: Python's cycle collector paused, and the thread
    switch every millisecond. Nested, or from several threads: both come back as they were
    when the last reading ends.

    What the pause made and kept (a catalog's decks) is then handed to the oldest
    generation at once (`gc.freeze` and `gc.unfreeze` move every tracked object there
    without looking at any): the first young collection after the pause would otherwise
    walk every card read, tens of milliseconds in one go on whichever thread ran it."""
    global _readings, _was_enabled, _was_interval
    with _readings_lock:
        if _readings == 0:
            _was_enabled, _was_interval = gc.isenabled(), sys.getswitchinterval()
            gc.disable()
            sys.setswitchinterval(min(_was_interval, READING_SWITCH_SECONDS))
        _readings += 1
    try:
        yield
    finally:
        with _readings_lock:
            _readings -= 1
            if _readings == 0:
                sys.setswitchinterval(_was_interval)
                if _was_enabled:
                    gc.freeze()
                    gc.unfreeze()
                    gc.enable()
