"""The closeness check on phones: each player with a phone picks their picture on it.

While the closeness check is asked (before the first card, after the closing card), every
phone shows its own player the seven pictures, then, after the closing card, whether their
before and after may be kept. Who may answer what is the table's (`ClosenessAsking`): a
tap is a `Choice` like a key press on the laptop, which walks only the players without a
phone and shows how many have answered, never what.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.table.choices import keep, picture
from game.table.closeness import BEFORE, PICTURES, ClosenessAsking

Words = Callable[..., str]


def closeness_view(ask: ClosenessAsking, seat: int, t: Words) -> dict[str, Any]:
    """What the phone at `seat` shows while the closeness check is asked."""
    name = ask.round.names[seat]
    stage = ask.stage(seat)
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
    other = ask.round.other(seat, t)
    if stage == "pick":
        key = "closeness_question_before" if ask.when == BEFORE else "closeness_question_after"
        out["headline"] = t(key, name=name, other=other)
        out["line"] = t("phone_closeness_private")
        out["pictures"] = [{"id": picture(n).id, "level": n, "label": str(n)} for n in PICTURES]
        us = other if len(ask.round.names) == 2 else t("closeness_us")
        out["legend"] = [t("closeness_you"), us]
        out["offers"] = [_offer(picture(None).id, t("closeness_skip"))]
    elif stage == "consent":
        out["headline"] = t("closeness_consent", name=name)
        out["line"] = t("closeness_consent_body")
        out["offers"] = [
            _offer(keep(False).id, t("closeness_consent_no"), primary=True),
            _offer(keep(True).id, t("closeness_consent_yes")),
        ]
    else:
        key = "closeness_title_before" if ask.when == BEFORE else "closeness_title_after"
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
