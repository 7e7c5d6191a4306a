"""While a card turns, only the card and the timer are drawn again, and the frame is the
same as a whole redraw would give (issue 15: the flip at 4K cost more than a frame may)."""

from __future__ import annotations

import pygame

from game.core import engine
from game.core.actions import Draw
from game.table.session import Session
from game.ui.scenes.table import TableScene
from tests.core.factory import make_setup


def turning_table(driver) -> TableScene:
    state = engine.apply(engine.new_game(make_setup(3)), Draw())
    table = TableScene(driver.app, Session(state, None))
    driver.app.switch(table)
    driver.step()
    table.flip = 0.0
    return table


def whole_redraw(table: TableScene) -> pygame.Surface:
    whole = pygame.Surface(table.app.screen.get_size())
    table._draw_all(whole, card=True)  # what a frame without the shortcut draws
    return whole


def test_each_frame_of_the_turn_matches_a_whole_redraw(driver, monkeypatch):
    table = turning_table(driver)
    screen = driver.app.screen
    drawn_whole = []
    real = TableScene._draw_all

    def counting(self, surface, card, still=False):
        drawn_whole.append(still)
        return real(self, surface, card, still)

    monkeypatch.setattr(TableScene, "_draw_all", counting)
    for flip in (0.1, 0.3, 0.5, 0.8):
        table.flip = flip
        table.draw(screen)
        mine = screen.copy()
        drawn_whole.clear()
        expected = whole_redraw(table)
        assert pygame.image.tobytes(mine, "RGB") == pygame.image.tobytes(expected, "RGB"), flip
    drawn_whole.clear()
    table.flip = 0.6
    table.draw(screen)
    assert drawn_whole == [], "the rest of the table was not drawn again"


def test_pointing_at_a_button_mid_turn_shows_at_once(driver):
    table = turning_table(driver)
    screen = driver.app.screen
    table.flip = 0.2
    table.draw(screen)
    button = table.buttons.get("done_sharing")
    table.buttons.hover = button.id
    table.flip = 0.3
    table.draw(screen)
    mine = screen.copy()
    assert pygame.image.tobytes(mine, "RGB") == pygame.image.tobytes(whole_redraw(table), "RGB")
