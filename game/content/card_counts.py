"""How many cards a deck has, counted one way everywhere: the game's deck tiles, the lines
page and `inkind check`.

"Cards" are the prompt cards: what a group shares from, one a turn. Wild cards come along
with them and change a turn, and the closing card ends the evening; both are named apart
("87 cards, 6 wild cards, a closing card") rather than added in, so the number players see
is the number of turns a deck holds. Leaving topics out and "not for us" lower the count by
the engine's own rule (game/core/engine.py: `new_game`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from game.core.cards import Deck


class CardCount(NamedTuple):
    cards: int  # prompt cards
    wild: int
    closing: bool


def count_cards(deck: Deck) -> CardCount:
    wild = sum(1 for card in deck.cards if card.is_wild)
    return CardCount(len(deck.cards) - wild, wild, deck.closing is not None)


def cards_per_level(deck: Deck) -> list[tuple[int, str, int]]:
    """(level number, level name, prompt cards at that level)."""
    return [
        (number, level.name, sum(1 for c in deck.cards_at(number) if not c.is_wild))
        for number, level in enumerate(deck.levels, start=1)
    ]


def cards_dealt(
    deck: Deck, left_out: Collection[str] = (), not_for_us: Collection[str] = ()
) -> int:
    """Prompt cards a game deals with these topics left out and these cards said not for us."""
    topics = set(left_out)
    return sum(
        1
        for card in deck.cards
        if not card.is_wild and not topics.intersection(card.tags) and card.id not in not_for_us
    )
