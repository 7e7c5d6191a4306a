"""Drawing the table by parts: what did not change is put back from a kept surface.

A whole frame at 3840x2160 is a full-screen fill, dozens of rounded buttons and their
labels: about 10 ms on a small machine, more than a frame may take. Between two changes of
the table most of it stays the same; only the turning card, the gentle timer and the
button under the pointer or the keyboard focus move. So the table is drawn once without
those into a kept surface, and each frame puts back only where they were and draws them
again where they are. Anything else that changes the table (a choice, a new card, a
resize, a notice) calls `forget`, and the next frame is drawn whole.

The frames are exactly those a whole redraw would give (tests/ui/test_flip_redraws_only_the_card.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.scenes.table import talk
from game.ui.scenes.table.card_column import card_solid, draw_card
from game.ui.scenes.table.marks import draw_badge
from game.ui.widgets.button import draw_button

if TYPE_CHECKING:
    from game.ui.scenes.table.scene import TableScene


# One kept surface for every table: only one is on the window at a time, and making a new
# one (8 MB at 1920x1080, 33 MB at 4K) took a third of opening the table.
_SHARED: dict[str, object] = {"surface": None, "owner": None}


def _kept_surface(painter: Painter, like: pygame.Surface) -> tuple[pygame.Surface, bool]:
    """(the shared kept surface sized like `like`, whether it still holds `painter`'s table)."""
    surface = _SHARED["surface"]
    if not isinstance(surface, pygame.Surface) or surface.get_size() != like.get_size():
        surface = pygame.Surface(like.get_size(), 0, like)  # the window's pixel format
        _SHARED["surface"], _SHARED["owner"] = surface, None
    mine = _SHARED["owner"] is painter
    _SHARED["owner"] = painter
    return surface, mine


def prepare_kept_surface(like: pygame.Surface) -> None:
    """Make the shared kept surface for a window like `like` ahead of the first table (the
    app's idle preparation, game/ui/warmup.py); no table holds it, so the next draws whole."""
    surface = _SHARED["surface"]
    if not isinstance(surface, pygame.Surface) or surface.get_size() != like.get_size():
        _SHARED["surface"], _SHARED["owner"] = pygame.Surface(like.get_size(), 0, like), None


class Painter:
    def __init__(self) -> None:
        self.kept: pygame.Surface | None = None  # the table without its moving parts
        # What the kept surface was drawn for: its size, the notice, the note, hints open.
        self.key: tuple[tuple[int, int], str | None, str | None, bool] | None = None
        self.on: pygame.Surface | None = None  # the surface the last frame went to
        self.moved: list[pygame.Rect] = []  # where the moving parts were drawn last frame
        self.changed: list[pygame.Rect] = []  # parts of the table to draw again, not all

    def forget(self) -> None:
        """The table changed: draw it whole next time."""
        self.key = None
        self.changed.clear()

    def redraw(self, part: pygame.Rect) -> None:
        """Only `part` of the table changed (one line of words): the next frame draws the
        table again into the kept surface clipped to it, and puts back only that part."""
        self.changed.append(pygame.Rect(part))

    def draw(self, scene: TableScene, surface: pygame.Surface) -> None:
        if scene.overlay.which is not None:  # the menu or the feelings page: drawn whole
            self.on = None
            scene.draw_whole(surface)
            return
        key = (surface.get_size(), scene.notice, scene.note, scene.hints_open)
        self.kept, mine = _kept_surface(self, surface)
        if self.key != key or self.on is not surface or not mine:
            self.changed.clear()
            self._draw_kept(scene, self.kept)
            self.key, self.on = key, surface
            surface.blit(self.kept, (0, 0))
        else:
            if self.changed:
                self._redraw_parts(scene, self.kept)
            # Put back where the moving parts were, but not where this frame's card lays
            # opaque pixels anyway: at 4K the turning card's own place was a 10 MB copy a
            # frame, drawn over at once (issue 27).
            solid = card_solid(scene.look, scene.view, scene.card_box, scene.flip)
            for part in self.moved:
                for piece in _outside(part, solid):
                    surface.blit(self.kept, piece, piece)
        self.moved = self._draw_moving(scene, surface)

    def _redraw_parts(self, scene: TableScene, kept: pygame.Surface) -> None:
        """Draw the table again into the kept surface where it changed, clipped to each
        part (every drawing honours the clip, so each part is what a whole redraw gives
        there), and put those parts back on the window with the moving parts' places."""
        clip = kept.get_clip()
        try:
            for part in self.changed:
                kept.set_clip(part.clip(clip))
                self._draw_kept(scene, kept)
        finally:
            kept.set_clip(clip)
        self.moved.extend(self.changed)
        self.changed.clear()

    def _draw_kept(self, scene: TableScene, target: pygame.Surface) -> None:
        buttons = scene.buttons
        hover, focus = buttons.hover, buttons.focus
        buttons.hover = buttons.focus = None  # drawn plain: the pointer and focus move
        try:
            scene.draw_whole(target, card=False, still=True)
        finally:
            buttons.hover, buttons.focus = hover, focus

    def _draw_moving(self, scene: TableScene, surface: pygame.Surface) -> list[pygame.Rect]:
        """Draw what moves; returns where it was drawn, to put back next frame. The card is
        always one of them (a small part of the window), so it can turn at any time."""
        look = scene.look
        moved: list[pygame.Rect] = []
        if scene.card_box.width > 0 and scene.card_box.height > 0:
            # Put back next frame only where the card was drawn: a squeezed card is a
            # sliver of its box, and at 4K the whole box is a 7 MB copy a frame.
            covered: list[pygame.Rect] = []
            draw_card(surface, look, scene.view, scene.card_box, scene.flip, covered)
            moved.extend(covered or [scene.card_box.inflate(look.px(40), look.px(40))])
        drawn = talk.draw_timer(scene, surface)
        if drawn is not None:
            # Only where it drew (at 4K its ring is a fifth of the room kept for it and a
            # caption: putting the whole room back was a 1.4 MB copy a frame).
            moved.append(drawn)
        buttons = scene.buttons
        ring = look.px(16)
        for index, button in enumerate(buttons.buttons):
            hovered, focused = buttons.hover == button.id, buttons.focus == index
            if hovered or focused:
                moved.append(button.rect.inflate(ring, ring))
                draw_button(surface, look, button, hovered, focused)
                draw_badge(scene, surface, button)
        return moved


def _outside(part: pygame.Rect, hole: pygame.Rect) -> list[pygame.Rect]:
    """`part` less `hole`: at most four rects (above, below, left and right of the hole)."""
    inner = part.clip(hole)
    if not inner.width or not inner.height:
        return [part]
    pieces = [
        pygame.Rect(part.left, part.top, part.width, inner.top - part.top),
        pygame.Rect(part.left, inner.bottom, part.width, part.bottom - inner.bottom),
        pygame.Rect(part.left, inner.top, inner.left - part.left, inner.height),
        pygame.Rect(inner.right, inner.top, part.right - inner.right, inner.height),
    ]
    return [piece for piece in pieces if piece.width > 0 and piece.height > 0]
