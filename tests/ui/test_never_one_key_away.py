"""Quitting, playing again and leaving the summary are never one accidental key away; every
screen moves to another by name on the scene stack, and comes back where it was opened.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pygame

from game.core import engine
from game.core.actions import (
    Award,
    Draw,
    EndGame,
    EndTurn,
    FinishResponding,
    FinishSharing,
    Pass,
    Skip,
)
from game.core.rules import AwardKind, Rules, Scoring
from game.ui.play import start_game
from game.ui.scenes.evenings import EveningsScene
from game.ui.scenes.how_to_play import HowToPlayScene
from game.ui.scenes.level_change import LevelChangeScene
from game.ui.scenes.registry import SCENES
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.summary import SummaryScene
from game.ui.scenes.title import TitleScene
from game.ui.widgets.kept import forget as forget_kept_buttons
from tests.core.factory import make_deck, make_setup
from tests.moves import ANY, apply, dispatch

from .conftest import Driver


def rendered(driver: Driver) -> list[tuple[str, int, tuple, bool]]:
    """(text, size, colour, bold) of every piece of text the screen draws, in order."""
    text = driver.app.look.text
    text._surfaces.clear()
    forget_kept_buttons()  # buttons kept drawn would not draw their words
    driver.app.scene.draw(driver.app.screen)
    return list(text._surfaces)


def words(driver: Driver) -> str:
    return " ".join(key[0] for key in rendered(driver))


def finished(players: int = 2, scoring: Scoring = Scoring.VERSUS, turns: int = 1, marks=None):
    """A game ended in code; `marks(state)` gives each turn's awards."""
    rules = Rules(scoring=scoring)
    state = engine.new_game(make_setup(players, deck=make_deck(closing=False), rules=rules))
    for _ in range(turns):
        for action in (Draw(ANY), FinishSharing(ANY), FinishResponding(ANY)):
            state = apply(state, action)
        for award in marks(state) if marks else ():
            state = apply(state, award)
        state = apply(state, EndTurn(ANY))
    return apply(state, EndGame(ANY))


def show_summary(driver: Driver, state) -> SummaryScene:
    summary = SummaryScene(driver.app, state)
    driver.app.switch(summary)
    driver.step()
    return summary


# ---------------------------------------------------------------- title


def test_up_from_the_first_entry_does_not_wrap_round_to_quit(driver):
    title = driver.scene
    first = title.buttons.buttons[0].id
    driver.key(pygame.K_UP)
    assert title.buttons.focused_id == first
    driver.key(pygame.K_RETURN)
    assert driver.app.running


def test_quit_asks_once_and_moving_away_or_esc_cancels(driver):
    title = driver.scene
    for _ in range(6):
        driver.key(pygame.K_DOWN)
    assert title.buttons.focused_id == "quit"  # the last entry: down stops there
    driver.key(pygame.K_RETURN)
    assert driver.app.running, "the first Enter on Quit only asks"
    assert "Quit In Kind?" in words(driver)
    driver.key(pygame.K_ESCAPE)
    assert driver.app.running and "Quit In Kind?" not in words(driver)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_UP)  # moving away cancels too
    assert title.buttons.focused_id == "settings" and "Quit In Kind?" not in words(driver)
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    assert not driver.app.running


def test_quit_by_mouse_asks_too(driver):
    driver.click_button("quit")
    assert driver.app.running
    driver.click_button("quit")
    assert not driver.app.running


def test_esc_on_the_title_asks_before_quitting(driver):
    title = driver.scene
    driver.key(pygame.K_ESCAPE)
    assert driver.app.running and isinstance(driver.scene, TitleScene)
    assert title.buttons.focused_id == "quit" and "Quit In Kind?" in words(driver)
    driver.key(pygame.K_ESCAPE)  # the second Esc stays
    assert driver.app.running and "Quit In Kind?" not in words(driver)


def test_new_game_opens_over_the_title(driver):
    title = driver.scene
    driver.key(pygame.K_RETURN)
    assert driver.app.stack == [title, driver.scene]  # its Back comes back to this title
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, TitleScene)


# ---------------------------------------------------------------- summary


