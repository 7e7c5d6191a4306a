"""Issue 8 on screen, by posted keys and clicks: lines, "ready to go deeper?", a lighter card,
wild cards walked through with names, scoring off without numbers, and the closeness check.
"""

from __future__ import annotations

import re

import attrs
import pygame
import pytest

from game.core import engine
from game.core.actions import Award, Draw, EndTurn, FinishResponding, FinishSharing
from game.core.cards import Deck, Level, Mode, WildEffect
from game.core.rules import AwardKind, LevelPace, Rules, Scoring
from game.core.state import Phase, Player, Setup
from game.core.turns import Stage
from game.store.closeness import load_history
from game.store.saves import SaveStore
from game.store.settings import Settings
from game.table.closeness import ClosenessRound
from game.ui.app import App
from game.ui.play import start_game, start_with_check
from game.ui.scenes.closeness import ClosenessScene
from game.ui.scenes.evenings import EveningsScene
from game.ui.scenes.level_change import LevelChangeScene
from game.ui.scenes.lines import LinesScene
from game.ui.scenes.new_game import NewGameScene
from game.ui.scenes.new_game.deck_page import DeckScene
from game.ui.scenes.summary import SummaryScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from game.ui.widgets.kept import forget as forget_kept_buttons
from tests.core.factory import make_deck, make_setup, prompt
from tests.moves import ANY, apply

from .conftest import Driver

NAMES = ("Ana", "Ben")


def rendered(driver: Driver) -> list[str]:
    """Every piece of text the current screen draws (read back from the text cache)."""
    text = driver.app.look.text
    text._surfaces.clear()
    forget_kept_buttons()  # buttons kept drawn would not draw their words
    driver.app.scene.draw(driver.app.screen)
    return [key[0] for key in text._surfaces]


def to_deck_page(driver: Driver, names=NAMES) -> DeckScene:
    """Title, New game, the names, Enter: the deck page (page 2, on top of page 1)."""
    driver.key(pygame.K_RETURN)  # title: New game
    assert isinstance(driver.scene, NewGameScene)
    driver.type(names[0])
    driver.key(pygame.K_TAB)
    driver.type(names[1])
    driver.key(pygame.K_RETURN)
    scene = driver.scene
    assert isinstance(scene, DeckScene)
    driver.wait_for_input()  # the decks are read in a thread: the page lists them once read
    return scene


def choose_deck(driver: Driver, scene: DeckScene, deck_id: str) -> None:
    """Click the deck, turning the wheel first if the list has scrolled it away."""
    driver.wait_for_input()  # the decks are read in a thread: once they are listed
    index = next(i for i, r in enumerate(scene.decks) if r.deck and r.deck.id == deck_id)
    tile = scene.buttons.get(f"deck:{index}")
    for _ in range(60):
        if tile.shown.size == tile.rect.size:
            break
        up = tile.rect.top < scene.deck_list.box.top
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1 if up else -1))
        driver.step()
        tile = scene.buttons.get(f"deck:{index}")
    driver.click(tile.shown.center)
    assert scene.deck.id == deck_id


def play(driver: Driver, state) -> TableScene:
    """Put a game made in code on the table, as the new-game page would."""
    table = start_game(driver.app, state)
    driver.settle()
    return table


def end_the_evening(driver: Driver) -> None:
    """Menu, End the evening, yes (Enter there keeps playing); then everyone answers the
    closing card."""
    driver.key(pygame.K_ESCAPE)
    driver.key(pygame.K_e)
    driver.click_button("end_yes")
    table = driver.scene
    assert table.state.phase in (Phase.CLOSING, Phase.FINISHED)
    while isinstance(driver.scene, TableScene):
        driver.key(pygame.K_RETURN)


def turn(state):
    for action in (Draw(ANY), FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY)):
        state = apply(state, action)
    return state


