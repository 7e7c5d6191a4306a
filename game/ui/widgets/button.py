"""Buttons with a key hint, visible hover and keyboard focus, and the group that moves focus."""

from __future__ import annotations

import colorsys
import dataclasses
import functools
from collections.abc import Callable, Sequence

import pygame

from game.ui.intents import Intent, Kind
from game.ui.look import Look
from game.ui.text import Colour, Fitted, Text
from game.ui.theme import RGB
from game.ui.widgets import kept
from game.ui.widgets.marks import ARROWS, draw_arrow, draw_tick

STYLES = ("normal", "primary", "on", "quiet")


@dataclasses.dataclass
class Button:
    id: str
    label: str
    rect: pygame.Rect
    hint: str = ""  # the key that does the same, shown in a small chip
    enabled: bool = True
    style: str = "normal"  # normal | primary | on (a marked toggle) | quiet
    size: int | None = None  # text size; the theme's body size by default
    # In a scrolled list: the part of the window the button may show in (an empty rect when
    # scrolled away); it is neither drawn nor clicked outside it. None: all of it shows.
    clip: pygame.Rect | None = None
    # The buttons laid out with this one by `row`: their labels are drawn at one size.
    row: list[Button] | None = dataclasses.field(default=None, repr=False, compare=False)
    # Pixels at the right of the rect kept free for a badge (a mark's "+N"): no label there.
    reserve: int = 0

    @property
    def shown(self) -> pygame.Rect:
        """The part of the button on screen (empty when scrolled away)."""
        return self.rect if self.clip is None else self.rect.clip(self.clip)


class ButtonGroup:
    """A row or column of buttons: the mouse hovers and clicks, Tab and arrows move focus.

    Focus starts hidden so Enter can mean the screen's main action; the first Tab or
    arrow shows it.
    """

    def __init__(self) -> None:
        self.buttons: list[Button] = []
        self.focus: int | None = None
        self.hover: str | None = None

    def set(self, buttons: Sequence[Button], focus: str | None = None) -> None:
        focused = focus or self.focused_id
        self.buttons = list(buttons)
        ids = [b.id for b in self.buttons]
        self.focus = ids.index(focused) if focused in ids else None

    @property
    def focused_id(self) -> str | None:
        if self.focus is None or self.focus >= len(self.buttons):
            return None
        return self.buttons[self.focus].id

    def get(self, button_id: str) -> Button | None:
        return next((b for b in self.buttons if b.id == button_id), None)

    def focus_on(self, button_id: str) -> None:
        ids = [b.id for b in self.buttons]
        if button_id in ids:
            self.focus = ids.index(button_id)

    def move_by_arrows(self, intent: Intent) -> bool:
        """Left/Up and Right/Down move the focus along the row; True when the arrow was used."""
        if intent.kind in (Kind.LEFT, Kind.UP):
            self.move(-1)
            return True
        if intent.kind in (Kind.RIGHT, Kind.DOWN):
            self.move(1)
            return True
        return False

    def move(self, step: int) -> None:
        usable = [i for i, b in enumerate(self.buttons) if b.enabled]
        if not usable:
            self.focus = None
            return
        if self.focus is None or self.focus not in usable:
            self.focus = usable[0] if step > 0 else usable[-1]
            return
        at = usable.index(self.focus)
        self.focus = usable[(at + step) % len(usable)]

    def move_stopping(self, step: int) -> None:
        """Move the focus by `step`, stopping at the ends instead of wrapping round (so the
        first and last entries, say New game and Quit, are never one key apart)."""
        if self.buttons:
            at = self.focus
            self.focus = 0 if at is None else max(0, min(len(self.buttons) - 1, at + step))

    def hit(self, pos: tuple[int, int]) -> Button | None:
        return next((b for b in self.buttons if b.shown.collidepoint(pos)), None)

    def move_toward(self, kind: Kind, among: Sequence[str] | None = None) -> bool:
        """An arrow moves the focus to the nearest usable button that way (grids, columns,
        a bar below a list); False when there is none. `among` limits the candidates to ids."""
        usable = [
            b
            for b in self.buttons
            if b.enabled and b.shown.width and (among is None or b.id in among)
        ]
        focused = self.get(self.focused_id) if self.focused_id else None
        if focused is None:
            if not usable:
                return False
            self.focus_on((usable[0] if kind in (Kind.DOWN, Kind.RIGHT) else usable[-1]).id)
            return True
        best = min(
            (c for c in usable if c is not focused),
            key=lambda c: _distance(focused.shown, c.shown, kind),
            default=None,
        )
        if best is None or _distance(focused.shown, best.shown, kind) == _NOWHERE:
            return False
        self.focus_on(best.id)
        return True

    def handle(self, intent: Intent) -> str | None:
        """Returns the id of a button pressed by this intent, if any."""
        if intent.kind is Kind.POINT:
            button = self.hit(intent.pos)
            self.hover = button.id if button and button.enabled else None
        elif intent.kind is Kind.CLICK:
            button = self.hit(intent.pos)
            if button and button.enabled:
                self.focus = self.buttons.index(button)
                return button.id
        elif intent.kind is Kind.NEXT:
            self.move(1)
        elif intent.kind is Kind.PREVIOUS:
            self.move(-1)
        elif intent.kind is Kind.CONFIRM:
            focused = self.focused_id
            button = self.get(focused) if focused else None
            if button and button.enabled:
                return button.id
        return None

    def draw(self, target: pygame.Surface, look: Look) -> None:
        clip = target.get_clip()  # a caller's own clip (a part drawn again) is kept
        part = clip != target.get_rect()
        ring = look.px(16)  # a focus ring's reach beyond the button
        for i, button in enumerate(self.buttons):
            if part and not button.rect.inflate(ring, ring).colliderect(clip):
                continue  # drawn again in part: nothing of it would be drawn
            if button.clip is not None:
                if not button.shown.width:
                    continue
                target.set_clip(button.clip.clip(clip))
            draw_button(target, look, button, self.hover == button.id, self.focus == i)
            if button.clip is not None:
                target.set_clip(clip)


