"""`replay` folds a turn's marks (engine._Marks) instead of applying them one by one: the
state it rebuilds is exactly the one `apply` after `apply` gives, at every length, and a
move `apply` refuses is refused by `replay` with the same error."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import engine
from game.core.actions import Award, EndGame, EndTurn, Skip, TakeBack
from game.core.cards import WildEffect
from game.core.engine import apply, legal_actions, new_game, replay
from game.core.errors import RuleError
from game.core.rules import AwardKind, Rules
from game.core.state import Phase

from .factory import make_deck, make_setup
from .test_properties import choose, rules_strategy, wild_lists

MAX_STEPS = 500


def a_mark_anyone_might_try(state, bot: random.Random) -> Award | TakeBack:
    """A mark or a taking back by any seat to any receiver (there or not), of any kind:
    legal or not, as a damaged or forged journal might hold. Half the time one of this
    turn's marks taken back, given again, or its kind given to another listener (the
    marks given once a turn)."""
    if state.pending and bot.random() < 0.5:
        given = bot.choice(state.pending)
        roll = bot.random()
        if roll < 0.5:
            return TakeBack(given.seat, given.receiver, given.kind)
        if roll < 0.7:
            return Award(given.seat, given.receiver, given.kind)
        return Award(given.seat, bot.choice(state.listeners), given.kind)
    players = len(state.players)
    speaker = state.speaker
    seat = speaker if bot.random() < 0.5 else bot.randrange(players)
    if bot.random() < 0.2:
        receiver = bot.randrange(-1, players + 1)
    else:
        receiver = bot.choice(state.listeners) if seat == speaker else speaker
    kind = bot.choice((Award, Award, Award, TakeBack))
    return kind(seat, receiver, bot.choice(list(AwardKind)))


def play(setup, bot: random.Random):
    """(every state on the way, indexed by its log's length; the moves refused, with the
    length of the log they were tried on and what `apply` said)."""
    state = new_game(setup)
    states = [state]
    refused = []
    for _ in range(MAX_STEPS):
        if state.finished:
            break
        if state.phase is Phase.AWARD and bot.random() < 0.7:
            move = a_mark_anyone_might_try(state, bot)
        else:
            move = choose(bot, legal_actions(state))
        try:
            state = apply(state, move)
        except RuleError as error:
            refused.append((len(state.log), move, type(error), str(error)))
            continue
        states.append(state)
    return states, refused


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)  # as many examples as the profile says (tests/conftest.py)
@given(
    players=st.integers(2, 12),
    seed=st.integers(0, 2**32),
    wilds=wild_lists,
    rules=rules_strategy,
    bot=st.randoms(use_true_random=False),
)
def test_replay_gives_exactly_what_apply_after_apply_gives(players, seed, wilds, rules, bot):
    wilds = (*wilds, (WildEffect.MIRROR, 1), (WildEffect.DOUBLE, 1))
    setup = make_setup(players, deck=make_deck(wilds=wilds), rules=rules, seed=seed)
    states, refused = play(setup, bot)
    log = states[-1].log
    assert replay(setup, log) == states[-1]
    # Cut anywhere, in the middle of a turn's marks too: the same state.
    for length in {bot.randrange(len(states)) for _ in range(6)}:
        assert replay(setup, log[:length]) == states[length]
    # A move apply refused is refused by replay, with the same error.
    marks_refused = [r for r in refused if isinstance(r[1], Award | TakeBack)]
    for length, move, kind, message in bot.sample(marks_refused, min(10, len(marks_refused))):
        with pytest.raises(kind) as raised:
            replay(setup, (*log[:length], move))
        assert str(raised.value) == message


def long_evening(seed: int, actions: int):
    """Twelve players, a game with no end of rounds: every turn, some twenty-five marks tried
    (every listener marking the sharer, the sharer marking listeners, marks taken back and
    given again, the one-a-turn mark moved from one listener to another), the legal ones
    given; nobody skips or ends the evening."""
    deck = make_deck(prompts_per_level=100, wilds=((WildEffect.MIRROR, 1), (WildEffect.DOUBLE, 2)))
    setup = make_setup(12, deck=deck, rules=Rules(rounds=None), seed=seed)
    state = new_game(setup)
    bot = random.Random(seed)
    while not state.finished and len(state.log) < actions:
        if state.phase is Phase.AWARD:
            for _ in range(25):
                offered = [m for m in legal_actions(state) if isinstance(m, Award)]
                if offered and bot.random() < 0.6:
                    move: Award | TakeBack = bot.choice(offered)
                else:
                    move = a_mark_anyone_might_try(state, bot)
                if engine.is_legal(state, move):
                    state = apply(state, move)
            state = apply(state, EndTurn(state.speaker))
        else:
            moves = [m for m in legal_actions(state) if not isinstance(m, EndGame | Skip)]
            state = apply(state, choose(bot, moves))
    return state


def test_a_long_evening_of_marks_replays_exactly():
    state = long_evening(seed=3, actions=1_500)
    marks = sum(isinstance(move, Award | TakeBack) for move in state.log)
    assert len(state.log) >= 1_500 and marks > len(state.log) / 2
    assert replay(state.setup, state.log) == state


def test_replay_checks_only_the_moves_that_are_not_marks(monkeypatch):
    """A mark is checked by the fold (a look-up or two); `check` runs once for every other
    move and never for a mark the fold vouches for (it ran for every move before)."""
    state = long_evening(seed=4, actions=1_500)
    checked = []
    real_check = engine.check

    def counted(state, action):
        checked.append(action)
        return real_check(state, action)

    monkeypatch.setattr(engine, "check", counted)
    assert replay(state.setup, state.log) == state
    others = [move for move in state.log if not isinstance(move, Award | TakeBack)]
    assert len(state.log) - len(others) > 750  # marks, and many
    assert checked == others
