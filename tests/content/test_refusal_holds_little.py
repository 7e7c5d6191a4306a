"""A list over its limit is refused holding a few of its items, not all it may have (issue
27): a 100,000-card file took 32 MB more than before it was read, the 20,000 cards built
before the 20,001st was seen. Past `hold` items the rest are counted from the parser's
events; a list that ends within its limit is composed again, whole and the same.

Every number asserted here is a count of items built or bytes allocated, never a time."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.content import yamlsafe
from game.content.yamlsafe import LIBYAML, ListLimit, compose_text

LIMIT = ListLimit("cards", 300, "the deck has more than 300 cards; the limit is 300")
PARSERS = [pytest.param(False, id="libyaml"), pytest.param(True, id="pure-python")]


def deck(cards: int, flow_at: int = -1) -> str:
    """A deck of `cards` cards; card `flow_at` is written in flow style, nested."""
    lines = ["format: 1", "id: many", "name: Many", "cards:"]
    for n in range(cards):
        if n == flow_at:
            lines.append(f"  - {{prompt: 'Card {n}', follow_ups: [a, [b, {{c: d}}]]}}")
        else:
            lines += [f"  - prompt: Tell about card {n}.", "    follow_ups:", "      - Why?"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def lists_built(monkeypatch: pytest.MonkeyPatch) -> list[SequenceNode]:
    """Every list the composer builds, kept to count what each held when it stopped."""
    built: list[SequenceNode] = []

    class Counted(SequenceNode):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            built.append(self)

    monkeypatch.setattr(yamlsafe, "SequenceNode", Counted)
    return built


@pytest.mark.parametrize("pure_python", PARSERS)
def test_a_list_over_its_limit_is_refused_holding_hold_items(
    lists_built: list[SequenceNode], pure_python: bool
) -> None:
    if not pure_python and not LIBYAML:
        pytest.skip("libyaml is not here")
    node, problems = compose_text(
        deck(1_000, flow_at=150), "many.yaml", pure_python, LIMIT, hold=100
    )
    assert node is None
    assert [p.format() for p in problems] == [
        "many.yaml:5:3: error: the deck has more than 300 cards; the limit is 300"
    ]
    cards = lists_built[0]
    assert len(cards.value) == 100  # 300 before issue 27: every card up to the limit
    # The items past them were counted, not built: only the held cards' follow-ups were.
    assert len(lists_built) == 1 + 100


def test_the_refusal_allocates_a_third_of_what_holding_the_limit_did() -> None:
    text = deck(1_000).encode("utf-8")
    peaks = {}
    for hold in (100, 300):
        tracemalloc.start()
        node, problems = compose_text(text, "many.yaml", list_limit=LIMIT, hold=hold)
        peaks[hold] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert node is None and len(problems) == 1
    assert peaks[100] < peaks[300] * 0.5, peaks


def _shape(node: Node) -> Iterator[object]:
    yield node.tag, node.start_mark.line, node.start_mark.column
    if isinstance(node, ScalarNode):
        yield node.value
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _shape(item)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _shape(key)
            yield from _shape(value)


@pytest.mark.parametrize("pure_python", PARSERS)
@pytest.mark.parametrize("cards", [99, 100, 101, 250, 300])
def test_a_list_within_its_limit_is_composed_whole_and_the_same(
    pure_python: bool, cards: int
) -> None:
    if not pure_python and not LIBYAML:
        pytest.skip("libyaml is not here")
    text = deck(cards, flow_at=cards - 1)
    held, problems = compose_text(text, "many.yaml", pure_python, LIMIT, hold=100)
    whole, _ = compose_text(text, "many.yaml", pure_python, LIMIT, hold=10**9)
    assert problems == ()
    assert held is not None and whole is not None
    assert list(_shape(held)) == list(_shape(whole))
    cards_node = held.value[3][1]
    assert len(cards_node.value) == cards


def test_past_hold_whatever_the_items_hold_is_still_checked() -> None:
    text = deck(250).replace("Tell about card 200.", "&anchor Tell about card 200.")
    node, problems = compose_text(text, "many.yaml", list_limit=LIMIT, hold=100)
    assert node is None
    assert [p.format() for p in problems] == [
        "many.yaml:605:13: error: anchors ('&anchor') are not allowed (write each value out"
        " in full)"
    ]


def test_the_file_s_bytes_give_the_same_places_as_its_text() -> None:
    text = "\ufeffformat: 1\nname: 'Café ✓'\ncards:\n  - prompt: Été\n  - prompt: [x\n"
    from_text = compose_text(text.removeprefix("\ufeff"), "f.yaml")
    from_bytes = compose_text(text.encode("utf-8").removeprefix(b"\xef\xbb\xbf"), "f.yaml")
    assert [p.format() for p in from_bytes[1]] == [p.format() for p in from_text[1]]
    assert len(from_bytes[1]) == 1
