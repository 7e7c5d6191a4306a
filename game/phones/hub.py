"""The bridge between the phones' server thread and the game's thread.

The server never touches the session: it puts each phone's choice in `inbox` (a
thread-safe queue), and the game's loop calls `pump()` once a frame, which checks the
choice against that seat's view and hands it to `Session.choose`, exactly as a key press.
After every change, whoever caused it, `publish` builds each seat's view on the game's
thread and gives the server the finished data to send.
"""

from __future__ import annotations

import contextlib
import queue
import time
from collections.abc import Callable
from typing import Any, Protocol

import attrs

from game.phones.closeness_ask import ClosenessAsk
from game.phones.phone_view import phone_view, seat_offers, waiting_view
from game.table.choices import Choice
from game.table.session import Session
from game.table.views import RuleError, step_key, table_view

# The least time between two sets of views sent to the phones, in seconds: a tap's own
# answer goes at once when none went in the last 50 ms, and a burst is sent at 20 a second.
PUBLISH_GAP = 0.05

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
    # The same in each language a phone asked for (its Accept-Language), by tag.
    waiting_in: dict[str, dict[str, Any]] = attrs.field(factory=dict)


@attrs.frozen
class Inbound:
    seat: int
    choice_id: str
    reply: Reply


class Hub:
    def __init__(self, t: Words, words: Callable[[], Any] | None = None) -> None:
        self.t = t
        self.words = words or (lambda: None)  # the game's Words, loaded when first asked
        self.inbox: queue.SimpleQueue[Inbound] = queue.SimpleQueue()
        self.outlets: list[Outlet] = []
        self.session: Session | None = None
        self.closeness: ClosenessAsk | None = None  # while the laptop asks the closeness check
        self._stop_listening: Callable[[], None] | None = None
        self.phones: frozenset[int] = frozenset()  # seats a phone holds now (from the server)
        self._quiet = self._dirty = False
        self._published_at = -PUBLISH_GAP  # time.monotonic() of the last publish
        self._choices_key: tuple[object, ...] | None = None
        self._choices_by_seat: dict[int, dict[str, Choice]] = {}
        self.applied = 0  # choices from phones the session took (tests and the benchmark)
        self._spoken: tuple[tuple[int, str], ...] = ()  # the phones' languages last published
        self._texts: dict[str, Words] = {}  # the UI's words in each phone's language
        self._words_by_language: dict[str, Any] = {}

    # ------------------------------------------------------------ the game

    def attach(self, session: Session) -> None:
        """Phones follow this game from now on (a new game, or one continued)."""
        if self._stop_listening is not None:
            self._stop_listening()
        self.session = session
        session.phones = self.phones  # what those players choose stays off the TV
        self._stop_listening = session.subscribe(self._changed)
        self._choices_key = None
        self.publish()

    def _changed(self, before: object, after: object) -> None:
        if self._quiet:  # inside `pump`: sent once, after the last phone's choice
            self._dirty = True
        else:
            self.publish()

    # ------------------------------------------------------------ phones

    def pending(self) -> bool:
        """Whether a phone sent something, or joined or left, since the last `pump`, or
        views held back (see `pump`) are due now."""
        return (
            not self.inbox.empty()
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

    def pump(self, limit: int = 1024) -> int:
        """Apply what phones sent since the last frame (on the game's thread); how many.

        However many arrived, the phones are sent their views once, after the last, and
        at most once every PUBLISH_GAP: twelve busy phones would otherwise have twelve
        views built and sent every frame. A view held back goes at the next due `pump`.
        """
        done = 0
        self._quiet = True
        batch = self.session.batch() if self.session is not None else contextlib.nullcontext()
        try:
            with batch:  # one save and one redraw for all of this frame's choices
                while done < limit:
                    try:
                        inbound = self.inbox.get_nowait()
                    except queue.Empty:
                        break
                    done += 1
                    self._take(inbound)
        finally:
            self._quiet = False
        held = self._held()
        if held != self.phones:
            taken = held - self.phones
            self.phones, self._dirty = held, True
            if self.session is not None:
                self.session.phones = held
                self.session.changes += 1  # the TV's view changes: a row moves to a phone
            if self.session is not None and taken:
                # A phone took a seat: its key is saved with the game (`Session.extras`),
                # so after a crash it takes the seat back by itself.
                self.session.save(soon=True)
        if self._dirty and self._publish_due():
            self.publish()
        return done

    def ask_closeness(self, ask: ClosenessAsk) -> None:
        """The closeness check is asked now: phones show its pictures until `end_closeness`."""
        self.closeness = ask
        self.publish()

    def end_closeness(self) -> None:
        self.closeness = None
        self.publish()

    def _take(self, inbound: Inbound) -> None:
        if self.closeness is not None:
            if self.closeness.take(inbound.seat, inbound.choice_id):
                self.applied += 1
                self._dirty = True
            else:
                inbound.reply(self._not_now())
            return
        session = self.session
        if session is None:
            inbound.reply({"type": "error", "code": "no_game", "message": self.t("phone_no_game")})
            return
        seat = inbound.seat
        choice = self._choices(session).get(seat, {}).get(inbound.choice_id)
        if choice is None:
            inbound.reply(self._not_now())
            return
        try:
            session.choose(seat, choice)  # the rules check this seat may, as for a key
        except RuleError:
            inbound.reply(self._not_now())
            return
        self.applied += 1
        self._dirty = True

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

    def snapshot(self) -> Snapshot:
        self._spoken = spoken = self._languages()
        by_seat = {seat: language for seat, language in spoken if seat >= 0}
        asked = {language for _, language in spoken}
        found = self._snapshot(by_seat)
        waiting_in = {
            language: waiting_view(self.t_in(language), found.names) for language in asked
        }
        return attrs.evolve(found, waiting_in=waiting_in)

    def _snapshot(self, by_seat: dict[int, str]) -> Snapshot:
        def t(seat: int) -> Words:
            return self.t_in(by_seat[seat]) if seat in by_seat else self.t

        ask = self.closeness
        if ask is not None:  # before the first card there is no game yet, only its names
            names = ask.round.names
            views = {seat: ask.view(seat, t(seat)) for seat in range(len(names))}
            return Snapshot(names, views, waiting_view(self.t, names))
        session = self.session
        if session is None:
            return Snapshot((), {}, waiting_view(self.t))
        state = session.state
        names = tuple(p.name for p in state.players)
        views = {
            seat: phone_view(session, t(seat), seat, self._words_in(t(seat)))
            for seat in range(len(names))
        }
        return Snapshot(names, views, waiting_view(self.t, names))

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

    def publish(self) -> None:
        self._dirty, self._published_at = False, time.monotonic()
        if not self.outlets:
            return
        snapshot = self.snapshot()
        for outlet in self.outlets:
            outlet.publish(snapshot)
