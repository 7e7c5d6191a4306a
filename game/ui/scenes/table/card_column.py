"""The left column: the card (flipping when dealt), and star / not for us / read aloud
under it."""

from __future__ import annotations

import pygame

from game.table.choices import Do
from game.table.views import Offer, TableView
from game.ui.look import Look
from game.ui.widgets.button import Button, row
from game.ui.widgets.card import card_rect, draw_prompt_card, solid_part


def place_card(
    look: Look,
    column: pygame.Rect,
    remember: bool,
    labels: tuple[str, ...] = (),
    rows: int = 1,
) -> tuple[pygame.Rect, pygame.Rect | None]:
    """(the card's rect, the row under it for star / not for us, if offered and the card
    shows: a tall window keeps no room for the card while marks are given, and then its
    buttons would land on the top bar; S and N still do the same)."""
    area = column.inflate(-look.px(8), -look.px(8))
    memory_row = None
    line = look.text.line_height(look.theme.small, True)
    height = line + look.px(18)
    # Each label with its key chip and padding: when they do not fit side by side on one
    # line (a narrow column while marks are given), the row has room for two lines of label.
    needed = sum(look.text.width(label, look.theme.small, True) + 2 * line for label in labels)
    if needed + look.px(60) > area.width:
        height += line
    height = height * rows + look.px(8) * (rows - 1)  # star / not for us, then read aloud
    if remember and area.height > 2 * height:
        memory_row = pygame.Rect(area.left, area.bottom - height, area.width, height)
        area.height = memory_row.top - look.px(10) - area.top
    if area.width > area.height:
        # Above the panel in a tall window: the card lies on its side, so its words stay
        # large enough to read instead of shrinking into a narrow upright card.
        return card_rect(area, min(1.7, area.width / max(1, area.height))), memory_row
    return card_rect(area), memory_row


def split_rows(look: Look, where: pygame.Rect, rows: int) -> list[pygame.Rect]:
    """The row under the card cut into `rows` rows, one above the other."""
    gap = look.px(8)
    height = (where.height - gap * (rows - 1)) // rows
    return [
        pygame.Rect(where.left, where.top + i * (height + gap), where.width, height)
        for i in range(rows)
    ]


def remember_buttons(look: Look, offers: tuple[Offer, ...], where: pygame.Rect) -> list[Button]:
    """One row under the card: star and not for us (the longer label), or read aloud."""
    widths = [1.2 if o.choice.do is Do.NOT_FOR_US else 1.0 for o in offers]
    buttons = row([(o.id, o.label, o.key) for o in offers], where, gap=look.px(10), widths=widths)
    for button, offer in zip(buttons, offers, strict=True):
        button.size = look.theme.small
        button.style = "on" if offer.on else "quiet"
    return buttons


def draw_card(
    surface: pygame.Surface,
    look: Look,
    view: TableView,
    box: pygame.Rect,
    flip: float,
    covered: list[pygame.Rect] | None = None,
) -> pygame.Rect:
    """Draw the card on the table; returns the rect its words cover (empty if none), and
    adds to `covered` where it drew (see `draw_prompt_card`)."""
    if box.width <= 0 or box.height <= 0:
        return pygame.Rect(box.topleft, (0, 0))  # a tall window while marks are given
    card = view.card
    if card is None:
        draw_prompt_card(
            surface, box, look, "", flip=0.0, back_label=view.deck_name, covered=covered
        )
        return pygame.Rect(box.topleft, (0, 0))
    return draw_prompt_card(
        surface,
        box,
        look,
        card.words,  # an action card is all instruction
        card.caption,
        flip=flip,
        back_label=view.deck_name,
        covered=covered,
    )


def card_solid(look: Look, view: TableView, box: pygame.Rect, flip: float) -> pygame.Rect:
    """Where `draw_card(surface, look, view, box, flip)` covers everything under it."""
    if box.width <= 0 or box.height <= 0:
        return pygame.Rect(box.topleft, (0, 0))
    return solid_part(box, look, flip if view.card is not None else 0.0)
