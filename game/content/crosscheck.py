"""Checks that compare cards with each other, within a deck and across every deck checked together.

A deck loads without them (the game never needs them); `inkind check` runs them over all the
decks it was given, so a new card that repeats an idea of another deck is caught where it is
written. Each warning sits on the later card and names the earlier one with its place.
"""

from __future__ import annotations

import re

import attrs

from game.content import lint, similar
from game.content.deck_translations import translation_problems
from game.content.decks import DeckResult
from game.content.problems import Problem, says, warning


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
    pairs = lint.near_duplicates([t.text for t in english], [t.result for t in english])
    for i, j, words in pairs:
        first, later = english[i], english[j]
        found.setdefault(later.result, []).append(
            _warn(
                results,
                later,
                says(
                    "shares_an_idea",
                    id=f"'{first.card_id}'",
                    where=_where(results, first),
                    words=", ".join(lint.surface_words(later.text, words)),
                ),
                says("hint_shares_an_idea"),
            )
        )
    seen: dict[str, _Text] = {}
    for text in follow_ups:
        key = _key(text.text)
        first = seen.setdefault(key, text)
        if first is not text and first.card_id != text.card_id:
            found.setdefault(text.result, []).append(
                _warn(
                    results,
                    text,
                    says("follow_up_copied", id=f"'{first.card_id}'", where=_where(results, first)),
                    says("hint_follow_up_copied"),
                )
            )
    for index, texts in _by_deck(follow_ups).items():
        for problem in _alike_follow_ups(results, texts, seen):
            found.setdefault(index, []).append(problem)
    for index, problems in translation_problems(results).items():
        found.setdefault(index, []).extend(problems)
    return [
        attrs.evolve(result, problems=_in_order(result.problems + tuple(found[index])))
        if index in found
        else result
        for index, result in enumerate(results)
    ]


def _key(text: str) -> str:
    """A follow-up as the word-for-word check compares it: case and punctuation set aside."""
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _by_deck(texts: list[_Text]) -> dict[int, list[_Text]]:
    found: dict[int, list[_Text]] = {}
    for text in texts:
        found.setdefault(text.result, []).append(text)
    return found


def _alike_follow_ups(
    results: list[DeckResult], texts: list[_Text], copies: dict[str, _Text]
) -> list[Problem]:
    """A warning on each follow-up alike in wording to an earlier one on another card of the
    deck (similar.ALIKE), unless it is word for word another (that warning is given above)."""
    first: dict[str, _Text] = {}
    for text in texts:
        first.setdefault(_key(text.text), text)
    distinct = [text for text in first.values() if copies[_key(text.text)] is text]
    problems = []
    if len(distinct) > similar.MAX_TEXTS:
        later = distinct[similar.MAX_TEXTS]
        problems.append(
            _warn(
                results,
                later,
                says(
                    "follow_ups_not_compared",
                    count=len(distinct),
                    number=f"{len(distinct):,}",
                    limit=f"{similar.MAX_TEXTS:,}",
                ),
                says("hint_follow_ups_not_compared"),
            )
        )
        distinct = distinct[: similar.MAX_TEXTS]
    earlier: dict[int, int] = {}
    for i, j in similar.alike_pairs([t.text for t in distinct], [t.card_id for t in distinct]):
        earlier.setdefault(j, i)
    for j, i in sorted(earlier.items()):
        text, like = distinct[j], distinct[i]
        problems.append(
            _warn(
                results,
                text,
                says("follow_up_alike", id=f"'{like.card_id}'", where=_where(results, like)),
                says("hint_follow_up_alike"),
            )
        )
    return problems


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
    """English, and not a translation (a translation's ideas are its original's)."""
    if result.deck is not None and result.deck.translates:
        return False
    return result.deck is not None and result.deck.language.split("-")[0].lower() == "en"


def _where(results: list[DeckResult], text: _Text) -> str:
    return f"{results[text.result].path}:{text.line}"


def _warn(results: list[DeckResult], text: _Text, message: str, hint: str) -> Problem:
    return warning(results[text.result].path, text.line, text.col, message, hint)


def _in_order(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.line or 0, p.col or 0)))
