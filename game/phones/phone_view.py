"""What one phone shows: the table's view model, cut down to one seat.

A phone sees what everyone sees (whose turn, the card, the guidance) and only its own
choices: the offers whose `by` holds its seat, and the marks it gives. It is built from
the same `TableView` the pygame table draws, so a tap and a key pick the same `Choice`.
The result is plain JSON-ready data; the page draws it (game/phones/static/phone.js).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.core.state import GameState, Phase
from game.table.choices import Do
from game.table.session import Session
from game.table.views import Offer, TableView, table_view

Words = Callable[..., str]

# Choices a phone never offers: ending the evening asks the whole table, on the laptop.
LAPTOP_ONLY = frozenset({Do.END_EVENING, Do.UNDO})
# Phases where the card on the table is shown on the phones.
CARD_PHASES = frozenset({Phase.SHARE, Phase.RESPOND, Phase.AWARD, Phase.CLOSING})


def phone_view(
    session: Session,
    t: Words,
    seat: int,
    words: Any = None,
    answered: frozenset[int] = frozenset(),
    acted_line: str = "",
    view: TableView | None = None,
) -> dict[str, Any]:
    """The view for the phone at `seat` (`words`: the game's Words, for feelings and
    starters; `answered`: seats that already said ready or not yet; `view`: the table's
    view of this state, when the caller has it: it is the costly part, the same for all)."""
    state = session.state
    view = table_view(session, t) if view is None else view
    role = _role(session, seat)
    offers = bar_offers(view, state, seat, answered)
    marks = [
        {
            "title": row.title,
            "offers": [_offer(o) for o in row.marks],
        }
        for row in view.marks
        if any(seat in o.by for o in row.marks)
    ]
    out: dict[str, Any] = {
        "type": "view",
        "phase": state.phase.value,
        "seat": seat,
        "name": state.players[seat].name,
        "role": role,
        "headline": view.headline,
        "line": _line(session, t, seat, role, view, answered),
        "card": _card(session, t, role),
        "offers": [_offer(o) for o in offers],
        "marks": marks,
        "remember": [_offer(o) for o in view.remember],
        "acted": acted_line,
        "feelings": [],
        "starters": [],
    }
    if words is not None and role == "sharer" and state.phase is Phase.SHARE:
        out["feelings"] = [
            {"name": f.name, "colour": f.colour, "words": list(f.words)} for f in words.feelings
        ]
    if words is not None and role == "listener" and state.phase is Phase.RESPOND:
        pools = (words.starters.deepening, words.starters.felt)
        out["starters"] = [
            pool[(state.turn * 2 + i) % len(pool)] for pool in pools if pool for i in range(2)
        ]
    return out


def bar_offers(
    view: TableView, state: GameState, seat: int, answered: frozenset[int]
) -> list[Offer]:
    """The bar's choices the phone at `seat` has now."""
    if state.phase is Phase.DEEPER and seat in answered:
        return []  # one answer each: the phone says it was counted
    offers = [o for o in view.bar if seat in o.by and o.choice.do not in LAPTOP_ONLY]
    if state.phase is Phase.AWARD and seat != state.speaker:
        # On the laptop anyone presses Continue; on phones the sharer does, so a listener's
        # tap never ends the turn while the sharer is still marking.
        offers = [o for o in offers if o.choice.do is not Do.END_TURN]
    return offers


def seat_offers(
    view: TableView, state: GameState, seat: int, answered: frozenset[int]
) -> list[Offer]:
    """Every choice the phone at `seat` may make now: what its page shows, nothing more."""
    marks = [o for row in view.marks for o in row.marks if seat in o.by]
    return [*bar_offers(view, state, seat, answered), *marks, *view.remember]


def waiting_view(t: Words, names: tuple[str, ...] = ()) -> dict[str, Any]:
    """What every phone shows while no game is on the table."""
    return {"type": "waiting", "line": t("phone_waiting"), "names": list(names)}


def _offer(offer: Offer) -> dict[str, Any]:
    return {
        "id": offer.id,
        "label": offer.label,
        "enabled": offer.enabled,
        "on": offer.on,
        "primary": offer.primary,
        "points": offer.points,
    }


def _role(session: Session, seat: int) -> str:
    state = session.state
    if state.phase in (Phase.FINISHED, Phase.DEEPER):
        return ""
    if state.phase is Phase.DEAL:
        return "sharer" if seat == state.sharer else "listener"
    return "sharer" if seat == state.speaker else "listener"


def _line(
    session: Session, t: Words, seat: int, role: str, view: TableView, answered: frozenset[int]
) -> str:
    """One sentence for this phone: what its player does now."""
    phase = session.state.phase
    if phase is Phase.DEAL:
        return t("phone_deal_you") if role == "sharer" else t("phone_wait_draw")
    if phase is Phase.SHARE:
        return t("phone_share_you") if role == "sharer" else t("phone_share_listen")
    if phase is Phase.RESPOND:
        return t("phone_respond_wait") if role == "sharer" else t("phone_respond_you")
    if phase is Phase.AWARD:
        return t("phone_mark_listeners") if role == "sharer" else t("phone_mark_sharer")
    if phase is Phase.DEEPER:
        return t("phone_deeper_counted") if seat in answered else t("phone_deeper")
    if phase is Phase.CLOSING:
        return t("phone_closing_you") if role == "sharer" else t("phone_share_listen")
    return t("phone_finished")


def _card(session: Session, t: Words, role: str) -> dict[str, Any] | None:
    state = session.state
    card = state.current_card
    if card is None or state.phase not in CARD_PHASES:
        return None
    levels = state.deck.levels
    level = levels[min(card.level, len(levels)) - 1].name if levels else ""
    # The listeners' ideas come once the story is told: first they listen.
    responding = role == "listener" and state.phase is Phase.RESPOND
    follow_ups = list(card.follow_ups) if responding else []
    wilds = [
        {"title": t(f"wild_title_{c.wild.value}"), "text": c.text}
        for c in state.wild_cards
        if c.wild is not None and not card.is_action  # those wait for the next prompt
    ]
    # An action card (format 1.1) is all text: the phone shows it where a prompt goes.
    words = card.text if card.is_action else card.prompt
    return {"prompt": words, "level": level, "follow_ups": follow_ups, "wilds": wilds}
