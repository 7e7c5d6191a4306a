"""Format 1.1 in the engine: fixed order, `pace: finish`, card timers, `answered_by: next`,
action cards, and a deck's own rules; format-1 decks deal exactly as before."""

from __future__ import annotations

import attrs
import pytest

from game.core.actions import (
    Award,
    Draw,
    EndGame,
    EndTurn,
    FinishResponding,
    FinishSharing,
    LighterCard,
    Pass,
    Skip,
)
from game.core.cards import Card, Deck, WildEffect
from game.core.engine import is_legal, legal_actions, new_game, replay
from game.core.errors import NotThisPhase
from game.core.rules import AwardKind, LevelPace, Rules
from game.core.serial import state_from_plain, state_to_plain
from game.core.state import GameState, Phase
from tests.moves import ANY, apply

from .factory import make_deck, make_setup, prompt, wild


def fixed_deck(
    per_level: int = 4, levels: int = 3, finish: bool = True, extra: tuple[Card, ...] = ()
) -> Deck:
    deck = make_deck(prompts_per_level=per_level, levels=levels)
    return attrs.evolve(
        deck,
        cards=(*deck.cards, *extra),
        levels=tuple(attrs.evolve(level, finish=finish) for level in deck.levels),
        fixed_order=True,
    )


def answer(state: GameState) -> GameState:
    """One speaker shares, is responded to and the turn (or this speaker's part) ends."""
    state = apply(apply(state, FinishSharing(ANY)), FinishResponding(ANY))
    return apply(state, EndTurn(ANY, elapsed_seconds=0.0))


def play_card(state: GameState) -> GameState:
    """Draw and answer a card with every speaker it has (an action card is carried out)."""
    state = apply(state, Draw(ANY))
    turn = state.turn
    while state.turn == turn and state.phase is not Phase.CLOSING and not state.finished:
        card = state.current_card
        if card is not None and card.is_action:
            state = apply(state, EndTurn(ANY, elapsed_seconds=0.0))
        else:
            state = answer(state)
    return state


# ---------------------------------------------------------------- fixed order and pace: finish


def test_a_fixed_deck_deals_every_level_in_file_order():
    state = new_game(make_setup(deck=fixed_deck(finish=False)))
    assert state.piles == tuple(tuple(f"l{level}-c{i}" for i in range(4)) for level in (1, 2, 3))


def test_a_fixed_deck_ignores_the_seed_and_what_the_group_had_before():
    deck = fixed_deck()
    first = new_game(make_setup(deck=deck, seed=1))
    other = new_game(attrs.evolve(make_setup(deck=deck, seed=99), had_before=("l1-c0",)))
    assert first.piles == other.piles


def test_a_shuffled_format_1_deck_deals_as_it_always_did():
    # The same seed gives the same piles as before format 1.1 existed (recorded).
    state = new_game(make_setup(deck=make_deck(prompts_per_level=4), seed=7))
    assert state.piles[0] != ("l1-c0", "l1-c1", "l1-c2", "l1-c3")
    assert sorted(state.piles[0]) == ["l1-c0", "l1-c1", "l1-c2", "l1-c3"]


def test_pace_finish_moves_up_only_when_the_level_is_used_up_whatever_the_rounds():
    # Rules that would move up after every round: the finish levels ignore them.
    rules = Rules(rounds=None, level_pace=LevelPace.ROUNDS, rounds_per_level=1)
    state = new_game(make_setup(deck=fixed_deck(per_level=5), rules=rules))
    dealt = []
    levels_when_dealt = []
    while state.phase is not Phase.CLOSING:
        state = apply(state, Draw(ANY))
        dealt.append(state.card)
        levels_when_dealt.append(state.level)
        state = answer(state)
    assert dealt == [f"l{lv}-c{i}" for lv in (1, 2, 3) for i in range(5)]
    assert levels_when_dealt == [1] * 5 + [2] * 5 + [3] * 5


