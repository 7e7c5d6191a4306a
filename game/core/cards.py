"""Cards, levels and decks: the values the content loaders produce and the engine deals."""

from __future__ import annotations

import enum

import attrs

from game.core.rules import Rules


class WildEffect(enum.Enum):
    """The closed set of things a wild card can do to a turn."""

    MIRROR = "mirror"  # a listener retells the story before responding; the sharer says if they felt heard
    SWAP = "swap"  # a listener answers the last card as sharer
    EVERYONE = "everyone"  # every player answers the next card in turn, starting with the sharer
    DOUBLE = "double"  # this turn's points count double
    # Format 1.1: not a change to a turn but a turn of its own: the table carries out the
    # card's text together, with no marks, and the turn moves on.
    ACTION = "action"

    # Members are singletons: hashed by identity, in C (Enum hashes its name in Python,
    # and every move looks its stage, phase and marks up in dicts and sets).
    __hash__ = object.__hash__


class Mode(enum.Enum):
    PAIR = "pair"  # exactly two players; roles alternate each turn
    CIRCLE = "circle"  # 3 to 12 players; the sharer moves round the seats


@attrs.frozen
class Card:
    """One card: a prompt to share from, or a wild card that changes the turn.

    `level` is 1-based. A wild card has `wild` set and may have no prompt; `text`
    replaces the default wording of its effect (an action card's text is its instruction).
    `timer` is this card's own gentle timer in seconds (None: the rules' timers; 0: none).
    `answered_by_next`: the player who draws it reads it aloud and the next player answers.
    """

    id: str
    prompt: str = ""
    level: int = 1
    follow_ups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    everyone: bool = False
    wild: WildEffect | None = None
    text: str = ""
    timer: int | None = None
    answered_by_next: bool = False

    @property
    def is_wild(self) -> bool:
        return self.wild is not None

    @property
    def is_action(self) -> bool:
        """An instruction the table carries out: dealt as a turn's card, never marked."""
        return self.wild is WildEffect.ACTION


@attrs.frozen
class Level:
    name: str
    description: str = ""
    minutes: int | None = None
    # `pace: finish`: the level moves up only once all its cards are dealt, whatever the
    # rules' pace says (the 36 questions' sets).
    finish: bool = False


DEFAULT_LEVELS: tuple[Level, ...] = (Level(name="Open"),)


@attrs.frozen
class Deck:
    """A whole deck, as loaded and validated from a deck file."""

    id: str
    name: str
    cards: tuple[Card, ...]
    levels: tuple[Level, ...] = DEFAULT_LEVELS
    description: str = ""
    language: str = "en"
    modes: tuple[Mode, ...] = (Mode.PAIR, Mode.CIRCLE)
    author: str = ""
    license: str = ""
    preset: str = ""
    topics: tuple[tuple[str, str], ...] = ()  # (tag, one-line description), in file order
    closing: Card | None = None
    # Format 1.1: deal each level in file order instead of shuffled.
    fixed_order: bool = False
    # Format 1.1: the rules the deck carries with it (offered first when it is chosen).
    rules: Rules | None = None
    # The id of the deck this one translates card by card (same card ids), or "".
    translates: str = ""
    _by_id: dict[str, Card] = attrs.field(init=False, eq=False, repr=False, alias="_by_id")

    @property
    def memory_id(self) -> str:
        """The id a group's memory of this deck is kept under: a translation's is its
        original's, so what was played, starred or put away is one across languages."""
        return self.translates or self.id

    def __attrs_post_init__(self) -> None:
        by_id = {card.id: card for card in self.cards}
        if self.closing is not None:
            by_id[self.closing.id] = self.closing
        object.__setattr__(self, "_by_id", by_id)

    def card(self, card_id: str) -> Card:
        return self._by_id[card_id]

    def has_card(self, card_id: str) -> bool:
        return card_id in self._by_id

    def cards_at(self, level: int) -> tuple[Card, ...]:
        return tuple(card for card in self.cards if card.level == level)
