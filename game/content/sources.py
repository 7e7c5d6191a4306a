"""Where decks come from: the built-in decks, the player's own deck folder, and paths given with --deck.

A broken deck stays in the catalog, with its problems, so the game can show it as broken
while every other deck stays playable.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from game import resources
from game.content.decks import DeckResult, load_deck
from game.content.presets import load_presets
from game.content.problems import Problem, display_path, error
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


class DeckLoader:
    """Loads deck files one after another, so that a deck id can be used only once."""

    def __init__(self, preset_ids: Iterable[str]) -> None:
        self.preset_ids = frozenset(preset_ids)
        self.taken: dict[str, tuple[str, str]] = {}  # deck id -> (real path, path as shown)

    def load(self, path: str) -> DeckResult:
        real = os.path.realpath(path)
        others = {deck_id: shown for deck_id, (at, shown) in self.taken.items() if at != real}
        result = load_deck(path, preset_ids=self.preset_ids, taken_ids=others)
        if result.deck is not None:
            self.taken.setdefault(result.deck.id, (real, path))
        return result

    def load_all(self, paths: Iterable[str]) -> list[DeckResult]:
        return [self.load(path) for path in paths]


def by_name(results: Iterable[DeckResult]) -> list[DeckResult]:
    """Decks by name; a broken deck (which has no name) by its file name."""
    return sorted(
        results,
        key=lambda r: r.deck.name.casefold() if r.deck else Path(r.path).stem.casefold(),
    )


def load_catalog(extra: Sequence[str] = ()) -> Catalog:
    """Every deck the game can offer, and every problem with them."""
    presets, preset_problems = load_presets()
    loader = DeckLoader(presets)
    problems = list(preset_problems)
    decks = by_name(loader.load_all(builtin_deck_files()))
    decks += by_name(loader.load_all(deck_files(user_decks_dir())))
    for path in extra:
        if os.path.isdir(path):
            decks += loader.load_all(deck_files(path))
        elif os.path.lexists(path):  # a FIFO or a symlink loop is reported, never opened
            decks.append(loader.load(path))
        else:
            problems.append(error(path, None, None, "no such file or folder"))
    return Catalog(tuple(decks), presets, tuple(problems))
