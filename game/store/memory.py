"""What a group has played, across evenings: so the second evening does not repeat the first.

For a group (the same player names, in any order, ignoring case) and a deck, three lists of
card ids with the date each was added:
- `had`: cards dealt to this group. New cards are dealt first; when every card of the deck is
  had, the list starts again (the deck cycles).
- `starred`: favourites. A group's starred cards can be played as a deck of their own.
- `not_for_us`: never dealt to this group again.

Only names, card ids and dates are kept, never anything said. The file stays on this computer;
memory is on by default, off in Settings ("Remember cards"), forgotten by a Settings row and
by `inkind --reset`:

    {"memory": 1, "groups": [{"names": ["Ana", "Ben"],
      "decks": {"closer": {"had": {"small-good-thing": "2026-12-01"}, "starred": {}, "not_for_us": {}}}}]}

Reading never raises: a missing file is an empty memory; a damaged one gives what could be
read plus one calm sentence. Writing is atomic.

A card dealt costs one appended line, whatever the size of the memory: each change a game
makes goes to `memory.changes` beside the file, `<crc32> {"n": names, "d": deck, "o": what,
"c": card, "w": date}`, and reading applies them in order (a damaged line is skipped). Each
change sets a value (had, a new cycle, starred, not starred, not for us), so applying one
twice gives the same memory, and a kill between writing the file and emptying the changes
loses nothing. The changes are folded into the file when a game starts with more than
COMPACT_AT bytes of them (once a game, not once a card), and during a game past MAX_CHANGES.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import stat
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs

from game.store.atomic import remove_stale_temps, write_atomic
from game.store.log import log_note
from game.store.paths import PRIVATE_FILE, memory_path
from game.store.repair import ensure_file_slot
from game.store.safe_read import Unreadable, read_regular

FORMAT = 1
MAX_BYTES = 4 * 1024 * 1024
MAX_GROUPS = 200  # the groups played with longest ago are forgotten first
MAX_CARDS = 20_000  # per list
MAX_ID = 200
LISTS = ("had", "starred", "not_for_us")

CHANGES_SUFFIX = ".changes"
COMPACT_AT = 64 * 1024  # changes folded into the file when a game starts
MAX_CHANGES = 1024 * 1024  # and during a game past this (about 8,000 cards)

UNREADABLE = "The list of cards you have played could not be read, so it starts again."
NEWER = "The list of cards you have played was written by a newer version of In Kind."


def group_key(names: Iterable[str]) -> tuple[str, ...]:
    """The same people in any order, ignoring case and spaces around names."""
    return tuple(sorted(" ".join(name.split()).casefold() for name in names))


def today() -> str:
    return datetime.date.today().isoformat()


@attrs.frozen
class DeckMemory:
    """One group's lists for one deck: card id -> the date it was added."""

    had: dict[str, str] = attrs.field(factory=dict)
    starred: dict[str, str] = attrs.field(factory=dict)
    not_for_us: dict[str, str] = attrs.field(factory=dict)

    def new_count(self, prompt_ids: Iterable[str]) -> int:
        """How many of these cards the group has not had (and has not said no to)."""
        return sum(1 for card in prompt_ids if card not in self.had and card not in self.not_for_us)


@attrs.frozen
class Group:
    names: tuple[str, ...]  # as last typed
    decks: dict[str, DeckMemory] = attrs.field(factory=dict)
    last: str = ""  # the date this group last played: the oldest group goes first when full


@attrs.frozen
class Memory:
    groups: tuple[Group, ...] = ()

    def group(self, names: Iterable[str]) -> Group | None:
        key = group_key(names)
        return next((g for g in self.groups if group_key(g.names) == key), None)

    def deck(self, names: Iterable[str], deck_id: str) -> DeckMemory:
        group = self.group(names)
        return group.decks.get(deck_id, DeckMemory()) if group else DeckMemory()

    def starred(self, names: Iterable[str]) -> list[tuple[str, str]]:
        """(deck id, card id) of every card this group starred, oldest star first."""
        group = self.group(names)
        if group is None:
            return []
        found = [
            (date, deck_id, card_id)
            for deck_id, lists in group.decks.items()
            for card_id, date in lists.starred.items()
        ]
        return [(deck_id, card_id) for _, deck_id, card_id in sorted(found)]

    def changed(
        self, names: Iterable[str], deck_id: str, lists: DeckMemory, when: str | None = None
    ) -> Memory:
        names = tuple(" ".join(n.split()) for n in names)
        old = self.group(names)
        decks = {**(old.decks if old else {}), deck_id: lists}
        group = Group(names, decks, when or today())
        others = [g for g in self.groups if g is not old]
        kept = sorted(others, key=lambda g: g.last)[-(MAX_GROUPS - 1) :] if others else []
        return Memory((*kept, group))


