"""The closeness check on phones: each player with a phone picks their picture on it.

While the laptop's closeness screen asks (before the first card, after the closing card),
every phone shows its own player the seven pictures, then, after the closing card, whether
their before and after may be kept. The answers go into the same `ClosenessRound` the
laptop fills; the laptop walks only the players without a phone, and shows how many have
answered, never what.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from game.table.closeness import AFTER, BEFORE, PICTURES, ClosenessRound

Words = Callable[..., str]
NONE = "closeness:none"


@attrs.define
class ClosenessAsk:
    round: ClosenessRound
    when: str  # BEFORE or AFTER
    changed: Callable[[], None]  # the laptop's screen hears of each answer from a phone

    @property
    def answers(self) -> dict[int, int | None]:
        return self.round.before if self.when == BEFORE else self.round.after

    def stage(self, seat: int) -> str:
        """ "pick", "consent" (after the closing card, if they answered both times) or "done"."""
        if seat not in self.answers:
            return "pick"
        if self.when == AFTER and self.round.answered_both(seat) and seat not in self.round.keep:
            return "consent"
        return "done"

    def choices(self, seat: int) -> tuple[str, ...]:
        stage = self.stage(seat)
        if stage == "pick":
            return (*(f"closeness:{n}" for n in PICTURES), NONE)
        if stage == "consent":
            return ("keep:no", "keep:yes")
        return ()

    def take(self, seat: int, choice_id: str) -> bool:
        """Apply a phone's answer for its own seat; False when it is not one it may give now."""
        if seat >= len(self.round.names) or choice_id not in self.choices(seat):
            return False
        if choice_id.startswith("keep:"):
            self.round.keep[seat] = choice_id == "keep:yes"
        else:
            self.answers[seat] = None if choice_id == NONE else int(choice_id.split(":")[1])
        self.changed()
        return True

    def view(self, seat: int, t: Words) -> dict[str, Any]:
        name = self.round.names[seat]
        stage = self.stage(seat)
        out: dict[str, Any] = {
            "type": "view",
            "phase": "closeness",
            "seat": seat,
            "name": name,
            "role": "",
            "card": None,
            "offers": [],
            "marks": [],
            "remember": [],
            "feelings": [],
            "starters": [],
            "acted": "",
            "pictures": [],
        }
        other = self.round.other(seat, t)
        if stage == "pick":
            key = "closeness_question_before" if self.when == BEFORE else "closeness_question_after"
            out["headline"] = t(key, name=name, other=other)
            out["line"] = t("phone_closeness_private")
            out["pictures"] = [
                {"id": f"closeness:{n}", "level": n, "label": str(n)} for n in PICTURES
            ]
            us = other if len(self.round.names) == 2 else t("closeness_us")
            out["legend"] = [t("closeness_you"), us]
            out["offers"] = [_offer(NONE, t("closeness_skip"))]
        elif stage == "consent":
            out["headline"] = t("closeness_consent", name=name)
            out["line"] = t("closeness_consent_body")
            out["offers"] = [
                _offer("keep:no", t("closeness_consent_no"), primary=True),
                _offer("keep:yes", t("closeness_consent_yes")),
            ]
        else:
            key = "closeness_title_before" if self.when == BEFORE else "closeness_title_after"
            out["headline"] = t(key)
            out["line"] = t("phone_closeness_done")
        return out


def _offer(choice_id: str, label: str, primary: bool = False) -> dict[str, Any]:
    return {
        "id": choice_id,
        "label": label,
        "enabled": True,
        "on": False,
        "primary": primary,
        "points": 0,
    }