def first_draw_with(effect: WildEffect, setup: Setup, turns_before: int = 0):
    """The state just after a Draw that brought `effect`, trying seeds until one does."""
    for seed in range(400):
        state = engine.new_game(attrs.evolve(setup, seed=seed))
        for _ in range(turns_before):
            state = turn(state)
        state = apply(state, Draw(ANY))
        if effect in state.effects:
            return state
    raise AssertionError(f"no seed draws {effect}")


# ---------------------------------------------------------------- lines


def test_by_default_nothing_is_left_out(driver):
    for _ in range(3):
        driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, TableScene)
    assert driver.scene.state.setup.excluded_tags == ()
    assert driver.scene.state.excluded == ()


def test_lines_by_keyboard_reach_the_engine(driver):
    scene = to_deck_page(driver)
    choose_deck(driver, scene, "first-steps")
    driver.key(pygame.K_RIGHT)  # from the chosen deck over to the options: "Leave out" first
    assert scene.buttons.focused_id == "option:lines"
    assert scene.deck.id == "first-steps"
    assert "Leave out" in rendered(driver)
    driver.key(pygame.K_RETURN)
    lines = driver.scene
    assert isinstance(lines, LinesScene)
    assert [tag for tag, _ in lines.topics] == ["family"]
    shown = rendered(driver)
    assert "Family" in shown and any("Parents, siblings" in line for line in shown)
    driver.key(pygame.K_1)
    assert lines.excluded == {"family"}
    kept, total = lines.remaining()
    assert 0 < kept < total
    assert f"{kept} of {total} cards stay in the game." in rendered(driver)
    driver.key(pygame.K_RETURN)  # Done
    assert driver.scene is scene
    assert scene.buttons.get("option:lines").label == "Family"
    assert any(f"{kept} of {total} cards" in line for line in rendered(driver))
    driver.key(pygame.K_RETURN)  # start
    table = driver.scene
    assert isinstance(table, TableScene)
    state = table.state
    assert state.setup.excluded_tags == ("family",)
    family = {c.id for c in state.deck.cards if "family" in c.tags}
    assert family and set(state.excluded) == family
    assert not family.intersection(card for pile in state.piles for card in pile)


def test_lines_by_mouse_toggle_and_come_back(driver):
    driver.click_button("new_game")
    driver.click_button("next")
    scene = driver.scene
    assert isinstance(scene, DeckScene)
    choose_deck(driver, scene, "closer")
    driver.click_button("option:lines")
    lines = driver.scene
    assert isinstance(lines, LinesScene)
    grief = next(b for b in lines.rows if b.id == "topic:grief")
    money = next(b for b in lines.rows if b.id == "topic:money")
    driver.click(grief.rect.center)
    assert "Left out" in rendered(driver)
    driver.click(grief.rect.center)  # and back in
    driver.click(money.rect.center)
    assert scene.excluded == {"money"}
    driver.click_button("done")
    assert driver.scene is scene
    driver.click_button("next")
    state = driver.scene.state
    assert state.setup.excluded_tags == ("money",)
    dealt = [state.deck.card(c) for pile in state.piles for c in pile]
    assert all("money" not in card.tags for card in dealt)


def test_leaving_everything_out_is_said_calmly(tmp_path):
    deck = tmp_path / "all-grief.yaml"
    deck.write_text(
        "format: 1\nid: all-grief\nname: All Grief\n"
        'topics:\n  grief: "Loss and mourning"\ncards:\n'
        '  - prompt: "Tell about someone you miss. What do you feel now?"\n    tags: [grief]\n'
        '  - prompt: "Describe a goodbye you remember. How did it feel?"\n    tags: [grief]\n',
        encoding="utf-8",
    )
    pygame.init()
    app = App(extra_decks=[str(deck)], size=(800, 600), store=SaveStore(), settings=Settings())
    app.switch(TitleScene(app))
    driver = Driver(app)
    scene = to_deck_page(driver)
    choose_deck(driver, scene, "all-grief")
    driver.click_button("option:lines")
    driver.key(pygame.K_1)
    assert driver.scene.remaining() == (0, 2)
    assert any("Every card touches one of these topics" in s for s in rendered(driver))
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)  # start: refused, calmly
    assert driver.scene is scene
    assert scene.notice == (
        "No prompt cards are left to deal: rule out fewer topics or pick another deck."
    )
    assert scene.notice in rendered(driver)
    pygame.quit()


