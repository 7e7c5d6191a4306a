"""Decks translated card by card: a deck that says `translates: <deck id>` is that deck in
another language, with the same card ids (docs/deck-format.md).

Checked across the decks read together: the original must be among them, must not be a
translation itself, and every card id must match, none missing and none added. A group's
memory of either is kept under the original's id (`Deck.memory_id`).
"""

from __future__ import annotations

from game.content.decks import DeckResult
from game.content.problems import Problem, error, warning

SHOWN_IDS = 5  # card ids named in one message, then "and N more"


def translation_problems(results: list[DeckResult]) -> dict[int, list[Problem]]:
    """The problems of each translation among `results`, by its index."""
    by_id = {r.deck.id: i for i, r in enumerate(results) if r.deck is not None}
    found: dict[int, list[Problem]] = {}
    for index, result in enumerate(results):
        deck = result.deck
        if deck is None or not deck.translates:
            continue
        problems = found.setdefault(index, [])
        path = result.path
        if deck.translates == deck.id:
            problems.append(
                error(
                    path,
                    None,
                    None,
                    f"the deck '{deck.id}' says it translates itself",
                    "name the deck it translates, or remove 'translates'",
                )
            )
            continue
        original_index = by_id.get(deck.translates)
        if original_index is None:
            problems.append(
                error(
                    path,
                    None,
                    None,
                    f"this deck translates '{deck.translates}', but no deck read with it has "
                    "that id",
                    "check the id, or check the translation together with its original",
                )
            )
            continue
        original_result = results[original_index]
        original = original_result.deck
        assert original is not None  # by_id holds only decks that were read
        if original.translates:
            problems.append(
                error(
                    path,
                    None,
                    None,
                    f"'{original.id}' is itself a translation of '{original.translates}'",
                    f"say 'translates: {original.translates}'",
                )
            )
            continue
        theirs = _card_ids(original_result)
        ours = _card_ids(result)
        missing = [card_id for card_id in theirs if card_id not in ours]
        if missing:
            problems.append(
                error(
                    path,
                    None,
                    None,
                    f"{_count(missing)} of '{original.id}' "
                    f"({original_result.path}) {'has' if len(missing) == 1 else 'have'} no "
                    f"translation here: {_named(missing)}",
                    "translate every card, with the original's id",
                )
            )
        for card_id in ours:
            if card_id not in theirs:
                line, col = _where(result, card_id)
                problems.append(
                    error(
                        path,
                        line,
                        col,
                        f"the card '{card_id}' is not in '{original.id}'",
                        "give it the id of the card it translates",
                    )
                )
        if deck.language.lower() == original.language.lower():
            problems.append(
                warning(
                    path,
                    None,
                    None,
                    f"this translation's language is '{deck.language}', the same as "
                    f"'{original.id}'s",
                    "set 'language' to the language it is written in",
                )
            )
    return {index: problems for index, problems in found.items() if problems}


def _card_ids(result: DeckResult) -> list[str]:
    deck = result.deck
    assert deck is not None
    ids = [card.id for card in deck.cards]
    if deck.closing is not None:
        ids.append(deck.closing.id)
    return ids


def _where(result: DeckResult, card_id: str) -> tuple[int | None, int | None]:
    marks = result.marks.get(card_id)
    return marks.prompt if marks is not None else (None, None)


def _count(ids: list[str]) -> str:
    return "1 card" if len(ids) == 1 else f"{len(ids)} cards"


def _named(ids: list[str]) -> str:
    shown = ", ".join(f"'{card_id}'" for card_id in ids[:SHOWN_IDS])
    more = len(ids) - SHOWN_IDS
    return shown + (f" and {more} more" if more > 0 else "")
