"""How to play, one good share, then the response guide's examples, paged to fit the window.

Opened from a game, it shows only the sections for that game's scoring (on or off); opened
from the title, before any game, it shows the scoring sections. Pushed; Back pops.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.content.presets import load_presets
from game.ui.intents import Intent, Kind
from game.ui.scenes.base import Scene
from game.ui.widgets.button import ButtonGroup, row
from game.ui.widgets.marks import draw_cross, draw_tick

if TYPE_CHECKING:
    from game.ui.app import App

# One block of a page: ("heading" | "body" | "bullet" | "quote" | "story" | "good" | "bad", text)
Block = tuple[str, str]
PAGE_BREAK: list[Block] = []  # a group with no blocks: what follows starts a new page


class HowToPlayScene(Scene):
    def __init__(self, app: App, scoring: bool = True, passes: int | None = None) -> None:
        super().__init__(app)
        self.scoring = scoring  # whether the game has scoring on (True before any game)
        self.passes = passes  # each player's passes in the game (None before any game)
        self._passes_text: str | None = None
        self.buttons = ButtonGroup()
        self.pages: list[list[Block]] = [[]]
        self.page = 0
        self.content = pygame.Rect(0, 0, 0, 0)

    def blocks(self) -> list[list[Block]]:
        """Sections as groups of blocks that should stay on one page if they can."""
        words, problems = self.app.words()
        if words is None:
            lines = [p.format() for p in problems] or [self.t("help_missing")]
            return [[("heading", self.t("help_missing")), *(("body", line) for line in lines)]]
        groups: list[list[Block]] = []
        for section in words.how_to_play.sections_for(self.scoring):
            group: list[Block] = [("heading", section.heading)]
            body = section.body.replace("{passes}", self.passes_text())
            for line in body.strip().splitlines():
                line = line.strip()
                if line.startswith("- "):
                    group.append(("bullet", line[2:].strip()))  # drawn with a hanging indent
                elif line:
                    group.append(("body", line))
            groups.append(group)
        guide = words.guide
        share = guide.share_example
        paragraphs = [p.strip() for p in share.story.split("\n\n") if p.strip()]
        story: list[Block] = [("story", " ".join(p.split())) for p in paragraphs]
        groups.append(PAGE_BREAK)
        groups.append([("heading", self.t("help_share_heading")), *story])
        notes: list[Block] = [("good", note) for note in share.notes]
        groups.append([("heading", self.t("help_share_notes_heading")), *notes])
        groups.append(PAGE_BREAK)
        groups.append([("heading", self.t("help_guide_heading")), ("body", guide.intro)])
        for example in guide.examples:
            group = [("quote", f"“{example.story}”")]
            group += [("good", f"{self._kind(r.kind)}: “{r.text}” {r.why}") for r in example.earns]
            group += [("bad", f"{self._kind(r.kind)}: “{r.text}” {r.why}") for r in example.misses]
            groups.append(group)
        return groups

    def passes_text(self) -> str:
        """How many passes each player has: the game's rules, or before any game each
        preset's (the words file never holds the number)."""
        if self._passes_text is None:
            if self.passes is not None:
                self._passes_text = (
                    self.t("help_passes", count=self.passes)
                    if self.passes
                    else self.t("help_no_passes")
                )
            else:
                presets, _ = load_presets()
                listed = ", ".join(
                    self.t("help_passes_preset", name=rules.name, count=rules.passes_per_player)
                    for rules in presets.values()
                )
                self._passes_text = self.t("help_passes_by_preset", presets=listed)
        return self._passes_text

    def _kind(self, kind: str) -> str:
        known = {
            "deepening_question": "award_deepening_question",
            "felt_response": "award_felt_response",
        }
        if kind in known:
            return self.t(known[kind])
        return kind.replace("_", "-").capitalize()

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        width, height = size
        margin = look.px(40)
        title_h = look.text.line_height(look.theme.title, True) + look.px(30)
        bar_h = look.px(64)
        text_w = min(width - 2 * margin, look.px(1100))
        self.content = pygame.Rect(
            (width - text_w) // 2,
            margin + title_h,
            text_w,
            height - 2 * margin - title_h - bar_h - look.px(20),
        )
        self.pages = self._paginate(self.blocks())
        self.page = min(self.page, len(self.pages) - 1)
        bar = pygame.Rect(margin, height - margin - bar_h, width - 2 * margin, bar_h)
        self.buttons.set(
            row(
                [
                    ("back", self.t("help_back"), "Esc"),
                    ("previous", self.t("help_previous"), "←"),
                    ("next", self.t("help_next"), "→"),
                ],
                bar,
                look.px(16),
            )
        )
        self._enable()

    def _enable(self) -> None:
        previous, following = self.buttons.get("previous"), self.buttons.get("next")
        if previous is not None:
            previous.enabled = self.page > 0
        if following is not None:
            following.enabled = self.page < len(self.pages) - 1
            following.style = "primary" if self.page < len(self.pages) - 1 else "normal"

    def _style(self, kind: str) -> tuple[int, bool]:
        theme = self.look.theme
        if kind == "heading":
            return theme.heading, True
        return theme.body, kind == "quote"

    def _height(self, block: Block) -> int:
        size, bold = self._style(block[0])
        lines = self.look.text.wrap(
            block[1], size, self.content.width - self._indent(block[0]), bold
        )
        return len(lines) * self.look.text.line_height(size, bold) + self.look.px(12)

    def _indent(self, kind: str) -> int:
        if kind == "bullet":
            return self.look.text.width("•  ", self.look.theme.body)
        if kind in ("good", "bad"):  # the tick or cross, then a gap: never over the words
            size, _ = self._style(kind)
            icon = self.look.text.line_height(size) - self.look.px(6)
            return max(self.look.px(30), icon + max(6, self.look.px(12)))
        return self.look.px(30) if kind == "story" else 0

    def _paginate(self, groups: list[list[Block]]) -> list[list[Block]]:
        pages: list[list[Block]] = [[]]
        used = 0
        room = max(1, self.content.height)
        for group in groups:
            if not group:
                if pages[-1]:
                    pages.append([])
                    used = 0
                continue
            need = sum(self._height(b) for b in group) + self.look.px(16)
            if pages[-1] and used + need > room:
                pages.append([])
                used = 0
            for block in group:
                height = self._height(block)
                if pages[-1] and used + height > room:
                    pages.append([])
                    used = 0
                pages[-1].append(block)
                used += height
            used += self.look.px(16)
        return pages

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        if kind is Kind.BACK:
            self.app.pop()
            return
        step = 0
        if kind in (Kind.RIGHT, Kind.DOWN, Kind.CONFIRM) or (
            kind is Kind.SCROLL and intent.number < 0
        ):
            step = 0 if kind is Kind.CONFIRM and self.buttons.focused_id else 1
        elif kind in (Kind.LEFT, Kind.UP) or (kind is Kind.SCROLL and intent.number > 0):
            step = -1
        if step:
            self.turn(step)
            return
        chosen = self.buttons.handle(intent)
        if chosen == "back":
            self.app.pop()
        elif chosen:
            self.turn(1 if chosen == "next" else -1)

    def turn(self, step: int) -> None:
        if step > 0 and self.page == len(self.pages) - 1:
            if step and self.buttons.focused_id is None:
                self.app.pop()
            return
        self.page = max(0, min(len(self.pages) - 1, self.page + step))
        self._enable()

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        surface.fill(pal.background)
        width, _ = surface.get_size()
        title = self.t("help_title")
        look.text.draw(
            surface,
            title,
            look.theme.title,
            pal.accent,
            (self.content.left, look.px(36)),
            bold=True,
        )
        counter = self.t("help_page", page=self.page + 1, pages=len(self.pages))
        look.text.draw(
            surface,
            counter,
            look.theme.small,
            pal.muted,
            (self.content.right, look.px(50)),
            anchor="topright",
        )
        y = self.content.top
        for kind, text in self.pages[self.page]:
            size, bold = self._style(kind)
            indent = self._indent(kind)
            colour = {
                "heading": pal.accent,
                "quote": pal.text,
                "good": pal.given,
                "bad": pal.warning,
            }.get(kind, pal.text)
            if kind in ("good", "bad"):
                side = look.text.line_height(size) - look.px(6)
                box = pygame.Rect(self.content.left, y + look.px(3), side, side)
                (draw_tick if kind == "good" else draw_cross)(
                    surface, box, colour, max(2, look.px(4))
                )
                colour = pal.text
            if kind == "bullet":
                look.text.draw(surface, "•", size, pal.accent, (self.content.left, y))
            lines = look.text.wrap(text, size, self.content.width - indent, bold)
            if kind == "story":  # a told story: a bar down its left side, like a quotation
                bar = pygame.Rect(
                    self.content.left + look.px(4),
                    y + look.px(4),
                    max(2, look.px(5)),
                    len(lines) * look.text.line_height(size, bold) - look.px(4),
                )
                pygame.draw.rect(surface, pal.accent, bar, border_radius=bar.width // 2)
            for line in lines:
                look.text.draw(
                    surface,
                    line,
                    size,
                    colour,
                    (self.content.left + indent, y),
                    bold=bold,
                )
                y += look.text.line_height(size, bold)
            y += look.px(12)
        self.buttons.draw(surface, look)
        del width
