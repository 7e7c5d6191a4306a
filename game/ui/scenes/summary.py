"""The end of the evening: final scores with a chart of points by kind, cards played, and what next.

With scoring off there are no numbers: the summary shows the evening's moments instead,
each person's together in one type size (whose questions went deeper, who touched whom,
who shared a feeling): three panels side by side when they fit, else one list that scrolls.
With the closeness check it also shows each player's before and after, and offers the
chart of kept evenings.

Nothing here acts on a stray key: no button is chosen for the players, Enter first shows
which button it would press, and Quit (or Esc) asks once.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import attrs
import pygame

from game.table import terms
from game.table.moments import moment_lines, moments
from game.table.terms import AwardKind, GameState, Scoring
from game.ui.intents import Intent, Kind
from game.ui.play import start_game, start_with_check
from game.ui.scenes.base import Scene
from game.ui.widgets.button import ButtonGroup, row
from game.ui.widgets.closeness import draw_before_after
from game.ui.widgets.marks import draw_arrow
from game.ui.widgets.score_chart import draw_score_chart

if TYPE_CHECKING:
    from game.table.closeness import ClosenessRound
    from game.ui.app import App


@attrs.define
class Block:
    """One heading or one moment of the scrolled list, wrapped to its lines."""

    kind: str  # "head", "item" or "none" (nothing marked in that section)
    lines: list[str]
    size: int
    height: int


class SummaryScene(Scene):
    def __init__(self, app: App, state: GameState, closeness: ClosenessRound | None = None) -> None:
        super().__init__(app)
        self.state = state
        self.outcome = terms.outcome(state)
        self.buttons = ButtonGroup()
        self.closeness = closeness  # the closeness check's answers, when the players chose it
        self.sections: list[tuple[str, list[str]]] = []
        if state.rules.scoring is Scoring.OFF:
            self.sections = [
                (self.t(key), moment_lines(found, self.names, self.t))
                for key, found in moments(state)
            ]
        self.asking_quit = False  # Quit was pressed once; the next press quits
        self.area = pygame.Rect(0, 0, 0, 0)  # the chart or the moments
        self.side = pygame.Rect(0, 0, 0, 0)  # the closeness check's before and after
        self.columns: list[tuple[pygame.Rect, list[str]]] = []  # the moments side by side
        self.head_size = self.item_size = 0
        self.blocks: list[Block] = []  # the moments as one scrolled list, when they don't fit
        self.first = 0  # the first block shown
        self.shown = 0  # how many blocks show from `first`

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.state.players)

    def _has_evenings(self) -> bool:
        history = self.closeness.history if self.closeness is not None else None
        return history is not None and any(history.of(name) for name in self.names)

    def enter(self) -> None:
        self.ask_quit(False)

    # ------------------------------------------------------------ layout

    def layout(self, size: tuple[int, int]) -> None:
        look = self.look
        text, theme = look.text, look.theme
        width, height = size
        margin = look.px(36)
        bar_h = max(look.px(68), text.line_height(theme.body, True) + look.px(20))
        bar = pygame.Rect(margin, height - margin - bar_h, width - 2 * margin, bar_h)
        quit_label = self.t("quit_confirm") if self.asking_quit else self.t("summary_quit")
        entries = [
            ("again", self.t("summary_again"), ""),
            ("new", self.t("summary_new"), ""),
            ("quit", quit_label, ""),
        ]
        weights = [1.5, 1.2, 1.2]
        if self._has_evenings():
            entries.insert(2, ("evenings", self.t("summary_evenings"), ""))
            weights.insert(2, 1.3)
        buttons = row(entries, bar, look.px(16), weights)
        buttons[0].style = "primary"
        if self.asking_quit:
            buttons[-1].style = "primary"
        self.buttons.set(buttons)
        self._show_enter()
        # Under the title: the facts line, then (scoring on) who led or what we earned together.
        top = margin - look.px(6) + text.line_height(theme.title, True) + look.px(6)
        top += text.line_height(theme.body) + look.px(8)
        if self.state.rules.scoring is not Scoring.OFF:
            top += text.line_height(theme.heading, True) + look.px(8)
        keys_top = bar.top - look.px(8) - text.line_height(theme.small)
        area = pygame.Rect(
            margin, top + look.px(10), width - 2 * margin, keys_top - top - look.px(18)
        )
        self.side = pygame.Rect(0, 0, 0, 0)
        if self.closeness is not None and self.closeness.asked_before():
            self.side = pygame.Rect(0, area.top, int(area.width * 0.36), area.height)
            self.side.right = area.right
            area.width -= self.side.width + look.px(16)
        self.area = area
        if self.sections:
            self._place_moments(area)

    def _place_moments(self, area: pygame.Rect) -> None:
        """Three panels side by side if they are wide enough and everything fits in them at a
        readable size; else one list across the area, which scrolls if it must."""
        look = self.look
        text, theme = look.text, look.theme
        floor = theme.font_px(18, 15)  # never smaller than this, whatever the group's size
        gap = look.px(14)
        self.columns, self.blocks = [], []
        width = (area.width - 2 * gap) // 3
        inner_w = width - look.px(24)
        if inner_w >= 18 * floor:
            boxes = [
                pygame.Rect(area.left + i * (width + gap), area.top, width, area.height)
                for i in range(3)
            ]
            inners = [box.inflate(-look.px(24), -look.px(14)) for box in boxes]
            two_lines = 2 * text.line_height(theme.body, True)
            self.head_size = min(
                text.fit(head, (inner.width, two_lines), theme.body, floor, True).size
                for (head, _), inner in zip(self.sections, inners, strict=True)
            )
            heads = max(
                text.fit(
                    head, (inner.width, two_lines), self.head_size, self.head_size, True
                ).height
                for (head, _), inner in zip(self.sections, inners, strict=True)
            )
            room = (inners[0].width, inners[0].height - heads - look.px(6))
            sizes = [self._bullet_size(room, lines, floor) for _, lines in self.sections]
            if all(sizes):
                self.item_size = min(size for size in sizes if size)
                self.columns = [
                    (box, lines) for box, (_, lines) in zip(boxes, self.sections, strict=True)
                ]
                return
        inner = area.inflate(-look.px(32), -look.px(20))
        self.head_size = theme.body
        size = self._bullet_size(inner.size, [], floor, whole=True) or floor
        self.item_size = size
        self.blocks = self._blocks(inner.width, size)
        self.scroll(0)

    def _bullet_size(
        self, room: tuple[int, int], items: list[str], floor: int, whole: bool = False
    ) -> int | None:
        """The largest size from the body size down to `floor` at which `items` fit `room`
        (with `whole`, the headings and every section's items); None if none does."""
        text = self.look.text
        size = self.look.theme.body
        while size >= floor:
            if whole:
                need = sum(block.height for block in self._blocks(room[0], size))
            else:
                indent = text.width("•  ", size)
                count = sum(len(text.wrap(item, size, room[0] - indent)) for item in items)
                need = count * text.line_height(size)
            if need <= room[1]:
                return size
            size -= 1
        return None

    def _blocks(self, width: int, size: int) -> list[Block]:
        """The sections as one list: each heading, then its moments (or "nothing marked")."""
        look = self.look
        text = look.text
        head = self.head_size
        indent = text.width("•  ", size)
        gap = look.px(12)
        blocks = []
        for title, lines in self.sections:
            wrapped = text.wrap(title, head, width, True)
            blocks.append(
                Block("head", wrapped, head, len(wrapped) * text.line_height(head, True) + gap // 2)
            )
            if not lines:
                wrapped = text.wrap(self.t("summary_moments_none"), size, width)
                blocks.append(Block("none", wrapped, size, len(wrapped) * text.line_height(size)))
            for item in lines:
                wrapped = text.wrap(item, size, width - indent)
                blocks.append(Block("item", wrapped, size, len(wrapped) * text.line_height(size)))
            blocks[-1].height += gap
        return blocks

    def _list_box(self) -> pygame.Rect:
        """Where the scrolled list's blocks show: the panel, less a line for "N more below"."""
        look = self.look
        inner = self.area.inflate(-look.px(32), -look.px(20))
        if sum(block.height for block in self.blocks) > inner.height:
            inner.height -= look.text.line_height(look.theme.small) + look.px(6)
        return inner

    def scroll(self, step: int) -> None:
        """Move the list by `step` blocks (0: only keep it in range)."""
        if not self.blocks:
            return
        room = self._list_box().height
        heights = [block.height for block in self.blocks]
        last_first = len(heights) - 1
        while last_first > 0 and sum(heights[last_first - 1 :]) <= room:
            last_first -= 1
        self.first = max(0, min(last_first, self.first + step))
        used = shown = 0
        for height in heights[self.first :]:
            if shown and used + height > room:
                break
            used += height
            shown += 1
        self.shown = shown

    def can_scroll(self) -> bool:
        return bool(self.blocks) and (self.first > 0 or self.first + self.shown < len(self.blocks))

    def _show_enter(self) -> None:
        """The Enter chip sits on the focused button only: it says what Enter does now."""
        focused = self.buttons.focused_id
        for button in self.buttons.buttons:
            button.hint = "Enter" if button.id == focused else ""

    # ------------------------------------------------------------ acting

    def handle(self, intent: Intent) -> None:
        kind = intent.kind
        before = self.buttons.focused_id
        if kind is Kind.BACK:
            self.ask_quit(not self.asking_quit)
        elif kind in (Kind.UP, Kind.DOWN, Kind.SCROLL) and self.can_scroll():
            down = kind is Kind.DOWN or (kind is Kind.SCROLL and intent.number < 0)
            step = 1 if kind is Kind.SCROLL else max(1, self.shown - 1)
            self.scroll(step if down else -step)
        elif kind in (Kind.LEFT, Kind.UP, Kind.RIGHT, Kind.DOWN):
            self.move(-1 if kind in (Kind.LEFT, Kind.UP) else 1)
        elif kind is Kind.CONFIRM and before is None:
            self.buttons.focus_on("again")  # show what a second Enter would do
        else:
            chosen = self.buttons.handle(intent)
            if chosen:
                self.choose(chosen)
        if self.buttons.focused_id != before and self.buttons.focused_id != "quit":
            self.ask_quit(False)  # moving away from Quit takes the question back
        self._show_enter()

    def move(self, step: int) -> None:
        """Arrows stop at the ends of the row (Play again and Quit are never neighbours)."""
        self.buttons.move_stopping(step)

    def ask_quit(self, asking: bool) -> None:
        if asking == self.asking_quit:
            return
        self.asking_quit = asking
        self.layout(self.app.size)
        if asking:
            self.buttons.focus_on("quit")
        self._show_enter()

    def choose(self, chosen: str) -> None:
        app = self.app
        if chosen == "again":
            setup = attrs.evolve(self.state.setup, seed=random.randrange(1 << 31))
            state = terms.new_game(setup)
            if self.closeness is not None:
                start_with_check(app, state, self.closeness.again())
            else:
                start_game(app, state)
        elif chosen == "new":
            app.reset("new_game")
        elif chosen == "evenings" and self.closeness is not None:
            app.push("evenings", names=self.names, history=self.closeness.history)
        elif chosen == "quit":
            if self.asking_quit:
                app.quit()
            else:
                self.ask_quit(True)

    def facts(self) -> str:
        """Cards, rounds, passes and skips, each in the right number."""
        outcome = self.outcome
        return self.t(
            "summary_facts",
            cards=outcome.cards_played,
            # Rounds are whole rounds (everyone shared once): an evening ended sooner
            # says "less than a round", never "0 rounds".
            rounds=outcome.rounds or self.t("summary_facts_under_a_round"),
            passes=outcome.passes,
            skips=outcome.skips,
        )

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pal = look.pal
        text, theme = look.text, look.theme
        surface.fill(pal.background)
        width, _ = surface.get_size()
        margin = look.px(36)
        outcome = self.outcome
        title = text.draw(
            surface,
            self.t("summary_title"),
            theme.title,
            pal.accent,
            (margin, margin - look.px(6)),
            bold=True,
        )
        scoring = self.state.rules.scoring
        y = title.bottom + look.px(6)
        # no numbers at all when scoring is off
        facts = self.t("summary_off") if scoring is Scoring.OFF else self.facts()
        # One line, a little smaller in a narrow window rather than cut short.
        size = text.largest_size([facts], width - 2 * margin, theme.body, theme.small)
        line = text.draw(
            surface,
            text.ellipsize(facts, size, width - 2 * margin),
            size,
            pal.text,
            (margin, y),
        )
        y = line.bottom + look.px(8)
        lead = ""
        if scoring is Scoring.TOGETHER:
            key = "summary_together_goal" if outcome.goal else "summary_together"
            lead = self.t(key, points=outcome.team_total, goal=outcome.goal or 0)
        elif scoring is Scoring.VERSUS and outcome.players:
            leaders = " & ".join(outcome.players[i].name for i in outcome.leaders)
            lead = self.t("summary_most", names=leaders)
        if lead:
            size = text.largest_size([lead], width - 2 * margin, theme.heading, theme.small, True)
            lead = text.ellipsize(lead, size, width - 2 * margin, True)
            text.draw(surface, lead, size, pal.given, (margin, y), bold=True)
        keys = self.t("quit_confirm_hint" if self.asking_quit else "summary_keys")
        keys_top = self.buttons.buttons[0].rect.top - look.px(8) - text.line_height(theme.small)
        text.draw(
            surface,
            text.ellipsize(keys, theme.small, width - 2 * margin),
            theme.small,
            pal.muted,
            (width // 2, keys_top),
            anchor="midtop",
        )
        if self.side.width:
            self._draw_closeness(surface, self.side)
        if self.columns:
            self._draw_columns(surface)
        elif self.blocks:
            self._draw_list(surface)
        elif scoring is not Scoring.OFF:
            labels = {kind: self.t(f"award_{kind.value}") for kind in AwardKind}
            names = [p.name for p in outcome.players]
            points = [p.by_kind for p in outcome.players]
            look.panel(surface, self.area)
            chart = self.area.inflate(-look.px(36), -look.px(28))
            draw_score_chart(surface, chart, look, names, points, labels)
        self.buttons.draw(surface, look)

    def _draw_columns(self, surface: pygame.Surface) -> None:
        """One panel per kind of moment, each person's together, all in one type size."""
        look = self.look
        text = look.text
        size, head_size = self.item_size, self.head_size
        for (box, lines), (title, _) in zip(self.columns, self.sections, strict=True):
            look.panel(surface, box)
            inner = box.inflate(-look.px(24), -look.px(14))
            two_lines = 2 * text.line_height(look.theme.body, True)
            head = text.fit(title, (inner.width, two_lines), head_size, head_size, True)
            covered = text.draw_fitted(surface, head, look.pal.accent, inner)
            y = covered.bottom + look.px(6)
            if not lines:
                fitted = text.fit(
                    self.t("summary_moments_none"), (inner.width, inner.bottom - y), size, size
                )
                text.draw_fitted(
                    surface, fitted, look.pal.muted, pygame.Rect(inner.left, y, inner.width, 0)
                )
            indent = text.width("•  ", size)
            for item in lines:
                y = self._draw_item(
                    surface, (inner.left, y), text.wrap(item, size, inner.width - indent), size
                )

    def _draw_item(
        self, surface: pygame.Surface, at: tuple[int, int], lines: list[str], size: int
    ) -> int:
        """A bullet with hanging lines; returns the y under it."""
        look = self.look
        text = look.text
        x, y = at
        indent = text.width("•  ", size)
        text.draw(surface, "•", size, look.pal.accent, (x, y))
        for line in lines:
            text.draw(surface, line, size, look.pal.text, (x + indent, y))
            y += text.line_height(size)
        return y

    def _draw_list(self, surface: pygame.Surface) -> None:
        """The moments as one list; when it scrolls, a line says how many are above or below."""
        look = self.look
        text, pal = look.text, look.pal
        look.panel(surface, self.area)
        box = self._list_box()
        y = box.top
        for block in self.blocks[self.first : self.first + self.shown]:
            if block.kind == "item":
                self._draw_item(surface, (box.left, y), block.lines, block.size)
            else:
                colour = pal.accent if block.kind == "head" else pal.muted
                line_h = text.line_height(block.size, block.kind == "head")
                for i, line in enumerate(block.lines):
                    text.draw(
                        surface,
                        line,
                        block.size,
                        colour,
                        (box.left, y + i * line_h),
                        bold=block.kind == "head",
                    )
            y += block.height
        if not self.can_scroll():
            return
        after = self.first + self.shown
        below = sum(1 for block in self.blocks[after:] if block.kind == "item")
        above = sum(1 for block in self.blocks[: self.first] if block.kind == "item")
        small = look.theme.small
        side = text.line_height(small) - look.px(4)
        middle = box.bottom + look.px(6) + text.line_height(small) // 2
        half = box.width // 2 - side - look.px(8)
        # Like the deck list: what is above on the left (Up), what is below on the right (Down).
        if above:
            arrow = pygame.Rect(box.left, middle - side // 2, side, side)
            draw_arrow(surface, arrow, "up", pal.muted)
            words = text.ellipsize(self.t("list_more_above", count=above), small, half)
            at = (arrow.right + look.px(8), middle)
            text.draw(surface, words, small, pal.muted, at, anchor="midleft")
        if below:
            arrow = pygame.Rect(box.right - side, middle - side // 2, side, side)
            draw_arrow(surface, arrow, "down", pal.muted)
            words = text.ellipsize(self.t("list_more_below", count=below), small, half)
            at = (arrow.left - look.px(8), middle)
            text.draw(surface, words, small, pal.muted, at, anchor="midright")

    def _draw_closeness(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        """Each player's before and after, as the pictures they picked."""
        closeness = self.closeness
        if closeness is None:  # drawn only with the closeness check
            return
        pal = self.look.pal
        kept = [self.names[p] for p, keep in sorted(closeness.keep.items()) if keep]
        note = None
        if closeness.message:
            note = (closeness.message, pal.warning)
        elif kept:
            note = (self.t("closeness_kept", names=", ".join(kept)), pal.muted)
        answers = (closeness.before, closeness.after)
        draw_before_after(surface, box, self.look, self.t, self.names, answers, note)
