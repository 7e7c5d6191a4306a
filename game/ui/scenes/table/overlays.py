"""What opens over the table: the menu, "end the evening?" and the feelings page.

Ending the evening is never one accidental key away: E (or the menu) only asks, and
the question starts on "Keep playing", so Enter straight after keeps the game going.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.intents import Intent, Kind
from game.ui.widgets.button import ButtonGroup, column
from game.ui.widgets.palette import draw_feelings

if TYPE_CHECKING:
    from game.ui.scenes.table.scene import TableScene

MENU, END, FEELINGS = "menu", "end", "feelings"


class Overlay:
    def __init__(self, scene: TableScene) -> None:
        self.scene = scene
        self.which: str | None = None
        self.buttons = ButtonGroup()

    @property
    def pauses(self) -> bool:
        """The menu stops the table's clock and timer."""
        return self.which == MENU

    def open(self, which: str) -> None:
        self.which = which
        if which in (MENU, END):
            self.layout()

    def close(self) -> None:
        self.which = None

    def layout(self) -> None:
        scene = self.scene
        if self.which not in (MENU, END):
            return
        look, t = scene.look, scene.t
        width, height = scene.app.size
        if self.which == MENU:
            entries = [
                ("resume", t("menu_resume"), "Esc"),
                ("help", t("menu_help"), ""),
                ("settings", t("menu_settings"), ""),
                *([("phones", t("phones_button"), "")] if scene.app.phones else []),
                ("end", t("table_end_evening"), "E"),
                ("title", t("menu_title"), ""),
            ]
        else:
            entries = [("end_no", t("end_no"), "Esc"), ("end_yes", t("end_yes"), "")]
        button_h = max(look.px(62), look.text.line_height(look.theme.body, True) + look.px(16))
        gap = look.px(12)
        box_w = min(width - 2 * look.px(40), look.px(560))
        total = len(entries) * (button_h + gap)
        title_room = look.text.line_height(look.theme.title, True) + look.px(46)
        top = max(title_room, (height - total) // 2 + look.px(40))
        buttons = column(
            entries, pygame.Rect((width - box_w) // 2, top, box_w, total), button_h, gap
        )
        buttons[0].style = "primary"  # the safe choice: back to the game, keep playing
        for button in buttons:
            if button.id == "end":
                button.enabled = scene.can_end()
        self.buttons.set(buttons)
        self.buttons.focus_on(buttons[0].id)

    def handle(self, intent: Intent) -> None:
        scene = self.scene
        kind = intent.kind
        if self.which == FEELINGS:
            if kind in (Kind.BACK, Kind.FEELINGS, Kind.CONFIRM, Kind.CLICK):
                self.close()
            return
        if kind is Kind.BACK:
            self.close()
            return
        if kind is Kind.END_GAME and self.which == MENU:
            self.open(END)
            return
        if kind in (Kind.UP, Kind.LEFT):
            self.buttons.move(-1)
            return
        if kind in (Kind.DOWN, Kind.RIGHT):
            self.buttons.move(1)
            return
        chosen = self.buttons.handle(intent)
        if chosen in ("resume", "end_no"):
            self.close()
        elif chosen == "end":
            self.open(END)
        elif chosen == "end_yes":
            self.close()
            scene.end_evening()
        elif chosen == "help":
            self.close()
            scene.app.push(
                "how_to_play", scoring=scene.scoring, passes=scene.view.passes_per_player
            )
        elif chosen == "settings":
            self.close()
            scene.app.push("settings")
        elif chosen == "phones":
            self.close()
            scene.app.push("phones")
        elif chosen == "title":
            scene.session.save()
            scene.app.reset("title")

    def draw(self, surface: pygame.Surface) -> None:
        if self.which == FEELINGS:
            self._draw_feelings(surface)
        elif self.which in (MENU, END):
            self._draw_question(surface)

    def _draw_feelings(self, surface: pygame.Surface) -> None:
        scene = self.scene
        look, t = scene.look, scene.t
        pal = look.pal
        width, height = surface.get_size()
        surface.fill(pal.background)  # a page of its own: nothing behind shows through
        words, _ = scene.app.words()
        margin = look.px(30)
        title_h = look.text.line_height(look.theme.title, True)
        look.text.draw(
            surface, t("feelings_title"), look.theme.title, pal.accent, (margin, margin), bold=True
        )
        look.text.draw(
            surface,
            t("feelings_close"),
            look.theme.small,
            pal.muted,
            (width - margin, margin + look.px(12)),
            anchor="topright",
        )
        area = pygame.Rect(
            margin,
            margin + title_h + look.px(10),
            width - 2 * margin,
            height - 2 * margin - title_h - look.px(10),
        )
        draw_feelings(surface, area, look, words.feelings if words else ())

    def _draw_question(self, surface: pygame.Surface) -> None:
        scene = self.scene
        look, t = scene.look, scene.t
        pal = look.pal
        width, height = surface.get_size()
        # The table stays faintly behind, and the menu sits on a panel of its own, so its
        # title and buttons never mingle with the words under them.
        shade = pygame.Surface((width, height), pygame.SRCALPHA)
        shade.fill((*pal.background, 225))
        surface.blit(shade, (0, 0))
        buttons = self.buttons.buttons
        first, last = buttons[0].rect, buttons[-1].rect
        title = t("menu_heading") if self.which == MENU else t("end_heading")
        title_h = look.text.line_height(look.theme.title, True)
        pad = look.px(28)
        panel = pygame.Rect(0, 0, 0, 0)
        panel.width = min(width - look.px(16), first.width + 2 * pad)
        panel.top = max(look.px(8), first.top - look.px(24) - title_h - pad // 2)
        panel.centerx = width // 2
        fitted, body = None, None
        if self.which == END:
            body = pygame.Rect(
                panel.left + pad,
                last.bottom + look.px(16),
                panel.width - 2 * pad,
                height - last.bottom - look.px(16) - pad - look.px(8),
            )
            fitted = look.text.fit(t("end_body"), body.size, look.theme.body, look.theme.small)
            body.height = fitted.height
        panel.height = (body.bottom if body else last.bottom) + pad - panel.top
        look.panel(surface, panel, radius=24)
        look.text.draw(
            surface,
            title,
            look.theme.title,
            pal.accent,
            (width // 2, first.top - look.px(24)),
            bold=True,
            anchor="midbottom",
        )
        if fitted is not None and body is not None:
            look.text.draw_fitted(surface, fitted, pal.text, body, align="center")
        self.buttons.draw(surface, look)
