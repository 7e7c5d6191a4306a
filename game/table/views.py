"""What each seat may see and choose now: one view for the TV, one for each player.

`table_view(session, t, seat, row)` reads the session and returns a `TableView` (its shape
and its parts' in game/table/view_shapes.py): the
headline, the one line of what to do now, who listens, the choices on offer (each with its
label, the key that picks it, whether it is possible, and the seats a press acts for) and,
while marks are given, one row per receiver.

`seat=None` is the TV (the laptop's screen): what everyone may see, and the choices of the
players who choose at the laptop. A player whose seat is on a phone (`Session.phones`)
chooses there, and what they choose stays theirs until it is shown: no tick, count or
colour on the TV tells their marks, their answer to "ready to go deeper?" or their star.
Secrets are removed here, once: a screen or a phone page draws its view and hides nothing.
Keys and clicks meet here too: `TableView.keys` maps each key to the offer a click gives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from game.content.ui_text import isolated
from game.core import engine
from game.core.actions import (
    AnswerDeeper,
    Award,
    Draw,
    EndGame,
    EndTurn,
    FinishResponding,
    FinishSharing,
    LighterCard,
    Pass,
    Retold,
    Skip,
    TakeBack,
)
from game.core.cards import WildEffect
from game.core.errors import RuleError
from game.core.rules import AwardKind, Scoring
from game.core.state import EndReason, GameState, Phase
from game.core.turns import Stage, stage
from game.table.choices import Choice, Do, mark
from game.table.session import Session, memory_card
from game.table.view_shapes import (
    LISTENER_MARKS,
    MARK_NUMBERS,
    SHARER_MARKS,
    CardView,
    MarkRow,
    Offer,
    TableView,
    Timers,
    TopLine,
)

Words = Callable[..., str]
# The names a view's reader needs besides the view, so that screens and phones import the
# table and never the rules' own modules.
__all__ = [
    "CardView",
    "MarkRow",
    "Offer",
    "Phase",
    "RuleError",
    "Stage",
    "TableView",
    "Timers",
    "TopLine",
    "table_view",
]


def action_on_table(state: GameState) -> bool:
    """An action card is the turn's card (format 1.1): carried out together, never marked."""
    card = state.current_card
    return card is not None and card.is_action and state.phase is not Phase.CLOSING


def reading_aloud(state: GameState) -> int | None:
    """Who reads the card aloud to its first answerer (a card `answered_by: next`), if anyone."""
    if state.reader is None or state.speaker_index > 0 or state.reader == state.speaker:
        return None
    return state.reader


_CARD_SHOWN = (Phase.SHARE, Phase.RESPOND, Phase.AWARD, Phase.CLOSING)


def step_key(session: Session) -> tuple[object, ...]:
    """What stays the same while who may choose what stays the same: one step of one turn."""
    state = session.state
    return (
        state.turn,
        stage(state),
        state.speaker_index,
        state.level,
        state.card,
        state.speaker,
        state.speakers,
        state.voted,
        session.phones,
        session.memory is not None,
    )


def card_caption(t: Words, state: GameState) -> str:
    """The card's label, the same on the TV and on every phone."""
    card = state.current_card
    if card is None:
        return ""
    if state.phase is Phase.CLOSING:
        return t("card_closing")
    levels = state.deck.levels
    level = levels[card.level - 1] if 0 < card.level <= len(levels) else None
    if card.is_action:  # "Together" last: a narrow card keeps only the last part
        return t("card_action", name=level.name if level else "")
    return t("card_caption", number=card.level, name=level.name if level else "")


def card_timer(state: GameState) -> int | None:
    """The card's own timer for this phase: its `timer:` while it is answered or carried out."""
    card = state.current_card
    if card is None or state.phase not in (Phase.SHARE, Phase.CLOSING):
        return None
    if card.timer is not None:
        return card.timer
    return 0 if card.is_action or state.phase is Phase.CLOSING else None


