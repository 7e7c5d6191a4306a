"""Lines: the topics a group leaves out tonight, chosen before the first card.

Opened on top of the deck page (`app.push("lines", deck=..., excluded=...)`). The deck's
`topics:` are listed with their descriptions; a number key, Enter on a focused topic or a
click leaves one out or brings it back. Nothing is left out until someone chooses to, and
nobody is asked why. `excluded` is the deck page's own set, so the choice is there when
this page closes; the engine gets it as `Setup.excluded_tags` and never deals those cards.
Many topics keep their size and scroll.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.content.card_counts import cards_dealt, count_cards
from game.table.terms import Deck
from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.scenes.new_game.choices import topic_name
from game.ui.scenes.new_game.frame import SMALLEST, Frame, arrow_move, narrow
from game.ui.widgets.button import Button, ButtonGroup, draw_button
from game.ui.widgets.marks import draw_cross
from game.ui.widgets.scroll_list import ScrollList, arrow_in_list

if TYPE_CHECKING:
    from game.ui.app import App

__all__ = ["LinesScene", "topic_name"]
_ARROWS = (Kind.UP, Kind.DOWN, Kind.LEFT, Kind.RIGHT)


class LinesScene(Scene):
    def __init__(self, app: App, deck: Deck, excluded: set[str]) -> None:
        super().__init__(app)
        self.deck = deck
        self.topics = deck.topics
        self.excluded = excluded  # the deck page's set: changed here, read there
        self.buttons = ButtonGroup()
        self.topic_list = ScrollList()
        self.rows: list[Button] = []
        self.frame: Frame | None = None
        self.count_box = pygame.Rect(0, 0, 0, 0)

    # ------------------------------------------------------------ layout

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        text, theme = look.text, look.theme
        hint = self.t("lines_hint") + "\n" + self.t("lines_keys")
        frame = self.frame = Frame(look, size, self.t("lines_title"), hint)
        content = frame.content
        count_h = text.line_height(theme.body) + look.px(8)
        self.count_box = pygame.Rect(content.left, content.bottom - count_h, content.width, count_h)
        area = pygame.Rect(content.left, content.top, content.width, content.height - count_h)
        columns = 1 if len(self.topics) <= 5 or narrow(size) else 2
        gap = look.px(10)
        width = (area.width - gap * (columns - 1)) // columns
        self.rows = [
            Button(f"topic:{tag}", "", pygame.Rect(0, 0, width, 0), str(i + 1) if i < 9 else "")
            for i, (tag, _) in enumerate(self.topics)
        ]
        heights = [
            self._height(row, description)
            for row, (_, description) in zip(self.rows, self.topics, strict=True)
        ]
        self.topic_list.place(self.rows, heights, area, gap, look, columns)
        bar = frame.bar_buttons(self.t("new_back"), self.t("lines_done"))
        bar[0].id = "done"
        self.buttons.set([*self.rows, *bar])

    def _text_left(self, row: Button, inner: pygame.Rect) -> int:
        """Where a topic's words start: after its number key and its box."""
        look = self.look
        chip = self._chip_width() + look.px(12) if row.hint else 0
        return inner.left + chip + self._box_side() + look.px(14)

    def _chip_width(self) -> int:
        look = self.look
        return look.text.width("9", look.theme.small, True) + look.px(14)

    def _box_side(self) -> int:
        return self.look.px(34)

    def _height(self, row: Button, description: str) -> int:
        """A name line and the description, whole (up to four lines), at readable sizes."""
        look = self.look
        text, theme = look.text, look.theme
        inner = row.rect.inflate(-look.px(20), 0)
        width = inner.right - self._text_left(row, inner)
        lines = min(4, len(text.wrap(description, theme.small, max(1, width))))
        pad = look.px(10)
        return 2 * pad + text.line_height(theme.body, True) + lines * text.line_height(theme.small)

    # ------------------------------------------------------------ acting

    def toggle(self, tag: str) -> None:
        if tag in self.excluded:
            self.excluded.discard(tag)
        else:
            self.excluded.add(tag)

    def remaining(self) -> tuple[int, int]:
        """(prompt cards still dealt, prompt cards in the deck) with tonight's lines."""
        left_out = [tag for tag, _ in self.topics if tag in self.excluded]
        return cards_dealt(self.deck, left_out), count_cards(self.deck).cards

    def done(self) -> None:
        self.app.pop()

    def _reveal_focus(self) -> None:
        ids = [row.id for row in self.rows]
        focused = self.buttons.focused_id
        if focused in ids:
            self.topic_list.reveal(ids.index(focused))

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        ids = [row.id for row in self.rows]
        if kind is Kind.BACK:
            self.done()
        elif kind is Kind.NUMBER:
            if 1 <= intent.number <= min(9, len(self.topics)):
                self.toggle(self.topics[intent.number - 1][0])
                self.topic_list.reveal(intent.number - 1)  # the change is seen where it is
        elif self.topic_list.handle(intent):
            focused = self.buttons.focused_id
            if focused in ids and not self.topic_list.fully_shown(ids.index(focused)):
                self.buttons.focus = None  # scrolled away: Enter means Done again
        elif kind in _ARROWS:
            if not arrow_in_list(self.buttons, self.topic_list, ids, kind):
                arrow_move(self.buttons, kind)
                self._reveal_focus()
        elif kind in (Kind.NEXT, Kind.PREVIOUS):
            self.buttons.move(1 if kind is Kind.NEXT else -1)
            self._reveal_focus()
        else:
            chosen = self.buttons.handle(intent)
            if chosen is None and kind is Kind.CONFIRM:
                chosen = "done"
            if chosen is not None and chosen.startswith("topic:"):
                self.toggle(chosen.split(":", 1)[1])
            elif chosen in ("done", "back"):
                self.done()

    # ------------------------------------------------------------ drawing

    def clickable(self) -> list[tuple[str, pygame.Rect]]:
        return [*super().clickable(), *self.topic_list.clickable()]

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        surface.fill(look.pal.background)
        if self.frame is not None:
            self.frame.draw(surface)
        focused, hover = self.buttons.focused_id, self.buttons.hover
        for (tag, description), row in zip(self.topics, self.rows, strict=True):
            if row.shown.width:
                surface.set_clip(row.clip)
                self._draw_topic(surface, row, tag, description, hover == row.id, focused == row.id)
                surface.set_clip(None)
        self.topic_list.draw_more(
            surface,
            look,
            self.t("list_more_above", count=self.topic_list.above()),
            self.t("list_more_below", count=self.topic_list.below()),
        )
        self._draw_count(surface)
        for button in self.buttons.buttons[len(self.rows) :]:
            draw_button(surface, look, button, hover == button.id, focused == button.id)

    def _draw_topic(
        self,
        surface: pygame.Surface,
        row: Button,
        tag: str,
        description: str,
        hovered: bool,
        focused: bool,
    ) -> None:
        look = self.look
        pal, text, theme = look.pal, look.text, look.theme
        rect = row.rect
        out = tag in self.excluded
        radius = look.px(14)
        pygame.draw.rect(
            surface,
            pal.card if out else (pal.hover if hovered else pal.panel),
            rect,
            border_radius=radius,
        )
        if out:
            pygame.draw.rect(
                surface, pal.accent, rect, width=max(3, look.px(4)), border_radius=radius
            )
        elif theme.border:
            pygame.draw.rect(surface, pal.muted, rect, width=theme.border, border_radius=radius)
        if focused:
            ring = rect.inflate(look.px(10), look.px(10))
            pygame.draw.rect(
                surface,
                pal.focus,
                ring,
                width=max(3, look.px(4)),
                border_radius=radius + look.px(4),
            )
        inner = rect.inflate(-look.px(20), -look.px(20))
        x = inner.left
        if row.hint:
            ink = pal.card_caption if out else pal.muted  # readable on the light card
            chip = text.render(row.hint, theme.small, ink, bold=True)
            box = pygame.Rect(0, 0, self._chip_width(), chip.get_height() + look.px(6))
            box.midleft = (x, rect.centery)
            pygame.draw.rect(surface, ink, box, width=max(1, look.px(2)), border_radius=look.px(7))
            surface.blit(chip, chip.get_rect(center=box.center))
            x = box.right + look.px(12)
        side = self._box_side()
        check = pygame.Rect(x, rect.centery - side // 2, side, side)
        pygame.draw.rect(surface, pal.accent if out else pal.card, check, border_radius=look.px(6))
        pygame.draw.rect(
            surface, pal.muted, check, width=max(2, look.px(2)), border_radius=look.px(6)
        )
        if out:
            draw_cross(surface, check, pal.accent_text, max(3, look.px(4)))
        x = self._text_left(row, inner)
        width = inner.right - x
        status = self.t("lines_left_out")
        status_w = text.width(status, theme.small, True) + look.px(12) if out else 0
        name = text.ellipsize(topic_name(tag), theme.body, width - status_w, bold=True)
        ink = pal.card_text if out else pal.text
        name_rect = text.draw(surface, name, theme.body, ink, (x, inner.top), bold=True)
        if out:
            at = (inner.right, name_rect.centery)
            text.draw(
                surface, status, theme.small, pal.card_caption, at, bold=True, anchor="midright"
            )
        box = pygame.Rect(x, name_rect.bottom, width, rect.bottom - look.px(8) - name_rect.bottom)
        fitted = text.fit(description, box.size, theme.small, SMALLEST)
        text.draw_fitted(surface, fitted, pal.card_text if out else pal.muted, box)

    def _draw_count(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        if not self.topics:
            words, colour = self.t("lines_no_topics"), pal.muted
        else:
            kept, total = self.remaining()
            if kept == 0:
                words, colour = self.t("lines_none_left"), pal.warning
            elif kept == total:
                words, colour = self.t("lines_all", total=total), pal.text
            else:
                words, colour = self.t("lines_some", count=kept, total=total), pal.text
        fitted = look.text.fit(words, self.count_box.size, look.theme.body, SMALLEST)
        look.text.draw_fitted(surface, fitted, colour, self.count_box, valign="middle")
