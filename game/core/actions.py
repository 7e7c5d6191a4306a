"""Everything a player can do, as small immutable values. `engine.apply` gives them meaning.

Every move names its `seat`: the player (an index into `GameState.players`) who makes it,
whatever device it came from. The engine refuses a move from a seat that may not make it
now (`game/core/turns.py` says who may), so nothing above the core makes up who acted.
"""

from __future__ import annotations

import attrs

from game.core.rules import AwardKind

# A move read from a save written before moves carried their seat: `replay` gives it the
# one seat that could have made it.
UNKNOWN_SEAT = -1


@attrs.frozen
class Draw:
    """Deal the next card to this turn's sharer (phase DEAL)."""

    seat: int


@attrs.frozen
class Pass:
    """The speaker passes the card: it goes on to the next player and costs one of their passes.

    A single speaker's card is answered by the next seat instead (as that seat's turn); a
    later speaker of an `everyone` card sits it out.
    """

    seat: int


@attrs.frozen
class Skip:
    """Anyone takes the card away before it is answered, with no reason asked (the X-card rule).

    It never costs points or passes. Once the listeners respond the card stays.
    """

    seat: int


@attrs.frozen
class LighterCard:
    """The sharer asks for a card from a lower level instead: no cost, no reason, the turn stays theirs.

    The card they had goes back under its pile.
    """

    seat: int


@attrs.frozen
class AnswerDeeper:
    """One player's answer to "Ready to go deeper?". The level moves when everyone is ready."""

    seat: int
    ready: bool


@attrs.frozen
class FinishSharing:
    """The speaker has told their story: listeners respond now (in the closing, the next player answers)."""

    seat: int


@attrs.frozen
class Retold:
    """A mirror card: the story has been retold, and the listeners respond now."""

    seat: int


@attrs.frozen
class FinishResponding:
    """From the speaker: responding is over. From a listener: that listener is done; when
    every listener is, responding is over."""

    seat: int


@attrs.frozen
class Award:
    """`seat` marks that `receiver` earned `kind` this turn."""

    seat: int
    receiver: int
    kind: AwardKind

    @property
    def giver(self) -> int:
        return self.seat


@attrs.frozen
class TakeBack:
    """`seat` takes back a mark they gave this turn, before the turn ends."""

    seat: int
    receiver: int
    kind: AwardKind


@attrs.frozen
class EndTurn:
    """Commit this turn's awards and move on.

    `elapsed_seconds` is the table clock (game time, pauses excluded), used by a
    minutes-per-level schedule; carrying it in the action keeps replays exact.
    """

    seat: int
    elapsed_seconds: float = 0.0


@attrs.frozen
class EndGame:
    """The players end the evening now; the closing card follows if there is one."""

    seat: int


Action = (
    Draw
    | Pass
    | Skip
    | LighterCard
    | AnswerDeeper
    | FinishSharing
    | Retold
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
    Retold,
    FinishResponding,
    Award,
    TakeBack,
    EndTurn,
    EndGame,
)
