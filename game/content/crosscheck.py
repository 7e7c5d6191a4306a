"""Checks that compare cards with each other, within a deck and across every deck checked together.

A deck loads without them (the game never needs them); `inkind check` runs them over all the
decks it was given, so a new card that repeats an idea of another deck is caught where it is
written. Each warning sits on the later card and names the earlier one with its place.
"""

from __future__ import annotations

import re

import attrs

from game.content import lint
from game.content.decks import DeckResult
from game.content.problems import Problem, warning


@attrs.frozen
class _Text:
    result: int  # index into the results
    card_id: str
    text: str
    line: int | None
    col: int | None


def compare_decks(results: list[DeckResult]) -> list[DeckResult]:
    """The same results, each with the warnings that comparing its cards to the others found."""
    found: dict[int, list[Problem]] = {}
    prompts, follow_ups = _texts(results)
    english = [t for t in prompts if _is_english(results[t.result])]
    for i, j, words in lint.near_duplicates([t.text for t in english]):
        first, later = english[i], english[j]
        found.setdefault(later.result, []).append(
            _warn(
                results,
                later,
                f"this prompt shares an idea with '{first.card_id}' ({_where(results, first)}): "
                f"both are about {', '.join(lint.surface_words(later.text, words))}",
                "give one of them a fresh idea, so no two cards ask the same thing",
            )
        )
    seen: dict[str, _Text] = {}
    for text in follow_ups:
        key = re.sub(r"\W+", " ", text.text.casefold()).strip()
        first = seen.setdefault(key, text)
        if first is not text and first.card_id != text.card_id:
            found.setdefault(text.result, []).append(
                _warn(
                    results,
                    text,
                    f"this follow-up is word for word the one on '{first.card_id}' "
                    f"({_where(results, first)})",
                    "ask something that belongs to this card",
                )
            )
    return [
        attrs.evolve(result, problems=_in_order(result.problems + tuple(found[index])))
        if index in found
        else result
        for index, result in enumerate(results)
    ]


def _texts(results: list[DeckResult]) -> tuple[list[_Text], list[_Text]]:
    prompts: list[_Text] = []
    follow_ups: list[_Text] = []
    for index, result in enumerate(results):
        if result.deck is None:
            continue
        for card in result.deck.cards:
            marks = result.marks.get(card.id)
            if card.is_wild or marks is None:
                continue
            prompts.append(_Text(index, card.id, card.prompt, *marks.prompt))
            for text, (line, col) in zip(card.follow_ups, marks.follow_ups, strict=False):
                follow_ups.append(_Text(index, card.id, text, line, col))
    return prompts, follow_ups


def _is_english(result: DeckResult) -> bool:
    return result.deck is not None and result.deck.language.split("-")[0].lower() == "en"


def _where(results: list[DeckResult], text: _Text) -> str:
    return f"{results[text.result].path}:{text.line}"


def _warn(results: list[DeckResult], text: _Text, message: str, hint: str) -> Problem:
    return warning(results[text.result].path, text.line, text.col, message, hint)


def _in_order(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.line or 0, p.col or 0)))