def test_enter_or_esc_on_the_summary_leaves_nothing(driver):
    summary = show_summary(driver, finished())
    driver.key(pygame.K_RETURN)
    assert driver.scene is summary and driver.app.running
    assert summary.buttons.focused_id == "again"  # Enter showed what a second Enter does
    driver.key(pygame.K_ESCAPE)
    assert driver.scene is summary and driver.app.running
    assert summary.buttons.focused_id == "quit" and "Quit In Kind?" in words(driver)
    driver.key(pygame.K_ESCAPE)
    assert driver.scene is summary and driver.app.running


def test_play_again_takes_a_chosen_button(driver):
    summary = show_summary(driver, finished())
    assert summary.buttons.focused_id is None  # nothing chosen for the players
    assert all(button.hint != "Enter" for button in summary.buttons.buttons)
    driver.key(pygame.K_RIGHT)
    assert summary.buttons.focused_id == "again"
    assert summary.buttons.get("again").hint == "Enter"  # the chip follows the focus
    driver.key(pygame.K_RETURN)
    assert driver.scene is not summary
    assert driver.scene.state.turn == 0  # a new game on the table


def test_quit_on_the_summary_asks_once(driver):
    show_summary(driver, finished())
    driver.click_button("quit")
    assert driver.app.running
    driver.key(pygame.K_RETURN)
    assert not driver.app.running


def test_counts_on_the_summary_are_said_in_the_right_number(driver):
    state = engine.new_game(make_setup(2, deck=make_deck(closing=False)))
    state = apply(state, Draw(ANY))
    state = apply(state, Pass(state.speaker))
    state = apply(state, Skip(ANY))
    for action in (FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY), EndGame(ANY)):
        state = apply(state, action)
    show_summary(driver, state)
    said = words(driver)
    assert "1 card shared" in said and "1 pass ·" in said and "1 card put away" in said
    assert "passes" not in said and "cards put away" not in said


def test_no_scores_summary_groups_by_person_in_one_type_size(make_app):
    driver = make_app(size=(1280, 720))

    def marks(state):
        speaker = state.speaker
        found = [Award(speaker, p, AwardKind.FELT_RESPONSE) for p in state.listeners]
        return [*found, Award(speaker, state.listeners[0], AwardKind.DEEPENING_QUESTION)]

    state = finished(5, Scoring.OFF, turns=5, marks=marks)
    show_summary(driver, state)
    said = words(driver)
    assert "Ben's response reached Ana, Chloé, Dmitri and Eli" in said
    ink = tuple(driver.app.look.pal.text)
    bullets = [key for key in rendered(driver) if key[2] == ink and not key[3]]
    bullets = [key for key in bullets if "No scores" not in key[0]]
    assert len(bullets) > 5
    assert len({size for _, size, _, _ in bullets}) == 1, "one type size in every column"


# ---------------------------------------------------------------- moving by name

SCENES_DIR = Path(__file__).resolve().parents[2] / "game" / "ui" / "scenes"


