"""Where the parts of the table go for a window size, and the panel's stacked words."""

from __future__ import annotations

import attrs
import pygame

from game.table.terms import Phase
from game.table.views import TableView
from game.ui.look import Look
from game.ui.text import Fitted
from game.ui.widgets.card import wild_card_height, wild_text_size


@attrs.define
class Area:
    """Where things go for the current window size."""

    top: pygame.Rect
    card: pygame.Rect
    panel: pygame.Rect
    bar: pygame.Rect
    notice: pygame.Rect


# Phases whose bar holds at most two buttons: one row is enough in a tall window.
FEW_BUTTONS = (Phase.DEAL, Phase.AWARD, Phase.CLOSING, Phase.FINISHED)


def tall(size: tuple[int, int]) -> bool:
    """A tall, narrow window: the card goes above the panel and the buttons take two rows."""
    return size[0] < size[1] * 0.9


def table_area(look: Look, size: tuple[int, int], phase: Phase, top_lines: int = 1) -> Area:
    """`top_lines`: the lines the top bar needs (many players' scores take more than one)."""
    width, height = size
    margin = look.px(24)
    small_line = look.text.line_height(look.theme.small)
    top_h = max(look.px(52), small_line + look.px(16))
    if top_lines > 1:  # the scores' lines set close (top_bar.py), the rows below need room
        top_h = max(top_h, top_lines * (small_line * 4 // 5) + look.px(12))
    # Room for two lines of button label: a narrow window wraps before it shrinks.
    bar_h = max(look.px(70), look.text.line_height(look.theme.body, True) + look.px(22))
    if tall(size):  # buttons with room for a label on two lines; two rows when many
        bar_h = max(bar_h, 2 * look.text.line_height(look.theme.small, True) + look.px(12))
        if phase not in FEW_BUTTONS:
            bar_h = 2 * bar_h + look.px(10)
    notice_h = look.text.line_height(look.theme.small) + look.px(8)
    top = pygame.Rect(margin, margin // 2, width - 2 * margin, top_h)
    bar = pygame.Rect(margin, height - margin - bar_h, width - 2 * margin, bar_h)
    notice = pygame.Rect(margin, bar.top - notice_h - look.px(6), width - 2 * margin, notice_h)
    middle_top = top.bottom + look.px(10)
    middle_h = notice.top - middle_top - look.px(4)
    awarding = phase is Phase.AWARD
    if tall(size):
        # A tall, narrow window (a phone-sized window, a TV on its side): the card on top,
        # the panel under it at the whole width. The card gives up room while marks are given.
        # While marks are given the rows need all the room: the card waits off screen
        # (too small to read otherwise, and the marks are about the answers).
        card_h = 0 if awarding else int(middle_h * 0.36)
        card = pygame.Rect(margin, middle_top, width - 2 * margin, card_h)
        panel_top = card.bottom + (look.px(12) if card_h else 0)
        panel_h = notice.top - panel_top - look.px(4)
        return Area(
            top, card, pygame.Rect(margin, panel_top, width - 2 * margin, panel_h), bar, notice
        )
    # The card column narrows while marks are given: the rows need the room.
    card_w = int((width - 2 * margin) * (0.24 if awarding else 0.36))
    card = pygame.Rect(margin, middle_top, card_w, middle_h)
    panel_w = width - card.right - 3 * margin
    return Area(
        top, card, pygame.Rect(card.right + margin * 2, middle_top, panel_w, middle_h), bar, notice
    )


@attrs.define
class Banners:
    """The wild cards on the table, side by side above the panel, at one text size."""

    rects: list[pygame.Rect] = attrs.field(factory=list)
    text_size: int | None = None


def place_banners(look: Look, panel: pygame.Rect, words: list[tuple[str, str]]) -> Banners:
    if not words:
        return Banners()
    count = len(words)
    gap = look.px(12)
    width = (panel.width - gap * (count - 1)) // count
    # As tall as the wordiest banner needs (narrow banners need more lines), within limits.
    least = min(look.px(120), panel.height // 4)
    height = max(wild_card_height(look, width, title, text, least) for title, text in words)
    height = min(height, int(panel.height * 0.42))
    size = min(
        wild_text_size(look, pygame.Rect(0, 0, width, height), title, text) for title, text in words
    )
    rects = [
        pygame.Rect(panel.left + i * (width + gap), panel.top, width, height) for i in range(count)
    ]
    return Banners(rects, size)


@attrs.define
class PanelWords:
    """The headline, what to do now and who listens, fitted and placed; then the room left."""

    texts: list[tuple[Fitted, pygame.Rect, tuple[int, int, int]]]
    content: pygame.Rect


def place_words(look: Look, panel: pygame.Rect, top: int, view: TableView) -> PanelWords:
    pal = look.pal
    awarding = view.phase is Phase.AWARD
    y = top
    texts = []
    for text, size, colour, bold, lines in (
        # While marks are given the rows need the room: a smaller headline.
        (view.headline, look.theme.heading if awarding else look.theme.huge, pal.accent, True, 1),
        (
            view.instruction,
            look.theme.body if awarding else look.theme.heading,
            pal.text,
            False,
            2 if awarding else 3,
        ),
        (view.listening, look.theme.body, pal.muted, False, 1),
    ):
        if not text:
            continue
        box = pygame.Rect(panel.left, y, panel.width, look.text.line_height(size, bold) * lines)
        # Shrink to fit, never below the small size: read from the sofa, not squinted at.
        floor = max(look.theme.small, size * 2 // 3)
        if not look.text.fits(text, box.size, floor, bold):
            needed = len(look.text.wrap(text, floor, box.width, bold))  # more lines, not "…"
            box.height = look.text.line_height(floor, bold) * needed
        fitted = look.text.fit(text, box.size, size, floor, bold=bold)
        box.height = fitted.height
        texts.append((fitted, box, colour))
        y = box.bottom + look.px(10)
    content = pygame.Rect(panel.left, y + look.px(6), panel.width, panel.bottom - y - look.px(6))
    return PanelWords(texts, content)
