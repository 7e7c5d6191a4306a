"""Issue 15: a name typed with a composed é and one typed as e + a combining accent are one
name. The players page keeps names NFC-normalised, and two that look the same are refused
when the game starts, in one calm line on the deck page."""

from __future__ import annotations

import unicodedata

import pygame

from game.store.settings import Settings
from game.ui.scenes.table import TableScene

from .conftest import Driver


def type_names(driver: Driver, *names: str) -> None:
    driver.key(pygame.K_RETURN)  # title: New game
    for index, name in enumerate(names):
        if index:
            driver.key(pygame.K_TAB)
        for piece in name:  # as a keyboard sends it: a combining accent comes on its own
            driver.type(piece)
    driver.key(pygame.K_RETURN)  # on to the deck page
    assert driver.scene.page == "deck"


def test_a_name_typed_decomposed_is_kept_composed(driver: Driver) -> None:
    type_names(driver, "Zoe\u0308", "Ben")
    assert driver.scene.game.names == ["Zo\u00eb", "Ben"]
    driver.key(pygame.K_RETURN)  # start
    table = driver.scene
    assert isinstance(table, TableScene)
    assert [player.name for player in table.state.setup.players] == ["Zo\u00eb", "Ben"]


def test_josé_composed_and_decomposed_are_refused_as_the_same_name(driver: Driver) -> None:
    type_names(driver, "Jos\u00e9", "Jose\u0301")
    scene = driver.scene
    assert scene.game.names == ["Jos\u00e9", "Jos\u00e9"]
    assert all(unicodedata.is_normalized("NFC", name) for name in scene.game.names)
    driver.key(pygame.K_RETURN)  # start
    assert driver.scene is scene, "the game does not start"
    assert scene.notice == "Two players have the same name, José: give each a different one."


def test_the_refusal_is_said_in_the_players_language(make_app) -> None:
    """The core's SetupError names its problem; the deck page says it in the UI's words."""
    driver = make_app(settings=Settings(language="es"))
    type_names(driver, "Ana", "ana")
    scene = driver.scene
    driver.key(pygame.K_RETURN)  # start
    assert driver.scene is scene, "the game does not start"
    assert scene.notice == "Dos jugadores se llaman igual, Ana: dale a cada uno un nombre distinto."
