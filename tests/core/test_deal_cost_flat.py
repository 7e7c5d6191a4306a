"""One deal takes a card off one pile: it neither copies nor looks at the rest of the deck
(issue 27). Counted, not timed: the cards looked up and the memory a deal allocates, at
a deck ten times bigger, are the same. And the cards dealt are exactly those the engine
dealt before piles became views, so every saved game replays as it was played.
"""

from __future__ import annotations

import hashlib
import random
import tracemalloc

import attrs
from hypothesis import given
from hypothesis import strategies as st

from game.core import engine
from game.core.actions import Draw, EndGame, EndTurn, FinishResponding, FinishSharing
from game.core.cards import Card, Deck, WildEffect
from game.core.pile import Pile
from game.core.rules import LevelPace, Rules
from tests.core.factory import make_deck, make_setup
from tests.moves import ANY, apply

WILDS = (
    (WildEffect.MIRROR, 1),
    (WildEffect.SWAP, 1),
    (WildEffect.EVERYONE, 2),
    (WildEffect.DOUBLE, 2),
    (WildEffect.SWAP, 3),
    (WildEffect.MIRROR, 3),
)


def _turn_costs(prompts_per_level: int, monkeypatch) -> tuple[int, int]:
    """(cards looked up, bytes allocated at the peak) while the third turn is dealt and played."""
    setup = make_setup(6, deck=make_deck(prompts_per_level, wilds=WILDS), seed=3)
    state = engine.new_game(setup)
    for _ in range(2):
        for move in (Draw(ANY), FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY)):
            state = apply(state, move)
    draw = engine.with_its_seat(state, Draw(ANY))
    looked_up = 0
    card = Deck.card

    def counting(deck: Deck, card_id: str) -> Card:
        nonlocal looked_up
        looked_up += 1
        return card(deck, card_id)

    monkeypatch.setattr(Deck, "card", counting)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        state = engine.apply(state, draw)
        for move in (FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY)):
            state = apply(state, move)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
        monkeypatch.undo()
    return looked_up, peak


def test_a_deal_and_its_turn_do_the_same_work_with_a_deck_ten_times_bigger(monkeypatch):
    small_lookups, small_bytes = _turn_costs(300, monkeypatch)
    big_lookups, big_bytes = _turn_costs(3_000, monkeypatch)
    assert big_lookups == small_lookups
    # Copying one level's pile of 3,000 ids alone would allocate 24,000 bytes.
    assert big_bytes < small_bytes + 2_000, (small_bytes, big_bytes)


def _dealt(seed: int) -> list[str]:
    """The cards a seeded six-player game deals, played at random (lighter cards, passes,
    skips and level changes included): every card on the table, in order."""
    deck = make_deck(12, wilds=WILDS)
    rules = attrs.evolve(Rules(), rounds=None, rounds_per_level=1, level_pace=LevelPace.ROUNDS)
    state = engine.new_game(make_setup(6, deck=deck, rules=rules, seed=seed))
    pick = random.Random(seed)
    dealt: list[str] = []
    for _ in range(900):
        moves = [m for m in engine.legal_actions(state) if not isinstance(m, EndGame)]
        if not moves:
            break
        kind = pick.choice(sorted({type(m).__name__ for m in moves}))  # a kind, then a move
        state = engine.apply(state, pick.choice([m for m in moves if type(m).__name__ == kind]))
        if state.card is not None and (not dealt or dealt[-1] != state.card):
            dealt.append(state.card)
    assert engine.replay(state.setup, state.log) == state
    kinds = {type(move).__name__ for move in state.log}
    assert {"LighterCard", "Skip", "Pass"} <= kinds
    return dealt


# What the engine dealt before piles were views (computed with that engine).
DEALT_BEFORE = {
    1: (50, "l1-c2", "3a96d2fda46580421e99e3dc66aafe0ab2c0a364184ed1a96beeacce9eb71664"),
    2: (41, "l1-c0", "ca57056ee9a05a81ec3704eca80c1c25feab3879877ddb958f5707853f71cf4f"),
}


def test_the_cards_dealt_are_those_dealt_before_piles_were_views():
    for seed, (count, first, digest) in DEALT_BEFORE.items():
        dealt = _dealt(seed)
        assert (len(dealt), dealt[0], hashlib.sha256(" ".join(dealt).encode()).hexdigest()) == (
            count,
            first,
            digest,
        )


@given(st.lists(st.sampled_from("abcdef"), max_size=12), st.integers(0, 14), st.slices(14))
def test_a_pile_drawn_from_behaves_as_the_tuple_without_its_first_cards(cards, draws, part):
    pile, model = Pile(cards), tuple(cards)
    for _ in range(min(draws, len(cards))):
        pile, model = pile.drawn(), model[1:]
    assert pile == model and model == pile and tuple(pile) == model and len(pile) == len(model)
    assert pile[part] == model[part] and hash(pile) == hash(Pile(model))
    assert all(pile[i] == model[i] for i in range(-len(model), len(model)))
    assert ("a" in pile) == ("a" in model) and repr(pile) == repr(model)