def table_view(session: Session, t: Words, seat: int | None = None, row: int = 0) -> TableView:
    """The view of the session's state now, for the TV (`seat=None`) or one seat.

    Each device's view is kept until something it may see changes (`seen_by`): a phone's
    tap changes the state, but not what the eleven other phones may see of it, so a tap
    rebuilds one seat's view, not twelve (with twelve players a view checks some forty
    marks with the engine, about 3 ms). Asked again for the same seat, row and words with
    nothing new for it to see, it is the same object."""
    state = session.state
    here = _here(session, state, seat)
    seen = (seen_by(state, here), session.outside_changes, session.phones)
    # On the TV, how many phones have marked: the only part of its view their marks change.
    count = _phones_marked(state, here) if seat is None else None
    memo: dict[tuple[int | None, int], tuple[Any, Any, Words, TableView]] = session.view_memo
    kept = memo.get((seat, row))
    if kept is not None and kept[2] is t and kept[0] == seen:
        if kept[1] == count:
            return kept[3]
        if stage(state) is Stage.MARK:
            # Only the count moved ("Phones: 3 of 12 have marked", at every phone's tap):
            # the kept view with that line said again, not the whole view built again.
            shared = _shared(session, state, t)
            line = _View(session, state, t, shared.names, seat, shared).acted_on_phones(Stage.MARK)
            found = attrs.evolve(kept[3], listening=line)
            memo[(seat, row)] = (seen, count, t, found)
            return found
    shared = _shared(session, state, t)
    found = _View(session, state, t, shared.names, seat, shared).view(row)
    memo[(seat, row)] = (seen, count, t, found)
    return found


def _shared(session: Session, state: GameState, t: Words) -> Shared:
    """What the views of this state share: made by the first view of it asked for."""
    shared = session.view_shared
    if not isinstance(shared, Shared) or shared.state is not state or shared.t is not t:
        shared = session.view_shared = Shared(state, t)
    return shared


class Shared:
    """What every device's view of one state has in common, worked out once for all of
    them: under twelve phones tapping, each publish builds up to twelve seats' views of one
    new state, and each of those asked the rules again who may end the evening (twelve
    seats), end the turn or draw, and put the same words together (issue 27).

    Only what no seat's own choices change goes here: who may make a move that is not a
    mark (the rules read no one's marks or answers for it: game/core/turns.py), and the
    game's words for given values (a pure function of them). A seat's marks, its answer,
    its star and "2 of 4 have marked" are each view's own, built by `_View` every time.
    Kept for one state (by identity): a new state, a new `Shared`."""

    def __init__(self, state: GameState, t: Words) -> None:
        self.state, self.t = state, t
        self.names = [p.name for p in state.players]
        self.by: dict[Do, tuple[tuple[int, ...], tuple[int, ...]]] = {}  # (eligible, able)
        self.words: dict[tuple[object, ...], str] = {}
        self.top: TopLine | None = None
        self.parts: dict[tuple[object, ...], Any] = {}  # the card, its caption, the banners

    def once(self, key: tuple[object, ...], make: Callable[[], Any]) -> Any:
        """`make()` the first time `key` is asked for this state, kept after."""
        found = self.parts.get(key, _NOTHING)
        if found is _NOTHING:
            found = self.parts[key] = make()
        return found

    def say(self, key: str, **values: object) -> str:
        """The game's words for `key` with these values: each said once."""
        memo = (key, *values.items())
        found = self.words.get(memo)
        if found is None:
            found = self.words[memo] = self.t(key, **values)
        return found


_NOTHING = object()


def _here(session: Session, state: GameState, seat: int | None) -> tuple[int, ...]:
    """The seats whose choices a device makes: a phone's own, or the laptop's."""
    if seat is None:
        return tuple(s for s in state.seats if s not in session.phones)
    return (seat,)


