"""The starred-cards deck: a group's favourite cards from every deck, played as a deck of their own.

Built in memory from the store's list of starred cards (game/store/memory.py) and the decks
that are loaded; a starred card whose deck is gone is left out. Each card keeps its prompt,
follow-ups and tags; its id becomes `DECK/CARD`, so a star or "not for us" given while playing
this deck reaches the card in its own deck.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from game.core.cards import Deck, Level, Mode

FAVOURITES_ID = "starred-cards"


def favourites_deck(
    starred: Iterable[tuple[str, str]],
    decks: Iterable[Deck],
    name: str,
    description: str,
    level_name: str,
) -> Deck | None:
    """The group's starred cards as one deck of one level, or None when there are none to play."""
    by_id = {deck.id: deck for deck in decks}
    cards = []
    topics: dict[str, str] = {}
    for deck_id, card_id in starred:
        deck = by_id.get(deck_id)
        if deck is None or not deck.has_card(card_id) or deck.card(card_id).is_wild:
            continue
        card = deck.card(card_id)
        if deck.closing is not None and card.id == deck.closing.id:
            continue
        cards.append(attrs.evolve(card, id=f"{deck_id}/{card_id}", level=1))
        topics.update((tag, text) for tag, text in deck.topics if tag in card.tags)
    if not cards:
        return None
    return Deck(
        id=FAVOURITES_ID,
        name=name,
        cards=tuple(cards),
        levels=(Level(name=level_name),),
        description=description,
        modes=(Mode.PAIR, Mode.CIRCLE),
        preset="classic",
        topics=tuple(sorted(topics.items())),
    )
