"""The deck picker shows broken decks with their first error; the window resizes and toggles fullscreen."""

from __future__ import annotations

import pygame
import pytest

from game.core.rules import Scoring
from game.store.saves import SaveStore
from game.store.settings import Settings
from game.ui.app import App
from game.ui.scenes.new_game.deck_page import DeckScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene

from .conftest import Driver


def test_a_broken_deck_is_shown_with_its_error_and_cannot_be_picked(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\nname: Broken\ncards: 12\n", encoding="utf-8")
    pygame.init()
    app = App(extra_decks=[str(broken)], size=(800, 600), store=SaveStore(), settings=Settings())
    app.switch(TitleScene(app))
    driver = Driver(app)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    scene = driver.scene
    assert isinstance(scene, DeckScene)
    driver.wait_for_input()  # the decks are read in a thread: once they are listed
    results = scene.decks
    index = next(i for i, r in enumerate(results) if r.path.endswith("broken.yaml"))
    assert results[index].deck is None
    button = scene.buttons.get(f"deck:{index}")
    assert not button.enabled
    driver.click(button.shown.center)
    assert scene.deck_index != index
    pygame.quit()


def test_options_change_the_rules_of_the_game(driver):
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    scene = driver.scene
    driver.click_button("option:scoring")
    assert scene.options.scoring is Scoring.TOGETHER
    driver.click_button("option:timers")
    driver.key(pygame.K_RETURN)
    table = driver.scene
    assert isinstance(table, TableScene)
    rules = table.state.rules
    assert rules.scoring is Scoring.TOGETHER and rules.goal
    assert rules.share_seconds == 0 and not table.timer.enabled


def test_resize_lays_the_screen_out_again(driver):
    for _ in range(4):
        driver.key(pygame.K_RETURN)
    table = driver.scene
    before = table.card_box.copy()
    pygame.display.set_mode((1600, 900), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1600, 900), w=1600, h=900))
    driver.step()
    assert driver.app.size == (1600, 900)
    assert table.card_box.height > before.height
    driver.key(pygame.K_F11)
    assert driver.app.fullscreen
    driver.key(pygame.K_F11)
    assert not driver.app.fullscreen


@pytest.mark.parametrize("size", [(800, 600), (1280, 720)])
def test_arrow_buttons_leave_no_mark_in_the_corner(make_app, size):
    """An arrow-only button once measured its key chip by drawing it at (0, 0) and painting
    over it, which left a small button-coloured box in the top-left corner of Settings."""
    driver = make_app(size)
    driver.app.push("settings")
    driver.step()
    background = driver.app.look.pal.background
    corner = [
        driver.app.screen.get_at((x, y))[:3] for x in range(0, 60, 4) for y in range(0, 30, 3)
    ]
    assert set(corner) == {background}
