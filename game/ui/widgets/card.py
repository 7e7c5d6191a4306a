"""Cards on the table: a prompt card (face or back, with a flip), and a wild card that looks different.

`draw_prompt_card` returns the rect its text covers so tests can check it stays inside the card.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui.look import Look

if TYPE_CHECKING:
    from game.ui.text import Colour
    from game.ui.theme import Palette, Theme

CARD_RATIO = 0.66  # width / height of a card on the table


def card_rect(area: pygame.Rect, ratio: float = CARD_RATIO) -> pygame.Rect:
    """The biggest card of this shape that fits `area`, centred in it."""
    height = area.height
    width = int(height * ratio)
    if width > area.width:
        width = area.width
        height = int(width / ratio)
    rect = pygame.Rect(0, 0, width, height)
    rect.center = area.center
    return rect


def text_box(rect: pygame.Rect, look: Look) -> tuple[pygame.Rect, pygame.Rect]:
    """(caption box, prompt box) inside a card."""
    pad = max(look.px(26), rect.width // 12)
    inner = rect.inflate(-2 * pad, -2 * pad)
    caption_h = look.text.line_height(look.theme.small) + look.px(8)
    caption = pygame.Rect(inner.left, inner.top, inner.width, caption_h)
    prompt = pygame.Rect(
        inner.left,
        caption.bottom + look.px(8),
        inner.width,
        inner.bottom - caption.bottom - look.px(8),
    )
    return caption, prompt


def draw_prompt_card(
    target: pygame.Surface,
    rect: pygame.Rect,
    look: Look,
    prompt: str,
    caption: str = "",
    flip: float = 1.0,
    back_label: str = "",
    covered: list[pygame.Rect] | None = None,
) -> pygame.Rect:
    """Draw a card; `flip` runs 0 (back up) to 1 (face up). Returns the prompt text's rect,
    and adds to `covered` the rect it drew on (its shadow too): what to put back after."""
    if rect.width <= 0 or rect.height <= 0:  # a window too small for a card (SDL's scaler crashes)
        return pygame.Rect(rect.center, (0, 0))
    face_up = flip >= 0.5
    squeeze = abs(math.cos(math.pi * min(max(flip, 0.0), 1.0)))
    if covered is not None:
        width = rect.width if squeeze > 0.999 else max(1, int(rect.width * squeeze))
        place = pygame.Rect(0, 0, width, rect.height)
        place.center = rect.center
        covered.append(place.union(place.move(look.px(6), look.px(6))))
    if not face_up and prompt and flip > 0.0:
        # The face is made while the back shows, in the first frame of the turn (a new
        # card's frame, drawn whole anyway): made when it first shows, its words drawn for
        # the first time at 4K, that frame of the turn took 10 ms.
        _side(target, rect.size, look, True, prompt, caption, back_label)
    if squeeze > 0.999:
        return (
            _draw_face(target, rect, look, prompt, caption)
            if face_up
            else _draw_back(target, rect, look, back_label)
        )
    side = _side(target, rect.size, look, face_up, prompt, caption, back_label)
    width = max(1, int(rect.width * squeeze))
    place = pygame.Rect(0, 0, width, rect.height)
    place.center = rect.center
    _shadow_around(target, place, side.corner, look)
    side.draw_squeezed(target, place)
    return pygame.Rect(rect.centerx, rect.centery, 0, 0)


def solid_part(rect: pygame.Rect, look: Look, flip: float) -> pygame.Rect:
    """Where `draw_prompt_card(target, rect, look, ..., flip)` lays opaque pixels whatever
    was under them: the card's rows between its rounded corners, across its width as the
    flip squeezes it. A frame that draws the card need not put back what was there first."""
    if rect.width <= 0 or rect.height <= 0:
        return pygame.Rect(rect.topleft, (0, 0))
    squeeze = abs(math.cos(math.pi * min(max(flip, 0.0), 1.0)))
    width = rect.width if squeeze > 0.999 else max(1, int(rect.width * squeeze))
    place = pygame.Rect(0, 0, width, rect.height)
    place.center = rect.center
    corner = min(look.px(22), rect.height // 2)
    return pygame.Rect(place.left, place.top + corner, width, max(0, rect.height - 2 * corner))


class _Side:
    """One side of a card, drawn once a flip and squeezed each frame (at 3840x2160 a side
    is an 11 MB surface with its text: drawing it each frame kept the flip over 8 ms).

    Its rows between the rounded corners are opaque, so they are kept without alpha and
    copied, not blended (a fifth of the cost); only the two bands holding the corners
    (`corner` rows each) keep their alpha. Of those opaque rows most are the same as the
    row above (the card's plain paper above, between and below its lines of words: seven
    in ten on a prompt card at 4K), and a flip squeezes each row alone, so only the rows
    that differ from the one above are kept (`rows`) and squeezed; a run of equal rows is
    the one row squeezed, copied down (`runs`). What is drawn is what blending the whole
    side would draw, pixel for pixel.
    """

    def __init__(self, size: tuple[int, int], corner: int) -> None:
        width, height = size
        self.size = size
        self.corner = corner = min(corner, height // 2)
        self.top = pygame.Surface((width, corner), pygame.SRCALPHA)
        self.bottom = pygame.Surface((width, corner), pygame.SRCALPHA)
        # The opaque middle's rows that differ from the row above, in the window's format,
        # and how they make the middle: (first row in `rows`, first row of the middle,
        # how many, whether it is one row repeated).
        self.rows: pygame.Surface | None = None
        self.runs: tuple[tuple[int, int, int, bool], ...] = ()

    def paint(
        self, like: pygame.Surface, draw: Callable[[pygame.Surface, pygame.Rect], object]
    ) -> None:
        """`draw(surface, rect)` the side at full size, once onto each part."""
        width, height = self.size
        corner = self.corner
        body = pygame.Surface(self.size, 0, like)  # the window's pixel format: a plain copy
        body.fill((0, 0, 0))  # its corners are never shown: the bands cover them
        draw(body, body.get_rect())
        for band, top in ((self.top, 0), (self.bottom, height - corner)):
            band.fill((0, 0, 0, 0))
            draw(band, pygame.Rect(0, -top, width, height))  # clipped to the band
        self.rows, self.runs = _distinct_rows(body, corner, height - 2 * corner)

    def draw_squeezed(self, target: pygame.Surface, place: pygame.Rect) -> None:
        corner = self.corner
        middle = place.height - 2 * corner
        rows = self.rows
        if middle > 0 and rows is not None:
            into = pygame.Rect(place.left, place.top + corner, place.width, middle)
            if target.get_rect().contains(into) and _same_format(target, rows):
                _squeeze_rows(rows, self.runs, target, into)
            else:
                squeezed = pygame.Surface(into.size, 0, rows)
                _squeeze_rows(rows, self.runs, squeezed, squeezed.get_rect())
                target.blit(squeezed, into)
        for band, top in ((self.top, place.top), (self.bottom, place.bottom - corner)):
            target.blit(
                pygame.transform.smoothscale(band, (place.width, corner)), (place.left, top)
            )


# A run of equal rows this long or longer is squeezed once and copied down; shorter ones
# (inside a line of words) are squeezed row by row with the rows around them.
_RUN = 16


def _distinct_rows(
    body: pygame.Surface, top: int, height: int
) -> tuple[pygame.Surface, tuple[tuple[int, int, int, bool], ...]]:
    """`body`'s rows `top` to `top + height`, with each long run of equal rows kept once:
    (the rows kept, and the runs that make the middle again from them)."""
    width = body.get_width()
    if height <= 0:
        return pygame.Surface((width, 1), 0, body), ()
    pitch, used = body.get_pitch(), width * body.get_bytesize()
    raw = body.get_buffer().raw  # one copy of the pixels; a row is a slice of it
    starts = [0]  # where each run of equal rows starts
    last = raw[top * pitch : top * pitch + used]
    for y in range(1, height):
        at = (top + y) * pitch
        row = raw[at : at + used]
        if row != last:
            starts.append(y)
            last = row
    starts.append(height)
    runs: list[tuple[int, int, int, bool]] = []
    kept = 0
    for first, end in zip(starts, starts[1:], strict=False):
        count = end - first
        if count >= _RUN:
            runs.append((kept, first, count, True))
            kept += 1
        elif runs and not runs[-1][3] and runs[-1][1] + runs[-1][2] == first:
            block = runs[-1]
            runs[-1] = (block[0], block[1], block[2] + count, False)
            kept += count
        else:
            runs.append((kept, first, count, False))
            kept += count
    rows = pygame.Surface((width, kept), 0, body)
    for into, first, count, repeated in runs:
        rows.blit(body, (0, into), (0, top + first, width, 1 if repeated else count))
    return rows, tuple(runs)


# Where the kept rows are squeezed before they are copied onto the table: one surface for
# every side, grown when a side needs more.
_SQUEEZED: dict[str, pygame.Surface | None] = {"surface": None}


def _squeeze_rows(
    rows: pygame.Surface,
    runs: tuple[tuple[int, int, int, bool], ...],
    target: pygame.Surface,
    into: pygame.Rect,
) -> None:
    """The middle of a side squeezed to `into`'s width, drawn there from its kept rows."""
    width, kept = into.width, rows.get_height()
    if len(runs) == 1 and not runs[0][3]:  # no run of equal rows: scaled straight in place
        pygame.transform.smoothscale(rows, into.size, target.subsurface(into))
        return
    scratch = _SQUEEZED["surface"]
    if (
        scratch is None
        or scratch.get_width() < width
        or scratch.get_height() < kept
        or not _same_format(scratch, rows)
    ):
        size = (max(width, rows.get_width()), kept)
        if scratch is not None and _same_format(scratch, rows):
            size = (max(size[0], scratch.get_width()), max(kept, scratch.get_height()))
        scratch = _SQUEEZED["surface"] = pygame.Surface(size, 0, rows)
    squeezed = scratch.subsurface((0, 0, width, kept))
    pygame.transform.smoothscale(rows, (width, kept), squeezed)
    for first, row, count, repeated in runs:
        if repeated:  # one row, copied down the run
            line = squeezed.subsurface((0, first, width, 1))
            down = target.subsurface((into.left, into.top + row, width, count))
            pygame.transform.scale(line, (width, count), down)
        else:
            target.blit(squeezed, (into.left, into.top + row), (0, first, width, count))


