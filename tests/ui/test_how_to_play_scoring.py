"""How to play follows the game's scoring: opened from a scoring-off table it shows no
scoring section; opened from the title, before any game, it shows them. Both end with a good
share and the response guide, and every page draws. Every version says plainly what Pass and
"Not this card" do, and that they are two different things.
"""

from __future__ import annotations

import pygame

from game.core import engine
from game.core.rules import Rules, Scoring
from game.ui.play import start_game
from game.ui.scenes.how_to_play import HowToPlayScene
from game.ui.scenes.table import TableScene
from game.ui.widgets.kept import forget as forget_kept_buttons
from tests.core.factory import make_setup

from .conftest import Driver

SCORING_ONLY = ("What earns points", "What doesn't earn points")
SCORING_OFF_ONLY = ("Marks without numbers",)


def every_page(driver: Driver) -> list[str]:
    """The text of every page, read back from what each page draws, turning with the arrow key."""
    scene = driver.scene
    assert isinstance(scene, HowToPlayScene)
    text = driver.app.look.text
    shown: list[str] = []
    for number in range(len(scene.pages)):
        assert scene.page == number
        text._surfaces.clear()
        forget_kept_buttons()  # buttons kept drawn would not draw their words
        scene.draw(driver.app.screen)
        shown += [key[0] for key in text._surfaces]
        if number < len(scene.pages) - 1:
            driver.key(pygame.K_RIGHT)
    return shown


def open_from_table(driver: Driver, scoring: Scoring, passes: int = 2) -> TableScene:
    rules = Rules(scoring=scoring, passes_per_player=passes)
    state = engine.new_game(make_setup(2, rules=rules))
    table = start_game(driver.app, state)
    driver.settle()
    driver.key(pygame.K_ESCAPE)  # the menu
    driver.click_button("help")
    assert isinstance(driver.scene, HowToPlayScene)
    return table


def test_from_a_scoring_off_table_no_scoring_section_shows(driver):
    table = open_from_table(driver, Scoring.OFF)
    assert driver.scene.scoring is False
    shown = every_page(driver)
    assert not set(SCORING_ONLY) & set(shown)
    assert set(SCORING_OFF_ONLY) <= set(shown)
    assert "What a good share sounds like" in shown
    assert "Responses that stay with the sharer" in shown
    driver.key(pygame.K_ESCAPE)
    assert driver.scene is table


def test_from_a_scoring_table_the_scoring_sections_show(driver):
    open_from_table(driver, Scoring.TOGETHER)
    assert driver.scene.scoring is True
    shown = every_page(driver)
    assert set(SCORING_ONLY) <= set(shown)
    assert not set(SCORING_OFF_ONLY) & set(shown)


def test_from_the_title_the_scoring_sections_show(driver):
    driver.click_button("how_to_play")
    assert driver.scene.scoring is True
    shown = every_page(driver)
    assert set(SCORING_ONLY) <= set(shown)
    assert not set(SCORING_OFF_ONLY) & set(shown)
    assert "What makes it a good share" in shown


def test_the_good_share_starts_its_own_page(make_app):
    for size in ((1280, 720), (800, 600)):
        driver = make_app(size=size)
        driver.click_button("how_to_play")
        scene = driver.scene
        first = next(page for page in scene.pages if ("story" in {kind for kind, _ in page}))
        assert first[0] == ("heading", "What a good share sounds like")


def test_pass_and_not_this_card_are_told_apart(make_app):
    for size in ((1280, 720), (500, 700)):
        driver = make_app(size=size)
        driver.click_button("how_to_play")
        said = " ".join(every_page(driver))
        assert "Pass (P) hands the card to the next player" in said
        assert "on a card everyone answers, you sit it out." in said
        assert "Not this card (X) puts it away for everyone and a new one comes" in said
        assert "free, and anyone may ask" in said
        assert "Once the listeners respond, the card stays" in said
        assert "Anyone can skip a card" not in said  # the old words that made X a free pass


def said(driver: Driver) -> str:
    """The words of every page as laid out (before wrapping), one block after another."""
    return " ".join(text for page in driver.scene.pages for _, text in page)


def test_from_a_table_it_says_the_games_own_passes(make_app):
    for passes, words in (
        (1, "Each player has 1 pass for the whole game."),
        (3, "Each player has 3 passes for the whole game."),
        (0, "This game has no passes."),
    ):
        driver = make_app()
        open_from_table(driver, Scoring.VERSUS, passes)
        assert driver.scene.passes == passes
        text = said(driver)
        assert f"on a card everyone answers, you sit it out. {words}" in text
        assert "{passes}" not in text


def test_from_the_title_it_says_each_presets_passes(driver):
    driver.click_button("how_to_play")
    assert (
        "How many passes each player has for the whole game depends on the rules: "
        "Classic 2, Gathering 1, Together 2." in said(driver)
    )


def test_going_deeper_together_is_said_plainly(driver):
    driver.click_button("how_to_play")
    text = said(driver)
    assert (
        "With some rules, a new level waits until everyone is ready: between levels the game "
        "asks “Ready to go deeper?”. Each of you answers once, and one “not yet” keeps the "
        "level; the screen shows only the outcome." in text
    )
    assert "If going deeper waits" not in text
