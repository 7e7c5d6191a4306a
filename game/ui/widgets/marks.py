"""Small drawn symbols (tick, cross, arrows): the bundled fonts have no glyphs for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.ui.text import Colour

ARROWS = {"←": "left", "→": "right", "↑": "up", "↓": "down", "↑↓": "updown"}


def draw_tick(target: pygame.Surface, rect: pygame.Rect, colour: Colour, width: int) -> None:
    points = [
        (rect.left + rect.width * 0.12, rect.top + rect.height * 0.55),
        (rect.left + rect.width * 0.40, rect.top + rect.height * 0.82),
        (rect.left + rect.width * 0.88, rect.top + rect.height * 0.20),
    ]
    pygame.draw.lines(target, colour, False, points, width)


def draw_cross(target: pygame.Surface, rect: pygame.Rect, colour: Colour, width: int) -> None:
    inner = rect.inflate(-rect.width * 0.3, -rect.height * 0.3)
    pygame.draw.line(target, colour, inner.topleft, inner.bottomright, width)
    pygame.draw.line(target, colour, inner.bottomleft, inner.topright, width)


def draw_arrow(target: pygame.Surface, rect: pygame.Rect, direction: str, colour: Colour) -> None:
    """A filled triangle pointing left, right, up or down ("updown": both)."""
    if direction == "updown":
        top, bottom = rect.copy(), rect.copy()
        top.height = bottom.height = rect.height // 2
        bottom.top = top.bottom
        draw_arrow(target, top, "up", colour)
        draw_arrow(target, bottom, "down", colour)
        return
    r = rect.inflate(-rect.width * 0.2, -rect.height * 0.2)
    shapes = {
        "left": [(r.left, r.centery), (r.right, r.top), (r.right, r.bottom)],
        "right": [(r.right, r.centery), (r.left, r.top), (r.left, r.bottom)],
        "up": [(r.centerx, r.top), (r.left, r.bottom), (r.right, r.bottom)],
        "down": [(r.centerx, r.bottom), (r.left, r.top), (r.right, r.top)],
    }
    pygame.draw.polygon(target, colour, shapes[direction])
