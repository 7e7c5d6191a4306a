"""Every built-in card that touches a sensitive topic carries its tag, by a reviewed list.

`topic_review/DECK-ID.yaml` says, for every prompt card of a built-in deck, which of the eight
topics a reader found in its prompt and follow-ups. A group that rules a topic out on the
new-game screen relies on these tags, so a card's topic tags must equal the review exactly,
and each deck's `topics:` must offer exactly the topics its cards use.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.content.decks import load_deck
from game.content.sources import builtin_deck_files

TOPICS = ("family", "body", "money", "past-relationships", "grief", "health", "faith", "intimacy")
HERE = Path(__file__).parent
REVIEW: dict[str, dict[str, list[str]]] = {
    deck_id: cards
    for path in sorted((HERE / "topic_review").glob("*.yaml"))
    for deck_id, cards in yaml.safe_load(path.read_text(encoding="utf-8")).items()
}
# A translation shares its original's cards and topic tags, and so its review.
DECKS = {
    deck.id: deck
    for deck in (load_deck(path).deck for path in builtin_deck_files())
    if deck and not deck.translates
}
DOCS = HERE.parents[1] / "docs" / "deck-format.md"


def test_every_built_in_deck_was_reviewed() -> None:
    assert sorted(REVIEW) == sorted(DECKS)


def test_the_review_names_only_known_topics() -> None:
    for deck_id, cards in REVIEW.items():
        for card_id, topics in cards.items():
            assert isinstance(topics, list), (deck_id, card_id)
            unknown = set(topics) - set(TOPICS)
            assert not unknown, f"{deck_id}/{card_id}: {sorted(unknown)} is not a topic tag"


@pytest.mark.parametrize("deck_id", sorted(DECKS))
def test_every_prompt_card_is_in_the_review(deck_id: str) -> None:
    prompts = [card.id for card in DECKS[deck_id].cards if not card.is_wild]
    assert sorted(REVIEW[deck_id]) == sorted(prompts)


@pytest.mark.parametrize("deck_id", sorted(DECKS))
def test_topic_tags_equal_the_review(deck_id: str) -> None:
    wrong = []
    for card in DECKS[deck_id].cards:
        if card.is_wild:
            continue
        tagged = {tag for tag in card.tags if tag in TOPICS}
        reviewed = set(REVIEW[deck_id][card.id])
        if tagged != reviewed:
            wrong.append(f"{card.id}: tagged {sorted(tagged)}, reviewed {sorted(reviewed)}")
    assert wrong == []


@pytest.mark.parametrize("deck_id", sorted(DECKS))
def test_the_deck_offers_exactly_the_topics_its_cards_use(deck_id: str) -> None:
    deck = DECKS[deck_id]
    used = {tag for card in deck.cards for tag in card.tags if tag in TOPICS}
    offered = [tag for tag, _ in deck.topics]
    assert sorted(offered) == sorted(used)
    assert set(offered) <= set(TOPICS)
    assert all(description.strip() for _, description in deck.topics)


def test_the_deck_format_page_lists_the_same_topic_tags() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Topics", 1)[1].split("\n### ", 1)[0]
    documented = re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.MULTILINE)
    assert tuple(documented) == TOPICS
