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
    # The closeness check, before the first card and after the closing card: each player's
    # own picture (or "rather not say"), then whether tonight's two answers may be kept.
    # Reading aloud, on the laptop's voice: the card, or its follow-ups. Changes no game.
    READ_CARD = "read_card"
    READ_IDEAS = "read_ideas"
    PICTURE = "closeness"
    KEEP = "keep"


@attrs.frozen
class Choice:
    do: Do
    receiver: int | None = None  # MARK: who receives it
    mark: AwardKind | None = None  # MARK: which mark
    picture: int | None = None  # PICTURE: 1..7, None for "rather not say"
    yes: bool = False  # KEEP: the answer

    @property
    def id(self) -> str:
        if self.do is Do.MARK:
            return f"mark:{self.receiver}:{self.mark.value if self.mark else ''}"
        if self.do is Do.PICTURE:
            return f"closeness:{'none' if self.picture is None else self.picture}"
        if self.do is Do.KEEP:
            return f"keep:{'yes' if self.yes else 'no'}"
        return str(self.do.value)


def mark(receiver: int, kind: AwardKind) -> Choice:
    return Choice(Do.MARK, receiver, kind)


def picture(level: int | None) -> Choice:
    return Choice(Do.PICTURE, picture=level)


def keep(yes: bool) -> Choice:
    return Choice(Do.KEEP, yes=yes)
