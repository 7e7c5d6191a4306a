"""A whole pair game played with the keyboard alone, from the title to the summary."""

from __future__ import annotations

import pygame

from game.core.rules import AwardKind
from game.core.state import Phase
from game.core.turns import Stage
from game.store.saves import SaveStore
from game.ui.scenes.level_change import LevelChangeScene
from game.ui.scenes.new_game import NewGameScene
from game.ui.scenes.summary import SummaryScene
from game.ui.scenes.table import TableScene


def start_pair_game(driver, names=("Ana", "Ben")) -> TableScene:
    driver.key(pygame.K_RETURN)  # title: New game
    assert isinstance(driver.scene, NewGameScene)
    driver.type(names[0])
    driver.key(pygame.K_TAB)
    driver.type(names[1])
    driver.key(pygame.K_RETURN)  # players -> deck
    driver.key(pygame.K_RETURN)  # deck -> start
    assert isinstance(driver.scene, TableScene)
    return driver.scene


def test_enter_enter_enter_starts_a_pair_game(driver):
    for _ in range(3):
        driver.key(pygame.K_RETURN)
    table = driver.scene
    assert isinstance(table, TableScene)
    assert [p.name for p in table.state.players] == ["Player 1", "Player 2"]
    assert table.state.phase is Phase.DEAL
    assert SaveStore().has_unfinished()


def test_typed_names_reach_the_engine_with_unicode_and_editing(driver):
    driver.key(pygame.K_RETURN)
    driver.type("Zoë")
    driver.key(pygame.K_BACKSPACE)
    driver.type("é")
    driver.key(pygame.K_TAB)
    driver.type("Дмитрий")
    driver.key(pygame.K_LEFT)
    driver.key(pygame.K_HOME)
    driver.type("·")
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    assert [p.name for p in driver.scene.state.players] == ["Zoé", "·Дмитрий"]


def walk_mirror(driver, table: TableScene) -> None:
    """A mirror card's one step: Enter when a listener has retold the story."""
    if table.view.stage is Stage.RETELL:
        driver.key(pygame.K_RETURN)
        assert table.view.stage is not Stage.RETELL
        assert table.state.phase is Phase.RESPOND


def play_one_turn(driver, table: TableScene) -> tuple[int, int] | None:
    """Draw, share, respond, mark a deepening question, a felt response and a shared feeling, continue.

    Returns (who shared, the listener marked): a swap card gives the turn to the next seat.
    An action card drawn on the way is carried out (Enter) and the next player draws; None
    when the round ended on one.
    """
    assert table.state.phase is Phase.DEAL
    driver.key(pygame.K_RETURN)
    while table.view.stage is Stage.CARRY_OUT:
        driver.key(pygame.K_RETURN)  # done together; no marks
        if table.state.phase is not Phase.DEAL or driver.scene is not table:
            return None  # the round ended on it (a level change, a vote, the closing card)
        driver.key(pygame.K_RETURN)
    assert table.state.phase is Phase.SHARE
    driver.key(pygame.K_RETURN)
    assert table.state.phase is Phase.RESPOND
    walk_mirror(driver, table)
    driver.key(pygame.K_RETURN)
    assert table.state.phase is Phase.AWARD
    driver.key(pygame.K_1)
    driver.key(pygame.K_2)
    driver.key(pygame.K_5)  # the first of the sharer's marks, 5 whatever the card
    listener = table.state.listeners[0]
    given = {(a.receiver, a.kind) for a in table.state.pending}
    assert (listener, AwardKind.DEEPENING_QUESTION) in given
    assert (listener, AwardKind.FELT_RESPONSE) in given
    assert (table.state.speaker, AwardKind.SHARED_FEELING) in given
    speaker = table.state.speaker
    driver.key(pygame.K_RETURN)
    return speaker, listener


