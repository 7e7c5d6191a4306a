"""The whole game as one frozen value: what the engine reads and returns, the UI draws and the store saves."""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Callable
from typing import Any

import attrs

from game.core.action_log import ActionLog, as_log
from game.core.actions import Award
from game.core.cards import Card, Deck, Mode, WildEffect
from game.core.pile import Pile, as_piles
from game.core.rules import AwardKind, Rules, Scoring

AWARD_KINDS: tuple[AwardKind, ...] = tuple(AwardKind)


class Phase(enum.Enum):
    DEAL = "deal"  # waiting for the sharer to draw
    DEEPER = "deeper"  # end of a round, agreement pace: "Ready to go deeper?"
    SHARE = "share"  # the speaker tells their story
    RESPOND = "respond"  # listeners respond
    AWARD = "award"  # marks are given
    CLOSING = "closing"  # everyone answers the closing card in turn
    FINISHED = "finished"

    # Members are singletons: hashed by identity, in C (Enum hashes its name in Python,
    # and every move looks its stage, phase and marks up in dicts and sets).
    __hash__ = object.__hash__


class EndReason(enum.Enum):
    ROUNDS = "rounds"  # the preset's number of rounds was played
    GOAL = "goal"  # the shared goal was reached (together scoring)
    CARDS = "cards"  # no prompt cards left at this depth
    PLAYERS = "players"  # the players ended it


@attrs.frozen
class Player:
    name: str


