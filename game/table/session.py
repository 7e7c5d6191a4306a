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
    Skip,
    TakeBack,
)
from game.core.errors import InvalidAction, RuleError
from game.core.rules import AwardKind
from game.core.state import GameState, Phase
from game.store.log import log_exception
from game.table.choices import Choice, Do
from game.table.closeness import ClosenessRound
from game.table.walks import MirrorWalk

if TYPE_CHECKING:
    from game.store.memory import Keeper
    from game.store.saves import LoadedSave

Listener = Callable[[GameState, GameState], None]


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
        mirror: MirrorWalk | None = None,
    ) -> None:
        self.state = state
        self.store = store
        self.elapsed = elapsed  # table time in seconds, pauses excluded: EndTurn carries it
        self.save_failed = False
        # The group's memory of cards across evenings (None when Settings turn it off).
        self.memory = memory
        # The closeness check's answers from before the first card, asked again at the end.
        self.closeness = closeness
        self.mirror = mirror or MirrorWalk()
        self.listeners: list[Listener] = []
        self.changes = 0  # counts every change (a star too): what was read before is stale
        self.view_memo: tuple[Any, ...] | None = None  # views.table_view's last answer
        # More the save keeps beside the game, by name: asked at each save (the phones'
        # room, so phones take their seats back after a crash).
        self.extras: dict[str, Callable[[], Any]] = {}
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
        if self.memory is not None and self.state.card != before.card:
            self.memory.dealt(self.state.card)
        if self._batch is not None:
            self._batch_changed = True  # saved and told once, when the batch ends
            return
        self._save_and_tell(before)

    def _save_and_tell(self, before: GameState, soon: bool = False) -> None:
        self.save(soon=soon)
        for listener in list(self.listeners):
            listener(before, self.state)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Several choices in a row, as the phones' choices of one frame come: each is
        checked and applied as usual, then the game is saved and the listeners told once,
        (state before the first, state after the last), before that frame is drawn. Twelve
        phones sending fifty marks a second each would otherwise cost a save each.

        The save is handed to the store's writer thread where it has one (`save_soon`): a
        moment later on disk, and the frame does not wait for the disk."""
        if self._batch is not None:
            yield
            return
        self._batch, self._batch_changed = self.state, False
        try:
            yield
        finally:
            before, self._batch = self._batch, None
            if self._batch_changed:
                self._save_and_tell(before, soon=True)

    # ------------------------------------------------------------ acting

    def dispatch(self, action: Action) -> GameState:
        """Apply `action` (a RuleError leaves everything as it was), then save and tell."""
        before = self.state
        self.state = engine.apply(before, action)
        self._changed(before)
        return self.state

    def choose(self, choice: Choice) -> GameState:
        """Do what a view model offered: an engine action, a walk's step or a note in memory.

        Raises a RuleError (and changes nothing) when the choice is not possible now.
        """
        state = self.state
        if choice.do is Do.RETOLD:
            if not self.mirror.retelling(state):
                raise InvalidAction("Nobody is retelling a story now.")
            self.mirror = self.mirror.retold(state)
            self._changed(state)
            return self.state
        if choice.do in (Do.STAR, Do.NOT_FOR_US):
            return self._remember(choice)
        if choice.do is Do.DONE_RESPONDING and self.mirror.retelling(state):
            raise InvalidAction("First the story is retold; then everyone responds.")
        return self.dispatch(self.action_for(choice))

    def possible(self, choice: Choice) -> bool:
        """Whether `choose(choice)` would be accepted now."""
        if choice.do is Do.RETOLD:
            return self.mirror.retelling(self.state)
        if choice.do in (Do.STAR, Do.NOT_FOR_US):
            return memory_card(self) is not None
        if choice.do is Do.DONE_RESPONDING and self.mirror.retelling(self.state):
            return False
        try:
            return engine.is_legal(self.state, self.action_for(choice))
        except RuleError:
            return False

    def action_for(self, choice: Choice) -> Action:
        """The engine action behind a choice (marks toggle: a given mark is taken back)."""
        state = self.state
        if choice.do is Do.MARK:
            assert choice.receiver is not None and choice.mark is not None
            return mark_action(state, choice.receiver, choice.mark)
        if choice.do is Do.UNDO:
            if not state.pending:
                raise InvalidAction("There is no mark to take back.")
            last = state.pending[-1]
            return TakeBack(last.receiver, last.kind)
        if choice.do is Do.PASS:
            return Pass(state.speaker)
        if choice.do is Do.END_TURN:
            return EndTurn(elapsed_seconds=round(self.elapsed, 1))
        return _SIMPLE[choice.do]

    def _remember(self, choice: Choice) -> GameState:
        card = memory_card(self)
        if card is None or self.memory is None:
            raise InvalidAction("There is no card to remember now.")
        if choice.do is Do.STAR:
            self.memory.toggle_star(card)
            self._changed(self.state)
            return self.state
        self.memory.not_for_us(card)
        return self.dispatch(Skip())

    # ------------------------------------------------------------ the file and the clock

    def table_part(self) -> dict[str, Any]:
        """What the save keeps beside the engine state: the clock, the walk, the check."""
        part: dict[str, Any] = {"elapsed_seconds": round(self.elapsed, 1)}
        mirror = self.mirror.saved()
        if mirror is not None:
            part["mirror"] = mirror
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


_SIMPLE: dict[Do, Action] = {
    Do.DRAW: Draw(),
    Do.SKIP: Skip(),
    Do.LIGHTER: LighterCard(),
    Do.DONE_SHARING: FinishSharing(),
    Do.DONE_CLOSING: FinishSharing(),
    Do.DONE_RESPONDING: FinishResponding(),
    Do.READY: AnswerDeeper(ready=True),
    Do.NOT_YET: AnswerDeeper(ready=False),
    Do.END_EVENING: EndGame(),
}


def given(state: GameState, receiver: int, kind: AwardKind) -> bool:
    return any(a.receiver == receiver and a.kind is kind for a in state.pending)


def mark_action(state: GameState, receiver: int, kind: AwardKind) -> Award | TakeBack:
    """Give a mark, or take it back when it is already given."""
    if given(state, receiver, kind):
        return TakeBack(receiver, kind)
    # The sharer's marks come from the listeners as one; the first listener names them.
    giver = state.speaker if kind.for_listener else state.listeners[0]
    return Award(giver, receiver, kind)


def memory_card(session: Session) -> str | None:
    """The prompt on the table that a star or "not for us" would be about, if any."""
    state = session.state
    if (
        session.memory is None
        or state.phase not in (Phase.SHARE, Phase.RESPOND, Phase.AWARD)
        or state.card is None
        or state.card_is_replay
        or state.deck.card(state.card).is_wild  # an action card is no prompt to keep
        or not engine.is_legal(state, Skip())
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
    """The saved game as it was: clock, mirror walk and closeness answers included."""
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
        mirror=MirrorWalk.from_saved(table.get("mirror")),
    )


def card_memory(state: GameState, remember_cards: bool) -> Keeper | None:
    """The group's memory of cards across evenings, when Settings keep it (else None)."""
    if not remember_cards:
        return None
    from game.store.memory import Keeper

    deck = state.deck
    prompts = [card.id for card in deck.cards if not card.is_wild]
    return Keeper([player.name for player in state.players], deck.id, prompts)
