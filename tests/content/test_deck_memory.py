"""What a deck's reading keeps is made after its file is composed (issue 27): none of the
composed tree's strings are kept, so the tree's part of the heap goes back whole when it
is freed (an 8,000-card deck kept 45 MB of a freed tree; 15 MB now)."""

from __future__ import annotations

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from game.content.decks import read_deck
from game.content.yamlsafe import compose_text

DECK = """format: 1
id: kept-apart
name: Kept apart
cards:
  - id: first
    prompt: "Tell about a morning you remember. How did it feel?"
    follow_ups: ["What came after it?"]
    tags: [everyday]
"""


def _scalars(node):  # type: ignore[no-untyped-def]
    if isinstance(node, ScalarNode):
        yield node.value
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)


def test_a_deck_keeps_no_string_of_the_composed_tree():
    node, problems = compose_text(DECK, "kept-apart.yaml")
    assert node is not None and problems == ()
    result = read_deck(node, "kept-apart.yaml")
    assert result.deck is not None and result.problems == ()
    card = result.deck.cards[0]
    kept = [result.deck.id, result.deck.name, card.id, card.prompt, *card.follow_ups, *card.tags]
    tree = {id(value) for value in _scalars(node)}
    assert card.prompt == "Tell about a morning you remember. How did it feel?"
    assert [value for value in kept if id(value) in tree] == []


REPEATED = """format: 1
id: kept-once
name: Kept once
cards:
""" + "".join(
    f"""  - id: card-{n}
    prompt: "Tell about a morning you remember, number {n}. How did it feel?"
    follow_ups: ["What came after it, in story {n}?", "Who did you tell first, and why them?"]
    tags: [everyday, family]
"""
    for n in range(40)
)


def test_a_deck_keeps_each_different_text_once():
    """A deck's tags and a follow-up repeated on every card are one string each (an
    8,000-card deck's 51,000 texts are 24,000 different ones: 2 MB less)."""
    node, problems = compose_text(REPEATED, "kept-once.yaml")
    assert node is not None
    result = read_deck(node, "kept-once.yaml")
    assert result.deck is not None
    texts = [text for card in result.deck.cards for text in (*card.follow_ups, *card.tags)]
    assert len(texts) == 40 * 4
    assert len({id(text) for text in texts}) == len(set(texts)) == 40 + 3
