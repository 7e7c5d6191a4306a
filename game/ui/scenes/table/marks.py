"""The marks: one row per listener (what the sharer received) and one for the sharer.

Rows keep a readable height whatever the number of players: when they do not all fit,
the sharer's row stays at the bottom and the listeners' rows scroll above it (Up/Down,
the wheel), with a line saying how many more there are. Every mark's label uses one size
(the buttons share one `row`), and each keeps the right of its button for its points.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pygame

from game.table.moments import acknowledgement
from game.table.terms import Scoring
from game.table.views import MarkRow
from game.ui.scenes.table.layout import tall
from game.ui.widgets.button import Button, labels_fit, row, row_label_size

if TYPE_CHECKING:
    from game.ui.look import Look
    from game.ui.scenes.table.scene import TableScene


@attrs.define
class PlacedRow:
    row: MarkRow
    index: int  # in view.marks
    rect: pygame.Rect


@attrs.define
class MarksPanel:
    first: int = 0  # the first listener row shown when they scroll
    rows: list[PlacedRow] = attrs.field(factory=list)
    above: int = 0  # listener rows scrolled out above
    below: int = 0  # and below
    more: pygame.Rect | None = None  # the line saying how many rows are scrolled away
    name_w: int = 0
    name_size: int = 0
    name_above: bool = False  # a narrow window: the name on a line of its own
    name_h: int = 0
    grid: bool = False  # a narrow window with four marks a row: two lines of two
    cell_h: int = 0  # the height of one line of marks
    gap: int = 0

    def scroll(self, step: int, listeners: int, selected: int) -> int:
        """Move the window of rows by `step`; returns the selected row, kept in view."""
        shown = max(1, len(self.rows) - 1)
        self.first = max(0, min(self.first + step, listeners - shown))
        return min(max(selected, self.first), self.first + shown - 1)

    def place(self, scene: TableScene) -> list[Button]:
        """Lay the rows out in the first arrangement whose labels are readable from the sofa:
        names beside the marks (most rows in view), names above them (the marks get the
        whole width), then two lines of two marks; else the one with the largest labels."""
        look, view = scene.look, scene.view
        small_line = look.text.line_height(look.theme.small, True)
        beside = (int(scene.content.width * 0.2) - look.px(12), 2 * small_line + look.px(2))
        names_fit = all(look.text.fits(r.title, beside, look.theme.small, True) for r in view.marks)
        widest_row = max((len(r.marks) for r in view.marks), default=0)
        ways = [(False, False)] if names_fit and not tall(scene.app.size) else []
        ways.append((True, False))
        if widest_row > 3:
            ways.append((True, True))
        # Good enough: the size a row of buttons may shrink to before it cuts (button.py).
        readable = round(look.theme.small * 0.85)
        first = self.first  # each try scrolls from where the rows were
        best: tuple[int, bool, bool] | None = None
        for name_above, grid in ways:
            self.first = first
            buttons = self._place(scene, name_above, grid)
            size, _ = row_label_size(look, buttons)
            whole = labels_fit(look, buttons)
            if size >= readable and whole:
                return buttons
            score = size if whole else 0  # a cut label is worse than a small one
            if best is None or score > best[0]:
                best = (score, name_above, grid)
        assert best is not None
        self.first = first
        return self._place(scene, best[1], best[2])

    def more_step(self, scene: TableScene, pos: tuple[int, int]) -> int:
        """A click on the "N more above · M more below" line: -1 on the part about the rows
        above, 1 on the part about those below, 0 elsewhere."""
        if self.more is None or not self.more.collidepoint(pos):
            return 0
        if not self.above:
            return 1 if self.below else 0
        if not self.below:
            return -1
        look = scene.look
        above = scene.t("table_rows_above", count=self.above) + "  ·"
        return -1 if pos[0] < self.more.left + look.text.width(above, look.theme.small) else 1

    def _place(self, scene: TableScene, name_above: bool, grid: bool) -> list[Button]:
        look, view = scene.look, scene.view
        content = scene.content
        listeners = view.marks[:-1]
        gap = self.gap = max(4, look.px(6))
        small_line = look.text.line_height(look.theme.small, True)
        self.name_above, self.grid = name_above, grid
        self.name_h = small_line + look.px(4) if self.name_above else 0
        cell_least = max(look.px(54), 2 * small_line + look.px(4))  # two lines of small text
        cell_most = max(look.px(110), 3 * small_line + look.px(16))
        rows_n = len(view.marks)
        lines = [self._lines(r) for r in view.marks]
        fixed = gap * rows_n + self.name_h * rows_n + gap * (sum(lines) - rows_n)
        cell_h = min(cell_most, (content.height - fixed) // max(1, sum(lines)))
        self.rows, self.more = [], None
        self.above = self.below = 0
        if cell_h >= cell_least:
            self.first = 0
            self.cell_h = cell_h
            place, y = [], content.top
            for i in range(rows_n):
                place.append((i, y))
                y += self._height(lines[i]) + gap
        else:
            # The sharer's row at the bottom; the listeners' rows in a window above it.
            self.cell_h = cell_least
            row_h = self._height(lines[0])
            note_h = look.text.line_height(look.theme.small) + look.px(4)
            room = content.height - (self._height(lines[-1]) + gap) - note_h
            shown = max(1, room // (row_h + gap))
            selected = view.row
            if selected < self.first:
                self.first = selected
            elif selected >= self.first + shown:
                self.first = selected - shown + 1
            self.first = max(0, min(self.first, len(listeners) - shown))
            self.above = self.first
            self.below = max(0, len(listeners) - self.first - shown)
            top = content.top
            place = [
                (i, top + (i - self.first) * (row_h + gap))
                for i in range(self.first, self.first + min(shown, len(listeners)))
            ]
            bottom = place[-1][1] + row_h + gap if place else top
            # One line under the listeners' rows: how many more are above and below.
            self.more = pygame.Rect(content.left, bottom, content.width, note_h)
            place.append((rows_n - 1, self.more.bottom + gap // 2))
        self.name_w = 0 if self.name_above else int(content.width * 0.2)
        buttons: list[Button] = []
        for index, y in place:
            mark_row = view.marks[index]
            rect = pygame.Rect(content.left, y, content.width, self._height(lines[index]))
            self.rows.append(PlacedRow(mark_row, index, rect))
            entries = [(o.id, o.label, "") for o in mark_row.marks]
            per_line = -(-len(entries) // lines[index])  # rounded up
            cells = []
            for line in range(lines[index]):
                strip = pygame.Rect(
                    rect.left + self.name_w,
                    y + self.name_h + line * (self.cell_h + gap),
                    rect.width - self.name_w,
                    self.cell_h,
                )
                cells += row(entries[line * per_line : (line + 1) * per_line], strip, gap)
            show_keys = index == view.row or mark_row.sharer
            for offer, button in zip(mark_row.marks, cells, strict=True):
                button.hint = offer.key if show_keys else ""
                button.style = "on" if offer.on else "normal"
                button.enabled = offer.enabled
                button.reserve = badge_room(look) if scene.scoring else 0
            buttons += cells
        for button in buttons:
            button.row = buttons  # every mark's label at one size, across the rows
        if self.name_above:
            self.name_size = look.theme.small
        else:
            self.name_size = _name_size(
                look, [r.row.title for r in self.rows], self.name_w - look.px(12), self.cell_h
            )
        return buttons

    def _lines(self, mark_row: MarkRow) -> int:
        """How many lines of marks a row takes: two of two in a narrow window's grid."""
        return 2 if self.grid and len(mark_row.marks) > 3 else 1

    def _height(self, lines: int) -> int:
        return self.name_h + lines * self.cell_h + (lines - 1) * self.gap

    def draw(self, scene: TableScene, surface: pygame.Surface) -> None:
        look, view, t = scene.look, scene.view, scene.t
        pal = look.pal
        draw_thanks(scene, surface, self.thanks_box(scene))
        for placed in self.rows:
            rect = placed.rect
            if placed.index == view.row and not placed.row.sharer and len(view.marks) > 2:
                # The row the number keys mark: a band and an outline, clear from the sofa.
                band = rect.inflate(look.px(12), look.px(6))
                pygame.draw.rect(surface, pal.panel, band, border_radius=look.px(12))
                pygame.draw.rect(
                    surface, pal.focus, band, width=max(2, look.px(3)), border_radius=look.px(12)
                )
            if self.name_above:
                box = pygame.Rect(rect.left, rect.top, rect.width, self.name_h)
            else:
                box = pygame.Rect(rect.left, rect.top, self.name_w - look.px(12), rect.height)
            fitted = look.text.fit(
                placed.row.title, box.size, self.name_size, self.name_size, bold=True
            )
            look.text.draw_fitted(surface, fitted, pal.text, box, valign="middle")
        notes = [
            t(key, count=count)
            for count, key in ((self.above, "table_rows_above"), (self.below, "table_rows_below"))
            if count
        ]
        if notes and self.more is not None:
            look.text.draw(
                surface,
                "  ·  ".join(notes),
                look.theme.small,
                pal.muted,
                self.more.midleft,
                anchor="midleft",
            )

    def thanks_box(self, scene: TableScene) -> pygame.Rect | None:
        """With scoring off, the room under the rows for this turn's acknowledgements."""
        if scene.view.top.scoring is not Scoring.OFF or not self.rows or self.above or self.below:
            return None
        look, content = scene.look, scene.content
        top = self.rows[-1].rect.bottom + look.px(14)
        box = pygame.Rect(content.left, top, content.width, content.bottom - top)
        return box if box.height >= look.text.line_height(look.theme.small) else None


