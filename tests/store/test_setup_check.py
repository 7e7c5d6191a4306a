"""Issue 23: a loaded setup passes a new game's checks, whatever its checksum says.

The store may not import game.content, so setup_check.py repeats the bounds the preset and
deck readers hold new games to; these tests keep the two in step, and show every built-in
deck with every built-in preset passes.
"""

from __future__ import annotations

import attrs
import pytest

from game.content import deck_cards, decks, presets
from game.content.sources import builtin_deck_files
from game.core.cards import Mode
from game.core.rules import Rules
from game.core.state import Player, Setup
from game.store import setup_check
from game.store.setup_check import setup_problem
from tests.core.factory import make_deck, make_setup


def test_the_bounds_are_the_deck_checkers():
    assert setup_check.MAX_CARDS == deck_cards.MAX_CARDS
    assert setup_check.MAX_LEVELS == decks.MAX_LEVELS
    assert setup_check.MAX_MINUTES == decks.MAX_MINUTES
    assert setup_check.MAX_TIMER == deck_cards.MAX_TIMER


def test_every_built_in_deck_with_every_built_in_preset_passes():
    rules, problems = presets.load_presets()
    assert rules and not problems
    for path in builtin_deck_files():
        deck = decks.load_deck(path, preset_ids=set(rules)).deck
        assert deck is not None, path
        for preset in (*rules.values(), *([deck.rules] if deck.rules else [])):
            names = ("Ana", "Ben") if Mode.PAIR in deck.modes else ("Ana", "Ben", "Cy")
            mode = Mode.PAIR if len(names) == 2 else Mode.CIRCLE
            setup = Setup(deck, preset, tuple(Player(n) for n in names), mode, seed=2**31 - 1)
            assert setup_problem(setup) is None, (path, preset.id)


FORGED = {
    "level 0": (
        lambda s: attrs.evolve(
            s,
            deck=attrs.evolve(
                s.deck, cards=(attrs.evolve(s.deck.cards[0], level=0), *s.deck.cards[1:])
            ),
        ),
        "the card 'l1-c0' is at level 0, not 1 to 3",
    ),
    "timer 10**30": (
        lambda s: attrs.evolve(s, rules=attrs.evolve(s.rules, share_seconds=10**30)),
        f"the rules' share_seconds is {10**30}, not a whole number from 0 to 3600",
    ),
    "goal -1": (
        lambda s: attrs.evolve(s, rules=attrs.evolve(s.rules, goal=-1)),
        "the rules' goal is -1, not a whole number from 1 to 100000",
    ),
    "a negative timer": (
        lambda s: attrs.evolve(s, rules=attrs.evolve(s.rules, respond_seconds=-1)),
        "the rules' respond_seconds is -1, not a whole number from 0 to 3600",
    ),
    "passes as text": (
        lambda s: attrs.evolve(s, rules=attrs.evolve(s.rules, passes_per_player="2")),
        "the rules' passes_per_player is '2', not a whole number from 0 to 20",
    ),
    "no levels": (
        lambda s: attrs.evolve(s, deck=attrs.evolve(s.deck, levels=())),
        "the deck has 0 levels, not 1 to 12",
    ),
    "one player in a pair": (
        lambda s: attrs.evolve(s, players=s.players[:1]),
        "A pair game needs exactly 2 players, not 1.",
    ),
    "two players with one name": (
        lambda s: attrs.evolve(s, players=(Player("Ana"), Player("ana "))),
        "Two players have the same name, Ana: give each a different one.",
    ),
    "a negative seed": (
        lambda s: attrs.evolve(s, seed=-5),
        "the seed -5 is not one a new game draws",
    ),
    "negative points": (
        lambda s: attrs.evolve(s, rules=Rules(points={kind: -3 for kind in Rules().points})),
        "points for",
    ),
}


@pytest.mark.parametrize("name", FORGED, ids=FORGED.keys())
def test_a_forged_setup_is_named(name):
    forge, expected = FORGED[name]
    problem = setup_problem(forge(make_setup(2, deck=make_deck())))
    assert problem is not None and expected in problem
    if name != "negative points":
        assert problem == expected
