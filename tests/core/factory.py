"""Small decks and setups built in code, so engine tests need no files."""

from __future__ import annotations

from game.core.cards import Card, Deck, Level, Mode, WildEffect
from game.core.rules import Rules, Scoring
from game.core.state import Player, Setup

NAMES = (
    "Ana",
    "Ben",
    "Chloé",
    "Dmitri",
    "Eli",
    "Fatou",
    "Georg",
    "Hana",
    "Ivo",
    "Jun",
    "Kai",
    "Lena",
)


def prompt(
    card_id: str, level: int = 1, *, everyone: bool = False, tags: tuple[str, ...] = ()
) -> Card:
    return Card(
        id=card_id,
        prompt=f"Tell about {card_id}: what did you feel?",
        level=level,
        follow_ups=("What were you thinking just before?", "How did it feel afterwards?"),
        everyone=everyone,
        tags=tags,
    )


def wild(card_id: str, effect: WildEffect, level: int = 1) -> Card:
    return Card(id=card_id, wild=effect, level=level)


def make_deck(
    prompts_per_level: int = 6,
    levels: int = 3,
    wilds: tuple[tuple[WildEffect, int], ...] = (),
    closing: bool = True,
) -> Deck:
    cards = [
        prompt(f"l{lv}-c{i}", lv) for lv in range(1, levels + 1) for i in range(prompts_per_level)
    ]
    cards += [wild(f"wild-{effect.value}-{n}", effect, lv) for n, (effect, lv) in enumerate(wilds)]
    return Deck(
        id="test-deck",
        name="Test deck",
        cards=tuple(cards),
        levels=tuple(Level(name=f"Level {n}") for n in range(1, levels + 1)),
        closing=Card(id="closing", prompt="What will you remember of tonight?")
        if closing
        else None,
    )


def make_setup(
    players: int = 2,
    deck: Deck | None = None,
    rules: Rules | None = None,
    seed: int = 7,
    excluded_tags: tuple[str, ...] = (),
) -> Setup:
    mode = Mode.PAIR if players == 2 else Mode.CIRCLE
    return Setup(
        deck=deck or make_deck(),
        rules=rules or Rules(),
        players=tuple(Player(name) for name in NAMES[:players]),
        mode=mode,
        seed=seed,
        excluded_tags=excluded_tags,
    )


def together_rules(goal: int | None = 20) -> Rules:
    return Rules(id="together", name="Together", scoring=Scoring.TOGETHER, goal=goal)