def finish(driver) -> SummaryScene:
    """Play on until the summary, answering level changes, 'ready to go deeper' and the closing card."""
    for _ in range(400):
        scene = driver.scene
        if isinstance(scene, SummaryScene):
            return scene
        if isinstance(scene, LevelChangeScene):
            driver.key(pygame.K_RETURN)
            continue
        state = scene.state
        if state.phase is Phase.DEAL:
            play_one_turn(driver, scene)
        elif state.phase is Phase.DEEPER:
            driver.key(pygame.K_1)
        elif state.phase in (Phase.SHARE, Phase.RESPOND, Phase.AWARD, Phase.CLOSING):
            driver.key(pygame.K_RETURN)
    raise AssertionError("the game did not end")


def test_a_whole_pair_game_by_keyboard(driver):
    table = start_pair_game(driver)
    played = play_one_turn(driver, table)
    assert played is not None
    sharer, listener = played
    state = table.state
    assert state.turn == 1 or state.speaker_index == 1  # an "everyone" card: the next speaker
    assert state.scores.of(listener, AwardKind.DEEPENING_QUESTION) > 0
    assert state.scores.of(sharer, AwardKind.SHARED_FEELING) > 0
    saved = SaveStore().load()
    assert saved.state == state  # saved after every action
    summary = finish(driver)
    assert summary.state.finished
    assert summary.outcome.cards_played >= state.rules.rounds * 2 - 1
    assert not SaveStore().has_unfinished()
    driver.key(pygame.K_RETURN)  # the first Enter only shows it is on Play again
    assert driver.scene is summary and summary.buttons.focused_id == "again"
    driver.key(pygame.K_RETURN)  # play again
    assert isinstance(driver.scene, TableScene)
    assert driver.scene.state.turn == 0


def draw_a_prompt(driver, table: TableScene) -> None:
    """Enter to draw; an action card drawn first is carried out, and the next player draws."""
    driver.key(pygame.K_RETURN)
    while table.view.stage is Stage.CARRY_OUT:
        driver.key(pygame.K_RETURN)
        driver.key(pygame.K_RETURN)


def test_undo_takes_back_the_last_mark(driver):
    table = start_pair_game(driver)
    draw_a_prompt(driver, table)
    driver.key(pygame.K_RETURN)
    walk_mirror(driver, table)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_1)
    driver.key(pygame.K_2)
    assert len(table.state.pending) == 2
    driver.key(pygame.K_u)
    assert [a.kind for a in table.state.pending] == [AwardKind.DEEPENING_QUESTION]
    driver.key(pygame.K_1)  # pressing a number again takes that mark back
    assert table.state.pending == ()


def test_pass_hands_the_card_on_and_not_this_card_puts_it_away(driver):
    table = start_pair_game(driver)
    draw_a_prompt(driver, table)
    first, sharer = table.state.card, table.state.speaker
    assert "Pass:" in table.view.aside and "Not this card:" in table.view.aside
    driver.key(pygame.K_p)  # the card goes to Ben, who answers it instead
    assert table.state.card == first and table.state.speaker != sharer
    assert table.state.passes_left[sharer] == table.state.rules.passes_per_player - 1
    driver.key(pygame.K_x)  # not this card: it goes away, a new one comes
    assert table.state.card != first
    assert table.state.skips == 1
    while table.view.stage is Stage.CARRY_OUT:  # an action card came: not this one either
        driver.key(pygame.K_x)
    skips = table.state.skips
    driver.key(pygame.K_RETURN)
    assert table.state.phase is Phase.RESPOND
    driver.key(pygame.K_x)  # while responding, X does nothing: nobody's card is thrown away
    assert table.state.phase is Phase.RESPOND and table.state.skips == skips


def test_escape_opens_the_menu_and_the_title_offers_continue(driver):
    table = start_pair_game(driver)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_ESCAPE)
    assert table.overlay.which == "menu"
    driver.click_button("title")
    from game.ui.scenes.title import TitleScene

    assert isinstance(driver.scene, TitleScene)
    assert driver.scene.buttons.buttons[0].id == "continue"
    driver.key(pygame.K_RETURN)
    resumed = driver.scene
    assert isinstance(resumed, TableScene)
    assert resumed.state == table.state
    assert resumed.timer.paused  # timers wait after a resume
    driver.key(pygame.K_RETURN)
    assert not resumed.timer.paused
