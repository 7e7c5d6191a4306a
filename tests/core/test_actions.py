"""Each action, and each kind of rule error, on small hand-built games."""

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
    Pass,
    Retold,
    Skip,
    TakeBack,
)
from game.core.cards import Mode, WildEffect
from game.core.engine import legal_actions, new_game, outcome
from game.core.errors import (
    GameOver,
    InvalidAction,
    NotThisPhase,
    NotYourMove,
    RuleError,
    SetupError,
)
from game.core.rules import AwardKind, LevelPace, Rules
from game.core.state import EndReason, Phase, Player, Setup
from tests.moves import ANY, apply

from .factory import make_deck, make_setup, prompt, together_rules

DQ = AwardKind.DEEPENING_QUESTION
FR = AwardKind.FELT_RESPONSE
TM = AwardKind.TOUCHED_ME
FH = AwardKind.FELT_HEARD
SF = AwardKind.SHARED_FEELING
ST = AwardKind.SHARED_THOUGHT


def play(state, *actions):
    for action in actions:
        state = apply(state, action)
    return state


def at_award(players: int = 2, **kwargs):
    return play(
        new_game(make_setup(players, **kwargs)),
        Draw(ANY),
        FinishSharing(ANY),
        FinishResponding(ANY),
    )


# ---------------------------------------------------------------- setup


def test_new_game_deals_nothing_yet_and_seats_players_in_order():
    state = new_game(make_setup(3))
    assert state.phase is Phase.DEAL
    assert state.card is None
    assert state.seats == (0, 1, 2)
    assert state.sharer == 0
    assert state.level == 1
    assert state.passes_left == (2, 2, 2)
    assert sum(len(p) for p in state.piles) == len(state.deck.cards)


@pytest.mark.parametrize(
    ("mode", "count", "message"),
    [
        (Mode.PAIR, 3, "A pair game needs exactly 2 players, not 3."),
        (Mode.CIRCLE, 2, "A circle game needs 3 to 12 players, not 2."),
        (Mode.CIRCLE, 13, "A circle game needs 3 to 12 players, not 13."),
    ],
)
def test_player_count_must_suit_the_mode(mode, count, message):
    setup = Setup(
        deck=make_deck(),
        rules=Rules(),
        players=tuple(Player(f"P{i}") for i in range(count)),
        mode=mode,
    )
    with pytest.raises(SetupError) as error:
        new_game(setup)
    assert str(error.value) == message


def test_names_must_be_present_and_different():
    with pytest.raises(SetupError, match="same name"):
        new_game(attrs.evolve(make_setup(2), players=(Player("Sam"), Player(" sam "))))
    with pytest.raises(SetupError, match="needs a name"):
        new_game(attrs.evolve(make_setup(2), players=(Player("Sam"), Player("  "))))


def test_the_same_seed_shuffles_the_same_and_another_seed_differently():
    assert new_game(make_setup(seed=1)).piles == new_game(make_setup(seed=1)).piles
    assert new_game(make_setup(seed=1)).piles != new_game(make_setup(seed=2)).piles


# ---------------------------------------------------------------- draw, share, respond


def test_draw_puts_a_prompt_on_the_table_for_the_sharer():
    state = apply(new_game(make_setup()), Draw(ANY))
    assert state.phase is Phase.SHARE
    assert state.current_card is not None and not state.current_card.is_wild
    assert state.speaker == 0 and state.listeners == (1,)
    assert state.card not in state.piles[0]


def test_turn_phases_run_share_respond_award_then_next_sharer():
    state = play(new_game(make_setup()), Draw(ANY), FinishSharing(ANY))
    assert state.phase is Phase.RESPOND
    state = apply(state, FinishResponding(ANY))
    assert state.phase is Phase.AWARD
    state = apply(state, EndTurn(ANY))
    assert state.phase is Phase.DEAL
    assert state.sharer == 1
    assert len(state.discard) == 1


