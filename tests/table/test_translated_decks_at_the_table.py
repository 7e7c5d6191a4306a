"""The built-in decks' translations at the table: each plays to its end as its original
does, and a group's memory of cards is one across a deck and its translations — a card
played in Spanish is a card the group has had when it plays the same deck in English."""

from __future__ import annotations

import attrs
import pytest

from game.content.decks import load_deck
from game.content.presets import builtin_presets
from game.content.sources import builtin_deck_files
from game.core.cards import Mode
from game.core.engine import new_game
from game.core.state import GameState, Player, Setup
from game.table.session import card_memory
from tests.store.games import play

DECKS = [result.deck for result in map(load_deck, builtin_deck_files()) if result.deck]
BY_ID = {deck.id: deck for deck in DECKS}
TRANSLATIONS = sorted(deck.id for deck in DECKS if deck.translates)
NAMES = ("Ana", "Ben", "Chloé")


def setup_for(deck_id: str, seed: int = 3) -> Setup:
    """A short evening (two rounds) with the deck's own rules preset."""
    deck = BY_ID[deck_id]
    mode = Mode.PAIR if Mode.PAIR in deck.modes else Mode.CIRCLE
    names = NAMES[:2] if mode is Mode.PAIR else NAMES
    rules = attrs.evolve(builtin_presets()[deck.preset], rounds=2)
    return Setup(deck=deck, rules=rules, mode=mode, players=tuple(map(Player, names)), seed=seed)


def test_the_built_in_decks_have_their_translations():
    assert TRANSLATIONS == [
        "around-the-table-de",
        "around-the-table-es",
        "closer-de",
        "closer-es",
        "first-steps-ar",
        "first-steps-ja",
    ]


@pytest.mark.parametrize("deck_id", TRANSLATIONS)
def test_a_translation_plays_to_its_end_as_its_original_does(deck_id):
    translation = BY_ID[deck_id]
    original = BY_ID[translation.translates]
    ended = []
    for deck in (original, translation):
        state = play(new_game(setup_for(deck.id)), 5000, seed=11)
        assert state.finished, f"{deck.id} did not end"
        ended.append([(type(a).__name__, a.seat) for a in state.log])
    assert ended[0] == ended[1], "the same seed plays the same game in either language"


def test_a_card_played_in_spanish_is_one_the_group_has_had_in_english():
    state: GameState = new_game(setup_for("closer-es"))
    spanish = card_memory(state, remember_cards=True)  # as a session keeps it
    assert spanish is not None
    prompts = {card.id for card in state.deck.cards if not card.is_wild}  # no closing card
    dealt: set[str] = set()
    for step in range(40):
        state = play(state, 1, seed=step)
        if state.card in prompts:
            dealt.add(state.card)
            spanish.dealt(state.card)
    assert len(dealt) >= 3
    english = card_memory(new_game(setup_for("closer")), remember_cards=True)
    assert english is not None
    assert dealt <= set(english.lists().had)
    german = card_memory(new_game(setup_for("closer-de")), remember_cards=True)
    assert german is not None and dealt <= set(german.lists().had)