# ---------------------------------------------------------------- pacing


def agreement_state(players: int = 2):
    rules = Rules(rounds=None, level_pace=LevelPace.AGREEMENT)
    return engine.new_game(make_setup(players, deck=make_deck(prompts_per_level=12), rules=rules))


def test_ready_to_go_deeper_names_nobody_and_one_not_yet_keeps_the_level(driver):
    state = agreement_state()
    table = play(driver, state)
    names = [p.name for p in state.players]
    for _ in range(2):  # one round: draw, share, respond, continue
        for _ in range(4):
            driver.key(pygame.K_RETURN)
    assert table.state.phase is Phase.DEEPER
    shown = rendered(driver)
    assert "Ready to go deeper?" in shown
    assert "Answered so far: 0 of 2" in shown
    assert not any(name in line for line in shown for name in names)
    ready, not_yet = table.buttons.get("ready"), table.buttons.get("not_yet")
    assert ready.style != "primary" and not_yet.style != "primary"
    driver.key(pygame.K_RETURN)  # Enter does not answer for anyone
    assert table.state.votes == ()
    driver.key(pygame.K_1)
    shown = rendered(driver)
    assert "Answered so far: 1 of 2" in shown
    assert not any(name in line for line in shown for name in names)
    driver.key(pygame.K_2)  # one key: not yet
    assert table.state.phase is Phase.DEAL and table.state.level == 1
    assert table.note == "Not yet, then: you stay at Level 1 for another round."
    for _ in range(2):
        for _ in range(4):
            driver.key(pygame.K_RETURN)
    assert table.state.phase is Phase.DEEPER
    driver.key(pygame.K_1)
    driver.click_button("ready")  # the other player, by mouse
    assert isinstance(driver.scene, LevelChangeScene)
    assert table.state.level == 2


def test_a_lighter_card_is_one_key_with_no_cost_and_no_explanation(driver):
    rules = Rules(rounds=None, rounds_per_level=1)
    state = engine.new_game(make_setup(2, deck=make_deck(), rules=rules))
    state = apply(turn(turn(state)), Draw(ANY))
    assert state.level == 2 and state.current_card.level == 2
    table = play(driver, state)
    speaker, passes = table.state.speaker, table.state.passes_left
    driver.key(pygame.K_l)
    after = table.state
    assert after.current_card.level == 1
    assert after.phase is Phase.SHARE and after.speaker == speaker
    assert after.passes_left == passes and after.skips == 0
    assert table.notice is None and table.note is None
    assert table.buttons.get("lighter").label == "Lighter card"


# ---------------------------------------------------------------- wild cards


@pytest.mark.parametrize("heard", [True, False])
def test_a_mirror_is_a_retelling_then_felt_heard_is_a_mark(driver, heard):
    deck = make_deck(prompts_per_level=4, levels=1, wilds=((WildEffect.MIRROR, 1),))
    state = first_draw_with(WildEffect.MIRROR, make_setup(2, deck=deck))
    table = play(driver, state)
    sharer, listener = (p.name for p in state.players)
    driver.key(pygame.K_RETURN)  # done sharing
    assert table.view.stage is Stage.RETELL
    step = f"{listener}, retell {sharer}'s story in your own words"
    assert step in " ".join(rendered(driver))
    assert table.buttons.get("done_responding") is None
    driver.key(pygame.K_RETURN)  # done retelling
    assert table.state.phase is Phase.RESPOND
    assert table.view.stage is not Stage.RETELL
    assert table.buttons.get("done_responding") is not None
    driver.key(pygame.K_RETURN)  # done responding
    assert table.state.phase is Phase.AWARD
    if heard:
        driver.key(pygame.K_4)  # felt heard: the sharer's mark for the listener who retold
    felt_heard = Award(0, 1, AwardKind.FELT_HEARD)
    assert (felt_heard in table.state.pending) is heard


