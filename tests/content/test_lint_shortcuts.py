"""The lint's shortcuts (issue 27, deck load) say exactly what the plain checks said.

`invites_feelings` compares a word only with the stems that start as it does, and skips the
"think of" search in ASCII text without "think"; `fact_only` skips the FIXING search in ASCII
text holding no piece of its words, and FIXING looks ahead at the letters its words start
with. Each is checked here against the plain version it replaced, on the words that matter
and on the letters IGNORECASE treats as others ('ſ' for 's', 'ı' and 'İ' for 'i', 'K' for
'k')."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from game.content import lint
from tests.budget import examples

PLAIN_FIXING = re.compile(
    r"\b(?:helped|help(?:s)? (?:it|you)|fix(?:ed)?|solve[ds]?|cope[ds]?|coping|get through"
    r"|got through|get over|got over|deal with|dealt with|make it right|made it right"
    r"|settle[ds]?)\b",
    re.IGNORECASE,
)


def plain_invites_feelings(text: str) -> bool:
    text = lint._REMEMBER_INSTRUCTION.sub(" ", text).lower()
    return any(
        word.startswith(lint.FEELING_STEMS) and word not in lint.FALSE_FRIENDS
        for word in re.findall(r"[a-z]+", text)
    )


def plain_fact_only(follow_up: str) -> lint.Warning | None:
    if PLAIN_FIXING.search(follow_up):
        return (
            "the follow-up asks how it was fixed or coped with",
            "stay inside the moment: ask what it felt like, or what it meant",
        )
    if lint.FACT_OPENINGS.search(follow_up) and not (
        plain_invites_feelings(follow_up) or lint.INSIDE_WORDS.search(follow_up.lower())
    ):
        return (
            "the follow-up only asks for facts",
            "ask about the feeling, the thought, the meaning or the body, e.g. 'What did you feel when...'",
        )
    return None


_WORDS = [
    *lint.FEELING_STEMS,
    *lint.FALSE_FRIENDS,
    *[
        "helped",
        "helps",
        "help",
        "fix",
        "fixed",
        "solved",
        "solves",
        "cope",
        "coped",
        "coping",
        "get",
        "got",
        "through",
        "over",
        "deal",
        "dealt",
        "with",
        "make",
        "made",
        "it",
        "right",
        "settle",
        "settled",
        "think",
        "Think",
        "THINK",
        "of",
        "about",
        "back",
        "who",
        "where",
        "how",
        "old",
        "long",
        "what",
        "exactly",
        "did",
        "you",
        "they",
        "do",
        "say",
        "when",
        "ſettle",
        "ſolve",
        "thınk",
        "thİnk",
        "thinK",
        "body",
        "mind",
        "inside",
        "feelings",
        "unfeeling",
        "an",
        "a",
        "of",
    ],
]
_TEXTS = st.lists(
    st.one_of(
        st.sampled_from(_WORDS),
        st.text(alphabet="aeiksthflpſıİK .,;:?!'-\u00e9", max_size=8),
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=examples(ci=2000, dev=300), deadline=None)
@given(text=_TEXTS)
def test_the_shortcuts_answer_as_the_plain_checks(text: str) -> None:
    for variant in (text, text.upper(), text.capitalize(), f"{text}. Think of it"):
        assert lint.invites_feelings(variant) == plain_invites_feelings(variant), variant
        assert lint.fact_only(variant) == plain_fact_only(variant), variant
        assert bool(lint.FIXING.search(variant)) == bool(PLAIN_FIXING.search(variant)), variant


def test_the_letters_ignorecase_treats_as_others_still_count() -> None:
    assert lint.fact_only("Who helped you ſettle in?") == plain_fact_only("Who ſettled?")
    assert lint.fact_only("What ſolved it?") is not None
    assert lint.invites_feelings("Thınk of the day.") == plain_invites_feelings("Thınk of the day.")
    assert not lint.invites_feelings("Think of the day.")
    assert lint.invites_feelings("When did you think of it? I felt.")
