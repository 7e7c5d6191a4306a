"""The evening with no window: the game, its clock and one queue of choices, in one place.

Whoever takes part — a key or a click in the pygame window, a tap on a phone, a test, a
voice — hands the host `(seat, choice)`. Choices from other threads (the phones' server)
wait in `commands` until the game's thread calls `pump`; the window does that once a
frame, and `serve` does it with no window at all. Each choice is checked by the rules
for that seat, as a key press is, so there is one way in whatever the device.

The host also keeps the table's clock (`advance`): the time the players have spent at
the table tonight, which `EndTurn` carries and "deeper after some minutes" reads. It
runs while someone keeps time (the window's table screen, or `serve`), and not while a
menu is open or the players are on the title page.

Adapters follow the host (`follow`): they hear of each game it is given, and of the
closeness check while it is asked. game/cli.py starts them side by side.
"""

from __future__ import annotations

import time

# The queue `queue` itself hands out (SimpleQueue, and Empty), from the module it takes them
# from: the window makes its host before the title's first frame, and `queue` (its other
# queues, with threading and heapq) was about 1 ms more of every start (issue 27).
from _queue import Empty, SimpleQueue
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import threading

    from game.core.errors import RuleError
    from game.table.choices import Choice
    from game.table.closeness import ClosenessAsking, ClosenessRound
    from game.table.session import Session

# The window makes its host before the first frame, so this module keeps to what is
# imported by then (no attrs, not even game.core): the rest comes with the first game.

# The choices of the closeness check (Do.PICTURE and Do.KEEP): the check is not the game's.
CLOSENESS_CHOICES = frozenset({"closeness", "keep"})


def _ignore(error: RuleError) -> None:
    """A refused choice nobody needs to hear of (a stale key press)."""


class Command(NamedTuple):
    """One choice from one seat, made anywhere."""

    seat: int
    choice: Choice
    # Told on the game's thread when the rules refuse it (the phone says "not now").
    refused: Callable[[RuleError], None] = _ignore


class Follower:
    """What an adapter hears from the host (each method may be left as it is)."""

    def attached(self, session: Session) -> None:
        """A game is on the table now (a new one, or one continued)."""

    def asking(self, asking: ClosenessAsking | None) -> None:
        """The closeness check is asked now (None: it no longer is)."""


class Host:
    def __init__(self) -> None:
        self.session: Session | None = None
        self.closeness: ClosenessAsking | None = None
        self.commands: SimpleQueue[Command] = SimpleQueue()
        self.followers: list[Follower] = []
        self.taken = 0  # choices from the queue the rules accepted (tests and the benchmark)

    # ------------------------------------------------------------ who follows

    def follow(self, follower: Follower) -> Callable[[], None]:
        """Tell `follower` of each game and each closeness check from now on (and of the
        ones on the table now); returns the call that stops it."""
        self.followers.append(follower)
        if self.session is not None:
            follower.attached(self.session)
        if self.closeness is not None:
            follower.asking(self.closeness)
        return lambda: self.followers.remove(follower) if follower in self.followers else None

    def attach(self, session: Session) -> None:
        """Play this game from now on."""
        self.session = session
        for follower in list(self.followers):
            follower.attached(session)

    def ask_closeness(self, round_: ClosenessRound, when: str) -> ClosenessAsking:
        """Ask the closeness check now, on the laptop and on every phone, until `end_closeness`."""
        from game.table.closeness import ClosenessAsking

        self.closeness = ClosenessAsking(round_, when)
        for follower in list(self.followers):
            follower.asking(self.closeness)
        return self.closeness

    def end_closeness(self) -> None:
        self.closeness = None
        for follower in list(self.followers):
            follower.asking(None)

    # ------------------------------------------------------------ choices

    def take(self, seat: int, choice: Choice) -> None:
        """Do `choice` for `seat` now, on the game's thread; a RuleError changes nothing."""
        from game.core.errors import NotThisPhase

        if choice.do.value in CLOSENESS_CHOICES:
            if self.closeness is None:
                raise NotThisPhase("The closeness check is not being asked now.")
            self.closeness.take(seat, choice)
            return
        if self.session is None:
            raise NotThisPhase("There is no game on the table.")
        self.session.choose(seat, choice)

    def submit(self, command: Command) -> None:
        """Queue a choice from any thread; the game's thread takes it at its next `pump`."""
        self.commands.put(command)

    def pending(self) -> bool:
        return not self.commands.empty()

    def pump(self, limit: int = 1024, first: Command | None = None) -> int:
        """Take the queued choices (`first` before them) on the game's thread; how many.

        However many came, the game is saved and its followers told once, after the last:
        twelve phones sending fifty marks a second would otherwise cost a save each."""
        if first is None and self.commands.empty():
            return 0  # the common frame: nothing came (and the rules need not load for it)
        session = self.session
        if session is None:
            return self._take_queued(limit, first)
        with session.batch():
            return self._take_queued(limit, first)

    def _take_queued(self, limit: int, first: Command | None) -> int:
        from game.core.errors import RuleError

        done = 0
        while done < limit:
            if first is not None:
                command, first = first, None
            else:
                try:
                    command = self.commands.get_nowait()
                except Empty:
                    break
            done += 1
            try:
                self.take(command.seat, command.choice)
            except RuleError as error:
                command.refused(error)
                continue
            self.taken += 1
        return done

    # ------------------------------------------------------------ the clock

    def advance(self, seconds: float) -> None:
        """The players spent `seconds` more at the table (only while someone keeps time)."""
        if self.session is not None and seconds > 0:
            self.session.tick(seconds)

    def serve(self, stop: threading.Event, step: float = 0.05) -> None:
        """Run the table with no window until `stop` is set: take what comes in, keep time.

        The window's loop does the same once a frame; this is the loop for a table played
        only from phones (and for tests that want no pygame at all)."""
        last = time.monotonic()
        while not stop.is_set():
            try:
                first = self.commands.get(timeout=step)
            except Empty:
                first = None
            if first is not None:
                self.pump(first=first)
            now = time.monotonic()
            self.advance(now - last)
            last = now