def test_swap_everyone_and_double_say_who_does_what(driver):
    deck = make_deck(prompts_per_level=6, levels=1, wilds=((WildEffect.SWAP, 1),))
    swap = first_draw_with(WildEffect.SWAP, make_setup(2, deck=deck), turns_before=1)
    table = play(driver, swap)
    speaker = table.state.players[table.state.speaker].name
    assert table.state.card_is_replay
    assert f"Swap: {speaker} answers the last card, as the sharer." in " ".join(rendered(driver))

    everyone = Deck(
        id="everyone",
        name="Everyone",
        cards=(prompt("a", everyone=True), prompt("b", everyone=True)),
        levels=(Level("One"),),
    )
    state = apply(engine.new_game(make_setup(4, deck=everyone)), Draw(ANY))
    table = play(driver, state)
    names = [p.name for p in state.players]
    assert f"{names[0]} now (1 of 4)." in " ".join(rendered(driver))
    assert "This card is for everyone: each of you answers it in turn." in " ".join(
        rendered(driver)
    )
    for _ in range(3):
        driver.key(pygame.K_RETURN)  # done sharing, done responding, continue
    assert table.state.speaker_index == 1
    assert f"{names[1]} now (2 of 4)." in " ".join(rendered(driver))

    deck = make_deck(prompts_per_level=6, levels=1, wilds=((WildEffect.DOUBLE, 1),))
    double = first_draw_with(WildEffect.DOUBLE, make_setup(2, deck=deck))
    play(driver, double)
    assert "Double: this turn's points count double." in " ".join(rendered(driver))
    off = first_draw_with(
        WildEffect.DOUBLE, make_setup(2, deck=deck, rules=Rules(scoring=Scoring.OFF))
    )
    play(driver, off)
    shown = " ".join(rendered(driver))
    assert "Double: this turn counts twice." in shown and "count double" not in shown


# ---------------------------------------------------------------- scoring off


def test_scoring_off_shows_no_numbers_and_thanks_by_name(driver):
    scene = to_deck_page(driver)
    while scene.options.scoring is not Scoring.OFF:
        driver.click_button("option:scoring")
    driver.key(pygame.K_RETURN)
    table = driver.scene
    assert table.state.rules.scoring is Scoring.OFF
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    if table.view.stage is Stage.RETELL:
        driver.key(pygame.K_RETURN)  # done retelling
    driver.key(pygame.K_RETURN)
    assert table.state.phase is Phase.AWARD
    sharer = table.state.players[table.state.speaker].name
    listener = table.state.players[table.state.listeners[0]].name
    driver.key(pygame.K_1)  # deepening question
    driver.key(pygame.K_5)  # shared a feeling
    shown = rendered(driver)
    assert f"{listener}, your question took {sharer} deeper." in shown
    assert f"{sharer}, you let us in on what you felt." in shown
    assert not [s for s in shown if re.fullmatch(r"\+\d+", s)]  # no points on the buttons
    assert not [s for s in shown if re.search(r"(Ana|Ben): \d", s)]  # no scores at the top
    assert not [s for s in shown if "Deepening question  +" in s]
    driver.key(pygame.K_RETURN)  # continue
    end_the_evening(driver)
    summary = driver.scene
    assert isinstance(summary, SummaryScene)
    shown = rendered(driver)
    assert not [s for s in shown if re.search(r"\d", s)], "no numbers on the summary"
    words = " ".join(shown)
    assert f"{listener}'s question took {sharer} deeper" in words
    assert f"{sharer} shared a feeling" in words
    assert "Questions that went deeper" in shown and "Who touched whom" in shown


# ---------------------------------------------------------------- closeness check


