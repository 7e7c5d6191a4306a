"""What the table says aloud: sentences from the views, and reading aloud as a choice."""

from __future__ import annotations

import pytest

from game.content.ui_text import load_ui_text
from game.core import engine
from game.core.actions import Award, Draw, FinishResponding, FinishSharing
from game.core.errors import RuleError
from game.core.rules import AwardKind
from game.table.choices import Choice, Do
from game.table.session import Session
from game.table.speech_lines import Line, card_lines, changed_lines, offer_line, plain
from game.table.views import table_view
from tests.core.factory import make_deck, make_setup
from tests.moves import ANY, apply

T = load_ui_text()


def session_at(*moves) -> Session:
    deck = make_deck(prompts_per_level=6, levels=1)
    state = engine.new_game(make_setup(2, deck=deck, seed=3))
    for move in moves:
        state = apply(state, move)
    return Session(state, None)


def texts(lines) -> list[str]:
    return [line.text for line in lines]


def test_the_table_just_shown_says_whose_turn_and_what_may_be_chosen():
    session = session_at()
    view = table_view(session, T)
    said = texts(changed_lines(None, view, T))
    assert said[0] == plain(view.headline) and said[1] == plain(view.instruction)
    assert (
        said[-1]
        == f"You can choose: {T('table_draw')}, key Enter; {T('table_end_evening')}, key E."
    )


def test_a_new_card_is_said_in_the_decks_language_and_the_rest_in_the_uis():
    session = session_at()
    before = table_view(session, T)
    session.state = apply(session.state, Draw(ANY))
    after = table_view(session, T)
    lines = changed_lines(before, after, T)
    assert after.card is not None
    assert Line(after.card.words, after.deck_language) in lines
    assert Line(plain(after.headline), "en") in lines
    # The same view again says nothing: nothing changed.
    assert changed_lines(after, after, T) == ()


def test_a_mark_given_is_said_as_thanks_and_one_taken_back_is_said_too():
    session = session_at(Draw(ANY), FinishSharing(ANY), FinishResponding(ANY))
    state = session.state
    speaker, listener = state.speaker, state.listeners[0]
    before = table_view(session, T)
    session.state = engine.apply(state, Award(speaker, listener, AwardKind.DEEPENING_QUESTION))
    given = table_view(session, T)
    names = given.names
    thanks = f"{names[listener]}, your question took {names[speaker]} deeper."
    assert texts(changed_lines(before, given, T)) == [thanks]
    session.state = state  # taken back
    again = table_view(session, T)
    assert texts(changed_lines(given, again, T)) == [
        f"Deepening question for {names[listener]}, taken back."
    ]


def test_reading_the_card_gives_its_label_and_words_and_on_request_its_ideas():
    session = session_at(Draw(ANY))
    view = table_view(session, T)
    assert view.card is not None
    assert card_lines(view, T) == (
        Line(view.card.caption, "en"),
        Line(view.card.words, view.deck_language),
    )
    ideas = card_lines(view, T, ideas=True)
    if view.card.follow_ups:
        assert texts(ideas) == [T("speech_ideas"), *view.card.follow_ups]
    else:
        assert ideas == ()


def test_names_lose_their_direction_marks_when_said():
    assert plain("\u2068Ana\u2069 shares") == "Ana shares"


def test_an_offer_is_its_label_and_its_key():
    view = table_view(session_at(), T)
    assert offer_line(view.bar[0], T) == f"{T('table_draw')}, key Enter"


def test_read_aloud_is_offered_only_while_the_table_has_a_voice_and_goes_to_it():
    session = session_at(Draw(ANY))
    assert table_view(session, T).aloud == ()
    assert not session.possible(0, Choice(Do.READ_CARD))
    with pytest.raises(RuleError, match="Nothing reads aloud at this table."):
        session.choose(0, Choice(Do.READ_CARD))
    heard: list[tuple[int, Do]] = []
    told: list[object] = []
    session.subscribe(lambda before, after: told.append(after))
    session.read_by(lambda seat, choice: heard.append((seat, choice.do)))
    assert told == [session.state], "the views changed: everyone hears of it"
    view = table_view(session, T)
    assert [o.key for o in view.aloud][:1] == ["A"] and view.keys["A"] == Choice(Do.READ_CARD)
    changes = session.changes
    session.choose(1, Choice(Do.READ_CARD))
    assert heard == [(1, Do.READ_CARD)]
    assert session.changes == changes, "reading aloud changes nothing in the game"
    # A phone's view offers it too (the phone page draws it as a button under the card).
    from game.phones.phone_view import phone_view, seat_offers

    assert "read_card" in [o.id for o in seat_offers(table_view(session, T, 1))]
    assert "read_card" in [o["id"] for o in phone_view(session, T, 1)["remember"]]


def test_nothing_to_read_before_a_card_is_drawn():
    session = session_at()
    session.read_by(lambda seat, choice: None)
    assert table_view(session, T).aloud == ()
    with pytest.raises(RuleError, match="There is no card to read aloud now."):
        session.choose(0, Choice(Do.READ_CARD))
