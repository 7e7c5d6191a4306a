"""A list (or grid) of rows taller than its box: it scrolls a whole row at a time, keeps the
focused row in view, and says how many rows are above and below.

Rows keep their readable height however many there are; the box shows what fits, the next
row peeks out at the bottom, and a line under the box says "12 more below" (a click on it
scrolls). The scene owns the buttons: `place` gives each item its rect and the part of the
window it may show in (`Button.clip`), so hidden rows are neither drawn nor clicked.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.ui.intents import Intent, Kind
from game.ui.look import Look
from game.ui.widgets.button import Button, ButtonGroup
from game.ui.widgets.marks import draw_arrow


class ScrollList:
    def __init__(self) -> None:
        self.first = 0  # the grid row shown at the top of the box
        self.box = pygame.Rect(0, 0, 0, 0)  # where rows show
        self.more_box = pygame.Rect(0, 0, 0, 0)  # the "N more" line (empty when all fit)
        self.columns = 1
        self.count = 0
        self.ring = 0
        self._heights: list[int] = []  # per grid row
        self._gap = 0
        self._buttons: list[Button] = []
        # The items placed where they show (or about to): a frame draws only these.
        self.near = range(0)

    # ------------------------------------------------------------ layout

    def place(
        self,
        buttons: Sequence[Button],
        heights: Sequence[int],
        area: pygame.Rect,
        gap: int,
        look: Look,
        columns: int = 1,
    ) -> None:
        """Lay the buttons out in `area`, `columns` to a row, each at its own height (a grid row
        is as tall as its tallest item). Rows scrolled away get rects outside the box."""
        self.count = len(buttons)
        self.columns = max(1, columns)
        self._gap = gap
        self.ring = look.px(7)  # the focus ring drawn round a row stays visible
        rows = -(-self.count // self.columns)
        if self.columns == 1:
            self._heights = list(heights)
        else:
            self._heights = [
                max(heights[r * self.columns : (r + 1) * self.columns], default=0)
                for r in range(rows)
            ]
        self.box = area.copy()
        self.more_box = pygame.Rect(area.left, area.bottom, area.width, 0)
        if sum(self._heights) + gap * max(0, rows - 1) > area.height:
            line = look.text.line_height(look.theme.small) + look.px(8)
            # The row peeking out shows (and takes clicks) down to its focus ring: the
            # "N more" line starts below that, so a click there is always the line's.
            below = max(look.px(4), self.ring)
            self.box.height = max(0, area.height - line - below + look.px(4))
            self.more_box = pygame.Rect(area.left, self.box.bottom + below, area.width, line)
        self._buttons = list(buttons)
        self._apply()

    def _apply(self) -> None:
        """Put each button where the current scroll shows it: the rows from a box's height
        above the box to a box's height below it (what shows, and what the wheel or an arrow
        brings next) each get their own place; the rows further away share a few rects, as
        tall as each row, above or below the box, and an empty clip. Nothing here measures
        text, and a list of 800 rows places about as many as a list of 20."""
        self.first = max(0, min(self.first, self._last_first()))
        width = (self.box.width - self._gap * (self.columns - 1)) // self.columns
        window = self.box.inflate(2 * self.ring, 2 * self.ring)
        near = self._near()
        rows = (min(near, default=0), max(near, default=-1) + 1)
        self.near = range(rows[0] * self.columns, min(self.count, rows[1] * self.columns))
        nowhere = pygame.Rect(0, 0, 0, 0)
        far: dict[tuple[bool, int], pygame.Rect] = {}
        above_y = self.box.top - 2 * self.box.height - self.ring
        below_y = self.box.bottom + 2 * self.box.height + self.ring
        buttons, heights, columns = self._buttons, self._heights, self.columns
        for index in self.near:
            row, column = divmod(index, columns)
            button = buttons[index]
            button.rect = pygame.Rect(
                self.box.left + column * (width + self._gap), near[row], width, heights[row]
            )
            seen = button.rect.clip(self.box)
            button.clip = window if seen.height else nowhere
        # Far away: a shared rect on its side of the box, never drawn.
        for above, items in (
            (True, range(self.near.start)),
            (False, range(self.near.stop, self.count)),
        ):
            for index in items:
                height = heights[index // columns]
                rect = far.get((above, height))
                if rect is None:
                    y = above_y - height if above else below_y
                    rect = far[above, height] = pygame.Rect(self.box.left, y, width, height)
                button = buttons[index]
                button.rect, button.clip = rect, nowhere

    def _near(self) -> dict[int, int]:
        """The top of each grid row from a box's height above the box to a box's height below
        it (the rows above the first one going up from the box)."""
        tops: dict[int, int] = {}
        reach = self.box.height
        y = self.box.top
        for row in range(self.first, len(self._heights)):
            if y > self.box.bottom + reach:
                break
            tops[row] = y
            y += self._heights[row] + self._gap
        y = self.box.top
        for row in range(self.first - 1, -1, -1):
            y -= self._heights[row] + self._gap
            if y + self._heights[row] < self.box.top - reach:
                break
            tops[row] = y
        return tops

    def _last_first(self) -> int:
        """The highest first row that still fills the box (no empty space after the last row)."""
        room = self.box.height
        used = 0
        for row in range(len(self._heights) - 1, -1, -1):
            used += self._heights[row] + (self._gap if used else 0)
            if used > room:
                return row + 1 if row + 1 < len(self._heights) else row
        return 0

    # ------------------------------------------------------------ what shows

    @property
    def scrolls(self) -> bool:
        return self.more_box.height > 0

    def fully_shown(self, index: int) -> bool:
        row = index // self.columns
        if row < self.first:
            return False
        bottom = (
            self.box.top + sum(self._heights[self.first : row + 1]) + self._gap * (row - self.first)
        )
        return bottom <= self.box.bottom

    def shown_rows(self) -> range:
        """The grid rows wholly in the box."""
        last = self.first
        while last < len(self._heights) and self.fully_shown(last * self.columns):
            last += 1
        return range(self.first, last)

    def above(self) -> int:
        """Items in rows scrolled away above."""
        return min(self.count, self.first * self.columns)

    def below(self) -> int:
        """Items not wholly shown below (the peeking row counts: it cannot be read yet)."""
        shown = self.shown_rows()
        return (
            max(0, self.count - shown.stop * self.columns) if shown else self.count - self.above()
        )

    def clickable(self) -> list[tuple[str, pygame.Rect]]:
        """The "N more" line, where a click scrolls (nothing when every row shows)."""
        return [("more", self.more_box.copy())] if self.scrolls else []

    # ------------------------------------------------------------ moving

    def reveal(self, index: int) -> bool:
        """Scroll so item `index` is wholly in the box; True when something moved."""
        if not 0 <= index < self.count:
            return False
        row, before = index // self.columns, self.first
        if row < self.first:
            self.first = row
        while not self.fully_shown(index) and self.first < row:
            self.first += 1
        if self.first == before:
            return False
        self._apply()
        return True

    def scroll(self, rows: int) -> bool:
        before = self.first
        self.first = max(0, min(self.first + rows, self._last_first()))
        if self.first == before:
            return False
        self._apply()
        return True

    def handle(self, intent: Intent) -> bool:
        """The wheel, or a click on the "N more" line, scrolls; True when it did."""
        if intent.kind is Kind.SCROLL:
            return self.scroll(-intent.number)
        if intent.kind is Kind.CLICK and self.more_box.collidepoint(intent.pos):
            page = max(1, len(self.shown_rows()) - 1)
            upwards = intent.pos[0] < self.more_box.centerx and self.above()
            return self.scroll(-page if upwards else page)
        return False

    def neighbour(self, index: int, kind: Kind) -> int | None:
        """The item an arrow leads to from `index` inside the grid, or None past its edge."""
        step = {Kind.UP: -self.columns, Kind.DOWN: self.columns, Kind.LEFT: -1, Kind.RIGHT: 1}
        if kind not in step:
            return None
        if kind in (Kind.LEFT, Kind.RIGHT) and self.columns == 1:
            return None
        target = index + step[kind]
        if kind in (Kind.LEFT, Kind.RIGHT) and target // self.columns != index // self.columns:
            return None
        return target if 0 <= target < self.count else None

    # ------------------------------------------------------------ drawing

    def draw_more(self, target: pygame.Surface, look: Look, above: str, below: str) -> None:
        """The "N more above / below" line under the box, with drawn arrows."""
        if not self.scrolls:
            return
        box, size, colour = self.more_box, look.theme.small, look.pal.muted
        side = max(8, look.text.line_height(size) // 2)
        if self.above():
            arrow = pygame.Rect(box.left, box.centery - side // 2, side, side)
            draw_arrow(target, arrow, "up", colour)
            look.text.draw(
                target,
                above,
                size,
                colour,
                (arrow.right + look.px(8), box.centery),
                anchor="midleft",
            )
        if self.below():
            arrow = pygame.Rect(box.right - side, box.centery - side // 2, side, side)
            draw_arrow(target, arrow, "down", colour)
            look.text.draw(
                target,
                below,
                size,
                colour,
                (arrow.left - look.px(8), box.centery),
                anchor="midright",
            )


def arrow_in_list(group: ButtonGroup, scroll: ScrollList, ids: Sequence[str], kind: Kind) -> bool:
    """An arrow from a row of the list to the next usable row that way, scrolled into view
    (rows that cannot be chosen are passed over); False when the arrow leaves the list."""
    focused = group.focused_id
    if focused not in ids:
        return False
    index = scroll.neighbour(ids.index(focused), kind)
    while index is not None:
        button = group.get(ids[index])
        if button is not None and button.enabled:
            group.focus_on(ids[index])
            scroll.reveal(index)
            return True
        index = scroll.neighbour(index, kind)
    return False