@pytest.mark.parametrize(
    ("action", "phase_actions"),
    [
        (Draw(ANY), (Draw(ANY),)),
        (FinishSharing(ANY), ()),
        (FinishResponding(ANY), (Draw(ANY),)),
        (EndTurn(ANY), (Draw(ANY), FinishSharing(ANY))),
        (Award(0, 1, DQ), (Draw(ANY),)),
        (TakeBack(ANY, 1, DQ), ()),
        (Pass(0), (Draw(ANY), FinishSharing(ANY))),
        (Skip(ANY), ()),
    ],
)
def test_actions_outside_their_phase_raise_not_this_phase(action, phase_actions):
    state = play(new_game(make_setup()), *phase_actions)
    with pytest.raises(NotThisPhase):
        apply(state, action)


def test_every_rule_error_is_a_value_error_and_leaves_state_unchanged():
    state = new_game(make_setup())
    before = state
    with pytest.raises(RuleError) as error:
        apply(state, FinishSharing(ANY))
    assert isinstance(error.value, ValueError)
    assert state == before


# ---------------------------------------------------------------- pass and skip


def test_pass_hands_the_card_to_the_next_player_costing_one_pass():
    state = apply(new_game(make_setup()), Draw(ANY))
    first = state.card
    state = apply(state, Pass(0))
    assert state.card == first  # a pass hands the card on; a skip puts it away
    assert first not in state.removed
    assert (state.speaker, state.listeners) == (1, (0,))
    assert state.passes_left == (1, 2)
    assert state.phase is Phase.SHARE
    assert outcome(state).passes == 1


def test_a_passed_card_is_its_answerers_turn_so_nobody_shares_twice_in_a_row():
    state = play(
        new_game(make_setup()), Draw(ANY), Pass(0), FinishSharing(ANY), FinishResponding(ANY)
    )
    state = apply(state, EndTurn(ANY))
    assert state.sharer == 0 and state.turn == 2, "Ben answered Ana's card as his turn"
    assert state.round == 1

    circle = play(new_game(make_setup(4)), Draw(0), Pass(0))
    assert circle.speaker == 1
    circle = play(circle, FinishSharing(1), FinishResponding(1), EndTurn(1))
    assert circle.sharer == 2, "after Ben answered Ana's card, Chloé draws, not Ben again"
    circle = play(circle, Draw(2), Pass(2), Pass(3))
    assert circle.speaker == 0
    circle = play(circle, FinishSharing(0), FinishResponding(0), EndTurn(0))
    assert circle.sharer == 1 and circle.round == 1, "the round ended on the way"


def test_only_the_speaker_passes_and_only_while_passes_last():
    state = apply(new_game(make_setup()), Draw(ANY))
    with pytest.raises(NotYourMove):
        apply(state, Pass(1))
    state = play(state, Pass(0), Pass(1), Pass(0))  # back and forth
    assert state.speaker == 1
    state = apply(state, Pass(1))
    with pytest.raises(InvalidAction, match="No passes left"):
        apply(state, Pass(0))


def test_pass_names_a_real_player():
    state = apply(new_game(make_setup()), Draw(ANY))
    with pytest.raises(InvalidAction, match="no player number 5"):
        apply(state, Pass(5))


def test_skip_before_responding_costs_nothing_and_keeps_the_sharer():
    state = play(new_game(make_setup()), Draw(ANY))
    first = state.card
    state = apply(state, Skip(ANY))
    assert first in state.removed
    assert state.card not in (None, first)
    assert state.phase is Phase.SHARE
    assert state.speaker == 0
    assert state.passes_left == (2, 2)
    assert state.scores.total(0) == 0 and state.skips == 1


@pytest.mark.parametrize("seat", [0, 1])
@pytest.mark.parametrize(
    "phase_actions", [(FinishSharing(0),), (FinishSharing(0), FinishResponding(0))]
)
def test_once_the_listeners_respond_the_card_stays(phase_actions, seat):
    """Nobody, from any seat, puts the card away after responding began: the marks given
    and the story told stay (README: "Once the listeners respond, the card stays")."""
    state = play(new_game(make_setup()), Draw(0), *phase_actions)
    if state.phase is Phase.AWARD:
        state = apply(state, Award(0, 1, DQ))
    with pytest.raises(NotThisPhase, match="the card stays"):
        apply(state, Skip(seat))
    assert Skip(seat) not in legal_actions(state)


