"""One game in progress: the engine state, the table clock, and the save after every action.

The UI never changes a GameState itself: it hands an action to `dispatch`, which asks the
engine, saves the result, and returns it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from game.core import engine
from game.core.actions import Action
from game.core.state import GameState
from game.store.log import log_exception

if TYPE_CHECKING:
    from game.store.memory import Keeper


class Saver(Protocol):
    def save(self, state: GameState, table: dict | None = None) -> None: ...


class Session:
    def __init__(
        self,
        state: GameState,
        store: Saver | None,
        elapsed: float = 0.0,
        memory: Keeper | None = None,
    ) -> None:
        self.state = state
        self.store = store
        self.elapsed = elapsed  # table time in seconds, pauses excluded: EndTurn carries it
        self.save_failed = False
        # The group's memory of cards across evenings (None when Settings turn it off).
        self.memory = memory
        # Told of every new state, whoever caused it (the memory notes each card dealt).
        self.listeners: list[Callable[[GameState], None]] = []
        if memory is not None:
            self.listeners.append(lambda state: memory.dealt(state.card))
            memory.dealt(state.card)

    def dispatch(self, action: Action) -> GameState:
        """Apply `action` (a RuleError leaves everything as it was), then save."""
        self.state = engine.apply(self.state, action)
        self.save()
        for listener in self.listeners:
            listener(self.state)
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
