"""The games the benchmark measures with: a sample game at each phase, and a long one."""

from __future__ import annotations

from collections.abc import Sequence

from bench.common import BenchError

TWELVE_NAMES = (
    "Ana",
    "Ben",
    "Chloé",
    "Dmitri",
    "Eli",
    "Fay",
    "Gil",
    "Hana",
    "Ivo",
    "Jun",
    "Kai",
    "Lea",
)


def sample(catalog, mode, names: Sequence[str] = ("Ana", "Ben")):
    """A made-up game of `mode` from the catalog at each phase (game/table/samples.py)."""
    from game.table.samples import sample_game

    found = sample_game(catalog, mode, names=names)
    if found is None:
        raise BenchError(f"no playable deck for a {mode.value} game")
    return found


def long_game(actions: int):
    """A real pair game, then marks given and taken back until it holds `actions` actions."""
    from game.content.sources import load_catalog
    from game.core import engine
    from game.core.actions import Award, Draw, FinishResponding, FinishSharing, TakeBack
    from game.core.cards import Mode
    from game.core.rules import AwardKind
    from game.core.state import Player, Setup

    deck = next(d for d in load_catalog().playable(Mode.PAIR))
    setup = Setup(deck, _rules(deck), (Player("Ana"), Player("Ben")), Mode.PAIR, seed=1)
    state = engine.new_game(setup)
    for move in (Draw, FinishSharing, FinishResponding):
        state = engine.apply(state, move(0))
    give = Award(state.speaker, state.listeners[0], AwardKind.DEEPENING_QUESTION)
    take = TakeBack(state.speaker, state.listeners[0], AwardKind.DEEPENING_QUESTION)
    while len(state.log) < actions:
        state = engine.apply(state, give if len(state.log) % 2 else take)
    return state


def _rules(deck):
    from game.content.sources import load_catalog
    from game.core.rules import Rules

    return load_catalog().presets.get(deck.preset) or Rules()
