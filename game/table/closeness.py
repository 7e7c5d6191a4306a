"""One evening's closeness check: each player's picture before the first card and after the last.

The answers are the players', not the rules': they never change what anyone may do, so
the engine does not hold them. But the "before" answers travel with the saved game (in
its table part), so a game continued after a crash still asks "after" at the end.
What is kept across evenings is a separate, opt-in file (game/store/closeness.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from game.core.errors import InvalidAction, NotYourMove
from game.store.closeness import Evening, History
from game.table.choices import Choice, Do, keep, picture

BEFORE, AFTER = "before", "after"
PICTURES = range(1, 8)  # the seven pictures, from apart to overlapping


@attrs.define
class ClosenessRound:
    """One evening's closeness answers: player -> picture 1..7, or None for "rather not say"."""

    names: tuple[str, ...]
    before: dict[int, int | None] = attrs.field(factory=dict)
    after: dict[int, int | None] = attrs.field(factory=dict)
    keep: dict[int, bool] = attrs.field(factory=dict)
    message: str | None = None  # one calm sentence if keeping went wrong
    history: History | None = None  # what is kept, once the evening's answers are
    # Every answer as it was given, in order: (when, seat, choice). The answers above are
    # this log folded (`replay` rebuilds them from it); only "before" goes in the save.
    log: list[tuple[str, int, Choice]] = attrs.field(factory=list)

    def asked_before(self) -> bool:
        return bool(self.before)

    def answered_both(self, player: int) -> bool:
        return self.before.get(player) is not None and self.after.get(player) is not None

    def other(self, player: int, t: Callable[..., str]) -> str:
        """Who the player's circle meets: their partner's name for two, the group for more."""
        if len(self.names) == 2:
            return self.names[1 - player]
        return t("closeness_group")

    def evenings(self) -> dict[str, Evening]:
        """Tonight's before and after for each player who said they may be kept."""
        evenings = {}
        for p, name in enumerate(self.names):
            before, after = self.before.get(p), self.after.get(p)
            if self.keep.get(p) and before is not None and after is not None:
                evenings[name] = Evening.tonight(before, after)
        return evenings

    def answers(self, when: str) -> dict[int, int | None]:
        return self.before if when == BEFORE else self.after

    def stage(self, when: str, seat: int) -> str:
        """ "pick", "consent" (after the closing card, if they answered both times) or "done"."""
        if seat not in self.answers(when):
            return "pick"
        if when == AFTER and self.answered_both(seat) and seat not in self.keep:
            return "consent"
        return "done"

    def choices(self, when: str, seat: int) -> tuple[Choice, ...]:
        """What `seat` may answer now: only for itself, and only what this stage asks."""
        if not 0 <= seat < len(self.names):
            return ()
        stage = self.stage(when, seat)
        if stage == "pick":
            return (*(picture(n) for n in PICTURES), picture(None))
        if stage == "consent":
            return (keep(False), keep(True))
        return ()

    def answer(self, when: str, seat: int, choice: Choice) -> None:
        """One player's answer, from a key, a click or their phone: checked, then logged.

        Raises NotYourMove for a seat that is not a player's and InvalidAction for an
        answer this stage does not ask (a second picture, consent before both answers)."""
        if not 0 <= seat < len(self.names):
            raise NotYourMove(f"There is no player number {seat}.")
        if choice not in self.choices(when, seat):
            raise InvalidAction("That answer is not asked now.")
        self._fold(when, seat, choice)
        self.log.append((when, seat, choice))

    def _fold(self, when: str, seat: int, choice: Choice) -> None:
        if choice.do is Do.KEEP:
            self.keep[seat] = choice.yes
        else:
            self.answers(when)[seat] = choice.picture

    @classmethod
    def replay(cls, names: tuple[str, ...], log: list[tuple[str, int, Choice]]) -> ClosenessRound:
        """The round its log describes (each answer checked again, as it was given)."""
        round_ = cls(names)
        for when, seat, choice in log:
            round_.answer(when, seat, choice)
        return round_

    def again(self) -> ClosenessRound:
        """A fresh round for the same players (Play again)."""
        return ClosenessRound(self.names)

    # ------------------------------------------------------------ in the saved game

    def saved(self) -> dict[str, Any]:
        """The part a resumed game needs: the names and the "before" answers."""
        return {
            "names": list(self.names),
            "before": {str(p): answer for p, answer in sorted(self.before.items())},
        }

    @classmethod
    def from_saved(cls, raw: object, names: tuple[str, ...]) -> ClosenessRound | None:
        """The round written by `saved`, or None when there is none or it does not fit."""
        if not isinstance(raw, Mapping) or not isinstance(raw.get("before"), Mapping):
            return None
        if list(raw.get("names", ())) != list(names):
            return None  # another group's answers: never show them to this one
        before: dict[int, int | None] = {}
        for key, answer in raw["before"].items():
            if not (isinstance(key, str) and key.isdigit() and int(key) < len(names)):
                return None
            if answer is not None and (type(answer) is not int or answer not in PICTURES):
                return None
            before[int(key)] = answer
        if not before:
            return None
        log = [(BEFORE, seat, picture(answer)) for seat, answer in sorted(before.items())]
        return cls(names, before=before, log=log)


@attrs.define
class ClosenessAsking:
    """The closeness check while it is asked (before the first card, after the closing
    card): who may answer what, for the laptop and the phones alike."""

    round: ClosenessRound
    when: str  # BEFORE or AFTER
    # Told after each answer, on the game's thread (the laptop's screen moves on).
    listeners: list[Callable[[], None]] = attrs.field(factory=list)

    @property
    def answers(self) -> dict[int, int | None]:
        return self.round.answers(self.when)

    def stage(self, seat: int) -> str:
        return self.round.stage(self.when, seat)

    def choices(self, seat: int) -> tuple[Choice, ...]:
        return self.round.choices(self.when, seat)

    def take(self, seat: int, choice: Choice) -> None:
        self.round.answer(self.when, seat, choice)
        for listener in list(self.listeners):
            listener()
