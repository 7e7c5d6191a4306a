"""One game in progress: the engine state, the table's own walk, the clock, the save.

Every change goes through here, whoever causes it (a key, a click, a phone, a timer):
`choose` takes a choice from a view model, `dispatch` an engine action. Each new state is
saved at once and then told to every listener as (before, after), so a screen that did
not cause a change (a level change, the end of the game) still sees it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from game.core import engine
from game.core.actions import (
    Action,
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
from game.core.errors import InvalidAction, RuleError
from game.core.rules import AwardKind
from game.core.state import GameState, Phase
from game.store.log import log_exception
from game.table.choices import Choice, Do
from game.table.closeness import ClosenessRound

if TYPE_CHECKING:
    from game.store.memory import Keeper
    from game.store.saves import LoadedSave

Listener = Callable[[GameState, GameState], None]
# Who reads the card aloud at this table: the window, while it has a voice. Given the seat
# that asked and the choice (Do.READ_CARD or Do.READ_IDEAS); it must return at once.
Reader = Callable[[int, Choice], None]
READING = (Do.READ_CARD, Do.READ_IDEAS)


class Saver(Protocol):
    def save(self, state: GameState, table: dict[str, Any] | None = None) -> None: ...


class Session:
    def __init__(
        self,
        state: GameState,
        store: Saver | None,
        elapsed: float = 0.0,
        memory: Keeper | None = None,
        closeness: ClosenessRound | None = None,
    ) -> None:
        self.state = state
        self.store = store
        self.elapsed = elapsed  # table time in seconds, pauses excluded: EndTurn carries it
        self.save_failed = False
        # The group's memory of cards across evenings (None when Settings turn it off).
        self.memory = memory
        # The closeness check's answers from before the first card, asked again at the end.
        self.closeness = closeness
        # Seats whose players choose on their own phones: what they choose is theirs
        # until it is shown (game/table/views.py keeps it off the TV).
        self.phones: frozenset[int] = frozenset()
        # Tonight's stars, by card: which seats starred it (see `_toggle_star`).
        self.stars: dict[str, frozenset[int]] = {}
        # Cards said "not for us" after the listeners responded: they stay on the table
        # tonight, and are never offered to remember again.
        self.put_away_later: set[str] = set()
        self.listeners: list[Listener] = []
        self.changes = 0  # counts every change (a star too): what was read before is stale
        # ...and of those, the ones the game's state does not hold (a star, a voice, a row
        # moved to a phone): with the state, what a view is built from (views.table_view)
        self.outside_changes = 0
        # views.table_view's last answer for each device: (what it saw, on the TV how many
        # phones had marked, words, view)
        self.view_memo: dict[tuple[int | None, int], tuple[Any, Any, Any, Any]] = {}
        # ...and what every device's view of the state now shares (views.Shared), worked
        # out once for all of them
        self.view_shared: Any = None
        # More the save keeps beside the game, by name: asked at each save (the phones'
        # room, so phones take their seats back after a crash).
        self.extras: dict[str, Callable[[], Any]] = {}
        # Who reads aloud (None: nobody here can; views then offer no "read aloud").
        self.reader: Reader | None = None
        self._batch: GameState | None = None  # the state before a batch, while one runs
        self._batch_changed = False
        if memory is not None:
            memory.dealt(state.card)

    # ------------------------------------------------------------ listening

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Tell `listener` of every change from now on; returns the call that stops it."""
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener) if listener in self.listeners else None

    def _changed(self, before: GameState) -> None:
        self.changes += 1
        if self.state is before:
            self.outside_changes += 1
        if self.memory is not None and self.state.card != before.card:
            self.memory.dealt(self.state.card)
        if self._batch is not None:
            self._batch_changed = True  # saved and told once, when the batch ends
            return
        self._save_and_tell(before)

    def read_by(self, reader: Reader | None) -> None:
        """Read aloud through `reader` from now on (None: nobody can). The views change
        (a "read aloud" choice comes or goes), so every listener hears of it; the game is
        the same, so nothing is saved."""
        if reader is self.reader:
            return
        self.reader = reader
        self.changes += 1
        self.outside_changes += 1
        for listener in list(self.listeners):
            listener(self.state, self.state)

    def _save_and_tell(self, before: GameState, soon: bool = False) -> None:
        self.save(soon=soon)
        for listener in list(self.listeners):
            listener(before, self.state)

    @contextlib.contextmanager
    def batch(self, soon: bool = True) -> Iterator[None]:
        """Several choices in a row, as the phones' choices of one frame come: each is
        checked and applied as usual, then the game is saved and the listeners told once,
        (state before the first, state after the last), before that frame is drawn. Twelve
        phones sending fifty marks a second each would otherwise cost a save each.

        The save is handed to the store's writer thread where it has one (`save_soon`): a
        moment later on disk, and the frame does not wait for the disk; `soon=False` saves
        before it returns, as a press on the laptop does."""
        if self._batch is not None:
            yield
            return
        self._batch, self._batch_changed = self.state, False
        try:
            yield
        finally:
            before, self._batch = self._batch, None
            if self._batch_changed:
                self._save_and_tell(before, soon=soon)

    # ------------------------------------------------------------ acting

    def dispatch(self, action: Action) -> GameState:
        """Apply `action` (a RuleError leaves everything as it was), then save and tell."""
        before = self.state
        self.state = engine.apply(before, action)
        self._changed(before)
        return self.state

    def choose(self, seat: int, choice: Choice) -> GameState:
        """Do what a view offered `seat`: a move in the game, or a note in the group's memory.

        Raises a RuleError (and changes nothing) when that seat may not choose it now.
        """
        if choice.do in (Do.STAR, Do.NOT_FOR_US):
            return self._remember(seat, choice)
        if choice.do in READING:
            return self._read(seat, choice)
        return self.dispatch(self.move_for(seat, choice))

    def choose_all(self, seats: tuple[int, ...], choice: Choice) -> GameState:
        """One press on the laptop for every seat it acts for (the listeners at the laptop
        saying together that they are done responding): saved and told once."""
        with self.batch(soon=False):  # a key or a click is on disk before the next frame
            for seat in seats:
                self.choose(seat, choice)
        return self.state

    def possible(self, seat: int, choice: Choice) -> bool:
        """Whether `choose(seat, choice)` would be accepted now."""
        if choice.do in (Do.STAR, Do.NOT_FOR_US):
            return memory_card(self) is not None
        if choice.do in READING:
            return self.reader is not None and readable(self.state, choice.do)
        try:
            return engine.is_legal(self.state, self.move_for(seat, choice))
        except RuleError:
            return False

    def move_for(self, seat: int, choice: Choice) -> Action:
        """The move behind a choice made by `seat` (a mark the seat gave is taken back)."""
        state = self.state
        do = choice.do
        if do is Do.MARK:
            assert choice.receiver is not None and choice.mark is not None
            return mark_move(state, seat, choice.receiver, choice.mark)
        if do is Do.UNDO:
            own = [a for a in state.pending if a.seat == seat]
            if not own:
                raise InvalidAction("There is no mark to take back.")
            return TakeBack(seat, own[-1].receiver, own[-1].kind)
        if do is Do.END_TURN:
            return EndTurn(seat, elapsed_seconds=round(self.elapsed, 1))
        if do is Do.READY or do is Do.NOT_YET:
            return AnswerDeeper(seat, ready=do is Do.READY)
        move: Action = _MOVES[do](seat)
        return move

    def _read(self, seat: int, choice: Choice) -> GameState:
        """Ask the table's voice to read the card (or its follow-ups): no change to the game."""
        if self.reader is None:
            raise InvalidAction("Nothing reads aloud at this table.")
        if seat not in self.state.seats:
            raise InvalidAction(f"There is no player number {seat}.")
        if not readable(self.state, choice.do):
            raise InvalidAction("There is no card to read aloud now.")
        self.reader(seat, choice)
        return self.state

    def _remember(self, seat: int, choice: Choice) -> GameState:
        """A star or "not for us": a note in the group's memory, by one seat.

        "Not for us" before the listeners respond also puts the card away (a skip); after,
        the card stays on the table and is only kept from future evenings."""
        card = memory_card(self)
        if card is None or self.memory is None:
            raise InvalidAction("There is no card to remember now.")
        if seat not in self.state.seats:
            raise InvalidAction(f"There is no player number {seat}.")
        if choice.do is Do.STAR:
            self._toggle_star(seat, card)
            self._changed(self.state)
            return self.state
        skip = Skip(seat)
        if engine.is_legal(self.state, skip):
            self.memory.not_for_us(card)
            return self.dispatch(skip)
        self.memory.not_for_us(card)
        self.put_away_later.add(card)
        self._changed(self.state)
        return self.state

    def _toggle_star(self, seat: int, card: str) -> None:
        """Each seat stars a card for itself; the group's memory keeps it starred while
        anyone does. A star kept from another evening is the table's: any seat unstars it."""
        assert self.memory is not None
        seats = set(self.stars.get(card, ()))
        starred = self.memory.is_starred(card)
        if seat in seats:
            seats.discard(seat)
        elif starred and not seats:
            self.memory.toggle_star(card)  # an old star, taken off
            return
        else:
            seats.add(seat)
        self.stars[card] = frozenset(seats)
        if bool(seats) != starred:
            self.memory.toggle_star(card)

    def starred_for(self, card: str, seats: frozenset[int] | None) -> bool:
        """Whether the card shows as starred to these seats (None: the whole table, which
        sees a star given on a phone only when the laptop's players gave it too)."""
        if self.memory is None or not self.memory.is_starred(card):
            return False
        tonight = self.stars.get(card)
        if not tonight:
            return True  # starred on another evening: the table's
        if seats is None:
            return any(seat not in self.phones for seat in tonight)
        return bool(tonight & seats)

    # ------------------------------------------------------------ the file and the clock

    def table_part(self) -> dict[str, Any]:
        """What the save keeps beside the engine state: the clock, the walk, the check."""
        part: dict[str, Any] = {"elapsed_seconds": round(self.elapsed, 1)}
        if self.closeness is not None and self.closeness.asked_before():
            part["closeness"] = self.closeness.saved()
        for name, saved in self.extras.items():
            part[name] = saved()
        return part

    def save(self, soon: bool = False) -> None:
        """Save now, or (`soon`) on the store's writer thread when it has one."""
        if self.store is None:
            return
        save_soon = getattr(self.store, "save_soon", None) if soon else None
        if save_soon is not None:
            # The writer says how its last save went; this one's news comes next frame.
            save_soon(self.state, self.table_part())
            self.save_failed = getattr(self.store, "soon_error", None) is not None
            return
        try:
            self.store.save(self.state, self.table_part())
            self.save_failed = False
        except OSError as error:
            log_exception("saving the game", error)
            self.save_failed = True

    def flush(self) -> None:
        """Wait until every save asked so far is on disk (see `save`)."""
        flush = getattr(self.store, "flush", None)
        if flush is not None:
            flush()

    def tick(self, dt: float) -> None:
        self.elapsed += dt


