"""A game continued after a crash keeps what the table held: the mirror walk and the
closeness check's "before" answers, so it still asks "after" at the end."""

from __future__ import annotations

import pygame

from game.core import engine
from game.core.actions import Draw
from game.core.cards import Mode, WildEffect
from game.core.rules import Rules
from game.core.state import Phase, Player, Setup
from game.core.turns import Stage
from game.table.closeness import AFTER, ClosenessRound
from game.ui.play import continue_game, start_with_check
from game.ui.scenes.closeness import ClosenessScene
from game.ui.scenes.table import TableScene
from tests.core.factory import make_deck
from tests.moves import ANY, apply

from .test_play_your_way_screens import end_the_evening, pick


def test_a_resumed_game_still_asks_after_the_closing_card(driver):
    state = engine.new_game(
        Setup(
            deck=make_deck(prompts_per_level=4, levels=1),
            rules=Rules(rounds=2),
            players=(Player("Ana"), Player("Ben")),
            mode=Mode.PAIR,
        )
    )
    start_with_check(driver.app, state, ClosenessRound(("Ana", "Ben")))
    pick(driver, 2)
    pick(driver, 6)
    assert isinstance(driver.scene, TableScene)
    driver.key(pygame.K_RETURN)  # draw: the game is saved with the answers beside it

    # The laptop's battery dies; the game is continued from the title.
    driver.app.reset("title")
    continue_game(driver.app)
    table = driver.scene
    assert isinstance(table, TableScene) and table.resumed
    assert table.session.closeness is not None
    assert table.session.closeness.before == {0: 2, 1: 6}

    end_the_evening(driver)
    after = driver.scene
    assert isinstance(after, ClosenessScene) and after.when == AFTER
    assert after.closeness.before == {0: 2, 1: 6}


def test_a_resumed_game_is_still_waiting_for_the_retelling(driver):
    deck = make_deck(prompts_per_level=4, levels=1, wilds=((WildEffect.MIRROR, 1),))
    for seed in range(400):
        setup = Setup(deck, Rules(), (Player("Ana"), Player("Ben")), Mode.PAIR, seed=seed)
        state = apply(engine.new_game(setup), Draw(ANY))
        if WildEffect.MIRROR in state.effects:
            break
    from game.ui.play import start_game

    table = start_game(driver.app, state)
    driver.key(pygame.K_RETURN)  # done sharing: Ben retells
    assert table.state.phase is Phase.RESPOND and table.view.stage is Stage.RETELL

    driver.app.reset("title")
    continue_game(driver.app)
    resumed = driver.scene
    assert resumed.view.stage is Stage.RETELL
    assert resumed.view.primary is not None and resumed.view.primary.id == "retold"
    driver.key(pygame.K_RETURN)  # done retelling
    assert resumed.state.phase is Phase.RESPOND
    driver.app.reset("title")
    continue_game(driver.app)
    again = driver.scene
    assert again.view.stage is not Stage.RETELL, "retold once is enough"
    assert again.view.primary is not None and again.view.primary.id == "done_responding"