def _same_format(one: pygame.Surface, other: pygame.Surface) -> bool:
    return one.get_bitsize() == other.get_bitsize() and one.get_masks() == other.get_masks()


# The sides as the flips squeeze them: the deck's back (the same for every card) and the
# face of the card turning now. Kept while the table is open (two sides, their rows that
# differ and their corner bands, are about 1.5 MB at 1920x1080 and 6 MB at 3840x2160 with
# the surface they are squeezed on; whole, they were 3.3 and 13.4 MB); a new card's face
# takes the place of the last one.
_SIDES: dict[tuple[tuple[int, int], int, Theme, Palette, bool, tuple[str, ...]], _Side] = {}
_SIDES_KEPT = 2


def _side(
    like: pygame.Surface,
    size: tuple[int, int],
    look: Look,
    face_up: bool,
    prompt: str,
    caption: str,
    back: str,
) -> _Side:
    # The back is the deck's, the same whatever card it hides: its key leaves the card out.
    words = (prompt, caption) if face_up else (back,)
    key = (size, id(look.text), look.theme, look.pal, face_up, words)
    side = _SIDES.get(key)
    if side is None:
        corner = look.px(22)
        old = [k for k in _SIDES if k[4] == face_up]  # a side replaces the last of its kind
        reused = _SIDES.pop(old[0]) if old else None
        if len(_SIDES) >= _SIDES_KEPT:
            del _SIDES[next(iter(_SIDES))]
        if reused is not None and reused.size == size and reused.corner == corner:
            side = reused  # its bands drawn over
        else:
            side = _Side(size, corner)
        # The card alone is squeezed; its shadow is drawn for the squeezed card.
        if face_up:
            side.paint(like, lambda on, r: _draw_face(on, r, look, prompt, caption, shadow=False))
        else:
            side.paint(like, lambda on, r: _draw_back(on, r, look, back, shadow=False))
        _SIDES[key] = side
    return side


