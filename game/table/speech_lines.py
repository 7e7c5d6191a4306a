"""What the table says aloud: sentences built from the views, never from pixels.

`card_lines` is the card read aloud (its label, its words, on request its follow-ups).
`changed_lines(old, new, t)` is self-voicing: from the view before a change and the view
after it, what a player who cannot see the screen needs to hear — whose turn it is and what
to do now, a new card, what may be chosen now (with its key), a mark given or taken back.
`offer_line` says one choice, as when it takes the keyboard's focus.

Every word comes from the views (already in the players' language) or the UI's catalogs;
the card's own words are tagged with the deck's language, everything else with the UI's,
so a voice can speak each in its own language. No pygame, no sound: game/ui/speech.py
speaks what these return.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from game.table.moments import acknowledgement
from game.table.views import Offer, Stage, TableView

Words = Callable[..., str]

# Direction marks and isolates (names are wrapped in them on screen): a voice reads them
# as nothing at best, so they go.
_INVISIBLE = re.compile("[\u200e\u200f\u061c\u2066-\u2069]")


class Line(NamedTuple):
    """One sentence to speak, and the language it is written in."""

    text: str
    language: str


def plain(text: str) -> str:
    return " ".join(_INVISIBLE.sub("", text).split())


def _ui(t: Words, text: str) -> Line:
    return Line(plain(text), str(getattr(t, "language", "en")))


def card_lines(view: TableView, t: Words, ideas: bool = False) -> tuple[Line, ...]:
    """The card on the table, read aloud: its label and its words (`ideas`: its
    follow-ups instead, as the view shows them). Nothing when no card is shown."""
    card = view.card
    if card is None:
        return ()
    if ideas:
        if not card.follow_ups:
            return ()
        return (
            _ui(t, t("speech_ideas")),
            *(Line(plain(idea), view.deck_language) for idea in card.follow_ups),
        )
    lines = [_ui(t, card.caption)] if card.caption else []
    lines.append(Line(plain(card.words), view.deck_language))
    return tuple(lines)


def offer_line(offer: Offer, t: Words) -> str:
    """One choice as said aloud: its label and the key that picks it."""
    if not offer.key:
        return plain(offer.label)
    return plain(t("speech_offer", label=offer.label, press=offer.key))


def offers_line(view: TableView, t: Words) -> str:
    """What may be chosen now on this device, each with its key; "" when nothing."""
    chosen = [offer_line(o, t) for o in view.bar if o.enabled]
    lines = [t("speech_offers", choices="; ".join(chosen))] if chosen else []
    for row in view.marks:
        marks = [offer_line(o, t) for o in row.marks if o.enabled]
        if marks:
            lines.append(t("speech_row", title=row.title, marks="; ".join(marks)))
    return plain(" ".join(lines))


def new_card(old: TableView | None, new: TableView) -> bool:
    """Whether the card on the table is a new one (dealt, or the next turn's)."""
    if new.card is None:
        return False
    if old is None or old.card is None:
        return True
    return old.card.words != new.card.words or old.turn != new.turn


def changed_lines(old: TableView | None, new: TableView, t: Words) -> tuple[Line, ...]:
    """Self-voicing: what changed from `old` (None: the table was just shown) to `new`."""
    lines: list[Line] = []
    if old is not None and old.turn == new.turn:
        lines += _marks_changed(old, new, t)
    same_step = old is not None and old.step == new.step
    if not same_step or old is None or old.headline != new.headline:
        lines.append(_ui(t, new.headline))
    if not same_step or old is None or old.instruction != new.instruction:
        lines.append(_ui(t, new.instruction))
    if new_card(old, new):
        lines += card_lines(new, t)
    listening = old is None or old.listening != new.listening
    if listening and (new.stage is Stage.DEEPER or not same_step):
        lines.append(_ui(t, new.listening))
    if old is not None and old.row != new.row and new.marks:
        listeners = [r for r in new.marks if not r.sharer]
        if new.row < len(listeners):  # the listener row the number keys now mark
            lines.append(_ui(t, listeners[new.row].title))
    if not same_step:
        offered = offers_line(new, t)
        if offered:
            lines.append(_ui(t, offered))
    return tuple(line for line in lines if line.text)


def _marks_changed(old: TableView, new: TableView, t: Words) -> list[Line]:
    """Each mark given since `old` said as thanks, and each taken back said so."""
    before, after = list(old.shown_marks), list(new.shown_marks)
    lines = []
    for mark in after:
        if mark in before:
            before.remove(mark)
        else:
            lines.append(_ui(t, acknowledgement(mark, new.names, t)))
    for _giver, receiver, kind in before:
        label = t(f"award_{kind.value}")
        lines.append(_ui(t, t("speech_mark_taken_back", mark=label, name=new.names[receiver])))
    return lines
