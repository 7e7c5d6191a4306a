"""Small decks and real games for the store tests, built in code and played by the engine."""

from __future__ import annotations

import random

from game.core.actions import EndGame, EndTurn, Pass, Skip
from game.core.cards import Card, Deck, Level, Mode, WildEffect
from game.core.engine import legal_actions, new_game
from game.core.rules import Rules
from game.core.state import GameState, Phase, Player, Setup
from tests.moves import ANY, apply

NAMES = ("Ana", "Bénédicte", "Chidi 日本")


def small_deck() -> Deck:
    prompts = tuple(
        Card(
            id=f"l{level}-c{n}",
            prompt=f"Tell us about a time {n} at depth {level}: what did you feel?",
            level=level,
            follow_ups=("What were you thinking just before?",),
            tags=("home",) if n == 0 else (),
        )
        for level in (1, 2)
        for n in range(8)
    )
    wilds = (
        Card(id="wild-double", wild=WildEffect.DOUBLE, level=1),
        Card(id="wild-mirror", wild=WildEffect.MIRROR, level=2),
    )
    return Deck(
        id="store-test",
        name="Store test deck",
        cards=prompts + wilds,
        levels=(Level("Warm-up"), Level("Closer")),
        closing=Card(id="closing", prompt="What will you remember of tonight?"),
    )


def new_setup(seed: int = 11, names: tuple[str, ...] = NAMES) -> Setup:
    return Setup(
        deck=small_deck(),
        rules=Rules(),
        players=tuple(Player(name) for name in names),
        mode=Mode.PAIR if len(names) == 2 else Mode.CIRCLE,
        seed=seed,
    )


def play(state: GameState, steps: int, seed: int = 3) -> GameState:
    """Play `steps` random legal actions, stopping if the game ends.

    Like real players it rarely passes or skips, and never ends the evening early.
    """
    chooser = random.Random(seed)
    clock = 0.0
    for _ in range(steps):
        choices = [a for a in legal_actions(state) if not isinstance(a, EndGame)]
        if not choices:
            break
        onward = [a for a in choices if not isinstance(a, Pass | Skip)]
        action = chooser.choice(onward if onward and chooser.random() > 0.1 else choices)
        if isinstance(action, EndTurn):
            clock += 61.25
            action = EndTurn(ANY, clock)
        state = apply(state, action)
    return state


def game_at(phase: Phase, at_least: int = 12, seed: int = 3) -> GameState:
    """A real game with at least `at_least` actions played, stopped in `phase`."""
    state = new_game(new_setup())
    chooser = random.Random(seed)
    while len(state.log) < at_least or state.phase is not phase:
        state = play(state, 1, seed=chooser.randrange(1 << 30))
        if state.finished:
            raise AssertionError(f"the game ended before reaching {phase}")
    return state
