"""The benchmark helper makes a valid, warning-free deck and times it against bare CSafeLoader."""

from __future__ import annotations

from pathlib import Path

from bench.deck import make_big_deck_text, measure
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
