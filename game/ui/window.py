"""What the start (game/ui/start.py) and the window (game/ui/app.py) share: the window's
size, the start-up switches, starting pygame's parts, and whether anything is saved."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from pathlib import Path

DEFAULT_WINDOW = (1280, 720)
EXIT_AFTER_FIRST_FRAME = "INKIND_EXIT_AFTER_FIRST_FRAME"  # =1: for timing start-up
FIRST_FRAME_LINE = "inkind: first frame drawn"
KEPT_FRAME = "INKIND_KEPT_FRAME"  # =0: never show a kept first frame (game/ui/kept_frame.py)


def init_pygame() -> None:
    """Start the parts of pygame the game uses: the window and fonts now, sound later.

    Not `pygame.init()`: that also opens the sound device and the joystick and camera
    subsystems (about 5 ms before the first frame); `Sound.open` opens the mixer itself.
    """
    if not pygame.display.get_init():
        pygame.display.init()
        from game.ui.icon import set_window_icon

        set_window_icon()  # before the first window opens, or pygame loads its own
    if not pygame.font.get_init():
        pygame.font.init()


def nothing_in(saves: Path) -> bool:
    """Whether the saves' folder is missing or empty (`App.nothing_saved`)."""
    try:
        with os.scandir(saves) as entries:
            return next(entries, None) is None
    except FileNotFoundError:
        return True
    except OSError:  # a file in its place, no permission: the store says what is wrong
        return False
