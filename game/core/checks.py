"""Is this move allowed now? `check` answers with a RuleError, `legal_moves` with the list.

A move is checked in a fixed order, as boardgame.io does: is the game over? does this stage
allow this kind of move? may this seat make it (`turns.MAY`)? is it valid? The first
"no" raises its typed error and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from game.core.actions import (
    Action,
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
from game.core.dealing import lighter_level
from game.core.errors import GameOver, InvalidAction, NotThisPhase, NotYourMove, RuleError
from game.core.rules import AWARD_ORDER, ONE_PER_TURN_AWARDS, AwardKind
from game.core.state import GameState
from game.core.turns import MAY, Stage, seats_for, stage

# Why a kind of move is not available in this stage: said to players, so short and plain.
_NOT_NOW: Mapping[type, str] = {
    Draw: "Draw a card when a turn begins.",
    Pass: "Pass a card before you start sharing it.",
    Skip: "There is no card to skip.",
    LighterCard: "Ask for a lighter card before you start sharing.",
    AnswerDeeper: "Nobody asked about going deeper.",
    FinishSharing: "Nobody is sharing now.",
    Retold: "Nobody is retelling a story now.",
    FinishResponding: "Responding is not under way.",
    Award: "Awards are given after responding.",
    TakeBack: "Awards can be taken back only before the turn ends.",
    EndTurn: "The turn ends after the awards.",
    EndGame: "The game is already closing.",
}
# Where a stage says more than the kind's own line.
_NOT_NOW_IN: Mapping[tuple[Stage, type], str] = {
    (Stage.CARRY_OUT, Pass): "Nobody answers an action card: skip it instead.",
    (Stage.CARRY_OUT, LighterCard): "An action card has no lighter card: skip it instead.",
    (Stage.CARRY_OUT, FinishSharing): (
        "An action card is carried out, not shared: end the turn when done."
    ),
    (Stage.RETELL, Skip): "Once the listeners respond, the card stays.",
    (Stage.RESPOND, Skip): "Once the listeners respond, the card stays.",
    (Stage.MARK, Skip): "Once the listeners respond, the card stays.",
    (Stage.RETELL, FinishResponding): "First the story is retold; then everyone responds.",
}
# Why this seat may not make it.
_NOT_YOURS: Mapping[type, str] = {
    Draw: "Only the player whose turn it is draws the card.",
    Pass: "Only the player sharing can pass this card.",
    LighterCard: "Only the player sharing can ask for a lighter card.",
    FinishSharing: "Only the player sharing says when they are done.",
    AnswerDeeper: "You have already answered.",
    FinishResponding: "You have already said you are done responding.",
    EndTurn: "The player who shared ends the turn.",
    Skip: "Only the player answering the closing card can skip it.",
}


def check(state: GameState, action: Action) -> None:
    """Raise the RuleError that applying `action` would raise; return None if it is legal."""
    if state.finished:
        raise GameOver("The game is over.")
    now = stage(state)
    kind = type(action)
    who = MAY[now].get(kind)
    if who is None:
        raise NotThisPhase(_NOT_NOW_IN.get((now, kind)) or _NOT_NOW[kind])
    seat = action.seat
    _need_player(state, seat)
    if seat not in seats_for(state, who):
        raise NotYourMove(_NOT_YOURS.get(kind, "It is not your move."))
    valid = _VALID.get(kind)
    if valid is not None:
        valid(state, action)


def is_legal(state: GameState, action: Action) -> bool:
    try:
        check(state, action)
    except RuleError:
        return False
    return True


def _need_player(state: GameState, player: int) -> None:
    if not 0 <= player < len(state.players):
        raise InvalidAction(f"There is no player number {player}.")


def _check_pass(state: GameState, action: Pass) -> None:
    if state.passes_left[action.seat] <= 0:
        raise InvalidAction("No passes left: you can still skip the card.")


def _check_lighter(state: GameState, action: LighterCard) -> None:
    if state.speaker_index > 0 or state.card_is_replay:
        raise InvalidAction("This card is shared by more than one player: skip it instead.")
    if lighter_level(state) is None:
        raise InvalidAction("There is no lighter card left: you can pass or skip.")


def _check_award(state: GameState, award: Award) -> None:
    _need_player(state, award.receiver)
    speaker = state.speaker
    kind = award.kind
    pending = state.pending
    listener_kind = kind.for_listener
    if listener_kind:
        if award.seat != speaker:
            raise NotYourMove("Only the player who shared gives this award.")
        if award.receiver == speaker:
            raise InvalidAction("This award goes to a listener, not to the player who shared.")
        if kind is AwardKind.FELT_HEARD and WildEffect.MIRROR not in state.effects:
            raise InvalidAction("'Felt heard' is given only with a mirror card.")
        if kind in ONE_PER_TURN_AWARDS and any(a.kind is kind for a in pending):
            raise InvalidAction("This award goes to one listener a turn: take it back first.")
    else:
        if award.seat == speaker:
            raise NotYourMove("The listeners give this award, not the player who shared.")
        if award.receiver != speaker:
            raise InvalidAction("This award goes to the player who shared.")
    if award in pending or (listener_kind and state.marked(award.receiver, kind)):
        raise InvalidAction("That award was already given this turn.")


def _check_take_back(state: GameState, action: TakeBack) -> None:
    if not any(
        a.seat == action.seat and a.receiver == action.receiver and a.kind is action.kind
        for a in state.pending
    ):
        raise InvalidAction("That award was not given this turn.")


_VALID: Mapping[type, Callable[[GameState, Any], None]] = {
    Pass: _check_pass,
    LighterCard: _check_lighter,
    Award: _check_award,
    TakeBack: _check_take_back,
}


# ---------------------------------------------------------------- what can be done


def legal_moves(state: GameState, seat: int) -> list[Action]:
    """Every move `seat` may make now: the one answer to "who may do what", for any device."""
    if state.finished or seat not in state.seats:
        return []
    moves: list[Action] = []
    for kind, who in MAY[stage(state)].items():
        if seat in seats_for(state, who):
            moves.extend(_candidates(state, seat, kind))
    return [move for move in moves if is_legal(state, move)]


def legal_actions(state: GameState) -> list[Action]:
    """Every move any seat may make now, kind by kind in the table's order, then seat by seat."""
    if state.finished:
        return []
    moves: list[Action] = []
    for kind, who in MAY[stage(state)].items():
        for seat in seats_for(state, who):
            moves.extend(_candidates(state, seat, kind))
    return [move for move in moves if is_legal(state, move)]


def _candidates(state: GameState, seat: int, kind: type) -> list[Action]:
    if kind is AnswerDeeper:
        return [AnswerDeeper(seat, ready=True), AnswerDeeper(seat, ready=False)]
    if kind is Award:
        speaker = state.speaker
        if seat == speaker:
            return [
                Award(seat, listener, award)
                for listener in state.listeners
                for award in AWARD_ORDER
                if award.for_listener
            ]
        return [Award(seat, speaker, award) for award in AWARD_ORDER if not award.for_listener]
    if kind is TakeBack:
        return [TakeBack(seat, a.receiver, a.kind) for a in state.pending if a.seat == seat]
    move: Action = kind(seat)
    return [move]
