"""The table's walk-through of wild cards: who does what now, one step at a time.

Swap, everyone and double need no extra key: the line that says what to do names the
player (or says the points count double). A mirror adds two steps before the listeners
respond: a listener retells the story, then the sharer says whether they felt heard; a
yes marks "felt heard" for that listener when the marks come. This is the table's own
progress through a turn, not a rule: the engine only ever sees the mark.
"""

from __future__ import annotations

import enum

import attrs

from game.core.cards import WildEffect
from game.core.state import GameState, Phase


class MirrorStep(enum.Enum):
    RETELL = "retell"  # a listener retells the story in their own words
    HEARD = "heard"  # the sharer says whether they felt heard
    DONE = "done"  # everyone responds as usual


def retelling_listener(state: GameState) -> int:
    """The listener who retells: the next seat after the speaker."""
    seats = state.seats
    return seats[(seats.index(state.speaker) + 1) % len(seats)]


def _turn_key(state: GameState) -> tuple:
    return (state.turn, state.speaker_index, state.card, state.wilds)


@attrs.define
class MirrorWalk:
    """Where the table is in a mirror card's steps, for the speaker answering now."""

    key: tuple | None = None
    step: MirrorStep = MirrorStep.RETELL
    felt_heard: bool = False

    def sync(self, state: GameState) -> None:
        """Start again at the first step whenever another speaker or card is on the table."""
        key = _turn_key(state)
        if key != self.key:
            self.key, self.step, self.felt_heard = key, MirrorStep.RETELL, False

    def current(self, state: GameState) -> MirrorStep | None:
        """The step now, or None when no mirror is being walked through."""
        if state.phase is not Phase.RESPOND or WildEffect.MIRROR not in state.effects:
            return None
        if _turn_key(state) != self.key:
            return MirrorStep.RETELL
        return self.step

    def retold(self) -> None:
        self.step = MirrorStep.HEARD

    def answer(self, heard: bool) -> None:
        self.felt_heard = heard
        self.step = MirrorStep.DONE

    def owes_felt_heard(self, state: GameState) -> bool:
        """True when the sharer said yes and the marks for this speaker have just begun."""
        return (
            state.phase is Phase.AWARD
            and WildEffect.MIRROR in state.effects
            and _turn_key(state) == self.key
            and self.felt_heard
        )
