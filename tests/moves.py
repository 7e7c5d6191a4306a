"""Moves written for tests that are not about who makes them.

`Draw(ANY)` is a move by whichever seat may make it now: `apply` and `dispatch` here give
it that seat (as a resumed old save's moves get theirs) before the engine checks it. Tests
about seats write the seat.
"""

from __future__ import annotations

from game.core import engine
from game.core.actions import UNKNOWN_SEAT as ANY
from game.core.actions import Action
from game.core.state import GameState

__all__ = ["ANY", "apply", "dispatch", "seated"]


def seated(state: GameState, action: Action) -> Action:
    return engine.with_its_seat(state, action) if action.seat == ANY else action


def apply(state: GameState, action: Action) -> GameState:
    return engine.apply(state, seated(state, action))


def dispatch(session, action: Action) -> GameState:
    state: GameState = session.dispatch(seated(session.state, action))
    return state


def words(key: str, **values: object) -> str:
    """Stand-in UI words for views in tests: the key and its values."""
    return key + "".join(f" {name}={value}" for name, value in sorted(values.items()))


def at_laptop(session, choice) -> GameState:
    """Press what the TV offers for `choice` (as a key or a click would): it acts for the
    seats the TV's view says (the players at the laptop)."""
    from game.core.errors import InvalidAction
    from game.table.views import table_view

    view = table_view(session, words)
    offer = view.offer(choice.id)
    if offer is None or not offer.seats:
        raise InvalidAction(f"the laptop offers no {choice.id} now")
    state: GameState = session.choose_all(offer.seats, offer.choice)
    return state
