"""The window's icon: a card in the warm theme's colours with two circles overlapping on it.

Drawn here rather than shipped as an image: it is a few shapes, and setting our own icon
before the window opens also spares pygame from loading its default one (about 4 ms of
the start, through importlib.resources).
"""

from __future__ import annotations

import contextlib

import pygame

from game.ui.theme import WARM

SIZE = 64
_DRAW = 4  # drawn at 4x, then smoothed down, for soft edges


def window_icon(size: int = SIZE) -> pygame.Surface:
    """The icon, `size` pixels square (the window's is 64; packaging/make_icon.py draws the
    app's files at up to 1024 from the same shapes)."""
    big = size * _DRAW
    surface = pygame.Surface((big, big), pygame.SRCALPHA)
    card = pygame.Rect(0, 0, round(big * 0.78), big - 2 * _DRAW)
    card.center = (big // 2, big // 2)
    pygame.draw.rect(surface, WARM.card_back, card, border_radius=big // 7)
    radius = round(big * 0.2)
    offset = round(radius * 0.6)  # overlapping a little more than half: close, not merged
    y = big // 2
    width = max(1, big // 22)
    for x in (big // 2 - offset, big // 2 + offset):
        pygame.draw.circle(surface, WARM.accent_text, (x, y), radius, width)
    return pygame.transform.smoothscale(surface, (size, size))


def set_window_icon() -> None:
    """Call before `pygame.display.set_mode`; an icon that cannot be made is not worth a crash."""
    with contextlib.suppress(pygame.error):
        pygame.display.set_icon(window_icon())
