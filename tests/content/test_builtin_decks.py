"""The decks we ship pass our own checker with no errors and no warnings."""

from __future__ import annotations

import pytest

from game.content.decks import load_deck
from game.content.presets import load_presets
from game.content.sources import builtin_deck_files

PRESETS = load_presets()[0]
BUILTIN = builtin_deck_files()


def test_first_steps_is_a_built_in_deck() -> None:
    assert any(path.endswith("first-steps.yaml") for path in BUILTIN)


@pytest.mark.parametrize("path", BUILTIN)
def test_a_built_in_deck_has_no_problems_at_all(path: str) -> None:
    result = load_deck(path, preset_ids=PRESETS)
    assert [problem.format() for problem in result.problems] == []
    assert result.deck is not None
    assert not result.deck.preset or result.deck.preset in PRESETS


def test_built_in_deck_ids_are_unique() -> None:
    ids = [load_deck(path).deck.id for path in BUILTIN]  # type: ignore[union-attr]
    assert len(ids) == len(set(ids))