def test_without_finish_the_rules_still_move_the_level_by_rounds():
    rules = Rules(rounds=None, level_pace=LevelPace.ROUNDS, rounds_per_level=1)
    state = new_game(make_setup(deck=fixed_deck(per_level=5, finish=False), rules=rules))
    for _ in range(2):  # one round of a pair
        state = play_card(state)
    assert state.level == 2


def test_pace_finish_does_not_ask_ready_to_go_deeper():
    rules = Rules(rounds=None, level_pace=LevelPace.AGREEMENT)
    state = new_game(make_setup(deck=fixed_deck(per_level=3), rules=rules))
    for _ in range(3):
        state = play_card(state)
        assert state.phase is not Phase.DEEPER
    assert state.level == 2


def test_a_skipped_card_in_a_fixed_deck_goes_and_the_next_in_order_comes():
    state = apply(new_game(make_setup(deck=fixed_deck())), Draw(ANY))
    state = apply(state, Skip(ANY))
    assert state.card == "l1-c1" and "l1-c0" in state.removed


def test_a_lighter_card_in_a_fixed_deck_keeps_the_card_in_its_place():
    rules = Rules(rounds=None, level_pace=LevelPace.ROUNDS, rounds_per_level=1)
    state = new_game(make_setup(deck=fixed_deck(finish=False), rules=rules))
    state = play_card(play_card(state))  # a round: level 2
    state = apply(state, Draw(ANY))
    assert state.card == "l2-c0"
    state = apply(state, LighterCard(ANY))
    assert state.card == "l1-c2"  # the next lighter card in order
    assert state.piles[1][0] == "l2-c0"  # waiting at the front of its level


# ---------------------------------------------------------------- answered_by: next


def reader_deck(everyone_wild: bool = False) -> Deck:
    cards: tuple[Card, ...] = tuple(
        attrs.evolve(prompt(f"c{i}"), answered_by_next=True) for i in range(4)
    )
    if everyone_wild:
        cards = (wild("w-everyone", WildEffect.EVERYONE), *cards)
    return Deck(id="readers", name="Readers", cards=cards, fixed_order=True)


@pytest.mark.parametrize("players", [2, 4])
def test_the_drawer_reads_and_the_next_player_answers(players: int):
    state = apply(new_game(make_setup(players, deck=reader_deck())), Draw(ANY))
    assert state.sharer == 0 and state.reader == 0
    assert state.speakers == (1,) and state.speaker == 1
    assert 0 in state.listeners


def test_marks_follow_the_player_who_answered():
    state = apply(new_game(make_setup(3, deck=reader_deck())), Draw(ANY))
    state = apply(apply(state, FinishSharing(ANY)), FinishResponding(ANY))
    # The reader (0) gives the answerer's marks: they listened to the story.
    assert is_legal(state, Award(1, 0, AwardKind.DEEPENING_QUESTION))
    assert not is_legal(state, Award(0, 1, AwardKind.DEEPENING_QUESTION))
    state = apply(state, Award(1, 0, AwardKind.DEEPENING_QUESTION))
    state = apply(state, Award(0, 1, AwardKind.SHARED_FEELING))
    state = apply(state, EndTurn(ANY))
    assert state.scores.of(1, AwardKind.SHARED_FEELING) > 0
    assert state.scores.of(0, AwardKind.DEEPENING_QUESTION) > 0
    assert state.reader is None and state.sharer == 1  # the rotation moves on as ever


def test_a_skipped_reader_card_is_drawn_again_by_the_same_reader():
    state = apply(apply(new_game(make_setup(3, deck=reader_deck())), Draw(ANY)), Skip(ANY))
    assert state.card == "c1" and state.reader == 0 and state.speakers == (1,)


def test_a_passed_reader_card_goes_on_and_the_reader_still_read_it():
    state = apply(new_game(make_setup(3, deck=reader_deck())), Draw(ANY))
    state = apply(state, Pass(1))
    assert state.speakers == (2,) and state.reader == 0