_NOWHERE = float("inf")


def _distance(start: pygame.Rect, other: pygame.Rect, kind: Kind) -> float:
    """How far `other` is from `start` in the arrow's direction (inf when it is not that way):
    the distance along the arrow, plus three times how far it is off to the side."""
    sign = 1 if kind in (Kind.DOWN, Kind.RIGHT) else -1
    if kind in (Kind.UP, Kind.DOWN):
        along = sign * (other.centery - start.centery)
        aside = max(0, other.left - start.right, start.left - other.right)
    else:
        along = sign * (other.centerx - start.centerx)
        aside = max(0, other.top - start.bottom, start.top - other.bottom)
    return along + 3 * aside if along > 0 else _NOWHERE


def draw_button(
    target: pygame.Surface, look: Look, button: Button, hovered: bool, focused: bool
) -> None:
    rect = button.rect
    if hovered or focused or rect.width <= 0 or rect.height <= 0 or not kept.KEEP_DRAWN[0]:
        _draw_button(target, look, button, hovered, focused)  # these move: drawn each time
        return
    # Drawn plain, a button is kept and copied (widgets/kept.py): all that draws it is here.
    size, max_lines = row_label_size(look, button.row or [button])
    key = (
        id(look.text),
        look.theme,
        look.pal,
        button.label,
        button.hint,
        button.enabled,
        button.style,
        button.reserve,
        size,
        max_lines,
    )
    plain = dataclasses.replace(button, rect=pygame.Rect((0, 0), rect.size), clip=None)
    kept.blit(target, rect, key, lambda surface: _draw_button(surface, look, plain))