def imported(path: Path) -> set[str]:
    """Every module a file imports, and every name it imports from one (as module.name)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def test_no_scene_imports_another_scene():
    scene_modules = {where.split(":")[0] for where in SCENES.values()}
    files = sorted(SCENES_DIR.rglob("*.py"))
    assert len(files) > 10, "the scan found the scenes"
    wrong = []
    for path in files:
        parts = path.relative_to(SCENES_DIR.parents[2]).with_suffix("").parts
        # a file may import its own package (the table's panels import the table)
        own = {".".join(parts[:4]), ".".join(parts[:-1] if parts[-1] == "__init__" else parts)}
        for module in imported(path) & scene_modules - own:
            wrong.append(f"{path.relative_to(SCENES_DIR)} imports {module}")
    assert not wrong, "scenes move by name (app.push), never by import:\n" + "\n".join(wrong)


def test_how_to_play_and_settings_go_back_to_the_title_they_came_from(driver):
    title = driver.scene
    for button, page in (("how_to_play", HowToPlayScene), ("settings", SettingsScene)):
        driver.click_button(button)
        assert isinstance(driver.scene, page) and driver.app.stack == [title, driver.scene]
        driver.key(pygame.K_ESCAPE)
        assert driver.scene is title and driver.app.stack == [title]
        assert title.buttons.focused_id == button  # the focus stays where it was


def test_settings_and_how_to_play_from_the_table_go_back_to_the_table(driver):
    table = start_game(driver.app, engine.new_game(make_setup(2)))
    driver.settle()
    for button, page in (("settings", SettingsScene), ("help", HowToPlayScene)):
        driver.key(pygame.K_ESCAPE)  # the table's menu
        driver.click_button(button)
        assert isinstance(driver.scene, page)
        driver.key(pygame.K_ESCAPE)
        assert driver.scene is table and driver.app.stack == [table]


def test_a_level_change_shows_over_the_table_and_goes_back_to_it(driver):
    state = engine.new_game(make_setup(2, rules=Rules(rounds_per_level=1)))
    table = start_game(driver.app, state)
    driver.settle()
    session = table.session
    for _ in range(2):  # one round: each of the two shares once
        for action in (Draw(ANY), FinishSharing(ANY), FinishResponding(ANY), EndTurn(ANY)):
            dispatch(session, action)
    driver.step()
    level = driver.scene
    assert isinstance(level, LevelChangeScene) and level.session is session
    assert driver.app.stack == [table, level] and "Level 2" in words(driver)
    elapsed = session.elapsed
    driver.step(30)
    assert session.elapsed > elapsed  # the table's clock runs on meanwhile
    driver.key(pygame.K_RETURN)
    assert driver.scene is table and driver.app.stack == [table]
    assert table.state.level == 2


def test_our_evenings_go_back_to_the_summary(driver):
    from game.store.closeness import Evening, History
    from game.table.closeness import ClosenessRound

    state = finished()
    closeness = ClosenessRound(tuple(p.name for p in state.players), before={0: 2, 1: 3})
    closeness.after = {0: 4, 1: 5}
    closeness.history = History((("Ana", (Evening.tonight(2, 4),)),))
    summary = SummaryScene(driver.app, state, closeness=closeness)
    driver.app.switch(summary)
    driver.step()
    driver.click_button("evenings")
    evenings = driver.scene
    assert isinstance(evenings, EveningsScene) and driver.app.stack == [summary, evenings]
    driver.key(pygame.K_ESCAPE)
    assert driver.scene is summary and driver.app.stack == [summary]


def everyone_marks(state):
    speaker = state.speaker
    found = [Award(speaker, p, AwardKind.FELT_RESPONSE) for p in state.listeners]
    return [*found, Award(speaker, state.listeners[0], AwardKind.DEEPENING_QUESTION)]


def test_twelve_players_no_scores_summary_scrolls_rather_than_shrinks(make_app):
    driver = make_app(size=(1280, 720))
    summary = show_summary(driver, finished(12, Scoring.OFF, turns=12, marks=everyone_marks))
    shown = rendered(driver)
    assert min(size for _, size, _, _ in shown) >= 15, "nothing a player reads under 15 px"
    ink = tuple(driver.app.look.pal.text)
    bullets = [key for key in shown if key[2] == ink and not key[3] and "No scores" not in key[0]]
    assert len({size for _, size, _, _ in bullets}) == 1
    assert summary.can_scroll() and summary.first == 0
    said = words(driver)
    assert "more below" in said and "Feelings and thoughts shared" not in said
    for _ in range(10):
        driver.key(pygame.K_DOWN)
    said = words(driver)
    assert "Feelings and thoughts shared" in said and "more above" in said
    assert summary.buttons.focused_id is None  # scrolling chose nothing
    for _ in range(10):
        driver.key(pygame.K_UP)
    assert summary.first == 0


def test_twelve_players_scores_are_read_at_15_px_or_more(make_app):
    driver = make_app(size=(1280, 720))
    show_summary(driver, finished(12, Scoring.VERSUS, turns=12, marks=everyone_marks))
    names = [key for key in rendered(driver) if key[0] in ("Ana", "Lena", "Dmitri")]
    assert len(names) == 3 and min(size for _, size, _, _ in names) >= 15
