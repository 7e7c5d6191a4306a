"""The summary says the evening as the players lived it (issue 22).

Found by players: ending the evening in round 1 said "0 rounds"; the closeness column's
words were cut short.
"""

from __future__ import annotations

import pytest

from game.core import engine
from game.core.actions import Draw, EndGame, EndTurn, FinishResponding, FinishSharing
from game.core.state import Phase
from game.ui import text as text_module
from game.ui.scenes.summary import SummaryScene
from game.ui.widgets.kept import forget as forget_kept_buttons
from tests.core.factory import make_setup
from tests.moves import ANY, apply


def ended_in_round_one():
    state = apply(engine.new_game(make_setup(2)), Draw(ANY))
    state = apply(state, EndGame(ANY))
    while state.phase is Phase.CLOSING:
        state = apply(state, FinishSharing(ANY))
    assert state.phase is Phase.FINISHED and state.round == 0
    return state


def test_ending_in_round_one_never_says_0_rounds(driver):
    state = ended_in_round_one()
    summary = SummaryScene(driver.app, state)
    driver.app.switch(summary)
    facts = summary.facts()
    assert "0 rounds" not in facts
    assert driver.app.t("summary_facts_under_a_round") in facts


def test_whole_rounds_are_still_counted(driver):
    state = engine.new_game(make_setup(2))
    for _ in range(2):  # each of the two shares once: one whole round
        for action in (
            Draw(ANY),
            FinishSharing(ANY),
            FinishResponding(ANY),
            EndTurn(ANY, elapsed_seconds=60),
        ):
            state = apply(state, action)
    state = apply(state, EndGame(ANY))
    while state.phase is Phase.CLOSING:
        state = apply(state, FinishSharing(ANY))
    assert state.round == 1
    summary = SummaryScene(driver.app, state)
    assert driver.app.t("summary_facts_rounds", count=1) in summary.facts()


def drawn_texts(driver, monkeypatch) -> list[str]:
    said: list[str] = []
    real = text_module.Text.render

    def render(self, text, size, colour, bold=False):
        said.append(text)
        return real(self, text, size, colour, bold)

    monkeypatch.setattr(text_module.Text, "render", render)
    driver.app.look.text._surfaces.clear()
    forget_kept_buttons()
    driver.app.scene.draw(driver.app.screen)
    monkeypatch.undo()
    return said


@pytest.mark.parametrize("size", [(500, 700), (800, 600), (1280, 720), (1920, 1080)])
def test_the_closeness_column_cuts_no_words(make_app, monkeypatch, size):
    from game.table.closeness import ClosenessRound
    from game.table.samples import CIRCLE_NAMES

    driver = make_app(size)
    state = engine.new_game(make_setup(len(CIRCLE_NAMES)))
    state = apply(apply(state, Draw(ANY)), EndGame(ANY))
    while state.phase is Phase.CLOSING:
        state = apply(state, FinishSharing(ANY))
    names = tuple(p.name for p in state.players)
    closeness = ClosenessRound(names, before={0: 3, 1: None, 2: 5, 3: 2, 4: None})
    closeness.after.update({0: 5, 1: None, 2: 6, 3: None, 4: 4})
    closeness.keep.update({0: True, 2: True, 4: False})
    driver.app.switch(SummaryScene(driver.app, state, closeness=closeness))
    driver.step()
    cut = [t for t in drawn_texts(driver, monkeypatch) if len(t) > 1 and t.endswith("…")]
    assert cut == []
