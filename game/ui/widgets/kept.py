"""Small drawings kept as surfaces and copied, not drawn again: the buttons of a screen.

A screen is drawn again whole at each change, and most of its buttons are as they were
(twelve players' marks: thirty-odd buttons, one changed by a tap). Each drawing is kept
in the target's own pixel format and copied through a colour key for its rounded corners,
so every pixel is the one drawing would give (tests/ui/test_text_and_buttons.py). At most
half a window's bytes is kept (4 MB at 1920x1080: the forty buttons of twelve players'
marks take 3), the least recently used given up first.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import pygame

KEEP_DRAWN = [True]  # tests that follow where each word lands turn it off
_CORNERS = (1, 254, 3)  # the key colour for what is not drawn: a colour no theme uses
_KEPT: dict[Hashable, pygame.Surface] = {}
_BYTES = [0]


def blit(
    target: pygame.Surface,
    rect: pygame.Rect,
    key: Hashable,
    draw: Callable[[pygame.Surface], None],
) -> None:
    """Copy the drawing `key` of `rect`'s size onto `target` at `rect`; `draw(surface)` makes
    it the first time (on a surface of that size, at its top left)."""
    full_key = (key, rect.size, target.get_bitsize(), target.get_masks())
    surface = _KEPT.pop(full_key, None)  # taken out and put back: the newest last
    if surface is None:
        surface = pygame.Surface(rect.size, 0, target)
        surface.fill(_CORNERS)
        draw(surface)
        surface.set_colorkey(_CORNERS)
        _BYTES[0] += _bytes(surface)
        budget = target.get_width() * target.get_height() * target.get_bytesize() // 2
        while _KEPT and _BYTES[0] > budget:
            _BYTES[0] -= _bytes(_KEPT.pop(next(iter(_KEPT))))
    _KEPT[full_key] = surface
    target.blit(surface, rect)


def forget() -> None:
    """Draw everything anew from now on (tests that watch which words a screen draws)."""
    _KEPT.clear()
    _BYTES[0] = 0


def _bytes(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * surface.get_bytesize()