def _draw_button(
    target: pygame.Surface,
    look: Look,
    button: Button,
    hovered: bool = False,
    focused: bool = False,
) -> None:
    pal = look.pal
    rect = button.rect
    radius = look.px(14)
    fill, ink = button_colours(look, button.style, button.enabled, hovered)
    pygame.draw.rect(target, fill, rect, border_radius=radius)
    if look.theme.border or button.style == "quiet":
        pygame.draw.rect(
            target, pal.muted, rect, width=max(1, look.theme.border), border_radius=radius
        )
    if hovered and button.enabled:
        # A ring in the label's colour just inside the edge: the pointer is on it.
        inset = look.px(4) + look.theme.border
        pygame.draw.rect(
            target,
            ink,
            rect.inflate(-2 * inset, -2 * inset),
            width=max(2, look.px(3)),
            border_radius=max(1, radius - inset),
        )
    if focused:
        ring = rect.inflate(look.px(10), look.px(10))
        pygame.draw.rect(
            target, pal.focus, ring, width=max(3, look.px(4)), border_radius=radius + look.px(5)
        )
    if button.style == "on":  # a given mark: a tick in its top corner, not colour alone
        side = max(8, min(look.px(20), rect.height // 3))
        corner = pygame.Rect(rect.left + look.px(6), rect.top + look.px(5), side, side)
        draw_tick(target, corner, ink, max(2, side // 5))
    size, max_lines = row_label_size(look, button.row or [button])
    pad = look.px(14)
    inner = pygame.Rect(
        rect.left + pad, rect.top, rect.width - 2 * pad - button.reserve, rect.height
    )
    if button.hint and not button.label:
        chip = hint_chip(None, look, button.hint, (0, 0), ink, fill, size)  # measure only
        hint_chip(
            target,
            look,
            button.hint,
            (inner.centerx - chip.width // 2, rect.centery),
            ink,
            fill,
            size,
        )
        return
    x = inner.left
    if button.hint:
        chip = hint_chip(target, look, button.hint, (x, rect.centery), ink, fill, size)
        x = chip.right + look.px(10)
    box = pygame.Rect(x, rect.top + look.px(4), max(inner.right - x, 10), rect.height - look.px(8))
    text = look.text
    lines = _label_lines(look, button, size, max_lines)
    if lines is None:  # too long even at the smallest size on two lines: the end is cut
        fitted = text.fit(button.label, box.size, size, size, bold=True)
    else:
        fitted = Fitted(lines, size, text.line_height(size, True), True)
    widest = max((text.width(line, size, True) for line in fitted.lines), default=0)
    if button.hint:  # the block of lines in the middle of the room beside the chip
        box = pygame.Rect(box.left + max(0, (box.width - widest) // 2), box.top, widest, box.height)
    else:  # in the middle of the button (of the part the badge leaves)
        box = pygame.Rect(0, box.top, widest, box.height)
        box.centerx = inner.centerx
    text.draw_fitted(target, fitted, ink, box, align="center", valign="middle")


# ------------------------------------------------------------ one label size for a row

_LAYOUTS: dict[
    tuple[int, float, float, int, tuple[tuple[str, tuple[int, int], str, int], ...]],
    tuple[int, int],
] = {}
_LAYOUT_LIMIT = 512


def row_label_size(look: Look, buttons: Sequence[Button]) -> tuple[int, int]:
    """(size, most lines) for the labels of a row: one size for all, the largest at which
    every label fits its room (its button less padding, key chip and `reserve`).

    One line each down to the theme's small size; below that two lines come first, down to a
    floor a little under it. Never wider than the room, so no label is cut unless even
    two lines at the floor cannot hold it.
    """
    theme = look.theme
    labelled = [b for b in buttons if b.label]
    start = min((b.size or theme.body for b in labelled), default=theme.body)
    key = (
        id(look.text),
        theme.scale,
        theme.text_scale,
        start,
        tuple((b.label, b.rect.size, b.hint, b.reserve) for b in labelled),
    )
    found = _LAYOUTS.get(key)
    if found is not None:
        return found
    small = min(theme.small, start)
    floor = min(start, max(12, round(small * 0.85)))
    phases = ((1, small), (2, floor))

    def fits(size: int, max_lines: int) -> bool:
        return all(_label_lines(look, b, size, max_lines) is not None for b in labelled)

    chosen = None
    for max_lines, lowest in phases:
        guess = _guess(look, labelled, start, max_lines)
        size = _from_guess(functools.partial(fits, max_lines=max_lines), start, lowest, guess)
        if size is not None:
            chosen = (size, max_lines)
            break
    if chosen is None:  # nothing fits from the guesses: every size, from the top (as before)
        chosen = next(
            (
                (size, max_lines)
                for max_lines, lowest in phases
                for size in range(start, lowest - 1, -1)
                if fits(size, max_lines)
            ),
            (floor, 2),
        )
    if len(_LAYOUTS) >= _LAYOUT_LIMIT:
        _LAYOUTS.clear()
    _LAYOUTS[key] = chosen
    return chosen


def _from_guess(fits: Callable[[int], bool], high: int, low: int, guess: int) -> int | None:
    """The largest size from `high` down to `low` that `fits`, looked for from `guess`; None
    when neither the guess nor a size under it fits.

    Each size tried loads a font (about 1 ms the first time): stepping down one at a time
    loaded up to nine on a table's first frame; from a good guess it is two. Text grows with
    its size but for a pixel now and then (hinting: "Colours" in bold is 1 px narrower at 60
    than at 59), so where such a pixel would let a larger size fit too, this finds the
    smaller one; either way the size returned fits (tests/ui/test_text_and_buttons.py).
    """
    if high < low:
        return None
    size = min(high, max(low, guess))
    if fits(size):
        while size < high and fits(size + 1):
            size += 1
        return size
    return next((smaller for smaller in range(size - 1, low - 1, -1) if fits(smaller)), None)


def _guess(look: Look, labelled: Sequence[Button], start: int, max_lines: int) -> int:
    """The size the labels' room points to, from their widths and heights at `start`: text
    and the key chip's inside grow in proportion with the size, give or take a pixel, the
    padding does not. Only where the search starts; every size is checked.
    """
    text = look.text
    ratio = 1.0
    for button in labelled:
        width, height = _room(look, button, start)
        chip = 0
        if button.hint:  # the chip's inside scales with the size; its padding does not
            chip = hint_chip(None, look, button.hint, (0, 0), None, None, start).width
            chip -= look.px(12)
        lines = button.label.split("\n")
        if len(lines) == 1 and max_lines > 1:
            lines = _two_lines(text, button.label, start, width)
        widest = max(text.width(line, start, True) for line in lines) + chip
        tall = len(lines) * text.line_height(start, True)
        ratio = min(ratio, (width + chip) / max(1, widest), height / max(1, tall))
    return int(start * ratio)


def labels_fit(look: Look, buttons: Sequence[Button]) -> bool:
    """Whether every label fits its button whole at the row's shared size (nothing cut)."""
    size, max_lines = row_label_size(look, buttons)
    return all(_label_lines(look, b, size, max_lines) is not None for b in buttons if b.label)


def _room(look: Look, button: Button, size: int) -> tuple[int, int]:
    """(width, height) a label has at `size`: the button less padding, chip and reserve."""
    width = button.rect.width - 2 * look.px(14) - button.reserve
    if button.hint:
        width -= hint_chip(None, look, button.hint, (0, 0), None, None, size).width
        width -= look.px(10)
    return width, button.rect.height - look.px(8)


def _label_lines(look: Look, button: Button, size: int, max_lines: int) -> tuple[str, ...] | None:
    """The label's lines at `size` (a new line may come only between words, and at most
    `max_lines` lines besides those the label asks for), or None when it does not fit."""
    text = look.text
    width, height = _room(look, button, size)
    paragraphs = button.label.split("\n")
    most = max(max_lines, len(paragraphs))
    if len(paragraphs) > 1 or max_lines == 1:
        lines = paragraphs
    else:
        lines = _two_lines(text, button.label, size, width)
    if len(lines) > most or len(lines) * text.line_height(size, True) > height:
        return None
    if any(text.width(line, size, True) > width for line in lines):
        return None
    return tuple(lines)


def _two_lines(text: Text, label: str, size: int, width: int) -> list[str]:
    """The label on one line if it fits, else split between words: before a bracket when
    both halves fit ("Pass to Dmitri" / "(1 left)"), else where the wider half is narrowest."""
    if text.width(label, size, True) <= width:
        return [label]
    words = label.split(" ")
    if len(words) < 2:
        return [label]
    halves = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]

    def wider(half: tuple[str, str]) -> int:
        return max(text.width(half[0], size, True), text.width(half[1], size, True))

    bracket = [h for h in halves if h[1].startswith("(") and wider(h) <= width]
    best = bracket[-1] if bracket else min(halves, key=wider)
    return list(best)


def hint_chip(
    target: pygame.Surface | None,
    look: Look,
    hint: str,
    midleft: tuple[int, int],
    ink: Colour | None,
    fill: Colour | None,
    size: int,
) -> pygame.Rect:
    """The key that does the same thing, in a small outlined chip (arrows are drawn)."""
    hint_size = max(12, int(size * 0.72))
    arrow = ARROWS.get(hint)
    if arrow:
        side = look.text.line_height(hint_size)
        inside = pygame.Rect(0, 0, side, side)
    else:  # the size `render` gives the key's name, measured without drawing it
        inside = pygame.Rect(
            0,
            0,
            look.text.width(hint, hint_size, True),
            look.text.font(hint_size, True).get_height(),
        )
    inside.midleft = midleft
    chip = inside.inflate(look.px(12), look.px(6))
    chip.left = midleft[0]
    if target is None or ink is None:  # only measuring
        return chip
    if arrow:
        surface = pygame.Surface(inside.size, pygame.SRCALPHA)
        draw_arrow(surface, surface.get_rect().inflate(-side // 4, -side // 4), arrow, ink)
    else:
        surface = look.text.render(hint, hint_size, ink, bold=True)
    pygame.draw.rect(target, ink, chip, width=max(1, look.px(2)), border_radius=look.px(7))
    target.blit(surface, surface.get_rect(center=chip.center))
    return chip


def column(
    ids_labels: Sequence[tuple[str, str, str]],
    area: pygame.Rect,
    height: int,
    gap: int,
) -> list[Button]:
    """Buttons stacked in a centred column: (id, label, hint) each."""
    buttons = []
    y = area.top
    for button_id, label, hint in ids_labels:
        buttons.append(
            Button(button_id, label, pygame.Rect(area.left, y, area.width, height), hint)
        )
        y += height + gap
    return buttons


def row(
    ids_labels: Sequence[tuple[str, str, str]],
    area: pygame.Rect,
    gap: int,
    widths: Sequence[float] | None = None,
) -> list[Button]:
    """Buttons side by side filling `area`; `widths` are relative weights.

    Their labels share one size, the largest at which every one fits (`row_label_size`).
    """
    count = len(ids_labels)
    if not count:
        return []
    weights = list(widths or [1.0] * count)
    free = area.width - gap * (count - 1)
    total = sum(weights)
    buttons, x = [], area.left
    for (button_id, label, hint), weight in zip(ids_labels, weights, strict=True):
        width = int(free * weight / total)
        buttons.append(Button(button_id, label, pygame.Rect(x, area.top, width, area.height), hint))
        x += width + gap
    together = list(buttons)  # a copy: callers extend the list they get back
    for button in buttons:  # drawn at one label size (see `row_label_size`)
        button.row = together
    return buttons


# ---------------------------------------------------------------- colours


def button_colours(look: Look, style: str, enabled: bool, hovered: bool) -> tuple[RGB, RGB]:
    """(fill, ink) of a button. Hover looks more active, never paler and never like disabled:
    a coloured button keeps its hue and saturation and moves further from its text; a plain
    one takes the hover colour, further from the page and from the disabled fill."""
    pal = look.pal
    if not enabled:
        return pal.panel, pal.disabled
    fill, ink = pal.button, pal.button_text
    if style == "primary":
        fill, ink = pal.accent, pal.accent_text
    elif style == "on":
        fill, ink = pal.given, pal.given_text
    elif style == "quiet":
        fill = pal.background
    if not hovered:
        return fill, ink
    if style in ("primary", "on"):
        return _stronger(fill, ink), ink
    return pal.hover, ink


def _stronger(fill: RGB, ink: RGB) -> RGB:
    """The fill in the same hue and saturation, lighter under dark words, darker under light."""
    hue, saturation, value = colorsys.rgb_to_hsv(*(c / 255 for c in fill))
    if _luminance(ink) < _luminance(fill):
        value = min(1.0, value + 0.12)
    else:
        value *= 0.8
    r, g, b = colorsys.hsv_to_rgb(hue, saturation, value)
    return round(r * 255), round(g * 255), round(b * 255)


def _luminance(colour: RGB) -> float:
    r, g, b = colour
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
