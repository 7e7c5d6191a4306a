"""What a player can choose at the table, named the same from any device.

A key, a click on a button and (later) a tap on a phone all become one `Choice`; the
session turns it into an engine action, a step of a wild card's walk, or a note in the
group's memory. A choice's `id` names it on buttons and in tests; it is never parsed back.
"""

from __future__ import annotations

import enum

import attrs

from game.core.rules import AwardKind


class Do(enum.Enum):
    DRAW = "draw"
    PASS = "pass"  # the card goes on to the next player
    SKIP = "skip"  # the card goes away and a new one comes
    LIGHTER = "lighter"
    DONE_SHARING = "done_sharing"
    RETOLD = "retold"  # a mirror: the listener has retold the story
    DONE_RESPONDING = "done_responding"
    MARK = "mark"  # give (or take back) one mark
    UNDO = "undo"  # take back the last mark
    END_TURN = "end_turn"
    READY = "ready"
    NOT_YET = "not_yet"
    DONE_CLOSING = "done_closing"
    END_EVENING = "end_evening"
    STAR = "star"
    NOT_FOR_US = "not_for_us"


@attrs.frozen
class Choice:
    do: Do
    receiver: int | None = None  # MARK: who receives it
    mark: AwardKind | None = None  # MARK: which mark

    @property
    def id(self) -> str:
        if self.do is Do.MARK:
            return f"mark:{self.receiver}:{self.mark.value if self.mark else ''}"
        return str(self.do.value)


def mark(receiver: int, kind: AwardKind) -> Choice:
    return Choice(Do.MARK, receiver, kind)
