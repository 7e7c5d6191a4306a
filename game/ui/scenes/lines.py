"""Lines: the topics a group leaves out tonight, chosen before the first card.

The deck's `topics:` are listed with their descriptions; a number key, Enter on a
focused topic or a click leaves one out or brings it back. Nothing is left out until
someone chooses to, and nobody is asked why. The choice goes back to the new-game page,
which hands it to the engine as `Setup.excluded_tags`: those cards are never dealt.
"""

from __future__ import annotations

import pygame

from game.core.cards import Deck
from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.widgets.button import Button, ButtonGroup, draw_button, row
from game.ui.widgets.marks import draw_cross


def topic_name(tag: str) -> str:
    """A topic tag as players read it: "past-relationships" -> "Past relationships"."""
    words = tag.replace("-", " ")
    return words[:1].upper() + words[1:]


class LinesScene(Scene):
    def __init__(self, app, back, deck: Deck) -> None:
        super().__init__(app)
        self.back = back  # the new-game page: its `excluded` set is the choice
        self.deck = deck
        self.topics = deck.topics
        self.buttons = ButtonGroup()
        self.rows: list[Button] = []

    @property
    def excluded(self) -> set[str]:
        return self.back.excluded

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        margin = look.px(36)
        title_h = (
            look.text.line_height(look.theme.title, True)
            + 2 * look.text.line_height(look.theme.small)
            + look.px(16)
        )
        bar_h = max(look.px(68), look.text.line_height(look.theme.body, True) + look.px(20))
        bar = pygame.Rect(margin, height - margin - bar_h, width - 2 * margin, bar_h)
        count_h = look.text.line_height(look.theme.body) + look.px(10)
        area = pygame.Rect(
            margin,
            margin + title_h,
            width - 2 * margin,
            bar.top - margin - title_h - count_h - look.px(6),
        )
        self.count_box = pygame.Rect(margin, area.bottom + look.px(4), area.width, count_h)
        columns = 1 if len(self.topics) <= 5 else 2
        per_column = -(-len(self.topics) // columns) if self.topics else 1
        gap = look.px(10)
        row_w = (area.width - gap * (columns - 1)) // columns
        row_h = min(look.px(120), (area.height - gap * (per_column - 1)) // per_column)
        self.rows = []
        for i, (tag, _) in enumerate(self.topics):
            column, line = divmod(i, per_column)
            rect = pygame.Rect(
                area.left + column * (row_w + gap), area.top + line * (row_h + gap), row_w, row_h
            )
            hint = str(i + 1) if i < 9 else ""
            self.rows.append(Button(f"topic:{tag}", "", rect, hint))
        back_w = int(bar.width * 0.3)
        bar_buttons = row(
            [("back", self.t("new_back"), "Esc"), ("done", self.t("lines_done"), "Enter")],
            bar,
            look.px(16),
            [back_w, bar.width - back_w],
        )
        bar_buttons[1].style = "primary"
        focus = self.buttons.focused_id
        self.buttons.set([*self.rows, *bar_buttons], focus)

    # ------------------------------------------------------------ acting

    def toggle(self, tag: str) -> None:
        if tag in self.excluded:
            self.excluded.discard(tag)
        else:
            self.excluded.add(tag)

    def remaining(self) -> tuple[int, int]:
        """(prompt cards still dealt, prompt cards in the deck) with tonight's lines."""
        left_out = {tag for tag, _ in self.topics if tag in self.excluded}
        prompts = [card for card in self.deck.cards if not card.is_wild]
        kept = [card for card in prompts if not left_out.intersection(card.tags)]
        return len(kept), len(prompts)

    def done(self) -> None:
        back = self.back
        back.focus = "next"  # Enter now starts the game, as the page says
        back.notice = None
        self.app.switch(back)
        back.layout(self.app.size)

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        if kind is Kind.BACK:
            self.done()
            return
        if kind is Kind.NUMBER:
            if 1 <= intent.number <= min(9, len(self.topics)):
                self.toggle(self.topics[intent.number - 1][0])
            return
        if self.buttons.move_by_arrows(intent):
            return
        chosen = self.buttons.handle(intent)
        if chosen is None and kind is Kind.CONFIRM:
            chosen = "done"
        if chosen is None:
            return
        if chosen.startswith("topic:"):
            self.toggle(chosen.split(":", 1)[1])
        elif chosen in ("done", "back"):
            self.done()

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        surface.fill(pal.background)
        width, _ = surface.get_size()
        margin = look.px(36)
        title = look.text.draw(
            surface,
            look.text.ellipsize(self.t("lines_title"), look.theme.title, width - 2 * margin, True),
            look.theme.title,
            pal.accent,
            (margin, margin - look.px(6)),
            bold=True,
        )
        hint = self.t("lines_hint") + "\n" + self.t("lines_keys")
        fitted = look.text.fit(
            hint,
            (width - 2 * margin, 2 * look.text.line_height(look.theme.small)),
            look.theme.small,
            12,
        )
        look.text.draw_fitted(
            surface, fitted, pal.muted, pygame.Rect(margin, title.bottom, width - 2 * margin, 0)
        )
        focused = self.buttons.focused_id
        for (tag, description), button in zip(self.topics, self.rows, strict=True):
            self._draw_topic(
                surface, button, tag, description, self.buttons.hover == button.id, focused
            )
        self._draw_count(surface)
        for button in self.buttons.buttons[len(self.rows) :]:
            draw_button(
                surface, look, button, self.buttons.hover == button.id, focused == button.id
            )

    def _draw_topic(
        self,
        surface: pygame.Surface,
        button: Button,
        tag: str,
        description: str,
        hovered: bool,
        focused: str | None,
    ) -> None:
        look = self.look
        pal = look.pal
        rect = button.rect
        out = tag in self.excluded
        radius = look.px(14)
        fill = pal.card if out else (pal.hover if hovered else pal.panel)
        pygame.draw.rect(surface, fill, rect, border_radius=radius)
        if out:
            pygame.draw.rect(
                surface, pal.accent, rect, width=max(3, look.px(4)), border_radius=radius
            )
        if focused == button.id:
            pygame.draw.rect(
                surface,
                pal.focus,
                rect.inflate(look.px(10), look.px(10)),
                width=max(3, look.px(4)),
                border_radius=radius + look.px(4),
            )
        inner = rect.inflate(-look.px(20), -look.px(12))
        size = min(look.theme.body, max(13, int(inner.height * 0.4)))
        x = inner.left
        if button.hint:
            chip_size = max(12, int(size * 0.8))
            chip_ink = pal.card_caption if out else pal.muted  # readable on the light card
            chip = look.text.render(button.hint, chip_size, chip_ink, bold=True)
            box = pygame.Rect(0, 0, look.text.width("9", chip_size, True), chip.get_height())
            box = box.inflate(look.px(12), look.px(6))
            box.midleft = (x, inner.centery)
            pygame.draw.rect(
                surface, chip_ink, box, width=max(1, look.px(2)), border_radius=look.px(7)
            )
            surface.blit(chip, chip.get_rect(center=box.center))
            x = box.right + look.px(12)
        side = min(inner.height - look.px(6), look.px(34))
        check = pygame.Rect(x, inner.centery - side // 2, side, side)
        pygame.draw.rect(
            surface, pal.card if not out else pal.accent, check, border_radius=look.px(6)
        )
        pygame.draw.rect(
            surface, pal.muted, check, width=max(2, look.px(2)), border_radius=look.px(6)
        )
        if out:
            draw_cross(surface, check, pal.accent_text, max(3, look.px(4)))
        x = check.right + look.px(14)
        text_w = inner.right - x
        status = self.t("lines_left_out")
        status_w = look.text.width(status, look.theme.small, True) + look.px(12) if out else 0
        name = look.text.ellipsize(topic_name(tag), size, text_w - status_w, bold=True)
        ink = pal.card_text if out else pal.text
        name_rect = look.text.draw(surface, name, size, ink, (x, inner.top), bold=True)
        if out:
            look.text.draw(
                surface,
                status,
                look.theme.small,
                pal.card_caption,
                (inner.right, name_rect.centery),
                bold=True,
                anchor="midright",
            )
        detail_box = pygame.Rect(x, name_rect.bottom, text_w, inner.bottom - name_rect.bottom)
        fitted = look.text.fit(description, detail_box.size, look.theme.small, 12)
        look.text.draw_fitted(surface, fitted, pal.card_text if out else pal.muted, detail_box)

    def _draw_count(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        if not self.topics:
            text, colour = self.t("lines_no_topics"), pal.muted
        else:
            kept, total = self.remaining()
            if kept == 0:
                text, colour = self.t("lines_none_left"), pal.warning
            elif kept == total:
                text, colour = self.t("lines_all", total=total), pal.text
            else:
                text, colour = self.t("lines_some", count=kept, total=total), pal.text
        fitted = look.text.fit(text, self.count_box.size, look.theme.body, 12)
        look.text.draw_fitted(surface, fitted, colour, self.count_box, valign="middle")
