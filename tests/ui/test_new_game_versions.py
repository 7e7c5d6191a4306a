"""Issue 25: the deck page lists a deck and its translations as one, in the game's language;
V, or a click on the languages on the deck's name row, plays it in another of them, and
the version chosen is the one dealt. The control is on screen with its key."""

from __future__ import annotations

import os

import pygame

from game.store.settings import Settings
from game.ui.scenes.new_game.deck_tile import version_control
from game.ui.scenes.table import TableScene

from .conftest import Driver
from .test_new_game_pages import deck_index, sizes_drawn, to_deck_page


def played_file(driver: Driver, scene) -> str:
    """Enter (on the chosen deck) starts: the file of the deck the table deals."""
    catalog = scene.catalog
    driver.key(pygame.K_RETURN)
    table = driver.scene
    assert isinstance(table, TableScene)
    deck_id = table.state.deck.id
    return next(os.path.basename(r.path) for r in catalog.decks if r.deck and r.deck.id == deck_id)


def control_of(driver: Driver, scene, index: int) -> pygame.Rect:
    tile = next(b for b in scene.buttons.buttons if b.id == f"deck:{index}")
    control = version_control(driver.app.look, scene.game, scene.decks[index], tile.rect)
    assert control is not None, "a deck with translations shows its languages as a control"
    return control


def test_v_plays_the_chosen_deck_in_its_next_language_and_that_file_is_dealt(driver):
    scene = to_deck_page(driver)
    closer = deck_index(scene, "closer")  # English: Closer itself, not closer.es or closer.de
    assert scene.deck.id == "closer"
    order = [deck.id for deck in scene.game.versions_of(scene.deck)]
    assert order == ["closer", "closer-es", "closer-de"]  # the original, then the catalog's
    driver.key(pygame.K_v)
    assert scene.deck.id == "closer-es" and deck_index(scene, "closer-es") == closer
    driver.key(pygame.K_v)
    assert scene.deck.id == "closer-de" and deck_index(scene, "closer-de") == closer
    driver.key(pygame.K_v)
    assert scene.deck.id == "closer", "the languages go round"
    driver.key(pygame.K_v)
    driver.key(pygame.K_v)
    assert scene.game.remembered(scene.deck) == scene.game.remembered(
        next(d for d in scene.game.versions_of(scene.deck) if d.id == "closer")
    ), "one memory across the versions"
    assert played_file(driver, scene) == "closer.de.yaml"


def test_v_on_the_deck_in_focus_chooses_it_in_another_language(driver):
    scene = to_deck_page(driver)
    driver.key(pygame.K_DOWN)  # to First Steps, only passing it
    first_steps = deck_index(scene, "first-steps")
    assert scene.buttons.focused_id == f"deck:{first_steps}" and scene.deck.id == "closer"
    order = [deck.id for deck in scene.game.versions_of(scene.decks[first_steps].deck)]
    assert order[0] == "first-steps" and len(order) == 3  # the original first
    driver.key(pygame.K_v)
    assert scene.deck.id == order[1]
    assert scene.buttons.focused_id == f"deck:{first_steps}", "the focus stays on the deck"
    assert played_file(driver, scene) == f"first-steps.{order[1].rsplit('-', 1)[1]}.yaml"


def test_a_click_on_the_languages_plays_the_next_and_a_click_on_the_name_does_not(driver):
    scene = to_deck_page(driver)
    closer = deck_index(scene, "closer")
    tile = next(b for b in scene.buttons.buttons if b.id == f"deck:{closer}")
    driver.click((tile.rect.left + 30, tile.rect.centery))  # the deck's name: chosen as it was
    assert scene.deck.id == "closer"
    driver.click(control_of(driver, scene, closer).center)
    assert scene.deck.id == "closer-es"
    driver.click(control_of(driver, scene, closer).center)
    assert scene.deck.id == "closer-de"
    assert played_file(driver, scene) == "closer.de.yaml"


def test_the_control_shows_its_key_and_the_languages_and_the_hint_says_so(driver):
    scene = to_deck_page(driver)
    drawn = sizes_drawn(driver)
    assert {"V", "EN", "DE", "ES", "AR", "JA"} <= set(drawn)
    assert "V, or a click on a deck's languages, plays it in another of them." in (
        scene.frame.hint_text
    )


def test_in_spanish_the_page_deals_the_spanish_version_first(make_app):
    driver = make_app(size=(500, 700), settings=Settings(language="es", timers=True))
    scene = to_deck_page(driver)
    closer = deck_index(scene, "closer-es")
    assert scene.deck.id == "closer-es"
    assert "V, o un clic en los idiomas de una baraja, la cambia a otro de ellos." in (
        scene.frame.hint_text
    )
    driver.click(control_of(driver, scene, closer).center)
    assert scene.deck.id == "closer-de"  # English, Spanish, German: the one after Spanish
    driver.key(pygame.K_v)
    assert scene.deck.id == "closer", "the languages go round to the original"
    assert played_file(driver, scene) == "closer.yaml"
