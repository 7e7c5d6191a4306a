"""A fast double-click or Enter-Enter never carries into the next screen or phase.

The newcomer's findings: double-clicking "Draw a card" spent a pass, double-clicking
"Done sharing" skipped the listeners' turn. The app now ignores presses for a moment
after a screen or phase changes (INPUT_HOLD_SECONDS), while the pointer still moves.
"""

from __future__ import annotations

import pygame

from game.core import engine
from game.core.state import Phase
from game.ui.app import INPUT_HOLD_SECONDS
from game.ui.play import start_game
from tests.core.factory import make_setup

FRAME = 1 / 60


def enter() -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0)


def click(pos) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)


def table_ready(driver):
    table = start_game(driver.app, engine.new_game(make_setup(2)))
    driver.wait_for_input()
    return table


def test_enter_enter_draws_once_and_does_not_finish_sharing(driver):
    table = table_ready(driver)
    passes = table.state.passes_left
    driver.app.step([enter(), enter()], FRAME)  # both in one frame
    assert table.state.phase is Phase.SHARE
    driver.app.step([enter()], FRAME * 3)  # and a third, a few frames later
    assert table.state.phase is Phase.SHARE
    assert table.state.passes_left == passes


def test_a_double_click_on_draw_spends_no_pass(driver):
    table = table_ready(driver)
    where = driver.button_rect("draw").center
    passes = table.state.passes_left
    driver.app.step([click(where)], FRAME)
    driver.app.step([click(where)], FRAME * 6)  # a tenth of a second later
    assert table.state.phase is Phase.SHARE
    assert table.state.passes_left == passes and table.state.speaker == 0


def test_a_double_click_on_done_sharing_leaves_the_listeners_their_turn(driver):
    table = table_ready(driver)
    driver.key(pygame.K_RETURN)  # draw
    driver.wait_for_input()
    where = driver.button_rect("done_sharing").center
    driver.app.step([click(where), click(where)], FRAME)
    assert table.state.phase is Phase.RESPOND


def test_presses_count_again_once_the_moment_has_passed(driver):
    table = table_ready(driver)
    driver.app.step([enter()], FRAME)
    assert table.state.phase is Phase.SHARE
    driver.app.step([], INPUT_HOLD_SECONDS + FRAME)
    driver.app.step([enter()], FRAME)
    assert table.state.phase is Phase.RESPOND


def test_the_pointer_still_moves_while_presses_wait(driver):
    table = table_ready(driver)
    driver.app.step([enter()], FRAME)
    where = driver.button_rect("done_sharing").center
    motion = pygame.event.Event(pygame.MOUSEMOTION, pos=where, rel=(0, 0), buttons=(0, 0, 0))
    driver.app.step([motion], FRAME)
    assert table.buttons.hover == "done_sharing"


def test_a_new_screen_holds_presses_too(driver):
    """Enter-Enter on the title opens New game once; the second Enter does not go on."""
    driver.wait_for_input()
    driver.app.step([enter(), enter()], FRAME)
    scene = driver.scene
    assert type(scene).__name__ == "NewGameScene"
    assert len(driver.app.stack) == 2, "new game opened over the title, nothing more"
