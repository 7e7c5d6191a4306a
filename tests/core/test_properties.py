"""A random bot that only plays legal actions, and the invariants that must hold at every step."""

from __future__ import annotations

import json
import random
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.actions import (
    AnswerDeeper,
    Award,
    Draw,
    EndGame,
    EndTurn,
    FinishResponding,
    FinishSharing,
    Retold,
)
from game.core.cards import WildEffect
from game.core.engine import apply, is_legal, legal_actions, new_game, replay
from game.core.rules import ONE_PER_TURN_AWARDS, AwardKind, LevelPace, Rules, Scoring
from game.core.serial import state_from_plain, state_to_plain, to_plain
from game.core.state import Phase
from tests.budget import examples

from .factory import make_deck, make_setup

MAX_STEPS = 6000

wild_lists = st.lists(
    st.tuples(st.sampled_from(list(WildEffect)), st.integers(1, 3)), min_size=0, max_size=8
).map(tuple)

rules_strategy = st.builds(
    Rules,
    passes_per_player=st.integers(0, 3),
    rounds=st.one_of(st.none(), st.integers(1, 4)),
    level_pace=st.sampled_from(list(LevelPace)),
    rounds_per_level=st.one_of(st.none(), st.integers(1, 3)),
    minutes_per_level=st.one_of(st.none(), st.integers(1, 30)),
    scoring=st.sampled_from(list(Scoring)),
    goal=st.one_of(st.none(), st.integers(1, 200)),
    closing_card=st.booleans(),
)


def choose(rng: random.Random, actions: list):
    """Pick an action type first, then one of its instances, so no single kind floods the choice.

    Ending the game early is rare, as it is at a real table.
    """
    by_type = defaultdict(list)
    for action in actions:
        by_type[type(action)].append(action)
    kinds = list(by_type)
    if EndGame in by_type and len(kinds) > 1 and rng.random() < 0.97:
        kinds.remove(EndGame)
    return rng.choice(by_type[rng.choice(kinds)])


def all_card_places(state) -> list[str]:
    places = [c for pile in state.piles for c in pile]
    places += list(state.discard) + list(state.removed) + list(state.excluded) + list(state.wilds)
    if state.card is not None and not state.card_is_replay and state.phase is not Phase.CLOSING:
        places.append(state.card)
    return places


def check_invariants(before, action, after) -> None:
    # cards are conserved: every deck card is in exactly one place
    assert sorted(all_card_places(after)) == sorted(c.id for c in after.deck.cards)
    # scores never go negative, and passes never below zero
    assert all(points >= 0 for row in after.scores.points for points in row)
    assert all(left >= 0 for left in after.passes_left)
    # a listener award never reaches the player sharing
    for award in after.pending:
        if award.kind.for_listener:
            assert award.receiver != after.speaker
        else:
            assert award.receiver == after.speaker
    if isinstance(action, EndTurn | EndGame) and before.phase is Phase.AWARD:
        speaker = before.speaker
        for kind in AwardKind:
            if kind.for_listener:
                assert after.scores.of(speaker, kind) == before.scores.of(speaker, kind)
    # the log records exactly the actions applied
    assert after.log == (*before.log, action)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    players=st.integers(2, 12),
    seed=st.integers(0, 2**32),
    wilds=wild_lists,
    rules=rules_strategy,
    prompts=st.integers(1, 8),
    levels=st.integers(1, 3),
    bot=st.randoms(use_true_random=False),
)
def test_random_bot_finishes_games_and_invariants_hold(
    players, seed, wilds, rules, prompts, levels, bot
):
    wilds = tuple((effect, min(level, levels)) for effect, level in wilds)
    setup = make_setup(
        players,
        deck=make_deck(prompts_per_level=prompts, levels=levels, wilds=wilds),
        rules=rules,
        seed=seed,
    )
    state = new_game(setup)
    start_plain = json.dumps(to_plain(state), sort_keys=True)
    steps = 0
    while not state.finished:
        actions = legal_actions(state)
        assert actions, f"no legal action in phase {state.phase}"
        action = choose(bot, actions)
        frozen_before = json.dumps(to_plain(state), sort_keys=True)
        after = apply(state, action)
        assert json.dumps(to_plain(state), sort_keys=True) == frozen_before  # apply never mutates
        check_invariants(state, action, after)
        state = after
        steps += 1
        assert steps < MAX_STEPS, "the game did not end"
    assert json.dumps(to_plain(new_game(setup)), sort_keys=True) == start_plain
    assert replay(setup, state.log) == state
    assert state_from_plain(json.loads(json.dumps(state_to_plain(state)))) == state