# What no device sees of another's choices before they are shown (issue 22's secrecy):
# the marks given and the answers to "ready to go deeper?". The log says the same again.
_UNSEEN = frozenset({"pending", "votes", "log"})
_SEEN_FIELDS = tuple(f.name for f in attrs.fields(GameState) if f.name not in _UNSEEN)


def _phones_marked(state: GameState, here: tuple[int, ...]) -> int:
    """How many seats not at the laptop have marked: all the TV sees of the phones' marks."""
    return len({a.seat for a in state.pending if a.seat not in here})


def seen_by(state: GameState, here: tuple[int, ...]) -> tuple[object, ...]:
    """What a device acting for `here` may see of `state`: every field but the others'
    marks and answers. Of those, who has answered the vote shows everywhere (its count),
    and how many of the others (the phones) have marked shows on the TV ("2 of 4 have
    marked": a phone's mark taken back as another's is given changes nothing there; that
    count is kept beside this, `_phones_marked`). Two states alike in this give the device
    the same view: the secrecy test holds that for one choice,
    tests/table/test_seat_views.py for the kept views."""
    return (
        *(getattr(state, name) for name in _SEEN_FIELDS),
        tuple(a for a in state.pending if a.seat in here),
        tuple(v for v in state.votes if v[0] in here),
        state.voted,
    )


# The move a choice becomes: who may make it comes from the rules' own table (turns.MAY).
_MOVE_OF: dict[Do, type] = {
    Do.DRAW: Draw,
    Do.PASS: Pass,
    Do.SKIP: Skip,
    Do.LIGHTER: LighterCard,
    Do.DONE_SHARING: FinishSharing,
    Do.DONE_CLOSING: FinishSharing,
    Do.RETOLD: Retold,
    Do.DONE_RESPONDING: FinishResponding,
    Do.MARK: Award,
    Do.UNDO: TakeBack,
    Do.END_TURN: EndTurn,
    Do.READY: AnswerDeeper,
    Do.NOT_YET: AnswerDeeper,
    Do.END_EVENING: EndGame,
}


