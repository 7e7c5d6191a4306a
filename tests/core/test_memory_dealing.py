"""Dealing with a group's memory: new cards first, "not for us" never, the old shuffle otherwise."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core import rng
from game.core.actions import Draw
from game.core.cards import WildEffect
from game.core.engine import new_game
from game.core.serial import state_from_plain, state_to_plain
from tests.budget import examples
from tests.moves import ANY, apply

from .factory import make_deck, make_setup

DECK = make_deck(
    prompts_per_level=8, levels=2, wilds=((WildEffect.DOUBLE, 1), (WildEffect.SWAP, 1))
)
LEVEL_1 = [c.id for c in DECK.cards_at(1) if not c.is_wild]


def test_no_memory_deals_exactly_as_before_the_memory_existed() -> None:
    # Games saved by earlier versions replay from their setup: their piles must not change.
    state = new_game(make_setup(deck=DECK, seed=3))
    _, level_1 = rng.shuffled(rng.seed_state(3), [c.id for c in DECK.cards_at(1)])
    assert state.piles[0] == level_1


@settings(max_examples=examples(ci=60, dev=20), deadline=None)
@given(
    seed=st.integers(0, 2**32),
    had=st.sets(st.sampled_from(LEVEL_1), max_size=len(LEVEL_1)),
    banned=st.sets(st.sampled_from(LEVEL_1), max_size=len(LEVEL_1) - 1),
)
def test_new_cards_come_first_and_not_for_us_never(seed: int, had: set, banned: set) -> None:
    setup = attrs.evolve(
        make_setup(deck=DECK, seed=seed), had_before=tuple(sorted(had)), not_for_us=tuple(banned)
    )
    state = new_game(setup)
    pile = [card for card in state.piles[0] if not DECK.card(card).is_wild]
    assert set(pile) == set(LEVEL_1) - banned  # every card still there once, none banned
    assert not banned & set(state.piles[0])
    new = [card for card in pile if card not in had]
    assert pile[: len(new)] == new  # all new cards before any card had before
    wilds = [card for card in state.piles[0] if DECK.card(card).is_wild]
    assert sorted(wilds) == ["wild-double-0", "wild-swap-1"]  # wild cards are never left out
    assert set(state.excluded) >= banned
    # and the memory travels with the save, so a resumed game deals the same
    assert state_from_plain(state_to_plain(state)) == state


def test_the_one_card_not_had_is_the_first_prompt_dealt() -> None:
    for seed in range(20):
        setup = attrs.evolve(make_setup(deck=DECK, seed=seed), had_before=tuple(LEVEL_1[:-1]))
        state = apply(new_game(setup), Draw(ANY))
        assert state.card == LEVEL_1[-1] or not DECK.card(state.card or "l1-c0").is_wild
        first_prompt = next(c for c in state.piles[0] if not DECK.card(c).is_wild)
        assert LEVEL_1[-1] in (state.card, first_prompt)


def test_a_wild_card_said_not_for_us_is_still_dealt() -> None:
    setup = attrs.evolve(make_setup(deck=DECK), not_for_us=("wild-swap-1",))
    assert "wild-swap-1" in new_game(setup).piles[0]
