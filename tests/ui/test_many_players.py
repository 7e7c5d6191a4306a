"""Twelve players: the mark rows keep a readable size and scroll, with or without a wild card."""

from __future__ import annotations

import pygame
import pytest

from game.core.cards import Mode
from game.core.rules import AwardKind
from game.table.samples import TWELVE_NAMES, sample_game
from game.table.session import Session
from game.ui import text as text_module
from game.ui.scenes.table import TableScene
from game.ui.widgets.kept import forget as forget_kept_buttons


@pytest.fixture(scope="module")
def twelve():
    from game.content.sources import load_catalog

    sample = sample_game(load_catalog(), Mode.CIRCLE, names=TWELVE_NAMES, seeds=40)
    assert sample is not None and sample.award is not None
    return sample


def sizes_drawn(driver, monkeypatch) -> list[tuple[str, int]]:
    said: list[tuple[str, int]] = []
    real = text_module.Text.render

    def render(self, text, size, colour, bold=False):
        said.append((text, size))
        return real(self, text, size, colour, bold)

    monkeypatch.setattr(text_module.Text, "render", render)
    driver.app.look.text._surfaces.clear()
    forget_kept_buttons()  # buttons kept drawn would not draw their words
    driver.app.scene.draw(driver.app.screen)
    monkeypatch.undo()
    return said


@pytest.mark.parametrize("which", ["award", "wild_award"])
def test_twelve_players_read_at_15_px_or_more_at_1280x720(make_app, monkeypatch, twelve, which):
    state = getattr(twelve, which)
    if state is None:
        pytest.skip("this sample game had no wild card during marks")
    driver = make_app((1280, 720))
    table = TableScene(driver.app, Session(state, None))
    driver.app.switch(table)
    driver.step()
    if which == "wild_award":
        # Named in the headline while marks are given: a banner took the rows' room.
        assert table.view.headline.startswith("Marks · Wild card: ")
    said = sizes_drawn(driver, monkeypatch)
    marks = [b for b in table.buttons.buttons if b.id.startswith("mark:")]
    receivers = {b.id.split(":")[1] for b in marks}
    assert len(receivers) >= 3, "two listeners' rows at least, and the sharer's"
    for button in marks:
        assert button.rect.height >= 2 * driver.app.look.text.line_height(15, True)
    tiny = [(text, size) for text, size in said if size < 15 and len(text) > 5]
    assert tiny == []


def test_the_rows_scroll_to_every_listener_by_keys_and_wheel(make_app, twelve):
    driver = make_app((1280, 720))
    state = twelve.award
    table = TableScene(driver.app, Session(state, None))
    driver.app.switch(table)
    driver.wait_for_input()
    shown = {b.id.split(":")[1] for b in table.buttons.buttons if b.id.startswith("mark:")}
    assert str(state.listeners[-1]) not in shown, "not every row fits: the last is scrolled out"
    assert table.marks.below > 0

    for _ in range(len(state.listeners) - 1):
        driver.key(pygame.K_DOWN)
    last = state.listeners[-1]
    assert table.view.row == len(state.listeners) - 1
    assert driver.button_rect(f"mark:{last}:touched_me") is not None, "scrolled into view"
    assert table.marks.below == 0 and table.marks.above > 0
    before = sum(1 for a in table.state.pending if a.receiver == last)
    driver.key(pygame.K_3)  # touched me, for the row chosen
    given = [a for a in table.state.pending if a.receiver == last]
    assert len(given) == before + 1 and given[-1].kind is AwardKind.TOUCHED_ME

    for _ in range(20):  # the wheel goes back to the top
        driver.app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1)], 1 / 60)
    assert table.marks.above == 0
    assert driver.button_rect(f"mark:{state.listeners[0]}:deepening_question") is not None
    sharer_row = f"mark:{state.speaker}:shared_feeling"
    assert driver.button_rect(sharer_row) is not None, "the sharer's row never scrolls away"