_MOVES: dict[Do, type] = {
    Do.DRAW: Draw,
    Do.PASS: Pass,
    Do.SKIP: Skip,
    Do.LIGHTER: LighterCard,
    Do.DONE_SHARING: FinishSharing,
    Do.DONE_CLOSING: FinishSharing,
    Do.RETOLD: Retold,
    Do.DONE_RESPONDING: FinishResponding,
    Do.END_EVENING: EndGame,
}


def given_by(state: GameState, seat: int, receiver: int, kind: AwardKind) -> bool:
    return any(a.seat == seat and a.receiver == receiver and a.kind is kind for a in state.pending)


def mark_move(state: GameState, seat: int, receiver: int, kind: AwardKind) -> Award | TakeBack:
    """Give a mark, or take it back when this seat already gave it."""
    if given_by(state, seat, receiver, kind):
        return TakeBack(seat, receiver, kind)
    return Award(seat, receiver, kind)


_CARD_SHOWN = (Phase.SHARE, Phase.RESPOND, Phase.AWARD, Phase.CLOSING)


def readable(state: GameState, do: Do) -> bool:
    """Whether there is something to read aloud for `do`: a card on the table (and, for
    its follow-ups, a card that has some)."""
    card = state.current_card
    if card is None or state.phase not in _CARD_SHOWN:
        return False
    return do is Do.READ_CARD or bool(card.follow_ups)


