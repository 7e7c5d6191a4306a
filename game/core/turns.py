"""Who may do what, and when: the one table every device asks.

A turn moves through stages (a phase of `GameState`, split where the same phase offers
different moves: an action card is carried out rather than shared, a mirror's story is
retold before anyone responds). For each stage, `MAY` names the moves it allows and which
seats may make each, as boardgame.io's `turn.stages` and `activePlayers` do. The engine
refuses any other move, and `legal_moves(state, seat)` is built from the same table, so
the laptop, a phone or a test never needs to know the rules a second time.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from game.core.actions import (
    AnswerDeeper,
    Award,
    Draw,
    EndGame,
    EndTurn,
    FinishResponding,
    FinishSharing,
    LighterCard,
    Pass,
    Retold,
    Skip,
    TakeBack,
)
from game.core.cards import WildEffect
from game.core.state import GameState, Phase


class Stage(enum.Enum):
    DEAL = "deal"  # the sharer draws
    DEEPER = "deeper"  # "Ready to go deeper?": each player answers once
    SHARE = "share"  # the speaker tells their story
    CARRY_OUT = "carry_out"  # an action card: read aloud and done together, never marked
    RETELL = "retell"  # a mirror card: a listener retells the story first
    RESPOND = "respond"  # the listeners respond
    MARK = "mark"  # the marks are given
    CLOSING = "closing"  # each player answers the closing card in turn
    FINISHED = "finished"

    # Members are singletons: hashed by identity, in C (Enum hashes its name in Python,
    # and every move looks its stage, phase and marks up in dicts and sets).
    __hash__ = object.__hash__


class Who(enum.Enum):
    SHARER = "sharer"  # whose turn it is in the rotation
    SPEAKER = "speaker"  # who answers the card now
    EVERYONE = "everyone"
    NOT_YET_ANSWERED = "not_yet_answered"  # seats that have not answered the question yet
    RESPONDING = "responding"  # the speaker, and each listener not yet done responding


# Each stage's moves, the one that moves the turn on first (a bot that always takes the
# first legal move plays a game through to its end).
MAY: Mapping[Stage, Mapping[type, Who]] = {
    Stage.DEAL: {Draw: Who.SHARER, EndGame: Who.EVERYONE},
    Stage.DEEPER: {AnswerDeeper: Who.NOT_YET_ANSWERED, EndGame: Who.EVERYONE},
    Stage.SHARE: {
        FinishSharing: Who.SPEAKER,
        Pass: Who.SPEAKER,
        LighterCard: Who.SPEAKER,
        Skip: Who.EVERYONE,
        EndGame: Who.EVERYONE,
    },
    Stage.CARRY_OUT: {EndTurn: Who.EVERYONE, Skip: Who.EVERYONE, EndGame: Who.EVERYONE},
    Stage.RETELL: {Retold: Who.EVERYONE, EndGame: Who.EVERYONE},
    Stage.RESPOND: {FinishResponding: Who.RESPONDING, EndGame: Who.EVERYONE},
    # Who gives which mark (the speaker to listeners, each listener to the speaker) is
    # the marks' own rule: engine._check_award.
    Stage.MARK: {
        EndTurn: Who.SPEAKER,
        Award: Who.EVERYONE,
        TakeBack: Who.EVERYONE,
        EndGame: Who.EVERYONE,
    },
    Stage.CLOSING: {FinishSharing: Who.SPEAKER, Skip: Who.SPEAKER},
    Stage.FINISHED: {},
}


def stage(state: GameState) -> Stage:
    phase = state.phase
    if phase is Phase.SHARE:
        card = state.current_card
        return Stage.CARRY_OUT if card is not None and card.is_action else Stage.SHARE
    if phase is Phase.RESPOND:
        retelling = WildEffect.MIRROR in state.effects and not state.retold
        return Stage.RETELL if retelling else Stage.RESPOND
    return _BY_PHASE[phase]


_BY_PHASE: Mapping[Phase, Stage] = {
    Phase.DEAL: Stage.DEAL,
    Phase.DEEPER: Stage.DEEPER,
    Phase.AWARD: Stage.MARK,
    Phase.CLOSING: Stage.CLOSING,
    Phase.FINISHED: Stage.FINISHED,
}


def seats_for(state: GameState, who: Who) -> tuple[int, ...]:
    """The seats `who` names in this state, in seat order."""
    if who is Who.SHARER:
        return (state.sharer,)
    if who is Who.SPEAKER:
        return (state.speaker,)
    if who is Who.EVERYONE:
        return state.seats
    if who is Who.NOT_YET_ANSWERED:
        voted = state.voted
        return tuple(seat for seat in state.seats if seat not in voted)
    done = state.done_responding
    speaker = state.speaker
    return tuple(seat for seat in state.seats if seat == speaker or seat not in done)


def who_may(state: GameState, move: type) -> tuple[int, ...]:
    """The seats that may make a move of this kind now (none when the stage has no such move)."""
    who = MAY[stage(state)].get(move)
    return () if who is None else seats_for(state, who)


def acting_seats(state: GameState) -> tuple[int, ...]:
    """Every seat that may make some move now, in seat order."""
    allowed: set[int] = set()
    for who in MAY[stage(state)].values():
        allowed.update(seats_for(state, who))
    return tuple(seat for seat in state.seats if seat in allowed)
