"""The games the benchmark measures with: a sample game at each phase, and a long one."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bench.common import BenchError

if TYPE_CHECKING:
    from game.content.sources import Catalog
    from game.core.actions import Action
    from game.core.cards import Deck, Mode
    from game.core.rules import Rules
    from game.core.state import GameState, Setup
    from game.table.samples import SampleGame

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


def sample(catalog: Catalog, mode: Mode, names: Sequence[str] = ("Ana", "Ben")) -> SampleGame:
    """A made-up game of `mode` from the catalog at each phase (game/table/samples.py)."""
    from game.table.samples import sample_game

    found = sample_game(catalog, mode, names=names)
    if found is None:
        raise BenchError(f"no playable deck for a {mode.value} game")
    return found


def long_game(actions: int) -> GameState:
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


def _rules(deck: Deck) -> Rules:
    from game.content.sources import load_catalog
    from game.core.rules import Rules

    return load_catalog().presets.get(deck.preset) or Rules()


# A realistic evening's deck: 8,000 cards over three levels, one in 40 a wild card.
REALISTIC_CARDS = 8_000
REALISTIC_WILDS_EVERY = 40


def realistic_deck(folder: str, cards: int = REALISTIC_CARDS) -> Deck:
    """The generated deck a realistic evening is played on, written into `folder` and loaded."""
    import os

    from bench.deck import make_big_deck_text
    from game.content.decks import load_deck

    path = os.path.join(folder, f"realistic-{cards}.yaml")
    with open(path, "w", encoding="utf-8") as file:
        file.write(make_big_deck_text(cards, wilds_every=REALISTIC_WILDS_EVERY))
    deck = load_deck(path).deck
    if deck is None:
        raise BenchError("the realistic deck did not load")
    return deck


def realistic_setup(deck: Deck, players: int = 12, seed: int = 5) -> Setup:
    """Twelve players (by default), the circle's rules with no end of rounds, a level up
    every 100 rounds: a long evening that changes level and keeps dealing new cards."""
    import attrs

    from game.core.cards import Mode
    from game.core.rules import LevelPace, Rules
    from game.core.state import Player, Setup

    rules = attrs.evolve(
        Rules(), rounds=None, rounds_per_level=100, level_pace=LevelPace.ROUNDS, goal=None
    )
    names = tuple(Player(n) for n in TWELVE_NAMES[:players])
    return Setup(deck, rules, names, Mode.CIRCLE, seed=seed)


def realistic_moves(state: GameState, rng: random.Random) -> list[Action]:
    """The moves of one step of a realistic evening from `state`: a card drawn, shared (now
    and then passed or skipped), retold under a mirror, responded to, then marks given by
    most listeners and by the sharer (a few taken back), the turn ended; everyone ready at
    a level change."""
    from game.core.actions import (
        AnswerDeeper,
        Award,
        Draw,
        EndTurn,
        FinishResponding,
        FinishSharing,
        Pass,
        Retold,
        Skip,
        TakeBack,
    )
    from game.core.rules import AwardKind
    from game.core.turns import Stage, stage

    now = stage(state)
    speaker = state.speaker
    if now is Stage.DEAL:
        return [Draw(state.sharer)]
    if now is Stage.DEEPER:
        return [AnswerDeeper(seat, ready=True) for seat in state.seats if seat not in state.voted]
    if now is Stage.SHARE:
        roll = rng.random()
        if roll < 0.04 and state.passes_left[speaker] > 0:
            return [Pass(speaker)]
        if roll < 0.06:
            return [Skip(speaker)]
        return [FinishSharing(speaker)]
    if now is Stage.CARRY_OUT:
        return [EndTurn(speaker, elapsed_seconds=state.turn * 95.0)]
    if now is Stage.RETELL:
        return [Retold(state.listeners[0])]
    if now is Stage.RESPOND:
        return [FinishResponding(speaker)]
    if now is Stage.MARK:
        moves: list[Action] = []
        listeners = state.listeners
        for listener in listeners:
            for kind in (AwardKind.SHARED_FEELING, AwardKind.SHARED_THOUGHT):
                if rng.random() < 0.55:
                    moves.append(Award(listener, speaker, kind))
        for listener in rng.sample(listeners, min(3, len(listeners))):
            kind = rng.choice((AwardKind.DEEPENING_QUESTION, AwardKind.FELT_RESPONSE))
            moves.append(Award(speaker, listener, kind))
        moves.append(Award(speaker, rng.choice(listeners), AwardKind.TOUCHED_ME))
        if rng.random() < 0.3 and moves:
            given = moves[0]
            assert isinstance(given, Award)
            moves.append(TakeBack(given.seat, given.receiver, given.kind))
        moves.append(EndTurn(speaker, elapsed_seconds=state.turn * 95.0))
        return moves
    return []


def new_realistic_game(deck: Deck, players: int = 12, seed: int = 5) -> GameState:
    from game.core import engine

    return engine.new_game(realistic_setup(deck, players, seed))


def realistic_game(deck: Deck, actions: int, players: int = 12, seed: int = 5) -> GameState:
    """A realistic evening on `deck` played until it holds `actions` actions (or ends)."""
    return play_on(new_realistic_game(deck, players, seed), actions, random.Random(seed))


def play_on(state: GameState, actions: int, rng: random.Random) -> GameState:
    """Play the realistic evening on from `state` until its log holds `actions` actions."""
    from game.core import engine

    while len(state.log) < actions and not state.finished:
        moves = realistic_moves(state, rng)
        if not moves:
            break
        for move in moves:
            if len(state.log) >= actions:
                break
            if engine.is_legal(state, move):
                state = engine.apply(state, move)
    return state
