"""Follow-ups alike in wording: the fast search finds exactly the pairs difflib would."""

from __future__ import annotations

import difflib
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.similar import ALIKE, alike, alike_pairs
from tests.budget import examples

WORDS = "what did you feel when it was over how does sit with now the part that stayed"
sentences = st.lists(st.sampled_from(WORDS.split()), min_size=1, max_size=12).map(" ".join)


def brute_force(texts: list[str]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, j in itertools.combinations(range(len(texts)), 2)
        if difflib.SequenceMatcher(None, texts[i].lower(), texts[j].lower()).ratio() >= ALIKE
    ]


@st.composite
def near_copies(draw: st.DrawFn) -> list[str]:
    """Sentences and copies of some of them with a few letters changed, in any case."""
    texts = draw(st.lists(sentences, min_size=1, max_size=12))
    for text in list(texts):
        if draw(st.booleans()):
            at = draw(st.integers(0, len(text)))
            cut = draw(st.integers(0, 4))
            texts.append(
                text[:at] + draw(st.sampled_from(["", "x", "The ", "?"])) + text[at + cut :]
            )
    return draw(st.permutations(texts))


@settings(max_examples=examples(ci=300, dev=40), deadline=None)
@given(near_copies())
def test_the_pairs_are_exactly_those_difflib_finds(texts: list[str]) -> None:
    assert alike_pairs(texts) == brute_force(texts)


@settings(max_examples=examples(ci=100, dev=25), deadline=None)
@given(st.lists(st.text(alphabet="ab c", max_size=12), max_size=10))
def test_short_and_empty_texts_too(texts: list[str]) -> None:
    assert alike_pairs(texts) == brute_force(texts)


def test_the_line_is_085_ignoring_case() -> None:
    a = "What did that moment mean to you?"
    assert alike(a, "WHAT DID THAT MOMENT MEAN TO YOU?")
    assert (
        difflib.SequenceMatcher(None, a.lower(), "what did that moment mean for you?").ratio()
        >= 0.85
    )
    assert alike(a, "What did that moment mean for you?")
    assert not alike(a, "What did that evening mean to them?")


def test_texts_of_one_group_are_never_paired() -> None:
    texts = ["What did it mean to you?", "What did it mean for you?", "What did it mean to you!"]
    assert alike_pairs(texts) == [(0, 1), (0, 2), (1, 2)]
    assert alike_pairs(texts, ["card-a", "card-a", "card-b"]) == [(0, 2), (1, 2)]
