"""The plain-data round trip that saves are made of."""

from __future__ import annotations

import json

import pytest

from game.core.actions import (
    Action,
    Award,
    Draw,
    EndTurn,
    FinishResponding,
    FinishSharing,
    Pass,
    TakeBack,
)
from game.core.cards import WildEffect
from game.core.engine import new_game, replay
from game.core.rules import AwardKind
from game.core.serial import PlainDataError, from_plain, state_from_plain, state_to_plain, to_plain
from game.core.state import GameState
from tests.moves import ANY, apply

from .factory import make_deck, make_setup


def mid_game_state() -> GameState:
    state = new_game(make_setup(3, deck=make_deck(wilds=((WildEffect.DOUBLE, 1),))))
    for action in (
        Draw(ANY),
        Pass(0),
        FinishSharing(ANY),
        FinishResponding(ANY),
        Award(1, 0, AwardKind.DEEPENING_QUESTION),  # the pass made player 1 the speaker
        Award(1, 2, AwardKind.TOUCHED_ME),
        TakeBack(ANY, 2, AwardKind.TOUCHED_ME),
        EndTurn(ANY, 12.5),
        Draw(ANY),
    ):
        state = apply(state, action)
    return state


def test_state_round_trips_through_json():
    state = mid_game_state()
    text = json.dumps(state_to_plain(state))
    assert state_from_plain(json.loads(text)) == state


def test_actions_are_written_with_their_type():
    plain = to_plain(Award(0, 1, AwardKind.FELT_RESPONSE))
    assert plain == {"type": "Award", "seat": 0, "receiver": 1, "kind": "felt_response"}


def test_moves_saved_before_they_named_their_seat_get_the_seat_that_could_make_them():
    """A save written by the version before: an award's giver and a passer were the seat
    already; every other move is given the one seat that may make it when replayed."""
    state = mid_game_state()
    old = [
        {k if k != "seat" else "giver": v for k, v in to_plain(move).items()}
        if isinstance(move, Award)
        else {k: v for k, v in to_plain(move).items() if k != "seat"}
        for move in state.log
    ]
    read = [from_plain(Action, item) for item in old]
    assert {move.seat for move in read if not isinstance(move, Award)} == {ANY}
    assert replay(state.setup, read) == state


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format=2), "saved with format 2; this version reads 1"),
        (lambda d: d.pop("format"), "not a saved game"),
        (lambda d: d["state"].update(turn="3"), "$.turn: expected int, got '3'"),
        (lambda d: d["state"].update(phase="dancing"), "$.phase: 'dancing' is not a Phase"),
        (lambda d: d["state"]["log"].append({"type": "Shout"}), "$.log[9]: unknown action 'Shout'"),
        (lambda d: d["state"].pop("seats"), "$: missing seats"),
    ],
)
def test_bad_plain_data_is_reported_with_where(mutate, message):
    data = json.loads(json.dumps(state_to_plain(mid_game_state())))
    mutate(data)
    with pytest.raises(PlainDataError) as error:
        state_from_plain(data)
    assert str(error.value) == message


def test_from_plain_refuses_a_bool_for_an_int():
    with pytest.raises(PlainDataError, match="expected int"):
        from_plain(int, True)
