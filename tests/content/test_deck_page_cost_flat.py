"""Reading the decks for the deck page is O(decks), first time and again (issue 27).

Counted, not timed: the calls that ask the file system about a path (`os.stat`,
`os.lstat`, which `os.path.realpath` makes one a folder on the way) and the deck ids
taken so far that each file's reading copies. With 800 decks of the player's own, each
file costs what it costs with 200: reopening the page had copied every deck id taken so
far into a frozenset for every file (quadratic), and found each file's real path three
times over.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.content import sources
from game.content.presets import load_presets
from game.content.sources import DeckLoader, deck_files, load_catalog


def _write_decks(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"deck-{number:04d}.yaml").write_text(
            f"format: 1\nid: deck-{number}\nname: Deck {number}\ncards:\n"
            f"  - prompt: Tell about a morning you remember ({number}). How did it feel?\n",
            encoding="utf-8",
        )


class _CountingTaken(dict[str, tuple[str, str]]):
    """The loader's deck ids taken so far, counting every entry handed out in a walk."""

    walked = 0

    def items(self):  # type: ignore[override]
        for item in super().items():
            _CountingTaken.walked += 1
            yield item

    def __iter__(self) -> Iterator[str]:
        for key in super().__iter__():
            _CountingTaken.walked += 1
            yield key


def _path_calls(monkeypatch: pytest.MonkeyPatch, count: int, folder: Path) -> tuple[int, int]:
    """(stat calls reading the catalog the first time, and again) with `count` decks."""
    _write_decks(folder, count)
    calls = 0
    real_stat, real_lstat = os.stat, os.lstat

    def counted_stat(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real_stat(*args, **kwargs)

    def counted_lstat(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real_lstat(*args, **kwargs)

    monkeypatch.setattr(sources, "_READ", {})
    monkeypatch.setattr(sources, "_READ_FILES", set())
    monkeypatch.setattr(os, "stat", counted_stat)
    monkeypatch.setattr(os, "lstat", counted_lstat)
    try:
        calls = 0
        first = load_catalog([str(folder)])
        first_calls, calls = calls, 0
        again = load_catalog([str(folder)])
        again_calls = calls
    finally:
        monkeypatch.setattr(os, "stat", real_stat)
        monkeypatch.setattr(os, "lstat", real_lstat)
    assert sum(r.ok for r in first.decks) == sum(r.ok for r in again.decks) >= count
    return first_calls, again_calls


def test_each_deck_file_costs_the_same_stat_calls_with_800_decks_as_with_200(tmp_path, monkeypatch):
    first_200, again_200 = _path_calls(monkeypatch, 200, tmp_path / "two-hundred")
    first_800, again_800 = _path_calls(monkeypatch, 800, tmp_path / "eight-hundred")
    # Each deck more: one lstat to see it is unchanged (and one from the catalog's check that
    # it exists); reading it adds its opening. Before: 14 and 16 (realpath, three times).
    per_deck_first = (first_800 - first_200) / 600
    per_deck_again = (again_800 - again_200) / 600
    assert per_deck_again <= 2, f"{per_deck_again} stat calls a deck to read it again"
    assert per_deck_first <= 4, f"{per_deck_first} stat calls a deck to read it first"
    assert again_200 <= 2 * 200 + 50 and first_200 <= 4 * 200 + 100  # the built-in decks too


def _walked(count: int, folder: Path) -> int:
    """Deck ids taken so far walked while reading `count` decks the first time and again."""
    _write_decks(folder, count)
    paths = deck_files(folder)
    presets, _ = load_presets()
    _CountingTaken.walked = 0
    for _ in range(2):
        loader = DeckLoader(presets)
        loader.taken = _CountingTaken()
        assert all(result.ok for result in loader.load_all(paths))
    return _CountingTaken.walked


def test_no_deck_file_walks_the_ids_the_others_took(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "_READ", {})
    assert _walked(200, tmp_path / "two-hundred") == 0
    assert _walked(800, tmp_path / "eight-hundred") == 0


def test_a_deck_id_taken_by_another_file_is_still_refused_when_read_again(tmp_path):
    folder = tmp_path / "decks"
    _write_decks(folder, 3)
    (folder / "deck-0002.yaml").write_text(
        (folder / "deck-0001.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for _ in range(2):  # read, then from what was kept
        catalog = load_catalog([str(folder)])
        mine = [r for r in catalog.decks if r.path.startswith(str(folder))]
        assert [r.ok for r in mine] == [True, True, False]
        (problem,) = mine[2].problems
        assert problem.message == (
            f"the deck id 'deck-1' is already used by {folder / 'deck-0001.yaml'}"
        )
