"""A calm page after an unexpected error: the game is saved, the details are in the log."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.widgets.button import Button, ButtonGroup

if TYPE_CHECKING:
    from game.ui.app import App


class ErrorScene(Scene):
    def __init__(self, app: App, log: Path | None) -> None:
        super().__init__(app)
        self.log = log
        self.buttons = ButtonGroup()

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        button = pygame.Rect(0, 0, min(width - look.px(80), look.px(420)), look.px(70))
        button.midbottom = (width // 2, height - look.px(70))
        self.buttons.set([Button("title", self.t("error_back"), button, "Enter", style="primary")])

    def handle(self, intent: Intent) -> None:
        if intent.kind in (Kind.CONFIRM, Kind.BACK) or self.buttons.handle(intent) == "title":
            self.app.reset("title")

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        surface.fill(pal.background)
        width, height = surface.get_size()
        margin = look.px(80)
        y = int(height * 0.22)
        rect = look.text.draw(
            surface,
            self.t("error_title"),
            look.theme.title,
            pal.accent,
            (width // 2, y),
            bold=True,
            anchor="midtop",
        )
        body = self.t("error_body")
        if self.log is not None:
            body += "\n" + self.t("error_log", path=str(self.log))
        box = pygame.Rect(
            margin,
            rect.bottom + look.px(30),
            width - 2 * margin,
            self.buttons.buttons[0].rect.top - rect.bottom - look.px(60),
        )
        fitted = look.text.fit(body, box.size, look.theme.body, 12)
        look.text.draw_fitted(surface, fitted, pal.text, box, align="center")
        self.buttons.draw(surface, look)
