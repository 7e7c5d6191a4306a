"""Our evenings: each player's kept closeness answers, before and after, across evenings.

Only players who said yes at the end of an evening appear, and only tonight's players.
The history is read from this computer; nothing is sent anywhere. Pushed over the summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.store.closeness import History
from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.widgets.button import Button, ButtonGroup
from game.ui.widgets.closeness import draw_history

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.text import Fitted


class EveningsScene(Scene):
    def __init__(self, app: App, names: tuple[str, ...], history: History) -> None:
        super().__init__(app)
        self.history = history
        self.players = [(name, history.of(name)) for name in names if history.of(name)]
        self.buttons = ButtonGroup()
        self.charts: list[pygame.Rect] = []

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        margin = look.px(36)
        bar_h = max(look.px(68), look.text.line_height(look.theme.body, True) + look.px(20))
        button = pygame.Rect(0, 0, min(width - 2 * margin, look.px(420)), bar_h)
        button.midbottom = (width // 2, height - margin)
        self.buttons.set(
            [Button("back", self.t("closeness_chart_back"), button, "Esc", style="primary")]
        )
        top = (
            margin
            + self._title().height
            + 2 * look.text.line_height(look.theme.small)
            + look.px(24)
        )
        area = pygame.Rect(margin, top, width - 2 * margin, button.top - top - look.px(20))
        count = max(1, len(self.players))
        columns = 1 if count == 1 else 2 if count <= 4 else 3
        rows = -(-count // columns)
        gap = look.px(14)
        cell_w = (area.width - gap * (columns - 1)) // columns
        cell_h = (area.height - gap * (rows - 1)) // rows
        self.charts = [
            pygame.Rect(
                area.left + (i % columns) * (cell_w + gap),
                area.top + (i // columns) * (cell_h + gap),
                cell_w,
                cell_h,
            )
            for i in range(len(self.players))
        ]
        self.area = area

    def _title(self) -> Fitted:
        look = self.look
        theme = look.theme
        width = self.app.size[0] - 2 * look.px(36)
        box = (width, 2 * look.text.line_height(theme.heading, True))
        return look.text.fit(self.t("closeness_chart_title"), box, theme.title, theme.heading, True)

    def handle(self, intent: Intent) -> None:
        if intent.kind in (Kind.BACK, Kind.CONFIRM) or self.buttons.handle(intent) == "back":
            self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        surface.fill(pal.background)
        width, _ = surface.get_size()
        margin = look.px(36)
        fitted = self._title()  # shrunk to fit one line, or two in a narrow window
        title_box = pygame.Rect(margin, margin - look.px(6), width - 2 * margin, fitted.height)
        title = look.text.draw_fitted(surface, fitted, pal.accent, title_box)
        hint = look.text.fit(
            self.t("closeness_chart_hint"),
            (width - 2 * margin, 2 * look.text.line_height(look.theme.small)),
            look.theme.small,
            12,
        )
        look.text.draw_fitted(
            surface, hint, pal.muted, pygame.Rect(margin, title.bottom, width - 2 * margin, 0)
        )
        if not self.players:
            fitted = look.text.fit(
                self.t("closeness_chart_empty"), self.area.size, look.theme.heading, 14
            )
            look.text.draw_fitted(
                surface, fitted, pal.text, self.area, align="center", valign="middle"
            )
        for (name, evenings), rect in zip(self.players, self.charts, strict=True):
            draw_history(surface, rect, look, name, evenings)
        self.buttons.draw(surface, look)