class _View:
    def __init__(
        self,
        session: Session,
        state: GameState,
        t: Words,
        names: list[str],
        seat: int | None,
        shared: Shared | None = None,
    ) -> None:
        """`shared`: what the views of this state share, if other views were built (else
        this view works everything out alone, as a test's fresh view does)."""
        self.shared = shared if shared is not None else Shared(state, t)
        self.session, self.state, self.t, self.names = session, state, self.shared.say, names
        self.seat = seat
        # The seats whose choices this device makes: a phone's own, or the laptop's.
        if seat is None:
            self.here = tuple(s for s in state.seats if s not in session.phones)
        else:
            self.here = (seat,)

    def name(self, player: int) -> str:
        return self.names[player]

    def listening(self, players: tuple[int, ...] | list[int] | None = None) -> str:
        seats = tuple(self.state.listeners if players is None else players)
        return self.shared.once(("listening", seats), lambda: self._listening(seats))  # type: ignore[no-any-return]

    def _listening(self, players: tuple[int, ...]) -> str:
        # Each name its own isolate: two Hebrew names side by side keep the seats' order.
        names = ", ".join(str(isolated(self.name(p))) for p in players)
        return self.t("table_listening", names=names)

    def offer(self, do: Do, label: str, key: str, **more: object) -> Offer | None:
        """The offer of `do` on this device: None when nobody here could ever pick it now."""
        choice = Choice(do)
        state, session = self.state, self.session
        known = self.shared.by.get(do)
        if known is None:  # the same for every device: asked of the rules once per state
            eligible = engine.who_may(state, _MOVE_OF[do])
            known = self.shared.by[do] = (
                eligible,
                tuple(s for s in eligible if session.possible(s, choice)),
            )
        eligible, by = known
        here = [s for s in eligible if s in self.here]
        if not here and do is Do.END_EVENING and self.seat is None:
            here = list(eligible[:1])  # the whole table is asked first, on the laptop
        if not here:
            return None
        able = [s for s in here if s in by]
        seats: tuple[int, ...] = ()
        if state.speaker in able:
            seats = (state.speaker,)  # the speaker's word ends responding for everyone
        elif do is Do.DONE_RESPONDING and able:
            seats = tuple(able)  # the listeners at the laptop, together
        elif able:
            seats = (able[0],)
        return Offer(choice, label, key, enabled=bool(seats), by=by, seats=seats, **more)  # type: ignore[arg-type]

    def bar_of(self, *offers: Offer | None) -> tuple[Offer, ...]:
        return tuple(o for o in offers if o is not None)

    # ------------------------------------------------------------ by phase

    def view(self, row: int) -> TableView:
        state, t = self.state, self.t
        speaker = self.name(state.speaker)
        now = stage(state)
        aside = ""
        marks_: tuple[MarkRow, ...] = ()
        bar: tuple[Offer, ...]
        listening = self.listening()
        if now is Stage.DEAL:
            sharer = self.name(state.sharer)
            headline, line = t("table_turn", name=sharer), t("table_deal", name=sharer)
            bar = self.bar_of(
                self.offer(Do.DRAW, t("table_draw"), "Enter", primary=True),
                self.offer(Do.END_EVENING, t("table_end_evening"), "E", ask_first=True),
            )
        elif now is Stage.CARRY_OUT:
            # An action card: read aloud, done together, no marks; then the turn moves on.
            headline = t("table_action_heading")
            line = t("table_action", name=speaker)
            listening = ""
            bar = self.bar_of(
                self.offer(Do.END_TURN, t("table_action_done"), "Enter", primary=True),
                self.offer(Do.SKIP, t("table_skip"), "X"),
            )
        elif now is Stage.SHARE:
            headline, line = self.share_headline(), self.share_steps()
            aside = self.pass_or_skip()
            bar = self.bar_of(
                self.offer(Do.DONE_SHARING, t("table_done_sharing"), "Enter", primary=True),
                self.offer(Do.PASS, self.pass_label(), "P"),
                self.offer(Do.LIGHTER, t("table_lighter"), "L"),
                self.offer(Do.SKIP, t("table_skip"), "X"),
            )
        elif now is Stage.RETELL:
            reteller = retelling_listener(state)
            headline = t("table_mirror_heading")
            line = t("table_mirror_retell", listener=self.name(reteller), name=speaker)
            listening = self.listening([p for p in state.seats if p != reteller])
            bar = self.bar_of(
                self.offer(Do.RETOLD, t("table_mirror_retold"), "Enter", primary=True),
            )
        elif now is Stage.RESPOND:
            mirror = WildEffect.MIRROR in state.effects
            # The listeners talk now: name them (one listener is not "listeners").
            if len(state.listeners) == 1:
                headline = t("table_respond_heading_one", name=self.name(state.listeners[0]))
            else:
                headline = t("table_respond_heading")
            line = t("table_mirror_then" if mirror else "table_respond", name=speaker)
            listening = ""
            if state.done_responding:
                listening = t(
                    "table_done_count",
                    count=len(state.done_responding),
                    total=len(state.listeners),
                )
            bar = self.bar_of(
                self.offer(Do.DONE_RESPONDING, t("table_done_responding"), "Enter", primary=True),
            )
        elif now is Stage.MARK:
            headline, line, listening = t("table_award_heading"), self.award_line(), ""
            if state.wild_cards:  # named in the headline: the rows need the banner's room
                titles = " · ".join(
                    t(f"wild_title_{c.wild.value}") for c in state.wild_cards if c.wild
                )
                headline = t("table_award_heading_wild", wild=titles)
            marks_ = self.mark_rows()
            bar = self.bar_of(
                self.offer(Do.END_TURN, t("table_end_turn"), "Enter", primary=True),
                self.undo(),
            )
        elif now is Stage.DEEPER:
            levels = state.deck.levels
            following = levels[state.level] if state.level < len(levels) else levels[-1]
            headline, line = t("table_deeper_heading"), t("table_deeper", name=following.name)
            # How many have answered, never what: the level's move (or not) says the outcome.
            listening = t("table_deeper_count", count=len(state.votes), total=len(state.seats))
            bar = self.bar_of(
                self.offer(Do.READY, t("table_ready"), "1"),
                self.offer(Do.NOT_YET, t("table_not_yet"), "2"),
                self.offer(Do.END_EVENING, t("table_end_evening"), "E", ask_first=True),
            )
        elif now is Stage.CLOSING:
            headline, line, listening = t("table_closing_heading", name=speaker), "", ""
            line = t(
                "table_closing",
                name=speaker,
                number=state.speaker_index + 1,
                count=len(state.speakers),
            )
            if state.end_reason is EndReason.CARDS and state.speaker_index == 0:
                line = t("table_cards_ran_out") + " " + line
            bar = self.bar_of(
                self.offer(Do.DONE_CLOSING, t("table_done_closing"), "Enter", primary=True),
                self.offer(Do.SKIP, t("table_skip_closing"), "X"),
            )
        else:
            headline, line, listening, bar = "", "", "", ()
        acted = self.acted_on_phones(now)
        if acted:
            listening = f"{listening}  ·  {acted}" if listening else acted
        row = min(max(row, 0), max(0, len(state.listeners) - 1))
        remember = self.remember()
        card = self.card()
        aloud = self.aloud(card)
        return TableView(
            seat=self.seat,
            phase=state.phase,
            stage=now,
            headline=headline,
            instruction=line,
            listening=listening,
            aside=aside,
            bar=bar,
            marks=marks_,
            remember=remember,
            row=row,
            keys=self.keys(bar, marks_, row, (*remember, *aloud)),
            card_timer=card_timer(state),
            shown_marks=tuple(
                (a.seat, a.receiver, a.kind) for a in state.pending if a.seat in self.here
            ),
            starred=any(o.on for o in remember if o.choice.do is Do.STAR),
            caption=self.shared.once(("caption",), lambda: card_caption(t, state)),
            end_evening=self.offer(Do.END_EVENING, t("table_end_evening"), "E", ask_first=True),
            names=tuple(self.names),
            card=card,
            role=self.role(),
            answered=self.seat is not None and self.seat in state.voted,
            turn=state.turn,
            step=self.shared.once(
                ("step", self.session.phones, self.session.memory is not None),
                lambda: step_key(self.session),
            ),
            top=self.top_line(),
            deck_name=state.deck.name,
            timers=Timers(
                state.rules.share_seconds,
                state.rules.respond_seconds,
                state.deck.rules is not None and state.rules.id == state.deck.rules.id,
            ),
            timer_key=(state.phase, state.card, state.speaker_index, state.speaker, state.turn),
            banners=self.shared.once(("banners",), self.banners),
            passes_per_player=state.rules.passes_per_player,
            speaker_name=self.name(state.speaker),
            aloud=aloud,
            deck_language=state.deck.language,
        )

    def top_line(self) -> TopLine:
        if self.shared.top is None:
            self.shared.top = self._top_line()
        return self.shared.top

    def _top_line(self) -> TopLine:
        state = self.state
        levels = state.deck.levels
        return TopLine(
            level=state.level,
            level_name=levels[state.level - 1].name if levels else "",
            rounds_done=state.round,
            rounds=state.rules.rounds,
            scoring=state.rules.scoring,
            scores=tuple(
                (player.name, state.scores.total(seat)) for seat, player in enumerate(state.players)
            ),
            team_total=state.scores.team_total,
            goal=state.rules.goal,
            names_shown=state.phase is not Phase.DEEPER,
        )

    def banners(self) -> tuple[tuple[str, str], ...]:
        """Each wild card's title and explanation (the deck's own words, else the game's),
        while the card is answered: while marks are given the headline names them, and wild
        cards drawn before an action card wait for the next prompt."""
        state, t = self.state, self.t
        if state.phase not in (Phase.SHARE, Phase.RESPOND) or action_on_table(state):
            return ()
        words = []
        for card in state.wild_cards:
            effect = card.wild.value if card.wild else "double"
            words.append((t(f"wild_title_{effect}"), card.text or t(f"wild_text_{effect}")))
        return tuple(words)

    def role(self) -> str:
        state, seat = self.state, self.seat
        if seat is None or state.phase in (Phase.FINISHED, Phase.DEEPER):
            return ""
        answering = state.sharer if state.phase is Phase.DEAL else state.speaker
        return "sharer" if seat == answering else "listener"

    def card(self) -> CardView | None:
        state = self.state
        card = state.current_card
        if card is None or state.phase not in _CARD_SHOWN:
            return None
        # A phone's listener gets the card's ideas once the story is told: first they listen.
        responding = state.phase is Phase.RESPOND and self.role() == "listener"
        ideas = self.seat is None or responding
        return self.shared.once(("card", ideas), lambda: self._card(ideas))  # type: ignore[no-any-return]

    def _card(self, ideas: bool) -> CardView | None:
        state, t = self.state, self.t
        card = state.current_card
        assert card is not None
        follow_ups = card.follow_ups if ideas else ()
        wilds = tuple(
            (t(f"wild_title_{c.wild.value}"), c.text)
            for c in state.wild_cards
            if c.wild is not None and not card.is_action  # those wait for the next prompt
        )
        words = card.text if card.is_action else card.prompt
        return CardView(words, card_caption(t, state), tuple(follow_ups), wilds, card.is_action)

    def acted_on_phones(self, now: Stage) -> str:
        """On the TV, "Phones: 2 of 4 have marked": that players on phones acted, never what."""
        phones = self.session.phones
        if self.seat is not None or not phones:
            return ""
        state = self.state
        if now is not Stage.MARK:  # responding and the vote count everyone's answers already
            return ""
        acted, key = {a.seat for a in state.pending}, "phones_marked"
        count = len(acted & phones)
        return self.t(key, count=count, total=len(phones)) if count else ""

    def undo(self) -> Offer:
        """Take back the last mark given here (on the TV: at the laptop; never a phone's)."""
        own = [a for a in self.state.pending if a.seat in self.here]
        seats = (own[-1].seat,) if own else ()
        everyone = tuple(self.state.seats)
        return Offer(
            Choice(Do.UNDO), self.t("table_undo"), "U", bool(own), by=everyone, seats=seats
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
        """One row per listener (the speaker gives), then the speaker's row (each listener
        gives their own). A view shows only the rows its device gives; on the TV, a row given
        only on phones says so and shows nothing of what."""
        state, t = self.state, self.t
        speaker = state.speaker
        rows = []
        if self.seat is None or self.seat == speaker:
            giver = speaker if speaker in self.here else None
            for receiver in state.listeners:
                title = t("award_listener_row", name=self.name(receiver))
                rows.append(self.row(receiver, title, False, self.listener_marks(), giver))
        if self.seat is None or self.seat != speaker:
            if len(state.listeners) == 1:
                title = t(
                    "award_sharer_row_one_listener",
                    name=self.name(speaker),
                    listener=self.name(state.listeners[0]),
                )
            else:
                title = t("award_sharer_row", name=self.name(speaker))
            # At the laptop the listeners there mark the speaker as one, in the first one's name.
            giver = next((s for s in state.listeners if s in self.here), None)
            rows.append(self.row(speaker, title, True, SHARER_MARKS, giver))
        return tuple(rows)

    def row(
        self,
        receiver: int,
        title: str,
        sharer: bool,
        kinds: tuple[AwardKind, ...],
        giver: int | None,
    ) -> MarkRow:
        state = self.state
        given = {a.kind for a in state.pending if a.seat == giver and a.receiver == receiver}
        labels = self.shared.once(("marks",), self._mark_labels)
        offers = []
        for kind in kinds:
            choice = mark(receiver, kind)
            on = giver is not None and kind in given
            # Not given yet: whether the rules let this seat give it (session.possible's
            # answer for a mark not given, without looking for it among the marks again).
            able = giver is not None and (
                on or engine.is_legal(state, Award(giver, receiver, kind))
            )
            label, number, points = labels[kind]
            offers.append(
                Offer(
                    choice,
                    label,
                    number,
                    enabled=able,
                    on=on,
                    by=(giver,) if giver is not None else (),
                    points=points,
                    seats=(giver,) if able and giver is not None else (),
                )
            )
        if giver is None:
            return MarkRow(
                receiver, self.t("phones_row", title=title), sharer, tuple(offers), on_phone=True
            )
        return MarkRow(receiver, title, sharer, tuple(offers))

    def _mark_labels(self) -> dict[AwardKind, tuple[str, str, int]]:
        """Each mark's label, key and points now (0 when scoring is off): the same in every
        row of every view of this state."""
        state = self.state
        scoring = state.rules.scoring is not Scoring.OFF
        multiplier = state.multiplier
        return {
            kind: (
                self.t(f"award_{kind.value}"),
                str(number),
                state.rules.points_for(kind) * multiplier if scoring else 0,
            )
            for kind, number in MARK_NUMBERS.items()
        }

    # ------------------------------------------------------------ keys and memory

    def keys(
        self,
        bar: tuple[Offer, ...],
        marks: tuple[MarkRow, ...],
        row: int,
        remember: tuple[Offer, ...],
    ) -> dict[str, Choice]:
        keys = {offer.key: offer.choice for offer in bar if offer.key}
        primary = next((o for o in bar if o.primary), None)
        if primary is not None:
            keys["Enter"] = primary.choice
        if marks:
            listener_rows = [r for r in marks if not r.sharer]
            chosen = [listener_rows[row]] if row < len(listener_rows) else []
            for mark_row in (*chosen, *(r for r in marks if r.sharer)):
                for offer in mark_row.marks:
                    keys[offer.key] = offer.choice
        for offer in remember:
            keys[offer.key] = offer.choice
        return keys

    def aloud(self, card: CardView | None) -> tuple[Offer, ...]:
        """Read the card aloud (A) and, when this view shows some, its follow-ups (I): on the
        laptop's voice, asked from the laptop or any phone, while the table has a voice."""
        if self.session.reader is None or card is None:
            return ()
        t, everyone = self.t, tuple(self.state.seats)
        seats = (self.here or everyone)[:1]
        offers = [Offer(Choice(Do.READ_CARD), t("table_read_aloud"), "A", by=everyone, seats=seats)]
        if card.follow_ups:
            label = t("table_read_ideas")
            offers.append(Offer(Choice(Do.READ_IDEAS), label, "I", by=everyone, seats=seats))
        return tuple(offers)

    def remember(self) -> tuple[Offer, ...]:
        session = self.session
        card = memory_card(session)
        if card is None or session.memory is None:
            return ()
        t = self.t
        seats = None if self.seat is None else frozenset({self.seat})
        starred = session.starred_for(card, seats)
        everyone = tuple(self.state.seats)
        here = self.here or everyone[:1]
        star = t("table_starred") if starred else t("table_star")
        return (
            Offer(Choice(Do.STAR), star, "S", on=starred, by=everyone, seats=here[:1]),
            Offer(Choice(Do.NOT_FOR_US), t("table_not_for_us"), "N", by=everyone, seats=here[:1]),
        )


def retelling_listener(state: GameState) -> int:
    """The listener who retells a mirror card's story: the next seat after the speaker."""
    seats = state.seats
    return seats[(seats.index(state.speaker) + 1) % len(seats)]
