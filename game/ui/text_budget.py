"""How much of the text it has drawn and measured `game.ui.text` keeps (see its docstring)."""

from __future__ import annotations

import pygame

MB = 1024 * 1024
# Rendered text kept, in bytes: two screens' worth of pixels (32-bit), within 16-64 MB.
# Measured (docs/performance.md): every screen of the game drawn once (title, new game,
# each table phase with twelve players, summary, how to play, settings, level change)
# holds 1.6 screens' worth of text at 1280x720, 1920x1080 and 3840x2160 alike (5.7, 12.4
# and 48.7 MB); the busiest alone (the table while sharing) about a third of a screen.
# So two screens' worth keeps every screen and this turn's new lines at once: going back
# to a screen never draws its text again. The floor keeps small windows generous; the
# ceiling is a 4K window's two screens.
SCREENS_KEPT = 2
SURFACE_BUDGET_MIN = 16 * MB
SURFACE_BUDGET_MAX = 64 * MB
# Entries kept by the measuring caches, half of them in each generation. Every screen of
# the game at once asks for about 2,000 widths, 1,700 runs, 170 wraps and 40 fits (How to
# play alone 1,200 widths); a turn at the table adds about 15 widths and 2 fits. So a
# generation holds every screen's with room to spare, and hits stay hits all evening.
WIDTHS_KEPT = 8_192
RUNS_KEPT = 8_192
WRAPS_KEPT = 1_024
FITS_KEPT = 1_024


def surface_budget(size: tuple[int, int] | None) -> int:
    """Bytes of rendered text kept for a window of `size` (None: not open yet)."""
    if size is None:
        return SURFACE_BUDGET_MIN
    width, height = size
    return min(SURFACE_BUDGET_MAX, max(SURFACE_BUDGET_MIN, SCREENS_KEPT * width * height * 4))


def surface_bytes(surface: pygame.Surface) -> int:
    """The pixel memory a surface holds (its rows may be padded past width x 4)."""
    return surface.get_pitch() * surface.get_height()
