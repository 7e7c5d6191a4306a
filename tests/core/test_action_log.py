"""The action log behaves as an immutable tuple, while appending costs O(1)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.core import engine
from game.core.action_log import ActionLog
from game.core.actions import Draw, EndTurn, FinishResponding, FinishSharing, Skip
from game.core.serial import state_from_plain, state_to_plain
from tests.core.factory import make_setup
from tests.moves import ANY, apply

ACTIONS = [Draw(ANY), Skip(ANY), FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY)]


def test_a_chain_of_appends_shares_one_list_and_copies_nothing():
    """Why play and replay are linear: the newest log extends the list the others share."""
    log = ActionLog()
    logs = [log]
    for i in range(10_000):
        log = log.appended(ACTIONS[i % len(ACTIONS)])
        logs.append(log)
    assert all(older._items is log._items for older in logs)  # one list, 10,000 views
    assert [len(older) for older in logs[:4]] == [0, 1, 2, 3]
    assert list(logs[3]) == ACTIONS[:3], "an older view never sees what came after it"


def test_appending_to_an_older_log_branches_without_touching_the_newer_one():
    base = ActionLog([Draw(ANY)])
    newer = base.appended(FinishSharing(ANY))
    branch = base.appended(Skip(ANY))  # trying another action on the past state
    assert newer == (Draw(ANY), FinishSharing(ANY))
    assert branch == (Draw(ANY), Skip(ANY))
    assert newer.appended(EndTurn(ANY)) == (Draw(ANY), FinishSharing(ANY), EndTurn(ANY))
    assert branch[-1] == Skip(ANY) and branch[:1] == (Draw(ANY),)


STEPS = st.lists(st.tuples(st.integers(0, 30), st.sampled_from(ACTIONS)), max_size=60)


def grown(steps):
    """Logs grown by appending each action to an earlier log (a branch when it is not the
    newest), beside the tuples they must equal."""
    logs, model = [ActionLog()], [()]
    for pick, action in steps:
        i = pick % len(logs)
        logs.append(logs[i].appended(action))
        model.append((*model[i], action))
    return logs, model


@given(STEPS)
def test_any_mix_of_appends_and_branches_matches_tuples(steps):
    logs, model = grown(steps)
    for log, expected in zip(logs, model, strict=True):
        assert log == expected and tuple(log) == expected and len(log) == len(expected)
        assert hash(log) == hash(ActionLog(expected))


def test_a_game_with_its_log_survives_the_save_round_trip_and_replays():
    state = engine.new_game(make_setup(2))
    for action in (Draw(ANY), FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY)):
        state = apply(state, action)
    again = state_from_plain(state_to_plain(state))
    assert isinstance(again.log, ActionLog)
    assert again == state and again.log == state.log
    assert engine.replay(state.setup, state.log) == state


def test_applying_twice_to_one_state_leaves_it_and_both_results_as_they_were():
    """apply gives its fresh state its log in place: no state anyone holds ever changes."""
    state = apply(engine.new_game(make_setup(2)), Draw(ANY))
    before = state.log
    shared = apply(state, FinishSharing(ANY))
    skipped = apply(state, Skip(ANY))  # a branch from the same state
    assert state.log == before and len(state.log) == 1
    assert shared.log == (Draw(0), FinishSharing(0))
    assert skipped.log == (Draw(0), Skip(0))
    assert engine.replay(state.setup, shared.log) == shared
    assert engine.replay(state.setup, skipped.log) == skipped


def test_replay_writes_marks_into_its_own_states_and_checks_each_as_apply_does():
    """replay gives and takes back marks in the state it is building (nobody else holds
    it): the same game as `apply`, the setup's first state untouched, and a mark that
    `apply` refuses is refused by replay with the same error."""
    import pytest

    from game.core.actions import Award, TakeBack
    from game.core.errors import InvalidAction
    from game.core.rules import AwardKind

    state = engine.new_game(make_setup(3))
    first = state
    for action in (Draw(ANY), FinishSharing(ANY), FinishResponding(ANY)):
        state = apply(state, action)
    listener = state.listeners[0]
    give = Award(state.speaker, listener, AwardKind.DEEPENING_QUESTION)
    take = TakeBack(ANY, listener, AwardKind.DEEPENING_QUESTION)
    felt = Award(state.speaker, state.listeners[1], AwardKind.FELT_RESPONSE)
    played = state
    for action in (give, take, give, felt, take, EndTurn(ANY), Draw(ANY)):
        played = apply(played, action)
    assert engine.replay(played.setup, played.log) == played
    assert engine.new_game(first.setup) == first and first.pending == () and len(first.log) == 0
    twice = (*state.log, give, give)
    with pytest.raises(InvalidAction, match="already given this turn"):
        apply(apply(state, give), give)
    with pytest.raises(InvalidAction, match="already given this turn"):
        engine.replay(state.setup, twice)


@given(STEPS)
def test_starts_with_is_the_tuples_prefix_test_across_branches(steps):
    logs, model = grown(steps)
    for log, expected in zip(logs, model, strict=True):
        for other, other_expected in zip(logs, model, strict=True):
            prefix = expected[: len(other_expected)] == other_expected
            assert log.starts_with(other) == prefix


def test_a_branch_starts_with_its_past_without_comparing_action_by_action(monkeypatch):
    """The first save after a branch asks whether the new log starts with the one on disk:
    the items the branch copied are the same objects, so no action's __eq__ runs."""
    log = ActionLog()
    for i in range(10_000):
        log = log.appended(ACTIONS[i % len(ACTIONS)])
    saved = log
    log.appended(Draw(ANY))  # a later log grows from here: the next append branches
    branch = log.appended(Skip(ANY))
    assert branch._items is not saved._items
    calls = []
    for kind in (Draw, Skip, FinishSharing, FinishResponding, EndTurn):
        equal = kind.__eq__
        monkeypatch.setattr(
            kind, "__eq__", lambda a, b, equal=equal: calls.append(1) or equal(a, b)
        )
    assert branch.starts_with(saved)
    assert calls == []
    assert not branch.starts_with(saved.appended(EndTurn(ANY)))
