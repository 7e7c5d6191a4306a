"""Issue 23: card memory costs O(1) per card dealt, whatever its size, and a path in the
way of its file is moved aside instead of failing every card all evening.

Before, memory.json was rewritten whole at every card: 124-239 ms a card at 3.5 MB.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.store import memory as memory_module
from game.store.memory import (
    COMPACT_AT,
    DeckMemory,
    Keeper,
    Memory,
    changes_path,
    load_memory,
    save_memory,
)

CARDS = [f"c{n}" for n in range(200)]


def big_memory(groups: int = 150, cards: int = 400) -> Memory:
    """A memory of a few MB: many groups, each with many cards had."""
    memory = Memory()
    for number in range(groups):
        had = {f"card-{number}-{c}": "2026-12-01" for c in range(cards)}
        memory = memory.changed([f"Player {number}", "Ana"], "closer", DeckMemory(had=had))
    return memory


@pytest.fixture
def counted(monkeypatch) -> list[Path]:
    """Every whole-file write the memory makes."""
    written: list[Path] = []
    real = memory_module.write_atomic

    def counting(path: Path, data: bytes) -> None:
        written.append(Path(path))
        real(path, data)

    monkeypatch.setattr(memory_module, "write_atomic", counting)
    return written


def test_one_card_dealt_appends_one_line_and_rewrites_nothing(tmp_path, counted):
    path = tmp_path / "memory.json"
    save_memory(big_memory(), path)
    assert path.stat().st_size > 2_000_000
    before = (path.stat().st_ino, path.stat().st_mtime_ns, path.read_bytes())
    keeper = Keeper(["Ana", "Ben"], "closer", CARDS, path)
    counted.clear()
    for card in CARDS[:25]:
        keeper.dealt(card)
    keeper.toggle_star("c3")
    keeper.not_for_us("c4")
    assert counted == []  # not one whole-file write for 27 changes
    assert (path.stat().st_ino, path.stat().st_mtime_ns, path.read_bytes()) == before
    assert changes_path(path).read_bytes().count(b"\n") == 27
    again = load_memory(path)[0]
    assert set(again.deck(["Ben", "Ana"], "closer").had) == set(CARDS[:25])
    assert set(again.deck(["Ben", "Ana"], "closer").starred) == {"c3"}
    assert set(again.deck(["Ben", "Ana"], "closer").not_for_us) == {"c4"}
    assert again.deck(["Player 7", "Ana"], "closer") == big_memory().deck(
        ["Player 7", "Ana"], "closer"
    )


def test_the_changes_are_folded_in_once_a_game_when_they_grow(tmp_path, counted):
    path = tmp_path / "memory.json"
    keeper = Keeper(["Ana", "Ben"], "closer", CARDS, path)
    while not changes_path(path).exists() or changes_path(path).stat().st_size <= COMPACT_AT:
        for card in CARDS:
            keeper.dealt(card)
        keeper._last_card = None
    counted.clear()
    expected = load_memory(path)[0]
    Keeper(["Ana", "Ben"], "closer", CARDS, path)  # the next game folds them in
    assert counted == [path]
    assert not changes_path(path).exists()
    assert load_memory(path)[0] == expected


def test_changes_applied_twice_give_the_same_memory(tmp_path):
    """A kill between writing the file and removing the changes loses nothing."""
    path = tmp_path / "memory.json"
    keeper = Keeper(["Ana", "Ben"], "closer", CARDS[:3], path)
    for card in CARDS[:3]:  # the third card starts a new cycle
        keeper.dealt(card)
    keeper.dealt(CARDS[0])
    keeper.toggle_star("c1")
    keeper.toggle_star("c1")
    keeper.toggle_star("c2")
    keeper.not_for_us("c2")
    once = load_memory(path)[0]
    changes = changes_path(path).read_bytes()
    save_memory(once, path)  # folded in ... and the process killed before they were removed
    changes_path(path).write_bytes(changes)
    assert load_memory(path)[0] == once
    lists = once.deck(["Ana", "Ben"], "closer")
    assert (set(lists.had), lists.starred, set(lists.not_for_us)) == ({"c0"}, {}, {"c2"})


def test_a_damaged_change_line_is_left_out(tmp_path):
    path = tmp_path / "memory.json"
    keeper = Keeper(["Ana", "Ben"], "closer", CARDS, path)
    for card in ("c1", "c2", "c3"):
        keeper.dealt(card)
    lines = changes_path(path).read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b"c2", b"c9")
    changes_path(path).write_bytes(b"\n".join(lines) + b"\x00\xff{")
    assert set(load_memory(path)[0].deck(["Ana", "Ben"], "closer").had) == {"c1", "c3"}


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling link"])
@pytest.mark.parametrize("which", ["memory.json", "memory.changes"])
def test_a_path_in_the_way_is_moved_aside_and_the_memory_kept(tmp_path, kind, which):
    path = tmp_path / "memory.json"
    target = tmp_path / which
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(tmp_path / "nowhere")
    keeper = Keeper(["Ana", "Ben"], "closer", CARDS, path)
    for card in ("c1", "c2"):
        keeper.dealt(card)
    assert not keeper.failed
    assert set(load_memory(path)[0].deck(["Ana", "Ben"], "closer").had) == {"c1", "c2"}
    assert os.path.lexists(tmp_path / f"{which}.damaged")