def _shadow_around(target: pygame.Surface, place: pygame.Rect, corner: int, look: Look) -> None:
    """The shadow of the squeezed card where it shows: beside and below the card, and in
    its rounded corners. Its whole rect is a 6 MB fill at 4K that the card then covers."""
    offset = look.px(6)
    shadow = place.move(offset, offset)
    right, straight_top = shadow.right, shadow.top + corner
    # Beside the card, below the shadow's rounded top corner and above its bottom one, the
    # shadow is a plain strip; the bands with rounded corners (the card's and the shadow's)
    # are drawn as the rounded shadow, clipped to them.
    strip = pygame.Rect(place.right, straight_top, offset, place.bottom - corner - straight_top)
    if strip.height > 0:
        target.fill(look.pal.shadow, strip)
    bands = (
        pygame.Rect(place.left, place.top, right - place.left, straight_top - place.top),
        pygame.Rect(place.left, place.bottom - corner, right - place.left, corner + offset),
    )
    clip = target.get_clip()
    try:
        for band in bands:
            target.set_clip(band.clip(clip))
            _shadow(target, place, look)
    finally:
        target.set_clip(clip)


def _shadow(target: pygame.Surface, rect: pygame.Rect, look: Look) -> None:
    offset = look.px(6)
    pygame.draw.rect(target, look.pal.shadow, rect.move(offset, offset), border_radius=look.px(22))


