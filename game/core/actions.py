"""Everything a player can do, as small immutable values. `engine.apply` gives them meaning.

Player numbers are indexes into `GameState.players`.
"""

from __future__ import annotations

import attrs

from game.core.rules import AwardKind


@attrs.frozen
class Draw:
    """Deal the next card to this turn's sharer (phase DEAL)."""


@attrs.frozen
class Pass:
    """The speaker passes the card: it goes out of play and costs one of their passes.

    For the first speaker a new card is dealt; a later speaker of an `everyone` card sits it out.
    """

    player: int


@attrs.frozen
class Skip:
    """Anyone takes the card away at once, in any phase, with no reason asked (the X-card rule).

    It never costs points or passes, and nobody is recorded as having done it.
    """


@attrs.frozen
class LighterCard:
    """The sharer asks for a card from a lower level instead: no cost, no reason, the turn stays theirs.

    The card they had goes back under its pile.
    """


@attrs.frozen
class AnswerDeeper:
    """One answer to "Ready to go deeper?". Nobody is named: a single "not yet" keeps the level."""

    ready: bool


@attrs.frozen
class FinishSharing:
    """The speaker has told their story: listeners respond now (in the closing, the next player answers)."""


@attrs.frozen
class FinishResponding:
    """The listeners have responded: time to mark the awards."""


@attrs.frozen
class Award:
    """`giver` marks that `receiver` earned `kind` this turn."""

    giver: int
    receiver: int
    kind: AwardKind


@attrs.frozen
class TakeBack:
    """Undo an award given this turn, before the turn ends."""

    receiver: int
    kind: AwardKind


@attrs.frozen
class EndTurn:
    """Commit this turn's awards and move on.

    `elapsed_seconds` is the table clock (game time, pauses excluded), used by a
    minutes-per-level schedule; carrying it in the action keeps replays exact.
    """

    elapsed_seconds: float = 0.0


@attrs.frozen
class EndGame:
    """The players end the evening now; the closing card follows if there is one."""


Action = (
    Draw
    | Pass
    | Skip
    | LighterCard
    | AnswerDeeper
    | FinishSharing
    | FinishResponding
    | Award
    | TakeBack
    | EndTurn
    | EndGame
)
ACTION_TYPES: tuple[type, ...] = (
    Draw,
    Pass,
    Skip,
    LighterCard,
    AnswerDeeper,
    FinishSharing,
    FinishResponding,
    Award,
    TakeBack,
    EndTurn,
    EndGame,
)
