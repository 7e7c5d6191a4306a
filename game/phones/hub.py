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

from game.core.errors import RuleError
from game.core.state import GameState, Phase
from game.phones.closeness_ask import ClosenessAsk
from game.phones.phone_view import phone_view, seat_offers, waiting_view
from game.table.choices import Choice
from game.table.session import Session
from game.table.views import table_view

# The least time between two sets of views sent to the phones, in seconds: a tap's own
# answer goes at once when none went in the last 50 ms, and a burst is sent at 20 a second.
PUBLISH_GAP = 0.05

Words = Callable[..., str]
Reply = Callable[[dict[str, Any]], None]
Moment = tuple[int, Phase, int, int]  # turn, phase, speaker, level


class Outlet(Protocol):
    """Where the hub sends what the phones should show (the server, or a test)."""

    def publish(self, snapshot: Snapshot) -> None: ...

    def holders(self) -> frozenset[int]:
        """The seats a phone holds now (read from the game's thread)."""
        ...


@attrs.frozen
class Snapshot:
    """Everything the server needs to answer phones until the next change."""

    names: tuple[str, ...]  # the seats, by player index ("" before any game)
    views: dict[int, dict[str, Any]]  # seat -> its view
    waiting: dict[str, Any]  # shown to a phone with no seat yet, or with no game


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
        self.acted: set[int] = set()  # seats that acted by phone in this step of the turn
        self.phones: frozenset[int] = frozenset()  # seats a phone holds now (from the server)
        self._moment: Moment | None = None
        self._quiet = self._dirty = False
        self._published_at = -PUBLISH_GAP  # time.monotonic() of the last publish
        self._choices_key: tuple[object, ...] | None = None
        self._choices_by_seat: dict[int, dict[str, Choice]] = {}
        self.applied = 0  # choices from phones the session took (tests and the benchmark)

    # ------------------------------------------------------------ the game

    def attach(self, session: Session) -> None:
        """Phones follow this game from now on (a new game, or one continued)."""
        if self._stop_listening is not None:
            self._stop_listening()
        self.session = session
        self._stop_listening = session.subscribe(self._changed)
        self._moment = None
        self.publish()

    def _changed(self, before: GameState, after: GameState) -> None:
        if self._quiet:  # inside `pump`: sent once, after the last phone's choice
            self._dirty = True
        else:
            self.publish()

    def moment(self, state: GameState) -> Moment:
        """What 'acted' is counted within: one step of one speaker's turn."""
        return (state.turn, state.phase, state.speaker_index, state.level)

    # ------------------------------------------------------------ phones

    def pending(self) -> bool:
        """Whether a phone sent something, or joined or left, since the last `pump`, or
        views held back (see `pump`) are due now."""
        return (
            not self.inbox.empty()
            or self._held() != self.phones
            or (self._dirty and self._publish_due())
        )

    def _publish_due(self) -> bool:
        return time.monotonic() - self._published_at >= PUBLISH_GAP

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
        seat, state = inbound.seat, session.state
        choice = self._choices(session).get(seat, {}).get(inbound.choice_id)
        if choice is None or seat in self._answered(state):
            inbound.reply(self._not_now())
            return
        moment = self.moment(state)
        had = set(self.acted) if self._moment == moment else set()
        self._act(moment, seat)  # before the change, so the TV's redraw already counts it
        try:
            session.choose(choice)  # the engine checks it is possible now, as for a key
        except RuleError:
            self.acted = had
            inbound.reply(self._not_now())
            return
        self.applied += 1
        self._dirty = True

    def _choices(self, session: Session) -> dict[int, dict[str, Choice]]:
        """Each seat's choices by id, the same for every state of one step of a turn (who
        may mark whom does not change as marks come): found once, not once a tap."""
        state = session.state
        key = (
            self.moment(state),
            state.card,
            state.speaker,
            state.speakers,
            session.mirror.retelling(state),  # a mirror's retelling, then responding
            session.memory is not None,
        )
        if self._choices_key != key:
            view = table_view(session, self.t)
            self._choices_by_seat = {
                seat: {o.id: o.choice for o in seat_offers(view, state, seat, frozenset())}
                for seat in range(len(state.players))
            }
            self._choices_key = key
        return self._choices_by_seat

    def _not_now(self) -> dict[str, Any]:
        return {"type": "error", "code": "not_now", "message": self.t("phone_not_now")}

    def _act(self, moment: Moment, seat: int) -> None:
        if self._moment != moment:
            self._moment, self.acted = moment, set()
        self.acted.add(seat)

    def _answered(self, state: GameState) -> frozenset[int]:
        if state.phase is not Phase.DEEPER or self._moment != self.moment(state):
            return frozenset()
        return frozenset(self.acted)

    # ------------------------------------------------------------ what phones and the TV see

    def acted_line(self) -> str:
        """ "2 of 4 phones have marked": that someone acted, never what (empty when nothing)."""
        session = self.session
        if session is None or not self.phones:
            return ""
        state = session.state
        if self._moment != self.moment(state) or not self.acted:
            return ""
        key = {Phase.AWARD: "phones_marked", Phase.DEEPER: "phones_answered"}.get(
            state.phase, "phones_acted"
        )
        return self.t(key, count=len(self.acted & self.phones), total=len(self.phones))

    def snapshot(self) -> Snapshot:
        ask = self.closeness
        if ask is not None:  # before the first card there is no game yet, only its names
            names = ask.round.names
            views = {seat: ask.view(seat, self.t) for seat in range(len(names))}
            return Snapshot(names, views, waiting_view(self.t, names))
        session = self.session
        if session is None:
            return Snapshot((), {}, waiting_view(self.t))
        state = session.state
        names = tuple(p.name for p in state.players)
        words = self.words()
        answered, line = self._answered(state), self.acted_line()
        view = table_view(session, self.t)  # once for every phone
        views = {
            seat: phone_view(session, self.t, seat, words, answered, line, view)
            for seat in range(len(names))
        }
        return Snapshot(names, views, waiting_view(self.t, names))

    def publish(self) -> None:
        self._dirty, self._published_at = False, time.monotonic()
        if not self.outlets:
            return
        snapshot = self.snapshot()
        for outlet in self.outlets:
            outlet.publish(snapshot)
