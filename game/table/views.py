"""What the table offers now, phase by phase: the words, the choices, who acts, the keys.

`table_view(session, t, row)` reads the session and returns a `TableView`: the headline,
the one line of what to do now, who listens, the choices on offer (each with its label,
the key that picks it and whether it is possible) and, while marks are given, one row
per receiver. The pygame table draws it; a phone page would draw the same. Keys and
clicks meet here: `TableView.keys` maps each key to the same `Choice` a click gives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from game.content.ui_text import isolated
from game.core.cards import WildEffect
from game.core.rules import AwardKind, Scoring
from game.core.state import EndReason, GameState, Phase
from game.table.choices import Choice, Do, mark
from game.table.session import Session, given, memory_card
from game.table.walks import retelling_listener

Words = Callable[..., str]

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
    by: tuple[int, ...] = ()  # the players who may pick it
    points: int = 0  # a mark's points (0 when scoring is off)

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


@attrs.frozen
class TableView:
    phase: Phase
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

    def offers(self) -> tuple[Offer, ...]:
        return (*self.bar, *(o for r in self.marks for o in r.marks), *self.remember)

    def offer(self, choice_id: str) -> Offer | None:
        return next((o for o in self.offers() if o.id == choice_id), None)

    def for_key(self, key: str) -> Offer | None:
        """The offer a key picks now (None: the key means nothing here, or is not possible)."""
        choice = self.keys.get(key)
        found = self.offer(choice.id) if choice is not None else None
        return found if found is not None and found.enabled else None

    @property
    def primary(self) -> Offer | None:
        return next((o for o in self.bar if o.primary and o.enabled), None)


def action_on_table(state: GameState) -> bool:
    """An action card is the turn's card (format 1.1): carried out together, never marked."""
    card = state.current_card
    return card is not None and card.is_action and state.phase is not Phase.CLOSING


def reading_aloud(state: GameState) -> int | None:
    """Who reads the card aloud to its first answerer (a card `answered_by: next`), if anyone."""
    if state.reader is None or state.speaker_index > 0 or state.reader == state.speaker:
        return None
    return state.reader


def card_timer(state: GameState) -> int | None:
    """The card's own timer for this phase: its `timer:` while it is answered or carried out."""
    card = state.current_card
    if card is None or state.phase not in (Phase.SHARE, Phase.CLOSING):
        return None
    if card.timer is not None:
        return card.timer
    return 0 if card.is_action or state.phase is Phase.CLOSING else None


def table_view(session: Session, t: Words, row: int = 0) -> TableView:
    """The view of the session's state now. Asked again for the same state, row and words
    (the table's layout, then its first frame, then each phone), it is the same object:
    with twelve players a view checks some forty marks with the engine (about 3 ms)."""
    state = session.state
    memo = session.view_memo
    if (
        memo is not None
        and memo[0] is state
        and memo[1] == session.changes
        and memo[2] == row
        and memo[3] is t
    ):
        view: TableView = memo[4]
        return view
    names = [p.name for p in state.players]
    view = _View(session, state, t, names).view(row)
    session.view_memo = (state, session.changes, row, t, view)
    return view