# ---------------------------------------------------------------- awards


def test_awards_commit_points_from_the_rules_at_the_end_of_the_turn():
    state = play(
        at_award(),
        Award(0, 1, DQ),
        Award(0, 1, FR),
        Award(0, 1, TM),
        Award(1, 0, SF),
        Award(1, 0, ST),
    )
    assert state.scores.total(1) == 0
    assert state.pending_points(1) == 5
    state = apply(state, EndTurn(ANY))
    assert state.scores.by_kind(1)[DQ] == 2
    assert state.scores.total(1) == 5
    assert state.scores.total(0) == 2


def test_listener_awards_come_from_the_speaker_and_go_to_a_listener():
    state = at_award()
    with pytest.raises(NotYourMove):
        apply(state, Award(1, 1, DQ))
    with pytest.raises(InvalidAction, match="goes to a listener"):
        apply(state, Award(0, 0, DQ))


def test_sharer_awards_come_from_a_listener_and_go_to_the_sharer():
    state = at_award(3)
    with pytest.raises(NotYourMove):
        apply(state, Award(0, 0, SF))
    with pytest.raises(InvalidAction, match="goes to the player who shared"):
        apply(state, Award(1, 2, SF))
    state = apply(state, Award(2, 0, SF))
    with pytest.raises(InvalidAction, match="already given"):
        apply(state, Award(2, 0, SF))
    state = apply(state, Award(1, 0, SF))  # each listener marks on their own
    assert state.pending_points(0) == state.rules.points_for(SF), "earned once, not twice"
    with pytest.raises(InvalidAction, match="not given"):
        apply(state, TakeBack(1, 0, ST)), "nobody takes back a mark they did not give"
    state = apply(state, EndTurn(0))
    assert state.scores.of(0, SF) == state.rules.points_for(SF)


def test_each_award_once_per_listener_and_touched_me_to_one_listener():
    state = play(at_award(3), Award(0, 1, DQ))
    with pytest.raises(InvalidAction, match="already given"):
        apply(state, Award(0, 1, DQ))
    state = play(state, Award(0, 2, DQ), Award(0, 1, TM))
    with pytest.raises(InvalidAction, match="one listener a turn"):
        apply(state, Award(0, 2, TM))


def test_felt_heard_needs_a_mirror_card():
    with pytest.raises(InvalidAction, match="mirror"):
        apply(at_award(), Award(0, 1, FH))


def test_take_back_undoes_an_award_before_the_turn_ends():
    state = play(at_award(), Award(0, 1, DQ), TakeBack(ANY, 1, DQ))
    assert state.pending == ()
    with pytest.raises(InvalidAction, match="not given"):
        apply(state, TakeBack(0, 1, DQ))
    state = apply(state, EndTurn(ANY))
    assert state.scores.total(1) == 0


def test_award_names_real_players():
    with pytest.raises(InvalidAction, match="no player number 9"):
        apply(at_award(), Award(0, 9, DQ))


# ---------------------------------------------------------------- wild cards


def deck_with_first(effect: WildEffect, *, levels: int = 1, prompts: int = 6):
    """A deck whose level-1 pile is wild card first, whatever the seed (only one card is wild)."""
    return make_deck(prompts_per_level=prompts, levels=levels, wilds=((effect, 1),))


def draw_until_wild(setup, effect: WildEffect):
    """Play plain turns until the wild card turns up; return the state just after that draw."""
    state = new_game(setup)
    for _ in range(40):
        state = apply(state, Draw(ANY))
        if effect in state.effects:
            return state
        state = play(state, FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY))
    raise AssertionError("wild card never drawn")