def draw_thanks(scene: TableScene, surface: pygame.Surface, box: pygame.Rect | None) -> None:
    """Each mark given this turn, said as thanks with the real names (scoring off)."""
    # Marks given on phones are not in the TV's view: they are thanked at the turn's end.
    shown = scene.view.shown_marks
    if box is None or not shown:
        return
    look = scene.look
    lines = [acknowledgement(mark, scene.view.names, scene.t) for mark in shown]
    if not lines:
        return
    while len(lines) > 1 and not look.text.fits("\n".join(lines), box.size, look.theme.small):
        lines.pop(0)  # the newest thanks matter most
    fitted = look.text.fit("\n".join(lines), box.size, look.theme.body, look.theme.small)
    look.text.draw_fitted(surface, fitted, look.pal.given, box)


def badge_size(look: Look) -> int:
    return look.theme.small


def badge_room(look: Look) -> int:
    """The width kept free at a mark's right for its points ("+2"): no label runs under it."""
    return look.text.width("+00", badge_size(look), True) + look.px(6)


def draw_badges(scene: TableScene, surface: pygame.Surface) -> None:
    """The points each mark is worth, at the right of its button (none with scoring off)."""
    clip = surface.get_clip()  # drawn again in part: only the badges there
    part, reach = clip != surface.get_rect(), scene.look.px(16)
    for button in scene.buttons.buttons:
        if not part or button.rect.inflate(reach, reach).colliderect(clip):
            draw_badge(scene, surface, button)


def draw_badge(scene: TableScene, surface: pygame.Surface, button: Button) -> None:
    """The points of one mark's button (nothing for other buttons, or with scoring off)."""
    look = scene.look
    if scene.view.top.scoring is Scoring.OFF or not button.id.startswith("mark:"):
        return
    offer = scene.view.offer(button.id)
    if offer is None:
        return
    ink = look.pal.given_text if offer.on else look.pal.muted
    if not button.enabled:
        ink = look.pal.disabled
    at = (button.rect.right - look.px(12), button.rect.centery)
    look.text.draw(
        surface, f"+{offer.points}", badge_size(look), ink, at, bold=True, anchor="midright"
    )


def _name_size(look: Look, names: list[str], width: int, height: int) -> int:
    """One size for every row's name, the largest at which each fits its box (two lines)."""
    size = look.theme.body
    while size > look.theme.small and not all(
        look.text.fits(name, (width, height), size, True) for name in names
    ):
        size -= 1
    return size
