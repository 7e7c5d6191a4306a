"""Format 1.1 on screen: a deck's own rules chosen on the new-game page and kept at the
table, a card's own timer on the gentle timer, "X reads this aloud — Y answers", and an
action card with one way on and no marks."""

from __future__ import annotations

from pathlib import Path

import attrs
import pygame

from game.core import engine
from game.core.actions import Draw
from game.core.cards import Card, Deck, Level, Mode, WildEffect
from game.core.rules import Rules
from game.core.state import Phase, Player, Setup
from game.table.choices import Do
from game.table.session import Session
from game.ui.scenes.table import TableScene
from tests.moves import ANY, apply
from tests.ui.test_new_game_pages import deck_index, open_app, to_deck_page
from tests.ui.test_play_your_way_screens import rendered

PROTOCOLS = Path(__file__).resolve().parents[1] / "content" / "fixtures" / "protocols"


def test_a_deck_with_its_own_rules_is_played_by_them_with_their_own_times():
    driver = open_app(decks=[PROTOCOLS / "three-sets.yaml"])
    scene = to_deck_page(driver)
    scene.game.choose(deck_index(scene, "three-sets"))
    scene.layout(driver.app.size)  # as a click on the deck does
    game = scene.game
    assert game.options.preset == "three-sets"
    assert list(game.presets())[0] == "three-sets", "the deck's own rules come first"
    rules = game.rules()
    assert rules.share_seconds == 25 and rules.respond_seconds == 10
    shown = rendered(driver)
    assert "Three Sets" in shown and "When a level's cards are all played" in shown
    # Another deck goes back to the presets.
    scene.game.choose(deck_index(scene, "first-steps"))
    assert game.options.preset != "three-sets" and "three-sets" not in game.presets()


def table_for(driver, deck: Deck, rules: Rules | None = None) -> TableScene:
    setup = Setup(deck, rules or Rules(), (Player("Ana"), Player("Ben")), Mode.PAIR, seed=1)
    session = Session(apply(engine.new_game(setup), Draw(ANY)), None)
    table = TableScene(driver.app, session)
    driver.app.switch(table)
    driver.step()
    return table


def test_a_cards_own_timer_is_the_gentle_timer_and_reader_and_answerer_are_named(make_app):
    driver = make_app(size=(1280, 720))
    card = Card(
        id="c",
        prompt="Tell about a song you love. What does it stir?",
        timer=75,
        answered_by_next=True,
    )
    table = table_for(driver, Deck(id="d", name="D", cards=(card,), levels=(Level("One"),)))
    assert table.timer.enabled and table.timer.seconds == 75
    assert table.view.headline == "Ana reads this aloud — Ben answers"
    assert any("Ana reads this aloud" in line for line in rendered(driver))


def test_an_action_card_shows_its_text_one_way_on_and_no_marks(make_app):
    driver = make_app(size=(1280, 720))
    action = Card(id="a", wild=WildEffect.ACTION, text="Everyone stands up and stretches.")
    prompt = Card(id="p", prompt="Tell about a good morning. How did it feel?")
    table = table_for(driver, Deck(id="d", name="D", cards=(action, prompt), fixed_order=True))
    assert table.state.card == "a"
    assert [o.choice.do for o in table.view.bar] == [Do.END_TURN, Do.SKIP]
    assert not table.timer.enabled, "an action card has no timer unless it gives one"
    shown = " ".join(rendered(driver))
    assert "stands up and stretches" in shown and "Do this together" in shown, shown
    driver.key(pygame.K_RETURN)
    assert table.state.phase is Phase.DEAL and table.state.turn == 1
    assert table.state.pending == () and table.state.scores.total(0) == 0


def test_settings_timers_off_hide_a_cards_own_timer_too(make_app):
    from game.store.settings import Settings

    driver = make_app(size=(1280, 720), settings=Settings(timers=False))
    card = Card(id="c", prompt="Tell about a song you love. What does it stir?", timer=75)
    table = table_for(driver, Deck(id="d", name="D", cards=(card,)))
    assert not table.timer.enabled


def test_the_deck_rules_times_reach_the_table_timer(make_app):
    driver = make_app(size=(1280, 720))
    rules = Rules(id="own", share_seconds=25, respond_seconds=10)
    card = Card(id="c", prompt="Tell about a song you love. What does it stir?")
    deck = Deck(id="d", name="D", cards=(card,), rules=rules)
    table = table_for(driver, deck, rules)
    assert table.timer.seconds == 25
    other = table_for(driver, attrs.evolve(deck, rules=None), rules)
    assert other.timer.seconds == driver.app.settings.share_seconds  # a preset: Settings' time


def test_a_decks_together_rules_with_no_goal_are_played_with_no_goal(tmp_path: Path):
    """Issue 25: a goal was invented (3 x players x rounds: 36 for two), and it ended a
    three-sets protocol after set two. Rules that say together and no goal have none."""
    deck = tmp_path / "open-together.yaml"
    deck.write_text(
        "format: 1.1\nid: open-together\nname: Open Together\n"
        "rules:\n  scoring: together\n  levels:\n    pace: agreement\n"
        "cards:\n"
        '  - prompt: "Tell about a walk you remember. What were you thinking on the way?"\n',
        encoding="utf-8",
    )
    driver = open_app(decks=[deck])
    scene = to_deck_page(driver)
    scene.game.choose(deck_index(scene, "open-together"))
    scene.layout(driver.app.size)
    game = scene.game
    assert game.options.preset == "open-together"
    assert game.goal() is None
    rules = game.rules()
    assert rules.scoring.value == "together" and rules.goal is None
    # Turned to together from a versus preset, a game still gets a goal it can reach.
    scene.game.choose(deck_index(scene, "first-steps"))
    game.change_option("scoring", 1)
    assert game.options.scoring.value == "together" and game.rules().goal
