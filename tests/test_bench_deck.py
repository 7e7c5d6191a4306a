"""The benchmark's generated decks are valid and warning-free, and it times one against bare
CSafeLoader."""

from __future__ import annotations

from pathlib import Path

from bench.deck import PILE_CARDS, make_big_deck_text, make_lean_deck_text, measure
from game.content.decks import load_deck


def test_the_generated_deck_is_valid_and_quiet(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(make_big_deck_text(60), encoding="utf-8")
    result = load_deck(str(path))
    assert result.problems == ()
    assert result.deck is not None
    assert len(result.deck.cards) == 60
    assert [len(result.deck.cards_at(level)) for level in (1, 2, 3)] == [20, 20, 20]


def test_measure_gives_two_times(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(make_big_deck_text(30), encoding="utf-8")
    ours, bare = measure(path, repeat=1)
    assert ours > 0 and bare > 0


def test_the_lean_deck_is_valid_and_quiet_and_its_biggest_stays_under_1_mb(tmp_path: Path) -> None:
    """The big pile's biggest deck: the most cards a file the deck page once read inside a
    frame (up to 1 MB) could hold."""
    path = tmp_path / "lean.yaml"
    path.write_text(make_lean_deck_text(300), encoding="utf-8")
    result = load_deck(str(path))
    assert result.problems == ()
    assert result.deck is not None and len(result.deck.cards) == 300
    assert len(make_lean_deck_text(PILE_CARDS).encode()) < 1_000_000
