"""Between levels: a quiet full screen so the change of depth is felt ("Level 2 — Tender").

Pushed over the table and popped back to it; the table's clock runs on meanwhile. If the
game moves on while it shows (a phone draws the next card), it steps aside by itself.
The title fades in: its lines are drawn once in the accent colour, and each frame blits
them at a rising alpha (a new colour a frame would render, and cache, new lines each time).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.widgets.button import Button, ButtonGroup

if TYPE_CHECKING:
    from game.table.session import Session
    from game.table.terms import GameState
    from game.ui.app import App

FADE_SECONDS = 0.8


class LevelChangeScene(Scene):
    def __init__(self, app: App, session: Session, level: int) -> None:
        super().__init__(app)
        self.session = session  # the game in progress: its deck
        self.level = level
        self.buttons = ButtonGroup()
        self.age = 0.0
        self._stop_listening: Callable[[], None] | None = None

    def enter(self) -> None:
        self.app.sound.play("level_up")
        self.age = 0.0
        if self._stop_listening is None:
            self._stop_listening = self.session.subscribe(self._moved_on)

    def exit(self) -> None:
        if self._stop_listening is not None:
            self._stop_listening()
            self._stop_listening = None

    def _moved_on(self, before: GameState, after: GameState) -> None:
        if self.app.scene is self:
            self.app.pop()

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        rect = pygame.Rect(0, 0, min(width - look.px(80), look.px(420)), look.px(70))
        rect.midbottom = (width // 2, height - look.px(60))
        self.buttons.set([Button("go", self.t("level_continue"), rect, "Enter", style="primary")])

    def handle(self, intent: Intent) -> None:
        if intent.kind in (Kind.CONFIRM, Kind.BACK) or self.buttons.handle(intent) == "go":
            self.app.pop()

    def update(self, dt: float) -> None:
        self.age += dt

    @property
    def keeps_table_time(self) -> bool:
        return True  # a new level is still the evening

    def animating(self) -> bool:
        return self.age < FADE_SECONDS

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        surface.fill(pal.background)
        width, height = surface.get_size()
        deck = self.session.state.deck
        level = deck.levels[self.level - 1]
        # Over the plain background, the accent at this alpha is the colour a lerp from the
        # background to the accent would give.
        alpha = round(255 * min(1.0, max(0.0, self.age / FADE_SECONDS)))
        heading = self.t("level_heading", number=self.level, name=level.name)
        size = look.theme.font_px(80, 32)
        fitted = look.text.fit(
            heading, (width - look.px(120), int(height * 0.3)), size, 20, bold=True
        )
        box = pygame.Rect(look.px(60), int(height * 0.18), width - look.px(120), int(height * 0.3))
        covered = look.text.draw_fitted(
            surface, fitted, pal.accent, box, align="center", valign="bottom", alpha=alpha
        )
        text = level.description or self.t("level_default_description")
        top = covered.bottom + look.px(30)
        body = pygame.Rect(
            look.px(100),
            top,
            width - look.px(200),
            self.buttons.buttons[0].rect.top - top - look.px(30),
        )
        fitted = look.text.fit(text, body.size, look.theme.heading, 14)
        look.text.draw_fitted(surface, fitted, pal.text, body, align="center")
        self.buttons.draw(surface, look)
