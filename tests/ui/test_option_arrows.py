"""The new game's option arrows do what they show.

A player's finding: clicking the left arrow of "Rounds" stepped forward (3 -> 4 -> 5 ...),
as a click anywhere on an option did. Now a click on the left half steps back and one on
the right half steps forward, as Left and Right do; "Leave out" shows one arrow, to the
right, and both a click there and the Right key open its page.
"""

from __future__ import annotations

import pygame
import pytest

from game.ui.scenes.lines import LinesScene
from game.ui.scenes.new_game.choices import ROUND_CHOICES

from .test_new_game_pages import open_app, to_deck_page


@pytest.fixture
def deck_page():
    driver = open_app((1280, 720))
    yield driver, to_deck_page(driver)
    pygame.quit()


def test_the_left_arrow_of_rounds_steps_back_and_the_right_one_forward(deck_page):
    driver, scene = deck_page
    rounds = scene.game.options.rounds
    index = ROUND_CHOICES.index(rounds)
    rect = driver.button_rect("option:rounds")
    driver.click((rect.left + rect.height // 3, rect.centery))  # on the left arrow
    assert scene.game.options.rounds == ROUND_CHOICES[index - 1]
    driver.click((rect.left + rect.height // 3, rect.centery))
    assert scene.game.options.rounds == ROUND_CHOICES[index - 2]
    rect = driver.button_rect("option:rounds")
    driver.click((rect.right - rect.height // 3, rect.centery))  # on the right arrow
    assert scene.game.options.rounds == ROUND_CHOICES[index - 1]


def test_the_left_arrow_of_rules_goes_back_to_the_rules_before(deck_page):
    driver, scene = deck_page
    presets = list(scene.game.presets())
    first = scene.game.options.preset
    rect = driver.button_rect("option:preset")
    driver.click((rect.left + rect.height // 3, rect.centery))
    assert scene.game.options.preset == presets[(presets.index(first) - 1) % len(presets)]


def test_right_on_leave_out_opens_its_page_as_its_arrow_shows(deck_page):
    driver, scene = deck_page
    scene.buttons.focus_on("option:lines")
    driver.key(pygame.K_RIGHT)
    assert isinstance(driver.scene, LinesScene)


def test_a_click_on_the_arrow_of_leave_out_opens_its_page(deck_page):
    driver, _ = deck_page
    rect = driver.button_rect("option:lines")
    driver.click((rect.right - rect.height // 3, rect.centery))
    assert isinstance(driver.scene, LinesScene)
