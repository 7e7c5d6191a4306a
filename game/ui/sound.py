"""The game's few sounds (deal, flip, award, level up, the timer's chime), all mutable.

If the mixer cannot open (no sound card, a headless run) or a file is missing, the game
simply plays nothing: sound is never a reason to stop. The mixer is opened by `open()`,
which the loop calls once the first frame is on screen (or the first `play` does), so
a slow sound device never delays the title.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pygame

from game.resources import assets_dir

NAMES = ("deal", "flip", "award", "level_up", "chime")


class Sound:
    def __init__(
        self, enabled: bool = True, volume: float = 0.7, folder: Path | None = None
    ) -> None:
        self.enabled = enabled
        self.volume = volume
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self.played: list[str] = []  # what was asked for, for tests and screenshots
        self._folder = folder
        self._opened = False

    def open(self) -> None:
        """Open the mixer and load the sounds (once; later calls do nothing)."""
        if self._opened:
            return
        self._opened = True
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init()
        except pygame.error:
            return
        folder = self._folder or assets_dir() / "sounds"
        for name in NAMES:
            path = folder / f"{name}.wav"
            with contextlib.suppress(pygame.error, FileNotFoundError, OSError):
                self._sounds[name] = pygame.mixer.Sound(str(path))
        self._apply_volume()

    @property
    def available(self) -> bool:
        self.open()
        return bool(self._sounds)

    def configure(self, enabled: bool, volume: float) -> None:
        self.enabled = enabled
        self.volume = min(1.0, max(0.0, volume))
        self._apply_volume()

    def _apply_volume(self) -> None:
        for sound in self._sounds.values():
            sound.set_volume(self.volume)

    def play(self, name: str) -> None:
        self.played.append(name)
        del self.played[:-50]
        self.open()
        sound = self._sounds.get(name)
        if self.enabled and sound is not None:
            with contextlib.suppress(pygame.error):
                sound.play()
