"""Bugs the UI fuzz found, each pinned by the smallest test that shows it."""

from __future__ import annotations

import pygame
import pytest

from game.store.saves import SaveStore
from game.store.settings import Settings
from game.ui.app import App
from game.ui.scenes.error import ErrorScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from game.ui.widgets.card import draw_prompt_card


@pytest.fixture
def app():
    pygame.init()
    app = App(size=(1280, 720), store=SaveStore(), settings=Settings())
    app.switch(TitleScene(app))
    yield app
    pygame.quit()


def press(app: App, key: int) -> None:
    waiting = getattr(app.scene, "loading", None)  # the deck page's decks, read in a thread
    if waiting is not None:
        assert waiting.wait(60), "the decks were never read"
    app.step([], 0.5)  # past the moment the app ignores presses after a screen changes
    app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)], 0.0)


def resize(app: App, size: tuple[int, int]) -> None:
    pygame.display.set_mode(size, pygame.RESIZABLE)
    app.step([pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])], 0.0)


@pytest.mark.parametrize("size", [(1, 1), (2000, 90), (200, 150), (640, 40)])
def test_a_card_flipping_in_a_window_too_small_for_it(app, size):
    """Found by the fuzz: the card's box had a negative height, and pygame refused the surface
    (a zero width would even crash SDL's smoothscale outright)."""
    for _ in range(4):  # New game, players, deck, draw: the card starts to flip
        press(app, pygame.K_RETURN)
    table = app.scene
    assert isinstance(table, TableScene) and table.flip < 1.0
    resize(app, size)
    for _ in range(12):
        app.step([], 0.06)
    assert app.scene is table and not isinstance(app.scene, ErrorScene)


@pytest.mark.parametrize("size", [(0, 1), (0, 300), (1, 0), (-5, -3), (40, -1)])
@pytest.mark.parametrize("flip", [0.0, 0.3, 0.7, 1.0])
def test_an_empty_card_box_draws_nothing(app, size, flip):
    rect = pygame.Rect((10, 10), size)
    covered = draw_prompt_card(app.screen, rect, app.look, "A prompt", "Level 1", flip, "Deck")
    assert covered.size == (0, 0)
