"""Phones marking, as the TV sees it: only "Phones: n of m have marked" changes, so the TV
says that line again (no view built afresh), fits it and draws only its box; every frame
is still exactly what a whole redraw gives (issue 27: twelve phones tapping changed the
count nearly every frame, and each time the table was built, placed and drawn whole)."""

from __future__ import annotations

import random

import pygame

from game.core import engine
from game.core.actions import Draw, FinishResponding, FinishSharing
from game.table import views
from game.table.choices import Do
from game.table.session import Session
from game.ui.scenes.table import TableScene
from game.ui.scenes.table import scene as scene_module
from tests.core.factory import make_setup
from tests.moves import ANY, apply

PLAYERS = 12


def marks_table(driver) -> TableScene:  # type: ignore[no-untyped-def]
    state = engine.new_game(make_setup(PLAYERS, seed=5))
    for action in (Draw(ANY), FinishSharing(ANY), FinishResponding(ANY)):
        state = apply(state, action)
    session = Session(state, None)
    session.phones = frozenset(range(PLAYERS))  # every seat on a phone: the TV only watches
    table = TableScene(driver.app, session)
    driver.app.switch(table)
    driver.step()
    return table


def shown(table: TableScene) -> bytes:
    return pygame.image.tobytes(table.app.screen, "RGB")


def whole(table: TableScene) -> bytes:
    surface = pygame.Surface(table.app.screen.get_size())
    table.draw_whole(surface)
    return pygame.image.tobytes(surface, "RGB")


def test_phones_marking_redraw_only_the_count_line_and_build_no_tv_view(make_app, monkeypatch):
    driver = make_app(size=(1280, 720))
    table = marks_table(driver)
    session = table.session
    chooser = random.Random(3)
    built: list[int | None] = []
    drawn: list[pygame.Rect] = []  # the clip of each drawing of the whole table
    bars: list[int] = []  # each drawing of the top bar (not where only the line changed)
    real_view, real_whole = views._View.view, TableScene.draw_whole

    def view(self, row):  # type: ignore[no-untyped-def]
        built.append(self.seat)
        return real_view(self, row)

    def draw_whole(self, surface, card=True, still=False):  # type: ignore[no-untyped-def]
        drawn.append(surface.get_clip())
        return real_whole(self, surface, card, still)

    # The first mark shows the line ("Phones: 1 of 12 have marked"): the panel changes.
    first = views.table_view(session, table.t, session.state.speaker)
    given = next(o for r in first.marks for o in r.marks if o.enabled)
    session.choose(session.state.speaker, given.choice)
    driver.step()
    assert "1 of 12" in table.view.listening
    monkeypatch.setattr(views._View, "view", view)
    monkeypatch.setattr(TableScene, "draw_whole", draw_whole)
    real_bar = scene_module.draw_top_bar
    monkeypatch.setattr(scene_module, "draw_top_bar", lambda *a: (bars.append(1), real_bar(*a))[1])
    screen = table.app.screen
    counts = set()
    for _ in range(30):  # each phone's tap is its own frame here
        seat = chooser.choice(range(PLAYERS))
        offers = [
            o
            for r in views.table_view(session, table.t, seat).marks
            for o in r.marks
            if o.enabled and o.choice.do is Do.MARK
        ]
        # Take back one of its marks, or give one, leaving the sharer's first mark given.
        taken = [o for o in offers if o.on and o.choice != given.choice]
        built.clear()
        session.choose(seat, (taken or offers)[0].choice)
        driver.step()
        counts.add(table.view.listening)
        built_for_tv = [seat for seat in built if seat is None]
        assert built_for_tv == [], "the TV's view was built afresh for a phone's mark"
        assert table.view == views._View(
            session, session.state, table.t, list(table.view.names), None
        ).view(table.view.row), "the TV's view is the one built afresh"
        wholes, tops = len(drawn), len(bars)
        assert shown(table) == whole(table)
        del drawn[wholes:]  # the comparison's own drawing
        del bars[tops:]
    assert len(counts) > 2, "the count changed as phones marked"
    assert not any(clip.colliderect(table.area.top) for clip in drawn)
    full = screen.get_rect()
    assert drawn, "each tap drew the line again"
    assert all(clip.height < full.height // 8 for clip in drawn), "only the line was drawn"
    assert bars == [], "the top bar, away from the line, was not drawn again"
