"""A gentle timer: it fills a ring, chimes once when the suggested time is up, and never stops anyone.

It shows the time left (3:00, 2:59, ... 0:00), the way a ring timer is read at a glance;
at 0:00 it chimes once, the ring turns warm and "take your time" appears beneath it.
"""

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
        """The time left, rounded up, so it reads 3:00 for the whole first second."""
        left = max(0, math.ceil(self.seconds - self.elapsed))
        return f"{left // 60}:{left % 60:02d}"

    def draw(
        self,
        target: pygame.Surface,
        look: Look,
        centre: tuple[int, int],
        radius: int,
        caption: str,
        beside: bool = False,
        bounds: pygame.Rect | None = None,
    ) -> pygame.Rect:
        """`beside`: the caption at the ring's left instead of under it (a short panel).
        `bounds`: the area the caption stays inside (the screen's content, so it keeps the
        margin the text beside it keeps); default: the target less a small margin.
        Returns where it drew: the ring, the time and the caption (the table puts back
        only that before the next frame's timer)."""
        pal = look.pal
        width = max(3, radius // 6)
        rect = pygame.Rect(0, 0, 2 * radius, 2 * radius)
        rect.center = centre
        pygame.draw.circle(target, pal.panel, centre, radius)
        # The empty ring: the soft shadow colour, or in high contrast (shadow is black on
        # black there) the muted ink, so the ring is always seen.
        track = pal.muted if look.theme.border else pal.shadow
        pygame.draw.circle(target, track, centre, radius, width)
        share = min(1.0, self.elapsed / self.seconds) if self.seconds else 0
        colour = pal.meter if not self.chimed else pal.accent
        if share >= 0.999:
            pygame.draw.circle(target, colour, centre, radius, width)
        elif share > 0:
            start = math.pi / 2 - 2 * math.pi * share
            pygame.draw.arc(target, colour, rect, start, math.pi / 2, width)
        size = max(14, int(radius * 0.55))
        label = self.label()
        look.text.draw(target, label, size, pal.text, centre, bold=True, anchor="center")
        drawn = rect.inflate(2, 2).union(
            look.text.drawn(label, size, pal.text, centre, bold=True, anchor="center")
        )
        if caption and beside:
            at = (rect.left - look.px(10), centre[1])
            look.text.draw(target, caption, look.theme.small, pal.muted, at, anchor="midright")
            drawn.union_ip(
                look.text.drawn(caption, look.theme.small, pal.muted, at, anchor="midright")
            )
        elif caption:
            small = look.theme.small
            place = look.text.render(caption, small, pal.muted).get_rect(
                midtop=(centre[0], rect.bottom + look.px(6))
            )
            # Centred under the ring, but never past the content's edge (the ring sits near
            # it): a caption wider than the ring would otherwise touch the window's edge.
            inside = bounds or target.get_rect().inflate(-2 * look.px(12), 0)
            place.right = min(place.right, inside.right)
            place.left = max(place.left, inside.left)
            look.text.draw(target, caption, small, pal.muted, place.topleft)
            drawn.union_ip(look.text.drawn(caption, small, pal.muted, place.topleft))
        return drawn