def name_key(name: str) -> str:
    """What two names that look the same have in common: the name without the spaces around
    it, NFC-normalised (é typed as one character or as e + a combining accent), casefolded
    (Ana and ANA), and normalised again (casefolding can undo NFC)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name.strip()).casefold())


@attrs.frozen
class Setup:
    """Everything chosen before the first card; with the action log it rebuilds the whole game."""

    deck: Deck
    rules: Rules
    players: tuple[Player, ...]
    mode: Mode
    seed: int = 0
    excluded_tags: tuple[str, ...] = ()  # topics this group ruled out: such cards are never dealt
    # From the group's memory across evenings (game/store/memory.py): cards they called "not
    # for us" are never dealt; cards they have had come after every card they have not.
    not_for_us: tuple[str, ...] = ()
    had_before: tuple[str, ...] = ()


@attrs.frozen
class Scores:
    """Points per player per award kind, in the order of AWARD_KINDS."""

    points: tuple[tuple[int, ...], ...]

    @classmethod
    def zero(cls, players: int) -> Scores:
        return cls(tuple(tuple(0 for _ in AWARD_KINDS) for _ in range(players)))

    def total(self, player: int) -> int:
        return sum(self.points[player])

    def of(self, player: int, kind: AwardKind) -> int:
        return self.points[player][AWARD_KINDS.index(kind)]

    def by_kind(self, player: int) -> dict[AwardKind, int]:
        return dict(zip(AWARD_KINDS, self.points[player], strict=True))

    @property
    def team_total(self) -> int:
        return sum(sum(row) for row in self.points)

    def add(self, player: int, kind: AwardKind, amount: int) -> Scores:
        index = AWARD_KINDS.index(kind)
        rows = list(self.points)
        row = list(rows[player])
        row[index] += amount
        rows[player] = tuple(row)
        return Scores(tuple(rows))


@attrs.frozen
class GameState:
    setup: Setup
    seats: tuple[int, ...]  # player indexes in the order the sharer moves round
    phase: Phase
    turn: int  # completed turns; the sharer is seats[turn % len(seats)]
    level: int  # 1-based
    # Card ids per level, next card first; a draw is O(1) (see pile.py).
    piles: tuple[Pile, ...] = attrs.field(converter=as_piles)
    rng: int
    scores: Scores
    passes_left: tuple[int, ...]
    discard: tuple[str, ...] = ()  # cards played
    removed: tuple[str, ...] = ()  # cards passed or skipped: out of play
    excluded: tuple[str, ...] = ()  # cards ruled out by the group's lines: never dealt
    card: str | None = None  # the prompt on the table
    card_is_replay: bool = False  # a swap replays the last card: it is already in the discard
    wilds: tuple[str, ...] = ()  # wild cards drawn for this turn
    speakers: tuple[int, ...] = ()  # who answers the card, in order
    speaker_index: int = 0
    # Who drew the card and reads it aloud when the next player answers it (a card
    # `answered_by: next`); None when the drawer answers their own card.
    reader: int | None = None
    pending: tuple[Award, ...] = ()  # this speaker's awards, not yet committed
    last_prompt: str | None = None
    level_started_round: int = 0
    level_started_at: float = 0.0
    passes_used: tuple[int, ...] = ()
    skips: int = 0
    # Answers so far to "Ready to go deeper?", as (seat, ready), in the order given: each
    # seat answers once, and only the outcome is shown (game/table/views.py hides the rest).
    votes: tuple[tuple[int, bool], ...] = ()
    # Listeners who said they are done responding to this speaker.
    done_responding: tuple[int, ...] = ()
    retold: bool = False  # a mirror card: this speaker's story has been retold
    # The card was passed on to the next seat, who answers it as their own turn: the
    # rotation then goes on after them, so nobody shares twice in a row.
    passed_on: bool = False
    end_reason: EndReason | None = None
    # Every action applied so far; appending is O(1) (see action_log.py).
    log: ActionLog = attrs.field(factory=ActionLog, converter=as_log)

    # Derived views: the UI reads these instead of recomputing rules.

    @property
    def rules(self) -> Rules:
        return self.setup.rules

    @property
    def deck(self) -> Deck:
        return self.setup.deck

    @property
    def players(self) -> tuple[Player, ...]:
        return self.setup.players

    @property
    def finished(self) -> bool:
        return self.phase is Phase.FINISHED

    @property
    def round(self) -> int:
        """Completed rounds: a round is every player having been the sharer once."""
        return self.turn // len(self.seats)

    @property
    def sharer(self) -> int:
        """Whose turn it is in the rotation (a swap card lets another player speak for it)."""
        return self.seats[self.turn % len(self.seats)]

    @property
    def speaker(self) -> int:
        """Who is sharing right now."""
        if self.speakers and self.speaker_index < len(self.speakers):
            return self.speakers[self.speaker_index]
        return self.sharer

    @property
    def voted(self) -> tuple[int, ...]:
        """Seats that have answered "Ready to go deeper?" (not what they answered)."""
        return tuple(seat for seat, _ in self.votes)

    @property
    def listeners(self) -> tuple[int, ...]:
        speaker = self.speaker
        return tuple(p for p in self.seats if p != speaker)

    @property
    def current_card(self) -> Card | None:
        return None if self.card is None else self.deck.card(self.card)

    @property
    def wild_cards(self) -> tuple[Card, ...]:
        return tuple(self.deck.card(card_id) for card_id in self.wilds)

    @property
    def effects(self) -> frozenset[WildEffect]:
        return frozenset(card.wild for card in self.wild_cards if card.wild is not None)

    @property
    def multiplier(self) -> int:
        return 2 if WildEffect.DOUBLE in self.effects else 1

    @property
    def together(self) -> bool:
        return self.rules.scoring is Scoring.TOGETHER

    def marked(self, receiver: int, kind: AwardKind) -> bool:
        """Whether anyone gave `receiver` this mark this turn."""
        return any(a.receiver == receiver and a.kind is kind for a in self.pending)

    def pending_points(self, player: int) -> int:
        """The points `player` earns when the turn ends: each kind of mark counts once,
        however many listeners gave it (see `earned_marks`)."""
        return sum(
            self.rules.points_for(kind) * self.multiplier
            for receiver, kind in earned_marks(self.pending)
            if receiver == player
        )


_FIELDS = tuple(field.name for field in attrs.fields(GameState))
_CONVERTERS: dict[str, Callable[[Any], Any]] = {"log": as_log, "piles": as_piles}
assert {f.name for f in attrs.fields(GameState) if f.converter is not None} == set(_CONVERTERS)


def _make_evolve() -> Callable[..., GameState]:
    """`evolve`, written out once here for GameState's fields, as attrs writes its own
    methods: each field set in straight-line code, from the change if one is given (each
    field a keyword argument, so an unknown one is a TypeError), converted as
    `GameState(...)` converts it. About 4 µs a state against 10 for a loop over the names."""
    unchanged = "_UNCHANGED"
    lines = [
        "def evolve(state, *, " + ", ".join(f"{name}={unchanged}" for name in _FIELDS) + "):",
        "    new = _new(GameState)",
    ]
    for name in _FIELDS:
        given = f"_{name}({name})" if name in _CONVERTERS else name
        lines.append(f"    _set(new, {name!r}, state.{name} if {name} is {unchanged} else {given})")
    lines.append("    return new")
    scope: dict[str, Any] = {f"_{name}": convert for name, convert in _CONVERTERS.items()}
    scope.update(_new=object.__new__, _set=object.__setattr__, GameState=GameState)
    scope[unchanged] = object()
    exec("\n".join(lines), scope)  # noqa: S102 - our own field names, nothing read from outside
    made: Callable[..., GameState] = scope["evolve"]
    made.__doc__ = """`attrs.evolve` for the engine's states, in about a third of the time
    (it runs some 25,000 times in the replay of a long evening): the fields copied as
    they are, the changes converted as `GameState(...)` converts them."""
    return made


evolve = _make_evolve()


def earned_marks(pending: tuple[Award, ...]) -> tuple[tuple[int, AwardKind], ...]:
    """(receiver, kind) for each mark earned this turn, once each, in the order first given.

    The sharer's marks come from each listener on their own; the sharer earns one when at
    least one listener gives it."""
    seen: dict[tuple[int, AwardKind], None] = {}
    for award in pending:
        seen.setdefault((award.receiver, award.kind), None)
    return tuple(seen)
