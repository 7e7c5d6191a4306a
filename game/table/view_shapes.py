"""The shapes of what each device is shown: the TV's and each seat's `TableView`, its offers
(`Offer`), mark rows, card, top line and timers. Frozen data, built by game/table/views.py
(`table_view`) and drawn by the screens and the phones' pages, which hide nothing."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from game.core.rules import AwardKind, Scoring
from game.core.state import Phase
from game.core.turns import Stage
from game.table.choices import Choice

LISTENER_MARKS = (AwardKind.DEEPENING_QUESTION, AwardKind.FELT_RESPONSE, AwardKind.TOUCHED_ME)
SHARER_MARKS = (AwardKind.SHARED_FEELING, AwardKind.SHARED_THOUGHT)
# Each mark keeps its number key whatever the card: "felt heard" (a mirror's) is 4 when
# it is there, and the sharer's marks are always 5 and 6.
MARK_NUMBERS: dict[AwardKind, int] = {
    AwardKind.DEEPENING_QUESTION: 1,
    AwardKind.FELT_RESPONSE: 2,
    AwardKind.TOUCHED_ME: 3,
    AwardKind.FELT_HEARD: 4,
    AwardKind.SHARED_FEELING: 5,
    AwardKind.SHARED_THOUGHT: 6,
}


@attrs.frozen
class Offer:
    """One choice on screen."""

    choice: Choice
    label: str
    key: str = ""  # the key that picks it, as shown ("Enter", "P", "1"); "" for none
    enabled: bool = True
    primary: bool = False  # the one Enter picks
    on: bool = False  # a mark given, a card starred
    ask_first: bool = False  # ending the evening: the screen asks "are you sure?"
    by: tuple[int, ...] = ()  # the players who may pick it now
    points: int = 0  # a mark's points (0 when scoring is off)
    # The seats one press acts for on this view's device: the phone's own seat; on the
    # laptop, the player at the laptop who may pick it (the listeners at the laptop all
    # at once, when they say they are done responding). Empty: nobody here may pick it.
    seats: tuple[int, ...] = ()

    @property
    def id(self) -> str:
        return self.choice.id


@attrs.frozen
class MarkRow:
    """The marks one player may receive this turn, with the line that names the row."""

    receiver: int
    title: str
    sharer: bool  # the row of marks the listeners give the sharer
    marks: tuple[Offer, ...]
    on_phone: bool = False  # given on a phone: this view shows that, never what


@attrs.frozen
class CardView:
    """The card on the table as a view may show it."""

    words: str  # the prompt, or an action card's instruction
    caption: str  # its level, "Together" or "Closing card"
    follow_ups: tuple[str, ...]  # the ideas for responding (a phone: only while responding)
    wilds: tuple[tuple[str, str], ...]  # (title, text) of the wild cards shaping this turn
    action: bool = False  # an action card: carried out together, never marked


@attrs.frozen
class TopLine:
    """The line along the top: where the evening is, and the scores (committed ones only)."""

    level: int = 1
    level_name: str = ""
    rounds_done: int = 0  # completed rounds
    rounds: int | None = None  # the rules' number of rounds (None: open-ended)
    scoring: Scoring = Scoring.VERSUS
    scores: tuple[tuple[str, int], ...] = ()  # (name, points) by seat
    team_total: int = 0
    goal: int | None = None
    names_shown: bool = True  # no names while the table answers "ready to go deeper?"


@attrs.frozen
class Timers:
    """The gentle timer's seconds for sharing and responding under the game's rules, and
    whether they are the deck's own (a protocol keeps them; a preset's follow Settings)."""

    share: int
    respond: int
    own: bool


@attrs.frozen
class TableView:
    seat: int | None  # whose view this is (None: the TV)
    phase: Phase
    stage: Stage  # the step of the turn (a mirror's retelling, an action card carried out)
    headline: str
    instruction: str
    listening: str  # who listens (or who has answered), one muted line; may be ""
    aside: str  # one small line explaining the choices (pass versus not this card); may be ""
    bar: tuple[Offer, ...]
    marks: tuple[MarkRow, ...] = ()
    remember: tuple[Offer, ...] = ()  # star and "not for us", under the card
    row: int = 0  # the listener row the number keys mark
    keys: Mapping[str, Choice] = attrs.field(factory=dict)
    # The card's own gentle timer in seconds (format 1.1 `timer:`) for this phase; 0 for a
    # card that has no timer here (an action card, the closing card); None: the rules' timers.
    card_timer: int | None = None
    # Marks this view may show as given (the laptop's own on the TV; a phone's own on it),
    # as (giver, receiver, kind), in the order given.
    shown_marks: tuple[tuple[int, int, AwardKind], ...] = ()
    starred: bool = False  # the card on the table is starred, as this view may show it
    caption: str = ""  # the card's label: its level, "Together" or "Closing card"
    # Ending the evening, from the menu at any step (the bar shows it only between turns).
    end_evening: Offer | None = None
    names: tuple[str, ...] = ()  # the players, by seat
    card: CardView | None = None  # the card on the table, while it is being answered
    # A seat's own part now: "sharer" (draws, or answers the card), "listener", or "".
    role: str = ""
    answered: bool = False  # this seat has answered "ready to go deeper?"
    turn: int = 0  # turns taken (which starters a phone shows this turn)
    # What a phone follows to know its choices are still the same ones: it changes when who
    # may do what changes (a new step of the turn), not when a mark is given.
    step: tuple[object, ...] = ()
    top: TopLine = TopLine()
    deck_name: str = ""
    timers: Timers = Timers(0, 0, False)
    # Changes when the gentle timer starts afresh: a new phase, card or speaker (a pass).
    timer_key: tuple[object, ...] = ()
    # The wild cards shaping the turn, as (title, text) on banners while the card is answered.
    banners: tuple[tuple[str, str], ...] = ()
    passes_per_player: int = 0
    speaker_name: str = ""
    # Read the card aloud, and its follow-ups, on the laptop's voice (only while the table
    # has one: Session.reader); the language the deck's words are written in.
    aloud: tuple[Offer, ...] = ()
    deck_language: str = "en"
    # The offers by id, made the first time one is asked for (`offer`): a table of twelve
    # players draws a badge for each of some fifty marks, each found by its id.
    _by_id: dict[str, Offer] | None = attrs.field(
        default=None, init=False, eq=False, repr=False, hash=False
    )

    def offers(self) -> tuple[Offer, ...]:
        return (
            *self.bar,
            *(o for r in self.marks for o in r.marks),
            *self.remember,
            *self.aloud,
        )

    def offer(self, choice_id: str) -> Offer | None:
        by_id = self._by_id
        if by_id is None:
            by_id = {}
            for offer in self.offers():
                by_id.setdefault(offer.id, offer)  # the first of an id, as a search finds
            object.__setattr__(self, "_by_id", by_id)  # frozen: kept once, never changed
        return by_id.get(choice_id)

    def for_key(self, key: str) -> Offer | None:
        """The offer a key picks now (None: the key means nothing here, or is not possible)."""
        choice = self.keys.get(key)
        found = self.offer(choice.id) if choice is not None else None
        return found if found is not None and found.enabled else None

    @property
    def primary(self) -> Offer | None:
        return next((o for o in self.bar if o.primary and o.enabled), None)