class _View:
    def __init__(self, session: Session, state: GameState, t: Words, names: list[str]) -> None:
        self.session, self.state, self.t, self.names = session, state, t, names

    def name(self, player: int) -> str:
        return self.names[player]

    def listening(self, players: tuple[int, ...] | list[int] | None = None) -> str:
        players = self.state.listeners if players is None else players
        # Each name its own isolate: two Hebrew names side by side keep the seats' order.
        names = ", ".join(str(isolated(self.name(p))) for p in players)
        return self.t("table_listening", names=names)

    def legal(self, choice: Choice) -> bool:
        return self.session.possible(choice)

    def offer(self, do: Do, label: str, key: str, by: tuple[int, ...], **more: object) -> Offer:
        choice = Choice(do)
        return Offer(choice, label, key, enabled=self.legal(choice), by=by, **more)  # type: ignore[arg-type]

    # ------------------------------------------------------------ by phase

    def view(self, row: int) -> TableView:
        state, t = self.state, self.t
        everyone = tuple(state.seats)
        speaker = self.name(state.speaker)
        phase = state.phase
        aside = ""
        marks_: tuple[MarkRow, ...] = ()
        bar: tuple[Offer, ...]
        listening = self.listening()
        if phase is Phase.DEAL:
            sharer = self.name(state.sharer)
            headline, line = t("table_turn", name=sharer), t("table_deal", name=sharer)
            bar = (
                self.offer(Do.DRAW, t("table_draw"), "Enter", (state.sharer,), primary=True),
                self.offer(Do.END_EVENING, t("table_end_evening"), "E", everyone, ask_first=True),
            )
        elif phase is Phase.SHARE and action_on_table(state):
            # An action card: read aloud, done together, no marks; then the turn moves on.
            headline = t("table_action_heading")
            line = t("table_action", name=speaker)
            listening = ""
            bar = (
                self.offer(Do.END_TURN, t("table_action_done"), "Enter", everyone, primary=True),
                self.offer(Do.SKIP, t("table_skip"), "X", everyone),
            )
        elif phase is Phase.SHARE:
            headline, line = self.share_headline(), self.share_steps()
            aside = self.pass_or_skip()
            bar = (
                self.offer(
                    Do.DONE_SHARING,
                    t("table_done_sharing"),
                    "Enter",
                    (state.speaker,),
                    primary=True,
                ),
                self.offer(Do.PASS, self.pass_label(), "P", (state.speaker,)),
                self.offer(Do.LIGHTER, t("table_lighter"), "L", (state.speaker,)),
                self.offer(Do.SKIP, t("table_skip"), "X", everyone),
            )
        elif phase is Phase.RESPOND and self.session.mirror.retelling(state):
            reteller = retelling_listener(state)
            headline = t("table_mirror_heading")
            line = t("table_mirror_retell", listener=self.name(reteller), name=speaker)
            listening = self.listening([p for p in state.seats if p != reteller])
            bar = (
                self.offer(Do.RETOLD, t("table_mirror_retold"), "Enter", everyone, primary=True),
            )
        elif phase is Phase.RESPOND:
            mirror = WildEffect.MIRROR in state.effects
            # The listeners talk now: name them (one listener is not "listeners").
            if len(state.listeners) == 1:
                headline = t("table_respond_heading_one", name=self.name(state.listeners[0]))
            else:
                headline = t("table_respond_heading")
            line = t("table_mirror_then" if mirror else "table_respond", name=speaker)
            listening = ""
            bar = (
                self.offer(
                    Do.DONE_RESPONDING,
                    t("table_done_responding"),
                    "Enter",
                    state.listeners,
                    primary=True,
                ),
            )
        elif phase is Phase.AWARD:
            headline, line, listening = t("table_award_heading"), self.award_line(), ""
            if state.wild_cards:  # named in the headline: the rows need the banner's room
                titles = " · ".join(
                    t(f"wild_title_{c.wild.value}") for c in state.wild_cards if c.wild
                )
                headline = t("table_award_heading_wild", wild=titles)
            marks_ = self.mark_rows()
            bar = (
                self.offer(Do.END_TURN, t("table_end_turn"), "Enter", everyone, primary=True),
                Offer(Choice(Do.UNDO), t("table_undo"), "U", bool(state.pending), by=everyone),
            )
        elif phase is Phase.DEEPER:
            levels = state.deck.levels
            following = levels[state.level] if state.level < len(levels) else levels[-1]
            headline, line = t("table_deeper_heading"), t("table_deeper", name=following.name)
            listening = t("table_deeper_count", count=state.ready_answers, total=len(everyone))
            bar = (
                self.offer(Do.READY, t("table_ready"), "1", everyone),
                self.offer(Do.NOT_YET, t("table_not_yet"), "2", everyone),
                self.offer(Do.END_EVENING, t("table_end_evening"), "E", everyone, ask_first=True),
            )
        elif phase is Phase.CLOSING:
            headline, line, listening = t("table_closing_heading", name=speaker), "", ""
            line = t(
                "table_closing",
                name=speaker,
                number=state.speaker_index + 1,
                count=len(state.speakers),
            )
            if state.end_reason is EndReason.CARDS and state.speaker_index == 0:
                line = t("table_cards_ran_out") + " " + line
            bar = (
                self.offer(
                    Do.DONE_CLOSING,
                    t("table_done_closing"),
                    "Enter",
                    (state.speaker,),
                    primary=True,
                ),
                self.offer(Do.SKIP, t("table_skip_closing"), "X", everyone),
            )
        else:
            headline, line, listening, bar = "", "", "", ()
        row = min(max(row, 0), max(0, len(state.listeners) - 1))
        return TableView(
            phase=phase,
            headline=headline,
            instruction=line,
            listening=listening,
            aside=aside,
            bar=bar,
            marks=marks_,
            remember=self.remember(),
            row=row,
            keys=self.keys(bar, marks_, row),
            card_timer=card_timer(state),
        )

    # ------------------------------------------------------------ the words

    def share_headline(self) -> str:
        state, t = self.state, self.t
        speaker = self.name(state.speaker)
        reader = reading_aloud(state)
        if reader is not None:
            return t("table_reads_heading", reader=self.name(reader), name=speaker)
        return t("table_answers" if len(state.speakers) > 1 else "table_shares", name=speaker)

    def share_steps(self) -> str:
        """What to do now while sharing, naming who: a swap, everyone in turn, double points."""
        state, t = self.state, self.t
        speaker = self.name(state.speaker)
        steps = []
        reader = reading_aloud(state)
        if reader is not None:
            steps.append(t("table_reads", reader=self.name(reader), name=speaker))
        if WildEffect.SWAP in state.effects and state.speaker_index == 0:
            key = "table_swap" if state.card_is_replay else "table_swap_new"
            steps.append(t(key, name=speaker))
        if len(state.speakers) > 1:
            why = "wild" if WildEffect.EVERYONE in state.effects else "card"
            steps.append(
                t(
                    f"table_everyone_{why}",
                    name=speaker,
                    number=state.speaker_index + 1,
                    count=len(state.speakers),
                )
            )
        if not steps:
            steps.append(t("table_share", name=speaker))
        if WildEffect.DOUBLE in state.effects:
            off = state.rules.scoring is Scoring.OFF
            steps.append(t("table_double_off" if off else "table_double"))
        return " ".join(steps)

    def next_speaker(self) -> int:
        state = self.state
        if len(state.speakers) > 1:
            following = state.speaker_index + 1
            return state.speakers[following] if following < len(state.speakers) else -1
        seats = state.seats
        return seats[(seats.index(state.speaker) + 1) % len(seats)]

    def pass_label(self) -> str:
        state, t = self.state, self.t
        left = state.passes_left[state.speaker]
        if len(state.speakers) > 1:
            return t("table_pass_sit_out", left=left)
        return t("table_pass", name=self.name(self.next_speaker()), left=left)

    def pass_or_skip(self) -> str:
        """One line that tells the two apart: a pass hands the card on, a skip puts it away."""
        state, t = self.state, self.t
        if state.passes_left[state.speaker] <= 0:
            return t("table_no_passes")
        if len(state.speakers) > 1:
            return t("table_pass_or_skip_everyone")
        return t("table_pass_or_skip", name=self.name(self.next_speaker()))

    def award_line(self) -> str:
        state, t = self.state, self.t
        speaker = self.name(state.speaker)
        if len(state.listeners) == 1:  # a pair: name the one listener
            listener = self.name(state.listeners[0])
            return t("table_award_one_listener", name=speaker, listener=listener)
        return t("table_award", name=speaker) + " " + t("table_award_rows")

    # ------------------------------------------------------------ marks

    def listener_marks(self) -> tuple[AwardKind, ...]:
        if WildEffect.MIRROR in self.state.effects:
            return (*LISTENER_MARKS, AwardKind.FELT_HEARD)
        return LISTENER_MARKS

    def mark_rows(self) -> tuple[MarkRow, ...]:
        state, t = self.state, self.t
        rows = []
        for receiver in state.listeners:
            title = t("award_listener_row", name=self.name(receiver))
            rows.append(
                MarkRow(receiver, title, False, self.marks_for(receiver, self.listener_marks()))
            )
        speaker = self.name(state.speaker)
        if len(state.listeners) == 1:
            title = t(
                "award_sharer_row_one_listener",
                name=speaker,
                listener=self.name(state.listeners[0]),
            )
        else:
            title = t("award_sharer_row", name=speaker)
        rows.append(
            MarkRow(state.speaker, title, True, self.marks_for(state.speaker, SHARER_MARKS))
        )
        return tuple(rows)

    def marks_for(self, receiver: int, kinds: tuple[AwardKind, ...]) -> tuple[Offer, ...]:
        state = self.state
        scoring = state.rules.scoring is not Scoring.OFF
        givers = (state.speaker,) if receiver != state.speaker else state.listeners
        offers = []
        for kind in kinds:
            choice = mark(receiver, kind)
            on = given(state, receiver, kind)
            offers.append(
                Offer(
                    choice,
                    self.t(f"award_{kind.value}"),
                    str(MARK_NUMBERS[kind]),
                    enabled=on or self.legal(choice),
                    on=on,
                    by=givers,
                    points=state.rules.points_for(kind) * state.multiplier if scoring else 0,
                )
            )
        return tuple(offers)

    # ------------------------------------------------------------ keys and memory

    def keys(
        self, bar: tuple[Offer, ...], marks: tuple[MarkRow, ...], row: int
    ) -> dict[str, Choice]:
        keys = {offer.key: offer.choice for offer in bar if offer.key}
        primary = next((o for o in bar if o.primary), None)
        if primary is not None:
            keys["Enter"] = primary.choice
        if marks:
            chosen_row, sharer_row = marks[row], marks[-1]
            for offer in (*chosen_row.marks, *sharer_row.marks):
                keys[offer.key] = offer.choice
        for offer in self.remember():
            keys[offer.key] = offer.choice
        return keys

    def remember(self) -> tuple[Offer, ...]:
        session = self.session
        card = memory_card(session)
        if card is None or session.memory is None:
            return ()
        t = self.t
        starred = session.memory.is_starred(card)
        everyone = tuple(self.state.seats)
        star = t("table_starred") if starred else t("table_star")
        return (
            Offer(Choice(Do.STAR), star, "S", on=starred, by=everyone),
            Offer(Choice(Do.NOT_FOR_US), t("table_not_for_us"), "N", by=everyone),
        )