# ---------------------------------------------------------------- the three things a group does


def with_had(
    lists: DeckMemory, card_ids: Iterable[str], all_ids: Iterable[str], when: str
) -> DeckMemory:
    """The cards added to `had`; once every card of the deck is had, a new cycle begins."""
    had = {**lists.had, **{card: lists.had.get(card, when) for card in card_ids}}
    remaining = set(all_ids) - set(had) - set(lists.not_for_us)
    if not remaining:
        had = {}
    return attrs.evolve(lists, had=had)


def with_star(lists: DeckMemory, card_id: str, when: str) -> DeckMemory:
    """Star a card, or take the star away if it has one."""
    starred = dict(lists.starred)
    if card_id in starred:
        del starred[card_id]
    else:
        starred[card_id] = when
    return attrs.evolve(lists, starred=starred)


def with_not_for_us(lists: DeckMemory, card_id: str, when: str) -> DeckMemory:
    starred = {k: v for k, v in lists.starred.items() if k != card_id}
    return attrs.evolve(lists, not_for_us={**lists.not_for_us, card_id: when}, starred=starred)


# ---------------------------------------------------------------- the file


def load_memory(path: Path | None = None) -> tuple[Memory, str | None]:
    """The memory and None, or what could be read and one sentence saying what went wrong."""
    path = memory_path() if path is None else Path(path)
    try:
        data = read_regular(path, MAX_BYTES)  # never a FIFO, a device or a huge file
    except FileNotFoundError:
        if path.is_symlink():
            return _unreadable(path, "it is a link to nothing")
        return Memory(), None
    except Unreadable as refused:
        return _unreadable(path, refused.reason)
    except OSError as error:
        return _unreadable(path, f"cannot open: {error}")
    try:
        raw = json.loads(data.decode("utf-8"), parse_constant=_refuse)
    except (ValueError, RecursionError) as error:
        return _unreadable(path, f"not JSON: {error}")
    if not isinstance(raw, dict) or not isinstance(raw.get("groups"), list):
        return _unreadable(path, "not a card memory")
    version = raw.get("memory")
    if type(version) is not int or version < 1:
        return _unreadable(path, f"unknown format {version!r}")
    if version > FORMAT:
        log_note("reading the card memory", f"{path.name}: format {version} is newer")
        return Memory(), NEWER
    groups = [group for group in map(_group, raw["groups"][-MAX_GROUPS:]) if group]
    return apply_changes(Memory(tuple(groups)), changes_path(path)), None


def changes_path(path: Path) -> Path:
    return path.with_name(path.stem + CHANGES_SUFFIX)


def change_line(names: Iterable[str], deck_id: str, what: str, card: str, when: str) -> bytes:
    body = json.dumps(
        {"n": list(names), "d": deck_id, "o": what, "c": card, "w": when},
        ensure_ascii=True,
        separators=(",", ":"),
    ).encode("ascii")
    return b"%08x %s\n" % (zlib.crc32(body), body)


_APPLY: dict[str, Callable[[DeckMemory, str, str], DeckMemory]] = {
    "had": lambda lists, card, when: attrs.evolve(
        lists, had={**lists.had, card: lists.had.get(card, when)}
    ),
    "cycle": lambda lists, card, when: attrs.evolve(lists, had={}),
    "star": lambda lists, card, when: attrs.evolve(
        lists, starred={**lists.starred, card: lists.starred.get(card, when)}
    ),
    "unstar": lambda lists, card, when: attrs.evolve(
        lists, starred={k: v for k, v in lists.starred.items() if k != card}
    ),
    "no": lambda lists, card, when: with_not_for_us(lists, card, when),
}