def test_double_card_doubles_this_turns_points():
    state = draw_until_wild(make_setup(deck=deck_with_first(WildEffect.DOUBLE)), WildEffect.DOUBLE)
    receiver = state.listeners[0]
    state = play(
        state,
        FinishSharing(ANY),
        FinishResponding(ANY),
        Award(state.speaker, receiver, DQ),
        EndTurn(ANY),
    )
    assert state.scores.total(receiver) == 4
    assert state.wilds == ()


def test_mirror_card_allows_felt_heard_once():
    state = draw_until_wild(
        make_setup(3, deck=deck_with_first(WildEffect.MIRROR)), WildEffect.MIRROR
    )
    speaker, (a, b) = state.speaker, state.listeners
    state = play(state, FinishSharing(ANY), Retold(ANY), FinishResponding(ANY))
    state = apply(state, Award(speaker, a, FH))
    with pytest.raises(InvalidAction, match="one listener a turn"):
        apply(state, Award(speaker, b, FH))
    state = apply(state, EndTurn(ANY))
    assert state.scores.of(a, FH) == 2


def test_everyone_card_lets_every_player_answer_in_turn_from_the_sharer():
    state = draw_until_wild(
        make_setup(3, deck=deck_with_first(WildEffect.EVERYONE)), WildEffect.EVERYONE
    )
    sharer = state.sharer
    assert state.speakers == tuple((sharer + i) % 3 for i in range(3))
    card = state.card
    for expected in state.speakers:
        assert state.speaker == expected and state.card == card
        state = play(state, FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY))
    assert state.phase is Phase.DEAL
    assert state.sharer == (sharer + 1) % 3


def test_a_prompt_marked_everyone_is_answered_by_all():
    deck = attrs.evolve(
        make_deck(levels=1), cards=(prompt("all", everyone=True),) + make_deck(levels=1).cards
    )
    state = new_game(make_setup(3, deck=deck))
    for _ in range(10):
        state = apply(state, Draw(ANY))
        if state.card == "all":
            break
        state = play(state, FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY))
    assert state.card == "all"
    assert len(state.speakers) == 3


def test_a_later_speaker_passing_an_everyone_card_sits_it_out():
    state = draw_until_wild(
        make_setup(3, deck=deck_with_first(WildEffect.EVERYONE)), WildEffect.EVERYONE
    )
    state = play(state, FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY))
    second, card = state.speaker, state.card
    state = apply(state, Pass(second))
    assert state.speaker != second and state.card == card
    assert state.passes_left[second] == 1


def test_swap_card_has_the_next_listener_answer_the_last_card():
    setup = make_setup(3, deck=deck_with_first(WildEffect.SWAP))
    state = new_game(setup)
    last = None
    for _ in range(40):
        state = apply(state, Draw(ANY))
        if WildEffect.SWAP in state.effects:
            break
        last = state.card
        state = play(state, FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY))
    if last is None:  # the swap came first: nothing to replay, so a fresh prompt is answered
        assert state.card_is_replay is False
    else:
        assert state.card == last and state.card_is_replay
    assert state.speaker == (state.sharer + 1) % 3
    sharer = state.sharer
    state = play(state, FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY))
    assert state.sharer == (sharer + 1) % 3
    assert state.discard.count(last) <= 1


# ---------------------------------------------------------------- levels and the end


def test_levels_rise_after_the_rounds_per_level():
    state = new_game(make_setup(rules=Rules(rounds=6, rounds_per_level=2)))
    levels = []
    while state.phase is not Phase.CLOSING:
        state = play(state, Draw(ANY), FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY))
        levels.append(state.level)
    assert levels == [1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3]
    assert state.end_reason is EndReason.ROUNDS


def test_levels_rise_by_minutes_from_the_table_clock():
    rules = Rules(rounds=None, level_pace=LevelPace.MINUTES, minutes_per_level=10)
    state = play(
        new_game(make_setup(rules=rules)), Draw(ANY), FinishSharing(ANY), FinishResponding(ANY)
    )
    state = apply(state, EndTurn(ANY, elapsed_seconds=300))
    assert state.level == 1
    state = play(
        state,
        Draw(ANY),
        FinishSharing(ANY),
        FinishResponding(ANY),
        EndTurn(ANY, elapsed_seconds=601),
    )
    assert state.level == 2 and state.level_started_at == 601


