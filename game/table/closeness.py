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

from game.store.closeness import Evening, History

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
        return cls(names, before=before) if before else None
