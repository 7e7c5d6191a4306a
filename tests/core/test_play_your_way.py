"""Pacing by agreement, lighter cards, lines (ruled-out topics) and scoring off."""

from __future__ import annotations

import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.actions import (
    AnswerDeeper,
    Award,
    Draw,
    EndTurn,
    FinishResponding,
    FinishSharing,
    LighterCard,
    Pass,
    Skip,
)
from game.core.engine import legal_actions, new_game, outcome
from game.core.errors import InvalidAction, NotThisPhase, NotYourMove
from game.core.rules import AwardKind, LevelPace, Rules, Scoring
from game.core.state import Phase
from tests.budget import examples
from tests.moves import ANY, apply

from .factory import make_deck, make_setup, prompt
from .test_properties import choose

TOPICS = ("family", "body", "money", "past-relationships", "grief", "health", "faith", "intimacy")


def turn(state):
    for action in (Draw(ANY), FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY)):
        state = apply(state, action)
    return state


def agreement_game(players: int = 3):
    deck = make_deck(prompts_per_level=12)  # enough that no level runs out and forces the move
    rules = Rules(rounds=None, level_pace=LevelPace.AGREEMENT)
    return new_game(make_setup(players, deck=deck, rules=rules))


# ---------------------------------------------------------------- pacing by agreement


def test_the_table_is_asked_at_the_end_of_each_round():
    state = agreement_game()
    state = turn(turn(state))
    assert state.phase is Phase.DEAL
    state = turn(state)
    assert state.phase is Phase.DEEPER
    with pytest.raises(NotThisPhase):
        apply(state, Draw(ANY))


def test_the_level_rises_only_when_every_player_is_ready():
    state = turn(turn(turn(agreement_game())))
    for _ in range(2):
        state = apply(state, AnswerDeeper(ANY, ready=True))
        assert state.phase is Phase.DEEPER and state.level == 1
    state = apply(state, AnswerDeeper(ANY, ready=True))
    assert state.phase is Phase.DEAL and state.level == 2 and state.votes == ()


def test_one_not_yet_keeps_the_level_once_everyone_has_answered():
    state = turn(turn(turn(agreement_game())))
    state = apply(apply(state, AnswerDeeper(0, ready=True)), AnswerDeeper(1, ready=False))
    assert state.phase is Phase.DEEPER, "the outcome waits for every answer"
    assert state.voted == (0, 1)
    with pytest.raises(NotYourMove):
        apply(state, AnswerDeeper(1, ready=True)), "each player answers once"
    state = apply(state, AnswerDeeper(2, ready=True))
    assert state.phase is Phase.DEAL and state.level == 1 and state.votes == ()
    state = turn(turn(turn(state)))
    assert state.phase is Phase.DEEPER  # asked again after the next round


def test_no_question_at_the_deepest_level():
    deck = make_deck(levels=1)
    state = new_game(
        make_setup(2, deck=deck, rules=Rules(rounds=None, level_pace=LevelPace.AGREEMENT))
    )
    state = turn(turn(state))
    assert state.phase is Phase.DEAL


# ---------------------------------------------------------------- lighter card


def at_level_two():
    state = new_game(make_setup(2, rules=Rules(rounds=None, rounds_per_level=1)))
    state = turn(turn(state))
    assert state.level == 2
    return apply(state, Draw(ANY))


def test_a_lighter_card_comes_from_a_lower_level_at_no_cost():
    state = at_level_two()
    dealt = state.card
    lighter = apply(state, LighterCard(ANY))
    assert lighter.current_card.level == 1
    assert lighter.speaker == state.speaker and lighter.phase is Phase.SHARE
    assert lighter.passes_left == state.passes_left and lighter.skips == state.skips
    assert lighter.piles[1][-1] == dealt  # the deeper card goes back under its pile
    assert dealt not in lighter.removed


def test_no_lighter_card_at_level_one():
    state = apply(new_game(make_setup()), Draw(ANY))
    with pytest.raises(InvalidAction, match="no lighter card"):
        apply(state, LighterCard(ANY))
    assert LighterCard(ANY) not in legal_actions(state)


def test_lighter_card_only_while_sharing_has_not_started():
    state = apply(at_level_two(), FinishSharing(ANY))
    with pytest.raises(NotThisPhase):
        apply(state, LighterCard(ANY))


# ---------------------------------------------------------------- lines


@settings(max_examples=examples(ci=60, dev=20), deadline=None)
@given(
    excluded=st.lists(st.sampled_from(TOPICS), unique=True, max_size=4),
    seed=st.integers(0, 2**32),
    players=st.integers(2, 6),
    moves=st.randoms(use_true_random=False),
)
def test_no_ruled_out_card_is_ever_dealt(excluded, seed, players, moves):
    base = make_deck(prompts_per_level=5)
    tagged = tuple(
        attrs.evolve(card, tags=(TOPICS[i % len(TOPICS)],)) if i % 3 else card
        for i, card in enumerate(base.cards)
    )
    deck = attrs.evolve(base, cards=tagged)
    state = new_game(make_setup(players, deck=deck, seed=seed, excluded_tags=tuple(excluded)))
    dealt = set()
    for _ in range(400):
        if state.finished:
            break
        actions = [a for a in legal_actions(state)]
        state = apply(state, choose(moves, actions))
        if state.card is not None and state.phase is not Phase.CLOSING:
            dealt.add(state.card)
    assert not any(set(deck.card(c).tags) & set(excluded) for c in dealt)


def test_a_lighter_card_respects_the_lines_too():
    cards = (
        prompt("light-grief", 1, tags=("grief",)),
        prompt("light-ok", 1),
        prompt("deep-1", 2),
        prompt("deep-2", 2),
        prompt("deep-3", 2),
    )
    deck = attrs.evolve(make_deck(levels=2), cards=cards)
    state = new_game(
        make_setup(
            2, deck=deck, rules=Rules(rounds=None, rounds_per_level=1), excluded_tags=("grief",)
        )
    )
    state = apply(state, Draw(ANY))  # level 1 has only light-ok left
    state = apply(apply(apply(state, FinishSharing(ANY)), FinishResponding(ANY)), EndTurn(ANY))
    state = apply(state, Draw(ANY))
    # level 1 is used up: there is nothing lighter to give, and never the ruled-out card
    assert state.current_card.level == 2
    assert LighterCard(ANY) not in legal_actions(state)


# ---------------------------------------------------------------- scoring off


def test_scoring_off_still_records_every_acknowledgement():
    rules = Rules(scoring=Scoring.OFF, rounds=1)
    state = new_game(make_setup(2, rules=rules))
    for action in (
        Draw(ANY),
        FinishSharing(ANY),
        FinishResponding(ANY),
        Award(0, 1, AwardKind.DEEPENING_QUESTION),
        Award(1, 0, AwardKind.SHARED_FEELING),
        EndTurn(ANY),
    ):
        state = apply(state, action)
    result = outcome(state)
    assert result.goal is None
    assert result.players[1].by_kind[AwardKind.DEEPENING_QUESTION] > 0
    assert result.players[0].by_kind[AwardKind.SHARED_FEELING] > 0


def test_passing_and_skipping_work_the_same_with_lines():
    state = new_game(make_setup(2, excluded_tags=("money",)))
    state = apply(apply(state, Draw(ANY)), Pass(0))
    state = apply(state, Skip(ANY))
    assert state.phase is Phase.SHARE


def test_random_choice_helper_is_deterministic():
    a = choose(random.Random(3), [Draw(ANY), Skip(ANY)])
    b = choose(random.Random(3), [Draw(ANY), Skip(ANY)])
    assert a == b
