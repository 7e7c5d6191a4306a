"""The phones' adapter on the host: what the server hears becomes `(seat, choice)`, and
what the table shows each seat goes back out.

The server never touches the game: it turns each phone's tap into a `Choice` (the ids a
seat was last sent name them) and hands it to the host's queue (game/table/host.py),
which the game's thread takes as it takes a key press, checked by the same rules. After
every change, whoever caused it, `publish` builds each seat's view on the game's thread
and gives the server the finished data to send.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

import attrs

from game.phones.closeness_ask import closeness_view
from game.phones.phone_view import phone_data, seat_offers, waiting_view
from game.table.choices import Choice
from game.table.closeness import ClosenessAsking
from game.table.host import Command, Follower, Host
from game.table.session import Session
from game.table.views import step_key, table_view

# The least time between two sets of views sent to the phones, in seconds: a tap's own
# answer goes at once when none went in the last 50 ms, and a burst is sent at 20 a second.
PUBLISH_GAP = 0.05
# In the window, the most seats' views built again in one frame: when more changed (twelve
# phones tapping at once), the others are built in the next frame and all go out together
# then, so no frame carries twelve views (issue 27). A seat whose view is kept costs nothing.
SEATS_A_FRAME = 6

Words = Callable[..., str]
Reply = Callable[[dict[str, Any]], None]


class Outlet(Protocol):
    """Where the hub sends what the phones should show (the server, or a test)."""

    def publish(self, snapshot: Snapshot) -> None: ...

    def holders(self) -> frozenset[int]:
        """The seats a phone holds now (read from the game's thread)."""
        ...

    def languages(self) -> tuple[tuple[int, str], ...]:
        """(seat, language) for each seat a phone holds, and (-1, language) for each
        language a phone without a seat speaks: each phone follows its own."""
        ...


@attrs.frozen
class Snapshot:
    """Everything the server needs to answer phones until the next change."""

    names: tuple[str, ...]  # the seats, by player index ("" before any game)
    views: dict[int, dict[str, Any]]  # seat -> its view
    waiting: dict[str, Any]  # shown to a phone with no seat yet, or with no game
    # seat -> the choices its view offers, by id: how a tap's id becomes a Choice.
    choices: dict[int, dict[str, Choice]] = attrs.field(factory=dict)
    # The waiting view in each language a phone asked for (its Accept-Language), by tag.
    waiting_in: dict[str, dict[str, Any]] = attrs.field(factory=dict)


class Hub(Follower):
    def __init__(
        self,
        t: Words,
        host: Host | None = None,
        words: Callable[[], Any] | None = None,
        after_frame: bool = False,
    ) -> None:
        self.t = t
        self.host = host or Host()
        # The window pumps the hub once a frame, after drawing it (game/phones/link.py): a
        # change's views then wait for that pump instead of going out in the middle of the
        # frame that applied it.
        self.after_frame = after_frame
        self.words = words or (lambda: None)  # the game's Words, loaded when first asked
        self.outlets: list[Outlet] = []
        self.session: Session | None = None
        self.closeness: ClosenessAsking | None = None  # while the closeness check is asked
        self._stop_listening: Callable[[], None] | None = None
        self.phones: frozenset[int] = frozenset()  # seats a phone holds now (from the server)
        self._dirty = False
        self._published_at = -PUBLISH_GAP  # time.monotonic() of the last publish
        self._choices_key: tuple[object, ...] | None = None
        self._choices_by_seat: dict[int, dict[str, Choice]] = {}
        self._spoken: tuple[tuple[int, str], ...] = ()  # the phones' languages last published
        self._texts: dict[str, Words] = {}  # the UI's words in each phone's language
        self._words_by_language: dict[str, Any] = {}
        self._latest = Snapshot((), {}, {})  # what was last published: read by the server
        # Each seat's data as last published, with the view and words it was made from: a
        # seat whose view is kept (nothing new for it) keeps the very same data, which the
        # server then knows it sent already (`PhoneServer._refresh`).
        self._data: dict[int, tuple[object, Words, Any, dict[str, Any]]] = {}
        # A publish being built over frames (`_publish_by_parts`): what it is for (the step
        # of the turn and the phones' languages), and each seat's data built so far.
        self._part: tuple[object, dict[int, dict[str, Any]]] | None = None
        self._changed_in_part = False  # the game changed while a publish was being built
        self.stop_following = self.host.follow(self)

    @property
    def applied(self) -> int:
        """Choices the host took from its queue (tests and the benchmark)."""
        return self.host.taken

    # ------------------------------------------------------------ the game (Follower)

    def attached(self, session: Session) -> None:
        """Phones follow this game from now on (a new game, or one continued)."""
        if self._stop_listening is not None:
            self._stop_listening()
        self.session = session
        session.phones = self.phones  # what those players choose stays off the TV
        self._stop_listening = session.subscribe(self._changed)
        self._choices_key = None
        self.publish()

    def attach(self, session: Session) -> None:
        """Give the host this game (tests: the window does it through the host)."""
        self.host.attach(session)

    def asking(self, asking: ClosenessAsking | None) -> None:
        """The closeness check is asked now: phones show its pictures until it ends."""
        self.closeness = asking
        if asking is not None:
            asking.listeners.append(lambda: self._changed(None, None))
        self.publish()

    def _changed(self, before: object, after: object) -> None:
        """Something changed: the phones are sent their views now, or at the next pump
        when views went out less than PUBLISH_GAP ago (a burst is sent at 20 a second) or
        the window pumps the hub after each frame (`after_frame`)."""
        if self._publish_due() and not self.after_frame:
            self.publish()
        else:
            self._dirty = True
            # A seat built already for the publish under way may have changed: the views
            # go out as built, and again at the next publish.
            self._changed_in_part = self._part is not None

    # ------------------------------------------------------------ from the server

    def submit(self, seat: int, choice_id: str, reply: Reply) -> None:
        """A phone's tap (on the server's thread): the choice its id named in the views
        last sent, queued for the game's thread; "not now" for an id it was not offered."""
        latest = self._latest
        if not latest.choices:
            reply({"type": "error", "code": "no_game", "message": self.t("phone_no_game")})
            return
        choice = latest.choices.get(seat, {}).get(choice_id)
        if choice is None:
            reply(self._not_now())
            return
        self.host.submit(Command(seat, choice, refused=lambda error: reply(self._not_now())))

    # ------------------------------------------------------------ phones

    def pending(self) -> bool:
        """Whether a phone sent something, or joined or left, since the last `pump`, or
        views held back (see `pump`) are due now."""
        return (
            self.host.pending()
            or self._held() != self.phones
            or self._languages() != self._spoken
            or (self._dirty and self._publish_due())
        )

    def _publish_due(self) -> bool:
        return time.monotonic() - self._published_at >= PUBLISH_GAP

    def _languages(self) -> tuple[tuple[int, str], ...]:
        spoken: set[tuple[int, str]] = set()
        for outlet in self.outlets:
            asked = getattr(outlet, "languages", None)  # an outlet in a test may not say
            if asked is not None:
                spoken.update(asked())
        return tuple(sorted(spoken))

    def t_in(self, language: str) -> Words:
        """The UI's words in `language` (the laptop's own for its language or English's
        fallback), read once per language from the compiled catalog."""
        own = getattr(self.t, "language", "en")
        if language == own:
            return self.t
        found = self._texts.get(language)
        if found is None:
            from game.content.ui_text import UiTextError, load_ui_text
            from game.store.paths import cache_dir

            try:
                found = load_ui_text(language, cache_dir=cache_dir())
            except UiTextError:
                found = self.t
            self._texts[language] = found
        return found

    def _held(self) -> frozenset[int]:
        return frozenset().union(*(outlet.holders() for outlet in self.outlets))

    def pump(self, limit: int = 1024, take: bool = True) -> int:
        """Take what phones sent since the last frame (on the game's thread); how many.

        The host takes them all in one batch, so the phones are sent their views once,
        after the last, and at most once every PUBLISH_GAP. A view held back goes at the
        next due `pump`. `take=False`: the caller has just pumped the host itself (the
        window's frame does, first thing): taps that came in between wait for the next
        frame, so a frame applies one batch and redraws the table once, not twice."""
        done = self.host.pump(limit) if take else 0
        held = self._held()
        if held != self.phones:
            taken = held - self.phones
            self.phones, self._dirty = held, True
            if self.session is not None:
                self.session.phones = held
                self.session.changes += 1  # the TV's view changes: a row moves to a phone
                self.session.outside_changes += 1
            if self.session is not None and taken:
                # A phone took a seat: its key is saved with the game (`Session.extras`),
                # so after a crash it takes the seat back by itself.
                self.session.save(soon=True)
        if self._languages() != self._spoken:  # a phone in a new language: its own words
            self._dirty = True  # (and its page's lang and dir) while it picks a seat
        if self._dirty and self._publish_due():
            if self.after_frame:
                self._publish_by_parts()
            else:
                self.publish()
        return done

    def _publish_by_parts(self) -> None:
        """In the window: build at most SEATS_A_FRAME seats' views again this frame and
        publish when every seat's is built (a frame or two). A seat built in the frame
        before keeps that view until the next publish, as a view sent keeps it: each seat's
        view is whole, of one state, and its choices are the step's (`_choices`)."""
        session = self.session
        if session is None or self.closeness is not None:
            self.publish()
            return
        spoken = self._languages()
        key = (step_key(session), spoken, self.phones)
        part = self._part
        if part is None or part[0] != key:
            part = self._part = (key, {})
        built = part[1]
        by_seat = {seat: language for seat, language in spoken if seat >= 0}
        budget = SEATS_A_FRAME
        for seat in range(len(session.state.players)):
            if seat in built:
                continue
            if budget == 0:
                return  # the others in the next frame: still held back, still due
            kept = self._data.get(seat)
            t = self.t_in(by_seat[seat]) if seat in by_seat else self.t
            built[seat] = self._phone_data(session, seat, t)
            if kept is None or built[seat] is not kept[3]:
                budget -= 1
        again = self._changed_in_part
        self.publish(built)
        self._dirty = again  # a seat built before the game changed is built again next time

    def _choices(self, session: Session) -> dict[int, dict[str, Choice]]:
        """Each seat's choices by id, the same for every state of one step of a turn (who
        may mark whom does not change as marks come): found once, not once a tap. Whether
        a choice is possible at the moment of the tap is the rules' answer (`choose`)."""
        key = step_key(session)
        if self._choices_key != key:
            self._choices_by_seat = {
                seat: {o.id: o.choice for o in seat_offers(table_view(session, self.t, seat))}
                for seat in range(len(session.state.players))
            }
            self._choices_key = key
        return self._choices_by_seat

    def _not_now(self) -> dict[str, Any]:
        return {"type": "error", "code": "not_now", "message": self.t("phone_not_now")}

    # ------------------------------------------------------------ what phones see

    def snapshot(self, built: dict[int, dict[str, Any]] | None = None) -> Snapshot:
        """What the phones are sent now (`built`: the seats' data, built already)."""
        self._spoken = spoken = self._languages()
        by_seat = {seat: language for seat, language in spoken if seat >= 0}
        asked = {language for _, language in spoken}
        found = self._snapshot(by_seat, built or {})
        waiting_in = {
            language: waiting_view(self.t_in(language), found.names) for language in asked
        }
        return attrs.evolve(found, waiting_in=waiting_in)

    def _snapshot(self, by_seat: dict[int, str], built: dict[int, dict[str, Any]]) -> Snapshot:
        def t(seat: int) -> Words:
            return self.t_in(by_seat[seat]) if seat in by_seat else self.t

        ask = self.closeness
        if ask is not None:  # before the first card there is no game yet, only its names
            names = ask.round.names
            views = {seat: closeness_view(ask, seat, t(seat)) for seat in range(len(names))}
            choices = {
                seat: {choice.id: choice for choice in ask.choices(seat)}
                for seat in range(len(names))
            }
            return Snapshot(names, views, waiting_view(self.t, names), choices)
        session = self.session
        if session is None:
            return Snapshot((), {}, waiting_view(self.t))
        state = session.state
        names = tuple(p.name for p in state.players)
        views = {
            seat: built[seat] if seat in built else self._phone_data(session, seat, t(seat))
            for seat in range(len(names))
        }
        return Snapshot(names, views, waiting_view(self.t, names), self._choices(session))

    def _phone_data(self, session: Session, seat: int, t: Words) -> dict[str, Any]:
        """The data for the phone at `seat`: the same object as last time when its view is
        (a tap from another seat changes nothing this seat may see)."""
        words = self._words_in(t)
        view = table_view(session, t, seat)
        kept = self._data.get(seat)
        if kept is not None and kept[0] is view and kept[1] is t and kept[2] is words:
            return kept[3]
        data = phone_data(view, t, words)
        self._data[seat] = (view, t, words, data)
        return data

    def _words_in(self, t: Words) -> Any:
        """The game's Words (feelings, starters) in the language of `t`."""
        if t is self.t:
            return self.words()
        language = getattr(t, "language", "en")
        key = f"words:{language}"
        if key not in self._words_by_language:
            from game.content.words import load_words

            self._words_by_language[key] = load_words(language)[0]
        return self._words_by_language[key]

    def publish(self, built: dict[int, dict[str, Any]] | None = None) -> None:
        self._dirty, self._published_at, self._part = False, time.monotonic(), None
        self._changed_in_part = False
        # Built even with no page connected: the server reads it to understand a tap.
        snapshot = self._latest = self.snapshot(built)
        for outlet in self.outlets:
            outlet.publish(snapshot)
