"""Decks translated card by card: a deck that says `translates: <deck id>` is that deck in
another language, with the same card ids (docs/deck-format.md).

Checked across the decks read together: the original must be among them, must not be a
translation itself, and every card id must match, none missing and none added. A group's
memory of either is kept under the original's id (`Deck.memory_id`).
"""

from __future__ import annotations

from game.content.decks import DeckResult
from game.content.problems import Problem, error, says, warning

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
                    says("translates_itself", id=f"'{deck.id}'"),
                    says("hint_translates_itself"),
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
                    says("translates_unknown", id=f"'{deck.translates}'"),
                    says("hint_translates_unknown"),
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
                    says(
                        "translates_a_translation",
                        id=f"'{original.id}'",
                        original=f"'{original.translates}'",
                    ),
                    says("hint_translates_a_translation", original=original.translates),
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
                    says(
                        "cards_not_translated",
                        count=len(missing),
                        id=f"'{original.id}'",
                        path=original_result.path,
                        cards=_named(missing),
                    ),
                    says("hint_cards_not_translated"),
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
                        says("card_not_in_original", card=f"'{card_id}'", id=f"'{original.id}'"),
                        says("hint_card_not_in_original"),
                    )
                )
        if deck.language.lower() == original.language.lower():
            problems.append(
                warning(
                    path,
                    None,
                    None,
                    says(
                        "translation_same_language",
                        language=f"'{deck.language}'",
                        id=original.id,
                    ),
                    says("hint_translation_same_language"),
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


def _named(ids: list[str]) -> str:
    shown = ", ".join(f"'{card_id}'" for card_id in ids[:SHOWN_IDS])
    more = len(ids) - SHOWN_IDS
    return says("list_and_more", list=shown, count=more) if more > 0 else shown
