"""Settings forgets the kept closeness answers: asked twice, never by one stray key press."""

from __future__ import annotations

import pygame

from game.store.closeness import Evening, forget_history, keep_evenings, load_history
from game.store.paths import closeness_path
from game.ui.scenes.settings import FORGET, ROWS, SettingsScene


def open_settings(driver) -> SettingsScene:
    driver.app.push("settings")
    driver.step()
    return driver.scene


def test_forgetting_asks_first_and_then_forgets_everyone(driver):
    keep_evenings({"Ana": Evening.tonight(3, 5), "Ben": Evening.tonight(4, 6)})
    settings = open_settings(driver)
    forget = settings.buttons.get(FORGET)
    assert forget.enabled and forget.label == "Forget them all (2)"

    for _ in range(len(ROWS) - 1):  # from the first row down to the last
        driver.key(pygame.K_DOWN)
    assert settings.buttons.focused_id == FORGET
    driver.key(pygame.K_RETURN)
    assert settings.buttons.get(FORGET).label == "Press again to forget"
    assert load_history()[0].names() == ("Ana", "Ben")  # nothing gone yet

    driver.key(pygame.K_UP)  # looking elsewhere takes the question back
    driver.key(pygame.K_DOWN)
    assert settings.buttons.get(FORGET).label == "Forget them all (2)"

    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    assert not closeness_path().exists()
    assert load_history()[0].names() == ()
    assert settings.buttons.get(FORGET).label == "None kept"
    assert not settings.buttons.get(FORGET).enabled


def test_with_nothing_kept_there_is_nothing_to_press(driver):
    settings = open_settings(driver)
    button = settings.buttons.get(FORGET)
    assert button.label == "None kept" and not button.enabled
    driver.click(button.rect.center)
    assert not closeness_path().exists()


def test_forget_history_is_quiet_when_nothing_is_kept(tmp_path):
    forget_history(tmp_path / "closeness.json")  # no file: nothing to do, no error
    keep_evenings({"Ana": Evening.tonight(2, 3)}, tmp_path / "closeness.json")
    forget_history(tmp_path / "closeness.json")
    assert not (tmp_path / "closeness.json").exists()
