"""Twelve players at the table, as a group of friends met it (issue 22).

The gentle timer covered the "Listening: …" list when a wild card took the panel's top;
the top bar showed five to seven scores and then "…"; "8 more below" could only be
reached by keys or the wheel.
"""

from __future__ import annotations

import pygame
import pytest

from game.core.cards import Mode
from game.store.settings import Settings
from game.table.samples import TWELVE_NAMES, sample_game
from game.table.session import Session
from game.ui.scenes.table import TableScene, talk

SIZES = ((500, 700), (800, 600), (1280, 720), (1920, 1080))


@pytest.fixture(scope="module")
def twelve():
    from game.content.sources import load_catalog

    sample = sample_game(load_catalog(), Mode.CIRCLE, names=TWELVE_NAMES, seeds=40)
    assert sample is not None and sample.wild is not None
    return sample


def at_table(make_app, size, state, **settings) -> TableScene:
    driver = make_app(size, Settings(timers=True, **settings))
    table = TableScene(driver.app, Session(state, None))
    driver.app.switch(table)
    driver.step()
    return table


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("which", ["share", "respond", "wild"])
def test_the_timer_never_covers_the_words_above_it(make_app, twelve, size, which):
    table = at_table(make_app, size, getattr(twelve, which))
    assert table.timer.enabled
    (x, y), radius, timer = talk.timer_place(table)
    covered = [box for _, box, _ in table.panel_texts if box.colliderect(timer)]
    assert covered == [], "the timer (with its caption) over the words above it"
    ring = pygame.Rect(x - radius, y - radius, 2 * radius, 2 * radius)
    assert [b.id for b in table.buttons.buttons if b.rect.colliderect(ring)] == []


def test_more_below_scrolls_by_a_click_and_says_so(make_app, twelve):
    driver = make_app((1280, 720))
    state = twelve.award
    table = TableScene(driver.app, Session(state, None))
    driver.app.switch(table)
    driver.wait_for_input()
    marks = table.marks
    assert marks.below > 0 and marks.above == 0 and marks.more is not None
    note = driver.app.t("table_rows_below", count=marks.below)
    assert "click" in note
    last = state.listeners[-1]
    for _ in range(len(state.listeners)):
        if not marks.below:
            break
        look, t = driver.app.look, driver.app.t
        said = "  ·  ".join(
            t(key, count=count)
            for count, key in ((marks.above, "table_rows_above"), (marks.below, "table_rows_below"))
            if count
        )
        end = marks.more.left + look.text.width(said, look.theme.small) - 10
        driver.click((end, marks.more.centery))  # on the words "… more below"
    assert marks.below == 0 and marks.above > 0
    assert driver.button_rect(f"mark:{last}:touched_me") is not None, "the last row shows"
    driver.click((marks.more.left + 10, marks.more.centery))  # "N more above" now: back up
    assert marks.first < len(state.listeners) - (len(marks.rows) - 1)


@pytest.mark.parametrize("size", SIZES)
def test_the_top_bar_shows_every_score(make_app, monkeypatch, twelve, size):
    from game.ui import text as text_module
    from game.ui.widgets.kept import forget as forget_kept_buttons

    table = at_table(make_app, size, twelve.award)
    said: list[str] = []
    real = text_module.Text.render

    def render(self, text, px, colour, bold=False):
        said.append(text)
        return real(self, text, px, colour, bold)

    monkeypatch.setattr(text_module.Text, "render", render)
    table.app.look.text._surfaces.clear()
    forget_kept_buttons()
    table.draw(table.app.screen)
    monkeypatch.undo()
    top = [line for line in said if "Chloé: " in line or "Lea: " in line or "Ana: " in line]
    state = table.state
    for i, player in enumerate(state.players):
        score = table.t("top_score", name=player.name, points=state.scores.total(i))
        assert any(score in line for line in said), f"{score} not in the top bar"
    assert not any(line.rstrip().endswith("…") for line in top)
    menu = table.buttons.get("menu").rect
    assert menu.bottom <= table.area.top.bottom and table.area.top.bottom < table.content.top
