"""A right-to-left language mirrors every screen by one switch in the App: the frame is
shown flipped, each line of text reads as written, and clicks and arrow keys follow."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.content import languages
from game.store.settings import Settings


@pytest.fixture
def arabic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A small compiled Arabic catalog, as `inkind translations compile ar` writes one."""
    folder = tmp_path / "locale" / "ar"
    folder.mkdir(parents=True)
    document = {
        "language": "ar",
        "name": "العربية",
        "direction": "rtl",
        "forms": ["zero", "one", "two", "few", "many", "other"],
        "plural": "(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n % 100 >= 3 && n % 100 <= 10"
        " ? 3 : n % 100 >= 11 && n % 100 <= 99 ? 4 : 5)",
        "source_crc32": 0,
        "texts": {"title_quit": "خروج", "title_settings": "الإعدادات"},
    }
    (folder / "inkind.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    monkeypatch.setattr(languages, "assets_dir", lambda: tmp_path)


def test_arabic_mirrors_the_title_and_clicks_follow(make_app, arabic) -> None:
    english = make_app(settings=Settings(language="en"))
    english.app.draw()
    plain = english.app.screen.copy()
    buttons = {b.id: b.rect.copy() for b in english.app.scene.buttons.buttons}

    driver = make_app(settings=Settings(language="ar"))
    app = driver.app
    assert app.mirrored and app.t("title_quit") == "خروج"
    assert app.t("title_continue") == "Continue"  # not in the catalog: English
    app.draw()
    shown = app.screen
    width = shown.get_width()
    # Where the English title has its buttons' fill, the Arabic one has it mirrored.
    quit_rect = buttons["quit"]
    probe = (quit_rect.left + 3, quit_rect.centery)
    mirrored = (width - 1 - probe[0], probe[1])
    assert shown.get_at(mirrored) == plain.get_at(probe)
    # A click where the player sees Settings opens Settings.
    settings = buttons["settings"]
    spot = (width - 1 - settings.centerx, settings.centery)
    driver.wait_for_input()
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=spot))
    driver.step()
    assert type(app.scene).__name__ == "SettingsScene"


def test_settings_changes_the_language_at_once(make_app, arabic) -> None:
    driver = make_app(settings=Settings(language="en"))
    app = driver.app
    assert not app.mirrored
    app.apply_settings(app.settings.replace(language="ar"))
    assert app.mirrored and app.t.language == "ar" and app.text.mirrored
    app.apply_settings(app.settings.replace(language="en"))
    assert not app.mirrored and app.t("title_quit") == "Quit"


def test_the_settings_row_lists_each_language_by_its_own_name(make_app, arabic) -> None:
    from game.ui.scenes.settings import SettingsScene, stepped

    driver = make_app(settings=Settings(language="en"))
    scene = SettingsScene(driver.app)
    assert scene.value_text("language") == "English"
    assert stepped(driver.app.settings, "language", 1).language == "ar"
    driver.app.apply_settings(stepped(driver.app.settings, "language", 1))
    assert scene.value_text("language") == "العربية"
