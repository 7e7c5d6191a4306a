"""What a deck's reading keeps is made after its file is composed (issue 27): none of the
composed tree's strings are kept, so the tree's part of the heap goes back whole when it
is freed (an 8,000-card deck kept 45 MB of a freed tree; 15 MB now)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
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


def test_cards_with_the_same_tags_share_one_tuple():
    """A deck's cards share a few sets of tags: one tuple each (issue 27), whichever way
    a card is read (the plain cards' quick path, or a card with a timer of its own)."""
    timed = REPEATED.replace("format: 1\n", "format: 1.1\n").replace(
        "    tags: [everyday, family]\n", "    timer: 60\n    tags: [everyday, family]\n", 20
    )
    for text in (REPEATED, timed):
        node, _ = compose_text(text, "kept-once.yaml")
        result = read_deck(node, "kept-once.yaml")
        assert result.deck is not None  # (warnings only: every prompt opens alike)
        tags = [card.tags for card in result.deck.cards]
        assert tags == [("everyday", "family")] * 40
        assert len({id(t) for t in tags}) == 1


def test_reading_a_deck_imports_no_statistics(tmp_path):
    """The lint's median is taken without statistics, and with it fractions and decimal:
    0.45 MB a game reading a deck held for one median (issue 27)."""
    from tests.child import headless_child

    script = (
        "import json, sys\n"
        "from game.content.decks import load_deck\n"
        "from game.resources import decks_dir\n"
        "deck = load_deck(str(decks_dir() / 'closer.yaml')).deck\n"
        "print(json.dumps([deck is not None,"
        " sorted({'statistics', 'fractions', 'decimal'} & set(sys.modules))]))\n"
    )
    _, seen = headless_child(script, tmp_path)
    assert seen == [True, []]


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=60))
def test_the_lints_median_is_statistics_median(values):
    import statistics

    from game.content import lint

    assert lint._median(values) == statistics.median(values)
    assert type(lint._median(values)) is type(statistics.median(values))