@settings(max_examples=examples(ci=40, dev=10), deadline=None)
@given(
    seed=st.integers(0, 2**32),
    players=st.integers(2, 6),
    cut=st.integers(0, 400),
    bot=st.randoms(use_true_random=False),
)
def test_a_game_saved_at_any_step_resumes_identically(seed, players, cut, bot):
    setup = make_setup(
        players, deck=make_deck(wilds=((WildEffect.SWAP, 1), (WildEffect.MIRROR, 2))), seed=seed
    )
    state = new_game(setup)
    for _ in range(cut):
        if state.finished:
            break
        state = apply(state, choose(bot, legal_actions(state)))
    restored = state_from_plain(json.loads(json.dumps(state_to_plain(state))))
    assert restored == state
    # the next card dealt after a resume is the one that would have been dealt
    assert legal_actions(restored) == legal_actions(state)
    for action in legal_actions(state)[:3]:
        assert apply(restored, action) == apply(state, action)


# Actions that move a turn on towards its marks. They are offered first, so that Hypothesis's
# simplest choice (the first) plays cards through to the marks instead of skipping them all.
FORWARD = (Draw, AnswerDeeper, FinishSharing, Retold, FinishResponding)
MAX_DETOURS = 3


def every_award(state) -> list[Award]:
    """Every award anyone could try to give: each giver, each receiver, each kind."""
    players = range(len(state.players))
    return [Award(g, r, kind) for g in players for r in players for kind in AwardKind]


def check_the_marks_offered(state) -> None:
    """At the marks: the awards offered are exactly those apply accepts, and each keeps the rules."""
    offered = [a for a in legal_actions(state) if isinstance(a, Award)]
    assert len(set(offered)) == len(offered), "an award is offered twice"
    assert set(offered) == {a for a in every_award(state) if is_legal(state, a)}
    if not state.pending:
        assert offered, "the marks began with nothing to give"
    speaker = state.speaker
    for award in offered:
        kind = award.kind
        if kind.for_listener:  # the sharer marks a listener
            assert award.giver == speaker and award.receiver in state.listeners, award
        else:  # a listener marks the sharer
            assert award.giver in state.listeners and award.receiver == speaker, award
        if kind.for_listener:  # one sharer gives it once
            assert not state.marked(award.receiver, kind), award
        else:  # each listener gives their own, once
            assert award not in state.pending, award
        if kind in ONE_PER_TURN_AWARDS:
            assert all(a.kind is not kind for a in state.pending), award
        if kind is AwardKind.FELT_HEARD:
            assert WildEffect.MIRROR in state.effects, award
        assert apply(state, award).pending == (*state.pending, award)


@settings(deadline=None)  # as many examples as the profile says (tests/conftest.py)
@given(
    players=st.integers(2, 8),
    seed=st.integers(0, 2**32),
    wilds=wild_lists,
    rules=rules_strategy,
    data=st.data(),
)
def test_the_marks_offered_are_exactly_the_legal_ones(players, seed, wilds, rules, data):
    """Hypothesis plays any legal action but ending the game; on the way to the marks at most
    MAX_DETOURS of them may be passes, skips or lighter cards, so that marks are reached."""
    deck = make_deck(prompts_per_level=4, levels=2, wilds=tuple((e, min(lv, 2)) for e, lv in wilds))
    state = new_game(make_setup(players, deck=deck, rules=rules, seed=seed))
    marks_checked = detours = 0
    while not state.finished and marks_checked < 40:
        legal = legal_actions(state)
        actions = [a for a in legal if not isinstance(a, EndGame)] or legal
        if state.phase is Phase.AWARD:
            check_the_marks_offered(state)
            marks_checked += 1
        else:
            forward = [a for a in actions if isinstance(a, FORWARD)]
            if state.phase is Phase.SHARE:  # an action card: carried out, the turn goes on
                forward += [a for a in actions if isinstance(a, EndTurn)]
            if forward and detours == MAX_DETOURS:
                actions = forward
            else:
                actions = forward + [a for a in actions if not isinstance(a, FORWARD)]
        action = data.draw(st.sampled_from(actions))
        detours += state.phase is not Phase.AWARD and not isinstance(action, FORWARD)
        state = apply(state, action)
    # (a short game of action cards, which are never marked, may end with no marks at all)
    assert marks_checked or state.finished, "the game never reached the marks"
