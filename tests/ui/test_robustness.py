"""A broken screen shows the calm error page and keeps the save; settings apply at once and are kept."""

from __future__ import annotations

import time

import pygame

from game.core.state import Phase
from game.store.paths import all_paths
from game.store.saves import SaveStore
from game.store.settings import load_settings
from game.ui.scenes.error import ErrorScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene


def start(driver) -> TableScene:
    for _ in range(3):
        driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)  # draw
    return driver.scene


def test_an_error_in_a_scene_shows_the_error_page_and_the_save_survives(driver, monkeypatch):
    table = start(driver)
    saved = SaveStore().load().state
    assert saved is not None and saved.phase is Phase.SHARE

    def broken(intent):
        raise RuntimeError("a bug")

    monkeypatch.setattr(table, "handle", broken)
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, ErrorScene)
    assert "a bug" in all_paths()["log"].read_text(encoding="utf-8")
    driver.scene.draw(driver.app.screen)
    assert SaveStore().load().state == saved
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, TitleScene)
    assert driver.scene.buttons.buttons[0].id == "continue"
    driver.key(pygame.K_RETURN)
    assert driver.scene.state == saved


def test_an_error_while_drawing_is_caught_too(driver, monkeypatch):
    table = start(driver)
    monkeypatch.setattr(table, "present", lambda surface: 1 / 0)  # what the loop draws
    driver.step()
    assert isinstance(driver.scene, ErrorScene)


def test_settings_change_live_and_are_remembered(driver):
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, SettingsScene)
    warm = driver.app.look.pal
    driver.key(pygame.K_DOWN)  # language -> text size
    driver.key(pygame.K_DOWN)  # text size -> theme
    driver.key(pygame.K_RIGHT)
    assert driver.app.settings.theme == "dark"
    assert driver.app.look.pal != warm
    driver.key(pygame.K_DOWN)  # sound
    driver.key(pygame.K_RIGHT)
    assert driver.app.settings.sound is False
    assert driver.app.sound.enabled is False
    settings, message = load_settings()
    assert message is None
    assert (settings.theme, settings.sound) == ("dark", False)
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, TitleScene)


def test_text_size_larger_still_fits_every_screen(make_app):
    from game.store.settings import Settings

    driver = make_app(settings=Settings(text_size="larger"))
    table = start(driver)
    assert table.panel_texts, "the table says what to do"
    for fitted, box, _ in table.panel_texts:
        assert fitted.height <= box.height


def test_the_idle_table_sleeps_between_events(driver):
    table = start(driver)
    driver.settle()
    assert not table.animating()
    wake = table.wake_every()
    assert wake is None or wake >= 0.01  # a ticking timer wakes about once a second, no more
    table.timer.paused = True
    assert table.wake_every() is None
    started = time.process_time()
    driver.app.running = True

    def stop_after_a_while():
        pygame.time.set_timer(pygame.QUIT, 1500, loops=1)

    stop_after_a_while()
    wall = time.perf_counter()
    driver.app.loop()
    cpu = time.process_time() - started
    elapsed = time.perf_counter() - wall
    assert elapsed >= 1.0
    assert cpu / elapsed < 0.25, f"idle loop used {cpu / elapsed:.0%} of a core"
