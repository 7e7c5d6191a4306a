"""One game in progress: the engine state, the table clock, and the save after every action.

The UI never changes a GameState itself: it hands an action to `dispatch`, which asks the
engine, saves the result, and returns it.
"""

from __future__ import annotations

from typing import Protocol

from game.core import engine
from game.core.actions import Action
from game.core.state import GameState
from game.store.log import log_exception


class Saver(Protocol):
    def save(self, state: GameState, table: dict | None = None) -> None: ...


class Session:
    def __init__(self, state: GameState, store: Saver | None, elapsed: float = 0.0) -> None:
        self.state = state
        self.store = store
        self.elapsed = elapsed  # table time in seconds, pauses excluded: EndTurn carries it
        self.save_failed = False

    def dispatch(self, action: Action) -> GameState:
        """Apply `action` (a RuleError leaves everything as it was), then save."""
        self.state = engine.apply(self.state, action)
        self.save()
        return self.state

    def save(self) -> None:
        if self.store is None:
            return
        try:
            self.store.save(self.state, {"elapsed_seconds": round(self.elapsed, 1)})
            self.save_failed = False
        except OSError as error:
            log_exception("saving the game", error)
            self.save_failed = True

    def tick(self, dt: float) -> None:
        self.elapsed += dt
