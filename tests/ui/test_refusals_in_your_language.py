"""What the table says when a press comes too late is in the players' language, never the
rules' English: another seat (a phone) took the offer away between the frame that drew it
and the press."""

from __future__ import annotations

from game.store.settings import Settings

from .test_pair_game_keyboard import start_pair_game


def test_a_press_that_lost_its_offer_is_answered_in_spanish(make_app) -> None:
    driver = make_app(settings=Settings(language="es"))
    table = start_pair_game(driver)
    offer = table.view.for_key("Enter")  # draw the first card
    assert offer is not None
    for seat in offer.seats:  # a phone draws it first
        table.session.choose(seat, offer.choice)
    table.choose(offer)
    assert table.notice == "Eso no se puede ahora mismo."


def test_in_english_too(driver) -> None:
    table = start_pair_game(driver)
    offer = table.view.for_key("Enter")
    assert offer is not None
    for seat in offer.seats:
        table.session.choose(seat, offer.choice)
    table.choose(offer)
    assert table.notice == "That isn't possible just now."
