"""A big deck's plain cards are read without the general checks (issue 27, deck load), and
nothing a deck says changes: the same deck, the same problems at the same places, the same
marks, whether `CardReader.plain_card` reads a card or `CardReader.card` does. Cards that are
nearly plain (each one thing off) must fall to `card`, which says what is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.content import deck_cards
from game.content.deck_cards import CardReader
from game.content.decks import CARDS_LIMIT, DeckResult, load_deck, read_deck
from game.content.yamlsafe import ListLimit, compose_text, lean
from tests.budget import examples

FAT = ListLimit(CARDS_LIMIT.key, CARDS_LIMIT.most, CARDS_LIMIT.message)  # built whole

HEAD = "format: {format}\nid: plain\nname: Plain\nlevels:\n  - name: One\n  - name: Two\ncards:\n"

# Each card as its lines under `cards:`; {n} is the card's number, for ids and prompts.
PLAIN = [
    "  - prompt: Tell about a walk you took ({n}). How did you feel?",
    '  - prompt: "Describe a meal ({n}). What did you think?"\n    level: 2',
    "  - id: card-{n}\n    prompt: Share a morning ({n})\n    level: 1\n"
    "    follow_ups:\n      - What went through your mind?\n      - Why then?\n"
    "    tags: [everyday, family]",
    "  - prompt: Picture a door ({n})\n    tags:\n      - everyday",
    "  - {{prompt: 'Go back to a song ({n}).', follow_ups: [How did it feel?], level: 2}}",
]
# Plain cards with a lint warning to give: read the plain way, warned at the same places.
WARNED = [
    "  - prompt: Do you like tea ({n})?",  # a yes/no question
    "  - prompt: Tell about the chair {n}\n    level: 2",  # no feelings asked for
    "  - prompt: Tell about {n}\n    follow_ups: [Why?, why?]",  # repeated
    "  - prompt: Tell about {n}\n    follow_ups: [Who was there?, Why?, WHY]",  # facts, repeated
]
# Nearly plain: each is a plain card with one thing off.
OFF = [
    "  - prompt: ''",
    "  - prompt: '   '",
    "  - prompt: 42",
    "  - prompt:",
    "  - prompt: [a, b]",
    "  - prompt: " + "x" * 301,
    "  - id: Card {n}\n    prompt: Tell about {n}",
    "  - id: card-1\n    prompt: Tell about a twin {n}",  # the id of another card
    "  - id: ''\n    prompt: Tell about {n}",
    "  - id: 7\n    prompt: Tell about {n}",
    "  - id: " + "a" * 65 + "\n    prompt: Tell about {n}",
    "  - prompt: Tell about {n}\n    level: 3",
    "  - prompt: Tell about {n}\n    level: 0",
    "  - prompt: Tell about {n}\n    level: '2'",
    "  - prompt: Tell about {n}\n    level: 02",
    "  - prompt: Tell about {n}\n    level: +2",
    "  - prompt: Tell about {n}\n    level: 0x2",
    "  - prompt: Tell about {n}\n    level: 1_0",
    "  - prompt: Tell about {n}\n    level: 2.0",
    "  - prompt: Tell about {n}\n    level: " + "1" * 19,
    "  - prompt: Tell about {n}\n    follow_ups: []",
    "  - prompt: Tell about {n}\n    follow_ups: Why?",
    "  - prompt: Tell about {n}\n    follow_ups: [Why?, 3]",
    "  - prompt: Tell about {n}\n    follow_ups: [Why?, '']",
    "  - prompt: Tell about {n}\n    follow_ups: [" + "y" * 301 + "]",
    "  - prompt: Tell about {n}\n    tags: []",
    "  - prompt: Tell about {n}\n    tags: everyday",
    "  - prompt: Tell about {n}\n    tags: [everyday, everyday]",
    "  - prompt: Tell about {n}\n    tags: [Every Day]",
    "  - prompt: Tell about {n}\n    tags: [" + "t" * 41 + "]",
    "  - prompt: Tell about {n}\n    prompt: Again {n}",
    "  - prompt: Tell about {n}\n    timer: 60",
    "  - prompt: Tell about {n}\n    everyone: true",
    "  - prompt: Tell about {n}\n    answered_by: next",
    "  - prompt: Tell about {n}\n    text: words",
    "  - prompt: Tell about {n}\n    colour: red",
    "  - prompt: Tell about {n}\n    wild: mirror",
    "  - wild: swap",
    "  - {{? [a, b] : c, prompt: Tell about {n}}}",
    "  - {{'': x, prompt: Tell about {n}}}",
    "  - {{1: x, prompt: Tell about {n}}}",
    "  - Tell about {n}",
    "  - [prompt, Tell about {n}]",
    "  - id: card-{n}",
]


def _load(path: Path, text: str, plain: bool, monkeypatch: pytest.MonkeyPatch) -> DeckResult:
    path.write_text(text, encoding="utf-8")
    with monkeypatch.context() as patch:
        if not plain:
            patch.setattr(CardReader, "plain_card", lambda *args: None)
        return load_deck(path)


def _said(result: DeckResult) -> tuple[Any, ...]:
    return (result.deck, [p.format() for p in result.problems], result.marks)


@settings(
    max_examples=examples(ci=600, dev=120),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    cards=st.lists(st.sampled_from(PLAIN + WARNED + OFF), min_size=1, max_size=8),
    deck_format=st.sampled_from(["1", "1.1"]),
)
def test_a_deck_says_the_same_read_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cards: list[str], deck_format: str
) -> None:
    text = HEAD.format(format=deck_format)
    text += "\n".join(card.format(n=n) for n, card in enumerate(cards)) + "\n"
    path = tmp_path / "plain.yaml"
    assert _said(_load(path, text, True, monkeypatch)) == _said(
        _load(path, text, False, monkeypatch)
    )


@pytest.mark.parametrize("card", OFF + WARNED)
def test_a_card_one_thing_off_is_read_by_the_general_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, card: str
) -> None:
    text = HEAD.format(format="1.1") + PLAIN[2].format(n=1) + "\n" + card.format(n=2) + "\n"
    path = tmp_path / "off.yaml"
    read: list[int] = []
    plain_card = CardReader.plain_card

    def counted(self: CardReader, *args: Any) -> Any:
        found = plain_card(self, *args)
        read.append(found is not None)
        return found

    monkeypatch.setattr(CardReader, "plain_card", counted)
    path.write_text(text, encoding="utf-8")
    with_plain = _said(load_deck(path))
    monkeypatch.undo()
    assert with_plain == _said(_load(path, text, False, monkeypatch))
    if card in WARNED:
        assert with_plain[0] is not None and with_plain[1], "a warning, no error"
    if read:  # the cards list was read (it is a list): the plain card, and the other not
        assert read[0] is True
        assert read[1:] in ([], [card in WARNED]), card


def test_a_big_plain_deck_reads_every_card_the_plain_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench.deck import make_big_deck_text

    calls: list[bool] = []
    general = CardReader.card

    def counted(self: CardReader, *args: Any) -> Any:
        calls.append(True)
        return general(self, *args)

    monkeypatch.setattr(CardReader, "card", counted)
    path = tmp_path / "big.yaml"
    path.write_text(make_big_deck_text(500), encoding="utf-8")
    result = load_deck(path)
    assert result.ok and result.deck is not None and len(result.deck.cards) == 500
    assert calls == []
    assert deck_cards.MAX_TAG == 40 and deck_cards.MAX_ID == 64


def _shape(node: Any) -> Any:
    """Everything a node says, as plain values (its end mark too, for lists and mappings)."""
    end = getattr(node, "end_mark", None)
    return (
        type(node).__name__,
        node.tag,
        node.start_mark.line,
        node.start_mark.column,
        (end.line, end.column) if end is not None else None,
        getattr(node, "style", None) or getattr(node, "flow_style", None),
        [tuple(_shape(part) for part in item) if isinstance(item, tuple) else _shape(item)
         for item in node.value]
        if isinstance(node.value, list)
        else node.value,
    )  # fmt: skip


@settings(max_examples=examples(ci=300, dev=60), deadline=None)
@given(cards=st.lists(st.sampled_from(PLAIN + WARNED + OFF), min_size=1, max_size=8))
def test_a_lean_card_becomes_the_nodes_it_would_have_been(cards: list[str]) -> None:
    """The cards' list is kept as libyaml's events (ListLimit.lean); `lean` builds from them
    the very nodes composing would have built."""
    text = HEAD.format(format="1.1") + "\n".join(c.format(n=n) for n, c in enumerate(cards))
    thin, _ = compose_text(text + "\n", "lean.yaml", list_limit=CARDS_LIMIT)
    whole, _ = compose_text(text + "\n", "lean.yaml", list_limit=FAT)
    if thin is None or whole is None:
        assert thin is None and whole is None
        return
    thin_cards, whole_cards = thin.value[-1][1], whole.value[-1][1]
    assert isinstance(thin_cards, SequenceNode)  # the list itself is a node
    assert [_shape(lean(item)) for item in thin_cards.value] == [
        _shape(item) for item in whole_cards.value
    ]


def test_a_plain_deck_builds_no_node_under_its_cards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed: composing a 300-card deck builds the same few nodes as a 3-card
    one (the deck's own keys and the list), none for a card; `lean` builds them only for a
    card with something to say."""
    from bench.deck import make_big_deck_text

    built: list[str] = []

    def counting(cls: type[Node]) -> Any:
        init = cls.__init__

        def counted(self: Node, *args: Any, **kwargs: Any) -> None:
            init(self, *args, **kwargs)
            built.append(cls.__name__)

        return counted

    for cls in (ScalarNode, SequenceNode, MappingNode):
        monkeypatch.setattr(cls, "__init__", counting(cls))
    counts = []
    for cards in (3, 300):
        built.clear()
        node, problems = compose_text(make_big_deck_text(cards), "big.yaml", list_limit=CARDS_LIMIT)
        assert node is not None and problems == ()
        result = read_deck(node, "big.yaml")
        assert result.ok and result.deck is not None and len(result.deck.cards) == cards
        counts.append(len(built))
        mappings = built.count("MappingNode")  # the deck's and its levels'
    assert counts[0] == counts[1] < 40
    built.clear()
    text = make_big_deck_text(3).replace("    level: 2\n", "    level: 9\n")
    node, _ = compose_text(text, "big.yaml", list_limit=CARDS_LIMIT)
    assert node is not None
    assert not read_deck(node, "big.yaml").ok
    assert built.count("MappingNode") == mappings + 1  # and the card with no level 9


def test_a_plain_decks_marks_are_made_once_every_card_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made with each card, the marks sat among the cards in the heap, and a game that keeps
    the deck and drops the marks kept that memory too (2.5 MB of an 8,000-card deck)."""
    made: list[str] = []
    card_class, marks_class = deck_cards.Card, deck_cards.CardMarks

    def card(*args: Any, **kwargs: Any) -> Any:
        made.append("card")
        return card_class(*args, **kwargs)

    def marks(*args: Any, **kwargs: Any) -> Any:
        made.append("marks")
        return marks_class(*args, **kwargs)

    monkeypatch.setattr(deck_cards, "Card", card)
    monkeypatch.setattr(deck_cards, "CardMarks", marks)
    text = HEAD.format(format="1.1") + "\n".join(c.format(n=n) for n, c in enumerate(PLAIN))
    path = tmp_path / "plain.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    result = load_deck(path)
    monkeypatch.undo()
    assert result.ok and result.deck is not None
    assert made == ["card"] * len(PLAIN) + ["marks"] * len(PLAIN)
    assert result.marks[result.deck.cards[2].id] == marks_class((12, 13), ((15, 9), (16, 9)))
