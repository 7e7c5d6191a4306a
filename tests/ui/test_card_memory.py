"""Star and "not for us" at the table, "new to you" on the deck page, the starred-cards deck."""

from __future__ import annotations

import pygame

from game.core.state import Phase
from game.core.turns import Stage
from game.store.memory import load_memory
from game.store.settings import Settings
from game.ui.scenes.new_game.deck_page import DeckScene
from game.ui.scenes.table import TableScene

from .test_play_your_way_screens import choose_deck, rendered, to_deck_page

NAMES = ("Ana", "Ben")


def start_closer(driver) -> TableScene:
    scene = to_deck_page(driver, NAMES)
    choose_deck(driver, scene, "closer")
    driver.key(pygame.K_RETURN)  # start
    table = driver.scene
    assert isinstance(table, TableScene)
    driver.settle()
    driver.key(pygame.K_RETURN)  # draw
    driver.settle()
    # a wild card may come first, or an action card to carry out
    while table.state.phase is not Phase.SHARE or table.view.stage is not Stage.SHARE:
        driver.key(pygame.K_RETURN)
        driver.settle()
    return table


def back_to_deck_page(driver) -> DeckScene:
    driver.app.reset("new_game")
    driver.step()
    driver.type("Ben")  # the same group, in another order and case
    driver.key(pygame.K_TAB)
    driver.type("ana")
    driver.key(pygame.K_RETURN)
    scene = driver.scene
    assert isinstance(scene, DeckScene)
    return scene


def test_s_stars_the_card_and_the_group_can_play_its_starred_cards(driver) -> None:
    table = start_closer(driver)
    card = table.state.card
    assert "Star" in rendered(driver) and "Not for us" in rendered(driver)
    driver.key(pygame.K_s)
    memory = load_memory()[0]
    assert card in memory.deck(NAMES, "closer").starred
    assert card in memory.deck(NAMES, "closer").had
    assert "Starred" in rendered(driver)
    driver.key(pygame.K_s)  # a second press takes the star away
    assert load_memory()[0].deck(NAMES, "closer").starred == {}
    driver.key(pygame.K_s)

    scene = back_to_deck_page(driver)
    shown = rendered(driver)
    total = sum(1 for c in scene.deck.cards if not c.is_wild) if scene.deck else 0
    assert any(f"{total - 1} new to you" in line for line in shown), shown
    choose_deck(driver, scene, "starred-cards")  # below the built-in decks: the wheel finds it
    assert "Our starred cards" in rendered(driver)
    driver.key(pygame.K_RETURN)  # start
    table = driver.scene
    assert isinstance(table, TableScene)
    assert [c.id for c in table.state.deck.cards] == [f"closer/{card}"]


def test_n_puts_the_card_away_and_it_is_never_dealt_to_this_group_again(driver) -> None:
    table = start_closer(driver)
    card = table.state.card
    driver.key(pygame.K_n)
    assert table.state.card != card
    assert card in table.state.removed
    assert card in load_memory()[0].deck(NAMES, "closer").not_for_us

    scene = back_to_deck_page(driver)
    choose_deck(driver, scene, "closer")
    driver.key(pygame.K_RETURN)
    state = driver.scene.state
    assert card in state.setup.not_for_us and card in state.excluded
    assert all(card not in pile for pile in state.piles)
    assert set(state.setup.had_before) >= {table.state.card}  # the card dealt after it


def test_with_remembering_off_nothing_is_kept_and_s_does_nothing(make_app) -> None:
    driver = make_app(settings=Settings(timers=True, remember_cards=False))
    table = start_closer(driver)
    card = table.state.card
    assert "Not for us" not in rendered(driver)
    driver.key(pygame.K_s)
    driver.key(pygame.K_n)
    assert table.state.card == card
    assert load_memory()[0].groups == ()
