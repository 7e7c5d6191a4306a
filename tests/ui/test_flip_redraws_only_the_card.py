"""The table is drawn by parts (game/ui/scenes/table/frames.py): between two changes only the
card, the timer and the button under the pointer or the focus are drawn again, and every
frame is exactly what a whole redraw gives (issue 15: a whole 4K frame costs more than a
frame may)."""

from __future__ import annotations

import random

import pygame
import pytest

from game.core import engine
from game.core.actions import Draw, FinishResponding, FinishSharing, Skip
from game.table.session import Session
from game.ui.scenes.table import TableScene
from tests.core.factory import make_setup
from tests.moves import ANY, apply, dispatch


def table_at(driver, *actions) -> TableScene:
    state = engine.new_game(make_setup(3))
    for action in actions:
        state = apply(state, action)
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
    table = table_at(driver, Draw(ANY))
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
    actions = (
        [Draw(ANY)] if phase == "share" else [Draw(ANY), FinishSharing(ANY), FinishResponding(ANY)]
    )
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
    table = table_at(driver, Draw(ANY))
    screen = driver.app.screen
    table.present(screen)
    driver.wait_for_input()
    driver.key(pygame.K_RETURN)  # done sharing: the table changes
    table.present(screen)
    assert shown(table) == whole(table)


def test_two_tables_share_the_kept_surface_without_showing_each_other(driver):
    first = table_at(driver, Draw(ANY))
    second = table_at(driver, Draw(ANY), FinishSharing(ANY), FinishResponding(ANY))
    screen = driver.app.screen
    for table in (first, second, first, second):
        table.present(screen)  # not even told that the other was on the window
        assert shown(table) == whole(table)


def test_a_flip_draws_each_side_of_the_card_once_not_once_a_frame(driver, monkeypatch):
    """The squeezed card is scaled from its side drawn once (at 4K a side is an 11 MB
    surface with its text): a flip of many frames draws the back once and the face once
    (each onto its three parts: the opaque middle and the two bands with the corners),
    and the next card's flip draws only its new face: the deck's back is kept."""
    from game.ui.widgets import card

    table = table_at(driver, Draw(ANY))
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
    # 40-odd frames: the face's three parts made in the first frame, while the back shows
    # (a face made when it first shows was the flip's slowest frame at 4K), the back's
    # once, then the face once more, whole, when the card lies still.
    assert drawn == ["face"] * 3 + ["back"] * 3 + ["face"]

    drawn.clear()
    dispatch(table.session, Skip(ANY))  # the next card turns over
    table.flip = 0.0
    while table.flip < 1.0:
        driver.step()
    assert drawn.count("back") <= 1  # the back lying still, maybe; never redrawn for the flip
    assert drawn.count("face") == 4
    assert len(card._SIDES) == 2  # the back and the new face: the old face gave way


