"""A save that cannot be used is named on the title in one sentence, and a new game still starts."""

from __future__ import annotations

import json

import pygame
import pytest

from game.core.engine import new_game
from game.store.savefile import encode_save
from game.store.saves import COULD_NOT_READ, NEWER_VERSION, WENT_BACK_DAMAGED, SaveStore
from game.store.settings import Settings
from game.ui.app import App
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from tests.store.games import new_setup


@pytest.fixture
def open_title():
    def open_title() -> App:
        pygame.init()
        app = App(size=(800, 600), store=SaveStore(), settings=Settings())
        app.switch(TitleScene(app))
        app.step([], 1 / 60)
        return app

    yield open_title
    pygame.quit()


def press(app: App, key: int) -> None:
    """A key press once the screen takes presses (it ignores them just after a change, and
    the deck page until the decks it reads in a thread are there)."""
    reading = getattr(app.scene, "loading", None)
    if reading is not None:
        assert reading.wait(60), "the decks were never read"
        app.step([], 1 / 60)
    for _ in range(120):
        if not app.input_held():
            break
        app.step([], 1 / 60)
    app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)], 1 / 60)


def newer(data: bytes) -> bytes:
    document = json.loads(data)
    document["inkind_save"] = 3  # the save format after this version's 2
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("damage", "message"),
    [(lambda data: data[: len(data) // 2], COULD_NOT_READ), (newer, NEWER_VERSION)],
    ids=["truncated", "newer version"],
)
def test_a_damaged_save_with_no_backup_is_named_and_a_new_game_starts(open_title, damage, message):
    store = SaveStore()
    store.folder.mkdir(parents=True)
    store.current_path.write_bytes(damage(encode_save(new_game(new_setup()), {})))
    app = open_title()
    title = app.scene
    assert title.message == message
    assert title.buttons.buttons[0].id == "new_game"
    for _ in range(3):  # New game, players, deck
        press(app, pygame.K_RETURN)
    assert isinstance(app.scene, TableScene)
    assert SaveStore().load().state == app.scene.state


def test_going_back_to_the_backup_is_named_on_the_title_too(open_title):
    store = SaveStore()
    good = new_game(new_setup())
    store.save(good, {})
    store.save(good, {})  # the first save is now the backup
    store.current_path.write_bytes(b"{")
    app = open_title()
    assert app.scene.message == WENT_BACK_DAMAGED
    assert app.scene.buttons.buttons[0].id == "continue"


def test_a_clean_start_says_nothing(open_title):
    SaveStore().save(new_game(new_setup()), {})
    app = open_title()
    assert app.scene.message is None
    assert app.scene.buttons.buttons[0].id == "continue"
