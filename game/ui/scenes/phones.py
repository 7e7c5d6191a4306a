"""How phones join: the QR code, the address to type, the room code, and who has joined.

Pushed from the table's menu, and once when a game starts with phones on. Back pops it;
the game waits underneath, and phones may join at any moment after too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.widgets.button import Button, ButtonGroup
from game.ui.widgets.qr import draw_qr

if TYPE_CHECKING:
    from game.ui.app import App


class PhonesScene(Scene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.buttons = ButtonGroup()
        self.qr_box = pygame.Rect(0, 0, 0, 0)
        self.words_box = pygame.Rect(0, 0, 0, 0)

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        margin = look.px(40)
        title_h = look.text.line_height(look.theme.title, True) + look.px(20)
        bar_h = look.px(70)
        body = pygame.Rect(
            margin, margin + title_h, width - 2 * margin, height - 2 * margin - title_h - bar_h
        )
        if width >= height:  # the code left, the words right: both large from the sofa
            side = min(body.height, body.width // 2)
            self.qr_box = pygame.Rect(body.left, body.top, side, side)
            self.words_box = pygame.Rect(
                self.qr_box.right + look.px(30),
                body.top,
                body.right - self.qr_box.right - look.px(30),
                body.height,
            )
        else:  # a tall window: the code above the words
            side = min(body.width, body.height // 2)
            self.qr_box = pygame.Rect(0, body.top, side, side)
            self.qr_box.centerx = body.centerx
            top = self.qr_box.bottom + look.px(16)
            self.words_box = pygame.Rect(body.left, top, body.width, body.bottom - top)
        button = pygame.Rect(0, 0, min(width - 2 * margin, look.px(440)), look.px(64))
        button.midbottom = (width // 2, height - margin)
        self.buttons.set(
            [Button("back", self.t("phones_join_back"), button, "Esc", style="primary")]
        )

    def handle(self, intent: Intent) -> None:
        if intent.kind in (Kind.BACK, Kind.CONFIRM) or self.buttons.handle(intent) == "back":
            self.app.pop()

    def wake_every(self) -> float | None:
        return 0.5  # who has joined shows within half a second

    def draw(self, surface: pygame.Surface) -> None:
        look, t = self.look, self.t
        pal = look.pal
        surface.fill(pal.background)
        width, _ = surface.get_size()
        margin = look.px(40)
        look.text.draw(
            surface,
            t("phones_join_title"),
            look.theme.title,
            pal.accent,
            (width // 2, margin),
            bold=True,
            anchor="midtop",
        )
        link = self.app.phones
        if link is None:
            self.buttons.draw(surface, look)
            return
        draw_qr(surface, link.qr(), self.qr_box)
        joined = link.joined()
        lines = [
            (t("phones_join_scan"), look.theme.body, pal.text, False),
            (t("phones_join_or_type"), look.theme.small, pal.muted, False),
            (link.address, look.theme.heading, pal.text, True),
            (t("phones_join_same_network"), look.theme.small, pal.muted, False),
            (
                t("phones_joined", names=", ".join(joined)) if joined else t("phones_none_yet"),
                look.theme.body,
                pal.accent if joined else pal.muted,
                bool(joined),
            ),
        ]
        box = self.words_box
        y = box.top
        for text, size, colour, bold in lines:
            room = pygame.Rect(box.left, y, box.width, box.bottom - y)
            fitted = look.text.fit(text, room.size, size, min(size, look.theme.small), bold)
            look.text.draw_fitted(surface, fitted, colour, room)
            y += fitted.height + look.px(18)
        self.buttons.draw(surface, look)