def pick(driver: Driver, picture: int, by_mouse: bool = False) -> None:
    scene = driver.scene
    assert isinstance(scene, ClosenessScene) and scene.stage == "pass"
    driver.key(pygame.K_RETURN)  # I'm <name>: show me
    assert scene.stage == "pick"
    if by_mouse:
        driver.click(scene.pictures[picture - 1].center)
        driver.click_button("choose")
    else:
        driver.key(pygame.K_0 + picture)
        driver.key(pygame.K_RETURN)


def test_the_closeness_check_before_and_after_with_consent(driver):
    scene = to_deck_page(driver)
    assert not scene.options.closeness  # off by default
    driver.click_button("option:closeness")
    assert scene.options.closeness
    driver.key(pygame.K_RETURN)  # start: the check comes before the first card
    check = driver.scene
    assert isinstance(check, ClosenessScene)
    assert "Pass the laptop to Ana" in rendered(driver)
    pick(driver, 3)
    assert check.stage == "pass" and check.choice is None
    shown = rendered(driver)
    assert "Pass the laptop to Ben" in shown
    assert not [s for s in shown if re.search(r"\d", s)], "Ana's answer is hidden"
    pick(driver, 5, by_mouse=True)
    table = driver.scene
    assert isinstance(table, TableScene)
    assert table.session.closeness.before == {0: 3, 1: 5}
    # The "before" answers travel with the saved game, so a resumed game still asks "after".
    saved = SaveStore().load().table["closeness"]
    assert saved == {"names": ["Ana", "Ben"], "before": {"0": 3, "1": 5}}
    end_the_evening(driver)
    after = driver.scene
    assert isinstance(after, ClosenessScene) and after.when == "after"
    pick(driver, 4)
    assert after.stage == "consent"
    assert after.buttons.focused_id == "keep_no"  # no is the default
    driver.key(pygame.K_RETURN)
    pick(driver, 6)
    driver.click_button("keep_yes")
    summary = driver.scene
    assert isinstance(summary, SummaryScene)
    closeness = summary.closeness
    assert closeness.after == {0: 4, 1: 6}
    assert closeness.keep == {0: False, 1: True}
    history, message = load_history()
    assert message is None
    assert history.of("Ana") == ()
    assert [(e.before, e.after) for e in history.of("Ben")] == [(5, 6)]
    shown = rendered(driver)
    assert "How close you felt" in shown and "Kept on this computer for Ben." in shown
    driver.click_button("evenings")
    evenings = driver.scene
    assert isinstance(evenings, EveningsScene)
    assert [name for name, _ in evenings.players] == ["Ben"]
    driver.key(pygame.K_ESCAPE)
    assert driver.scene is summary
    driver.click_button("again")  # play again: the check comes first again
    assert isinstance(driver.scene, ClosenessScene) and driver.scene.closeness.before == {}


def test_rather_not_say_asks_nothing_more(driver):
    state = engine.new_game(
        Setup(
            deck=make_deck(prompts_per_level=2, levels=1),
            rules=Rules(rounds=1),
            players=(Player("Ana"), Player("Ben"), Player("Chloé")),
            mode=Mode.CIRCLE,
        )
    )
    start_with_check(driver.app, state, ClosenessRound(("Ana", "Ben", "Chloé")))
    check = driver.scene
    driver.key(pygame.K_RETURN)
    assert "Ana, which picture shows how close you feel to the group right now?" in " ".join(
        rendered(driver)
    )
    driver.key(pygame.K_x)  # rather not say
    pick(driver, 2)
    pick(driver, 7)
    table = driver.scene
    assert isinstance(table, TableScene)
    assert check.closeness.before == {0: None, 1: 2, 2: 7}
    table._finished(table.state)  # the evening ends
    after = driver.scene
    pick(driver, 5)  # Ana answers after, but said nothing before: nothing to keep, no question
    assert after.stage == "pass" and after.player == 1
    pick(driver, 3)
    driver.key(pygame.K_RETURN)  # no
    pick(driver, 7)
    driver.key(pygame.K_RETURN)  # no
    assert isinstance(driver.scene, SummaryScene)
    assert load_history()[0].names() == ()
