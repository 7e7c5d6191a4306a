"""What one phone shows: its seat's view from game/table, as plain JSON-ready data.

The seat's view (`table_view(session, t, seat)`) already holds only what that player may
see and choose: their own marks, their own answer, their own star. This module only
turns it into the data the page draws (game/phones/static/phone.js); it decides nothing
about what to hide, so a tap and a key pick the same `Choice`, checked by the same rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.table.choices import Do
from game.table.session import Session
from game.table.views import Offer, Phase, TableView, table_view

Words = Callable[..., str]

# Choices a phone never offers: ending the evening asks the whole table, on the laptop;
# Undo is the laptop's (a phone's marks are taken back by tapping them again).
LAPTOP_ONLY = frozenset({Do.END_EVENING, Do.UNDO})
# The phases in which the sharer's phone is "your turn".
YOUR_TURN = frozenset({Phase.DEAL, Phase.SHARE, Phase.CLOSING})


def phone_view(session: Session, t: Words, seat: int, words: Any = None) -> dict[str, Any]:
    """The data for the phone at `seat` (`words`: the game's Words, for feelings and
    starters)."""
    return phone_data(table_view(session, t, seat), t, words)


def phone_data(view: TableView, t: Words, words: Any = None) -> dict[str, Any]:
    """The data for the phone whose seat's view is `view`: made from the view (and the
    words) alone, so the same view gives the same data (the hub keeps it while the view
    is kept)."""
    seat = view.seat
    assert seat is not None, "the TV's view is not a phone's"
    role, phase = view.role, view.phase
    card = view.card
    out: dict[str, Any] = {
        "type": "view",
        **spoken(t),
        "phase": phase.value,
        "seat": seat,
        "name": view.names[seat],
        "role": role,
        # This player's turn: they draw, share, or read the closing card (the page buzzes
        # and chimes once when it starts).
        "your_turn": role == "sharer" and phase in YOUR_TURN,
        "headline": view.headline,
        "line": _line(t, view),
        "card": None
        if card is None
        else {
            "prompt": card.words,
            "level": card.caption,
            "follow_ups": list(card.follow_ups),
            "wilds": [{"title": title, "text": text} for title, text in card.wilds],
        },
        "offers": [_offer(o) for o in phone_offers(view)],
        "marks": [
            {"title": row.title, "offers": [_offer(o) for o in row.marks]} for row in view.marks
        ],
        # Under the card: star, not for us, and (while the laptop has a voice) read aloud.
        "remember": [_offer(o) for o in (*view.remember, *view.aloud)],
        "acted": "",
        "feelings": [],
        "starters": [],
    }
    if words is not None and role == "sharer" and phase is Phase.SHARE:
        out["feelings"] = [
            {"name": f.name, "colour": f.colour, "words": list(f.words)} for f in words.feelings
        ]
    if words is not None and role == "listener" and phase is Phase.RESPOND:
        pools = (words.starters.deepening, words.starters.felt)
        out["starters"] = [
            pool[(view.turn * 2 + i) % len(pool)] for pool in pools if pool for i in range(2)
        ]
    return out


def phone_offers(view: TableView) -> list[Offer]:
    """The bar's choices a phone shows: its seat's, less what only the laptop asks."""
    return [o for o in view.bar if o.choice.do not in LAPTOP_ONLY]


def seat_offers(view: TableView) -> list[Offer]:
    """Every choice the phone may send now: what its page shows, nothing more."""
    marks = [o for row in view.marks for o in row.marks]
    return [*phone_offers(view), *marks, *view.remember, *view.aloud]


def spoken(t: Words) -> dict[str, str]:
    """The page's language and direction: its <html lang dir>, from the words it shows."""
    return {
        "language": str(getattr(t, "language", "en")),
        "dir": "rtl" if getattr(t, "rtl", False) else "ltr",
    }


def waiting_view(t: Words, names: tuple[str, ...] = ()) -> dict[str, Any]:
    """What every phone shows while no game is on the table."""
    return {"type": "waiting", **spoken(t), "line": t("phone_waiting"), "names": list(names)}


def _offer(offer: Offer) -> dict[str, Any]:
    return {
        "id": offer.id,
        "label": offer.label,
        "enabled": offer.enabled,
        "on": offer.on,
        "primary": offer.primary,
        "points": offer.points,
    }


def _line(t: Words, view: TableView) -> str:
    """One sentence for this phone: what its player does now."""
    phase, sharer = view.phase, view.role == "sharer"
    if phase is Phase.DEAL:
        return t("phone_deal_you") if sharer else t("phone_wait_draw")
    if phase is Phase.SHARE:
        return t("phone_share_you") if sharer else t("phone_share_listen")
    if phase is Phase.RESPOND:
        return t("phone_respond_wait") if sharer else t("phone_respond_you")
    if phase is Phase.AWARD:
        return t("phone_mark_listeners") if sharer else t("phone_mark_sharer")
    if phase is Phase.DEEPER:
        return t("phone_deeper_counted") if view.answered else t("phone_deeper")
    if phase is Phase.CLOSING:
        return t("phone_closing_you") if sharer else t("phone_share_listen")
    return t("phone_finished")
