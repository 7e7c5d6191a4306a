"""The frame the new-game pages (and the lines page) share: a title with the step, a hint
(wrapped whole, up to four lines in a narrow window), the content, a line for a notice when
there is one, and the bar with Back and the way on."""

from __future__ import annotations

import pygame

from game.ui.intents import Kind
from game.ui.look import Look
from game.ui.widgets.button import Button, ButtonGroup

SMALLEST = 15  # px: no word a player reads on these pages is smaller
HINT_LINES = 4  # a hint never takes more; a narrow window wraps it instead of cutting it


def narrow(size: tuple[int, int]) -> bool:
    """A window taller than wide (a phone-shaped 500x700): the pages stack their parts."""
    return size[0] < size[1]


def arrow_move(group: ButtonGroup, kind: Kind, among: list[str] | None = None) -> bool:
    """An arrow to the nearest usable button that way; Left and Right stay in the focused
    button's row (Right from Pair is Circle, never the name field below it)."""
    focused = group.get(group.focused_id) if group.focused_id else None
    if focused is not None and kind in (Kind.LEFT, Kind.RIGHT):
        row = focused.shown
        among = [
            b.id
            for b in group.buttons
            if (among is None or b.id in among)
            and b.shown.top < row.bottom
            and row.top < b.shown.bottom
        ]
    return group.move_toward(kind, among)


class Frame:
    def __init__(
        self,
        look: Look,
        size: tuple[int, int],
        title: str,
        hint: str,
        step: str = "",
        notice: str | None = None,
    ):
        """`notice`: room above the bar for it, whole (only while there is one, so the content
        has that room the rest of the time)."""
        self.look = look
        self.title, self.hint_text, self.step = title, hint, step
        width, height = size
        self.margin = margin = look.px(36)
        text, theme = look.text, look.theme
        self.title_at = (margin, margin - look.px(6))
        title_h = text.line_height(theme.title, True)
        room = width - 2 * margin
        lines = len(text.wrap(hint, theme.small, room))
        hint_h = min(HINT_LINES, max(1, lines)) * text.line_height(theme.small)
        self.hint = text.fit(hint, (room, hint_h), theme.small, SMALLEST)
        self.hint_box = pygame.Rect(margin, self.title_at[1] + title_h, room, self.hint.height)
        bar_h = max(look.px(68), text.line_height(theme.body, True) + look.px(20))
        self.bar = pygame.Rect(margin, height - margin - bar_h, room, bar_h)
        notice_lines = len(text.wrap(notice, theme.small, room)) if notice else 0
        notice_h = notice_lines * text.line_height(theme.small) + look.px(6) if notice else 0
        self.notice_box = pygame.Rect(margin, self.bar.top - notice_h - look.px(4), room, notice_h)
        top = self.hint_box.bottom + look.px(16)
        self.content = pygame.Rect(margin, top, room, self.notice_box.top - look.px(8) - top)

    def bar_buttons(self, back_label: str, next_label: str) -> list[Button]:
        """[the way on, Back]: in that order so Tab from the last choice reaches the way on."""
        look, bar = self.look, self.bar
        back_w = int(bar.width * 0.3)
        gap = look.px(16)
        back = Button("back", back_label, pygame.Rect(bar.left, bar.top, back_w, bar.height), "Esc")
        on = pygame.Rect(bar.left + back_w + gap, bar.top, bar.width - back_w - gap, bar.height)
        return [Button("next", next_label, on, "Enter", style="primary"), back]

    def draw(self, surface: pygame.Surface, notice: str | None = None) -> None:
        look = self.look
        pal, text, theme = look.pal, look.text, look.theme
        width = surface.get_width()
        step_w = text.width(self.step, theme.small) + look.px(24) if self.step else 0
        title = text.ellipsize(self.title, theme.title, width - 2 * self.margin - step_w, True)
        rect = text.draw(surface, title, theme.title, pal.accent, self.title_at, bold=True)
        if self.step:
            at = (width - self.margin, rect.centery)
            text.draw(surface, self.step, theme.small, pal.muted, at, anchor="midright")
        text.draw_fitted(surface, self.hint, pal.muted, self.hint_box)
        if notice and self.notice_box.height:
            box = self.notice_box
            fitted = text.fit(notice, box.size, theme.small, SMALLEST)
            text.draw_fitted(surface, fitted, pal.warning, box, align="center", valign="middle")
