"""The cards: seating a new game, shuffling its piles, dealing, and who answers a card.

Nothing here reads a clock or a random source: the seed in the setup decides the shuffle.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

from game.core import rng
from game.core.cards import Card, Mode, WildEffect
from game.core.errors import SetupError
from game.core.pile import Pile
from game.core.state import GameState, Phase, Scores, Setup, evolve, name_key

PAIR_PLAYERS = 2
CIRCLE_PLAYERS = range(3, 13)


def new_game(setup: Setup) -> GameState:
    """Shuffle each level's pile from the seed and seat the players in the order given."""
    count = len(setup.players)
    if setup.mode is Mode.PAIR and count != PAIR_PLAYERS:
        raise SetupError(
            f"A pair game needs exactly 2 players, not {count}.", "pair_players", count=count
        )
    if setup.mode is Mode.CIRCLE and count not in CIRCLE_PLAYERS:
        raise SetupError(
            f"A circle game needs 3 to 12 players, not {count}.", "circle_players", count=count
        )
    names = [name_key(p.name) for p in setup.players]
    if any(not name for name in names):
        raise SetupError("Every player needs a name.", "unnamed")
    first_with: dict[str, str] = {}  # names that look the same (NFC, casefold): the first
    for player, key in zip(setup.players, names, strict=True):
        if key in first_with:
            raise SetupError(
                f"Two players have the same name, {first_with[key]}: give each a different one.",
                "same_name",
                name=first_with[key],
            )
        first_with[key] = unicodedata.normalize("NFC", player.name.strip())
    excluded_tags = set(setup.excluded_tags)
    not_for_us = set(setup.not_for_us)
    excluded = tuple(
        c.id
        for c in setup.deck.cards
        if excluded_tags.intersection(c.tags) or (c.id in not_for_us and not c.is_wild)
    )
    had_before = set(setup.had_before)
    state_rng = rng.seed_state(setup.seed)
    piles = []
    for level in range(1, len(setup.deck.levels) + 1):
        ids = [c.id for c in setup.deck.cards_at(level) if c.id not in excluded]
        if setup.deck.fixed_order:
            # The deck's order is its protocol: dealt as written, even to a group that has
            # had these cards before.
            pile = tuple(ids)
        elif had_before:
            state_rng, pile = _new_first(state_rng, setup, ids, had_before)
        else:  # exactly the shuffle of games saved before the memory existed
            state_rng, pile = rng.shuffled(state_rng, ids)
        piles.append(pile)
    if not any(is_prompt(setup, card_id) for pile in piles for card_id in pile):
        raise SetupError(
            "No prompt cards are left to deal: rule out fewer topics or pick another deck.",
            "no_cards_left",
        )
    passes = setup.rules.passes_per_player
    return GameState(
        setup=setup,
        seats=tuple(range(count)),
        phase=Phase.DEAL,
        turn=0,
        level=1,
        piles=tuple(piles),
        rng=state_rng,
        scores=Scores.zero(count),
        passes_left=tuple(passes for _ in range(count)),
        passes_used=tuple(0 for _ in range(count)),
        excluded=excluded,
    )


def _new_first(
    state_rng: int, setup: Setup, ids: list[str], had_before: set[str]
) -> tuple[int, tuple[str, ...]]:
    """Prompts this group has not had, shuffled, then those it has; wild cards anywhere among them.

    So the deck cycles only once every card is used, and wild cards stay as spread out as in a
    plain shuffle rather than crowding the few new cards.
    """
    prompts = [i for i in ids if is_prompt(setup, i)]
    state_rng, new = rng.shuffled(state_rng, [i for i in prompts if i not in had_before])
    state_rng, had = rng.shuffled(state_rng, [i for i in prompts if i in had_before])
    pile = [*new, *had]
    for wild in (i for i in ids if not is_prompt(setup, i)):
        state_rng, at = rng.below(state_rng, len(pile) + 1)
        pile.insert(at, wild)
    return state_rng, tuple(pile)


def is_prompt(setup: Setup, card_id: str) -> bool:
    return not setup.deck.card(card_id).is_wild


def is_turn_card(setup: Setup, card_id: str) -> bool:
    """A card a turn is about: a prompt, or an action card (the other wild cards only change one)."""
    card = setup.deck.card(card_id)
    return not card.is_wild or card.is_action


def action_on_table(state: GameState) -> bool:
    card = state.current_card
    return card is not None and card.is_action


# ---------------------------------------------------------------- seats


def next_seat(state: GameState, player: int) -> int:
    seats = state.seats
    return seats[(seats.index(player) + 1) % len(seats)]


