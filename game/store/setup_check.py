"""A loaded game's setup passes the checks a new game's setup passes.

A setup file's checksum says the bytes are the ones written, not that a person did not
write them (the checksum is easy to recompute). So a setup read from disk is held to the
bounds a new game's parts are held to when they are made: the rules to a preset's ranges
(game/content/presets.py), the deck to the deck checker's (game/content/decks.py), the
players and mode to `engine.new_game`. The store may not import game.content, so the
bounds are repeated here; tests/store/test_setup_check.py checks they agree.

`setup_problem` returns one sentence naming the first thing wrong, or None.
"""

from __future__ import annotations

from game.core.cards import Card, Deck
from game.core.errors import RuleError, SetupError
from game.core.rules import Rules
from game.core.state import Setup

# The presets' ranges (presets.py: rules_from_keys and _schedule).
RULE_RANGES: dict[str, tuple[int, int]] = {
    "passes_per_player": (0, 20),
    "rounds": (1, 100),
    "rounds_per_level": (1, 100),
    "minutes_per_level": (1, 600),
    "goal": (1, 100_000),
    "share_seconds": (0, 3600),
    "respond_seconds": (0, 3600),
}
MAX_POINTS = 100  # a preset's points for one award
# The deck checker's limits (decks.py).
MAX_CARDS = 20_000
MAX_LEVELS = 12
MAX_MINUTES = 600
MAX_TIMER = 3600
MAX_SEED = 2**64  # the seeds a new game draws are far below


def setup_problem(setup: Setup) -> str | None:
    """What is wrong with `setup` that a new game's setup could never have, or None."""
    return _rules_problem(setup.rules) or _deck_problem(setup.deck) or _game_problem(setup)


def _whole(value: object) -> bool:
    return type(value) is int


def _rules_problem(rules: Rules) -> str | None:
    for field, (lowest, highest) in RULE_RANGES.items():
        value = getattr(rules, field)
        if value is None and field not in ("passes_per_player", "share_seconds", "respond_seconds"):
            continue
        if not _whole(value) or not lowest <= value <= highest:
            return f"the rules' {field} is {value!r}, not a whole number from {lowest} to {highest}"
    for kind, points in rules.points.items():
        if not _whole(points) or not 0 <= points <= MAX_POINTS:
            return f"the rules give {points!r} points for {kind.value}, not 0 to {MAX_POINTS}"
    return None


def _deck_problem(deck: Deck) -> str | None:
    levels = len(deck.levels)
    if not 1 <= levels <= MAX_LEVELS:
        return f"the deck has {levels} levels, not 1 to {MAX_LEVELS}"
    if len(deck.cards) > MAX_CARDS:
        return f"the deck has {len(deck.cards):,} cards, more than {MAX_CARDS:,}"
    for number, level in enumerate(deck.levels, start=1):
        if level.minutes is not None and (
            not _whole(level.minutes) or not 1 <= level.minutes <= MAX_MINUTES
        ):
            return f"level {number} lasts {level.minutes!r} minutes, not 1 to {MAX_MINUTES}"
    cards: tuple[Card, ...] = deck.cards + ((deck.closing,) if deck.closing is not None else ())
    seen: set[str] = set()
    for card in cards:
        if card.id in seen:
            return f"the card {card.id!r} is in the deck twice"
        seen.add(card.id)
        if card is not deck.closing and (not _whole(card.level) or not 1 <= card.level <= levels):
            return f"the card {card.id!r} is at level {card.level!r}, not 1 to {levels}"
        timer = getattr(card, "timer", None)
        if timer is not None and (not _whole(timer) or not 0 <= timer <= MAX_TIMER):
            return f"the card {card.id!r} has a timer of {timer!r} s, not 0 to {MAX_TIMER}"
    return None


def _game_problem(setup: Setup) -> str | None:
    if not _whole(setup.seed) or not 0 <= setup.seed < MAX_SEED:
        return f"the seed {setup.seed!r} is not one a new game draws"
    from game.core.engine import new_game

    try:
        new_game(setup)  # the players, their names and the mode, as a new game checks them
    except (RuleError, SetupError) as error:
        return str(error)
    return None