def test_game_ends_with_the_closing_card_answered_by_everyone():
    state = new_game(make_setup(3, rules=Rules(rounds=1)))
    for _ in range(3):
        state = play(state, Draw(ANY), FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY))
    assert state.phase is Phase.CLOSING
    assert state.card == "closing"
    for _ in range(3):
        state = apply(state, FinishSharing(ANY))
    assert state.finished
    with pytest.raises(GameOver):
        apply(state, Draw(ANY))
    assert legal_actions(state) == []


def test_no_closing_card_when_the_rules_leave_it_out():
    state = new_game(make_setup(rules=Rules(rounds=1, closing_card=False)))
    for _ in range(2):
        state = play(state, Draw(ANY), FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY))
    assert state.finished and state.end_reason is EndReason.ROUNDS


def test_skip_of_the_closing_card_ends_the_game():
    state = apply(new_game(make_setup()), EndGame(ANY))
    assert state.phase is Phase.CLOSING
    state = apply(state, Skip(ANY))
    assert state.finished and state.end_reason is EndReason.PLAYERS


def test_players_can_end_the_game_and_given_awards_still_count():
    state = play(at_award(), Award(0, 1, DQ), EndGame(ANY))
    assert state.phase is Phase.CLOSING
    assert state.scores.total(1) == 2
    assert outcome(state).cards_played == 1
    with pytest.raises(NotThisPhase):
        apply(state, EndGame(ANY))


def test_together_mode_ends_when_the_goal_is_reached():
    state = at_award(rules=together_rules(goal=4))
    state = play(state, Award(0, 1, DQ), Award(0, 1, FR), EndTurn(ANY))
    assert state.phase is Phase.CLOSING
    assert state.end_reason is EndReason.GOAL
    result = outcome(state)
    assert result.team_total == 4 and result.goal == 4


def test_game_ends_when_the_cards_run_out():
    deck = make_deck(prompts_per_level=2, levels=1, closing=False)
    state = new_game(make_setup(deck=deck, rules=Rules(rounds=None)))
    state = play(state, Draw(ANY), FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY))
    state = play(state, Draw(ANY), FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY))
    assert state.finished and state.end_reason is EndReason.CARDS


def test_skipping_the_last_card_ends_the_game():
    deck = make_deck(prompts_per_level=1, levels=1, closing=False)
    state = play(new_game(make_setup(deck=deck, rules=Rules(rounds=None))), Draw(ANY), Skip(ANY))
    assert state.finished and state.end_reason is EndReason.CARDS


def test_excluded_tags_keep_cards_out_of_every_pile():
    deck = attrs.evolve(
        make_deck(levels=1),
        cards=(prompt("grief-1", tags=("grief",)),) + make_deck(levels=1).cards,
    )
    state = new_game(make_setup(deck=deck, excluded_tags=("grief",)))
    assert "grief-1" in state.excluded
    assert all("grief-1" not in pile for pile in state.piles)


def test_a_group_that_rules_out_every_card_is_told_so():
    deck = make_deck(levels=1)
    deck = attrs.evolve(deck, cards=tuple(attrs.evolve(c, tags=("money",)) for c in deck.cards))
    with pytest.raises(SetupError, match="No prompt cards"):
        new_game(make_setup(deck=deck, excluded_tags=("money",)))


def test_legal_actions_at_award_offer_each_award_once():
    actions = legal_actions(at_award(3))
    awards = [a for a in actions if isinstance(a, Award)]
    listener_awards = {(a.receiver, a.kind) for a in awards if a.kind.for_listener}
    assert listener_awards == {(r, k) for r in (1, 2) for k in (DQ, FR, TM)}
    assert {a.giver for a in awards if a.kind is SF} == {1, 2}
    assert EndTurn(0) in actions and Pass(0) not in actions
    assert not any(isinstance(a, Skip) for a in actions), "once responded to, the card stays"
    assert not any(isinstance(a, EndTurn) and a.seat != 0 for a in actions)
