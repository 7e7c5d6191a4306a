"""A whole circle game played with the mouse alone: every choice is a click on something visible."""

from __future__ import annotations

import pygame

from game.core.rules import AwardKind
from game.core.state import Phase
from game.core.turns import Stage
from game.ui.scenes.level_change import LevelChangeScene
from game.ui.scenes.new_game import NewGameScene
from game.ui.scenes.summary import SummaryScene
from game.ui.scenes.table import TableScene

NAMES = ("Chloé", "Dmitri", "Eli", "Фатима")


def set_up_circle(driver) -> TableScene:
    driver.click_button("new_game")
    scene = driver.scene
    assert isinstance(scene, NewGameScene)
    driver.click_button("mode:circle")
    driver.click_button("add")
    assert len(scene.fields) == 4
    for field, name in zip(scene.fields, NAMES, strict=True):
        driver.click(field.rect.center)
        driver.type(name)
    driver.click_button("next")
    deck_page = driver.scene
    assert deck_page is not scene, "the deck page is on top"
    driver.wait_for_input()  # the decks are read in a thread: a person waits for the list
    decks = [b for b in deck_page.buttons.buttons if b.id.startswith("deck:") and b.enabled]
    assert decks, "a circle deck is offered"
    driver.click(decks[0].rect.center)
    driver.click_button("next")
    table = driver.scene
    assert isinstance(table, TableScene)
    assert [p.name for p in table.state.players] == list(NAMES)
    return table


def click_turn(driver, table: TableScene) -> None:
    driver.click_button("draw")
    while table.state.phase is Phase.SHARE:  # an "everyone" card: each speaker in turn
        if table.view.stage is Stage.CARRY_OUT:  # an action card: done together, no marks
            driver.click_button("end_turn")
            return
        driver.click_button("done_sharing")
        if table.state.phase is Phase.RESPOND:
            if driver.button_rect("retold") is not None:  # a mirror card: retell first
                driver.click_button("retold")
            driver.click_button("done_responding")
            state = table.state
            first, second = state.listeners[0], state.listeners[1]
            driver.click_button(f"mark:{first}:deepening_question")
            driver.click_button(f"mark:{second}:felt_response")
            driver.click_button(f"mark:{state.speaker}:shared_thought")
            given = {(a.receiver, a.kind) for a in table.state.pending}
            assert given == {
                (first, AwardKind.DEEPENING_QUESTION),
                (second, AwardKind.FELT_RESPONSE),
                (state.speaker, AwardKind.SHARED_THOUGHT),
            }
            driver.click_button("end_turn")


def test_a_whole_circle_game_by_mouse(driver):
    table = set_up_circle(driver)
    for _ in range(300):
        scene = driver.scene
        if isinstance(scene, SummaryScene):
            break
        if isinstance(scene, LevelChangeScene):
            driver.click_button("go")
            continue
        phase = scene.state.phase
        if phase is Phase.DEAL:
            click_turn(driver, scene)
        elif phase is Phase.DEEPER:
            driver.click_button("ready")
        elif phase is Phase.CLOSING:
            driver.click_button("done_closing")
        else:
            raise AssertionError(f"stuck in {phase}")
    summary = driver.scene
    assert isinstance(summary, SummaryScene)
    outcome = summary.outcome
    assert outcome.finished
    assert sum(p.total for p in outcome.players) > 0
    assert all(p.by_kind[AwardKind.SHARED_THOUGHT] > 0 for p in outcome.players)
    del table


def test_hover_and_focus_are_visible(driver):
    title = driver.scene
    rect = driver.button_rect("how_to_play")
    before = driver.app.screen.get_at(rect.move(6, 0).midleft)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0))
    )
    driver.step()
    assert title.buttons.hover == "how_to_play"
    after = driver.app.screen.get_at(rect.move(6, 0).midleft)
    assert before != after
    driver.key(pygame.K_DOWN)
    assert title.buttons.focused_id == "how_to_play"
