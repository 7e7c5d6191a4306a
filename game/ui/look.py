"""What every widget draws with: the theme of the moment and the shared text renderer."""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each annotation
# it is given as a string (a ForwardRef each), and Look's fields were that at every start
# (issue 27: 48 compiles, about 3 ms, before the title's first frame).

from typing import NamedTuple

import pygame

from game.ui.text import Colour, Text
from game.ui.theme import Palette, Theme


class Look(NamedTuple):
    theme: Theme
    text: Text

    @property
    def pal(self) -> Palette:
        return self.theme.palette

    def px(self, value: float) -> int:
        return self.theme.px(value)

    def panel(
        self,
        target: pygame.Surface,
        rect: pygame.Rect,
        colour: Colour | None = None,
        radius: float = 18,
    ) -> None:
        pygame.draw.rect(target, colour or self.pal.panel, rect, border_radius=self.px(radius))
        if self.theme.border:
            pygame.draw.rect(
                target, self.pal.muted, rect, width=self.theme.border, border_radius=self.px(radius)
            )
