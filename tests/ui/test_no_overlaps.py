"""No two things to click overlap, and none leaves the window, on any screen at any size.

A player's finding: at 500x700, while marks were given, "Menu" was drawn over "Not for us",
and clicking Menu put the card away for good. Every screen of the sample game (the
screenshots walk them all) is laid out at five window sizes, from a phone-sized window
to a 4K television, and each screen's clickable rects (`Scene.clickable`) are checked.
"""

from __future__ import annotations

import os
from itertools import combinations

import pygame
import pytest

from game.core.cards import Mode
from game.core.state import Phase
from game.store import memory as card_memory
from game.table.samples import sample_game
from game.table.session import Session
from game.ui.app import App
from game.ui.scenes.table import TableScene
from game.ui.screenshots import render_all

SIZES = ((500, 700), (800, 600), (1280, 720), (1920, 1080), (3840, 2160))


@pytest.fixture(scope="module")
def clickable_per_screen(tmp_path_factory):
    """Each screenshot's clickable rects and window size, by file name."""
    apps: list[App] = []
    shots: dict[str, tuple[tuple[int, int], list[tuple[str, pygame.Rect]]]] = {}
    real_init, real_save = App.__init__, pygame.image.save

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        apps.append(self)

    def save(surface, path, *rest):
        app = apps[-1]
        shots[os.path.basename(str(path))] = (app.size, app.scene.clickable())
        return real_save(surface, path, *rest)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INKIND_HOME", str(tmp_path_factory.mktemp("home")))
        patch.setattr(App, "__init__", init)
        patch.setattr(pygame.image, "save", save)
        assert render_all(tmp_path_factory.mktemp("shots"), sizes=SIZES) == 0
    return shots


@pytest.mark.slow  # lays out and draws every screen at five sizes
def test_every_size_and_screen_was_walked(clickable_per_screen):
    sizes = {size for size, _ in clickable_per_screen.values()}
    assert sizes == set(SIZES)
    assert sum(1 for name in clickable_per_screen if "table-award" in name) == len(SIZES)


@pytest.mark.slow
def test_no_two_clickable_rects_overlap(clickable_per_screen):
    overlaps = {}
    for screen, (_, rects) in sorted(clickable_per_screen.items()):
        found = [
            f"{a} {tuple(ra)} / {b} {tuple(rb)}"
            for (a, ra), (b, rb) in combinations(rects, 2)
            if ra.colliderect(rb)
        ]
        if found:
            overlaps[screen] = found
    assert overlaps == {}


@pytest.mark.slow
def test_nothing_clickable_leaves_the_window(clickable_per_screen):
    outside = {}
    for screen, (size, rects) in sorted(clickable_per_screen.items()):
        window = pygame.Rect((0, 0), size)
        found = [f"{name} {tuple(rect)}" for name, rect in rects if not window.contains(rect)]
        if found:
            outside[screen] = found
    assert outside == {}


def test_clicking_menu_at_500x700_while_marks_are_given_opens_the_menu(make_app, tmp_path):
    """The player's case itself: Menu opens, and the card is not put away."""
    driver = make_app(size=(500, 700))
    app = driver.app
    state = sample_game(app.catalog(), Mode.PAIR).award
    assert state.phase is Phase.AWARD
    names = [p.name for p in state.setup.players]
    prompts = [c.id for c in state.deck.cards if not c.is_wild]
    keeper = card_memory.Keeper(names, state.deck.id, prompts, tmp_path / "memory.json")
    table = TableScene(app, Session(state, None, memory=keeper))
    app.switch(table)
    driver.step()
    driver.click_button("menu")
    assert table.overlay.which == "menu"
    assert state.card not in keeper.lists().not_for_us
    assert table.state.card == state.card
