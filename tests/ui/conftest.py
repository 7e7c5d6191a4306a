"""Headless pygame for every UI test, and helpers that post real events through the app's loop."""

from __future__ import annotations

import os
import random

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.phones.link import open_phones
from game.store.saves import SaveStore  # noqa: E402
from game.store.settings import Settings  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.scenes.title import TitleScene  # noqa: E402

# Waiting is stepped in bigger moments of loop time than a frame: the app sees the same
# hold end and the same animation end, drawn in 5 frames instead of 24 (a whole game by
# keys draws thousands fewer). Tests that look at each frame step by themselves.
HELD_STEP = 1 / 12
SETTLE_STEP = 1 / 20


class Driver:
    """Posts keyboard, text and mouse events and steps the app, as a player would."""

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def scene(self):
        return self.app.scene

    def step(self, frames: int = 1, dt: float = 1 / 60) -> None:
        for _ in range(frames):
            self.app.pump(dt)

    def wait_for_input(self) -> None:
        """Step until the app takes presses again (it ignores them just after a change), and
        until the deck page has the decks it waits for (they are read in a thread)."""
        waiting = getattr(self.scene, "loading", None)
        if waiting is not None:
            assert waiting.wait(60), "the decks were never read"
            self.step()
        for _ in range(120):
            if not self.app.input_held():
                return
            self.step(dt=HELD_STEP)

    def settle(self) -> None:
        """Step until nothing animates (a card flip, a fade)."""
        for _ in range(240):
            if not self.app.scene.animating():
                break
            self.step(dt=SETTLE_STEP)
        self.step()

    def key(self, key: int, mod: int = 0) -> None:
        self.wait_for_input()
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
        )
        self.step()
        self.settle()

    def type(self, text: str) -> None:
        self.wait_for_input()
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
        self.step()

    def click(self, pos: tuple[int, int]) -> None:
        self.wait_for_input()
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        )
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.step()
        self.settle()

    def click_button(self, button_id: str) -> None:
        """Click the centre of the button with this id on the current screen."""
        self.wait_for_input()  # as a person waits for the page (the decks read in a thread)
        rect = self.button_rect(button_id)
        assert rect is not None, f"no button {button_id!r} on {type(self.scene).__name__}"
        self.click(rect.center)

    def button_rect(self, button_id: str):
        scene = self.scene
        groups = []
        overlay = getattr(scene, "overlay", None)
        if getattr(overlay, "which", None) in ("menu", "end"):
            groups.append(overlay.buttons.buttons)
        if hasattr(scene, "buttons"):
            buttons = scene.buttons
            groups.append(buttons.buttons if hasattr(buttons, "buttons") else buttons)
        for group in groups:
            for button in group:
                if button.id == button_id:
                    return button.rect
        return None


@pytest.fixture(autouse=True)
def _games_dealt_the_same_each_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A game started from the new-game page gets its seed from `random.randrange`: seeded
    here, every run of a test deals the same cards (an action card turns up in the same
    place, or not at all), so a test never passes or fails by the luck of the shuffle."""
    monkeypatch.setattr("random.randrange", random.Random(20261207).randrange)


@pytest.fixture
def make_app():
    made = []

    def make(size=(800, 600), settings: Settings | None = None) -> Driver:
        pygame.init()
        app = App(
            size=size,
            store=SaveStore(),
            settings=settings or Settings(timers=True),
            open_phones=open_phones,  # as game/cli.py wires them
        )
        app.switch(TitleScene(app))
        made.append(app)
        driver = Driver(app)
        driver.step()
        return driver

    yield make
    pygame.quit()


@pytest.fixture
def driver(make_app) -> Driver:
    return make_app()
