"""A QR code drawn with pygame: dark modules on white, with the quiet zone scanners need."""

from __future__ import annotations

import pygame

QUIET = 4  # modules of white around the code (the standard asks for four)


def draw_qr(surface: pygame.Surface, rows: list[list[bool]], box: pygame.Rect) -> pygame.Rect:
    """Draw the code as large as fits `box`, centred, in whole pixels per module.

    Whole pixels keep every module the same size: a phone's camera reads a crisp code
    from across the room. Dark on white whatever the theme: scanners expect it.
    """
    count = len(rows) + 2 * QUIET
    module = max(1, min(box.width, box.height) // max(1, count))
    side = module * count
    area = pygame.Rect(0, 0, side, side)
    area.center = box.center
    surface.fill((255, 255, 255), area)
    for y, row in enumerate(rows):
        top = area.top + (y + QUIET) * module
        x = 0
        while x < len(row):  # one rect per run of dark modules, not one per module
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            left = area.left + (start + QUIET) * module
            surface.fill((0, 0, 0), pygame.Rect(left, top, (x - start) * module, module))
    return area