def apply_changes(memory: Memory, path: Path) -> Memory:
    """`memory` with the changes recorded in `path` applied (damaged lines left out)."""
    try:
        data = read_regular(path, MAX_CHANGES * 4)
    except OSError:
        return memory
    for line in data.split(b"\n"):
        crc, _, body = line.partition(b" ")
        try:
            if crc != b"%08x" % zlib.crc32(body):  # as written: an upper-case digit is damage
                continue
            change = json.loads(body)
            names, deck_id, what = change["n"], change["d"], change["o"]
            card, when = change["c"], change["w"]
        except (ValueError, KeyError, TypeError):
            continue
        if (
            what in _APPLY
            and isinstance(names, list)
            and names
            and all(isinstance(n, str) and n.strip() and len(n) <= MAX_ID for n in names)
            and all(isinstance(v, str) and len(v) <= MAX_ID for v in (deck_id, card, when))
        ):
            lists = _APPLY[what](memory.deck(names, deck_id), card, when)
            memory = memory.changed(names, deck_id, lists, when)
    return memory


def save_memory(memory: Memory, path: Path | None = None) -> None:
    """Write the whole memory atomically (raises OSError if the disk refuses)."""
    path = memory_path() if path is None else Path(path)
    document = {
        "memory": FORMAT,
        "groups": [
            {
                "names": list(group.names),
                "last": group.last,
                "decks": {
                    deck_id: {name: getattr(lists, name) for name in LISTS}
                    for deck_id, lists in group.decks.items()
                },
            }
            for group in memory.groups
        ],
    }
    text = json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False) + "\n"
    remove_stale_temps(path.parent, path.name)  # left by a process killed while writing
    ensure_file_slot(path, "saving the card memory")  # a folder or FIFO in its place: aside
    write_atomic(path, text.encode("utf-8"))
    changes = changes_path(path)  # folded into the file now (applying them again is harmless)
    ensure_file_slot(changes, "saving the card memory")  # not a file: aside, not deleted
    with contextlib.suppress(FileNotFoundError):
        changes.unlink()


def forget_memory(path: Path | None = None) -> None:
    """Forget every group's cards (raises OSError if refused)."""
    path = memory_path() if path is None else Path(path)
    changes_path(path).unlink(missing_ok=True)
    path.unlink(missing_ok=True)


def _group(raw: Any) -> Group | None:
    if not isinstance(raw, dict):
        return None
    names = raw.get("names")
    decks = raw.get("decks")
    if (
        not isinstance(names, list)
        or not names
        or not all(isinstance(n, str) and n.strip() and len(n) <= MAX_ID for n in names)
        or not isinstance(decks, dict)
    ):
        return None
    kept = {}
    for deck_id, lists in decks.items():
        if isinstance(deck_id, str) and len(deck_id) <= MAX_ID and isinstance(lists, dict):
            kept[deck_id] = DeckMemory(**{name: _dates(lists.get(name)) for name in LISTS})
    last = raw.get("last")
    return Group(tuple(names), kept, last if isinstance(last, str) and len(last) <= 40 else "")


