"""Properties of the deck loader: valid decks round-trip, and no mutation makes it raise."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from game.content.decks import DeckResult, load_deck
from game.core.cards import Deck
from tests.content.deck_data import deck_to_plain, decks, dump

PRESETS = {"classic", "gathering", "together"}
YAML_PIECES = [":", ": ", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!x ", "#",
               "'", '"', "\t", "\n", "  ", "|", ">", "%", "@", "`", "?", "---\n", "...", "~",
               "yes", "42", "3.5", "null", "prompt:", "\\", "\u00e9", "\u2028", "\x85"]  # fmt: skip
JUNK = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=True),
        st.text(max_size=30),
        st.sampled_from(["", "mirror", "pair", "1", "classic", "a" * 400]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
STYLES = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([False, None, True]),
        "width": st.sampled_from([20, 80, 10_000]),
        "indent": st.sampled_from([2, 4]),
        "allow_unicode": st.booleans(),
    }
)
# How many examples comes from the Hypothesis profile (tests/conftest.py): all 150 in CI.
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def deck_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("property") / "deck.yaml"


def load_bytes(path: Path, data: bytes) -> DeckResult:
    path.write_bytes(data)
    return load_deck(str(path), preset_ids=PRESETS)


def assert_reported_honestly(result: DeckResult, path: Path) -> None:
    """Whatever the input: a result, never an exception; one line per problem; no deck on errors."""
    assert isinstance(result, DeckResult)
    for problem in result.problems:
        line = problem.format()
        assert line.startswith(str(path))
        assert "\n" not in line
        assert "could not check this deck" not in line, line  # a bug of ours, caught
    assert result.ok == (result.deck is not None)
    if result.errors:
        assert result.deck is None


@SETTINGS
@given(deck=decks(), style=STYLES)
def test_a_valid_deck_written_as_yaml_loads_back_equal(
    deck: Deck, style: dict[str, Any], deck_file: Path
) -> None:
    plain = deck_to_plain(deck)
    text = dump(plain, **style)
    # PyYAML's emitter can garble a double-quoted string that it splits at `width` (its own
    # loader reads back something else); such a file does not hold this deck, so skip it.
    assume(yaml.safe_load(text) == plain)
    result = load_bytes(deck_file, text.encode("utf-8"))
    assert result.errors == ()
    assert result.deck == deck


@SETTINGS
@given(deck=decks(), data=st.data())
def test_replacing_any_value_with_junk_is_reported_not_raised(
    deck: Deck, data: st.DataObject, deck_file: Path
) -> None:
    plain: Any = deck_to_plain(deck)
    container, key = _pick_place(plain, data)
    action = data.draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "replace" or not isinstance(container, dict):
        container[key] = data.draw(JUNK)
    elif action == "delete":
        del container[key]
    else:
        container[data.draw(st.text(max_size=12))] = data.draw(JUNK)
    result = load_bytes(deck_file, dump(plain).encode("utf-8"))
    assert_reported_honestly(result, deck_file)


@SETTINGS
@given(deck=decks(), edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 6)), min_size=1, max_size=6), data=st.data())  # fmt: skip
def test_editing_the_text_anywhere_is_reported_not_raised(
    deck: Deck, edits: list[tuple[int, int]], data: st.DataObject, deck_file: Path
) -> None:
    text = dump(deck_to_plain(deck))
    for position, kind in edits:
        at = position % (len(text) + 1)
        if kind == 0:
            text = text[:at] + text[at + 1 + position % 20 :]
        elif kind in (1, 2):
            text = text[:at] + data.draw(st.sampled_from(YAML_PIECES)) + text[at:]
        elif kind == 3:
            text = text[:at] + data.draw(st.text(max_size=5)) + text[at:]
        else:
            lines = text.split("\n")
            random.Random(position).shuffle(lines) if kind == 4 else lines.insert(
                at % len(lines), lines[position % len(lines)]
            )
            text = "\n".join(lines)
    raw = text.encode("utf-8", errors="surrogatepass")
    result = load_bytes(deck_file, raw)
    assert_reported_honestly(result, deck_file)


@SETTINGS
@given(deck=decks(), position=st.integers(0, 10**6), junk=st.binary(min_size=1, max_size=8))
def test_stray_bytes_are_reported_not_raised(
    deck: Deck, position: int, junk: bytes, deck_file: Path
) -> None:
    raw = dump(deck_to_plain(deck)).encode("utf-8")
    at = position % (len(raw) + 1)
    result = load_bytes(deck_file, raw[:at] + junk + raw[at:])
    assert_reported_honestly(result, deck_file)


def _pick_place(plain: Any, data: st.DataObject) -> tuple[Any, Any]:
    """A random (container, key) somewhere inside the plain deck."""
    container: Any = plain
    while True:
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        key = data.draw(st.sampled_from(keys))
        child = container[key]
        if isinstance(child, dict | list) and child and data.draw(st.booleans()):
            container = child
            continue
        return container, key
