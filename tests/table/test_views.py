"""The view models: what each phase offers, which key picks what, and the one line of guidance."""

from __future__ import annotations

import attrs
import pytest

from game.content.ui_text import load_ui_text
from game.core import engine
from game.core.actions import Draw, FinishResponding, FinishSharing, Pass, Retold
from game.core.cards import Deck, Level, WildEffect
from game.core.rules import AwardKind
from game.core.state import EndReason, Phase
from game.table.choices import Choice, Do
from game.table.session import Session
from game.table.views import MARK_NUMBERS, table_view
from tests.core.factory import make_deck, make_setup, prompt
from tests.moves import ANY, apply, at_laptop

T = load_ui_text()


def view_of(state, row: int = 0):
    return table_view(Session(state, None), T, None, row)


def award_state(players: int, effect: WildEffect | None = None):
    wilds = ((effect, 1),) if effect else ()
    deck = make_deck(prompts_per_level=6, levels=1, wilds=wilds)
    for seed in range(400):
        state = apply(engine.new_game(make_setup(players, deck=deck, seed=seed)), Draw(ANY))
        if effect is None or effect in state.effects:
            state = apply(state, FinishSharing(ANY))
            if effect is WildEffect.MIRROR:
                state = apply(state, Retold(ANY))
            return apply(state, FinishResponding(ANY))
    raise AssertionError(f"no seed draws {effect}")


@pytest.mark.parametrize("players", [2, 5, 12])
@pytest.mark.parametrize("effect", [None, WildEffect.MIRROR])
def test_a_number_key_means_one_mark_whatever_the_row_or_card(players, effect):
    """1 is always a deepening question, 5 always "shared a feeling": nothing shifts."""
    state = award_state(players, effect)
    for row in range(len(state.listeners)):
        view = view_of(state, row)
        listener = state.listeners[row]
        for kind, number in MARK_NUMBERS.items():
            choice = view.keys.get(str(number))
            if kind.for_listener:
                if kind is AwardKind.FELT_HEARD and effect is None:
                    assert choice is None, "felt heard is a mark only with a mirror"
                    continue
                assert choice is not None and choice.receiver == listener and choice.mark is kind
            else:
                assert choice is not None and choice.receiver == state.speaker
                assert choice.mark is kind


def test_pass_and_not_this_card_are_told_apart_in_one_line():
    state = apply(engine.new_game(make_setup(3)), Draw(ANY))
    view = view_of(state)
    names = [p.name for p in state.players]
    pass_offer = view.for_key("P")
    skip_offer = view.for_key("X")
    assert pass_offer is not None and pass_offer.choice.do is Do.PASS
    assert skip_offer is not None and skip_offer.choice.do is Do.SKIP
    assert pass_offer.label.startswith(f"Pass to {names[1]}")
    assert skip_offer.label == "Not this card"
    assert view.aside == T("table_pass_or_skip", name=names[1])
    assert "instead of you" in view.aside and "a new one comes" in view.aside

    passed = apply(state, Pass(state.speaker))
    assert passed.card == state.card and passed.speaker == 1, "a pass hands the card on"
    assert passed.passes_left[0] == state.passes_left[0] - 1


def test_with_no_passes_left_pass_is_not_offered_as_possible():
    state = apply(engine.new_game(make_setup(2)), Draw(ANY))
    state = attrs.evolve(state, passes_left=(0, 0))
    view = view_of(state)
    assert view.for_key("P") is None
    assert view.aside == T("table_no_passes")
    assert view.for_key("X") is not None, "not this card is always free"


def test_nothing_is_thrown_away_while_listeners_respond_or_marks_are_given():
    state = apply(apply(engine.new_game(make_setup(2)), Draw(ANY)), FinishSharing(ANY))
    assert view_of(state).for_key("X") is None
    assert all(o.choice.do is not Do.SKIP for o in view_of(state).bar)
    awarding = apply(state, FinishResponding(ANY))
    assert all(o.choice.do is not Do.SKIP for o in view_of(awarding).offers())


def test_ending_the_evening_asks_first():
    view = view_of(engine.new_game(make_setup(2)))
    end = view.for_key("E")
    assert end is not None and end.choice.do is Do.END_EVENING and end.ask_first


def test_an_everyone_card_says_why_everyone_answers():
    deck = Deck(
        id="everyone",
        name="Everyone",
        cards=(prompt("a", everyone=True), prompt("b", everyone=True)),
        levels=(Level("One"),),
    )
    state = apply(engine.new_game(make_setup(3, deck=deck)), Draw(ANY))
    view = view_of(state)
    assert "This card is for everyone" in view.instruction
    assert view.for_key("P") is not None and "sit out" in view.for_key("P").label


def test_a_deck_that_runs_out_says_so_at_the_closing_card():
    """Two cards and six rounds: the closing card comes early, and the table says why."""
    session = Session(engine.new_game(make_setup(2, deck=make_deck(2, levels=1))), None)
    for _ in range(20):
        if session.state.phase is Phase.CLOSING:
            break
        view = table_view(session, T)
        at_laptop(session, view.primary.choice if view.primary else view.for_key("1").choice)
    state = session.state
    assert state.phase is Phase.CLOSING and state.end_reason is EndReason.CARDS
    assert state.round < state.rules.rounds, "it ended before the rounds were played"
    line = table_view(session, T).instruction
    assert line.startswith(T("table_cards_ran_out") + " ")
    at_laptop(session, Choice(Do.DONE_CLOSING))
    if session.state.phase is Phase.CLOSING:  # the next player's closing answer
        assert not table_view(session, T).instruction.startswith(T("table_cards_ran_out"))


def test_while_listeners_respond_nobody_is_called_a_listener():
    """The reviewer read "Listening: Ben" while Ben was the one talking."""
    pair = apply(apply(engine.new_game(make_setup(2)), Draw(ANY)), FinishSharing(ANY))
    view = view_of(pair)
    names = [p.name for p in pair.players]
    assert view.headline == f"{names[1]} responds"
    assert view.listening == ""
    circle = apply(apply(engine.new_game(make_setup(4)), Draw(ANY)), FinishSharing(ANY))
    assert view_of(circle).headline == "Listeners respond"


def test_a_view_is_read_once_per_state_and_again_after_any_change():
    """The table's layout, its first frame and every phone ask for the same view: it is
    built once; any change (a mark, a star) makes it new."""
    session = Session(award_state(5), None)
    first = table_view(session, T)
    assert table_view(session, T) is first
    assert table_view(session, T, row=1) is not first  # another row: other keys
    listener = session.state.listeners[0]
    at_laptop(session, Choice(Do.MARK, listener, AwardKind.FELT_RESPONSE))
    again = table_view(session, T)
    assert again is not first
    assert next(o for o in again.offers() if o.id == f"mark:{listener}:felt_response").on
    session.changes += 1  # what a star does: the state is the same, the view is not
    session.outside_changes += 1
    assert table_view(session, T) is not again
