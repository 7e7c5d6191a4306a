"""Whole games played from tests alone: a pair evening and a circle evening with every wild card."""

from __future__ import annotations

from game.core.actions import (
    Award,
    Draw,
    EndTurn,
    FinishResponding,
    FinishSharing,
    Pass,
    Retold,
    Skip,
)
from game.core.cards import WildEffect
from game.core.engine import new_game, outcome, replay
from game.core.rules import AwardKind, Rules
from game.core.state import EndReason, Phase
from tests.moves import ANY, apply

from .factory import make_deck, make_setup

ALL_WILDS = (
    (WildEffect.MIRROR, 1),
    (WildEffect.SWAP, 1),
    (WildEffect.EVERYONE, 2),
    (WildEffect.DOUBLE, 2),
    (WildEffect.MIRROR, 3),
)


def generous_turn(state):
    """Share, respond, and mark every award the turn allows — as a warm table would."""
    state = apply(state, FinishSharing(ANY))
    if WildEffect.MIRROR in state.effects:
        state = apply(state, Retold(ANY))
    state = apply(state, FinishResponding(ANY))
    speaker = state.speaker
    for listener in state.listeners:
        state = apply(state, Award(speaker, listener, AwardKind.DEEPENING_QUESTION))
        state = apply(state, Award(speaker, listener, AwardKind.FELT_RESPONSE))
    state = apply(state, Award(speaker, state.listeners[0], AwardKind.TOUCHED_ME))
    if WildEffect.MIRROR in state.effects:
        state = apply(state, Award(speaker, state.listeners[-1], AwardKind.FELT_HEARD))
    state = apply(state, Award(state.listeners[0], speaker, AwardKind.SHARED_FEELING))
    state = apply(state, Award(state.listeners[-1], speaker, AwardKind.SHARED_THOUGHT))
    return apply(state, EndTurn(ANY))


def play_evening(state, pass_on_turn: int = 1, skip_on_turn: int = 2):
    turns = 0
    seen_effects: set[WildEffect] = set()
    while state.phase is not Phase.CLOSING:
        state = apply(state, Draw(ANY))
        if turns == pass_on_turn:
            state = apply(state, Pass(state.speaker))
        if turns == skip_on_turn:
            state = apply(state, Skip(ANY))
        seen_effects |= state.effects
        while state.phase is Phase.SHARE:
            before = state.turn
            state = generous_turn(state)
            if state.turn != before:
                break
        turns += 1
    while state.phase is Phase.CLOSING:
        state = apply(state, FinishSharing(ANY))
    return state, seen_effects


def test_a_whole_pair_evening():
    setup = make_setup(
        2, deck=make_deck(prompts_per_level=8, wilds=ALL_WILDS), rules=Rules(rounds=6)
    )
    state, effects = play_evening(new_game(setup))
    result = outcome(state)
    assert state.finished and result.end_reason is EndReason.ROUNDS
    assert result.rounds == 6 and result.level == 3
    # 12 turns, one of them Ana's passed to Ben as his; a swap may replay the last card
    assert result.cards_played >= 10
    assert result.passes == 1 and result.skips == 1
    assert all(p.total > 0 for p in result.players)
    assert effects  # at least one wild card shaped a turn
    assert replay(setup, state.log) == state


def test_a_whole_circle_evening_with_wild_cards():
    # No round limit: the evening runs until the cards run out, so every wild card turns up.
    setup = make_setup(
        5, deck=make_deck(prompts_per_level=6, wilds=ALL_WILDS), rules=Rules(rounds=None), seed=11
    )
    state, effects = play_evening(new_game(setup))
    result = outcome(state)
    assert state.finished and result.end_reason is EndReason.CARDS
    assert result.level == 3
    assert not any(not state.deck.card(c).is_wild for pile in state.piles for c in pile)
    assert {p.name for p in result.players} == {"Ana", "Ben", "Chloé", "Dmitri", "Eli"}
    # every listener award went to someone who listened: a sharer's own kinds only reach them as sharer
    assert sum(p.by_kind[AwardKind.DEEPENING_QUESTION] for p in result.players) > 0
    assert effects == set(WildEffect) - {WildEffect.ACTION}  # an action card is its own turn
    assert replay(setup, state.log) == state


def test_the_double_card_doubles_the_whole_turn_in_a_full_game():
    deck = make_deck(prompts_per_level=4, levels=1, wilds=((WildEffect.DOUBLE, 1),))
    setup = make_setup(2, deck=deck, rules=Rules(rounds=None))
    state = new_game(setup)
    doubled = plain = None
    while not state.finished and state.phase is not Phase.CLOSING:
        state = apply(state, Draw(ANY))
        if state.phase is not Phase.SHARE:
            break
        is_double = WildEffect.DOUBLE in state.effects
        before = state.scores.team_total
        state = generous_turn(state)
        gained = state.scores.team_total - before
        if is_double:
            doubled = gained
        else:
            plain = gained
    assert doubled == 2 * plain
