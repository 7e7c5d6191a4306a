"""The evening's moments come from the marks that counted: a skipped card's marks never did."""

from __future__ import annotations

from game.content.ui_text import load_ui_text
from game.core import engine
from game.core.actions import (
    Award,
    Draw,
    EndGame,
    EndTurn,
    FinishResponding,
    FinishSharing,
    TakeBack,
)
from game.core.rules import AwardKind, Rules, Scoring
from game.table.moments import acknowledgement, committed_awards, moment_words, moments
from tests.core.factory import make_deck, make_setup
from tests.moves import ANY, apply

DEEPER = AwardKind.DEEPENING_QUESTION
FEELING = AwardKind.SHARED_FEELING


def marked(state, *awards):
    for action in (Draw(ANY), FinishSharing(ANY), FinishResponding(ANY), *awards):
        state = apply(state, action)
    return state


def test_only_committed_marks_become_moments():
    state = engine.new_game(make_setup(2, deck=make_deck(), rules=Rules(scoring=Scoring.OFF)))
    state = apply(marked(state, Award(0, 1, DEEPER), Award(1, 0, FEELING)), EndTurn(ANY))
    state = apply(marked(state, Award(0, 1, FEELING)), TakeBack(0, 1, FEELING))  # not counted
    state = apply(state, Award(1, 0, DEEPER))
    state = apply(state, EndGame(ANY))  # the players end it: this turn's marks count
    assert committed_awards(state) == [
        Award(0, 1, DEEPER),
        Award(1, 0, FEELING),
        Award(1, 0, DEEPER),
    ]
    t = load_ui_text()
    names = ("Ana", "Ben")
    sections = dict(moments(state))
    deeper = [moment_words(m, names, t) for m in sections["summary_moments_deeper"]]
    assert deeper == ["Ben's question took Ana deeper", "Ana's question took Ben deeper"]
    shared = [moment_words(m, names, t) for m in sections["summary_moments_shared"]]
    assert shared == ["Ana shared a feeling"]
    assert sections["summary_moments_touched"] == []


def test_a_moment_that_came_back_says_so():
    state = engine.new_game(make_setup(2, deck=make_deck(), rules=Rules(scoring=Scoring.OFF)))
    for _ in range(2):
        state = apply(marked(state, Award(0, 1, DEEPER)), EndTurn(ANY))
        state = apply(marked(state, Award(1, 0, DEEPER)), EndTurn(ANY))
    t = load_ui_text()
    found = dict(moments(state))["summary_moments_deeper"]
    assert [m.times for m in found] == [2, 2]
    assert moment_words(found[0], ("Ana", "Ben"), t) == (
        "Ben's question took Ana deeper, more than once"
    )
    assert acknowledgement((0, 1, DEEPER), ("Ana", "Ben"), t) == (
        "Ben, your question took Ana deeper."
    )
