"""A double press never skips a hand-off screen of the closeness check.

A player's finding: after choosing a picture with Enter, a second Enter 60 ms later went
past "Pass the laptop to Ben" straight to Ben's pictures, with Ana still holding the
laptop. Every stage of the check (the pass screen, the pictures, the consent question,
the wait for phones) now ignores presses for a moment, as the table does after each phase.
Time is the app's own loop time (dt), never a sleep.
"""

from __future__ import annotations

import pygame

from game.core import engine
from game.table.closeness import AFTER, ClosenessRound
from game.ui.app import INPUT_HOLD_SECONDS
from game.ui.play import start_with_check
from game.ui.scenes.closeness import ClosenessScene
from tests.core.factory import make_setup

FRAME = 1 / 60


def key(k: int, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode, scancode=0)


def enter() -> pygame.event.Event:
    return key(pygame.K_RETURN, "\r")


def check_ready(driver) -> ClosenessScene:
    state = engine.new_game(make_setup(2))
    start_with_check(driver.app, state, ClosenessRound(tuple(p.name for p in state.players)))
    scene = driver.scene
    assert isinstance(scene, ClosenessScene) and scene.stage == "pass"
    driver.wait_for_input()
    return scene


def test_enter_enter_after_a_choice_stops_at_the_next_pass_screen(driver):
    scene = check_ready(driver)
    driver.key(pygame.K_RETURN)  # "I'm Ana: show me"
    assert scene.stage == "pick"
    driver.key(pygame.K_3)
    driver.wait_for_input()
    driver.app.step([enter()], FRAME)  # choose: Ben's pass screen
    assert (scene.stage, scene.player) == ("pass", 1)
    driver.app.step([], 0.06)
    driver.app.step([enter()], FRAME)  # the second press, 60 ms later
    assert (scene.stage, scene.player) == ("pass", 1), "Ben's pass screen was skipped"


def test_a_double_click_on_show_me_does_not_skip_the_pictures(driver):
    scene = check_ready(driver)
    ready = driver.button_rect("ready").center
    down = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=ready, button=1)
    up = pygame.event.Event(pygame.MOUSEBUTTONUP, pos=ready, button=1)
    driver.app.step([down, up], FRAME)
    assert scene.stage == "pick"
    # A double-click lands where "Rather not say" now stands.
    skip = driver.button_rect("skip").center
    down = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=skip, button=1)
    up = pygame.event.Event(pygame.MOUSEBUTTONUP, pos=skip, button=1)
    driver.app.step([down, up], FRAME * 4)
    assert (scene.stage, scene.player) == ("pick", 0)
    assert 0 not in scene.closeness.before


def test_enter_enter_on_the_last_picture_does_not_answer_the_consent_question(driver):
    state = engine.new_game(make_setup(2))
    names = tuple(p.name for p in state.players)
    closeness = ClosenessRound(names, before={0: 2, 1: 3})
    driver.app.reset("closeness", closeness=closeness, when=AFTER, then=lambda: None)
    scene = driver.scene
    driver.wait_for_input()
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_5)
    driver.wait_for_input()
    driver.app.step([enter(), enter()], FRAME)
    assert (scene.stage, scene.player) == ("consent", 0)
    assert 0 not in closeness.keep


def test_presses_count_again_after_the_moment(driver):
    scene = check_ready(driver)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_3)
    driver.wait_for_input()
    driver.app.step([enter()], FRAME)
    assert (scene.stage, scene.player) == ("pass", 1)
    driver.app.step([], INPUT_HOLD_SECONDS + FRAME)
    driver.app.step([enter()], FRAME)
    assert (scene.stage, scene.player) == ("pick", 1)