def _dates(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        return {}
    return {
        card: date
        for card, date in list(raw.items())[:MAX_CARDS]
        if isinstance(card, str)
        and len(card) <= MAX_ID
        and isinstance(date, str)
        and len(date) <= 40
    }


def _unreadable(path: Path, reason: str) -> tuple[Memory, str | None]:
    log_note("reading the card memory", f"{path.name} was not used: {reason}")
    return Memory(), UNREADABLE


def _refuse(name: str) -> Any:
    raise ValueError(f"{name} is not a card id")


# ---------------------------------------------------------------- one game's link to the memory


class Keeper:
    """Records, as they happen, the cards a group is dealt, stars and says "not for us" to.

    A card of the starred-cards deck has the id `DECK/CARD`: its star and "not for us" belong to
    the deck it came from. Each change is written at once (a few ms, on a card change or a key
    press, never in a frame); a disk that refuses is logged once and the game goes on.
    """

    def __init__(
        self,
        names: Iterable[str],
        deck_id: str,
        prompt_ids: Iterable[str],
        path: Path | None = None,
    ) -> None:
        self.names = tuple(names)
        self.deck_id = deck_id
        self.prompt_ids = frozenset(prompt_ids)
        self.path = memory_path() if path is None else Path(path)
        self.memory, self.message = load_memory(self.path)
        # `lists` of each deck for the memory as it is (each change makes a new Memory):
        # the table asks whether its card is starred for every view it builds, and finding
        # the group sorts every group's names each time (twelve phones: hundreds a second).
        self._lists_of: Memory | None = None
        self._lists: dict[str, DeckMemory] = {}
        self.failed = False
        self._last_card: str | None = None
        self.changes = changes_path(self.path)
        self._changes_size = _size(self.changes)
        if self.message != NEWER and (self._changes_size > COMPACT_AT or not _is_file(self.path)):
            self._compact()

    def lists(self, deck_id: str | None = None) -> DeckMemory:
        deck = deck_id or self.deck_id
        memory = self.memory
        if self._lists_of is not memory:
            self._lists_of, self._lists = memory, {}
        found = self._lists.get(deck)
        if found is None:
            found = self._lists[deck] = memory.deck(self.names, deck)
        return found

    def dealt(self, card_id: str | None) -> None:
        """A card is on the table: this group has had it (told of every state, so once a card)."""
        if card_id is None or card_id == self._last_card or card_id not in self.prompt_ids:
            return
        self._last_card = card_id
        when = today()
        lists = with_had(self.lists(), [card_id], self.prompt_ids, when)
        self._change(self.deck_id, lists, "had" if lists.had else "cycle", card_id)

    def is_starred(self, card_id: str) -> bool:
        deck_id, card = self._source(card_id)
        return card in self.lists(deck_id).starred

    def toggle_star(self, card_id: str) -> bool:
        """Star the card (or take its star away); True when it is starred now."""
        deck_id, card = self._source(card_id)
        lists = with_star(self.lists(deck_id), card, today())
        self._change(deck_id, lists, "star" if card in lists.starred else "unstar", card)
        return self.is_starred(card_id)

    def not_for_us(self, card_id: str) -> None:
        deck_id, card = self._source(card_id)
        self._change(deck_id, with_not_for_us(self.lists(deck_id), card, today()), "no", card)

    def _source(self, card_id: str) -> tuple[str, str]:
        deck_id, slash, card = card_id.partition("/")
        return (deck_id, card) if slash else (self.deck_id, card_id)

    def _change(self, deck_id: str, lists: DeckMemory, what: str, card: str) -> None:
        """Keep the change, and append it to the changes file: one line, O(1)."""
        if self.message == NEWER:
            return  # never overwrite what a newer version wrote
        when = today()
        self.memory = self.memory.changed(self.names, deck_id, lists, when)
        line = change_line(self.names, deck_id, what, card, when)
        try:
            if self._changes_size + len(line) > MAX_CHANGES:
                self._compact()  # rare: folds every change so far into the file
                return
            self._changes_size += _append(self.changes, line)
        except OSError as error:
            if not self.failed:
                log_note("saving the card memory", str(error))
            self.failed = True

    def _compact(self) -> None:
        try:
            save_memory(self.memory, self.path)
            self._changes_size = 0
        except OSError as error:
            if not self.failed:
                log_note("saving the card memory", str(error))
            self.failed = True


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _is_file(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return path.is_file()
    return False


def _append(path: Path, line: bytes) -> int:
    """Append one line to the regular file `path`, made 0600 if new (never through a link,
    never into a FIFO); how many bytes. Not fsynced: a memory of cards is not worth the
    wait, and a killed process loses nothing the kernel was given."""
    flags = (
        os.O_WRONLY
        | os.O_APPEND
        | os.O_CREAT
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_BINARY", 0)
    )
    try:
        handle = os.open(path, flags, PRIVATE_FILE)
    except OSError:
        ensure_file_slot(path, "saving the card memory")  # a folder, a link: moved aside
        handle = os.open(path, flags, PRIVATE_FILE)
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(f"{path.name} is not a regular file")
        view = memoryview(line)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)
    return len(line)