def memory_card(session: Session) -> str | None:
    """The prompt on the table that a star or "not for us" would be about, if any."""
    state = session.state
    if (
        session.memory is None
        or state.phase not in (Phase.SHARE, Phase.RESPOND, Phase.AWARD)
        or state.card is None
        or state.card_is_replay
        or state.deck.card(state.card).is_wild  # an action card is no prompt to keep
        or state.card in session.put_away_later
    ):
        return None
    return state.card


# ------------------------------------------------------------ opening a session


def open_session(
    state: GameState,
    store: Saver | None,
    remember_cards: bool,
    closeness: ClosenessRound | None = None,
) -> Session:
    """A freshly set-up game, saved at once so Continue finds it."""
    session = Session(state, store, memory=card_memory(state, remember_cards), closeness=closeness)
    session.save()
    return session


MAX_ELAPSED_SECONDS = 7 * 24 * 3600.0  # a week of table time: far past any evening


def resume_session(loaded: LoadedSave, store: Saver | None, remember_cards: bool) -> Session:
    """The saved game as it was: clock and closeness answers included."""
    state = loaded.state
    assert state is not None
    table = loaded.table
    # The clock from the file, kept to a sane range (a crafted 10**400 has no float, and 1e300
    # is no evening); never before the level began, or "deeper after some minutes" would wait.
    saved = table.get("elapsed_seconds", 0.0)
    floor = min(max(state.level_started_at, 0.0), MAX_ELAPSED_SECONDS)
    in_range = type(saved) in (int, float) and 0 <= saved <= MAX_ELAPSED_SECONDS
    elapsed = max(float(saved) if in_range else floor, floor)
    names = tuple(player.name for player in state.players)
    return Session(
        state,
        store,
        elapsed=elapsed,
        memory=card_memory(state, remember_cards),
        closeness=ClosenessRound.from_saved(table.get("closeness"), names),
    )


def card_memory(state: GameState, remember_cards: bool) -> Keeper | None:
    """The group's memory of cards across evenings, when Settings keep it (else None)."""
    if not remember_cards:
        return None
    from game.store.memory import Keeper

    deck = state.deck
    prompts = [card.id for card in deck.cards if not card.is_wild]
    return Keeper([player.name for player in state.players], deck.memory_id, prompts)
