"""A gentle timer: it fills a ring, chimes once when the suggested time is up, and never stops anyone."""

from __future__ import annotations

import math

import pygame

from game.ui.look import Look


class GentleTimer:
    def __init__(self, seconds: float = 0.0) -> None:
        self.seconds = seconds
        self.elapsed = 0.0
        self.paused = False
        self.chimed = False

    @property
    def enabled(self) -> bool:
        return self.seconds > 0

    def restart(self, seconds: float, paused: bool = False) -> None:
        self.seconds = seconds
        self.elapsed = 0.0
        self.chimed = False
        self.paused = paused

    def update(self, dt: float) -> bool:
        """Advance; True once, at the moment the chime is due."""
        if not self.enabled or self.paused:
            return False
        self.elapsed += dt
        if not self.chimed and self.elapsed >= self.seconds:
            self.chimed = True
            return True
        return False

    def label(self) -> str:
        total = int(self.elapsed)
        return f"{total // 60}:{total % 60:02d}"

    def draw(
        self, target: pygame.Surface, look: Look, centre: tuple[int, int], radius: int, caption: str
    ) -> None:
        pal = look.pal
        width = max(3, radius // 6)
        rect = pygame.Rect(0, 0, 2 * radius, 2 * radius)
        rect.center = centre
        pygame.draw.circle(target, pal.panel, centre, radius)
        pygame.draw.circle(target, pal.shadow, centre, radius, width)
        share = min(1.0, self.elapsed / self.seconds) if self.seconds else 0
        colour = pal.meter if not self.chimed else pal.accent
        if share >= 0.999:
            pygame.draw.circle(target, colour, centre, radius, width)
        elif share > 0:
            start = math.pi / 2 - 2 * math.pi * share
            pygame.draw.arc(target, colour, rect, start, math.pi / 2, width)
        size = max(14, int(radius * 0.55))
        look.text.draw(target, self.label(), size, pal.text, centre, bold=True, anchor="center")
        if caption:
            small = look.theme.small
            look.text.draw(
                target,
                caption,
                small,
                pal.muted,
                (centre[0], rect.bottom + look.px(6)),
                anchor="midtop",
            )
