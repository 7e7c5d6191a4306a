"""The title: Continue (when a game is saved), New game, How to play, Settings, Quit."""

from __future__ import annotations

import pygame

from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.widgets.button import ButtonGroup, column


class TitleScene(Scene):
    def __init__(self, app, message: str | None = None) -> None:
        super().__init__(app)
        self.buttons = ButtonGroup()
        self.message = message
        self.can_continue = False

    def enter(self) -> None:
        loaded = self.app.store.load() if self.app.store else None
        self.can_continue = bool(loaded and loaded.unfinished)
        if self.message is None and loaded is not None:
            self.message = loaded.message  # a damaged save is named in one sentence
        self.layout(self.app.size)
        self.buttons.focus_on(self.buttons.buttons[0].id)
        if self.message is None and self.app.settings_message:
            self.message, self.app.settings_message = self.app.settings_message, None

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        entries = []
        if self.can_continue:
            entries.append(("continue", self.t("title_continue"), ""))
        entries += [
            ("new_game", self.t("title_new_game"), ""),
            ("how_to_play", self.t("title_how_to_play"), ""),
            ("settings", self.t("title_settings"), ""),
            ("quit", self.t("title_quit"), ""),
        ]
        button_h = max(look.px(64), look.text.line_height(look.theme.body, True) + look.px(18))
        gap = look.px(14)
        column_w = min(width - 2 * look.px(40), look.px(460))
        total = len(entries) * (button_h + gap)
        top = max(int(height * 0.42), height - total - look.px(40))
        area = pygame.Rect((width - column_w) // 2, top, column_w, total)
        buttons = column(entries, area, button_h, gap)
        buttons[0].style = "primary"
        self.buttons.set(buttons)

    def handle(self, intent: Intent) -> None:
        if intent.kind in (Kind.UP, Kind.LEFT):
            self.buttons.move(-1)
            return
        if intent.kind in (Kind.DOWN, Kind.RIGHT):
            self.buttons.move(1)
            return
        if intent.kind is Kind.BACK:
            self.app.quit()
            return
        chosen = self.buttons.handle(intent)
        if chosen:
            self.choose(chosen)

    def choose(self, chosen: str) -> None:
        app = self.app
        if chosen == "continue":
            from game.ui.scenes.table import resume_saved_game

            resume_saved_game(app)
        elif chosen == "new_game":
            from game.ui.scenes.new_game import NewGameScene

            app.switch(NewGameScene(app))
        elif chosen == "how_to_play":
            from game.ui.scenes.how_to_play import HowToPlayScene

            app.switch(HowToPlayScene(app, back=self))
        elif chosen == "settings":
            from game.ui.scenes.settings import SettingsScene

            app.switch(SettingsScene(app, back=self))
        elif chosen == "quit":
            app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        surface.fill(pal.background)
        width, height = surface.get_size()
        first = self.buttons.buttons[0].rect.top if self.buttons.buttons else height // 2
        title_size = look.theme.font_px(110, 40)
        tagline = look.theme.heading
        block = look.text.line_height(title_size, True) + look.text.line_height(tagline)
        top = max(look.px(20), (first - block) // 2 - look.px(10))
        rect = look.text.draw(
            surface,
            self.t("title_name"),
            title_size,
            pal.accent,
            (width // 2, top),
            bold=True,
            anchor="midtop",
        )
        look.text.draw(
            surface,
            self.t("title_tagline"),
            tagline,
            pal.muted,
            (width // 2, rect.bottom),
            anchor="midtop",
        )
        self.buttons.draw(surface, look)
        if self.message:
            fitted = look.text.fit(
                self.message, (width - look.px(80), look.px(60)), look.theme.small, 12
            )
            box = pygame.Rect(look.px(40), height - look.px(70), width - look.px(80), look.px(60))
            look.text.draw_fitted(
                surface, fitted, pal.warning, box, align="center", valign="bottom"
            )
