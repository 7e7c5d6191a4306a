"""The feelings palette: families of feeling words, each in its colour, to help a sharer find the word."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui.look import Look

if TYPE_CHECKING:
    from game.content.words import FeelingFamily


def _hex(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def draw_feelings(
    target: pygame.Surface, area: pygame.Rect, look: Look, families: Sequence[FeelingFamily]
) -> None:
    """A grid of families (name + words); words shrink to fit their tile, never overflow."""
    if not families:
        return
    columns = _columns(len(families), area.width > area.height * 1.2)
    rows = -(-len(families) // columns)
    gap = look.px(12)
    tile_w = (area.width - gap * (columns - 1)) // columns
    tile_h = (area.height - gap * (rows - 1)) // rows
    heading = look.theme.body
    words_size = look.theme.small
    # One size for every tile keeps the palette calm: the size that fits the fullest tile.
    size = words_size
    for family in families:
        space = (
            tile_w - 2 * look.px(12),
            tile_h - look.text.line_height(heading, True) - 2 * look.px(12),
        )
        size = min(size, look.text.fit(", ".join(family.words), space, words_size, 11).size)
    for i, family in enumerate(families):
        col, row = i % columns, i // columns
        tile = pygame.Rect(
            area.left + col * (tile_w + gap), area.top + row * (tile_h + gap), tile_w, tile_h
        )
        colour = _hex(family.colour)
        pygame.draw.rect(target, colour, tile, border_radius=look.px(14))
        inner = tile.inflate(-2 * look.px(12), -2 * look.px(12))
        name = look.text.ellipsize(family.name.capitalize(), heading, inner.width, bold=True)
        look.text.draw(target, name, heading, (30, 24, 22), inner.topleft, bold=True)
        box = pygame.Rect(
            inner.left,
            inner.top + look.text.line_height(heading, True),
            inner.width,
            inner.height - look.text.line_height(heading, True),
        )
        fitted = look.text.fit(", ".join(family.words), box.size, size, 11)
        look.text.draw_fitted(target, fitted, (30, 24, 22), box)


def _columns(count: int, wide: bool) -> int:
    """Columns for `count` tiles: 3 in a tall area; in a wide one 4, 5 or 6, whichever leaves
    the fewest empty tiles in the last row (5 when they tie with it: 10 families, 2 rows)."""
    if not wide:
        return 3
    return min((4, 5, 6), key=lambda columns: (-count % columns, abs(columns - 5), columns))