def round_from(state: GameState, player: int) -> tuple[int, ...]:
    seats = state.seats
    start = seats.index(player)
    return seats[start:] + seats[:start]


def drawer(state: GameState) -> int:
    """Who drew the card on the table: its reader, else the first to answer it."""
    if state.reader is not None:
        return state.reader
    return state.speakers[0] if state.speakers else state.sharer


# ---------------------------------------------------------------- dealing


def deal(state: GameState, first_speaker: int) -> tuple[GameState, bool]:
    """Draw from the current level (or deeper if it ran out) until a prompt turns up.

    Wild cards drawn on the way stay on the table and shape the turn. A swap replays the
    last card played, answered by the next listener in the seats. Returns (the table, whether
    the cards ran out): with nothing left to deal, wild cards drawn on the way count as
    played and the caller ends the game.
    """
    piles = list(state.piles)  # a draw takes one card off one pile: nothing else is copied
    wilds = list(state.wilds)
    level = state.level
    card: str | None = None
    replay = False
    action = False
    while card is None:
        found = _level_with_cards(piles, level)
        if found is None:
            ended = evolve(
                state,
                piles=tuple(piles),
                discard=(*state.discard, *wilds),
                wilds=(),
                card=None,
            )
            return ended, True
        level = found
        pile = piles[level - 1]
        drawn = state.deck.card(pile[0])
        piles[level - 1] = pile.drawn()
        if drawn.wild is None:
            card = drawn.id
        elif drawn.is_action:
            # The action is this turn's card; wild cards drawn before it wait for the next prompt.
            card, action = drawn.id, True
        else:
            wilds.append(drawn.id)
            if drawn.wild is WildEffect.SWAP and state.last_prompt is not None and not replay:
                card, replay = state.last_prompt, True
    effects = {state.deck.card(w).wild for w in wilds}
    swapped = WildEffect.SWAP in effects and first_speaker == state.sharer
    speakers: tuple[int, ...]
    reader: int | None
    if action:
        speakers, reader = (first_speaker,), None  # whoever drew it reads it; all carry it out
    else:
        speakers, reader = speakers_for(
            state, state.deck.card(card), first_speaker, effects, swapped
        )
    dealt = evolve(
        state,
        piles=tuple(piles),
        level=max(level, state.level),
        wilds=tuple(wilds),
        card=card,
        card_is_replay=replay,
        speakers=speakers,
        speaker_index=0,
        reader=reader,
        pending=(),
        done_responding=(),
        retold=False,
        phase=Phase.SHARE,
    )
    return dealt, False


def speakers_for(
    state: GameState,
    card: Card,
    first: int,
    effects: Collection[WildEffect | None],
    swapped: bool = False,
) -> tuple[tuple[int, ...], int | None]:
    """(who answers the card, in order; who reads it aloud, if not the first of them).

    A swap, or a card `answered_by: next`, hands the card to the next seat; a card everyone
    answers goes round from there.
    """
    speaker = next_seat(state, first) if swapped or card.answered_by_next else first
    reader = first if card.answered_by_next and speaker != first else None
    everyone = WildEffect.EVERYONE in effects or card.everyone
    return (round_from(state, speaker) if everyone else (speaker,)), reader


def _level_with_cards(piles: list[Pile], level: int) -> int | None:
    for candidate in range(level, len(piles) + 1):
        if piles[candidate - 1]:
            return candidate
    return None


def lighter_level(state: GameState) -> int | None:
    """The deepest level below the one on the table that still has a prompt to deal."""
    card = state.current_card
    if card is None:
        return None
    for level in range(card.level - 1, 0, -1):
        if any(is_prompt(state.setup, c) for c in state.piles[level - 1]):
            return level
    return None


def lighter(state: GameState) -> GameState:
    """Put the card back under its pile and deal the first prompt of a lighter level."""
    card = state.current_card
    level = lighter_level(state)
    assert card is not None and level is not None  # check() made sure
    piles = list(state.piles)
    back = list(piles[card.level - 1])
    if state.deck.fixed_order:
        back.insert(0, card.id)  # it keeps its place in the deck's order
    else:
        back.append(card.id)
    piles[card.level - 1] = Pile(back)
    lower = list(piles[level - 1])
    found = next(c for c in lower if is_prompt(state.setup, c))
    lower.remove(found)
    piles[level - 1] = Pile(lower)
    speakers, reader = speakers_for(state, state.deck.card(found), drawer(state), state.effects)
    return evolve(
        state,
        piles=tuple(piles),
        card=found,
        speakers=speakers,
        speaker_index=0,
        reader=reader,
    )