@pytest.mark.parametrize(
    "size",
    [(1280, 720), pytest.param((3840, 2160), marks=pytest.mark.slow)],  # 4K: 4 s
)
def test_the_squeezed_card_is_what_blending_its_whole_side_would_draw(driver, size):
    """A turning card is drawn in parts (opaque middle copied, corner bands blended, the
    shadow only where it shows): pixel for pixel what the plain way draws, a whole shadow
    and the whole side squeezed and blended."""
    import math

    from game.ui.widgets import card

    look = driver.app.look
    rect = card.card_rect(pygame.Rect(0, 0, size[0] // 3, size[1] - 100)).move(40, 30)
    prompt = "What did you feel when the house went quiet that first evening?"
    for flip in (0.05, 0.2, 0.45, 0.55, 0.7, 0.95):
        background = pygame.Surface(size)
        background.fill(look.pal.background)
        parts = background.copy()
        card.draw_prompt_card(parts, rect, look, prompt, "Level 1", flip=flip, back_label="Deck")

        plain = background.copy()
        side = pygame.Surface(rect.size, pygame.SRCALPHA)
        if flip >= 0.5:
            card._draw_face(side, side.get_rect(), look, prompt, "Level 1", shadow=False)
        else:
            card._draw_back(side, side.get_rect(), look, "Deck", shadow=False)
        squeeze = abs(math.cos(math.pi * flip))
        squeezed = pygame.transform.smoothscale(
            side, (max(1, int(rect.width * squeeze)), rect.height)
        )
        place = squeezed.get_rect(center=rect.center)
        card._shadow(plain, place, look)
        plain.blit(squeezed, place)
        # Scaling a surface with alpha and one without round differently, and blending a
        # pixel of alpha 255 can be one off from copying it: "the same" is within two
        # steps of each colour (a missing shadow or a wrong corner is tens of steps off).
        difference = pygame.Surface(size)
        difference.blit(parts, (0, 0))
        difference.blit(plain, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
        other_way = plain.copy()
        other_way.blit(parts, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
        difference.blit(other_way, (0, 0), special_flags=pygame.BLEND_RGB_MAX)
        assert max(pygame.image.tobytes(difference, "RGB")) <= 2, flip


def test_a_turning_card_is_not_put_back_where_it_is_drawn_over(driver, monkeypatch):
    """Each frame puts back from the kept table only where the moving parts were and this
    frame's card does not lay opaque pixels: at 4K the card's own place was a 10 MB copy a
    frame, drawn over at once (issue 27). The frames stay exactly a whole redraw's."""
    from game.ui.scenes.table import frames
    from game.ui.scenes.table.card_column import card_solid

    table = table_at(driver, Draw(ANY))
    screen = driver.app.screen
    put_back: list[pygame.Rect] = []
    real = frames._outside
    monkeypatch.setattr(frames, "_outside", lambda p, h: put_back.extend(real(p, h)) or real(p, h))
    table.flip = 0.0
    table.present(screen)
    width = table.card_box.width
    for flip in (0.05, 0.2, 0.45, 0.55, 0.8, 0.97, 1.0, 1.0):
        put_back.clear()
        table.flip = flip
        table.present(screen)
        assert shown(table) == whole(table), flip
        solid = card_solid(table.look, table.view, table.card_box, flip)
        assert solid.width and solid.height
        assert not any(piece.colliderect(solid) for piece in put_back), flip
        if solid.width >= width:  # as wide as the frame before, or wider: only its edges
            card_area = table.card_box.width * table.card_box.height
            assert sum(p.width * p.height for p in put_back) < card_area // 3, flip
        width = solid.width


def test_the_timer_is_put_back_only_where_it_drew(driver, monkeypatch):
    """The gentle timer is drawn again each frame: what is put back before it is where it
    drew (its ring and time, and its caption when paused or over), not the whole room kept
    for it. Every frame, ticking, paused and over, is a whole redraw's."""
    from game.ui.scenes.table import frames, talk

    table = table_at(driver, Draw(ANY))
    table.flip = 1.0
    screen = driver.app.screen
    assert table.timer.enabled
    put_back: list[pygame.Rect] = []
    real = frames._outside
    monkeypatch.setattr(frames, "_outside", lambda p, h: put_back.extend(real(p, h)) or real(p, h))
    room = talk.timer_place(table)[2]
    table.present(screen)
    for elapsed, paused in ((1.5, False), (2.5, True), (3.5, False), (10_000.0, False)):
        table.timer.elapsed, table.timer.paused = elapsed, paused
        table.timer.chimed = elapsed > table.timer.seconds
        for _ in range(2):  # the caption shown, then gone: each put back where it was
            put_back.clear()
            table.present(screen)
            assert shown(table) == whole(table), (elapsed, paused)
            timer = [p for p in put_back if p.colliderect(room)]
            assert timer and sum(p.width * p.height for p in timer) < room.width * room.height
            table.timer.paused = False


@pytest.mark.parametrize("face_up", [True, False])
def test_a_side_keeps_only_its_rows_that_differ_and_squeezes_them_exactly(driver, face_up):
    """A turning card squeezes each row on its own, and most of a side's rows are the same
    as the row above (its plain paper): each run of those is kept and squeezed once, then
    copied down (issue 27: at 4K the squeeze read the whole 6 MB side every frame). Every
    width is exactly what squeezing the whole side gives, and the side keeps no whole
    copy of itself."""
    from game.ui.widgets import card

    look = driver.app.look
    screen = driver.app.screen
    size = (420, 560)
    prompt = "What did you feel when the house went quiet that first evening?"

    def draw(on: pygame.Surface, rect: pygame.Rect) -> object:
        if face_up:
            return card._draw_face(on, rect, look, prompt, "Level 1", shadow=False)
        return card._draw_back(on, rect, look, "Deck", shadow=False)

    side = card._Side(size, look.px(22))
    side.paint(screen, draw)
    whole = pygame.Surface(size, 0, screen)
    whole.fill((0, 0, 0))
    draw(whole, whole.get_rect())
    corner, middle = side.corner, size[1] - 2 * side.corner
    assert side.rows is not None
    assert side.rows.get_height() < middle // 2, "most rows are the row above again"
    kept = [side.rows, side.top, side.bottom]
    assert sum(s.get_width() * s.get_height() for s in kept) < size[0] * size[1] * 0.6
    source = whole.subsurface((0, corner, size[0], middle))
    for width in range(1, size[0], 7):
        place = pygame.Rect(10, 5, width, size[1])
        target = pygame.Surface((size[0] + 20, size[1] + 10), 0, screen)
        side.draw_squeezed(target, place)
        drawn = target.subsurface((place.left, place.top + corner, width, middle))
        expected = pygame.transform.smoothscale(source, (width, middle))
        assert pygame.image.tobytes(drawn, "RGB") == pygame.image.tobytes(expected, "RGB"), width
