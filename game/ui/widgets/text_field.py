"""A one-line text field: real Unicode input from SDL's text events, with a cursor and editing."""

from __future__ import annotations

import attrs
import pygame

from game.ui.intents import Intent, Kind
from game.ui.look import Look


@attrs.define
class TextField:
    id: str
    value: str = ""
    placeholder: str = ""
    max_length: int = 24
    cursor: int = attrs.field(default=None)
    rect: pygame.Rect = attrs.field(factory=lambda: pygame.Rect(0, 0, 0, 0))

    def __attrs_post_init__(self) -> None:
        if self.cursor is None:
            self.cursor = len(self.value)

    def handle(self, intent: Intent) -> bool:
        """Apply an editing intent; True if the field used it."""
        kind = intent.kind
        if kind is Kind.TEXT:
            room = self.max_length - len(self.value)
            typed = "".join(ch for ch in intent.text if ch.isprintable())[: max(room, 0)]
            self.value = self.value[: self.cursor] + typed + self.value[self.cursor :]
            self.cursor += len(typed)
        elif kind is Kind.BACKSPACE:
            if self.cursor > 0:
                self.value = self.value[: self.cursor - 1] + self.value[self.cursor :]
                self.cursor -= 1
        elif kind is Kind.DELETE:
            self.value = self.value[: self.cursor] + self.value[self.cursor + 1 :]
        elif kind is Kind.LEFT:
            self.cursor = max(0, self.cursor - 1)
        elif kind is Kind.RIGHT:
            self.cursor = min(len(self.value), self.cursor + 1)
        elif kind is Kind.HOME:
            self.cursor = 0
        elif kind is Kind.END:
            self.cursor = len(self.value)
        else:
            return False
        return True

    def draw(
        self, target: pygame.Surface, look: Look, focused: bool, hovered: bool, size: int
    ) -> None:
        pal = look.pal
        radius = look.px(10)
        pygame.draw.rect(target, pal.card, self.rect, border_radius=radius)
        edge = pal.focus if focused else (pal.text if hovered else pal.card_edge)
        pygame.draw.rect(
            target,
            edge,
            self.rect,
            width=max(2, look.px(4 if focused else 2)),
            border_radius=radius,
        )
        pad = look.px(12)
        inner = self.rect.inflate(-2 * pad, 0)
        text = look.text
        if not self.value:
            hint = text.ellipsize(self.placeholder, size, inner.width)
            text.draw(
                target, hint, size, pal.disabled, (inner.left, inner.centery), anchor="midleft"
            )
        shown, start = self._visible(look, size, inner.width)
        if self.value:
            text.draw(
                target, shown, size, pal.card_text, (inner.left, inner.centery), anchor="midleft"
            )
        if focused:
            x = inner.left + text.width(self.value[start : self.cursor], size)
            half = text.line_height(size) // 2
            pygame.draw.line(
                target,
                pal.focus,
                (x, inner.centery - half),
                (x, inner.centery + half),
                max(2, look.px(3)),
            )

    def _visible(self, look: Look, size: int, width: int) -> tuple[str, int]:
        """The slice of the value to show so the cursor stays in view."""
        start = 0
        while (
            start < self.cursor and look.text.width(self.value[start : self.cursor], size) > width
        ):
            start += 1
        end = len(self.value)
        while end > self.cursor and look.text.width(self.value[start:end], size) > width:
            end -= 1
        return self.value[start:end], start