def _draw_face(
    target: pygame.Surface,
    rect: pygame.Rect,
    look: Look,
    prompt: str,
    caption: str,
    shadow: bool = True,
) -> pygame.Rect:
    pal = look.pal
    if shadow:
        _shadow(target, rect, look)
    pygame.draw.rect(target, pal.card, rect, border_radius=look.px(22))
    pygame.draw.rect(
        target, pal.card_edge, rect, width=max(2, look.px(3)), border_radius=look.px(22)
    )
    caption_box, prompt_box = text_box(rect, look)
    if caption:
        if look.text.width(caption, look.theme.small, True) > caption_box.width:
            caption = caption.split(" · ")[-1]  # a narrow card keeps the level's name alone
        text = look.text.ellipsize(caption, look.theme.small, caption_box.width, bold=True)
        look.text.draw(
            target, text, look.theme.small, pal.card_caption, caption_box.topleft, bold=True
        )
    size = look.theme.card_text
    fitted = look.text.fit(prompt, prompt_box.size, size, min_size=max(12, size // 2))
    # A deck's words start on their own script's side, whatever the window's language.
    return look.text.draw_fitted(
        target, fitted, pal.card_text, prompt_box, align="start", valign="middle"
    )


def _draw_back(
    target: pygame.Surface, rect: pygame.Rect, look: Look, label: str, shadow: bool = True
) -> pygame.Rect:
    pal = look.pal
    if shadow:
        _shadow(target, rect, look)
    pygame.draw.rect(target, pal.card_back, rect, border_radius=look.px(22))
    inner = rect.inflate(-look.px(24), -look.px(24))
    pygame.draw.rect(target, pal.card, inner, width=max(2, look.px(3)), border_radius=look.px(16))
    _heart_pattern(target, inner, look)
    if label:
        box = inner.inflate(-look.px(30), 0)
        fitted = look.text.fit(
            label, (box.width, box.height // 3), look.theme.heading, 14, bold=True
        )
        band = pygame.Rect(inner.left, 0, inner.width, fitted.height + look.px(24))
        band.center = inner.center
        pygame.draw.rect(target, pal.card_back, band)
        look.text.draw_fitted(target, fitted, pal.card, band, align="center", valign="middle")
    return pygame.Rect(rect.center, (0, 0))


def _heart_pattern(target: pygame.Surface, inner: pygame.Rect, look: Look) -> None:
    """Two overlapping circles, a quiet mark for the back of the deck."""
    radius = inner.width // 6
    colour = look.pal.card
    width = max(2, look.px(3))
    pygame.draw.circle(target, colour, (inner.centerx - radius // 2, inner.centery), radius, width)
    pygame.draw.circle(target, colour, (inner.centerx + radius // 2, inner.centery), radius, width)


def draw_wild_card(
    target: pygame.Surface,
    rect: pygame.Rect,
    look: Look,
    title: str,
    explanation: str,
    text_size: int | None = None,
) -> pygame.Rect:
    """A wild card: deep blue with a gold double edge and a star, its effect spelled out.

    On the table it lies sideways as a banner: the star on the left, the words beside it.
    """
    pal = look.pal
    _shadow(target, rect, look)
    pygame.draw.rect(target, pal.wild, rect, border_radius=look.px(22))
    pygame.draw.rect(
        target, pal.wild_edge, rect, width=max(2, look.px(4)), border_radius=look.px(22)
    )
    inner_edge = rect.inflate(-look.px(14), -look.px(14))
    pygame.draw.rect(
        target, pal.wild_edge, inner_edge, width=max(1, look.px(2)), border_radius=look.px(16)
    )
    layout = _WildLayout(rect, look, title)
    _star(target, layout.star_centre, layout.star_r, pal.wild_edge)
    title_text = look.text.ellipsize(title, layout.heading, layout.words.width, bold=True)
    look.text.draw(
        target, title_text, layout.heading, pal.wild_edge, layout.words.topleft, bold=True
    )
    body = layout.body
    size = text_size or wild_text_size(look, rect, title, explanation)
    fitted = look.text.fit(explanation, body.size, size, min(size, layout.min_body))
    return look.text.draw_fitted(target, fitted, pal.wild_text, body, align="start")


def wild_text_size(look: Look, rect: pygame.Rect, title: str, explanation: str) -> int:
    """The size a banner's explanation is drawn at: the largest that fits (banners side by
    side are drawn at the smallest of theirs, so they match)."""
    layout = _WildLayout(rect, look, title)
    return look.text.fit(explanation, layout.body.size, look.theme.body, layout.min_body).size


def wild_card_height(look: Look, width: int, title: str, explanation: str, least: int) -> int:
    """How tall a banner `width` wide must be (at least `least`) to show all its words at the
    theme's small size; drawn in less room, they shrink (down to `_WildLayout.min_body`)."""
    height = least
    for _ in range(40):
        layout = _WildLayout(pygame.Rect(0, 0, width, height), look, title)
        if look.text.fits(explanation, layout.body.size, look.theme.small):
            break
        height += look.px(10)
    return height


class _WildLayout:
    """Where a banner's star, title and explanation go; shared by drawing and measuring.

    Two banners side by side are narrow: the title gets smaller before it is cut, and the
    explanation stops shrinking at a size still readable from the sofa.
    """

    def __init__(self, rect: pygame.Rect, look: Look, title: str) -> None:
        pad = look.px(22)
        inner = rect.inflate(-2 * pad, -2 * pad)
        self.star_r = max(look.px(14), min(inner.height // 3, look.px(30)))
        self.star_centre = (inner.left + self.star_r, inner.centery)
        self.words = pygame.Rect(
            inner.left + 2 * self.star_r + look.px(18),
            inner.top,
            inner.width - 2 * self.star_r - look.px(18),
            inner.height,
        )
        self.heading = look.text.largest_size(
            [title], self.words.width, look.theme.heading, look.theme.body, True
        )
        title_h = look.text.line_height(self.heading, True)
        self.body = pygame.Rect(
            self.words.left,
            self.words.top + title_h,
            self.words.width,
            max(1, self.words.height - title_h),
        )
        self.min_body = min(look.theme.small, 16)


def _star(target: pygame.Surface, centre: tuple[int, int], radius: int, colour: Colour) -> None:
    cx, cy = centre
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        r = radius if i % 2 == 0 else radius * 0.45
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    pygame.draw.polygon(target, colour, points)