def test_an_everyone_wild_on_a_reader_card_starts_the_round_with_the_next_player():
    state = apply(new_game(make_setup(3, deck=reader_deck(everyone_wild=True))), Draw(ANY))
    assert state.speakers == (1, 2, 0) and state.reader == 0


# ---------------------------------------------------------------- action cards


def action_deck(first: str = "action") -> Deck:
    act = Card(id="act", wild=WildEffect.ACTION, text="Everyone stands and stretches.", timer=30)
    double = wild("w-double", WildEffect.DOUBLE)
    cards = (act, *(prompt(f"c{i}") for i in range(3)))
    if first == "double":
        cards = (double, *cards)
    return Deck(id="actions", name="Actions", cards=cards, fixed_order=True)


def test_an_action_card_is_the_turn_and_is_carried_out_with_no_marks():
    state = apply(new_game(make_setup(3, deck=action_deck())), Draw(ANY))
    assert state.phase is Phase.SHARE and state.card == "act"
    assert state.current_card is not None and state.current_card.timer == 30
    allowed = {type(a) for a in legal_actions(state)}
    assert allowed == {EndTurn, Skip, EndGame}
    with pytest.raises(NotThisPhase, match="carried out, not shared"):
        apply(state, FinishSharing(state.speaker))
    with pytest.raises(NotThisPhase, match="Nobody answers an action card"):
        apply(state, Pass(state.speaker))
    state = apply(state, EndTurn(ANY, elapsed_seconds=12.0))
    assert state.phase is Phase.DEAL and state.turn == 1 and state.sharer == 1
    assert "act" in state.discard and sum(state.scores.total(p) for p in range(3)) == 0


def test_an_action_card_is_no_prompt_a_swap_could_replay():
    state = apply(new_game(make_setup(deck=action_deck())), Draw(ANY))
    state = apply(state, EndTurn(ANY))
    assert state.last_prompt is None


def test_wild_cards_drawn_before_an_action_card_wait_for_the_next_prompt():
    state = apply(new_game(make_setup(deck=action_deck("double"))), Draw(ANY))
    assert state.card == "act" and state.wilds == ("w-double",)
    state = apply(state, EndTurn(ANY))
    assert state.wilds == ("w-double",) and "w-double" not in state.discard
    state = apply(state, Draw(ANY))
    assert state.card == "c0" and state.multiplier == 2


def test_a_level_with_an_action_card_left_is_not_finished():
    act = Card(id="act", wild=WildEffect.ACTION, text="Swap seats.")
    deck = fixed_deck(per_level=2, levels=2, extra=(attrs.evolve(act, level=1),))
    state = new_game(make_setup(deck=deck))
    state = play_card(play_card(state))
    assert state.level == 1  # the action card is still to come
    state = apply(state, Draw(ANY))
    assert state.card == "act"


# ---------------------------------------------------------------- saves


def test_a_format_1_1_game_saves_and_replays_exactly():
    deck = attrs.evolve(
        reader_deck(everyone_wild=True),
        cards=(*reader_deck().cards, *action_deck().cards[:1]),
        rules=Rules(id="readers", name="Readers", rounds=None),
    )
    state = new_game(make_setup(3, deck=deck, rules=deck.rules))
    for _ in range(3):
        state = play_card(state)
    assert replay(state.setup, state.log) == state
    assert state_from_plain(state_to_plain(state)) == state


def test_a_save_from_before_format_1_1_loads_with_the_old_meaning():
    state = apply(new_game(make_setup(deck=make_deck())), Draw(ANY))
    plain = state_to_plain(state)
    # What an older save lacks: the new fields of cards, levels, decks and state.
    for card in plain["state"]["setup"]["deck"]["cards"]:
        del card["timer"], card["answered_by_next"]
    for level in plain["state"]["setup"]["deck"]["levels"]:
        del level["finish"]
    del plain["state"]["setup"]["deck"]["fixed_order"], plain["state"]["setup"]["deck"]["rules"]
    del plain["state"]["reader"]
    loaded = state_from_plain(plain)
    assert loaded == state
    assert replay(loaded.setup, loaded.log) == state
