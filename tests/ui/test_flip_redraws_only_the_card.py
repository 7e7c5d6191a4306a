"""The table is drawn by parts (game/ui/scenes/table/frames.py): between two changes only the
card, the timer and the button under the pointer or the focus are drawn again, and every
frame is exactly what a whole redraw gives (issue 15: a whole 4K frame costs more than a
frame may)."""

from __future__ import annotations

import random

import pygame
import pytest

from game.core import engine
from game.core.actions import Draw, FinishResponding, FinishSharing
from game.table.session import Session
from game.ui.scenes.table import TableScene
from tests.core.factory import make_setup


def table_at(driver, *actions) -> TableScene:
    state = engine.new_game(make_setup(3))
    for action in actions:
        state = engine.apply(state, action)
    table = TableScene(driver.app, Session(state, None))
    driver.app.switch(table)
    driver.step()
    return table


def whole(table: TableScene) -> bytes:
    surface = pygame.Surface(table.app.screen.get_size())
    table.draw_whole(surface)
    return pygame.image.tobytes(surface, "RGB")


def shown(table: TableScene) -> bytes:
    return pygame.image.tobytes(table.app.screen, "RGB")


@pytest.fixture
def wholes(monkeypatch):
    """How many times the table was drawn whole."""
    count = []
    real = TableScene.draw_whole

    def counting(self, surface, card=True, still=False):
        count.append(1)
        return real(self, surface, card, still)

    monkeypatch.setattr(TableScene, "draw_whole", counting)
    return count


def test_each_frame_of_a_turning_card_matches_a_whole_redraw(driver, wholes):
    table = table_at(driver, Draw())
    screen = driver.app.screen
    for flip in (0.0, 0.1, 0.3, 0.5, 0.8, 1.0):
        table.flip = flip
        table.present(screen)
        assert shown(table) == whole(table), flip
    wholes.clear()
    table.flip = 0.6
    table.present(screen)
    assert wholes == [], "the rest of the table was not drawn again"


@pytest.mark.parametrize("phase", ["share", "marks"])
def test_pointer_and_focus_moves_match_a_whole_redraw(driver, wholes, phase):
    actions = [Draw()] if phase == "share" else [Draw(), FinishSharing(), FinishResponding()]
    table = table_at(driver, *actions)
    screen = driver.app.screen
    chooser = random.Random(7)
    ids = [None, *(b.id for b in table.buttons.buttons)]
    table.present(screen)
    wholes.clear()
    for _ in range(25):
        table.buttons.hover = chooser.choice(ids)
        focus = chooser.choice([None, *range(len(table.buttons.buttons))])
        table.buttons.focus = focus
        table.present(screen)
        assert shown(table) == whole(table), (table.buttons.hover, focus)
    assert len(wholes) == 25, "only the comparisons drew the table whole"


def test_a_choice_draws_the_table_whole_again(driver):
    table = table_at(driver, Draw())
    screen = driver.app.screen
    table.present(screen)
    driver.wait_for_input()
    driver.key(pygame.K_RETURN)  # done sharing: the table changes
    table.present(screen)
    assert shown(table) == whole(table)


def test_two_tables_share_the_kept_surface_without_showing_each_other(driver):
    first = table_at(driver, Draw())
    second = table_at(driver, Draw(), FinishSharing(), FinishResponding())
    screen = driver.app.screen
    for table in (first, second, first, second):
        table.present(screen)  # not even told that the other was on the window
        assert shown(table) == whole(table)


def test_a_flip_draws_each_side_of_the_card_once_not_once_a_frame(driver, monkeypatch):
    """The squeezed card is scaled from its side drawn once (at 4K a side is an 11 MB
    surface with its text): a flip of many frames draws the back once and the face once."""
    from game.ui.widgets import card

    table = table_at(driver, Draw())
    drawn: list[str] = []
    real_face, real_back = card._draw_face, card._draw_back
    monkeypatch.setattr(card, "_SIDES", {})
    monkeypatch.setattr(
        card, "_draw_face", lambda *a, **k: (drawn.append("face"), real_face(*a, **k))[1]
    )
    monkeypatch.setattr(
        card, "_draw_back", lambda *a, **k: (drawn.append("back"), real_back(*a, **k))[1]
    )
    table.flip = 0.0
    frames = 0
    while table.flip < 1.0:
        driver.step()
        frames += 1
    assert frames >= 10
    # 40-odd frames: the back drawn once and the face once for all the squeezed frames,
    # then the face once more, whole, when the card lies still.
    assert drawn == ["back", "face", "face"]
