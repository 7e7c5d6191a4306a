"""The steps a wild card adds to a turn that the engine does not hold, saved with the game.

A mirror adds one step before the listeners respond: the listener on the speaker's left
retells the story in their own words. Whether the speaker felt heard is then a mark like
the others. The walk is keyed to the speaker and card it began with, so a new speaker or
card starts it again; it is written in the save's table part, so a resumed game resumes
mid-walk. (An everyone card's round of speakers is the engine's own: `state.speakers`.)
"""

from __future__ import annotations

import attrs

from game.core.cards import WildEffect
from game.core.state import GameState, Phase


def retelling_listener(state: GameState) -> int:
    """The listener who retells: the next seat after the speaker."""
    seats = state.seats
    return seats[(seats.index(state.speaker) + 1) % len(seats)]


def turn_key(state: GameState) -> tuple[int, int, str]:
    return (state.turn, state.speaker_index, state.card or "")


@attrs.frozen
class MirrorWalk:
    """Which speaker and card the retelling was done for (None: not yet retold)."""

    retold_for: tuple[int, int, str] | None = None

    def retelling(self, state: GameState) -> bool:
        """True while a listener should retell before anyone responds."""
        return (
            state.phase is Phase.RESPOND
            and WildEffect.MIRROR in state.effects
            and self.retold_for != turn_key(state)
        )

    def retold(self, state: GameState) -> MirrorWalk:
        return MirrorWalk(turn_key(state))

    def saved(self) -> list[object] | None:
        return list(self.retold_for) if self.retold_for else None

    @classmethod
    def from_saved(cls, raw: object) -> MirrorWalk:
        if (
            isinstance(raw, list)
            and len(raw) == 3
            and all(type(n) is int for n in raw[:2])
            and isinstance(raw[2], str)
        ):
            return cls((raw[0], raw[1], raw[2]))
        return cls()
