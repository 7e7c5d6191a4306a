"""The title: Continue (when a game is saved), New game, How to play, Settings, Quit.

The menu stops at its ends and Quit (or Esc) only asks the first time: quitting is never
one stray key away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.widgets.button import ButtonGroup, column

if TYPE_CHECKING:
    from game.ui.app import App


class TitleScene(Scene):
    def __init__(self, app: App, message: str | None = None) -> None:
        super().__init__(app)
        self.buttons = ButtonGroup()
        self.message = message
        self.can_continue = False
        self.asking_quit = False  # Quit was pressed once; the next press quits

    def enter(self) -> None:
        # Nothing saved at all (App.nothing_saved): no Continue, and nothing to read.
        # A format-2 save says in its header whether the game is unfinished: no engine, no
        # replay and no saves' code before the title shows (App.saved_unfinished). Any
        # other save is read whole by the store, as Continue would.
        nothing = self.app.nothing_saved()
        unfinished = None if nothing else self.app.saved_unfinished()
        store = None if nothing or unfinished is not None else self.app.store
        if store is not None:
            loaded = store.load()
            unfinished = loaded.unfinished
            if self.message is None:
                self.message = loaded.message  # a damaged save is named in one sentence
        self.can_continue = bool(unfinished)
        self.asking_quit = False
        self.layout(self.app.size)
        if self.buttons.focused_id is None:  # back from a page, the focus stays where it was
            self.buttons.focus_on(self.buttons.buttons[0].id)
        if self.message is None and self.app.settings_message:
            self.message, self.app.settings_message = self.app.settings_message, None

    def tell(self, sentence: str) -> None:
        self.message = sentence

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        entries = []
        if self.can_continue:
            entries.append(("continue", self.t("title_continue"), ""))
        quit_label = self.t("quit_confirm") if self.asking_quit else self.t("title_quit")
        entries += [
            ("new_game", self.t("title_new_game"), ""),
            ("how_to_play", self.t("title_how_to_play"), ""),
            ("settings", self.t("title_settings"), ""),
            ("quit", quit_label, "Enter" if self.asking_quit else ""),
        ]
        button_h = max(look.px(64), look.text.line_height(look.theme.body, True) + look.px(18))
        gap = look.px(14)
        column_w = min(width - 2 * look.px(40), look.px(460))
        total = len(entries) * (button_h + gap)
        top = max(int(height * 0.42), height - total - look.px(84))  # room for a message
        area = pygame.Rect((width - column_w) // 2, top, column_w, total)
        buttons = column(entries, area, button_h, gap)
        buttons[-1 if self.asking_quit else 0].style = "primary"
        self.buttons.set(buttons)

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        if kind in (Kind.UP, Kind.LEFT, Kind.DOWN, Kind.RIGHT):
            self.move(-1 if kind in (Kind.UP, Kind.LEFT) else 1)
            return
        if kind is Kind.BACK:
            self.ask_quit(not self.asking_quit)
            return
        before = self.buttons.focused_id
        chosen = self.buttons.handle(intent)
        if self.buttons.focused_id != before:  # Tab moved away
            self.ask_quit(False)
        if chosen:
            self.choose(chosen)

    def move(self, step: int) -> None:
        """Up and down stop at the ends: Quit is never one key from the first entry."""
        self.buttons.move_stopping(step)
        self.ask_quit(False)

    def ask_quit(self, asking: bool) -> None:
        if asking == self.asking_quit:
            return
        self.asking_quit = asking
        self.layout(self.app.size)
        if asking:
            self.buttons.focus_on("quit")

    def choose(self, chosen: str) -> None:
        app = self.app
        if chosen != "quit":
            self.ask_quit(False)
        if chosen == "continue":
            from game.ui.play import continue_game  # not needed for the first frame

            continue_game(app)
        elif chosen in ("new_game", "how_to_play", "settings"):
            app.push(chosen)  # Esc there comes back here
        elif chosen == "quit":
            if self.asking_quit:
                app.quit()
            else:
                self.ask_quit(True)

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
        note, colour = self.message, pal.warning
        if self.asking_quit:
            note, colour = self.t("quit_confirm_hint"), pal.muted
        if note:
            fitted = look.text.fit(note, (width - look.px(80), look.px(60)), look.theme.small, 12)
            box = pygame.Rect(look.px(40), height - look.px(70), width - look.px(80), look.px(60))
            look.text.draw_fitted(surface, fitted, colour, box, align="center", valign="bottom")
